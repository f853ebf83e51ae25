"""Convolution playground core: checked against OpenCV and torch.nn.functional."""

from __future__ import annotations

import itertools
import subprocess
import sys

import cv2
import numpy as np
import pytest

from imgstudio.core.playground import (
    KERNEL_PRESETS,
    PlaygroundError,
    PlaygroundSettings,
    convolve,
    kernel_sum_normalised,
    output_size,
    output_size_formula,
    patch_arithmetic,
    pool,
    positions,
    prepare_input,
    run_playground,
    step_position,
    to_display,
)

torch = pytest.importorskip("torch")
F = torch.nn.functional

KERNEL_SHAPES = [(1, 1), (2, 2), (3, 3), (5, 5), (3, 5)]


@pytest.fixture(scope="module")
def gray() -> np.ndarray:
    rng = np.random.default_rng(1)
    return rng.random((17, 23), dtype=np.float32)


@pytest.fixture(scope="module")
def colour() -> np.ndarray:
    rng = np.random.default_rng(2)
    return rng.integers(0, 256, size=(14, 19, 3), dtype=np.uint8)


def _torch_conv(img: np.ndarray, kernel: np.ndarray, stride: int, padding: int, dilation: int) -> np.ndarray:
    """Per-channel reference: conv2d with groups = channels (same kernel for each)."""
    x = torch.from_numpy(img if img.ndim == 3 else img[:, :, None]).permute(2, 0, 1)[None]
    c = x.shape[1]
    w = torch.from_numpy(kernel)[None, None].repeat(c, 1, 1, 1)
    out = F.conv2d(x, w, stride=stride, padding=padding, dilation=dilation, groups=c)[0].permute(1, 2, 0)
    return out.numpy() if img.ndim == 3 else out[:, :, 0].numpy()


def test_convolve_equals_opencv_filter2d_same_size(gray):
    for key in ("sobel_x", "gaussian_5x5", "emboss", "sharpen"):
        k = KERNEL_PRESETS[key]
        pad = k.shape[0] // 2
        ours = convolve(gray, k, stride=1, padding=pad)
        ref = cv2.filter2D(gray, cv2.CV_32F, k, borderType=cv2.BORDER_CONSTANT)
        assert ours.shape == gray.shape
        np.testing.assert_allclose(ours, ref, atol=1e-5)


def test_convolve_equals_torch_conv2d_gray(gray):
    rng = np.random.default_rng(3)
    checked = 0
    for (kh, kw), stride, padding, dilation in itertools.product(KERNEL_SHAPES, (1, 2, 3), (0, 1, 2), (1, 2, 3)):
        k = rng.standard_normal((kh, kw)).astype(np.float32)
        ours = convolve(gray, k, stride, padding, dilation)
        ref = _torch_conv(gray, k, stride, padding, dilation)
        expected = (
            output_size(gray.shape[0], kh, stride, padding, dilation),
            output_size(gray.shape[1], kw, stride, padding, dilation),
        )
        assert ours.shape == ref.shape == expected, (kh, kw, stride, padding, dilation)
        assert ours.dtype == np.float32
        np.testing.assert_allclose(ours, ref, atol=1e-5, err_msg=f"{kh}x{kw} s{stride} p{padding} d{dilation}")
        checked += 1
    assert checked == 135


def test_convolve_equals_torch_conv2d_rgb_per_channel(colour):
    rng = np.random.default_rng(4)
    unit = colour.astype(np.float32) / 255.0
    for (kh, kw), stride, padding, dilation in itertools.product(KERNEL_SHAPES, (1, 2, 3), (0, 2), (1, 2)):
        k = rng.standard_normal((kh, kw)).astype(np.float32)
        ours = convolve(colour, k, stride, padding, dilation)  # uint8 in: scaled to [0, 1] first
        ref = _torch_conv(unit, k, stride, padding, dilation)
        assert ours.shape == ref.shape
        assert ours.shape[:2] == (
            output_size(colour.shape[0], kh, stride, padding, dilation),
            output_size(colour.shape[1], kw, stride, padding, dilation),
        )
        np.testing.assert_allclose(ours, ref, atol=1e-5)


def test_convolve_is_correlation_not_convolution():
    img = np.zeros((5, 5), np.float32)
    img[2, 2] = 1.0
    k = np.arange(9, dtype=np.float32).reshape(3, 3)
    out = convolve(img, k, padding=1)
    # a single bright pixel reproduces the kernel rotated by 180° under correlation
    np.testing.assert_allclose(out[1:4, 1:4], k[::-1, ::-1])


def test_convolve_rejects_kernel_larger_than_padded_image():
    with pytest.raises(PlaygroundError, match="larger than the padded image"):
        convolve(np.zeros((4, 4), np.float32), np.ones((3, 3), np.float32), dilation=3)
    with pytest.raises(PlaygroundError, match="stride"):
        convolve(np.zeros((4, 4), np.float32), np.ones((3, 3), np.float32), stride=0)


def test_pool_equals_torch(colour):
    x = convolve(colour, KERNEL_PRESETS["sobel_x"], padding=1)  # negative values too
    t = torch.from_numpy(x).permute(2, 0, 1)[None]
    for size, stride, padding in itertools.product((1, 2, 3, 4), (1, 2, 3), (0, 1, 2)):
        if padding > size // 2:
            with pytest.raises(PlaygroundError):
                pool(x, size, stride, "max", padding)
            continue
        ref_max = F.max_pool2d(t, size, stride, padding)[0].permute(1, 2, 0).numpy()
        ref_avg = F.avg_pool2d(t, size, stride, padding, count_include_pad=True)[0].permute(1, 2, 0).numpy()
        np.testing.assert_allclose(pool(x, size, stride, "max", padding), ref_max, atol=1e-6)
        np.testing.assert_allclose(pool(x, size, stride, "avg", padding), ref_avg, atol=1e-6)
        assert ref_max.shape[0] == output_size(x.shape[0], size, stride, padding)
    gray2d = x[:, :, 0]
    assert pool(gray2d, 2, 2, "max").shape == (x.shape[0] // 2, x.shape[1] // 2)


@pytest.mark.parametrize(("stride", "padding", "dilation"), [(1, 0, 1), (2, 1, 1), (1, 2, 2), (3, 2, 3)])
def test_patch_arithmetic_sum_equals_conv_output(gray, stride, padding, dilation):
    k = np.random.default_rng(5).standard_normal((3, 3)).astype(np.float32)
    out = convolve(gray, k, stride, padding, dilation)
    h, w = out.shape
    for y, x in [(0, 0), (0, w - 1), (h - 1, 0), (h - 1, w - 1), (h // 2, w // 2)]:
        step = patch_arithmetic(gray, k, y, x, stride, padding, dilation)
        assert step.total == pytest.approx(float(out[y, x]), abs=1e-5)
        np.testing.assert_allclose(step.products, step.patch * k)
        assert step.rows[0] == y * stride - padding and step.cols[0] == x * stride - padding
        assert step.rows[1] - step.rows[0] == dilation
        # taps outside the image read zeros and are flagged
        outside = (step.rows[:, None] < 0) | (step.rows[:, None] >= gray.shape[0])
        outside = outside | (step.cols[None, :] < 0) | (step.cols[None, :] >= gray.shape[1])
        np.testing.assert_array_equal(step.padded, outside)
        assert np.all(step.patch[step.padded] == 0)
    corner = patch_arithmetic(gray, k, 0, 0, stride, padding, dilation)
    assert corner.padded.any() == (padding > 0)
    with pytest.raises(PlaygroundError):
        patch_arithmetic(gray, k, h, 0, stride, padding, dilation)


def test_positions_and_step_position():
    assert list(positions(2, 3)) == [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)]
    assert step_position(0, 2, 2, 3) == (1, 0)
    assert step_position(1, 2, 2, 3) == (0, 0)  # wraps
    assert step_position(0, 0, 2, 3, -1) == (1, 2)


def test_presets_shapes_and_values():
    expected_shapes = {"gaussian_5x5": (5, 5)}
    for key, k in KERNEL_PRESETS.items():
        assert k.dtype == np.float32
        assert k.shape == expected_shapes.get(key, (3, 3)), key
    np.testing.assert_array_equal(KERNEL_PRESETS["sobel_x"], [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
    np.testing.assert_array_equal(KERNEL_PRESETS["sobel_y"], KERNEL_PRESETS["sobel_x"].T)
    np.testing.assert_array_equal(KERNEL_PRESETS["laplacian"], [[0, 1, 0], [1, -4, 1], [0, 1, 0]])
    np.testing.assert_array_equal(KERNEL_PRESETS["sharpen"], [[0, -1, 0], [-1, 5, -1], [0, -1, 0]])
    np.testing.assert_array_equal(KERNEL_PRESETS["identity"], [[0, 0, 0], [0, 1, 0], [0, 0, 0]])
    for key in ("identity", "box_blur", "gaussian_3x3", "gaussian_5x5", "sharpen", "emboss"):
        assert KERNEL_PRESETS[key].sum() == pytest.approx(1.0, abs=1e-6), key
    for key in ("sobel_x", "sobel_y", "laplacian", "outline"):
        assert KERNEL_PRESETS[key].sum() == 0, key
    assert KERNEL_PRESETS["gaussian_3x3"][1, 1] == pytest.approx(4 / 16)
    assert KERNEL_PRESETS["gaussian_5x5"][2, 2] == pytest.approx(36 / 256)


def test_output_size_and_formula():
    assert output_size(224, 3, 1, 1, 1) == 224
    assert output_size(224, 3, 2, 1, 1) == 112
    assert output_size(7, 3, 2, 0, 2) == 2
    assert output_size(2, 5) == 0
    text = output_size_formula(224, 3, 1, 1, 1)
    assert text == "⌊(224 + 2·1 − 1·(3−1) − 1) / 1⌋ + 1 = 224"
    assert output_size_formula(32, 5, 2, 0, 2).endswith("= 12")


def test_to_display_modes():
    x = np.array([[-2.0, -0.5, 0.0, 0.5, 2.0]], np.float32)
    np.testing.assert_array_equal(to_display(x, "clip"), [[0, 0, 0, 128, 255]])
    np.testing.assert_array_equal(to_display(x, "abs"), [[255, 128, 0, 128, 255]])
    np.testing.assert_array_equal(to_display(x, "normalize"), [[0, 96, 128, 159, 255]])
    assert to_display(np.full((2, 2), 3.0, np.float32), "normalize").max() == 0
    with pytest.raises(PlaygroundError):
        to_display(x, "bogus")  # type: ignore[arg-type]


def test_kernel_sum_normalised():
    np.testing.assert_allclose(kernel_sum_normalised(np.ones((3, 3))), np.full((3, 3), 1 / 9), rtol=1e-6)
    with pytest.raises(PlaygroundError, match="add up to 0"):
        kernel_sum_normalised(KERNEL_PRESETS["sobel_x"])


def test_run_playground(colour):
    big = cv2.resize(colour, (400, 300), interpolation=cv2.INTER_NEAREST)
    settings = PlaygroundSettings(
        kernel=KERNEL_PRESETS["sobel_x"], stride=2, padding=1, pool_enabled=True, pool_mode="avg", input_size=100
    )
    result = run_playground(big, settings)
    assert result.input_size == (75, 100) and result.input.shape == (75, 100, 1)
    assert result.conv_size == (38, 50) == result.conv.shape[:2]
    assert result.pooled_size == (19, 25) and result.pooled_display is not None
    assert result.conv_display.dtype == np.uint8 and result.conv_display.shape == (38, 50, 1)
    assert "= 38" in result.conv_formula and "= 50" in result.conv_formula
    assert "= 19" in result.pool_formula and "= 25" in result.pool_formula
    assert any("shrunk" in note for note in result.notes)
    np.testing.assert_allclose(result.conv, convolve(result.input, settings.kernel, 2, 1), atol=1e-6)
    rgb = run_playground(colour, PlaygroundSettings(grayscale=False))
    assert rgb.conv.shape == (12, 17, 3) and rgb.pooled is None and rgb.pool_formula == ""
    with pytest.raises(PlaygroundError):
        run_playground(colour[:2, :2], PlaygroundSettings(kernel=np.ones((5, 5), np.float32)))


def test_prepare_input_handles_gray_alpha_and_uint16():
    gray16 = np.full((10, 12), 65535, np.uint16)
    img, _ = prepare_input(gray16, grayscale=True)
    assert img.shape == (10, 12, 1) and img.max() == pytest.approx(1.0)
    rgba = np.zeros((10, 12, 4), np.uint8)
    img, notes = prepare_input(rgba, grayscale=False)
    assert img.shape == (10, 12, 3) and "alpha channel ignored" in notes


def test_large_image_is_fast_enough():
    import time

    img = np.random.default_rng(6).integers(0, 256, size=(1024, 1024, 3), dtype=np.uint8)
    settings = PlaygroundSettings(kernel=KERNEL_PRESETS["gaussian_5x5"], pool_enabled=True, grayscale=False)
    start = time.perf_counter()
    run_playground(img, settings)
    assert time.perf_counter() - start < 2.0


def test_module_does_not_import_torch_or_qt():
    code = (
        "import sys, imgstudio.core.playground; "
        "bad = [m for m in ('torch', 'PySide6') if m in sys.modules]; "
        "sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
