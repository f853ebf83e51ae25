"""Generated images as arrays and files: sample grids, one PNG per sample, animated GIFs.

PNGs go through :func:`imgstudio.core.io.write_image`; a GIF (which it does not encode) is
encoded by Pillow in memory and written with the same atomic temp-and-rename.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from imgstudio.core.grid import tile_grid
from imgstudio.core.io import atomic_write_bytes, read_image, write_image


def to_images(batch: torch.Tensor) -> np.ndarray:
    """A batch in [-1, 1], ``(N, C, S, S)``, as uint8 images ``(N, S, S, C)``."""
    x = batch.detach().float().clamp(-1.0, 1.0).add(1.0).mul(127.5).round()
    return x.to(torch.uint8).permute(0, 2, 3, 1).contiguous().cpu().numpy()


def grid_image(images: np.ndarray, columns: int | None = None) -> np.ndarray:
    """Images ``(N, S, S, C)`` as one uint8 grid with a 1-pixel gutter (near-square unless ``columns``)."""
    return tile_grid(images, columns=columns)[0]


def save_grid(
    images: np.ndarray, path: str | os.PathLike[str], columns: int | None = None, *, overwrite: bool = False
) -> Path:
    """Write ``images`` as one grid PNG (atomically; an existing file only with ``overwrite``)."""
    return write_image(path, grid_image(images, columns), overwrite=overwrite)


def image_paths(folder: str | os.PathLike[str], count: int, prefix: str = "sample") -> list[Path]:
    """The names :func:`save_images` gives ``count`` images: ``prefix_0000.png`` and so on."""
    return [Path(folder) / f"{prefix}_{i:04d}.png" for i in range(count)]


def save_images(
    images: np.ndarray, folder: str | os.PathLike[str], prefix: str = "sample", *, overwrite: bool = False
) -> list[Path]:
    """Write each image as its own PNG in ``folder`` (created)."""
    paths = image_paths(folder, len(images), prefix)
    for path, image in zip(paths, images, strict=True):
        write_image(path, image, overwrite=overwrite)
    return paths


def gif_bytes(frames: Sequence[np.ndarray], duration_ms: int = 120, loop: bool = True) -> bytes:
    """An animated GIF of uint8 frames (all the same size; gray or RGB)."""
    if not len(frames):
        raise ValueError("an animation needs at least one frame")
    pictures = [Image.fromarray(f[:, :, 0] if f.ndim == 3 and f.shape[2] == 1 else f) for f in frames]
    buffer = io.BytesIO()
    options = {"loop": 0} if loop else {}
    pictures[0].save(buffer, format="GIF", save_all=True, append_images=pictures[1:], duration=duration_ms, **options)
    return buffer.getvalue()


def save_gif(
    frames: Sequence[np.ndarray], path: str | os.PathLike[str], duration_ms: int = 120, *, overwrite: bool = False
) -> Path:
    """Write the frames as an animated GIF, atomically (an existing file only with ``overwrite``)."""
    path = Path(path)
    atomic_write_bytes(path, gif_bytes(frames, duration_ms), overwrite=overwrite)
    return path


def training_samples(run_dir: str | os.PathLike[str]) -> list[Path]:
    """The fixed-noise grids a training run wrote (``samples/step_NNNNNN.png``), in step order."""
    return sorted((Path(run_dir) / "samples").glob("step_*.png"))


def samples_gif(
    run_dir: str | os.PathLike[str],
    path: str | os.PathLike[str] | None = None,
    duration_ms: int = 200,
    *,
    overwrite: bool = True,
) -> Path:
    """Animate a run's fixed-noise grids (noise turning into images); default ``RUN/samples.gif``."""
    frames = [read_image(p)[0] for p in training_samples(run_dir)]
    if not frames:
        raise FileNotFoundError(f"{run_dir}: no training samples (samples/step_*.png) to animate")
    return save_gif(frames, path or Path(run_dir) / "samples.gif", duration_ms, overwrite=overwrite)
