"""Model files and resumable training state, written atomically.

A model file is safetensors: the weights plus metadata (architecture, its config, class
names, input size, channels, normalisation) under the key ``imgstudio``, so the file alone
is enough to predict. It never runs code when loaded. The training state (optimizer,
scheduler, epoch, RNG) is a ``torch.save`` file read back with ``weights_only=True``.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import torch
from safetensors import SafetensorError
from safetensors.torch import load as load_safetensors
from safetensors.torch import save as save_safetensors

from imgstudio.core.io import atomic_write_bytes
from imgstudio.core.ml.device import choose_device

MODEL_FORMAT = "imgstudio-model"
MODEL_VERSION = 1


class CheckpointError(ValueError):
    """A model or state file is missing, corrupt or not ours; the message names the file."""


def save_model(path: str | os.PathLike[str], model: torch.nn.Module, metadata: dict[str, Any]) -> Path:
    """Write the model's weights and ``metadata`` as a safetensors file (atomically)."""
    path = Path(path)
    tensors = {k: v.detach().to("cpu").contiguous() for k, v in model.state_dict().items()}
    meta = {"format": MODEL_FORMAT, "version": MODEL_VERSION, **metadata}
    data = save_safetensors(tensors, metadata={"imgstudio": json.dumps(meta, ensure_ascii=False)})
    atomic_write_bytes(path, data, overwrite=True)
    return path


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise CheckpointError(f"{path}: model file not found")
    return path.read_bytes()


def read_metadata(data: bytes, path: Path) -> dict[str, Any]:
    """The imgstudio metadata of a safetensors file's bytes."""
    if len(data) < 8:
        raise CheckpointError(f"{path}: not a model file (too short)")
    header_len = int.from_bytes(data[:8], "little")
    if header_len <= 0 or header_len > len(data) - 8:
        raise CheckpointError(f"{path}: not a safetensors model file")
    try:
        header = json.loads(data[8 : 8 + header_len])
        meta = json.loads(header.get("__metadata__", {}).get("imgstudio", "null"))
    except (json.JSONDecodeError, UnicodeDecodeError, AttributeError) as exc:
        raise CheckpointError(f"{path}: corrupt model header ({exc})") from exc
    if not isinstance(meta, dict) or meta.get("format") != MODEL_FORMAT:
        raise CheckpointError(f"{path}: a safetensors file, but not an imgstudio model (no metadata)")
    if int(meta.get("version", 0)) > MODEL_VERSION:
        raise CheckpointError(f"{path}: written by a newer imgstudio (model format {meta['version']})")
    return meta


def require_metadata(path: str | os.PathLike[str], meta: dict[str, Any], keys: Sequence[str], what: str) -> None:
    """Refuse a model file whose metadata lacks any of ``keys`` (``what``: "model", "detector")."""
    missing = [k for k in keys if k not in meta]
    if missing:
        raise CheckpointError(f"{path}: {what} metadata lacks {', '.join(missing)}")


def load_weights_into(
    path: str | os.PathLike[str],
    weights: dict[str, torch.Tensor],
    build: Callable[[], torch.nn.Module],
    what: str,
    device: str,
) -> tuple[torch.nn.Module, torch.device]:
    """``build()`` the network a model file names, load its ``weights`` and put it on ``device`` in
    eval mode. A network that cannot be built or whose weights do not fit is a CheckpointError
    naming ``what`` ("the detector tiny-det")."""
    try:
        module = build()
        module.load_state_dict(weights)
    except (TypeError, ValueError, RuntimeError) as exc:
        raise CheckpointError(f"{path}: weights do not fit {what} ({exc})") from exc
    target = choose_device(device)
    return module.to(target).eval(), target


def load_model_file(path: str | os.PathLike[str]) -> tuple[dict[str, torch.Tensor], dict[str, Any]]:
    """(state_dict, metadata) of a model file; never executes code from the file."""
    path = Path(path)
    data = _read(path)
    meta = read_metadata(data, path)
    try:
        tensors = load_safetensors(data)
    except (SafetensorError, ValueError, RuntimeError) as exc:
        raise CheckpointError(f"{path}: corrupt weights ({exc})") from exc
    return tensors, meta


def save_state(path: str | os.PathLike[str], state: dict[str, Any]) -> Path:
    """Write a resumable training state (tensors, numbers, strings, dicts) atomically."""
    buffer = io.BytesIO()
    torch.save(state, buffer)
    atomic_write_bytes(path, buffer.getvalue(), overwrite=True)
    return Path(path)


def load_state(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read a training state with ``weights_only=True``: a pickle that runs code is refused."""
    path = Path(path)
    if not path.is_file():
        raise CheckpointError(f"{path}: training state not found")
    try:
        state = torch.load(io.BytesIO(path.read_bytes()), map_location="cpu", weights_only=True)
    except Exception as exc:  # UnpicklingError for hostile files, EOFError/RuntimeError for corrupt ones
        raise CheckpointError(f"{path}: refused or corrupt training state ({type(exc).__name__}: {exc})") from exc
    if not isinstance(state, dict):
        raise CheckpointError(f"{path}: not an imgstudio training state")
    return state
