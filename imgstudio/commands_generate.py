"""``imgstudio generate``: images from a trained generator or VAE; and console output for any task's training.

To a folder: one PNG per sample plus ``grid.png`` (with ``--interpolate``: the frames, the
strip and an animated GIF); to a ``.png`` path: the grid alone. Existing files are never
replaced without ``--overwrite``. The last line of output is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_USAGE = 0, 2
_FILE_SUFFIXES = (".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp", ".gif")


class ConsoleMetrics:
    """Engine callback printing each epoch's metrics (whatever the task reports) to stderr."""

    def on_start(self, info: dict[str, Any]) -> None:
        print(
            f"training {info['model']} ({info['parameters']:,} parameters) on {info['device']}: "
            f"{info['train_size']} train / {info['val_size']} val images",
            file=sys.stderr,
        )

    def on_step(self, metrics: dict[str, Any]) -> None:
        pass

    def on_epoch(self, metrics: dict[str, Any]) -> None:
        shown = {k: v for k, v in metrics.items() if k not in ("kind", "epoch", "train_seconds", "lr", "warning")}
        text = "  ".join(f"{k} {v:.4g}" if isinstance(v, float) else f"{k} {v}" for k, v in shown.items())
        print(f"epoch {metrics['epoch']}: {text}", file=sys.stderr, flush=True)
        if metrics.get("warning"):
            print(f"warning: {metrics['warning']}", file=sys.stderr, flush=True)

    def on_samples(self, step: int, path: str, image: Any) -> None:
        pass

    def on_end(self, result: dict[str, Any]) -> None:
        print(f"{result['status']}: run folder {result['out']}", file=sys.stderr)


def _print_json(obj: object) -> None:
    print(json.dumps(obj, ensure_ascii=False), flush=True)


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _pair(text: str) -> tuple[int, int]:
    """``A,B`` as two sample indices (0 or more)."""
    parts = text.split(",")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise ValueError(f"--interpolate takes two sample indices such as 0,5, not {text!r}")
    return int(parts[0]), int(parts[1])


def _class_index(model: Any, ref: str | None) -> int | None:
    """The class a conditional model draws: a class name or index, or None (classes in turn)."""
    if ref is None:
        return None
    if not model.conditional:
        raise ValueError(f"--class needs a class-conditional model (cdcgan); this one is a {model.spec.name}")
    if ref in model.classes:
        return model.classes.index(ref)
    if ref.isdigit() and int(ref) < len(model.classes):
        return int(ref)
    raise ValueError(f"unknown class {ref!r}; the model knows: {', '.join(model.classes)}")


def _targets(out: Path, count: int, interpolating: bool) -> dict[str, Any]:
    """Where each output goes: ``grid`` (a file), ``images`` (a folder's files) and their ``prefix``, ``gif``."""
    from imgstudio.core.ml.generative.media import image_paths

    if out.suffix.lower() == ".png":
        return {"grid": out, "images": [], "prefix": "", "gif": None}
    if out.suffix.lower() in _FILE_SUFFIXES or out.is_file():
        raise ValueError(f"--out must be a folder or a .png file, not {out}")
    prefix = "frame" if interpolating else "sample"
    name = "strip.png" if interpolating else "grid.png"
    gif = out / "interpolation.gif" if interpolating else None
    return {"grid": out / name, "images": image_paths(out, count, prefix), "prefix": prefix, "gif": gif}


def cmd_generate(args: argparse.Namespace) -> int:
    from imgstudio.core.io import ImageWriteError
    from imgstudio.core.ml.checkpoint import CheckpointError
    from imgstudio.core.ml.device import DeviceError
    from imgstudio.core.ml.generative import media
    from imgstudio.core.ml.generative.sampling import load_generator

    if args.n < 1 or args.steps < 2:
        return _fail("--n must be at least 1 and --steps at least 2")
    try:
        pair = _pair(args.interpolate) if args.interpolate else None
        model = load_generator(args.model, args.device)
        label = _class_index(model, args.class_ref)
        count = args.steps if pair else args.n
        targets = _targets(Path(args.out), count, pair is not None)
        planned = [targets["grid"], *targets["images"], *([targets["gif"]] if targets["gif"] else [])]
        existing = [p for p in planned if p.exists()]
        if existing and not args.overwrite:
            return _fail(f"{existing[0]} already exists; use --overwrite to replace it")
        if pair:
            images = model.interpolate_samples(args.seed, *pair, args.steps, args.mode, args.truncation, label)
            columns = len(images)
        else:
            images = model.sample(args.n, args.seed, args.truncation, label)
            columns = None
        files = [media.save_grid(images, targets["grid"], columns, overwrite=args.overwrite)]
        if targets["images"]:
            files += media.save_images(images, Path(args.out), targets["prefix"], overwrite=args.overwrite)
        if targets["gif"]:
            frames = [*images, *images[::-1][1:-1]]  # there and back again
            files.append(media.save_gif(frames, targets["gif"], overwrite=args.overwrite))
    except (CheckpointError, DeviceError, ImageWriteError, OSError, ValueError) as exc:
        return _fail(str(exc))
    result = {
        "model": str(args.model),
        "architecture": model.spec.name,
        "seed": args.seed,
        "n": len(images),
        "grid": str(targets["grid"]),
        "files": [str(f) for f in files],
    }
    if pair:
        result.update(interpolate=list(pair), steps=args.steps, mode=args.mode)
    _print_json(result)
    return EXIT_OK


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``imgstudio generate``."""
    gen = sub.add_parser("generate", help="images from a trained generator or VAE; last line is one JSON object")
    gen.add_argument("--model", required=True, metavar="MODEL_FILE", help="a model file of a --task generate run")
    gen.add_argument("--n", type=int, default=16, help="number of samples (default 16)")
    gen.add_argument("--seed", type=int, default=0, help="the same seed gives the same images (default 0)")
    gen.add_argument(
        "--out", required=True, metavar="DIR_OR_PNG", help="a folder (one PNG per sample plus grid.png) or a .png grid"
    )
    gen.add_argument("--interpolate", metavar="A,B", help="walk the latent space from sample A to sample B of --seed")
    gen.add_argument("--steps", type=int, default=8, help="images along an interpolation, ends included (default 8)")
    gen.add_argument(
        "--mode", choices=["linear", "slerp"], default="linear", help="interpolation path: straight or spherical"
    )
    gen.add_argument("--truncation", type=float, help="redraw noise values beyond this (e.g. 1.5): fewer odd samples")
    gen.add_argument("--class", dest="class_ref", metavar="CLASS", help="class name or index (conditional models)")
    gen.add_argument("--overwrite", action="store_true", help="replace existing output files")
    gen.add_argument("--device", default="auto")
    gen.set_defaults(func=cmd_generate)
