"""Apply a pipeline to a file or a folder of images: progress, cancel, never overwrite."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from imgstudio.core.io import (
    DEFAULT_MAX_PIXELS,
    WRITE_FORMATS,
    ImageReadError,
    ImageWriteError,
    list_images,
    read_image,
    write_image,
)
from imgstudio.core.jobs import JobCancelled, JobContext
from imgstudio.core.pipeline import Pipeline, PipelineError

log = logging.getLogger(__name__)


class BatchConfigError(ValueError):
    """The batch cannot start (bad input or output); the message says why."""


@dataclass
class BatchConfig:
    """What to process and where; the same object for the GUI, the CLI and tests."""

    input: Path
    output: Path
    pipeline: Pipeline
    recursive: bool = False
    format: str | None = None
    """Output format (key of WRITE_FORMATS); None keeps each file's own extension."""
    quality: int | None = None
    overwrite: bool = False
    """Replace files already in the output folder (inputs are never replaced)."""
    seed: int | None = None
    """Seed for random ranges; each image draws from (seed, index)."""
    max_pixels: int = DEFAULT_MAX_PIXELS


@dataclass
class BatchReport:
    """What a batch did, file by file."""

    total: int = 0
    written: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    cancelled: bool = False
    seconds: float = 0.0

    @property
    def processed(self) -> int:
        return len(self.written) + len(self.failed) + len(self.skipped)


def _inside(child: Path, parent: Path) -> bool:
    return child == parent or parent in child.parents


def plan(config: BatchConfig) -> list[tuple[Path, Path]]:
    """(source, destination) pairs; raises :class:`BatchConfigError` for unsafe setups."""
    src = config.input.expanduser()
    out = config.output.expanduser()
    if not src.exists():
        raise BatchConfigError(f"{src}: input not found")
    if config.format is not None and config.format.lower() not in WRITE_FORMATS:
        raise BatchConfigError(
            f"unsupported output format '{config.format}' (use {', '.join(sorted(set(WRITE_FORMATS)))})"
        )
    if out.exists() and not out.is_dir():
        raise BatchConfigError(f"{out}: output exists and is not a folder")
    src_real, out_real = src.resolve(), out.resolve()
    if src.is_dir():
        if _inside(out_real, src_real):
            raise BatchConfigError(f"{out}: the output folder must not be the input folder or inside it")
        files = list_images(src, recursive=config.recursive)
        rel = [f.relative_to(src) for f in files]
    else:
        if out_real == src_real.parent and config.format is None:
            raise BatchConfigError(
                f"{out}: writing into the input's own folder would replace it; choose another folder"
            )
        files, rel = [src], [Path(src.name)]
    ext = WRITE_FORMATS[config.format.lower()] if config.format else None
    pairs = []
    for f, r in zip(files, rel, strict=True):
        dest = out / r
        if ext is not None:
            dest = dest.with_suffix(ext)
        pairs.append((f, dest))
    return pairs


def run(config: BatchConfig, ctx: JobContext | None = None) -> BatchReport:
    """Process every image; failures are collected per file, cancel keeps what was written."""
    ctx = ctx or JobContext()
    pairs = plan(config)
    report = BatchReport(total=len(pairs))
    start = time.monotonic()
    ctx.progress(0, len(pairs), "starting", force=True)
    try:
        for index, (src, dest) in enumerate(pairs):
            ctx.check()
            _process_one(config, index, src, dest, report)
            ctx.progress(index + 1, len(pairs), src.name)
    except JobCancelled:
        report.cancelled = True
    report.seconds = time.monotonic() - start
    return report


def _process_one(config: BatchConfig, index: int, src: Path, dest: Path, report: BatchReport) -> None:
    if dest.exists() and not config.overwrite:
        report.skipped.append((src, f"{dest} already exists"))
        return
    rng = np.random.default_rng([config.seed, index]) if config.seed is not None else None
    try:
        img, _ = read_image(src, max_pixels=config.max_pixels)
        result = config.pipeline.apply(img, rng=rng, max_pixels=config.max_pixels)
        write_image(dest, result, quality=config.quality, overwrite=config.overwrite, protect=(src,))
    except (ImageReadError, ImageWriteError) as exc:
        report.failed.append((src, exc.reason))
    except PipelineError as exc:
        report.failed.append((src, str(exc)))
    except MemoryError:
        report.failed.append((src, "out of memory"))
    except Exception as exc:  # one odd file must not end the batch; the reason is reported
        log.exception("unexpected error on %s", src)
        report.failed.append((src, f"unexpected error: {type(exc).__name__}: {exc}"))
    else:
        report.written.append(dest)
