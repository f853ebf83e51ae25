"""AnnotationSession: round trips in COCO/VOC/YOLO, dirty state, failed saves keep edits, problems."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import numpy as np
import pytest

from imgstudio.core.io import write_image
from imgstudio.core.ml.detection.annotate import AnnotationSession, clamp_box, editable_boxes, target_format
from imgstudio.core.ml.detection.boxes import AnnotationSet, Box, ImageAnnotation
from imgstudio.core.ml.detection.formats import read_annotations, write_annotations

SIZES = {"a.png": (64, 48), "b.jpg": (40, 90), "c.png": (30, 20)}


@pytest.fixture
def images(tmp_path: Path) -> Path:
    folder = tmp_path / "images"
    for name, (w, h) in SIZES.items():
        write_image(folder / name, np.full((h, w, 3), 90, np.uint8))
    (folder / "notes.txt").write_text("not an image")
    return folder


def target_path(tmp_path: Path, fmt: str) -> Path:
    return tmp_path / ("labels.json" if fmt == "coco" else f"labels_{fmt}")


@pytest.mark.parametrize("fmt", ["coco", "voc", "yolo"])
def test_edits_save_and_load_back_exactly_in_each_format(tmp_path, images, fmt):
    target = target_path(tmp_path, fmt)
    session = AnnotationSession(images, target, fmt)
    assert [p.name for p in session.paths] == ["a.png", "b.jpg", "c.png"]
    assert (session.classes, session.dirty, session.load_messages) == ([], False, [])
    session.add_class("cat")
    session.add_class("dog")
    first = [Box(0, 0, 64, 48, "cat"), Box(10, 5, 7, 3, "dog"), Box(20.5, 1.25, 10, 4.75, "cat")]
    second = [Box(39, 89, 1, 1, "dog")]
    assert session.set_boxes(0, first) and session.set_boxes(1, second)
    assert session.dirty
    result = session.save()
    assert result.ok and result.files and not session.dirty
    assert all(f.is_file() for f in result.files)

    back = AnnotationSession(images, target)
    assert back.format == fmt
    assert back.boxes(0) == first and back.boxes(1) == second and back.boxes(2) == []
    assert back.classes == ["cat", "dog"]
    assert back.load_messages == [] and not back.dirty
    assert back.is_annotated(0) and not back.is_annotated(2)


def test_yolo_labels_beside_the_images_never_touch_an_image(tmp_path, images):
    (images / "notes.txt").unlink()  # YOLO reads every .txt beside classes.txt as a label file
    before = {p.name: p.read_bytes() for p in images.iterdir()}
    session = AnnotationSession(images, images, "yolo")
    session.set_boxes(2, [Box(1, 2, 3, 4, "star")])
    assert session.save().ok
    assert {p.name: p.read_bytes() for p in images.iterdir() if p.name in before} == before
    assert (images / "c.txt").is_file() and (images / "classes.txt").read_text() == "star\n"
    assert AnnotationSession(images, images).boxes(2) == [Box(1, 2, 3, 4, "star")]


def test_a_target_that_is_an_image_is_never_written(tmp_path, images):
    session = AnnotationSession(images, images / "a.png", "coco")
    original = (images / "a.png").read_bytes()
    session.set_boxes(0, [Box(1, 1, 5, 5, "x")])
    result = session.save()
    assert not result.ok and result.message.startswith("not saved:")
    assert (images / "a.png").read_bytes() == original and session.dirty
    voc = AnnotationSession(images, images, "voc")  # a VOC folder beside the images: .xml files only
    voc.set_boxes(0, [Box(1, 1, 5, 5, "x")])
    assert voc.save().files == [images / "a.xml"] and (images / "a.png").read_bytes() == original


def test_existing_annotations_match_by_name_and_unknown_images_are_kept(tmp_path, images):
    target = tmp_path / "old.json"
    old = AnnotationSet(
        [
            ImageAnnotation("photos/a.png", 64, 48, [Box(1, 2, 3, 4, "car")]),
            ImageAnnotation("elsewhere/z.png", 10, 10, [Box(0, 0, 5, 5, "bus")]),
        ],
        ["car", "bus"],
    )
    write_annotations(old, "coco", target)
    session = AnnotationSession(images, target)
    assert session.boxes(0) == [Box(1, 2, 3, 4, "car")]
    assert any("not in" in m and "kept" in m for m in session.load_messages)
    session.set_boxes(1, [Box(2, 2, 8, 8, "bus")])
    assert session.save().ok
    saved = read_annotations(target)
    assert [im.path for im in saved.images] == ["photos/a.png", "b.jpg", "elsewhere/z.png"]
    assert saved.images[2].boxes == [Box(0, 0, 5, 5, "bus")]
    assert saved.images[1].width == 40 and saved.images[1].height == 90  # read from the image


def test_dirty_tracks_edits_and_per_image_formats_write_only_edited_images(tmp_path, images):
    target = tmp_path / "voc"
    session = AnnotationSession(images, target, "voc")
    assert session.save().message == "nothing to save"
    assert not session.set_boxes(0, [])  # no change
    assert not session.dirty
    session.set_boxes(0, [Box(1, 1, 4, 4, "cat")])
    session.set_boxes(2, [Box(2, 2, 4, 4, "cat")])
    assert session.save().ok
    assert sorted(p.name for p in target.iterdir()) == ["a.xml", "c.xml"]
    stamp = (target / "a.xml").stat().st_mtime_ns
    session.set_boxes(2, [])
    result = session.save()
    assert result.files == [target / "c.xml"]
    assert (target / "a.xml").stat().st_mtime_ns == stamp
    assert AnnotationSession(images, target).boxes(2) == []


def test_a_failed_save_keeps_the_edits_and_the_next_save_retries(tmp_path, images):
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the target folder should be")
    target = blocker / "labels.json"
    session = AnnotationSession(images, target, "coco")
    session.set_boxes(0, [Box(3, 3, 10, 10, "cat")])
    result = session.save()
    assert not result.ok and result.message.startswith("not saved:") and session.last_error == result.message
    assert session.dirty and session.boxes(0) == [Box(3, 3, 10, 10, "cat")]
    session.set_boxes(1, [Box(1, 1, 5, 5, "dog")])
    assert not session.save().ok
    blocker.unlink()
    blocker.mkdir()
    assert session.save().ok and session.last_error is None and not session.dirty
    back = AnnotationSession(images, target)
    assert back.boxes(0) == [Box(3, 3, 10, 10, "cat")] and back.boxes(1) == [Box(1, 1, 5, 5, "dog")]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_target_folder_is_a_message(tmp_path, images):
    target = tmp_path / "yolo"
    target.mkdir()
    session = AnnotationSession(images, target, "yolo")
    session.set_boxes(0, [Box(1, 1, 5, 5, "cat")])
    target.chmod(0o555)
    try:
        result = session.save()
    finally:
        target.chmod(0o755)
    assert not result.ok and session.dirty
    assert session.save().ok


def test_an_unreadable_target_is_reported_and_never_written_over(tmp_path, images):
    target = tmp_path / "bad.json"
    target.write_text('{"images": [\n  {"id": 1,, }\n]}')
    session = AnnotationSession(images, target)
    assert len(session.load_messages) == 1
    assert "bad.json, line 2" in session.load_messages[0] and "not written over" in session.load_messages[0]
    session.set_boxes(0, [Box(1, 1, 5, 5, "cat")])
    result = session.save()
    assert not result.ok and "cannot read the existing annotations" in result.message
    assert target.read_text().startswith('{"images": [\n  {"id": 1,,')
    target.rename(tmp_path / "moved.json")
    assert session.save().ok
    assert AnnotationSession(images, target).boxes(0) == [Box(1, 1, 5, 5, "cat")]


def test_problems_of_loaded_boxes_are_messages_and_boxes_stay(tmp_path, images):
    target = tmp_path / "odd.json"
    boxes = [Box(-5, 0, 10, 10, "cat"), Box(5, 5, 0, 3, "cat"), Box(1, 1, 2, 2, "cat")]
    write_annotations(AnnotationSet([ImageAnnotation("a.png", 64, 48, boxes)], ["cat"]), "coco", target)
    session = AnnotationSession(images, target)
    assert session.boxes(0) == boxes
    problems = session.problems(0)
    assert len(problems) == 2
    assert "outside the 64x48 image" in problems[0] and "zero or negative size" in problems[1]
    assert session.validate() == problems
    assert session.load_messages == problems


def test_a_stored_size_that_differs_from_the_image_is_reported_and_corrected(tmp_path, images):
    target = tmp_path / "sizes.json"
    write_annotations(AnnotationSet([ImageAnnotation("a.png", 32, 24, [])], []), "coco", target)
    session = AnnotationSession(images, target)
    pixels = session.load_image(0)
    assert pixels.shape == (48, 64, 3) and session.image_size(0) == (64, 48)
    assert any("32x24" in m and "64x48" in m for m in session.load_messages)
    assert session.dirty and session.save().ok
    assert read_annotations(target).images[0].width == 64


def test_classes_and_target_format_checks(tmp_path, images):
    session = AnnotationSession(images, tmp_path / "x.json")
    assert session.add_class("  cat ") and not session.add_class("cat")
    for bad in ("", "   ", "two\nlines"):
        with pytest.raises(ValueError):
            session.add_class(bad)
    session.set_boxes(0, [Box(1, 1, 2, 2, "dog")])
    assert session.classes == ["cat", "dog"]
    session.current = 99
    assert session.current == 2 and session.relative_path(2) == "c.png"
    with pytest.raises(ValueError, match="cannot tell"):
        target_format(tmp_path / "new_folder")
    with pytest.raises(ValueError, match="unknown annotation format"):
        target_format(tmp_path / "x", "csv")
    (tmp_path / "y").mkdir()
    (tmp_path / "y" / "classes.txt").write_text("a\n")
    assert target_format(tmp_path / "y") == "yolo"


def test_clamp_and_editable_boxes():
    assert clamp_box(Box(-3, 5, 10, 100, "a", 0.5), 20, 30) == Box(0, 5, 7, 25, "a", 0.5)
    predicted = [Box(-3, 5, 10, 10, "a", 0.9), Box(25, 25, 4, 4, "b", 0.5), Box(math.nan, 0, 1, 1, "c", 0.1)]
    assert editable_boxes(predicted, 20, 20) == [Box(0, 5, 7, 10, "a")]


def test_an_image_folder_that_is_missing_is_an_error(tmp_path):
    with pytest.raises(NotADirectoryError):
        AnnotationSession(tmp_path / "nope", tmp_path / "x.json")


def test_coco_file_lists_only_annotated_images(tmp_path, images):
    target = tmp_path / "only.json"
    session = AnnotationSession(images, target)
    session.set_boxes(2, [Box(1, 1, 4, 4, "cat")])
    assert session.save().ok
    data = json.loads(target.read_text())
    assert [im["file_name"] for im in data["images"]] == ["c.png"]
