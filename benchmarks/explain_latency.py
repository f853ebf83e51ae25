"""How fast the Explain tab answers on a 224×224 image, for every classifier the app trains.

For each model (random weights: speed does not depend on training) at 224×224×3, the time
of what a click in the tab computes: the first feature-map request for an image (one forward
pass that records every explainable layer, and the memory it holds), then a layer change
(the tab draws from those recorded maps: tiling and colouring, median and worst over the
layers), Grad-CAM and Grad-CAM++ at the default layer, and the dense layers; and for the
playground, one kernel change (3×3 and 5×5, with and without pooling).
A "blink" is taken as 150 ms. Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import torch

from imgstudio.core.grid import tile_grid
from imgstudio.core.heatmap import colourise, map_tiles
from imgstudio.core.ml import explain
from imgstudio.core.ml.infer import LoadedModel
from imgstudio.core.ml.models import ModelConfig, build_model, list_models
from imgstudio.core.playground import KERNEL_PRESETS, PlaygroundSettings, run_playground

BLINK_MS = 150.0


def timed(fn: Callable[[], Any], repeats: int) -> float:
    """Median milliseconds of ``fn`` over ``repeats`` calls, after one warm-up call."""
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def loaded(name: str, size: int, classes: int) -> LoadedModel:
    torch.manual_seed(0)
    module, _ = build_model(ModelConfig(name, classes, 3, size))
    meta = {"classes": [f"c{i}" for i in range(classes)], "image_size": size, "channels": 3}
    meta |= {"mean": [0.5] * 3, "std": [0.25] * 3}
    return LoadedModel(module.eval(), meta, torch.device("cpu"))


def model_latency(name: str, image: np.ndarray, repeats: int) -> dict[str, Any]:
    model = loaded(name, image.shape[0], 10)
    layers = [layer for layer, _ in explain.explainable_layers(model.module)]
    every = explain.all_feature_maps(model, image, layers)

    def draw(maps: np.ndarray) -> np.ndarray:  # what the tab's worker does on a layer change
        return colourise(tile_grid(map_tiles(maps, shared_scale=True), pad=2)[0])

    per_layer = {layer: timed(lambda layer=layer: draw(every[layer]), repeats) for layer in layers}
    row = {
        "layers": len(layers),
        "record_all_layers_ms": round(timed(lambda: explain.all_feature_maps(model, image, layers), repeats), 1),
        "recorded_mb": round(sum(m.nbytes for m in every.values()) / 2**20, 1),
        "layer_change_median_ms": round(statistics.median(per_layer.values()), 1),
        "layer_change_worst_ms": round(max(per_layer.values()), 1),
        "worst_layer": max(per_layer, key=per_layer.__getitem__),
    }
    for method in explain.METHODS:
        row[f"{method}_ms"] = round(timed(lambda m=method: explain.grad_cam(model, image, method=m), repeats), 1)
    row["dense_ms"] = round(timed(lambda: explain.dense_activations(model, image), repeats), 1)
    return row


def playground_latency(image: np.ndarray, repeats: int) -> dict[str, float]:
    cases = {
        "sobel_3x3": PlaygroundSettings(kernel=KERNEL_PRESETS["sobel_x"]),
        "gaussian_5x5": PlaygroundSettings(kernel=KERNEL_PRESETS["gaussian_5x5"]),
        "sharpen_3x3_maxpool": PlaygroundSettings(kernel=KERNEL_PRESETS["sharpen"], pool_enabled=True),
        "laplacian_stride2_dilation2": PlaygroundSettings(kernel=KERNEL_PRESETS["laplacian"], stride=2, dilation=2),
    }
    return {name: round(timed(lambda s=s: run_playground(image, s), repeats), 2) for name, s in cases.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=224)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--models", default="", help="comma-separated (default: every registered classifier)")
    parser.add_argument("--threads", type=int, default=0, help="torch threads (default: torch's choice)")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    image = np.random.default_rng(0).integers(0, 256, (args.size, args.size, 3), dtype=np.uint8)
    names = args.models.split(",") if args.models else [name for name, _ in list_models()]
    models = {}
    for name in names:
        models[name] = model_latency(name, image, args.repeats)
        print(name, models[name], flush=True)
    playground = playground_latency(image, args.repeats)
    print("playground", playground, flush=True)
    worst = max(max(r["layer_change_worst_ms"], r["gradcam_ms"], r["gradcam++_ms"]) for r in models.values())
    summary = {
        "image_size": args.size,
        "torch_threads": torch.get_num_threads(),
        "models": models,
        "playground_ms": playground,
        "worst_model_view_ms": worst,
        "worst_playground_ms": max(playground.values()),
        "blink_ms": BLINK_MS,
        "all_within_blink": worst <= BLINK_MS and max(playground.values()) <= BLINK_MS,
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
