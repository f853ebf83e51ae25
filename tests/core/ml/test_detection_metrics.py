"""COCO mAP: hand-made cases with known answers, and pycocotools as the reference."""

from __future__ import annotations

import contextlib
import io
import json

import numpy as np
import pytest

from imgstudio.core.ml.detection.boxes import AnnotationSet, Box, ImageAnnotation
from imgstudio.core.ml.detection.coco import coco_dict
from imgstudio.core.ml.detection.metrics import COCO_IOU_THRESHOLDS, RECALL_POINTS, evaluate_detections

GT = AnnotationSet(
    [
        ImageAnnotation("a.png", 200, 200, [Box(0, 0, 100, 100, "cat"), Box(120, 120, 50, 50, "dog")]),
        ImageAnnotation("b.png", 200, 200, [Box(10, 10, 80, 60, "cat")]),
    ],
    ["cat", "dog"],
)


def scored(box: Box, score: float, label: str | None = None, dx: float = 0.0) -> Box:
    return Box(box.x + dx, box.y, box.width, box.height, label or box.label, score)


def test_perfect_detections_score_one():
    dets = {im.path: [scored(b, 0.9 - 0.1 * i) for i, b in enumerate(im.boxes)] for im in GT.images}
    ev = evaluate_detections(GT, dets)
    assert ev.map50 == ev.map50_95 == 1.0
    assert ev.class_ap(0.5) == ev.class_ap() == {"cat": 1.0, "dog": 1.0}
    assert list(ev.iou_thresholds) == [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]


def test_shifted_boxes_count_up_to_their_iou():
    gt = AnnotationSet([ImageAnnotation("a.png", 300, 300, [Box(0, 0, 100, 100, "cat")])], ["cat"])
    # shifted by 20 px: IoU = 80 / 120 = 0.667, a hit at 0.50, 0.55, 0.60, 0.65 and a miss above
    ev = evaluate_detections(gt, {"a.png": [scored(gt.images[0].boxes[0], 0.8, dx=20)]})
    assert ev.map50 == 1.0
    assert ev.map50_95 == pytest.approx(0.4)
    np.testing.assert_array_equal(ev.ap[0], [1, 1, 1, 1, 0, 0, 0, 0, 0, 0])


def test_an_iou_exactly_on_a_threshold_counts_as_a_hit():
    gt = AnnotationSet([ImageAnnotation("a.png", 300, 300, [Box(0, 0, 100, 100, "cat")])], ["cat"])
    # shifted by 25 px: IoU = 75 / 125 = 0.6 exactly; pycocotools' thresholds are np.linspace values
    # (0.6000000000000001) and would call it a miss, ours are the round numbers the definition names
    ev = evaluate_detections(gt, {"a.png": [scored(gt.images[0].boxes[0], 0.8, dx=25)]})
    assert ev.map50_95 == pytest.approx(0.3)


def test_missing_detections_cap_the_recall():
    dets = {"a.png": [scored(GT.images[0].boxes[0], 0.9)]}  # one cat of two, no dog
    ev = evaluate_detections(GT, dets)
    assert ev.class_ap(0.5) == {"cat": pytest.approx(51 / 101), "dog": 0.0}  # precision 1 up to recall 0.5
    assert ev.map50 == pytest.approx(51 / 202)


def test_duplicate_detections_are_false_positives():
    cat_a, cat_b = GT.images[0].boxes[0], GT.images[1].boxes[0]
    dets = {"a.png": [scored(cat_a, 0.9), scored(cat_a, 0.8, dx=2)], "b.png": [scored(cat_b, 0.7)]}
    ev = evaluate_detections(GT, dets)
    # ranked: hit, duplicate, hit -> precision 1, 1/2, 2/3 at recall 1/2, 1/2, 1
    assert ev.class_ap(0.5)["cat"] == pytest.approx((51 + 50 * 2 / 3) / 101)
    recall, precision = ev.pr_curve("cat")
    np.testing.assert_allclose(recall, [0.5, 0.5, 1.0])
    np.testing.assert_allclose(precision, [1, 1 / 2, 2 / 3])
    assert ev.precision.shape == (2, 10, RECALL_POINTS.size)
    np.testing.assert_allclose(ev.precision[0, 0, [0, 50, 51, 100]], [1, 1, 2 / 3, 2 / 3])


def test_wrong_class_finds_nothing_and_a_class_without_ground_truth_is_left_out():
    dets = {im.path: [scored(b, 0.9, label="horse") for b in im.boxes] for im in GT.images}
    ev = evaluate_detections(GT, dets)
    assert ev.classes == ["cat", "dog", "horse"]
    assert ev.class_ap(0.5) == {"cat": 0.0, "dog": 0.0, "horse": None}
    assert ev.map50 == 0.0 and ev.map50_95 == 0.0
    assert ev.as_dict()["per_class"]["horse"] == {"ap50": None, "ap": None, "ground_truth": 0, "detections": 3}


def test_empty_cases():
    none = evaluate_detections(AnnotationSet([ImageAnnotation("a.png", 10, 10, [])], []), {})
    assert none.map50 is None and none.map50_95 is None and none.classes == []
    assert json.loads(json.dumps(none.as_dict())) == {"map50": None, "map50_95": None, "images": 1, "per_class": {}}
    nothing_found = evaluate_detections(GT, {})
    assert nothing_found.map50 == 0.0 and nothing_found.detections == [0, 0]
    with pytest.raises(ValueError, match=r"not in the ground truth: c\.png"):
        evaluate_detections(GT, {"c.png": []})


def test_matching_is_greedy_by_score_and_capped_per_image():
    gt = AnnotationSet([ImageAnnotation("a.png", 300, 300, [Box(0, 0, 100, 100, "cat")])], ["cat"])
    weak_exact, strong_loose = Box(0, 0, 100, 100, "cat", 0.5), Box(10, 0, 100, 100, "cat", 0.9)
    ev = evaluate_detections(gt, {"a.png": [weak_exact, strong_loose]})
    # the higher score takes the only box, though the other fits better: the exact one is a false positive
    np.testing.assert_allclose(ev.pr_curve("cat", 0.5)[1], [1.0, 0.5])
    # at 0.9 the loose one misses, so the exact one, ranked second, is the hit: precision 1/2 at full recall
    assert ev.class_ap(0.9)["cat"] == 0.5
    flood = [Box(200, 200, 10, 10, "cat", 0.99)] * 100 + [Box(0, 0, 100, 100, "cat", 0.1)]
    assert evaluate_detections(gt, {"a.png": flood}).map50 == 0.0  # the 101st detection does not count
    assert evaluate_detections(gt, {"a.png": flood}, max_detections=101).map50 == pytest.approx(1 / 101)


def random_scene(seed: int) -> tuple[AnnotationSet, dict[str, list[Box]]]:
    """Ground truth and noisy detections: near misses, duplicates, wrong classes, strays, empty images."""
    rng = np.random.default_rng(seed)
    classes = ["a", "b", "c", "d"]  # "d" is never in the ground truth
    images, dets = [], {}
    for i in range(60):
        gt = []
        for _ in range(int(rng.integers(0, 7))):
            x, y, w, h = rng.uniform(0, 250), rng.uniform(0, 150), rng.uniform(8, 60), rng.uniform(8, 60)
            gt.append(Box(round(x), round(y), round(w), round(h), classes[int(rng.integers(0, 3))]))
        found = []
        for box in gt:
            for _ in range(int(rng.integers(0, 3))):
                label = box.label if rng.random() > 0.1 else classes[int(rng.integers(0, 4))]
                jitter = rng.normal(0, 3, 2)
                size = rng.uniform(0.85, 1.15, 2)
                found.append(
                    Box(
                        box.x + jitter[0],
                        box.y + jitter[1],
                        box.width * size[0],
                        box.height * size[1],
                        label,
                        rng.random(),
                    )
                )
        for _ in range(int(rng.integers(0, 4))):
            xy = rng.uniform(0, 200, 2)
            found.append(
                Box(
                    xy[0], xy[1], rng.uniform(8, 60), rng.uniform(8, 60), classes[int(rng.integers(0, 4))], rng.random()
                )
            )
        images.append(ImageAnnotation(f"img{i:02d}.png", 320, 240, gt))
        dets[images[-1].path] = found
    images[0].boxes.clear()
    dets[images[0].path] = [Box(5, 5, 20, 20, "a", 0.3 * float(rng.random())) for _ in range(120)]  # > maxDets
    return AnnotationSet(images, classes), dets


def pycocotools_eval(gt: AnnotationSet, dets: dict[str, list[Box]]):
    coco_module = pytest.importorskip("pycocotools.coco")
    cocoeval = pytest.importorskip("pycocotools.cocoeval")
    reference = coco_module.COCO()
    reference.dataset = coco_dict(gt)
    results = [
        {
            "image_id": i,
            "category_id": gt.classes.index(b.label) + 1,
            "bbox": [b.x, b.y, b.width, b.height],
            "score": b.score,
        }
        for i, image in enumerate(gt.images, start=1)
        for b in dets[image.path]
    ]
    with contextlib.redirect_stdout(io.StringIO()):
        reference.createIndex()
        evaluation = cocoeval.COCOeval(reference, reference.loadRes(results), "bbox")
        evaluation.evaluate()
        evaluation.accumulate()
        evaluation.summarize()
    return evaluation


@pytest.mark.parametrize("seed", [0, 1])
def test_agrees_with_pycocotools(seed):
    gt, dets = random_scene(seed)
    reference = pycocotools_eval(gt, dets)
    ours = evaluate_detections(gt, dets)
    assert 0.1 < ours.map50_95 < ours.map50 < 0.9  # a scene where every rule matters
    assert ours.map50_95 == pytest.approx(reference.stats[0], abs=1e-12)
    assert ours.map50 == pytest.approx(reference.stats[1], abs=1e-12)
    precision = reference.eval["precision"][:, :, :, 0, -1]  # T x R x K, all areas, maxDets=100
    for k, name in enumerate(gt.classes):
        valid = precision[:, :, k] > -1
        if not valid.any():
            assert ours.class_ap()[name] is None
            continue
        assert ours.class_ap()[name] == pytest.approx(precision[:, :, k][valid].mean(), abs=1e-12)
        np.testing.assert_allclose(ours.precision[k], precision[:, :, k], atol=1e-12)
    np.testing.assert_allclose(ours.iou_thresholds, COCO_IOU_THRESHOLDS)
