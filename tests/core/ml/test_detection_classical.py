"""OpenCV's Haar cascades and HOG people detector on images drawn here; results and drawing."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from imgstudio.core.io import ImageWriteError, read_image, write_image
from imgstudio.core.jobs import JobCancelled, JobContext
from imgstudio.core.ml.detection.boxes import Box
from imgstudio.core.ml.detection.classical import (
    HaarSettings,
    HogSettings,
    classical_detector,
    classical_detectors,
    detect_classical,
    to_gray,
)
from imgstudio.core.ml.detection.results import (
    DetectionResult,
    detect_paths,
    draw_boxes,
    label_colour,
    write_annotated_image,
    write_results_csv,
    write_results_json,
)


def draw_face(size: int = 300) -> np.ndarray:
    """A schematic frontal face (RGB): a skin oval, dark eyes and brows, nose ridge and mouth, blurred."""
    img = np.full((size, size), 200, np.uint8)
    c, s = size // 2, size / 300

    def p(x: float, y: float) -> tuple[int, int]:
        return int(c + x * s), int(c + y * s)

    cv2.ellipse(img, p(0, 0), (int(80 * s), int(105 * s)), 0, 0, 360, 150, -1)
    for dx in (-35, 35):
        cv2.ellipse(img, p(dx, -20), (int(18 * s), int(9 * s)), 0, 0, 360, 40, -1)
        cv2.line(img, p(dx - 22, -45), p(dx + 22, -45), 60, max(1, int(6 * s)))
    cv2.line(img, p(0, -10), p(0, 25), 170, max(1, int(8 * s)))
    cv2.ellipse(img, p(0, 55), (int(30 * s), int(8 * s)), 0, 0, 360, 70, -1)
    img = cv2.GaussianBlur(img, (0, 0), 3 * s)
    rgb = np.stack([img, img, img], axis=2)
    rgb[:, :, 0] = np.clip(rgb[:, :, 0].astype(int) + 25, 0, 255)  # warm tint: colour order matters a little
    return rgb


def draw_person(height: int = 400, width: int = 300) -> np.ndarray:
    """A dark standing figure (head, torso, arms, legs) on a light background (RGB)."""
    img = np.full((height, width), 190, np.uint8)
    cx, s = width // 2, height / 400

    def p(x: float, y: float) -> tuple[int, int]:
        return int(cx + x * s), int(y * s)

    cv2.circle(img, p(0, 80), int(22 * s), 50, -1)
    cv2.ellipse(img, p(0, 108), (int(12 * s), int(8 * s)), 0, 0, 360, 50, -1)
    cv2.fillPoly(img, [np.array([p(-40, 110), p(40, 110), p(34, 220), p(-34, 220)], np.int32)], 50)
    for a, b, thick in (((-40, 115), (-55, 215), 16), ((40, 115), (55, 215), 16)):
        cv2.line(img, p(*a), p(*b), 50, int(thick * s))
    for a, b in (((-18, 215), (-28, 335)), ((18, 215), (28, 335))):
        cv2.line(img, p(*a), p(*b), 50, int(22 * s))
    img = cv2.GaussianBlur(img, (0, 0), 2)
    return np.stack([img, img, img], axis=2)


def no_face_images() -> dict[str, np.ndarray]:
    """Constructed images with nothing face- or person-like in them."""
    rng = np.random.default_rng(0)
    gradient = np.tile(np.linspace(0, 255, 320, dtype=np.float32), (240, 1)).astype(np.uint8)
    shapes = np.full((240, 320, 3), 230, np.uint8)
    cv2.circle(shapes, (80, 120), 50, (200, 30, 30), -1)
    cv2.rectangle(shapes, (170, 60), (290, 180), (30, 90, 200), -1)
    return {
        "uniform": np.full((240, 320, 3), 128, np.uint8),
        "noise": rng.integers(0, 256, (240, 320, 3), dtype=np.uint8),
        "gradient": np.stack([gradient] * 3, axis=2),
        "shapes": shapes,
    }


def centre(box: Box) -> tuple[float, float]:
    return box.x + box.width / 2, box.y + box.height / 2


def test_registry_lists_what_opencv_bundles():
    detectors = classical_detectors()
    assert {"haar-face", "haar-eye", "haar-profile-face", "haar-full-body", "haar-smile", "hog-people"} <= set(
        detectors
    )
    bundled = {p.name for p in Path(cv2.data.haarcascades).glob("haarcascade_*.xml")}
    haar = [classical_detector(name) for name in detectors if name.startswith("haar-")]
    assert {d.source for d in haar} == bundled
    assert all(d.description and d.label for d in map(classical_detector, detectors))
    assert classical_detector("haar-face").label == "face" and classical_detector("hog-people").label == "person"
    with pytest.raises(KeyError, match=r"unknown detector 'haar-nose'.*haar-face.*hog-people"):
        classical_detector("haar-nose")


def test_every_detector_loads_and_runs_even_on_tiny_images():
    tiny = np.zeros((10, 10, 3), np.uint8)
    small = np.full((40, 30, 1), 90, np.uint8)  # smaller than the HOG window: OpenCV would corrupt memory
    for name in classical_detectors():
        assert detect_classical(name, tiny) == []
        assert detect_classical(name, small) == []


def test_haar_finds_the_drawn_face_and_its_eyes():
    face = draw_face()
    (box,) = detect_classical("haar-face", face)
    assert box.label == "face" and isinstance(box.score, float) and box.score > 0
    assert np.hypot(*(np.subtract(centre(box), (150, 150)))) < 30
    assert 150 <= box.width <= 260 and box.width == box.height
    eyes = detect_classical("haar-eye", face)
    left, right = sorted(centre(e) for e in eyes)  # one box on each drawn eye, at (115, 130) and (185, 130)
    assert np.hypot(left[0] - 115, left[1] - 130) < 20 and np.hypot(right[0] - 185, right[1] - 130) < 20


def test_haar_settings_are_honoured():
    face = draw_face()
    assert detect_classical("haar-face", face, HaarSettings(min_size=(280, 280))) == []
    assert detect_classical("haar-face", face, HaarSettings(max_size=(100, 100))) == []
    assert len(detect_classical("haar-face", face, HaarSettings(min_neighbors=0))) > 1  # raw windows
    with pytest.raises(ValueError, match="scale factor must be above 1"):
        detect_classical("haar-face", face, HaarSettings(scale_factor=1.0))
    with pytest.raises(TypeError, match="haar-face does not take HogSettings"):
        detect_classical("haar-face", face, HogSettings())
    with pytest.raises(ValueError, match="multiples of 8"):
        detect_classical("hog-people", face, HogSettings(win_stride=(5, 5)))


def test_hog_finds_the_drawn_person():
    (box,) = detect_classical("hog-people", draw_person())
    assert box.label == "person" and box.score > 1.0
    assert np.hypot(*(np.subtract(centre(box), (150, 200)))) < 30
    assert 300 <= box.height <= 420 and box.height > 1.8 * box.width
    (daimler,) = detect_classical("hog-people-daimler", draw_person())
    assert abs(centre(daimler)[0] - 150) < 30
    assert detect_classical("hog-people", draw_person(), HogSettings(hit_threshold=3.0)) == []


def test_nothing_is_found_where_there_is_nothing():
    for name, image in {**no_face_images(), "person": draw_person()}.items():
        assert detect_classical("haar-face", image) == [], name
    for name, image in {**no_face_images(), "face": draw_face()}.items():
        assert detect_classical("hog-people", image) == [], name


def test_images_in_every_layout_give_the_same_boxes():
    face = draw_face()
    expected = detect_classical("haar-face", face)
    gray = to_gray(face)
    assert gray.dtype == np.uint8 and gray.ndim == 2
    layouts = {
        "rgba": np.concatenate([face, np.full((*face.shape[:2], 1), 255, np.uint8)], axis=2),
        "gray": gray[:, :, None],
        "uint16": face.astype(np.uint16) * 257,
        "float32": face.astype(np.float32) / 255,
    }
    for name, image in layouts.items():
        assert detect_classical("haar-face", image) == expected, name
    red = np.zeros((2, 2, 3), np.uint8)
    red[..., 0] = 255
    assert to_gray(red)[0, 0] == 76  # RGB weights (0.299 R): the input is RGB, not OpenCV's BGR


def test_draw_boxes_draws_on_a_copy(tmp_path):
    face = draw_face()
    before = face.copy()
    boxes = [Box(20, 30, 100, 80, "face", 0.87)]
    drawn = draw_boxes(face, boxes)
    np.testing.assert_array_equal(face, before)
    assert drawn.shape == face.shape and drawn.dtype == np.uint8
    assert tuple(drawn[70, 20]) == label_colour("face")  # the left edge of the box
    assert not np.array_equal(drawn[10:30, 20:80], face[10:30, 20:80])  # the caption above it
    assert draw_boxes(face[:, :, :1], boxes).shape == face.shape  # gray in, RGB out

    source = write_image(tmp_path / "face.png", face)
    out = write_annotated_image(source, boxes, tmp_path / "annotated" / "face.png")
    np.testing.assert_array_equal(read_image(out)[0], drawn)
    with pytest.raises(ImageWriteError, match="already exists"):
        write_annotated_image(source, boxes, out)
    with pytest.raises(ImageWriteError, match="source image"):
        write_annotated_image(source, boxes, source, overwrite=True)
    np.testing.assert_array_equal(read_image(source)[0], face)


def test_results_json_and_csv(tmp_path):
    results = [
        DetectionResult("a.png", [Box(1, 2, 3, 4, "face", 0.5), Box(5.5, 6, 7, 8, "eye", 0.25)]),
        DetectionResult("b.png", []),
    ]
    assert results[0].as_dict() == {
        "path": "a.png",
        "boxes": [
            {"x": 1.0, "y": 2.0, "width": 3.0, "height": 4.0, "label": "face", "score": 0.5},
            {"x": 5.5, "y": 6.0, "width": 7.0, "height": 8.0, "label": "eye", "score": 0.25},
        ],
    }
    assert DetectionResult.from_dict(results[0].as_dict()) == results[0]
    saved = json.loads(write_results_json(tmp_path / "r.json", results).read_text(encoding="utf-8"))
    assert [DetectionResult.from_dict(r) for r in saved] == results
    with write_results_csv(tmp_path / "r.csv", results).open(newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows == [
        ["path", "label", "score", "x", "y", "width", "height"],
        ["a.png", "face", "0.5", "1", "2", "3", "4"],
        ["a.png", "eye", "0.25", "5.5", "6", "7", "8"],
    ]


def test_detect_paths_reports_unreadable_files_and_can_be_cancelled(tmp_path):
    good = write_image(tmp_path / "face.png", draw_face())
    bad = tmp_path / "broken.png"
    bad.write_bytes(b"not an image")
    results = list(detect_paths(lambda img: detect_classical("haar-face", img), [good, bad], min_score=0.0))
    assert [r.path for r in results] == [str(good), str(bad)]
    assert len(results[0].boxes) == 1 and results[0].error is None
    assert results[1].boxes == [] and "not an image" in results[1].error
    (strict,) = detect_paths(lambda img: detect_classical("haar-face", img), [good], min_score=99.0)
    assert strict.boxes == []
    ctx = JobContext()
    ctx.cancel()
    with pytest.raises(JobCancelled):
        list(detect_paths(lambda img: [], [good], ctx=ctx))
