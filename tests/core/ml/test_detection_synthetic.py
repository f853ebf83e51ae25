"""The built-in synthetic detection set: determinism, exact boxes, balance, tensors and collate."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch.utils.data import DataLoader

from imgstudio.core.ml.detection.synthetic import (
    CLASSES,
    DEFAULT_MAX_OBJECTS,
    DETECTION_SETS,
    SOURCE,
    ShapesDetectionDataset,
    collate_detection,
    shapes_detect_item,
    synthetic_detection_dataset,
)
from imgstudio.core.ml.shapes import shapes_item


def test_items_are_deterministic_and_splits_differ() -> None:
    a = shapes_detect_item(3, "train", 5, 96)
    b = shapes_detect_item(3, "train", 5, 96)
    assert np.array_equal(a.image, b.image)
    assert np.array_equal(a.boxes, b.boxes)
    assert np.array_equal(a.labels, b.labels)
    for other in (shapes_detect_item(4, "train", 5, 96), shapes_detect_item(3, "val", 5, 96)):
        assert not np.array_equal(a.image, other.image)
    assert not np.array_equal(a.image, shapes_detect_item(3, "train", 6, 96).image)
    assert not np.array_equal(a.image, shapes_item(3, "train", 5, 96)[0])  # its own random stream


@pytest.mark.parametrize("size", [32, 97, 128, 160])
def test_boxes_are_tight_around_the_visible_shapes_and_inside_the_image(size: int) -> None:
    for index in range(12):
        s = shapes_detect_item(0, "test", index, size)
        assert s.image.shape == (size, size, 3) and s.image.dtype == np.uint8
        n = len(s.labels)
        assert 1 <= n <= DEFAULT_MAX_OBJECTS
        assert s.boxes.shape == (n, 4) and s.boxes.dtype == np.float32
        assert s.masks.shape == (n, size, size)
        for box, mask in zip(s.boxes, s.masks, strict=True):
            ys, xs = np.nonzero(mask >= 0.5)
            assert len(xs) >= 10, "every object stays visible"
            assert tuple(box) == (xs.min(), ys.min(), xs.max() + 1, ys.max() + 1)
            assert box[0] >= 1 and box[1] >= 1 and box[2] <= size - 1 and box[3] <= size - 1
        coverage = s.masks.sum(axis=0)
        assert coverage.max() <= 1.0 + 1e-5, "visible parts do not overlap"


def test_objects_stand_out_from_the_background() -> None:
    for index in range(20):
        s = shapes_detect_item(1, "train", index, 128)
        img = s.image.astype(np.float64)
        for box, mask in zip(s.boxes, s.masks, strict=True):
            inside = img[mask >= 0.99].mean(axis=0)
            x1, y1, x2, y2 = (int(v) for v in box)
            ring = np.zeros(mask.shape, bool)
            ring[max(0, y1 - 4) : y2 + 4, max(0, x1 - 4) : x2 + 4] = True
            around = img[ring & (s.masks.sum(axis=0) < 0.01)]
            if len(around):
                assert np.linalg.norm(inside - around.mean(axis=0)) > 25


def test_classes_and_object_counts_are_balanced() -> None:
    labels, counts = [], []
    for index in range(300):
        s = shapes_detect_item(0, "train", index, 64)
        labels.extend(s.labels.tolist())
        counts.append(len(s.labels))
    per_class = np.bincount(labels, minlength=len(CLASSES) + 1)
    assert per_class[0] == 0, "0 is the background"
    expected = len(labels) / len(CLASSES)
    assert np.all(np.abs(per_class[1:] - expected) < 0.25 * expected), per_class
    assert set(counts) == set(range(1, DEFAULT_MAX_OBJECTS + 1))


def test_dataset_items_follow_torchvision_detection_convention() -> None:
    ds = ShapesDetectionDataset(6, "val", seed=2, image_size=80)
    assert len(ds) == 6 and ds.classes == CLASSES
    image, target = ds[4]
    assert image.shape == (3, 80, 80) and image.dtype == torch.float32
    assert float(image.min()) >= 0.0 and float(image.max()) <= 1.0
    assert target["boxes"].dtype == torch.float32 and target["boxes"].shape[1] == 4
    assert target["labels"].dtype == torch.int64
    assert int(target["labels"].min()) >= 1 and int(target["labels"].max()) <= len(CLASSES)
    sample = ds.sample(4)
    assert torch.equal(target["boxes"], torch.from_numpy(sample.boxes))
    assert torch.equal(image, torch.from_numpy(sample.image).permute(2, 0, 1).float() / 255)
    with pytest.raises(IndexError):
        ds[6]


def test_collate_keeps_images_and_targets_as_lists() -> None:
    ds = synthetic_detection_dataset(SOURCE, "train", 7, image_size=48)
    batches = list(DataLoader(ds, batch_size=3, collate_fn=collate_detection))
    assert [len(images) for images, _ in batches] == [3, 3, 1]
    images, targets = batches[0]
    assert all(img.shape == (3, 48, 48) for img in images)
    assert all(set(t) == {"boxes", "labels"} and len(t["boxes"]) == len(t["labels"]) for t in targets)
    assert torch.equal(targets[1]["boxes"], ds[1][1]["boxes"])


def test_bad_requests_are_refused_with_a_message() -> None:
    assert "shapes-detect" in DETECTION_SETS
    with pytest.raises(ValueError, match="unknown synthetic detection set"):
        synthetic_detection_dataset("synthetic:faces", "train", 3)
    with pytest.raises(ValueError, match="unknown split"):
        ShapesDetectionDataset(3, "holdout")
    with pytest.raises(ValueError, match="too small"):
        shapes_detect_item(0, "train", 0, 16)
    with pytest.raises(ValueError, match="count"):
        ShapesDetectionDataset(0)
