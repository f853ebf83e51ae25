"""core/io.py: the one loader and saver, on odd and broken files built here."""

import io
import os
import stat
import struct
import time
import zlib
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageOps

from imgstudio.core.io import (
    ImageReadError,
    ImageWriteError,
    apply_orientation,
    list_images,
    read_image,
    read_thumbnail,
    sniff_format,
    write_image,
)


def _save_pil(path: Path, img: Image.Image, fmt: str, **kw) -> Path:
    buf = io.BytesIO()
    img.save(buf, format=fmt, **kw)
    path.write_bytes(buf.getvalue())
    return path


@pytest.fixture
def pil_rgb(rgb) -> Image.Image:
    return Image.fromarray(rgb)


@pytest.mark.parametrize("fmt,ext", [("PNG", ".png"), ("BMP", ".bmp"), ("TIFF", ".tif"), ("WEBP", ".webp")])
def test_lossless_formats_read_exact_rgb(tmp_path, rgb, pil_rgb, fmt, ext):
    kw = {"lossless": True} if fmt == "WEBP" else {}
    path = _save_pil(tmp_path / f"a{ext}", pil_rgb, fmt, **kw)
    arr, info = read_image(path)
    assert arr.shape == (48, 64, 3) and arr.dtype == np.uint8
    np.testing.assert_array_equal(arr, rgb)  # RGB order, not OpenCV's BGR
    assert (info.width, info.height, info.channels) == (64, 48, 3)


def test_jpeg_matches_pillow_decode(tmp_path, pil_rgb):
    path = _save_pil(tmp_path / "a.jpg", pil_rgb, "JPEG", quality=95)
    arr, info = read_image(path)
    ref = np.asarray(Image.open(path).convert("RGB")).astype(int)
    assert info.format == "jpeg"
    assert np.abs(arr.astype(int) - ref).mean() < 2.0


def test_format_comes_from_bytes_not_extension(tmp_path, rgb, pil_rgb):
    path = _save_pil(tmp_path / "really_png.jpg", pil_rgb, "PNG")
    arr, info = read_image(path)
    assert info.format == "png"
    np.testing.assert_array_equal(arr, rgb)


def test_gif_first_frame_and_palette(tmp_path):
    frames = [Image.new("P", (20, 10), color=i) for i in (1, 2)]
    for i, f in enumerate(frames):
        f.putpalette([0, 0, 0, 255, 0, 0, 0, 255, 0] + [0] * 759)
        frames[i] = f
    path = tmp_path / "anim.gif"
    buf = io.BytesIO()
    frames[0].save(buf, format="GIF", save_all=True, append_images=frames[1:])
    path.write_bytes(buf.getvalue())
    arr, info = read_image(path)
    assert info.format == "gif" and arr.shape == (10, 20, 3)
    assert tuple(arr[0, 0]) == (255, 0, 0)  # first frame is palette index 1: red
    assert any("first frame" in n for n in info.notes)


def test_grayscale_is_hw1(tmp_path):
    path = _save_pil(tmp_path / "g.png", Image.new("L", (8, 6), 77), "PNG")
    arr, _ = read_image(path)
    assert arr.shape == (6, 8, 1) and arr[0, 0, 0] == 77


def test_rgba_keeps_alpha(tmp_path):
    img = Image.new("RGBA", (5, 4), (10, 20, 30, 40))
    arr, info = read_image(_save_pil(tmp_path / "a.png", img, "PNG"))
    assert arr.shape == (4, 5, 4) and tuple(arr[0, 0]) == (10, 20, 30, 40)
    assert info.channels == 4


def test_sixteen_bit_png_is_kept(tmp_path):
    data = (np.arange(12 * 10, dtype=np.uint16).reshape(10, 12) * 500).astype(np.uint16)
    _, buf = cv2.imencode(".png", data)
    path = tmp_path / "deep.png"
    path.write_bytes(buf.tobytes())
    arr, info = read_image(path)
    assert arr.dtype == np.uint16 and info.dtype == "uint16"
    np.testing.assert_array_equal(arr[:, :, 0], data)


def test_sixteen_bit_rgb_tiff_in_rgb_order(tmp_path):
    rgb16 = np.zeros((4, 4, 3), np.uint16)
    rgb16[..., 0] = 60000  # red
    _, buf = cv2.imencode(".tiff", cv2.cvtColor(rgb16, cv2.COLOR_RGB2BGR))
    path = tmp_path / "deep.tiff"
    path.write_bytes(buf.tobytes())
    arr, _ = read_image(path)
    assert arr.dtype == np.uint16 and tuple(arr[0, 0]) == (60000, 0, 0)


def test_cmyk_jpeg_becomes_rgb(tmp_path):
    img = Image.new("RGB", (16, 16), (200, 30, 40)).convert("CMYK")
    arr, info = read_image(_save_pil(tmp_path / "cmyk.jpg", img, "JPEG", quality=100))
    assert arr.shape == (16, 16, 3)
    assert np.abs(arr[8, 8].astype(int) - (200, 30, 40)).max() < 12
    assert any("CMYK" in n for n in info.notes)


@pytest.mark.parametrize("orientation", range(1, 9))
def test_exif_orientation_matches_pillow(tmp_path, pil_rgb, orientation):
    exif = Image.Exif()
    exif[0x0112] = orientation
    path = _save_pil(tmp_path / f"o{orientation}.png", pil_rgb, "PNG", exif=exif)
    arr, info = read_image(path)
    expected = np.asarray(ImageOps.exif_transpose(Image.open(path)).convert("RGB"))
    np.testing.assert_array_equal(arr, expected)
    assert info.orientation == orientation
    assert (info.height, info.width) == arr.shape[:2]


def test_orientation_6_jpeg_is_upright(tmp_path):
    upright = np.zeros((40, 20, 3), np.uint8)
    upright[:10] = 255  # white band at the top
    stored = np.rot90(upright, k=1)  # stored rotated; orientation 6 turns it clockwise back
    exif = Image.Exif()
    exif[0x0112] = 6
    path = _save_pil(
        tmp_path / "cam.jpg", Image.fromarray(np.ascontiguousarray(stored)), "JPEG", exif=exif, quality=100
    )
    arr, _ = read_image(path)
    assert arr.shape == (40, 20, 3)
    assert arr[:8].mean() > 240 and arr[12:].mean() < 15
    np.testing.assert_array_equal(apply_orientation(stored, 6), upright)


def test_non_ascii_path_roundtrip(tmp_path, rgb):
    folder = tmp_path / "图像 données"
    path = write_image(folder / "样本 ü.png", rgb)
    arr, _ = read_image(path)
    np.testing.assert_array_equal(arr, rgb)
    assert [p.name for p in list_images(folder)] == ["样本 ü.png"]


def _expect_error(path, fragment):
    with pytest.raises(ImageReadError) as err:
        read_image(path)
    msg = str(err.value)
    assert str(path) in msg and fragment in msg and "\n" not in msg
    return msg


def test_empty_file(tmp_path):
    (tmp_path / "e.png").write_bytes(b"")
    _expect_error(tmp_path / "e.png", "empty")


def test_missing_file_and_directory(tmp_path):
    _expect_error(tmp_path / "nope.png", "not found")
    _expect_error(tmp_path, "folder")


def test_text_file_is_not_an_image(tmp_path):
    (tmp_path / "notes.jpg").write_text("hello, I am text")
    _expect_error(tmp_path / "notes.jpg", "not an image")


def test_truncated_jpeg_and_png(tmp_path, pil_rgb):
    for fmt, ext in (("JPEG", ".jpg"), ("PNG", ".png")):
        full = _save_pil(tmp_path / f"full{ext}", pil_rgb, fmt).read_bytes()
        cut = tmp_path / f"cut{ext}"
        cut.write_bytes(full[: len(full) * 2 // 3])
        _expect_error(cut, "truncated")


def test_truncated_bmp(tmp_path, pil_rgb):
    full = _save_pil(tmp_path / "full.bmp", pil_rgb, "BMP").read_bytes()
    (tmp_path / "cut.bmp").write_bytes(full[:200])
    with pytest.raises(ImageReadError, match=r"cut\.bmp"):
        read_image(tmp_path / "cut.bmp")


def _png_header_only(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")
    )


def test_decompression_bomb_is_refused_fast(tmp_path):
    path = tmp_path / "bomb.png"
    path.write_bytes(_png_header_only(100_000, 100_000))
    start = time.perf_counter()
    msg = _expect_error(path, "over the limit")
    assert time.perf_counter() - start < 1.0
    assert "100000x100000" in msg


def test_pixel_limit_is_a_parameter(tmp_path, rgb):
    path = write_image(tmp_path / "a.png", rgb)
    with pytest.raises(ImageReadError, match="over the limit"):
        read_image(path, max_pixels=1000)
    assert read_image(path, max_pixels=64 * 48)[0].shape == rgb.shape


def test_sniff_format():
    assert sniff_format(b"\xff\xd8\xff\xe0") == "jpeg"
    assert sniff_format(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "webp"
    assert sniff_format(b"hello") is None


def test_write_is_atomic_and_never_overwrites(tmp_path, rgb):
    path = write_image(tmp_path / "out.png", rgb)
    before = path.read_bytes()
    with pytest.raises(ImageWriteError, match="already exists"):
        write_image(path, np.zeros_like(rgb))
    assert path.read_bytes() == before
    write_image(path, np.zeros_like(rgb), overwrite=True)
    assert read_image(path)[0].max() == 0
    assert [p.name for p in tmp_path.iterdir()] == ["out.png"]  # no temporary left behind


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_written_files_get_the_umask_permissions_or_keep_the_replaced_files(tmp_path, rgb):
    mask = os.umask(0o022)  # reading the umask means setting it: put it back at once
    os.umask(mask)
    path = write_image(tmp_path / "out.png", rgb)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask  # like open(path, "w"), not the 0600 of a temp file
    path.chmod(0o640)
    write_image(path, np.zeros_like(rgb), overwrite=True)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_file_system_that_refuses_chmod_still_saves(tmp_path, rgb, monkeypatch):
    def refuse(*_args):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "fchmod", refuse, raising=False)
    monkeypatch.setattr(os, "chmod", refuse)
    path = write_image(tmp_path / "out.png", rgb)
    assert np.array_equal(read_image(path)[0], rgb)
    assert [p.name for p in tmp_path.iterdir()] == ["out.png"]


def test_write_refuses_the_source_even_with_overwrite(tmp_path, rgb):
    src = write_image(tmp_path / "src.png", rgb)
    before = src.read_bytes()
    with pytest.raises(ImageWriteError, match="source"):
        write_image(src, np.zeros_like(rgb), overwrite=True, protect=(src,))
    assert src.read_bytes() == before


def test_write_unknown_format_names_file(tmp_path, rgb):
    with pytest.raises(ImageWriteError, match=r"out\.xyz"):
        write_image(tmp_path / "out.xyz", rgb)
    assert not any(tmp_path.iterdir())


def test_write_sixteen_bit_png_and_rgba(tmp_path):
    deep = np.full((3, 3, 1), 40000, np.uint16)
    np.testing.assert_array_equal(read_image(write_image(tmp_path / "d.png", deep))[0], deep)
    rgba = np.zeros((3, 3, 4), np.uint8)
    rgba[..., 2:] = 200
    np.testing.assert_array_equal(read_image(write_image(tmp_path / "a.png", rgba))[0], rgba)


def test_thumbnail_is_small_and_upright(tmp_path):
    img = np.zeros((300, 100, 3), np.uint8)
    img[:50] = 255
    path = write_image(tmp_path / "tall.jpg", img)
    thumb = read_thumbnail(path, 64)
    assert max(thumb.shape[:2]) <= 64 and thumb.shape[0] > thumb.shape[1]
    with pytest.raises(ImageReadError):
        read_thumbnail(tmp_path, 64)


def test_list_images_recursive_and_sorted(tmp_path, rgb):
    for rel in ("b.png", "a.jpg", "sub/c.png", ".hidden.png", "notes.txt"):
        p = tmp_path / rel
        p.parent.mkdir(exist_ok=True)
        p.write_bytes(b"x")
    assert [p.name for p in list_images(tmp_path)] == ["a.jpg", "b.png"]
    assert [p.relative_to(tmp_path).as_posix() for p in list_images(tmp_path, recursive=True)] == [
        "a.jpg",
        "b.png",
        "sub/c.png",
    ]


def test_thumbnail_of_sixteen_bit_gray_keeps_its_contrast(tmp_path):
    ramp = np.tile(np.linspace(0, 65535, 400).astype(np.uint16), (300, 1))
    _, buf = cv2.imencode(".png", ramp)
    path = tmp_path / "ramp16.png"
    path.write_bytes(buf.tobytes())
    thumb = read_thumbnail(path, 64)
    assert max(thumb.shape[:2]) <= 64 and thumb.dtype == np.uint8
    assert thumb[..., 0].min() < 10 and thumb[..., 0].max() > 245 and 100 < thumb.mean() < 155


def test_float_results_are_written_readable(tmp_path):
    ramp = np.linspace(0, 1, 30, dtype=np.float32).reshape(5, 6, 1).repeat(3, axis=2)
    for ext in (".tiff", ".png", ".jpg"):
        back, info = read_image(write_image(tmp_path / f"f{ext}", ramp))
        assert back.shape == (5, 6, 3)
        peak = 65535 if info.dtype == "uint16" else 255
        assert abs(back.max() / peak - 1.0) < 0.02 and back.min() <= peak * 0.02


@pytest.mark.parametrize("fmt,ext", [("TGA", ".tga"), ("ICO", ".ico"), ("PCX", ".pcx")])
def test_other_formats_pillow_reads_are_read(tmp_path, rgb, pil_rgb, fmt, ext):
    path = _save_pil(tmp_path / f"a{ext}", pil_rgb, fmt)
    arr, info = read_image(path)
    assert info.format == fmt.lower() and arr.shape[2] in (3, 4)
    if fmt != "ICO":  # ICO resizes to its icon sizes
        np.testing.assert_array_equal(arr[:, :, :3], rgb)
