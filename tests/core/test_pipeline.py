"""Pipelines: JSON round trip, rejection messages, random ranges, proxies, dtypes."""

import json

import cv2
import numpy as np
import pytest

from imgstudio.core import ops
from imgstudio.core.pipeline import Pipeline, PipelineError, Step, make_proxy

ISSUE_EXAMPLE = {
    "format": "imgstudio-pipeline",
    "version": 1,
    "steps": [
        {"op": "resize", "width": 224, "height": 224},
        {"op": "rotate", "angle": 90, "expand": True},
        {"op": "crop", "x": 0, "y": 0, "width": 100, "height": 100},
        {"op": "translate", "dx": 10, "dy": 10},
    ],
}


def test_issue_example_loads_and_applies_like_the_ops(rgb):
    pipe = Pipeline.from_json(ISSUE_EXAMPLE)
    out = pipe.apply(rgb)
    ref = ops.translate(ops.crop(ops.rotate(cv2.resize(rgb, (224, 224)), 90, True), 0, 0, 100, 100), 10, 10)
    np.testing.assert_array_equal(out, ref)


def test_round_trip_through_a_file(tmp_path):
    pipe = Pipeline.from_json(ISSUE_EXAMPLE)
    pipe.steps[1].enabled = False
    pipe.steps.append(Step.create("gaussian_blur", ksize={"min": 3, "max": 9}))
    path = tmp_path / "p.json"
    pipe.save(path)
    again = Pipeline.load(path)
    assert again.to_json() == pipe.to_json()
    assert json.loads(path.read_text())["steps"][1]["enabled"] is False


def test_disabled_steps_are_skipped(rgb):
    pipe = Pipeline([Step.create("flip"), Step.create("invert")])
    pipe.steps[1].enabled = False
    np.testing.assert_array_equal(pipe.apply(rgb), rgb[:, ::-1])


@pytest.mark.parametrize(
    "steps,fragment",
    [
        ([{"op": "resize"}, {"op": "blurr"}], "step 2 (blurr): unknown operation 'blurr'"),
        ([{"op": "rotate", "angel": 5}], "step 1 (rotate): unknown parameter 'angel'"),
        ([{"op": "resize", "width": -3}], "step 1 (resize): 'width' must be at least 1"),
        ([{"op": "resize", "width": "big"}], "step 1 (resize): 'width' must be a number"),
        ([{"op": "resize", "width": 2.5}], "'width' must be a whole number"),
        ([{"op": "gaussian_blur", "ksize": 4}], "'ksize' must be an odd number"),
        ([{"op": "flip", "direction": "sideways"}], "'direction' must be one of"),
        ([{"op": "rotate", "angle": {"min": 10, "max": -10}}], "range min 10 is above max -10"),
        ([{"op": "rotate", "angle": {"lo": 1}}], "'min' and 'max'"),
        ([{"op": "rotate", "expand": "yes"}], "'expand' must be true or false"),
        ([{"op": "flip", "probability": 2}], "'probability' must be a number from 0 to 1"),
        (["resize"], "step 1: must be an object"),
        ([{"op": "translate", "fill": "red"}], "'fill' must be a colour"),
    ],
)
def test_bad_steps_are_rejected_with_the_step_named(steps, fragment):
    with pytest.raises(PipelineError) as err:
        Pipeline.from_json({"format": "imgstudio-pipeline", "version": 1, "steps": steps})
    assert fragment in str(err.value)


def test_newer_version_and_wrong_format_rejected():
    with pytest.raises(PipelineError, match="version 2 was written by a newer imgstudio"):
        Pipeline.from_json({"format": "imgstudio-pipeline", "version": 2, "steps": []})
    with pytest.raises(PipelineError, match="not an imgstudio pipeline"):
        Pipeline.from_json({"steps": []})


def test_bad_file_names_the_file_and_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "imgstudio-pipeline",\n "version": 1,\n "steps": [}')
    with pytest.raises(PipelineError, match=r"broken.json: invalid JSON at line 3"):
        Pipeline.load(path)
    with pytest.raises(PipelineError, match="cannot read"):
        Pipeline.load(tmp_path / "missing.json")


def test_random_ranges_are_reproducible_with_a_seed(rgb):
    pipe = Pipeline([Step.create("rotate", angle={"min": -30, "max": 30}), Step.create("flip", probability=0.5)])
    assert pipe.is_random()
    a = pipe.apply(rgb, rng=np.random.default_rng(7))
    b = pipe.apply(rgb, rng=np.random.default_rng(7))
    np.testing.assert_array_equal(a, b)
    draws = {pipe.apply(rgb, rng=np.random.default_rng(s)).tobytes() for s in range(8)}
    assert len(draws) > 4


def test_random_int_ranges_stay_in_bounds_and_odd():
    step = Step.create("gaussian_blur", ksize={"min": 3, "max": 9})
    p = step.spec.param("ksize")
    rng = np.random.default_rng(0)
    values = {p.sample(step.params["ksize"], rng) for _ in range(200)}
    assert values == {3, 5, 7, 9}
    assert p.sample(step.params["ksize"], None) == 7  # the centre without rng (preview)


def test_step_errors_name_the_step(rgb):
    pipe = Pipeline([Step.create("flip"), Step.create("crop", x=5000, y=0)])
    with pytest.raises(PipelineError, match=r"step 2 \(crop\): crop origin \(5000, 0\) lies outside"):
        pipe.apply(rgb)


def test_sixteen_bit_is_kept_or_converted_with_a_note():
    deep = np.full((10, 10, 1), 50000, np.uint16)
    notes: list[str] = []
    out = Pipeline([Step.create("resize", width=5, height=5)]).apply(deep, notes=notes)
    assert out.dtype == np.uint16 and notes == []
    out = Pipeline([Step.create("canny")]).apply(deep, notes=notes)
    assert out.dtype == np.uint8
    assert notes and "step 1 (canny)" in notes[0] and "uint16 converted to uint8" in notes[0]


def test_alpha_is_set_aside_for_colour_ops():
    rgba = np.zeros((6, 6, 4), np.uint8)
    rgba[..., 3] = 90
    out = Pipeline([Step.create("invert")]).apply(rgba)
    assert out.shape == (6, 6, 4) and out[0, 0, 0] == 255 and out[0, 0, 3] == 90
    notes: list[str] = []
    out = Pipeline([Step.create("grayscale")]).apply(rgba, notes=notes)
    assert out.shape == (6, 6, 1) and any("alpha channel dropped" in n for n in notes)


def test_upto_applies_a_prefix(rgb):
    pipe = Pipeline([Step.create("flip"), Step.create("invert")])
    np.testing.assert_array_equal(pipe.apply(rgb, upto=1), rgb[:, ::-1])


def test_proxy_scales_pixel_parameters():
    big = np.zeros((2000, 3000, 3), np.uint8)
    big[500:1500, 1000:2000] = 255
    pipe = Pipeline([Step.create("crop", x=1000, y=500, width=1000, height=1000), Step.create("translate", dx=100)])
    full = pipe.apply(big)
    proxy, scale = make_proxy(big, 300_000)
    assert proxy.shape[0] * proxy.shape[1] <= 300_000
    small, out_scale = pipe.apply_scaled(proxy, scale)
    assert out_scale == scale
    assert abs(small.shape[1] - full.shape[1] * scale) <= 2
    expected = cv2.resize(full, (small.shape[1], small.shape[0]), interpolation=cv2.INTER_AREA)
    assert np.abs(small.astype(int) - expected.astype(int)).mean() < 8


def test_proxy_renders_a_small_resize_unscaled():
    big = np.zeros((2000, 3000, 3), np.uint8)
    proxy, scale = make_proxy(big, 300_000)
    out, out_scale = Pipeline([Step.create("resize", width=224, height=224)]).apply_scaled(proxy, scale)
    assert out.shape == (224, 224, 3) and out_scale == 1.0
    small_img, s = make_proxy(np.zeros((10, 10, 3), np.uint8), 300_000)
    assert s == 1.0 and small_img.shape == (10, 10, 3)


def test_summary_lists_changed_parameters():
    assert Step.create("rotate", angle=90, expand=True).summary() == "Rotate (angle=90.0, expand=True)"
    assert Step.create("rotate", angle={"min": -5, "max": 5}).summary() == "Rotate (angle=-5.0..5.0)"


@pytest.mark.parametrize(
    "step",
    [
        Step.create("resize", width=32768, height=32768),
        Step.create("pad", top=16384, bottom=16384, left=16384, right=16384),
        Step.create("rotate", angle=45, expand=True),
    ],
)
def test_steps_that_would_grow_past_the_limit_are_refused_before_allocating(rgb, step):
    with pytest.raises(PipelineError, match=r"step 1 \(\w+\): the result would be .* over the limit of 1,000"):
        Pipeline([step]).apply(rgb, max_pixels=1000)


def test_the_output_limit_scales_with_the_proxy():
    big = np.zeros((2000, 2000, 3), np.uint8)
    proxy, scale = make_proxy(big, 250_000)
    pipe = Pipeline([Step.create("pad", top=1000, bottom=1000)])
    with pytest.raises(PipelineError, match="over the limit"):
        pipe.apply_scaled(proxy, scale, max_pixels=5_000_000)
    assert pipe.apply_scaled(proxy, scale, max_pixels=9_000_000)[0].shape[0] > proxy.shape[0]
