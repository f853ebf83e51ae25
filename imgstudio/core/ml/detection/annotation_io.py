"""What the annotation readers and writers share: the error type, reading files, image sizes,
number formatting, output paths that stay inside the output folder, and all-or-nothing writing."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path, PurePosixPath

from imgstudio.core.io import IMAGE_EXTENSIONS, ImageReadError, atomic_write_bytes, read_image
from imgstudio.core.ml.detection.boxes import ImageAnnotation


class AnnotationError(Exception):
    """An annotation file cannot be used; ``str()`` names the file and, where known, the line."""

    def __init__(self, path: str | os.PathLike[str], reason: str, line: int | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}, line {line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


def read_bytes(path: Path) -> bytes:
    """The bytes of an annotation file, or an :class:`AnnotationError` saying why not."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise AnnotationError(path, "file not found") from None
    except IsADirectoryError:
        raise AnnotationError(path, "is a folder, not a file") from None
    except OSError as exc:
        raise AnnotationError(path, f"cannot read file ({exc.strerror or exc})") from exc


def read_text(path: Path) -> str:
    """The UTF-8 text of an annotation file (a leading BOM is dropped)."""
    data = read_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise AnnotationError(path, "not UTF-8 text", line) from None


def format_number(value: float) -> str:
    """``12`` for whole numbers, else the shortest text that reads back as the same float."""
    value = float(value)
    return str(int(value)) if value.is_integer() else repr(value)


def json_number(value: float) -> int | float:
    """Whole numbers as ``int`` so that JSON files say ``12``, not ``12.0``."""
    value = float(value)
    return int(value) if value.is_integer() else value


def relative_output(image_path: str, suffix: str) -> Path:
    """Where the per-image file of ``image_path`` goes inside an output folder.

    Relative paths keep their sub-folders; absolute paths and paths with ``..`` keep only
    the file name, so nothing is ever written outside the output folder.
    """
    pure = PurePosixPath(image_path.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or ":" in pure.parts[0]:
        pure = PurePosixPath(pure.name)
    return Path(*pure.with_suffix(suffix).parts)


def annotation_files(folder: Path, suffix: str) -> list[Path]:
    """Files ending in ``suffix`` below ``folder`` (sub-folders too), sorted; hidden ones skipped."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root, f) for f in files if f.lower().endswith(suffix) and not f.startswith("."))
    return sorted(found)


def find_image(folders: Iterable[Path], relative: Path) -> Path | None:
    """The image file ``relative`` (any image extension) in the first folder that holds one."""
    for folder in folders:
        parent = folder / relative.parent
        if not parent.is_dir():
            continue
        for candidate in sorted(parent.iterdir()):
            if candidate.stem == relative.name and candidate.suffix.lower() in IMAGE_EXTENSIONS:
                return candidate
    return None


def image_size(path: Path, annotation: Path) -> tuple[int, int]:
    """Upright width and height of an image (as core/io reads it), for boxes of ``annotation``."""
    try:
        _, info = read_image(path)
    except ImageReadError as exc:
        raise AnnotationError(annotation, f"cannot read the image size: {exc}") from exc
    return info.width, info.height


def write_files(outputs: Mapping[Path, bytes], *, overwrite: bool = False, protect: Iterable[Path] = ()) -> list[Path]:
    """Write every file atomically after checking them all: nothing is written if one is refused.

    Existing files are a ``FileExistsError`` unless ``overwrite``; ``protect`` files (the
    sources) are always refused, with a ``ValueError``.
    """
    protected = {p.resolve() for p in protect}
    existing = []
    for target in outputs:
        if target.resolve() in protected:
            raise ValueError(f"{target}: is a source file of the conversion (never overwritten)")
        if target.exists():
            if target.is_dir():
                raise FileExistsError(f"{target}: is a folder")
            existing.append(target)
    if existing and not overwrite:
        more = f" and {len(existing) - 1} more" if len(existing) > 1 else ""
        raise FileExistsError(f"{existing[0]}{more}: already exist(s) (not overwritten)")
    for target, data in outputs.items():
        atomic_write_bytes(target, data, overwrite=True)
    return list(outputs)


def per_image_targets(image_paths: Iterable[str], folder: Path, suffix: str) -> list[Path]:
    """One output file per image inside ``folder``; two images that would share one are refused."""
    owners: dict[Path, str] = {}
    targets = []
    for image_path in image_paths:
        target = folder / relative_output(image_path, suffix)
        if target in owners:
            raise ValueError(f"'{owners[target]}' and '{image_path}' would both be written to {target}")
        owners[target] = image_path
        targets.append(target)
    return targets


def write_per_image(
    images: Sequence[ImageAnnotation],
    folder: str | os.PathLike[str],
    suffix: str,
    render: Callable[[ImageAnnotation], bytes],
    *,
    extra: Mapping[str, bytes] | None = None,
    overwrite: bool = False,
    protect: Iterable[Path] = (),
) -> list[Path]:
    """Write ``extra`` files (by name) and one ``render``-ed file per image into ``folder``."""
    folder = Path(folder)
    if folder.is_file():
        raise ValueError(f"{folder}: is a file; this format is written as a folder of {suffix} files")
    outputs = {folder / name: data for name, data in (extra or {}).items()}
    for target, image in zip(per_image_targets((im.path for im in images), folder, suffix), images, strict=True):
        if target in outputs:
            raise ValueError(f"'{image.path}' would be written over {target}")
        outputs[target] = render(image)
    return write_files(outputs, overwrite=overwrite, protect=protect)
