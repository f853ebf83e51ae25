"""The preview renderer the GUI's worker runs."""

import numpy as np
import pytest

from imgstudio.core.io import ImageReadError, write_image
from imgstudio.core.pipeline import Pipeline, Step, make_proxy
from imgstudio.core.preview import channel_histograms, display_copy, load_for_preview, render_preview


def test_render_gives_output_histogram_and_display(rgb):
    result = render_preview(rgb, 1.0, Pipeline([Step.create("invert")]), full_resolution=True)
    np.testing.assert_array_equal(result.output, 255 - rgb)
    assert result.error == "" and result.full_resolution
    assert result.histograms.shape == (3, 256) and result.histograms.sum() == 3 * rgb.shape[0] * rgb.shape[1]
    np.testing.assert_array_equal(result.display, result.output)


def test_step_input_is_the_prefix_result(rgb):
    pipe = Pipeline([Step.create("flip"), Step.create("crop", x=0, y=0, width=10, height=10)])
    result = render_preview(rgb, 1.0, pipe, step_input=1)
    np.testing.assert_array_equal(result.step_input, rgb[:, ::-1])
    np.testing.assert_array_equal(result.output, rgb[:, ::-1][:10, :10])


def test_errors_are_returned_not_raised(rgb):
    result = render_preview(rgb, 1.0, Pipeline([Step.create("crop", x=999, y=0)]))
    assert result.output is None and "step 1 (crop)" in result.error


def test_proxy_preview_keeps_its_scale():
    big = np.zeros((3000, 4000, 3), np.uint8)
    proxy, scale = make_proxy(big, 1_000_000)
    result = render_preview(proxy, scale, Pipeline([Step.create("pad", top=100)]))
    assert result.output_scale == scale
    assert abs(result.output.shape[0] / scale - 3116) < 6  # 3000 + 100 + 16 at full resolution


def test_display_copy_is_uint8_and_bounded():
    deep = np.full((3000, 3000, 1), 65535, np.uint16)
    shown = display_copy(deep, max_pixels=1_000_000)
    assert shown.dtype == np.uint8 and shown.shape[0] * shown.shape[1] <= 1_000_000 and shown.max() == 255


def test_histogram_of_sixteen_bit_spans_its_range():
    deep = np.zeros((10, 10, 1), np.uint16)
    deep[0, 0] = 65535
    hist = channel_histograms(deep)
    assert hist[0, -1] == 1 and hist[0, 0] == 99


def test_load_for_preview(tmp_path, rgb):
    loaded = load_for_preview(write_image(tmp_path / "a.png", rgb), proxy_max_pixels=1000)
    assert loaded.image.shape == rgb.shape and loaded.proxy.shape[0] * loaded.proxy.shape[1] <= 1000
    assert 0 < loaded.proxy_scale < 1 and loaded.display.shape == rgb.shape
    with pytest.raises(ImageReadError):
        load_for_preview(tmp_path)
