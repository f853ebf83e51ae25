"""Does Grad-CAM point at the object? The pointing game on synthetic shapes, and Grad-CAM latency.

A CNN is trained briefly on synthetic:shapes with the app's engine (``engine.run`` with a
``TrainConfig``, on the CPU). Then, on ``--samples`` boxed images of the shapes test split
(``shapes_item_with_box``, never seen in training), the pointing game counts how often the
peak of the class activation map (for the predicted class, at the default layer: the last
convolution's rectified maps) falls inside the shape's bounding box. The same is measured
for ``--random-inits`` randomly initialised models of the same architecture (the sanity
check of Adebayo et al., 2018: a map that does not depend on the weights explains nothing),
and for two baselines that look at no model: always the image centre, and a uniformly
random point (the mean share of the image the boxes cover).

The shapes are large and rarely far from the centre, so the centre alone scores about 0.94
on the test split: the scores are also given on an "off-centre" set, the first
``--samples`` test images whose box does not hold the image centre (centre baseline 0).
Random CNNs score well above the uniform baseline too: their maps follow the shape's
strong edges.

Latency: median milliseconds of one ``grad_cam`` call (each method, default layer and
predicted class) on a 224 x 224 image for the article's CNN at 224 px (random weights:
the time does not depend on them), after a warm-up.

Usage: python benchmarks/gradcam_pointing.py [--models small-cnn,article-cnn] [--image-size 32]
       [--train 2000] [--val 200] [--epochs 10] [--lr 3e-3] [--samples 200] [--random-inits 3]
       [--latency-runs 20] [--seed 0]

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

import numpy as np
import torch

from imgstudio.core.jobs import JobContext
from imgstudio.core.ml import engine, explain
from imgstudio.core.ml.config import TrainConfig
from imgstudio.core.ml.infer import LoadedModel, load_model
from imgstudio.core.ml.models import ModelConfig, build_model
from imgstudio.core.ml.shapes import SHAPE_CLASSES, shapes_item_with_box

LATENCY_MODEL = "article-cnn"
LATENCY_SIZE = 224

Samples = list[tuple[np.ndarray, tuple[int, int, int, int]]]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def train(args: argparse.Namespace, model_name: str, out: str) -> tuple[LoadedModel, dict[str, Any]]:
    config = TrainConfig(
        data="synthetic:shapes",
        model=model_name,
        image_size=args.image_size,
        epochs=args.epochs,
        lr=args.lr,
        synthetic_train=args.train,
        synthetic_val=args.val,
        seed=args.seed,
        out=out,
        device="cpu",
    )
    start = time.perf_counter()
    result = engine.run(config, JobContext())
    seconds = time.perf_counter() - start
    model = load_model(result["best_model"], "cpu")
    best = result["best"]  # the monitored metric, validation accuracy by default
    log(f"  trained {model_name} in {seconds:.1f} s: {result['status']}, best {result['monitor']} {best}")
    return model, {"train_seconds": round(seconds, 1), f"best_{result['monitor']}": best}


def boxed_samples(args: argparse.Namespace, off_centre: bool) -> Samples:
    """The first ``--samples`` boxed test images (only those whose box misses the centre, if asked)."""
    samples: Samples = []
    index = 0
    centre = args.image_size // 2
    while len(samples) < args.samples:
        img, _, (x, y, w, h) = shapes_item_with_box(args.seed, "test", index, args.image_size)
        index += 1
        if not off_centre or not (x <= centre < x + w and y <= centre < y + h):
            samples.append((img, (x, y, w, h)))
    return samples


def pointing(model: LoadedModel, samples: Samples) -> dict[str, float]:
    return {method: round(explain.pointing_game(model, samples, method), 4) for method in explain.METHODS}


def baselines(samples: Samples) -> dict[str, float]:
    """Scores of maps that ignore the model: the image centre, and a uniformly random point."""
    centre = uniform = 0.0
    for image, (x, y, w, h) in samples:
        cy, cx = image.shape[0] // 2, image.shape[1] // 2
        centre += x <= cx < x + w and y <= cy < y + h
        uniform += w * h / (image.shape[0] * image.shape[1])
    return {"centre": round(centre / len(samples), 4), "uniform_random": round(uniform / len(samples), 4)}


def scores(trained: LoadedModel, randoms: list[LoadedModel], samples: Samples) -> dict[str, Any]:
    """Pointing game of the trained model, of the random ones (and their mean), and the baselines."""
    mine = pointing(trained, samples)
    others = [pointing(r, samples) for r in randoms]
    mean = {m: round(statistics.mean(r[m] for r in others), 4) for m in explain.METHODS}
    log(f"    trained {mine}, random inits {others}")
    return {
        "trained": mine,
        "random_mean": mean,
        "random": others,
        "margin": {m: round(mine[m] - mean[m], 4) for m in explain.METHODS},
        "baselines": baselines(samples),
    }


def evaluate(args: argparse.Namespace, model_name: str, tmp: str) -> dict[str, Any]:
    log(f"{model_name}: training on synthetic:shapes at {args.image_size} px")
    model, training = train(args, model_name, f"{tmp}/{model_name}")
    randoms = []
    for k in range(args.random_inits):
        torch.manual_seed(args.seed + 1000 + k)
        module, _ = build_model(ModelConfig(model_name, len(SHAPE_CLASSES), model.channels, model.image_size))
        randoms.append(LoadedModel(module.eval(), model.meta, model.device))
    result: dict[str, Any] = {**training, "layer": explain.default_cam_layer(model.module)}
    for subset, off_centre in (("all", False), ("off_centre", True)):
        log(f"  {subset} test images:")
        result[subset] = scores(model, randoms, boxed_samples(args, off_centre))
    return result


def latency(runs: int) -> dict[str, float]:
    torch.manual_seed(0)
    module, _ = build_model(ModelConfig(LATENCY_MODEL, 10, 3, LATENCY_SIZE))
    meta = {"classes": [str(i) for i in range(10)], "image_size": LATENCY_SIZE, "channels": 3}
    model = LoadedModel(module.eval(), {**meta, "mean": [0.5] * 3, "std": [0.25] * 3}, torch.device("cpu"))
    image = np.random.default_rng(0).integers(0, 256, (LATENCY_SIZE, LATENCY_SIZE, 3), dtype=np.uint8)
    result = {}
    for method in explain.METHODS:
        explain.grad_cam(model, image, method=method)  # warm-up (and the default layer, found once per model)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            explain.grad_cam(model, image, method=method)
            times.append((time.perf_counter() - start) * 1000)
        result[f"{method}_median_ms"] = round(statistics.median(times), 2)
        log(
            f"latency {LATENCY_MODEL} {LATENCY_SIZE} px {method}: {result[f'{method}_median_ms']} ms (median of {runs})"
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default="small-cnn", help="comma-separated; e.g. small-cnn,article-cnn")
    parser.add_argument("--image-size", type=int, default=32)
    parser.add_argument("--train", type=int, default=2000, help="synthetic training images")
    parser.add_argument("--val", type=int, default=200, help="synthetic validation images")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--samples", type=int, default=200, help="boxed test images for the pointing game")
    parser.add_argument("--random-inits", type=int, default=3, help="randomly initialised models to compare with")
    parser.add_argument("--latency-runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="imgstudio-gradcam-") as tmp:
        for name in [n.strip() for n in args.models.split(",") if n.strip()]:
            results[name] = evaluate(args, name, tmp)
    summary = {
        "benchmark": "gradcam_pointing",
        "image_size": args.image_size,
        "samples": args.samples,
        "train": args.train,
        "epochs": args.epochs,
        "lr": args.lr,
        "seed": args.seed,
        "torch_threads": torch.get_num_threads(),
        "models": results,
        "latency": {"model": LATENCY_MODEL, "image_size": LATENCY_SIZE, **latency(args.latency_runs)},
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
