"""The one image loader and saver of the application.

Convention for every image inside imgstudio: a ``numpy.ndarray`` of shape H x W x C
(C = 1 gray, 3 RGB, 4 RGBA), dtype ``uint8``, ``uint16`` or ``float32`` (floats in
[0, 1]). OpenCV's BGR order is converted here, at the I/O boundary, and nowhere else.

Reading goes by bytes (``numpy.fromfile``) so non-ASCII paths work on every OS; the
format is detected from magic bytes, never from the extension; the pixel count is
checked from the header before anything is decoded, so a decompression bomb is a
quick, clear error. Writing encodes in memory and replaces the target atomically.
"""

from __future__ import annotations

import io as _bytes_io
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

# OpenCV reads its own pixel limit once; ours is checked first, this only stops
# OpenCV from refusing images that the user's (larger) limit allows.
os.environ.setdefault("OPENCV_IO_MAX_IMAGE_PIXELS", str(1 << 40))

import cv2
from PIL import Image, ImageFile

Image.MAX_IMAGE_PIXELS = None  # we check the limit ourselves, with our message
ImageFile.LOAD_TRUNCATED_IMAGES = False

DEFAULT_MAX_PIXELS = 200_000_000
"""Default pixel limit (width x height); a setting in the app."""

IMAGE_EXTENSIONS = (
    ".jpg",
    ".jpeg",
    ".jpe",
    ".png",
    ".bmp",
    ".dib",
    ".tif",
    ".tiff",
    ".webp",
    ".gif",
    ".pbm",
    ".pgm",
    ".ppm",
    ".pnm",
)
"""Extensions used to *list* images in a folder; reading always checks the bytes."""

WRITE_FORMATS = {
    "png": ".png",
    "jpg": ".jpg",
    "jpeg": ".jpg",
    "bmp": ".bmp",
    "tiff": ".tiff",
    "tif": ".tiff",
    "webp": ".webp",
}
"""Formats :func:`write_image` can encode, by name."""


class ImageReadError(Exception):
    """An image could not be read; ``str()`` is one line naming the file and the reason."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class ImageWriteError(Exception):
    """An image could not be written; ``str()`` names the file and the reason."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


@dataclass(frozen=True)
class ImageInfo:
    """What a file holds, as read from its header (and the decoded array)."""

    path: str
    format: str
    width: int
    height: int
    channels: int
    dtype: str
    orientation: int = 1
    notes: tuple[str, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "width": self.width,
            "height": self.height,
            "channels": self.channels,
            "dtype": self.dtype,
            "format": self.format,
        }


_OPENCV_FORMATS = ("jpeg", "png", "bmp", "tiff", "webp", "pnm")
"""Decoded by OpenCV (16-bit and alpha kept); anything else Pillow reads goes through Pillow."""


def sniff_format(head: bytes) -> str | None:
    """Name of the image format the leading bytes announce, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith(b"BM"):
        return "bmp"
    if head.startswith((b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")):
        return "tiff"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if len(head) >= 2 and head[0:1] == b"P" and head[1:2] in b"123456" and head[1:2] != b"":
        return "pnm"
    return None


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise ImageReadError(path, "file not found")
    if path.is_dir():
        raise ImageReadError(path, "is a folder, not an image file")
    try:
        data = np.fromfile(str(path), dtype=np.uint8).tobytes()
    except OSError as exc:
        raise ImageReadError(path, f"cannot read file ({exc.strerror or exc})") from exc
    if not data:
        raise ImageReadError(path, "file is empty (0 bytes)")
    return data


def _check_complete(path: Path, fmt: str, data: bytes) -> None:
    """Refuse truncated JPEG and PNG files, which decoders would silently pad."""
    if fmt == "jpeg":
        # Entropy-coded data never contains FF D9, so the end-of-image marker must
        # follow the last start-of-scan marker (an EXIF thumbnail has its own pair).
        if data.rfind(b"\xff\xd9") < data.rfind(b"\xff\xda"):
            raise ImageReadError(path, "truncated JPEG (end-of-image marker missing)")
    elif fmt == "png" and data.rfind(b"IEND") < 0:
        raise ImageReadError(path, "truncated PNG (IEND chunk missing)")


def _header(path: Path, data: bytes) -> tuple[int, int, int, str, str]:
    """Width, height, EXIF orientation, PIL mode and PIL format name from the header alone."""
    try:
        with Image.open(_bytes_io.BytesIO(data)) as im:
            width, height = im.size
            orientation = 1
            try:
                orientation = int(im.getexif().get(0x0112, 1) or 1)
            except Exception:  # a broken EXIF block must not make the image unreadable
                orientation = 1
            return width, height, orientation, im.mode, (im.format or "").lower()
    except Exception as exc:
        raise ImageReadError(path, f"not a readable image ({type(exc).__name__}: {exc})") from exc


def _identify(path: Path, data: bytes) -> tuple[str, tuple[int, int, int, str]]:
    """Format name and header fields; formats without a known signature go by Pillow."""
    fmt = sniff_format(data[:16])
    try:
        width, height, orientation, mode, pil_format = _header(path, data)
    except ImageReadError:
        if fmt is None:
            raise ImageReadError(path, "not an image file (unknown or unsupported format)") from None
        raise
    return fmt or pil_format or "unknown", (width, height, orientation, mode)


def apply_orientation(img: np.ndarray, orientation: int) -> np.ndarray:
    """Turn an array stored with EXIF ``orientation`` (1-8) upright."""
    if orientation == 2:
        return img[:, ::-1]
    if orientation == 3:
        return img[::-1, ::-1]
    if orientation == 4:
        return img[::-1, :]
    if orientation == 5:
        return img.swapaxes(0, 1)
    if orientation == 6:
        return np.rot90(img, k=-1)
    if orientation == 7:
        return np.rot90(img, k=2).swapaxes(0, 1)
    if orientation == 8:
        return np.rot90(img, k=1)
    return img


def _from_opencv(decoded: np.ndarray) -> np.ndarray:
    """OpenCV's decoded array (BGR/BGRA/2-D) to the app's H x W x C RGB convention."""
    if decoded.ndim == 2:
        return decoded[:, :, None]
    if decoded.shape[2] == 3:
        return cv2.cvtColor(decoded, cv2.COLOR_BGR2RGB)
    if decoded.shape[2] == 4:
        return cv2.cvtColor(decoded, cv2.COLOR_BGRA2RGBA)
    return decoded


def _decode_with_pillow(path: Path, data: bytes) -> np.ndarray:
    """Decode with Pillow (GIF first frame, palette, CMYK, formats OpenCV lacks)."""
    try:
        with Image.open(_bytes_io.BytesIO(data)) as im:
            im.seek(0)
            im.load()
            mode = im.mode
            if mode in ("I;16", "I;16B", "I;16L", "I;16N"):
                arr = np.asarray(im, dtype=np.uint16)
            elif mode == "I":
                arr = np.clip(np.asarray(im), 0, 65535).astype(np.uint16)
            elif mode == "F":
                arr = np.asarray(im, dtype=np.float32)
            elif mode in ("L", "RGB", "RGBA"):
                arr = np.asarray(im)
            elif mode == "1":
                arr = np.asarray(im.convert("L"))
            elif mode == "LA" or (mode == "P" and "transparency" in im.info) or mode == "PA":
                arr = np.asarray(im.convert("RGBA"))
            else:  # P, CMYK, YCbCr, LAB, HSV ...
                arr = np.asarray(im.convert("RGB"))
    except Exception as exc:
        raise ImageReadError(path, f"cannot decode image ({type(exc).__name__}: {exc})") from exc
    if arr.ndim == 2:
        arr = arr[:, :, None]
    return np.ascontiguousarray(arr)


def _to_float01(arr: np.ndarray) -> np.ndarray:
    arr = arr.astype(np.float32, copy=False)
    finite = np.isfinite(arr)
    if not finite.all():
        arr = np.where(finite, arr, 0.0).astype(np.float32)
    lo, hi = float(arr.min()), float(arr.max())
    if lo < 0.0 or hi > 1.0:
        arr = (arr - lo) / (hi - lo) if hi > lo else np.zeros_like(arr)
    return arr


def read_image(
    path: str | os.PathLike[str],
    *,
    max_pixels: int | None = None,
) -> tuple[np.ndarray, ImageInfo]:
    """Read one image file as (array, info) in the app's convention, upright.

    Raises :class:`ImageReadError` with a one-line reason for anything that is not a
    complete, supported image within ``max_pixels``.
    """
    path = Path(path)
    limit = DEFAULT_MAX_PIXELS if max_pixels is None else int(max_pixels)
    data = _read_bytes(path)
    fmt, (width, height, orientation, mode) = _identify(path, data)
    if width * height > limit:
        raise ImageReadError(
            path,
            f"image is {width}x{height} = {width * height:,} pixels, over the limit of {limit:,} (a setting)",
        )
    _check_complete(path, fmt, data)
    notes: list[str] = []
    arr: np.ndarray | None = None
    if fmt in _OPENCV_FORMATS and mode not in ("P", "PA", "CMYK"):
        buf = np.frombuffer(data, dtype=np.uint8)
        decoded = cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)
        if decoded is not None and decoded.size:
            arr = _from_opencv(decoded)
    if arr is None:
        arr = _decode_with_pillow(path, data)
    if fmt == "gif":
        notes.append("first frame of the GIF")
    if mode == "CMYK":
        notes.append("CMYK converted to RGB")
    if arr.dtype not in (np.uint8, np.uint16, np.float32):
        if np.issubdtype(arr.dtype, np.floating):
            arr = arr.astype(np.float32)
        else:
            arr = np.clip(arr, 0, 65535).astype(np.uint16)
        notes.append(f"converted to {arr.dtype}")
    if arr.dtype == np.float32:
        arr = _to_float01(arr)
    if orientation != 1:
        arr = np.ascontiguousarray(apply_orientation(arr, orientation))
        notes.append(f"EXIF orientation {orientation} applied")
    height_out, width_out = arr.shape[:2]
    info = ImageInfo(
        path=str(path),
        format=fmt,
        width=width_out,
        height=height_out,
        channels=arr.shape[2],
        dtype=str(arr.dtype),
        orientation=orientation,
        notes=tuple(notes),
    )
    return arr, info


def read_thumbnail(path: str | os.PathLike[str], size: int, *, max_pixels: int | None = None) -> np.ndarray:
    """A small upright RGB(A) or gray uint8 preview of an image, fast for large JPEGs."""
    path = Path(path)
    limit = DEFAULT_MAX_PIXELS if max_pixels is None else int(max_pixels)
    data = _read_bytes(path)
    fmt, (width, height, orientation, mode) = _identify(path, data)
    if width * height > limit:
        raise ImageReadError(path, f"image is {width}x{height}, over the pixel limit of {limit:,}")
    if mode not in ("RGB", "RGBA", "L", "P", "CMYK", "1", "LA", "PA", "YCbCr"):
        # 16-bit and float images: Pillow would clip them, decode them properly instead
        full, _ = read_image(path, max_pixels=limit)
        factor = size / max(full.shape[:2])
        small = to_uint8(full)
        if factor < 1:
            dims = (max(1, round(full.shape[1] * factor)), max(1, round(full.shape[0] * factor)))
            small = cv2.resize(small, dims, interpolation=cv2.INTER_AREA)
        return small if small.ndim == 3 else small[:, :, None]
    _check_complete(path, fmt, data)
    try:
        with Image.open(_bytes_io.BytesIO(data)) as im:
            im.draft("RGB", (size, size))
            im.thumbnail((size, size))
            rgb = im.convert("RGBA" if "A" in im.getbands() or "transparency" in im.info else "RGB")
            arr = np.asarray(rgb)
    except Exception as exc:
        raise ImageReadError(path, f"cannot decode image ({type(exc).__name__}: {exc})") from exc
    return np.ascontiguousarray(apply_orientation(arr, orientation))


def to_uint8(img: np.ndarray) -> np.ndarray:
    """Convert any supported dtype to uint8 for display or 8-bit-only operations."""
    if img.dtype == np.uint8:
        return img
    if img.dtype == np.uint16:
        return (img >> 8).astype(np.uint8)
    return (np.clip(img, 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8)


def _to_opencv(img: np.ndarray) -> np.ndarray:
    if img.ndim == 2 or img.shape[2] == 1:
        return img.reshape(img.shape[0], img.shape[1])
    if img.shape[2] == 3:
        return cv2.cvtColor(img, cv2.COLOR_RGB2BGR)
    if img.shape[2] == 4:
        return cv2.cvtColor(img, cv2.COLOR_RGBA2BGRA)
    raise ValueError(f"cannot save an image with {img.shape[2]} channels")


def encode_image(img: np.ndarray, fmt: str, *, quality: int | None = None) -> bytes:
    """Encode an image in memory; ``fmt`` is a key of :data:`WRITE_FORMATS`.

    ``quality`` (1-100) applies to JPEG and WebP; other formats are lossless and ignore it.
    """
    ext = WRITE_FORMATS.get(fmt.lower().lstrip("."))
    if ext is None:
        raise ValueError(f"unsupported output format '{fmt}' (use one of: {', '.join(sorted(set(WRITE_FORMATS)))})")
    out = img
    if out.dtype == np.float32:
        # floats in [0, 1]: 16-bit where the format keeps it (readable everywhere), else 8-bit
        out = (np.clip(out, 0.0, 1.0) * 65535.0 + 0.5).astype(np.uint16) if ext in (".tiff", ".png") else to_uint8(out)
    if out.dtype == np.uint16 and ext in (".jpg", ".bmp", ".webp"):
        out = to_uint8(out)
    if ext == ".jpg" and out.ndim == 3 and out.shape[2] == 4:
        out = out[:, :, :3]
    params: list[int] = []
    if quality is not None:
        if ext == ".jpg":
            params = [cv2.IMWRITE_JPEG_QUALITY, int(quality)]
        elif ext == ".webp":
            params = [cv2.IMWRITE_WEBP_QUALITY, int(quality)]
    ok, buf = cv2.imencode(ext, _to_opencv(out), params)
    if not ok:
        raise ValueError(f"OpenCV could not encode the image as {ext}")
    return buf.tobytes()


def _process_umask() -> int:
    """The umask (read once, at import: setting it to read it is not thread-safe)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_NEW_FILE_MODE = 0o666 & ~_process_umask()
"""The permissions a plain ``open(path, "w")`` would give a new file."""


def _set_mode(fd: int, tmp: str, mode: int) -> None:
    """Give the temporary file ``mode``; where the file system refuses (some network and FAT
    mounts) the file keeps the mode it has: saving matters more than its permissions."""
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        else:
            os.chmod(tmp, mode)
    except OSError:
        pass


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, *, overwrite: bool = False) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync, then rename over it.

    The file gets the permissions of the file it replaces, or those a new file gets from the
    umask (a temporary file alone would be private to its owner)."""
    path = Path(path)
    if path.exists() and not overwrite:
        raise FileExistsError(f"{path}: already exists (not overwritten)")
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o7777 if path.exists() else _NEW_FILE_MODE
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "wb") as fh:
            _set_mode(fh.fileno(), tmp, mode)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_image(
    path: str | os.PathLike[str],
    img: np.ndarray,
    *,
    quality: int | None = None,
    overwrite: bool = False,
    protect: tuple[str | os.PathLike[str], ...] = (),
) -> Path:
    """Encode ``img`` by the extension of ``path`` and write it atomically.

    Refuses to replace an existing file unless ``overwrite`` is set, and never
    replaces any of the ``protect`` paths (the sources of the image).
    """
    path = Path(path)
    target = path.resolve()
    for src in protect:
        if Path(src).resolve() == target:
            raise ImageWriteError(path, "refusing to overwrite the source image")
    try:
        data = encode_image(img, path.suffix, quality=quality)
        atomic_write_bytes(path, data, overwrite=overwrite)
    except FileExistsError as exc:
        raise ImageWriteError(path, "already exists (not overwritten)") from exc
    except (ValueError, OSError) as exc:
        raise ImageWriteError(path, str(exc)) from exc
    return path


def list_images(folder: str | os.PathLike[str], *, recursive: bool = False) -> list[Path]:
    """Image files in ``folder`` (by extension), sorted by path; hidden files skipped."""
    root = Path(folder)
    if not root.is_dir():
        raise NotADirectoryError(f"{root}: not a folder")
    found: list[Path] = []
    stack = [root]
    while stack:
        current = stack.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                if recursive:
                    stack.append(Path(entry.path))
            elif entry.name.lower().endswith(IMAGE_EXTENSIONS):
                found.append(Path(entry.path))
    found.sort()
    return found
