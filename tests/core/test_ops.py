"""Every operation against a direct OpenCV / numpy reference."""

import cv2
import numpy as np
import pytest

from imgstudio.core import ops
from imgstudio.core.ops import OPS, OpError


def bgr(img):
    return cv2.cvtColor(img, cv2.COLOR_RGB2BGR)


def test_every_op_has_specs_and_runs_on_uint8_rgb(rgb):
    assert {
        "resize",
        "rotate",
        "crop",
        "translate",
        "flip",
        "grayscale",
        "color_space",
        "brightness_contrast",
        "gaussian_blur",
        "median_blur",
        "bilateral_filter",
        "sharpen",
        "equalize_hist",
        "clahe",
        "threshold",
        "canny",
        "pad",
        "normalize",
    } <= set(OPS)
    for name, spec in OPS.items():
        out = spec.func(rgb.copy(), **spec.defaults())
        assert out.ndim == 3 and out.dtype == np.uint8, name
        for p in spec.params:
            if p.kind in ("int", "float"):
                assert p.min is not None and p.max is not None and p.min <= p.default <= p.max, (name, p.name)


def test_resize_matches_cv2(rgb):
    np.testing.assert_array_equal(ops.resize(rgb, 30, 20), cv2.resize(rgb, (30, 20)))
    out = ops.resize(rgb, 32, 32, keep_aspect=True, interpolation="area")
    np.testing.assert_array_equal(out, cv2.resize(rgb, (32, 24), interpolation=cv2.INTER_AREA))


def test_resize_gray_keeps_channel_axis(rgb):
    gray = rgb[:, :, :1]
    assert ops.resize(gray, 10, 5).shape == (5, 10, 1)


@pytest.mark.parametrize(
    "angle,code",
    [
        (90, cv2.ROTATE_90_COUNTERCLOCKWISE),
        (-90, cv2.ROTATE_90_CLOCKWISE),
        (180, cv2.ROTATE_180),
        (270, cv2.ROTATE_90_CLOCKWISE),
    ],
)
def test_rotate_quarter_turns_with_expand_equal_cv2_rotate(rgb, angle, code):
    np.testing.assert_array_equal(ops.rotate(rgb, angle, expand=True), cv2.rotate(rgb, code))


def test_rotate_counter_clockwise_positive_like_getRotationMatrix2D(rgb):
    h, w = rgb.shape[:2]
    m = cv2.getRotationMatrix2D(((w - 1) / 2, (h - 1) / 2), 30, 1.0)
    np.testing.assert_array_equal(ops.rotate(rgb, 30), cv2.warpAffine(rgb, m, (w, h)))


def test_rotate_expand_keeps_whole_image():
    img = np.full((40, 80, 3), 255, np.uint8)
    out = ops.rotate(img, 45, expand=True)
    side = round(40 * np.sqrt(0.5) + 80 * np.sqrt(0.5))
    assert out.shape[:2] == (side, side)
    # the whole white area survives: sum of white pixels ~ original area
    assert abs((out[..., 0] > 127).sum() - 40 * 80) < 0.03 * 40 * 80


def test_rotate_fill_colour(rgb):
    out = ops.rotate(rgb, 45, fill="#00ff00")
    assert tuple(out[0, 0]) == (0, 255, 0)


def test_crop_is_numpy_slice(rgb):
    np.testing.assert_array_equal(ops.crop(rgb, 5, 7, 20, 10), rgb[7:17, 5:25])
    np.testing.assert_array_equal(ops.crop(rgb, 50, 40, 100, 100), rgb[40:140, 50:150])
    with pytest.raises(OpError, match="outside"):
        ops.crop(rgb, 64, 0, 10, 10)


def test_translate_shifts_and_fills_black(rgb):
    out = ops.translate(rgb, 10, 5)
    assert out.shape == rgb.shape
    np.testing.assert_array_equal(out[5:, 10:], rgb[:-5, :-10])
    assert out[:5].max() == 0 and out[:, :10].max() == 0
    back = ops.translate(rgb, -3, -4)
    np.testing.assert_array_equal(back[:-4, :-3], rgb[4:, 3:])


def test_translate_matches_warpaffine_for_subpixel(rgb):
    m = np.float32([[1, 0, 2.5], [0, 1, -1.25]])
    np.testing.assert_array_equal(ops.translate(rgb, 2.5, -1.25), cv2.warpAffine(rgb, m, (64, 48)))


@pytest.mark.parametrize(
    "direction,ref",
    [("horizontal", lambda a: a[:, ::-1]), ("vertical", lambda a: a[::-1]), ("both", lambda a: a[::-1, ::-1])],
)
def test_flip(rgb, direction, ref):
    np.testing.assert_array_equal(ops.flip(rgb, direction), ref(rgb))


def test_pad_matches_copymakeborder(rgb):
    ref = cv2.copyMakeBorder(rgb, 1, 2, 3, 4, cv2.BORDER_REFLECT_101)
    np.testing.assert_array_equal(ops.pad(rgb, 1, 2, 3, 4, border="reflect"), ref)
    out = ops.pad(rgb, 2, 0, 0, 0, fill="#ff0000")
    assert out.shape == (50, 64, 3) and tuple(out[0, 0]) == (255, 0, 0)


def test_grayscale_matches_cvtcolor(rgb):
    ref = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    np.testing.assert_array_equal(ops.grayscale(rgb)[:, :, 0], ref)
    assert ops.grayscale(rgb, keep_channels=True).shape == rgb.shape


def test_color_space_matches_cvtcolor(rgb):
    np.testing.assert_array_equal(ops.color_space(rgb, "hsv"), cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV))
    np.testing.assert_array_equal(ops.color_space(rgb, "bgr"), rgb[:, :, ::-1])


def test_brightness_contrast_gamma_formula(rgb):
    np.testing.assert_array_equal(ops.brightness_contrast(rgb), rgb)
    x = rgb.astype(np.float64) / 255
    ref = np.round(np.clip((x - 0.5) * 1.5 + 0.5 + 0.1, 0, 1) ** (1 / 2.0) * 255).astype(np.uint8)
    np.testing.assert_array_equal(ops.brightness_contrast(rgb, 0.1, 1.5, 2.0), ref)
    deep = rgb.astype(np.uint16) * 257
    out16 = ops.brightness_contrast(deep, 0.1, 1.5, 2.0)
    assert out16.dtype == np.uint16
    assert np.abs(out16 / 257.0 - ref).max() <= 1.0


def test_invert_and_normalize(rgb):
    np.testing.assert_array_equal(ops.invert(rgb), 255 - rgb)
    dull = (rgb // 4 + 50).astype(np.uint8)
    ref = cv2.normalize(dull, None, 0, 255, cv2.NORM_MINMAX)
    assert np.abs(ops.normalize(dull).astype(int) - ref.astype(int)).max() <= 1


def test_blurs_match_cv2(rgb):
    np.testing.assert_array_equal(ops.gaussian_blur(rgb, 5, 1.2), cv2.GaussianBlur(rgb, (5, 5), 1.2))
    np.testing.assert_array_equal(ops.median_blur(rgb, 3), cv2.medianBlur(rgb, 3))
    np.testing.assert_array_equal(ops.bilateral_filter(rgb, 5, 50, 50), cv2.bilateralFilter(rgb, 5, 50, 50))
    np.testing.assert_array_equal(ops.gaussian_blur(rgb, 1, 0), rgb)


def test_sharpen_is_unsharp_mask(rgb):
    blurred = cv2.GaussianBlur(rgb, (0, 0), 2.0)
    ref = cv2.addWeighted(rgb, 1.7, blurred, -0.7, 0)
    np.testing.assert_array_equal(ops.sharpen(rgb, 0.7, 2.0), ref)


def test_equalize_and_clahe_on_luma(rgb):
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)[:, :, None]
    np.testing.assert_array_equal(ops.equalize_hist(gray)[:, :, 0], cv2.equalizeHist(gray[:, :, 0]))
    ycc = cv2.cvtColor(rgb, cv2.COLOR_RGB2YCrCb)
    ycc[:, :, 0] = cv2.equalizeHist(ycc[:, :, 0])
    np.testing.assert_array_equal(ops.equalize_hist(rgb), cv2.cvtColor(ycc, cv2.COLOR_YCrCb2RGB))
    ref = cv2.createCLAHE(3.0, (4, 4)).apply(gray[:, :, 0])
    np.testing.assert_array_equal(ops.clahe(gray, 3.0, 4)[:, :, 0], ref)


def test_threshold_methods(rgb):
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    _, fixed = cv2.threshold(gray, 100, 255, cv2.THRESH_BINARY)
    np.testing.assert_array_equal(ops.threshold(rgb, "fixed", 100)[:, :, 0], fixed)
    _, otsu = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    np.testing.assert_array_equal(ops.threshold(rgb, "otsu", invert=True)[:, :, 0], otsu)
    ada = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, 7, 3)
    np.testing.assert_array_equal(ops.threshold(rgb, "adaptive_gaussian", block_size=7, c=3)[:, :, 0], ada)


def test_canny_matches_cv2(rgb):
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    np.testing.assert_array_equal(ops.canny(rgb, 50, 150)[:, :, 0], cv2.Canny(gray, 50, 150))


def test_geometry_keeps_sixteen_bit_and_alpha():
    deep = np.random.default_rng(1).integers(0, 65535, (20, 30, 4), dtype=np.uint16)
    for name in ("resize", "rotate", "translate", "flip", "pad", "gaussian_blur"):
        out = OPS[name].func(deep, **OPS[name].defaults())
        assert out.dtype == np.uint16 and out.shape[2] == 4, name
