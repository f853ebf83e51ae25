"""Preview and full-resolution pipeline benchmark on a synthetic 24-megapixel photo.

Measures (1) the live-preview latency: a pipeline applied to the downscaled proxy while a
slider drags the rotate angle (the pipeline alone, and the app's whole preview path: pipeline
copy, render with histogram, conversion for display), and (2) the
full-resolution ``Pipeline.apply`` against the same operations written with bare OpenCV,
so the app's own overhead shows as a ratio. Progress goes to stderr; the last line of
stdout is one JSON object.

Run: ``python benchmarks/preview.py [--iterations 200] [--runs 7]``
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import cv2
import numpy as np

from imgstudio.core.io import to_uint8
from imgstudio.core.pipeline import PROXY_MAX_PIXELS, Pipeline, Step, make_proxy
from imgstudio.core.preview import render_preview

WIDTH, HEIGHT = 6000, 4000
ANGLE = 7.0
CROP = {"x": 600, "y": 400, "width": 4800, "height": 3200}
SHIFT = {"dx": 25.0, "dy": -15.0}
KSIZE = 9
OUT_SIZE = (3000, 2000)
TARGETS = {"proxy_p95_ms": 16, "full_res_ratio": 1.2}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def synthetic_photo(width: int = WIDTH, height: int = HEIGHT, seed: int = 0) -> np.ndarray:
    """A deterministic photo-like RGB uint8 image: smooth gradients, shapes, fine noise."""
    rng = np.random.default_rng(seed)
    x = np.linspace(0.0, 1.0, width, dtype=np.float32)[None, :]
    y = np.linspace(0.0, 1.0, height, dtype=np.float32)[:, None]
    channels = [
        40 + 150 * x + 50 * y,
        60 + 120 * y + 40 * np.sin(6.0 * x) * np.cos(4.0 * y),
        200 - 120 * x * y + 30 * np.cos(9.0 * x + 3.0 * y),
    ]
    img = np.empty((height, width, 3), np.uint8)
    for c, values in enumerate(channels):
        img[:, :, c] = np.clip(values, 0, 255).astype(np.uint8)
    for _ in range(60):
        color = tuple(int(v) for v in rng.integers(0, 256, 3))
        cx, cy = int(rng.integers(0, width)), int(rng.integers(0, height))
        size = int(rng.integers(40, 600))
        kind = int(rng.integers(3))
        if kind == 0:
            cv2.circle(img, (cx, cy), size, color, -1, cv2.LINE_AA)
        elif kind == 1:
            cv2.rectangle(img, (cx, cy), (cx + size, cy + size // 2), color, -1)
        else:
            cv2.ellipse(img, (cx, cy), (size, size // 3), float(rng.uniform(0, 180)), 0, 360, color, 6, cv2.LINE_AA)
    noise = rng.integers(0, 17, size=img.shape, dtype=np.uint8)
    cv2.add(img, noise, dst=img)
    cv2.subtract(img, np.full(img.shape, 8, np.uint8), dst=img)
    return img


def build_pipeline(angle: float = ANGLE, resize_first: bool = False) -> Pipeline:
    """rotate, crop, translate, blur, resize (resize last so the others run at 24 MP)."""
    rotate = Step.create("rotate", angle=angle)
    translate = Step.create("translate", **SHIFT)
    blur = Step.create("gaussian_blur", ksize=KSIZE)
    resize = Step.create("resize", width=OUT_SIZE[0], height=OUT_SIZE[1])
    if resize_first:
        f = OUT_SIZE[0] / WIDTH
        crop = Step.create("crop", **{k: round(v * f) for k, v in CROP.items()})
        return Pipeline([resize, rotate, crop, translate, blur])
    crop = Step.create("crop", **CROP)
    return Pipeline([rotate, crop, translate, blur, resize])


def bare_opencv(img: np.ndarray, angle: float = ANGLE) -> np.ndarray:
    """The same operations as :func:`build_pipeline` (resize last), written directly."""
    h, w = img.shape[:2]
    matrix = cv2.getRotationMatrix2D(((w - 1) / 2.0, (h - 1) / 2.0), angle, 1.0)
    out = cv2.warpAffine(
        img, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0, 0)
    )
    x, y, cw, ch = CROP["x"], CROP["y"], CROP["width"], CROP["height"]
    out = out[y : y + ch, x : x + cw].copy()
    shift = np.float32([[1, 0, SHIFT["dx"]], [0, 1, SHIFT["dy"]]])
    out = cv2.warpAffine(
        out, shift, (cw, ch), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0, 0)
    )
    out = cv2.GaussianBlur(out, (KSIZE, KSIZE), 0)
    return cv2.resize(out, OUT_SIZE, interpolation=cv2.INTER_LINEAR)


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def ms(seconds: float) -> float:
    return round(seconds * 1000.0, 3)


def for_display(img: np.ndarray) -> np.ndarray:
    """What the view needs: a C-contiguous uint8 buffer it owns."""
    return np.array(to_uint8(img), dtype=np.uint8, order="C", copy=True)


def drag_angles(n: int) -> list[float]:
    """Angles a dragged slider sends: a back-and-forth sweep over 2..12 degrees, never 0 or 90."""
    return [7.0 + 5.0 * float(np.sin(i * 0.07)) for i in range(n)]


def time_proxy(pipeline: Pipeline, proxy: np.ndarray, scale: float, iterations: int) -> dict[str, Any]:
    """Slider drag on the proxy: rebuild the rotate step each iteration, apply, convert."""
    index = next(i for i, s in enumerate(pipeline.steps) if s.op == "rotate")
    for angle in drag_angles(5):  # warm-up (first calls allocate, OpenCV spins up threads)
        pipeline.steps[index] = Step.create("rotate", angle=angle)
        for_display(pipeline.apply_scaled(proxy, scale)[0])
    apply_times: list[float] = []
    total_times: list[float] = []
    out_shape: tuple[int, ...] = ()
    for angle in drag_angles(iterations):
        t0 = time.perf_counter()
        pipeline.steps[index] = Step.create("rotate", angle=angle)
        pipeline.apply_scaled(proxy, scale)
        t1 = time.perf_counter()
        # the app's whole preview path: the tab copies the pipeline, the worker renders
        # (pipeline + histogram), the view converts for display
        result = render_preview(proxy, scale, pipeline.copy())
        shown = for_display(result.output)
        t2 = time.perf_counter()
        apply_times.append(t1 - t0)
        total_times.append(t2 - t1)
        out_shape = shown.shape
    return {
        "p50_ms": ms(percentile(apply_times, 50)),
        "p95_ms": ms(percentile(apply_times, 95)),
        "max_ms": ms(max(apply_times)),
        "app_path_p50_ms": ms(percentile(total_times, 50)),
        "app_path_p95_ms": ms(percentile(total_times, 95)),
        "output_shape": list(out_shape),
    }


def per_step_ms(pipeline: Pipeline, img: np.ndarray, scale: float, repeats: int) -> dict[str, float]:
    """Median time of each step alone on its real input (same scaling logic as the app)."""
    result: dict[str, float] = {}
    for i, step in enumerate(pipeline.steps):
        inp, s = pipeline.apply_scaled(img, scale, upto=i)
        single = Pipeline([step])
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            single.apply_scaled(inp, s)
            times.append(time.perf_counter() - t0)
        result[f"{i + 1}:{step.op}"] = ms(statistics.median(times))
    return result


def interleaved(funcs: dict[str, Callable[[], np.ndarray]], runs: int) -> dict[str, float]:
    """Median seconds of each function, run in turn so drift hits all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in funcs}
    for func in funcs.values():  # warm-up
        func()
    for _ in range(runs):
        for name, func in funcs.items():
            t0 = time.perf_counter()
            func()
            times[name].append(time.perf_counter() - t0)
    return {name: statistics.median(values) for name, values in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=200, help="proxy preview calls to time")
    parser.add_argument("--runs", type=int, default=7, help="full-resolution runs of each variant")
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    img = synthetic_photo()
    log(f"synthetic image {img.shape} in {time.perf_counter() - t0:.2f} s; cv2 threads {cv2.getNumThreads()}")

    builds = []
    for _ in range(5):
        t0 = time.perf_counter()
        proxy, scale = make_proxy(img)
        builds.append(time.perf_counter() - t0)
    log(f"proxy {proxy.shape} scale {scale:.4f}, build {ms(min(builds))} ms (best of 5)")

    pipeline = build_pipeline()
    proxy_stats = time_proxy(pipeline, proxy, scale, args.iterations)
    log(f"proxy, resize last: {proxy_stats}")
    proxy_steps = per_step_ms(build_pipeline(), proxy, scale, 30)
    log(f"proxy per step (ms): {proxy_steps}")
    first = build_pipeline(resize_first=True)
    proxy_first = time_proxy(first, proxy, scale, args.iterations)
    log(f"proxy, resize first: {proxy_first}")

    pipeline = build_pipeline()
    app_out = pipeline.apply(img)
    bare_out = bare_opencv(img)
    equal = bool(app_out.shape == bare_out.shape and np.array_equal(app_out, bare_out))
    log(f"full-res outputs {app_out.shape} vs {bare_out.shape}, equal: {equal}")
    medians = interleaved(
        {
            "app": lambda: pipeline.apply(img),
            "bare": lambda: bare_opencv(img),
            "app_resize_first": lambda: first.apply(img),
        },
        args.runs,
    )
    ratio = medians["app"] / medians["bare"]
    log(f"full res (median of {args.runs}): " + ", ".join(f"{k} {ms(v)} ms" for k, v in medians.items()))
    full_steps = per_step_ms(pipeline, img, 1.0, 3)
    log(f"full res per step (ms): {full_steps}")

    result = {
        "benchmark": "preview",
        "image_pixels": int(img.shape[0] * img.shape[1]),
        "image_shape": list(img.shape),
        "pipeline": [s.to_dict() for s in build_pipeline().steps],
        "proxy_max_pixels": PROXY_MAX_PIXELS,
        "proxy_shape": list(proxy.shape),
        "proxy_scale": round(scale, 6),
        "proxy_build_ms": ms(min(builds)),
        "proxy_iterations": args.iterations,
        "proxy_p50_ms": proxy_stats["p50_ms"],
        "proxy_p95_ms": proxy_stats["p95_ms"],
        "proxy_max_ms": proxy_stats["max_ms"],
        "proxy_app_path_p50_ms": proxy_stats["app_path_p50_ms"],
        "proxy_app_path_p95_ms": proxy_stats["app_path_p95_ms"],
        "proxy_output_shape": proxy_stats["output_shape"],
        "proxy_step_ms": proxy_steps,
        "proxy_resize_first_p50_ms": proxy_first["p50_ms"],
        "proxy_resize_first_p95_ms": proxy_first["p95_ms"],
        "full_res_runs": args.runs,
        "full_res_app_ms": ms(medians["app"]),
        "full_res_bare_ms": ms(medians["bare"]),
        "full_res_ratio": round(ratio, 4),
        "full_res_app_resize_first_ms": ms(medians["app_resize_first"]),
        "full_res_step_ms": full_steps,
        "full_res_output_shape": list(app_out.shape),
        "outputs_equal": equal,
        "targets": TARGETS,
        "meets_targets": {
            "proxy_p95_ms": proxy_stats["p95_ms"] <= TARGETS["proxy_p95_ms"],
            "full_res_ratio": ratio <= TARGETS["full_res_ratio"],
        },
        "cv2_threads": cv2.getNumThreads(),
        "cv2_version": cv2.__version__,
        "numpy_version": np.__version__,
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
