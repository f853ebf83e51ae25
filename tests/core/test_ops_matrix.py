"""Every operation against every image layout of the app's convention (acceptance matrix).

Convention (README, core/io.py): H x W x C with C in 1, 3, 4; dtype uint8, uint16 or
float32 with floats in [0, 1]. A step that cannot run must raise a PipelineError that
names the step, never anything else.
"""

from __future__ import annotations

import numpy as np
import pytest

from imgstudio.core.ops import OPS
from imgstudio.core.params import Param
from imgstudio.core.pipeline import Pipeline, PipelineError, Step, make_proxy

ALLOWED_DTYPES = {np.dtype(np.uint8), np.dtype(np.uint16), np.dtype(np.float32)}
CHANNEL_CHANGING = {"grayscale", "threshold", "canny", "color_space"}
"""Operations whose output may have another channel count than their input."""
RESIZING = {"resize", "crop", "pad"}


def _layouts() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(7)
    h, w = 24, 32
    return {
        "gray_u8": rng.integers(0, 256, (h, w, 1), dtype=np.uint8),
        "rgb_u8": rng.integers(0, 256, (h, w, 3), dtype=np.uint8),
        "rgba_u8": rng.integers(0, 256, (h, w, 4), dtype=np.uint8),
        "gray_u16": rng.integers(0, 65536, (h, w, 1), dtype=np.uint16),
        "rgb_u16": rng.integers(0, 65536, (h, w, 3), dtype=np.uint16),
        "rgb_f32": rng.random((h, w, 3), dtype=np.float32),
        "rgba_f32": rng.random((h, w, 4), dtype=np.float32),
    }


LAYOUTS = _layouts()


def convention_problems(out: object) -> list[str]:
    """What is wrong with ``out`` as an image of the app's convention (empty: nothing)."""
    if not isinstance(out, np.ndarray):
        return [f"not an ndarray: {type(out).__name__}"]
    problems = []
    if out.ndim != 3 or out.shape[2] not in (1, 3, 4):
        problems.append(f"shape {out.shape} is not H x W x C with C in 1, 3, 4")
    if out.dtype not in ALLOWED_DTYPES:
        problems.append(f"dtype {out.dtype}")
    if out.size == 0:
        problems.append("empty image")
    if out.dtype == np.float32 and out.size:
        if not np.isfinite(out).all():
            problems.append("non-finite float values")
        elif out.min() < 0.0 or out.max() > 1.0:
            problems.append(f"float values outside [0, 1]: {out.min():.3f}..{out.max():.3f}")
    return problems


def extreme_values(param: Param) -> list[object]:
    """The values a demanding user reaches first: both ends of a number, every choice."""
    if param.kind in ("int", "float"):
        values = []
        for end in (param.min, param.max):
            if end is None:
                continue
            value = int(end) if param.kind == "int" else float(end)
            if param.odd and value % 2 == 0:
                value -= 1
            values.append(value)
        return values
    if param.kind == "choice":
        return list(param.choices)
    if param.kind == "bool":
        return [True, False]
    return ["#ff8000"]


@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("op", list(OPS))
def test_every_op_with_defaults_keeps_the_convention(op, layout):
    img = LAYOUTS[layout]
    notes: list[str] = []
    out = Pipeline([Step.create(op)]).apply(img.copy(), notes=notes)
    assert convention_problems(out) == []
    if op not in CHANNEL_CHANGING:
        assert out.shape[2] == img.shape[2], notes
    if op not in RESIZING:
        assert out.shape[:2] == img.shape[:2]
    if str(img.dtype) not in OPS[op].dtypes:
        assert any("converted to" in n for n in notes), "a converted image must say so"
    elif op not in ("color_space",):
        assert out.dtype == img.dtype


@pytest.mark.parametrize("op", list(OPS))
def test_every_parameter_at_its_extremes_keeps_the_convention_or_says_why(op):
    failures = []
    for param in OPS[op].params:
        for value in extreme_values(param):
            for layout in ("gray_u8", "rgba_u8", "rgb_u16", "rgb_f32"):
                try:
                    out = Pipeline([Step.create(op, **{param.name: value})]).apply(LAYOUTS[layout].copy())
                except PipelineError as exc:
                    if not str(exc).startswith(f"step 1 ({op}): "):
                        failures.append(f"{param.name}={value} on {layout}: unnamed error {exc}")
                    continue
                except Exception as exc:  # anything but a PipelineError is a bug
                    failures.append(f"{param.name}={value} on {layout}: {type(exc).__name__}: {exc}")
                    continue
                for problem in convention_problems(out):
                    failures.append(f"{param.name}={value} on {layout}: {problem}")
    assert failures == []


@pytest.mark.parametrize("op", list(OPS))
def test_random_ranges_are_drawn_inside_the_range_and_reproducibly(op):
    spec = OPS[op]
    ranges = {}
    for p in spec.params:
        if p.kind not in ("int", "float") or p.min is None or p.max is None:
            continue
        lo, hi = p.min, (min(p.max, p.min + 40) if p.pixels else p.max)
        if p.kind == "int":
            lo, hi = int(lo), int(hi)
            if p.odd:
                lo, hi = lo + (lo % 2 == 0), hi - (hi % 2 == 0)
        ranges[p.name] = {"min": lo, "max": hi}
    if op == "crop":  # keep the origin inside the 24 x 32 test image
        ranges.update(x={"min": 0, "max": 20}, y={"min": 0, "max": 20})
    step = Step.create(op, **ranges)
    for p in spec.params:
        if p.name in ranges:
            drawn = {p.sample(step.params[p.name], np.random.default_rng(seed)) for seed in range(60)}
            assert all(ranges[p.name]["min"] <= v <= ranges[p.name]["max"] for v in drawn), (p.name, drawn)
            if p.odd:
                assert all(v % 2 == 1 for v in drawn), (p.name, drawn)
    pipeline = Pipeline([step])
    img = LAYOUTS["rgb_u8"]
    for seed in range(3):
        first = pipeline.apply(img, rng=np.random.default_rng(seed))
        again = pipeline.apply(img, rng=np.random.default_rng(seed))
        assert convention_problems(first) == []
        np.testing.assert_array_equal(first, again)


@pytest.mark.parametrize("op", list(OPS))
def test_proxy_rendering_matches_full_resolution_geometry(op):
    img = np.random.default_rng(3).integers(0, 256, (400, 600, 3), dtype=np.uint8)
    pipeline = Pipeline([Step.create(op)])
    full = pipeline.apply(img)
    proxy, scale = make_proxy(img, img.shape[0] * img.shape[1] // 16)
    out, out_scale = pipeline.apply_scaled(proxy, scale)
    assert convention_problems(out) == []
    tolerance = 1 / out_scale + 1
    assert abs(out.shape[0] / out_scale - full.shape[0]) <= tolerance
    assert abs(out.shape[1] / out_scale - full.shape[1]) <= tolerance
    assert out.shape[2] == full.shape[2]


@pytest.mark.parametrize("op", [name for name, spec in OPS.items() if spec.color_only])
def test_colour_operations_keep_the_alpha_channel(op):
    img = LAYOUTS["rgba_u8"]
    out = Pipeline([Step.create(op)]).apply(img.copy())
    if out.shape[2] == 4:
        np.testing.assert_array_equal(out[:, :, 3], img[:, :, 3])
    else:  # single-channel results (grayscale, threshold, edges) cannot keep it
        assert op in CHANNEL_CHANGING


@pytest.mark.parametrize("interpolation", ["cubic", "lanczos"])
@pytest.mark.parametrize(
    "step",
    [{"op": "resize", "width": 96, "height": 80}, {"op": "rotate", "angle": 30.0}],
    ids=["resize", "rotate"],
)
def test_float_images_stay_in_the_unit_range_with_every_interpolation(step, interpolation):
    img = LAYOUTS["rgb_f32"]
    out = Pipeline([Step.from_dict({**step, "interpolation": interpolation}, 0)]).apply(img)
    assert convention_problems(out) == []
