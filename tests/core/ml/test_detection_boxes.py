"""Boxes: IoU, non-maximum suppression, filtering and validation."""

from __future__ import annotations

import math

import numpy as np
import pytest

from imgstudio.core.ml.detection.boxes import (
    AnnotationSet,
    Box,
    ImageAnnotation,
    box_iou,
    boxes_to_xyxy,
    filter_boxes,
    iou_matrix,
    nms,
    nms_indices,
    validate_annotations,
)


def test_iou_of_known_pairs():
    a = np.array([[0, 0, 10, 10]])
    others = np.array(
        [
            [0, 0, 10, 10],  # identical
            [5, 0, 15, 10],  # half shifted: 50 / 150
            [0, 0, 5, 10],  # inside, half the area
            [10, 0, 20, 10],  # touching edge
            [20, 20, 30, 30],  # far away
            [3, 3, 3, 8],  # zero width
        ]
    )
    np.testing.assert_allclose(iou_matrix(a, others)[0], [1.0, 1 / 3, 0.5, 0.0, 0.0, 0.0])
    assert iou_matrix(np.zeros((0, 4)), others).shape == (0, 6)
    assert iou_matrix(np.array([[0, 0, 0, 0]]), np.array([[0, 0, 0, 0]]))[0, 0] == 0.0  # no NaN


def test_iou_matches_a_loop_on_random_boxes():
    rng = np.random.default_rng(3)
    xy = rng.uniform(0, 50, (12, 2))
    a = np.concatenate([xy, xy + rng.uniform(1, 30, (12, 2))], axis=1)
    b = a[::-1] + rng.normal(0, 3, a.shape)
    b[:, 2:] = np.maximum(b[:, 2:], b[:, :2] + 0.5)
    expected = np.zeros((12, 12))
    for i, p in enumerate(a):
        for j, q in enumerate(b):
            inter = max(0, min(p[2], q[2]) - max(p[0], q[0])) * max(0, min(p[3], q[3]) - max(p[1], q[1]))
            union = (p[2] - p[0]) * (p[3] - p[1]) + (q[2] - q[0]) * (q[3] - q[1]) - inter
            expected[i, j] = inter / union
    np.testing.assert_allclose(iou_matrix(a, b), expected, rtol=1e-12)
    boxes = [Box(x1, y1, x2 - x1, y2 - y1, "a") for x1, y1, x2, y2 in a]
    np.testing.assert_allclose(box_iou(boxes, boxes), iou_matrix(a, a))
    np.testing.assert_array_equal(boxes_to_xyxy(boxes), a)


def test_nms_keeps_the_best_per_class():
    boxes = [
        Box(0, 0, 10, 10, "cat", 0.6),
        Box(1, 1, 10, 10, "cat", 0.9),  # overlaps the first (IoU 0.68): it wins
        Box(1, 0, 10, 10, "dog", 0.5),  # another class: kept
        Box(50, 50, 10, 10, "cat", 0.3),  # far away: kept
    ]
    assert nms(boxes, 0.5) == [boxes[1], boxes[2], boxes[3]]
    assert nms(boxes, 0.5, class_wise=False) == [boxes[1], boxes[3]]
    assert nms(boxes, 0.7) == [boxes[1], boxes[0], boxes[2], boxes[3]]  # below the threshold: both stay
    assert nms([], 0.5) == []


def test_nms_agrees_with_torchvision():
    torch = pytest.importorskip("torch")
    ops = pytest.importorskip("torchvision.ops")
    rng = np.random.default_rng(7)
    xy = rng.uniform(0, 100, (300, 2))
    xyxy = np.concatenate([xy, xy + rng.uniform(5, 40, (300, 2))], axis=1)
    scores = rng.random(300)
    for threshold in (0.3, 0.5, 0.7):
        expected = ops.nms(torch.tensor(xyxy), torch.tensor(scores), threshold).numpy()
        np.testing.assert_array_equal(nms_indices(xyxy, scores, threshold), expected)


def test_filter_boxes_by_score_then_nms():
    boxes = [Box(0, 0, 10, 10, "a", 0.9), Box(0, 0, 10, 10, "a", 0.4), Box(30, 0, 10, 10, "a", 0.2)]
    assert filter_boxes(boxes, min_score=0.3) == boxes[:2]
    assert filter_boxes(boxes, min_score=0.3, iou_threshold=0.5) == boxes[:1]
    assert filter_boxes(boxes) == boxes
    assert filter_boxes([Box(0, 0, 1, 1, "gt")], min_score=0.99) == [Box(0, 0, 1, 1, "gt")]  # no score: kept


def test_box_dict_is_the_result_format():
    box = Box(1.5, 2, 3, 4, "face", 0.25)
    assert box.as_dict() == {"x": 1.5, "y": 2.0, "width": 3.0, "height": 4.0, "label": "face", "score": 0.25}
    assert Box.from_dict(box.as_dict()) == box
    assert Box.from_corners(1, 2, 4, 6, "a") == Box(1, 2, 3, 4, "a")
    assert (box.x2, box.y2, box.area) == (4.5, 6.0, 12.0)


def test_validation_reports_every_bad_box_by_file_and_box():
    image = ImageAnnotation(
        "photos/a.jpg",
        100,
        80,
        [
            Box(0, 0, 100, 80, "cat"),  # the whole image: fine
            Box(90, 10, 20, 10, "cat"),  # past the right edge
            Box(-5, 10, 20, 10, "cat"),  # left of the image
            Box(10, 10, -4, 10, "cat"),  # negative width
            Box(10, 10, 5, 0, "cat"),  # zero height
            Box(10, 10, math.nan, 5, "cat"),  # not a number
            Box(10, 10, 5, 5, "horse"),  # not a class
        ],
    )
    problems = validate_annotations(AnnotationSet([image], ["cat"]))
    assert len(problems) == 6
    assert all(p.startswith("photos/a.jpg: box ") for p in problems)
    assert "box 2 'cat' (x=90, y=10, width=20, height=10)" in problems[0] and "outside the 100x80 image" in problems[0]
    assert "box 3" in problems[1] and "outside" in problems[1]
    assert "box 4" in problems[2] and "zero or negative size" in problems[2]
    assert "box 5" in problems[3] and "zero or negative size" in problems[3]
    assert "box 6" in problems[4] and "not a finite number" in problems[4]
    assert "box 7 'horse'" in problems[5] and "not in the class list" in problems[5]
    assert len(image.boxes) == 7  # reported, not dropped


def test_validation_of_sound_sets_and_image_level_problems():
    good = ImageAnnotation("a.png", 10, 10, [Box(0, 0, 10, 10, "a"), Box(9.9995, 0, 0.001, 1, "a")])
    assert validate_annotations(AnnotationSet([good], ["a"])) == []
    twice = AnnotationSet([good, ImageAnnotation("a.png", 10, 10, []), ImageAnnotation("b.png", 0, 0, [])], ["a"])
    problems = validate_annotations(twice)
    assert problems == ["a.png: the image is annotated more than once", "b.png: image size unknown or invalid (0x0)"]
