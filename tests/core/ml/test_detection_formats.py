"""COCO JSON, Pascal VOC XML and YOLO txt: exact round trips, clear errors, hostile XML."""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import pytest

from imgstudio.core.io import write_image
from imgstudio.core.ml.detection.boxes import AnnotationSet, Box, ImageAnnotation
from imgstudio.core.ml.detection.formats import (
    AnnotationError,
    convert_annotations,
    detect_format,
    read_annotations,
    write_annotations,
)

SIZES = {"a.png": (64, 48), "b.jpg": (37, 91), "sub/c.png": (120, 80)}
CLASSES = ["cat", "dog", "car"]


def integer_set(seed: int = 0) -> AnnotationSet:
    """Whole-pixel boxes, including ones on the image edges, 1-pixel ones and an empty image."""
    rng = np.random.default_rng(seed)
    images = []
    for path, (w, h) in SIZES.items():
        boxes = [Box(0, 0, w, h, "car"), Box(w - 1, h - 1, 1, 1, "dog")]
        for i in range(12):
            x, y = int(rng.integers(0, w)), int(rng.integers(0, h))
            boxes.append(Box(x, y, int(rng.integers(1, w - x + 1)), int(rng.integers(1, h - y + 1)), CLASSES[i % 3]))
        images.append(ImageAnnotation(path, w, h, boxes))
    images.append(ImageAnnotation("empty.png", 20, 10, []))
    return AnnotationSet(images, CLASSES)


@pytest.fixture
def image_dir(tmp_path) -> Path:
    folder = tmp_path / "images"
    for path, (w, h) in {**SIZES, "empty.png": (20, 10)}.items():
        write_image(folder / path, np.full((h, w, 3), 128, np.uint8))
    return folder


def content(annotations: AnnotationSet) -> list[tuple]:
    """Everything but the class order (VOC has no class list, so it sorts the names)."""
    return sorted(
        (im.path, im.width, im.height, [(b.x, b.y, b.width, b.height, b.label, b.score) for b in im.boxes])
        for im in annotations.images
    )


@pytest.mark.parametrize("fmt", ["coco", "voc", "yolo"])
def test_each_format_writes_and_reads_back_exactly(tmp_path, image_dir, fmt):
    original = integer_set()
    dest = tmp_path / ("out.json" if fmt == "coco" else "out")
    files = write_annotations(original, fmt, dest)
    assert all(f.is_file() for f in files)
    assert detect_format(dest) == fmt
    back = read_annotations(dest, images=image_dir)
    assert content(back) == content(original)
    if fmt != "voc":
        assert back.classes == CLASSES


@pytest.mark.parametrize("chain", [("coco", "voc", "yolo", "coco"), ("yolo", "coco", "voc", "yolo")])
def test_conversion_chains_keep_boxes_exact_to_the_pixel(tmp_path, image_dir, chain):
    original = integer_set(seed=1)
    src = tmp_path / "0.json" if chain[0] == "coco" else tmp_path / "0"
    write_annotations(original, chain[0], src)
    for step, fmt in enumerate(chain[1:], start=1):
        dest = tmp_path / (f"{step}.json" if fmt == "coco" else str(step))
        report = convert_annotations(src, fmt, dest, images=image_dir)
        assert (report.images, report.boxes, report.problems) == (4, original.box_count, [])
        src = dest
    assert content(read_annotations(src, images=image_dir)) == content(original)


def test_fractional_boxes_and_scores_survive(tmp_path, image_dir):
    boxes = [Box(10.25, 3.5, 20.125, 7.75, "cat", 0.875), Box(0.1, 0.2, 0.3, 0.4, "dog", 0.123456789)]
    original = AnnotationSet([ImageAnnotation("a.png", 64, 48, boxes)], ["cat", "dog"])
    for fmt in ("coco", "voc", "yolo"):
        dest = tmp_path / ("f.json" if fmt == "coco" else fmt)
        write_annotations(original, fmt, dest)
        back = read_annotations(dest, images=image_dir).images[0].boxes
        for got, want in zip(back, boxes, strict=True):
            assert got.label == want.label and got.score == pytest.approx(want.score, abs=1e-9)
            tolerance = 1e-4 if fmt == "yolo" else 1e-9  # YOLO keeps 1/10000 px
            np.testing.assert_allclose(
                [got.x, got.y, got.width, got.height], [want.x, want.y, want.width, want.height], atol=tolerance
            )


def test_voc_corners_are_one_based_and_inclusive(tmp_path):
    one = AnnotationSet([ImageAnnotation("x.jpg", 50, 40, [Box(10, 5, 10, 20, "cat"), Box(0, 0, 50, 40, "dog")])], [])
    (written,) = write_annotations(one, "voc", tmp_path / "voc")
    xml = written.read_text()
    assert "<xmin>11</xmin>" in xml and "<xmax>20</xmax>" in xml and "<ymin>6</ymin>" in xml and "<ymax>25</ymax>"
    assert "<xmin>1</xmin>" in xml and "<xmax>50</xmax>" in xml  # the whole image: 1..50
    assert "<width>50</width>" in xml and "<filename>x.jpg</filename>" in xml
    assert read_annotations(written).images[0].boxes[1] == Box(0, 0, 50, 40, "dog")


def test_yolo_is_normalised_centre_format_with_classes_txt(tmp_path, image_dir):
    boxes = [Box(0, 0, 64, 48, "dog"), Box(16, 12, 16, 12, "cat")]
    one = AnnotationSet([ImageAnnotation("a.png", 64, 48, boxes)], ["cat", "dog"])
    write_annotations(one, "yolo", tmp_path / "labels")
    assert (tmp_path / "labels" / "classes.txt").read_text() == "cat\ndog\n"
    assert (tmp_path / "labels" / "a.txt").read_text() == "1 0.5 0.5 1 1\n0 0.375 0.375 0.25 0.25\n"


def test_yolo_finds_images_in_an_ultralytics_layout(tmp_path):
    root = tmp_path / "data"
    write_image(root / "images" / "train" / "p.jpg", np.zeros((40, 80, 3), np.uint8))
    labels = root / "labels" / "train"
    labels.mkdir(parents=True)
    (labels / "classes.txt").write_text("ball\n")
    (labels / "p.txt").write_text("0 0.5 0.5 0.25 0.5\n\n")
    result = read_annotations(labels)
    assert [(im.path, im.width, im.height, im.boxes) for im in result.images] == [
        ("p.jpg", 80, 40, [Box(30, 10, 20, 20, "ball")])
    ]
    (labels / "q.txt").write_text("")
    with pytest.raises(AnnotationError, match=r"q\.txt: no image 'q\.\*'.*give the images folder"):
        read_annotations(labels)


def test_format_detection(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(AnnotationError, match="cannot tell the annotation format"):
        detect_format(tmp_path)
    with pytest.raises(AnnotationError, match="not found"):
        detect_format(tmp_path / "missing.json")
    with pytest.raises(AnnotationError, match="cannot tell"):
        detect_format(tmp_path / "notes.txt")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


COCO_OK = {
    "images": [{"id": 1, "file_name": "a.png", "width": 64, "height": 48}],
    "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4]}],
    "categories": [{"id": 1, "name": "cat"}],
}


def test_malformed_coco_names_file_and_line(tmp_path):
    bad_json = write(tmp_path / "bad.json", '{\n  "images": [],\n  "annotations": [,]\n}\n')
    with pytest.raises(AnnotationError, match=r"bad\.json, line 3: not valid JSON"):
        read_annotations(bad_json)
    doc = json.loads(json.dumps(COCO_OK))
    doc["annotations"].append({"id": 2, "image_id": 1, "category_id": 1, "bbox": [1, 2, 3]})
    short = write(tmp_path / "short.json", json.dumps(doc, indent=1))
    line = short.read_text().splitlines().index('   "id": 2,')  # 0-based index of it = 1-based line of its "{"
    with pytest.raises(AnnotationError, match=rf"short\.json, line {line}: annotations\[1\]\.bbox: .*four"):
        read_annotations(short)
    doc["annotations"][1] = {"id": 2, "image_id": 9, "category_id": 1, "bbox": [1, 2, 3, 4]}
    with pytest.raises(AnnotationError, match=r"annotations\[1\]\.image_id: image_id 9 is not among the images"):
        read_annotations(write(tmp_path / "stray.json", json.dumps(doc)))
    del doc["images"][0]["width"]
    with pytest.raises(AnnotationError, match=r"line 1: images\[0\]: 'width' is missing"):
        read_annotations(write(tmp_path / "nowidth.json", json.dumps(doc)))
    with pytest.raises(AnnotationError, match="results file"):
        read_annotations(write(tmp_path / "results.json", "[]"))
    (tmp_path / "latin.json").write_bytes(b'{"images": [],\n "x": "\xe9"}')
    with pytest.raises(AnnotationError, match=r"latin\.json, line 2: not UTF-8"):
        read_annotations(tmp_path / "latin.json")


VOC_DOC = """<annotation>
  <filename>a.png</filename>
  <size><width>64</width><height>48</height></size>
  <object>
    <name>cat</name>
    <bndbox><xmin>{xmin}</xmin><ymin>1</ymin><xmax>10</xmax><ymax>10</ymax></bndbox>
  </object>
  <object>
    <bndbox><xmin>1</xmin><ymin>1</ymin><xmax>10</xmax><ymax>10</ymax></bndbox>
  </object>
</annotation>
"""


def test_malformed_voc_names_file_and_line(tmp_path):
    unnamed = write(tmp_path / "v1" / "a.xml", VOC_DOC.format(xmin=1))
    with pytest.raises(AnnotationError, match=r"a\.xml, line 8: <object> has no <name>"):
        read_annotations(tmp_path / "v1")
    number = write(tmp_path / "v2" / "a.xml", VOC_DOC.format(xmin="one"))
    with pytest.raises(AnnotationError, match=r"a\.xml, line 6: <xmin> must be a number, not 'one'"):
        read_annotations(number)
    broken = write(tmp_path / "v3" / "a.xml", VOC_DOC.format(xmin=1).replace("</size>", "</sise>"))
    with pytest.raises(AnnotationError, match=r"a\.xml, line 3: not well-formed XML: mismatched tag"):
        read_annotations(broken)
    other = write(tmp_path / "v4" / "a.xml", "<?xml version='1.0'?>\n\n<svg/>")
    with pytest.raises(AnnotationError, match=r"line 3: the root element is <svg>"):
        read_annotations(other)
    assert unnamed.exists()


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE annotation [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<annotation><filename>&lol9;</filename></annotation>
"""


@pytest.mark.parametrize(
    "doc",
    [
        BILLION_LAUGHS,
        '<?xml version="1.0"?>\n<!DOCTYPE annotation [\n<!ENTITY xxe SYSTEM "file://{secret}">\n]>\n'
        "<annotation><filename>&xxe;</filename></annotation>\n",
        '<?xml version="1.0"?>\n<!DOCTYPE annotation SYSTEM "file://{secret}">\n<annotation/>\n',
        '<?xml version="1.0"?>\n<!DOCTYPE annotation [\n<!ENTITY % p SYSTEM "file://{secret}">\n%p;\n]>\n<annotation/>\n',
    ],
    ids=["billion-laughs", "external-entity", "external-dtd", "parameter-entity"],
)
def test_hostile_xml_is_refused_without_expanding(tmp_path, doc):
    secret = write(tmp_path / "secret.txt", "TOP-SECRET-CONTENT")
    hostile = write(tmp_path / "voc" / "evil.xml", doc.replace("{secret}", secret.as_posix()))
    start = time.perf_counter()
    with pytest.raises(AnnotationError) as caught:
        convert_annotations(tmp_path / "voc", "coco", tmp_path / "out.json")
    assert time.perf_counter() - start < 1.0
    message = str(caught.value)
    assert message.startswith(f"{hostile}, line 2: refused") and "never expanded" in message
    assert "TOP-SECRET" not in message and "lollol" not in message
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize(
    ("classes", "labels", "expected"),
    [
        (
            "cat\ndog\n",
            "0 0.5 0.5 0.1 0.1\n1 0.5 half 0.1 0.1\n",
            r"a\.txt, line 2: not a class number and numbers: '1",
        ),
        ("cat\ndog\n", "\n0 0.5 0.5 0.1\n", r"a\.txt, line 2: expected 'class cx cy width height \[score\]', got 4"),
        ("cat\ndog\n", "2 0.5 0.5 0.1 0.1\n", r"a\.txt, line 1: class 2 is not in classes\.txt \(0\.\.1\)"),
        ("cat\n\ndog\n", "0 0.5 0.5 0.1 0.1\n", r"classes\.txt, line 2: empty class name"),
        ("cat\ndog\ncat\n", "", r"classes\.txt, line 3: class name 'cat' appears twice"),
        (None, "", r"classes\.txt: not found"),
    ],
)
def test_malformed_yolo_names_file_and_line(tmp_path, image_dir, classes, labels, expected):
    folder = tmp_path / "labels"
    write(folder / "a.txt", labels)
    if classes is not None:
        write(folder / "classes.txt", classes)
    with pytest.raises(AnnotationError, match=expected):
        read_annotations(folder, "yolo", images=image_dir)


def test_bad_boxes_are_reported_and_written_as_they_are(tmp_path):
    doc = json.loads(json.dumps(COCO_OK))
    doc["annotations"] += [
        {"id": 2, "image_id": 1, "category_id": 1, "bbox": [60, 40, 10, 10]},
        {"id": 3, "image_id": 1, "category_id": 1, "bbox": [5, 5, -2, 3]},
    ]
    src = write(tmp_path / "src.json", json.dumps(doc))
    report = convert_annotations(src, "voc", tmp_path / "voc")
    assert report.boxes == 3 and len(report.problems) == 2
    assert report.problems[0].startswith("a.png: box 2 'cat' (x=60, y=40, width=10, height=10)")
    assert "outside the 64x48 image" in report.problems[0]
    assert report.problems[1].startswith("a.png: box 3") and "negative size" in report.problems[1]
    assert len(read_annotations(tmp_path / "voc").images[0].boxes) == 3


def test_outputs_are_never_overwritten_unless_asked(tmp_path, image_dir):
    src = tmp_path / "src.json"
    write_annotations(integer_set(), "coco", src)
    convert_annotations(src, "yolo", tmp_path / "yolo")
    label = tmp_path / "yolo" / "a.txt"
    label.write_text("edited by hand\n")
    (tmp_path / "yolo" / "b.txt").unlink()
    with pytest.raises(FileExistsError, match="already exist"):
        convert_annotations(src, "yolo", tmp_path / "yolo")
    assert label.read_text() == "edited by hand\n" and not (tmp_path / "yolo" / "b.txt").exists()  # all or nothing
    convert_annotations(src, "yolo", tmp_path / "yolo", overwrite=True)
    assert label.read_text() != "edited by hand\n"
    with pytest.raises(ValueError, match="source file of the conversion"):
        convert_annotations(tmp_path / "yolo", "yolo", tmp_path / "yolo", images=image_dir, overwrite=True)
    with pytest.raises(FileExistsError):
        convert_annotations(tmp_path / "yolo", "coco", src, images=image_dir)


def test_per_image_files_stay_inside_the_output_folder(tmp_path):
    escaping = AnnotationSet(
        [ImageAnnotation("../../evil.png", 10, 10, []), ImageAnnotation("/abs/path/x.png", 10, 10, [])], []
    )
    files = write_annotations(escaping, "voc", tmp_path / "out" / "voc")
    assert sorted(f.name for f in files) == ["evil.xml", "x.xml"]
    assert all(f.parent == tmp_path / "out" / "voc" for f in files)
    twins = AnnotationSet([ImageAnnotation("a.jpg", 5, 5, []), ImageAnnotation("a.png", 5, 5, [])], [])
    with pytest.raises(ValueError, match=r"'a\.jpg' and 'a\.png' would both be written"):
        write_annotations(twins, "yolo", tmp_path / "twins")
    assert not (tmp_path / "twins").exists()
