"""Seconds to 95 % validation accuracy: the app's engine with its defaults vs a naive PyTorch loop.

The article's CNN (``article-cnn``) on the synthetic shapes set at 64x64, on the CPU, in
one process, one after the other (the order alternates when ``--repeats`` > 1):

- **app**: ``engine.run`` with a ``TrainConfig`` that sets only the data, model, image
  size, run folder, ``device="cpu"``, an epochs cap and the synthetic set sizes; every
  other setting (batch size, optimizer, learning rate and schedule, channels_last,
  cached data, normalisation, ...) is the app's default. A callback cancels the job
  when ``val_accuracy`` >= the target. Timed from the ``run`` call (data set, model and
  run folder set-up included) to the end of the epoch whose validation reached it.
- **naive**: what a first PyTorch script does: Adam 1e-3, batch 32, NCHW, no schedule,
  every image generated again every epoch (no cache; the synthetic set's equivalent of
  decoding every file every epoch) and scaled with mean = std = 0.5, validation accuracy
  measured after every epoch on the same validation images as the app's.

Both use the same seed, set sizes and images. Repetition ``k`` uses seed ``--seed + k``
for both sides (data and initial weights), because the epoch in which a run crosses 95 %
depends on the seed by one or two epochs either way: one seed alone says little.
``ratio`` = app_seconds / naive_seconds, the median of the per-seed ratios (target
<= 0.8); ``ratio_of_totals`` divides the summed seconds. A side that does not reach the
target within the epochs cap is reported as "not reached". To keep the whole run
within about 10 minutes on a 2-core machine, a naive run is stopped after
``--time-limit`` seconds (120; the app gets twice that): its time then counts as a
lower bound and that seed's ratio as an upper bound (``ratio_is_upper_bound``), so the
cut can only understate the app's advantage. An app run that does not get there makes
``ratio`` null. PyTorch's one-off cost of the first optimizer in a process
(it imports ``torch._dynamo``, about 2-3 s) is paid before either side is timed.

The default sizes are 4000 training / 500 validation images: with 2000 training
images this CNN overfits and levels off below 95 % (about 0.92-0.946 on 500 validation
images), so neither side would ever get there.

Usage: python benchmarks/time_to_accuracy.py [--train 4000] [--val 500] [--epochs 20]
       [--repeats 3] [--target 0.95] [--time-limit 120] [--seed 0]

Progress goes to stderr; the last line of stdout is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from typing import Any

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset

from imgstudio.core.jobs import JobContext
from imgstudio.core.ml import engine, shapes
from imgstudio.core.ml.config import TrainConfig
from imgstudio.core.ml.models import ModelConfig, build_model

MODEL = "article-cnn"
TARGET_RATIO = 0.8


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- the app ------------------------------------------------------------------------------


class StopAtAccuracy(engine.Callback):
    """Records every epoch; cancels the job once validation accuracy reaches the target or time is up."""

    def __init__(self, ctx: JobContext, target: float, time_limit: float, start: float) -> None:
        self.ctx, self.target, self.time_limit, self.start = ctx, target, time_limit, start
        self.curve: list[dict[str, float]] = []
        self.reached: dict[str, float] | None = None

    def on_epoch(self, metrics: dict[str, Any]) -> None:
        elapsed = time.perf_counter() - self.start
        point = {
            "epoch": int(metrics["epoch"]),
            "seconds": round(elapsed, 2),
            "val_accuracy": round(float(metrics["val_accuracy"]), 4),
            "images_per_s": round(float(metrics["images_per_s"]), 1),
        }
        self.curve.append(point)
        log(f"  app   epoch {point['epoch']:2d}: val accuracy {point['val_accuracy']:.3f} at {elapsed:6.1f} s")
        if self.reached is None and metrics["val_accuracy"] >= self.target:
            self.reached = point
            self.ctx.cancel()
        elif elapsed > self.time_limit:
            self.ctx.cancel()


def run_app(args: argparse.Namespace, seed: int, out: str) -> dict[str, Any]:
    config = TrainConfig(
        data="synthetic:shapes",
        model=MODEL,
        image_size=args.image_size,
        out=out,
        device="cpu",
        epochs=args.epochs,
        synthetic_train=args.train,
        synthetic_val=args.val,
    )
    if seed != config.seed:  # the default seed is left alone
        config.seed = seed
    ctx = JobContext()
    start = time.perf_counter()
    callback = StopAtAccuracy(ctx, args.target, 2 * args.time_limit, start)
    engine.run(config, ctx, [callback])
    total = time.perf_counter() - start
    reached = callback.reached
    return {
        "reached": reached is not None,
        "seconds": reached["seconds"] if reached else None,
        "epochs": reached["epoch"] if reached else None,
        "seconds_run": round(total, 2),
        "curve": callback.curve,
        "images_per_s": _median([p["images_per_s"] for p in callback.curve]),
        "config": {
            key: getattr(config, key)
            for key in ("batch_size", "optimizer", "lr", "scheduler", "warmup_epochs", "channels_last", "epochs")
        },
    }


# -- the naive loop ---------------------------------------------------------------------------


class NaiveShapes(Dataset):
    """The shapes split, every item rendered again on every access (no cache), scaled to [-1, 1]."""

    def __init__(self, seed: int, split: str, count: int, size: int) -> None:
        self.seed, self.split, self.count, self.size = seed, split, count, size

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: int) -> tuple[torch.Tensor, int]:
        img, label = shapes.shapes_item(self.seed, self.split, index, self.size)
        x = torch.from_numpy(img).permute(2, 0, 1).float().div(255.0)
        return (x - 0.5) / 0.5, label


def run_naive(args: argparse.Namespace, seed: int) -> dict[str, Any]:
    start = time.perf_counter()
    torch.manual_seed(seed)
    model, _ = build_model(ModelConfig(MODEL, len(shapes.SHAPE_CLASSES), 3, args.image_size))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    train = DataLoader(NaiveShapes(seed, "train", args.train, args.image_size), batch_size=32, shuffle=True)
    val = DataLoader(NaiveShapes(seed, "val", args.val, args.image_size), batch_size=32)
    curve: list[dict[str, float]] = []
    reached = None
    for epoch in range(1, args.epochs + 1):
        model.train()
        seen, epoch_start = 0, time.perf_counter()
        for inputs, targets in train:
            loss = F.cross_entropy(model(inputs), targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            seen += len(targets)
        train_s = time.perf_counter() - epoch_start
        model.eval()
        correct = 0
        with torch.no_grad():
            for inputs, targets in val:
                correct += int((model(inputs).argmax(dim=1) == targets).sum())
        elapsed = time.perf_counter() - start
        point = {
            "epoch": epoch,
            "seconds": round(elapsed, 2),
            "val_accuracy": round(correct / args.val, 4),
            "images_per_s": round(seen / train_s, 1),
        }
        curve.append(point)
        log(f"  naive epoch {epoch:2d}: val accuracy {point['val_accuracy']:.3f} at {elapsed:6.1f} s")
        if correct / args.val >= args.target:
            reached = point
            break
        if elapsed > args.time_limit:
            break
    return {
        "reached": reached is not None,
        "seconds": reached["seconds"] if reached else None,
        "epochs": reached["epoch"] if reached else None,
        "seconds_run": round(time.perf_counter() - start, 2),
        "curve": curve,
        "images_per_s": _median([p["images_per_s"] for p in curve]),
        "config": {"batch_size": 32, "optimizer": "adam", "lr": 1e-3, "scheduler": "none", "channels_last": False},
    }


# -- the comparison -----------------------------------------------------------------------------


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 3) if values else None


def summarise(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians over the repetitions (a run that was cut off counts with the seconds it ran: a lower bound)."""
    reached = all(r["reached"] for r in runs)
    return {
        "status": "reached" if reached else f"not reached in {sum(not r['reached'] for r in runs)} of {len(runs)} runs",
        "seconds": _median([r["seconds"] if r["reached"] else r["seconds_run"] for r in runs]),
        "seconds_is_lower_bound": not reached,
        "epochs": _median([r["epochs"] if r["reached"] else len(r["curve"]) for r in runs]),
        "images_per_s": _median([r["images_per_s"] for r in runs if r["images_per_s"] is not None]),
        "config": runs[0]["config"],
        "runs": [{k: v for k, v in r.items() if k != "config"} for r in runs],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=int, default=4000, help="synthetic training images (both sides)")
    parser.add_argument("--val", type=int, default=500, help="synthetic validation images (both sides)")
    parser.add_argument("--epochs", type=int, default=20, help="epochs cap (both sides; the app's config.epochs)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each side, interleaved, one seed each")
    parser.add_argument("--target", type=float, default=0.95, help="validation accuracy to reach")
    parser.add_argument(
        "--time-limit", type=float, default=120.0, help="stop the naive loop after this many seconds (the app: twice)"
    )
    parser.add_argument("--image-size", type=int, default=64)
    parser.add_argument("--seed", type=int, default=0, help="seed of the first repetition (the app's default)")
    args = parser.parse_args()

    torch.optim.Adam([torch.zeros(1, requires_grad=True)])  # the one-off import of torch._dynamo, for neither side

    runs: dict[str, list[dict[str, Any]]] = {"app": [], "naive": []}
    ratios: list[float | None] = []
    with tempfile.TemporaryDirectory(prefix="imgstudio-tta-") as tmp:
        for rep in range(args.repeats):
            order = ("app", "naive") if rep % 2 == 0 else ("naive", "app")
            seed = args.seed + rep
            for side in order:
                log(f"repetition {rep + 1}/{args.repeats} (seed {seed}): {side}")
                result = run_app(args, seed, f"{tmp}/app{rep}") if side == "app" else run_naive(args, seed)
                result["seed"] = seed
                runs[side].append(result)
                if result["reached"]:
                    log(f"  {side}: {result['seconds']} s, {result['epochs']} epochs")
                else:
                    log(f"  {side}: not reached (stopped after {result['seconds_run']} s)")
            app, naive = runs["app"][-1], runs["naive"][-1]
            # a naive run that was stopped ran at least this long: the ratio is then an upper bound
            ratios.append(app["seconds"] / (naive["seconds"] or naive["seconds_run"]) if app["reached"] else None)

    app, naive = summarise(runs["app"]), summarise(runs["naive"])
    app_ok = all(r is not None for r in ratios)
    ratio = round(statistics.median(ratios), 4) if app_ok else None
    totals = {side: sum(r["seconds"] or r["seconds_run"] for r in runs[side]) for side in runs}
    summary = {
        "benchmark": "time_to_accuracy",
        "status": "reached"
        if app["status"] == naive["status"] == "reached"
        else f"app {app['status']}, naive {naive['status']}",
        "ratio": ratio,
        "ratio_is_upper_bound": naive["seconds_is_lower_bound"],
        "target_ratio": TARGET_RATIO,
        "ok": ratio is not None and ratio <= TARGET_RATIO,
        "app_seconds": app["seconds"],
        "naive_seconds": naive["seconds"],
        "app_epochs": app["epochs"],
        "naive_epochs": naive["epochs"],
        "ratio_of_totals": round(totals["app"] / totals["naive"], 4) if app_ok else None,
        "ratios": [None if r is None else round(r, 4) for r in ratios],
        "accuracy_target": args.target,
        "model": MODEL,
        "image_size": args.image_size,
        "train": args.train,
        "val": args.val,
        "epochs_cap": args.epochs,
        "repeats": args.repeats,
        "seeds": [args.seed + rep for rep in range(args.repeats)],
        "torch_threads": torch.get_num_threads(),
        "app": app,
        "naive": naive,
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
