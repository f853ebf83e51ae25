"""Does a short DCGAN run on the CPU make measurably better images than an untrained generator?

1. A classifier (small-cnn) is trained on the built-in set ``--data`` (``shapes-plain``,
   which the Generate tab starts with, or the noisy ``shapes``) at 32 px with the app's
   engine (``engine.run``, a few epochs, on the CPU); its validation accuracy is reported.
2. A DCGAN (or with ``--model vae`` a VAE) is trained on the same set at 32 px with the
   app's engine and the default generation recipe, on the CPU, until ``--budget`` seconds of training have passed (a
   callback stops it; the engine saves the weights so far).
3. ``--samples`` images each from the untrained generator (the engine's initial weights,
   same seed), the trained generator, and real images of the shapes test split (never seen
   by either model) are scored with the classifier:

   - ``confidence``: mean top-class probability (sharp, recognisable shapes score high);
   - ``classes_covered``: classes that are the confident (p >= 0.5) top class of at least
     2 % of the samples (variety; at most 5);
   - ``inception_score``: exp(E_x KL(p(y|x) || p(y))), the Inception-Score formula with the
     app's classifier instead of Inception (1 to 5 here);
   - ``frechet_distance``: between the classifier's penultimate features (the input of its
     last linear layer) of the samples and of ``--samples`` real images of the validation
     split (the FID formula with this classifier's features; lower is closer to real).

The real test images give the ceiling (and the Fréchet distance's floor at this sample
size). Timing on shared machines is noisy: the steps done and steps per second are reported
beside the budget, and ``--steps`` also ends training after a fixed number of steps.

Usage: python benchmarks/generate_quality.py [--data shapes-plain|shapes] [--model dcgan|vae] [--budget 180]
       [--steps 0] [--samples 1000] [--classifier-epochs 8]
       [--classifier MODEL_FILE] [--train 2000] [--threads 0] [--seed 0] [--out DIR]

Progress goes to stderr; the last line of stdout is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch

from imgstudio.core.jobs import JobContext
from imgstudio.core.ml import engine
from imgstudio.core.ml.config import TrainConfig
from imgstudio.core.ml.generative.build import GenerativeConfig, build_generative
from imgstudio.core.ml.generative.media import samples_gif, save_grid
from imgstudio.core.ml.generative.metrics import frechet_distance, inception_score
from imgstudio.core.ml.generative.sampling import GenerativeModel, load_generator
from imgstudio.core.ml.infer import LoadedModel, load_model
from imgstudio.core.ml.preprocess import to_tensor
from imgstudio.core.ml.shapes import SHAPE_CLASSES, shapes_item

IMAGE_SIZE = 32
CONFIDENT = 0.5
COVERAGE_SHARE = 0.02


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def train_classifier(args: argparse.Namespace, out: Path) -> tuple[LoadedModel, dict[str, Any]]:
    config = TrainConfig(
        data=f"synthetic:{args.data}",
        model="small-cnn",
        image_size=IMAGE_SIZE,
        epochs=args.classifier_epochs,
        lr=3e-3,
        synthetic_train=args.train,
        synthetic_val=500,
        seed=args.seed,
        out=str(out),
        device="cpu",
    )
    start = time.perf_counter()
    result = engine.run(config, JobContext())
    seconds = time.perf_counter() - start
    log(f"classifier: {result['status']} in {seconds:.0f} s, val_accuracy {result['final']['val_accuracy']:.3f}")
    info = {"model": "small-cnn", "epochs": result["epochs_done"], "val_accuracy": result["final"]["val_accuracy"]}
    return load_model(result["best_model"], "cpu"), {**info, "train_seconds": round(seconds, 1)}


class StopAfter(engine.Callback):
    """Cancels the run once ``budget`` seconds have passed since it started (or after ``steps`` steps)."""

    def __init__(self, ctx: JobContext, budget: float, steps: int) -> None:
        self.ctx, self.budget, self.max_steps = ctx, budget, steps
        self.started = 0.0
        self.steps = 0

    def on_start(self, info: dict[str, Any]) -> None:
        self.started = time.perf_counter()

    def on_step(self, metrics: dict[str, Any]) -> None:
        self.steps = metrics["step"]
        if time.perf_counter() - self.started >= self.budget or self.steps == self.max_steps:
            self.ctx.cancel()


def generate_config(args: argparse.Namespace, out: Path) -> TrainConfig:
    overrides = {k: v for k, v in (("lr", args.lr), ("batch_size", args.batch_size)) if v}
    return TrainConfig.for_task(
        "generate",
        **overrides,
        model=args.model,
        data=f"synthetic:{args.data}",
        image_size=IMAGE_SIZE,
        epochs=100_000,  # the time budget ends the run
        synthetic_train=args.train,
        synthetic_val=500,
        seed=args.seed,
        out=str(out),
        device="cpu",
    )


def train_generator(args: argparse.Namespace, out: Path) -> tuple[GenerativeModel, dict[str, Any]]:
    ctx = JobContext()
    stopper = StopAfter(ctx, args.budget, args.steps)
    config = generate_config(args, out)
    log(f"generator: {config.model} on {config.data}, lr {config.lr}, batch {config.batch_size}")
    result = engine.run(config, ctx, [stopper])
    seconds = time.perf_counter() - stopper.started
    log(f"generator: {result['status']} after {result['steps']} steps in {seconds:.0f} s")
    info = {
        "steps": result["steps"],
        "epochs_done": result["epochs_done"],
        "train_seconds": round(seconds, 1),
        "steps_per_s": round(result["steps"] / max(seconds, 1e-9), 2),
        "warning": result.get("warning", ""),
    }
    return load_generator(result["last_model"], "cpu"), info


def untrained_generator(args: argparse.Namespace, trained: GenerativeModel) -> GenerativeModel:
    """The generator as the engine initialises it (same seed, same recipe), before any step."""
    torch.manual_seed(args.seed)
    module = build_generative(GenerativeConfig(**trained.spec.to_dict())).eval()
    return GenerativeModel(module, trained.spec, trained.meta, torch.device("cpu"))


def real_images(args: argparse.Namespace, split: str, count: int) -> np.ndarray:
    style = "plain" if args.data == "shapes-plain" else "noisy"
    return np.stack([shapes_item(args.seed, split, i, IMAGE_SIZE, style)[0] for i in range(count)])


@torch.inference_mode()
def classify(model: LoadedModel, images: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Softmax probabilities and penultimate features (the last linear layer's input) of uint8 images."""
    head = [m for m in model.module.modules() if isinstance(m, torch.nn.Linear)][-1]
    captured: list[torch.Tensor] = []
    hook = head.register_forward_hook(lambda _m, inputs, _out: captured.append(inputs[0].detach()))
    probabilities = []
    try:
        for start in range(0, len(images), 256):
            batch = torch.stack(
                [to_tensor(img, model.meta["mean"], model.meta["std"]) for img in images[start : start + 256]]
            )
            probabilities.append(torch.softmax(model.module(batch).float(), dim=1))
    finally:
        hook.remove()
    return torch.cat(probabilities).numpy(), torch.cat(captured).float().numpy()


def score(model: LoadedModel, images: np.ndarray, reference: np.ndarray) -> dict[str, Any]:
    probabilities, features = classify(model, images)
    top = probabilities.argmax(axis=1)
    confident = probabilities.max(axis=1) >= CONFIDENT
    shares = np.bincount(top[confident], minlength=probabilities.shape[1]) / len(images)
    return {
        "confidence": round(float(probabilities.max(axis=1).mean()), 4),
        "classes_covered": int((shares >= COVERAGE_SHARE).sum()),
        "class_shares": {SHAPE_CLASSES[k]: round(float(s), 3) for k, s in enumerate(shares)},
        "inception_score": round(inception_score(probabilities), 3),
        "frechet_distance": round(frechet_distance(features, reference), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=180.0, help="seconds of DCGAN training (default 180)")
    parser.add_argument("--samples", type=int, default=1000, help="images scored per source (default 1000)")
    parser.add_argument("--classifier-epochs", type=int, default=8)
    parser.add_argument(
        "--classifier", metavar="MODEL_FILE", help="score with this shapes classifier instead of training one"
    )
    parser.add_argument("--train", type=int, default=2000, help="synthetic training images (default 2000)")
    parser.add_argument("--steps", type=int, default=0, help="also stop after this many steps (default 0: no limit)")
    parser.add_argument("--threads", type=int, default=0, help="CPU threads for torch (default 0: torch's choice)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", choices=("shapes-plain", "shapes"), default="shapes-plain", help="built-in set")
    parser.add_argument("--model", choices=("dcgan", "vae"), default="dcgan", help="generator (default dcgan)")
    parser.add_argument("--lr", type=float, default=0.0, help="learning rate (default: the task's recipe)")
    parser.add_argument("--batch-size", type=int, default=0, help="batch size (default: the task's recipe)")
    parser.add_argument("--out", help="keep the runs, sample grids and the training GIF in this folder")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    with tempfile.TemporaryDirectory(prefix="imgstudio-genq-") as tmp:
        root = Path(args.out) if args.out else Path(tmp)
        if args.classifier:
            classifier, classifier_info = load_model(args.classifier, "cpu"), {"model_file": args.classifier}
        else:
            classifier, classifier_info = train_classifier(args, root / "classifier")
        trained, generator_info = train_generator(args, root / args.model)
        untrained = untrained_generator(args, trained)
        _, reference = classify(classifier, real_images(args, "val", args.samples))
        sources = {
            "untrained": untrained.sample(args.samples, seed=args.seed + 1),
            "trained": trained.sample(args.samples, seed=args.seed + 1),
            "real": real_images(args, "test", args.samples),
        }
        scores = {name: score(classifier, images, reference) for name, images in sources.items()}
        for name, s in scores.items():
            log(
                f"{name:>9}: confidence {s['confidence']:.3f}  classes {s['classes_covered']}  "
                f"IS {s['inception_score']:.2f}  FD {s['frechet_distance']:.2f}"
            )
        if args.out:
            for name, images in sources.items():
                save_grid(images[:64], root / f"{name}.png", 8, overwrite=True)
            samples_gif(root / args.model)
    result = {
        "benchmark": "generate_quality",
        "device": "cpu",
        "threads": torch.get_num_threads(),
        "data": f"synthetic:{args.data}",
        "model": args.model,
        "budget_s": args.budget,
        "samples": args.samples,
        "classifier": classifier_info,
        "generator": generator_info,
        **scores,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
