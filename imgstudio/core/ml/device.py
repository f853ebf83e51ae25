"""Choose the compute device: cpu, cuda or mps ("auto" picks the best available)."""

from __future__ import annotations

import torch

DEVICE_CHOICES = ("auto", "cpu", "cuda", "mps")


class DeviceError(ValueError):
    """The asked-for device does not exist on this machine."""


def available_devices() -> list[str]:
    """Devices usable here, best first."""
    found = []
    if torch.cuda.is_available():
        found.append("cuda")
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        found.append("mps")
    found.append("cpu")
    return found


def choose_device(name: str = "auto") -> torch.device:
    """The torch device for ``name``; a clear error when it is not available."""
    name = (name or "auto").lower()
    if name not in DEVICE_CHOICES and not name.startswith("cuda:"):
        raise DeviceError(f"unknown device '{name}' (use one of: {', '.join(DEVICE_CHOICES)})")
    if name == "auto":
        return torch.device(available_devices()[0])
    if name.startswith("cuda") and not torch.cuda.is_available():
        raise DeviceError("CUDA was asked for, but no CUDA GPU is available here (use --device cpu or auto)")
    if name == "mps" and "mps" not in available_devices():
        raise DeviceError("MPS was asked for, but it is not available here (use --device cpu or auto)")
    return torch.device(name)


def describe_device(device: torch.device) -> str:
    """Human description, e.g. 'cuda (NVIDIA H100)' or 'cpu (8 threads)'."""
    if device.type == "cuda":
        return f"cuda ({torch.cuda.get_device_name(device)})"
    if device.type == "cpu":
        return f"cpu ({torch.get_num_threads()} threads)"
    return device.type


def torch_versions() -> dict[str, str]:
    """torch, torchvision, CUDA build and the device "auto" picks (for About boxes and reports)."""
    import torchvision

    best = choose_device("auto")
    return {
        "torch": torch.__version__,
        "torchvision": torchvision.__version__,
        "CUDA build": torch.version.cuda or "none (CPU build)",
        "device": describe_device(best),
        "devices": ", ".join(available_devices()),
    }
