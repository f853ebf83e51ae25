"""Pascal VOC XML: one ``<annotation>`` file per image.

VOC corners are 1-based pixel indices, both ends included: a box over the 0-based pixel
columns 10..19 is ``xmin=11, xmax=20``. So ``x = xmin - 1``, ``width = xmax - xmin + 1``
on reading and ``xmin = x + 1``, ``xmax = x + width`` on writing (as torchvision and
Detectron do); whole-pixel boxes survive exactly. ``<difficult>`` boxes are read as
ordinary boxes; an optional ``<score>`` holds a detection's score.

XML is parsed with defusedxml and DTDs are refused: entity expansion ("billion laughs")
and external entities never run; the file is rejected with the line of the declaration.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from pathlib import Path, PurePosixPath
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from imgstudio.core.ml.detection.annotation_io import (
    AnnotationError,
    annotation_files,
    find_image,
    format_number,
    image_size,
    read_bytes,
    write_per_image,
)
from imgstudio.core.ml.detection.boxes import AnnotationSet, Box, ImageAnnotation

MAX_XML_BYTES = 16 * 1024 * 1024
"""A VOC file describes one image; anything larger is refused before parsing."""


class _LineElement(ET.Element):
    line = 0


class _LineTreeBuilder(ET.TreeBuilder):
    """A tree builder that stamps each element with the line of its start tag."""

    def __init__(self) -> None:
        super().__init__(element_factory=_LineElement)
        self.expat: Any = None

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:
        element = super().start(tag, attrs)
        element.line = self.expat.CurrentLineNumber  # type: ignore[attr-defined]
        return element


def parse_safe_xml(path: Path) -> _LineElement:
    """The root element of an XML file, each element with a ``line``; DTDs and entities refused."""
    if path.is_file() and path.stat().st_size > MAX_XML_BYTES:
        raise AnnotationError(path, f"larger than {MAX_XML_BYTES // (1024 * 1024)} MB, not an annotation file")
    data = read_bytes(path)
    builder = _LineTreeBuilder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    builder.expat = parser.parser
    try:
        parser.feed(data)
        return parser.close()  # type: ignore[no-any-return]
    except DefusedXmlException as exc:
        line = parser.parser.CurrentLineNumber
        raise AnnotationError(
            path, f"refused: XML with a DTD or entity declarations ({type(exc).__name__}) is never expanded", line
        ) from None
    except ET.ParseError as exc:
        line, column = exc.position
        reason = str(exc).split(":")[0]
        raise AnnotationError(path, f"not well-formed XML: {reason} (column {column + 1})", line) from None


def _child(path: Path, element: ET.Element, tag: str) -> ET.Element:
    found = element.find(tag)
    if found is None:
        raise AnnotationError(path, f"<{element.tag}> has no <{tag}>", getattr(element, "line", None))
    return found


def _number(path: Path, element: ET.Element, tag: str) -> float:
    child = _child(path, element, tag)
    text = (child.text or "").strip()
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise AnnotationError(path, f"<{tag}> must be a number, not '{text}'", getattr(child, "line", None))
    return value


def _text(path: Path, element: ET.Element, tag: str) -> str:
    child = _child(path, element, tag)
    text = (child.text or "").strip()
    if not text:
        raise AnnotationError(path, f"<{tag}> is empty", getattr(child, "line", None))
    return text


def _read_one(path: Path, relative_dir: PurePosixPath, images: Path | None) -> ImageAnnotation:
    root = parse_safe_xml(path)
    if root.tag != "annotation":
        raise AnnotationError(path, f"the root element is <{root.tag}>, not <annotation>", root.line)
    image_path = str(relative_dir / _text(path, root, "filename"))
    size = root.find("size")
    if size is not None:
        width, height = (_number(path, size, tag) for tag in ("width", "height"))
        if not (width.is_integer() and height.is_integer()):
            raise AnnotationError(path, "the image size must be whole pixels", getattr(size, "line", None))
    else:
        width = height = 0
    if (width <= 0 or height <= 0) and images is not None:
        exact = images / image_path
        found = exact if exact.is_file() else find_image([images], Path(image_path).with_suffix(""))
        if found is None:
            raise AnnotationError(path, f"no <size>, and no image '{image_path}' in {images}", root.line)
        width, height = image_size(found, path)
    elif size is None:
        raise AnnotationError(path, "<annotation> has no <size> (give the images folder to read it)", root.line)
    boxes = []
    for obj in root.findall("object"):
        label = _text(path, obj, "name")
        bndbox = _child(path, obj, "bndbox")
        xmin, ymin, xmax, ymax = (_number(path, bndbox, tag) for tag in ("xmin", "ymin", "xmax", "ymax"))
        score = _number(path, obj, "score") if obj.find("score") is not None else None
        boxes.append(Box.from_corners(xmin - 1, ymin - 1, xmax, ymax, label, score))
    return ImageAnnotation(image_path, int(width), int(height), boxes)


def voc_files(path: Path) -> list[Path]:
    """The .xml files a VOC source consists of (one file, or all below a folder)."""
    return [path] if path.is_file() else annotation_files(path, ".xml")


def read_voc(path: str | Path, *, images: str | Path | None = None) -> AnnotationSet:
    """Read one VOC .xml file or every .xml below a folder (classes sorted by name).

    Image paths are the ``<filename>`` inside the sub-folder of its .xml file. Files without
    a ``<size>`` get it from the image in ``images``, when given.
    """
    path = Path(path)
    if not path.exists():
        raise AnnotationError(path, "not found")
    files = voc_files(path)
    if not files:
        raise AnnotationError(path, "no .xml files in this folder")
    base = path.parent if path.is_file() else path
    folder = Path(images) if images is not None else None
    result = [_read_one(f, PurePosixPath(f.parent.relative_to(base).as_posix()), folder) for f in files]
    classes = sorted({box.label for image in result for box in image.boxes})
    return AnnotationSet(result, classes)


def _sub(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element


def voc_xml(image: ImageAnnotation) -> bytes:
    """The VOC XML document of one image."""
    root = ET.Element("annotation")
    image_path = PurePosixPath(image.path.replace("\\", "/"))
    _sub(root, "folder", str(image_path.parent) if str(image_path.parent) != "." else "")
    _sub(root, "filename", image_path.name)
    size = ET.SubElement(root, "size")
    for tag, value in (("width", image.width), ("height", image.height), ("depth", 3)):
        _sub(size, tag, str(value))
    _sub(root, "segmented", "0")
    for box in image.boxes:
        if not all(math.isfinite(v) for v in (box.x, box.y, box.width, box.height)):
            raise ValueError(f"{image.path}: a '{box.label}' box has a coordinate that is not a number")
        obj = ET.SubElement(root, "object")
        for tag, text in (("name", box.label), ("pose", "Unspecified"), ("truncated", "0"), ("difficult", "0")):
            _sub(obj, tag, text)
        if box.score is not None:
            _sub(obj, "score", format_number(box.score))
        bndbox = ET.SubElement(obj, "bndbox")
        for tag, value in (("xmin", box.x + 1), ("ymin", box.y + 1), ("xmax", box.x2), ("ymax", box.y2)):
            _sub(bndbox, tag, format_number(value))
    ET.indent(root, space="  ")
    return (ET.tostring(root, encoding="unicode") + "\n").encode("utf-8")


def write_voc(
    annotations: AnnotationSet, folder: str | Path, *, overwrite: bool = False, protect: tuple[Path, ...] = ()
) -> list[Path]:
    """Write one .xml per image into ``folder`` (sub-folders of the image paths kept)."""
    return write_per_image(annotations.images, folder, ".xml", voc_xml, overwrite=overwrite, protect=protect)
