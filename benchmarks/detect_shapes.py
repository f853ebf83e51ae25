"""Can the default trainable detector learn ``synthetic:shapes-detect`` on a CPU in minutes?

Trains ``tiny-det`` through the app's engine (``engine.run``) with the configuration
``imgstudio train --task detect`` uses (128 px, Adam 2e-3, cosine with warm-up, batch 16,
4000 images per epoch, 5 epochs), on the CPU, stopped early when ``--minutes`` of wall time
have passed (the engine keeps the weights so far). The final weights (best by ``val_map50``
when the run finished) are then evaluated with ``evaluate_detector`` on ``--test`` images of
the synthetic ``test`` split with another seed, never seen in training or validation.

Target (the Recognise issue): mAP@0.5 >= 0.8 within 10 minutes of CPU training. Timing on a
shared machine is noisy: the load average and the torch thread count are reported.

Usage: python benchmarks/detect_shapes.py [--minutes 10] [--epochs 5] [--train 4000] [--val 300]
       [--test 500] [--image-size 128] [--threads 0] [--seed 0] [--out DIR]

Progress goes to stderr; the last line of stdout is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import torch

from imgstudio.commands_generate import ConsoleMetrics
from imgstudio.core.jobs import JobContext
from imgstudio.core.ml import engine
from imgstudio.core.ml.config import TrainConfig
from imgstudio.core.ml.detection.infer import evaluate_detector, load_detector


class WallClockBudget(engine.Callback):
    """Asks the run to stop once ``seconds`` of wall time have passed since it started."""

    def __init__(self, ctx: JobContext, seconds: float) -> None:
        self.ctx, self.seconds = ctx, seconds
        self.start = time.perf_counter()

    def on_step(self, metrics: dict[str, Any]) -> None:
        if time.perf_counter() - self.start >= self.seconds:
            self.ctx.cancel()


def train(args: argparse.Namespace, out: Path) -> tuple[dict[str, Any], float, int]:
    """The run summary, its wall time in seconds and the batch size."""
    config = TrainConfig.for_task(
        "detect",
        data="synthetic:shapes-detect",
        image_size=args.image_size,
        epochs=args.epochs,
        synthetic_train=args.train,
        synthetic_val=args.val,
        seed=args.seed,
        device="cpu",
        out=str(out),
    )
    ctx = JobContext()
    budget = WallClockBudget(ctx, args.minutes * 60)
    summary = engine.run(config, ctx, [budget, ConsoleMetrics()])
    return summary, time.perf_counter() - budget.start, config.batch_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="wall-time budget for training (default 10)")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--train", type=int, default=4000, help="synthetic training images per epoch")
    parser.add_argument("--val", type=int, default=300, help="synthetic validation images (best-model choice)")
    parser.add_argument("--test", type=int, default=500, help="held-out test images for the reported mAP")
    parser.add_argument("--image-size", dest="image_size", type=int, default=128)
    parser.add_argument("--threads", type=int, default=0, help="CPU threads for torch (default 0: torch's choice)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", help="keep the run folder here (default: a temporary folder)")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    with tempfile.TemporaryDirectory(prefix="imgstudio-detect-") as tmp:
        out = Path(args.out) if args.out else Path(tmp) / "run"
        summary, seconds, batch_size = train(args, out)
        model = out / ("best.safetensors" if summary["status"] == "finished" else "last.safetensors")
        started = time.perf_counter()
        evaluation = evaluate_detector(
            load_detector(model, "cpu"), "synthetic:shapes-detect", synthetic_count=args.test, seed=args.seed + 1
        )
        eval_seconds = time.perf_counter() - started
    report = evaluation.as_dict()
    print(
        f"{summary['status']} after {seconds / 60:.1f} min, {summary['steps']} steps; "
        f"test mAP@0.5 {report['map50']:.3f}, mAP@0.5:0.95 {report['map50_95']:.3f}",
        file=sys.stderr,
    )
    result = {
        "benchmark": "detect_shapes",
        "model": summary["model"],
        "status": summary["status"],
        "minutes": round(seconds / 60, 2),
        "budget_minutes": args.minutes,
        "epochs_done": summary["epochs_done"],
        "steps": summary["steps"],
        "images": summary["steps"] * batch_size,
        "image_size": args.image_size,
        "map50": report["map50"],
        "map50_95": report["map50_95"],
        "per_class_ap50": {k: v["ap50"] for k, v in report["per_class"].items()},
        "per_class_ap": {k: v["ap"] for k, v in report["per_class"].items()},
        "test_images": args.test,
        "eval_seconds": round(eval_seconds, 1),
        "model_file": model.name,
        "threads": torch.get_num_threads(),
        "cpus": os.cpu_count(),
        "load_average_before": load_before,
        "load_average_after": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
    }
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
