"""Use a trained generator or VAE from its model file alone: sample, interpolate, encode, reconstruct.

Sample ``i`` of seed ``s`` is decoded from a latent drawn by ``numpy.random.default_rng([s, i])``
and every image is decoded on its own, so a sample is the same whichever other samples are
made with it, on every run. Images are the app's uint8 ``(N, S, S, C)`` arrays.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch

from imgstudio.core.ml.checkpoint import CheckpointError, load_model_file, load_weights_into
from imgstudio.core.ml.generative.build import GenerativeConfig, build_generative
from imgstudio.core.ml.generative.media import to_images
from imgstudio.core.ml.preprocess import preprocess_for_model

MODES = ("linear", "slerp")


def latent_vector(size: int, seed: int, index: int, truncation: float | None = None) -> np.ndarray:
    """The standard-normal latent of sample ``index`` of ``seed``; with ``truncation``, |values| <= it.

    Truncation redraws the values outside [-t, t] (a truncated normal): less variety, fewer odd samples.
    """
    if truncation is not None and truncation <= 0:
        raise ValueError(f"truncation must be positive, not {truncation}")
    rng = np.random.default_rng([seed, index])
    z = rng.standard_normal(size)
    while truncation is not None and (outside := np.abs(z) > truncation).any():
        z[outside] = rng.standard_normal(int(outside.sum()))
    return z.astype(np.float32)


def interpolate_latents(a: torch.Tensor, b: torch.Tensor, steps: int, mode: str = "linear") -> torch.Tensor:
    """``steps`` latents from ``a`` to ``b`` (both included exactly), along a line or a great circle (slerp)."""
    if mode not in MODES:
        raise ValueError(f"interpolation mode must be one of {', '.join(MODES)}, not {mode!r}")
    if steps < 2:
        raise ValueError(f"an interpolation needs at least 2 steps, not {steps}")
    a64, b64 = a.double(), b.double()
    t = torch.linspace(0.0, 1.0, steps, dtype=torch.float64)[:, None]
    cos = torch.dot(a64, b64) / (a64.norm() * b64.norm()).clamp_min(1e-12)
    omega = torch.arccos(cos.clamp(-1.0, 1.0))
    if mode == "linear" or float(torch.sin(omega)) < 1e-6:  # (anti)parallel: slerp degenerates to a line
        path = (1 - t) * a64 + t * b64
    else:
        path = (torch.sin((1 - t) * omega) * a64 + torch.sin(t * omega) * b64) / torch.sin(omega)
    path = path.to(a.dtype)
    path[0], path[-1] = a, b
    return path


@dataclass
class GenerativeModel:
    """A loaded generator (DCGAN) or VAE and what its file says about it."""

    module: torch.nn.Module
    spec: GenerativeConfig
    meta: dict[str, Any]
    device: torch.device

    @property
    def is_vae(self) -> bool:
        return self.spec.name == "vae"

    @property
    def classes(self) -> list[str]:
        return list(self.meta.get("classes", []))

    @property
    def conditional(self) -> bool:
        return self.spec.num_classes > 0

    def latent(self, seed: int, index: int, truncation: float | None = None) -> torch.Tensor:
        """The latent of sample ``index`` of ``seed``."""
        return torch.from_numpy(latent_vector(self.spec.latent_size, seed, index, truncation))

    def label_of(self, index: int, label: int | None = None) -> int | None:
        """The class a conditional model draws sample ``index`` in (``label``, else classes in turn)."""
        if not self.conditional:
            return None
        chosen = index % self.spec.num_classes if label is None else label
        if not 0 <= chosen < self.spec.num_classes:
            raise ValueError(f"class index {chosen} is out of range (0 to {self.spec.num_classes - 1})")
        return chosen

    @torch.inference_mode()
    def decode(self, latents: torch.Tensor, labels: Sequence[int | None] | None = None) -> np.ndarray:
        """Images for latents ``(N, latent)`` (and classes, for a conditional model), one at a time."""
        images = []
        for i, z in enumerate(latents):
            z = z[None].to(self.device, torch.float32)
            if self.is_vae:
                out = self.module.decode(z)
            else:
                label = None if labels is None or labels[i] is None else torch.tensor([labels[i]], device=self.device)
                if self.conditional and label is None:
                    raise ValueError("a conditional model needs a class for every sample")
                out = self.module.generator(z, label)
            images.append(to_images(out)[0])
        return np.stack(images) if images else np.zeros((0, *self.image_shape), np.uint8)

    @property
    def image_shape(self) -> tuple[int, int, int]:
        return (self.spec.image_size, self.spec.image_size, self.spec.channels)

    def sample(
        self, n: int, seed: int = 0, truncation: float | None = None, label: int | None = None, start: int = 0
    ) -> np.ndarray:
        """Samples ``start`` to ``start + n - 1`` of ``seed``: the same images for the same arguments."""
        if n < 0:
            raise ValueError(f"the number of samples must be 0 or more, not {n}")
        indices = range(start, start + n)
        latents = torch.stack([self.latent(seed, i, truncation) for i in indices]) if n else torch.zeros(0)
        return self.decode(latents, [self.label_of(i, label) for i in indices])

    def interpolate(
        self,
        a: torch.Tensor,
        b: torch.Tensor,
        steps: int,
        mode: str = "linear",
        label: int | None = None,
    ) -> np.ndarray:
        """``steps`` images from latent ``a`` to latent ``b`` (a conditional model keeps one ``label``)."""
        path = interpolate_latents(a, b, steps, mode)
        return self.decode(path, [self.label_of(0, label)] * steps)

    def interpolate_samples(
        self,
        seed: int,
        a: int,
        b: int,
        steps: int,
        mode: str = "linear",
        truncation: float | None = None,
        label: int | None = None,
    ) -> np.ndarray:
        """From sample ``a`` of ``seed`` to sample ``b``: the ends are exactly those two samples."""
        chosen = self.label_of(a, label)  # one class all the way (a conditional model): sample a's unless given
        return self.interpolate(self.latent(seed, a, truncation), self.latent(seed, b, truncation), steps, mode, chosen)

    def _require_vae(self, what: str) -> None:
        if not self.is_vae:
            raise ValueError(f"{what} needs a VAE; this model is a {self.spec.name}")

    @torch.inference_mode()
    def encode(self, images: Sequence[np.ndarray]) -> torch.Tensor:
        """VAE: the latent means ``(N, latent)`` of images (any size or channels; converted like training)."""
        self._require_vae("encoding images")
        batch = torch.stack(
            [
                preprocess_for_model(img, self.spec.image_size, self.spec.channels, self.meta["mean"], self.meta["std"])
                for img in images
            ]
        )
        mean, _ = self.module.encode(batch.to(self.device))
        return mean.float().cpu()

    def reconstruct(self, images: Sequence[np.ndarray]) -> np.ndarray:
        """VAE: each image encoded and decoded again."""
        return self.decode(self.encode(images))

    def interpolate_images(self, a: np.ndarray, b: np.ndarray, steps: int, mode: str = "linear") -> np.ndarray:
        """VAE: from the reconstruction of image ``a`` to that of image ``b`` through the latent space."""
        za, zb = self.encode([a, b])
        return self.interpolate(za, zb, steps, mode)


def load_generator(path: str | os.PathLike[str], device: str = "auto") -> GenerativeModel:
    """Rebuild the generative model a file describes and load its weights (no code is run)."""
    path = Path(path)
    weights, meta = load_model_file(path)
    if meta.get("task") != "generate" or "generative_config" not in meta:
        kind = meta.get("task", "unknown")
        raise CheckpointError(f"{path}: a {kind} model, not a generator or VAE (train one with --task generate)")
    what = "the generative model it names"
    try:
        spec = GenerativeConfig(**meta["generative_config"]).resolved()
    except (TypeError, ValueError) as exc:
        raise CheckpointError(f"{path}: weights do not fit {what} ({exc})") from exc
    module, target = load_weights_into(path, weights, lambda: build_generative(spec), what, device)
    return GenerativeModel(module, spec, meta, target)
