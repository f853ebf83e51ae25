"""COCO JSON (one file): ``images``, ``annotations`` with ``bbox = [x, y, width, height]``
in pixels, and ``categories``; the same continuous pixel convention as :class:`Box`.

Category, image and annotation ids are renumbered from 1 on writing (classes in order);
on reading, classes follow the category ids. A ``score`` key, as in COCO result files,
is kept. Structural problems name the line of the JSON object that holds them.
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
import math
import re
from pathlib import Path
from typing import Any

from imgstudio.core.ml.detection.annotation_io import AnnotationError, json_number, read_text, write_files
from imgstudio.core.ml.detection.boxes import AnnotationSet, Box, ImageAnnotation

Where = tuple[str | int, ...]


class _Bad(Exception):
    def __init__(self, where: Where, reason: str) -> None:
        super().__init__(reason)
        self.where = where
        self.reason = reason


class _LocatedDict(dict):  # type: ignore[type-arg]
    line = 0


def _locating_loads(text: str) -> Any:
    """``json.loads`` whose objects remember their line (pure Python: used on errors only)."""
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    decoder = json.JSONDecoder()

    def parse_object(s_and_end: tuple[str, int], *args: Any) -> tuple[dict[str, Any], int]:
        obj, end = json.decoder.JSONObject(s_and_end, *args)
        located = _LocatedDict(obj)
        located.line = bisect.bisect_right(line_starts, s_and_end[1] - 1)
        return located, end

    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    return decoder.decode(text)


def _line_of(text: str, where: Where) -> int | None:
    """Line of the innermost JSON object on the path ``where``."""
    node: Any = _locating_loads(text)
    line = getattr(node, "line", None)
    for key in where:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        line = getattr(node, "line", line)
    return line


def _where_text(where: Where) -> str:
    return "".join(f"[{k}]" if isinstance(k, int) else (f".{k}" if i else k) for i, k in enumerate(where))


def _get(obj: Any, key: str, where: Where, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(obj, dict):
        raise _Bad(where, "must be a JSON object")
    if key not in obj:
        raise _Bad(where, f"'{key}' is missing")
    value = obj[key]
    if not isinstance(value, kind) or isinstance(value, bool):
        names = " or ".join(t.__name__ for t in (kind if isinstance(kind, tuple) else (kind,)))
        raise _Bad((*where, key), f"must be {names.replace('str', 'text').replace('list', 'a list')}")
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _parse(data: Any) -> AnnotationSet:
    if isinstance(data, list):
        raise _Bad((), "a list of detections (a COCO results file) has no image sizes: give the ground-truth file")
    if not isinstance(data, dict):
        raise _Bad((), "must be a JSON object with 'images', 'annotations' and 'categories'")
    categories: dict[Any, str] = {}
    for i, cat in enumerate(_get(data, "categories", (), list)):
        cid, name = _get(cat, "id", ("categories", i), (int, str)), _get(cat, "name", ("categories", i), str)
        if cid in categories:
            raise _Bad(("categories", i), f"category id {cid} is used twice")
        if name in categories.values():
            raise _Bad(("categories", i), f"category name '{name}' is used twice")
        categories[cid] = name
    images: dict[Any, ImageAnnotation] = {}
    for i, img in enumerate(_get(data, "images", (), list)):
        where = ("images", i)
        iid = _get(img, "id", where, (int, str))
        if iid in images:
            raise _Bad(where, f"image id {iid} is used twice")
        size = [_get(img, key, where, (int, float)) for key in ("width", "height")]
        if not all(float(v).is_integer() for v in size):
            raise _Bad(where, "'width' and 'height' must be whole numbers of pixels")
        images[iid] = ImageAnnotation(_get(img, "file_name", where, str), int(size[0]), int(size[1]), [])
    for i, ann in enumerate(_get(data, "annotations", (), list) if "annotations" in data else []):
        where = ("annotations", i)
        iid, cid = _get(ann, "image_id", where, (int, str)), _get(ann, "category_id", where, (int, str))
        if iid not in images:
            raise _Bad((*where, "image_id"), f"image_id {iid} is not among the images")
        if cid not in categories:
            raise _Bad((*where, "category_id"), f"category_id {cid} is not among the categories")
        bbox = _get(ann, "bbox", where, list)
        if len(bbox) != 4 or not all(_is_number(v) for v in bbox):
            raise _Bad((*where, "bbox"), "'bbox' must be four finite numbers [x, y, width, height]")
        score = ann.get("score")
        if score is not None and not _is_number(score):
            raise _Bad((*where, "score"), "'score' must be a finite number")
        x, y, w, h = (float(v) for v in bbox)
        images[iid].boxes.append(Box(x, y, w, h, categories[cid], None if score is None else float(score)))
    order = sorted(categories, key=lambda c: (isinstance(c, str), c))
    return AnnotationSet(list(images.values()), [categories[c] for c in order])


def read_coco(path: str | Path) -> AnnotationSet:
    """Read a COCO JSON file; raises :class:`AnnotationError` naming the file and line."""
    path = Path(path)
    text = read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AnnotationError(path, f"not valid JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None
    try:
        return _parse(data)
    except _Bad as bad:
        place = f"{_where_text(bad.where)}: " if bad.where else ""
        raise AnnotationError(path, place + bad.reason, _line_of(text, bad.where)) from None


def coco_dict(annotations: AnnotationSet) -> dict[str, Any]:
    """The COCO JSON object of an annotation set (ids from 1, classes in order)."""
    cat_ids = {name: i + 1 for i, name in enumerate(annotations.classes)}
    images, anns = [], []
    for image_id, image in enumerate(annotations.images, start=1):
        images.append({"id": image_id, "file_name": image.path, "width": image.width, "height": image.height})
        for box in image.boxes:
            if box.label not in cat_ids:
                raise ValueError(f"{image.path}: label '{box.label}' is not in the class list")
            if not all(math.isfinite(v) for v in (box.x, box.y, box.width, box.height)):
                raise ValueError(f"{image.path}: a '{box.label}' box has a coordinate that is not a number")
            ann: dict[str, Any] = {
                "id": len(anns) + 1,
                "image_id": image_id,
                "category_id": cat_ids[box.label],
                "bbox": [json_number(v) for v in (box.x, box.y, box.width, box.height)],
                "area": json_number(box.area),
                "iscrowd": 0,
            }
            if box.score is not None:
                ann["score"] = float(box.score)
            anns.append(ann)
    categories = [{"id": i, "name": name, "supercategory": ""} for name, i in cat_ids.items()]
    return {"images": images, "annotations": anns, "categories": categories}


def write_coco(
    annotations: AnnotationSet, path: str | Path, *, overwrite: bool = False, protect: tuple[Path, ...] = ()
) -> list[Path]:
    """Write one COCO JSON file atomically; returns ``[path]``."""
    path = Path(path)
    if path.is_dir():
        raise ValueError(f"{path}: is a folder; COCO output is one .json file")
    text = json.dumps(coco_dict(annotations), ensure_ascii=False, indent=1) + "\n"
    return write_files({path: text.encode("utf-8")}, overwrite=overwrite, protect=protect)
