"""Trainable detectors: registry, torchvision's train/eval convention, cached weights, and tiny-det learning."""

from __future__ import annotations

import pytest
import torch
import torchvision
from torchvision.ops import box_iou

from imgstudio.core.ml.detection.models import (
    DEFAULT_DETECTOR,
    DETECTORS,
    build_detector,
    list_detectors,
)
from imgstudio.core.ml.detection.synthetic import ShapesDetectionDataset, collate_detection
from imgstudio.core.ml.models import ModelConfig, cached_weights_path, model_config

NUM_CLASSES = 3


@pytest.fixture(autouse=True)
def _empty_hub_cache(tmp_path, monkeypatch):
    """Point the torch hub cache at an empty folder: nothing cached, as on a fresh offline machine."""
    monkeypatch.setattr(torch.hub, "get_dir", lambda: str(tmp_path / "hub"))


@pytest.fixture(autouse=True)
def _one_thread():
    """Small models run best on one thread, and do not stall when the machine's other cores are busy."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def _batch() -> tuple[list[torch.Tensor], list[dict[str, torch.Tensor]]]:
    """Two images of different sizes with one and two boxes (labels within NUM_CLASSES)."""
    images = [torch.rand(3, 64, 64), torch.rand(3, 48, 80)]
    targets = [
        {"boxes": torch.tensor([[8.0, 10.0, 40.0, 36.0]]), "labels": torch.tensor([1])},
        {"boxes": torch.tensor([[2.0, 4.0, 30.0, 40.0], [44.0, 6.0, 78.0, 30.0]]), "labels": torch.tensor([3, 2])},
    ]
    return images, targets


def test_registry_lists_the_default_first_with_descriptions() -> None:
    names = [name for name, _ in list_detectors()]
    assert names[0] == DEFAULT_DETECTOR == "tiny-det"
    assert {"fasterrcnn_mobilenet_v3_large_320_fpn", "ssdlite320_mobilenet_v3_large"} <= set(names)
    assert all(description and "\n" not in description for _, description in list_detectors())


@pytest.mark.parametrize("name", list(DETECTORS))
def test_every_detector_trains_and_predicts_in_torchvision_convention(name: str) -> None:
    torch.manual_seed(0)
    model, note = build_detector(name, NUM_CLASSES, 64)
    assert note == ""
    assert model_config(model) == ModelConfig(name, NUM_CLASSES, 3, 64, False)
    images, targets = _batch()
    model.train()
    losses = model(images, targets)
    assert isinstance(losses, dict) and losses
    assert all(torch.isfinite(v) and v.dim() == 0 for v in losses.values())
    model.eval()
    with torch.no_grad():
        predictions = model(images)
    assert len(predictions) == len(images)
    for image, pred in zip(images, predictions, strict=True):
        boxes, labels, scores = pred["boxes"], pred["labels"], pred["scores"]
        assert boxes.dtype == torch.float32 and boxes.shape == (len(labels), 4) and len(scores) == len(labels)
        assert labels.dtype == torch.int64
        if len(labels):
            assert int(labels.min()) >= 1 and int(labels.max()) <= NUM_CLASSES
            assert float(scores.min()) >= 0 and float(scores.max()) <= 1
            height, width = image.shape[-2:]
            assert float(boxes[:, 0::2].min()) >= 0 and float(boxes[:, 0::2].max()) <= width + 1e-3
            assert float(boxes[:, 1::2].min()) >= 0 and float(boxes[:, 1::2].max()) <= height + 1e-3
            assert bool((boxes[:, 2:] >= boxes[:, :2]).all())


def test_bad_builds_and_bad_targets_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown detector"):
        build_detector("yolo-v99", 3, 128)
    with pytest.raises(ValueError, match="num_classes"):
        build_detector("tiny-det", 0, 128)
    with pytest.raises(ValueError, match="image_size"):
        build_detector("tiny-det", 3, 8)
    model, _ = build_detector("tiny-det", NUM_CLASSES, 64)
    images, targets = _batch()
    with pytest.raises(ValueError, match="target"):
        model(images)
    targets[0]["labels"] = torch.tensor([0])
    with pytest.raises(ValueError, match="labels"):
        model(images, targets)


def test_tiny_det_takes_images_without_objects() -> None:
    model, _ = build_detector("tiny-det", NUM_CLASSES, 64)
    empty = {"boxes": torch.zeros((0, 4)), "labels": torch.zeros((0,), dtype=torch.int64)}
    losses = model([torch.rand(3, 64, 64)], [empty])
    assert losses["loss_heatmap"] > 0 and losses["loss_box"] == 0
    sum(losses.values()).backward()


def test_pretrained_without_cached_weights_says_so_and_builds_random() -> None:
    for name in DETECTORS:
        model, note = build_detector(name, NUM_CLASSES, 64, pretrained=True)
        assert name in note and "random initialisation" in note
        assert model_config(model).pretrained


def test_cached_coco_weights_are_loaded_and_the_head_replaced() -> None:
    name = "ssdlite320_mobilenet_v3_large"
    coco = torchvision.models.get_model_weights(name).DEFAULT
    torch.manual_seed(1)
    reference = torchvision.models.get_model(name, weights=None, weights_backbone=None, num_classes=91)
    path = cached_weights_path(coco)
    path.parent.mkdir(parents=True)
    torch.save(reference.state_dict(), path)
    model, note = build_detector(name, NUM_CLASSES, 64, pretrained=True)
    assert note == ""
    backbone = dict(model.backbone.named_parameters())
    for key, value in reference.backbone.named_parameters():
        assert torch.equal(backbone[key], value)
    model.eval()
    with torch.no_grad():
        prediction = model([torch.rand(3, 64, 64)])[0]
    assert int(prediction["labels"].max()) <= NUM_CLASSES


def test_cached_backbone_weights_alone_are_used_and_reported() -> None:
    backbone = torchvision.models.MobileNet_V3_Large_Weights.IMAGENET1K_V1
    path = cached_weights_path(backbone)
    path.parent.mkdir(parents=True)
    torch.save(torchvision.models.mobilenet_v3_large(weights=None).state_dict(), path)
    _, note = build_detector("fasterrcnn_mobilenet_v3_large_320_fpn", NUM_CLASSES, 64, pretrained=True)
    assert "ImageNet backbone weights only" in note


def _matches(pred: dict[str, torch.Tensor], target: dict[str, torch.Tensor], scale: float = 1.0) -> bool:
    """Every target box has a same-label prediction (score > 0.3) at IoU >= 0.5."""
    keep = pred["scores"] > 0.3
    boxes, labels = pred["boxes"][keep] / scale, pred["labels"][keep]
    ious = box_iou(target["boxes"], boxes) if len(boxes) else torch.zeros(len(target["boxes"]), 0)
    same = target["labels"][:, None] == labels[None, :]
    return bool(((ious >= 0.5) & same).any(dim=1).all())


def test_tiny_det_overfits_a_handful_of_images() -> None:
    torch.manual_seed(0)
    images, targets = collate_detection([ShapesDetectionDataset(4, "val", image_size=64)[i] for i in range(4)])
    model, _ = build_detector("tiny-det", 5, 64)
    optimiser = torch.optim.Adam(model.parameters(), lr=3e-3)
    model.train()
    history = []
    for _ in range(60):
        loss = sum(model(images, targets).values())
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        history.append(float(loss.detach()))
    assert sum(history[-5:]) / 5 < 0.3 * sum(history[:5]) / 5
    model.eval()
    with torch.no_grad():
        predictions = model(images)
        doubled = model([torch.nn.functional.interpolate(img[None], scale_factor=2.0)[0] for img in images])
    for pred, big, target in zip(predictions, doubled, targets, strict=True):
        assert _matches(pred, target)
        assert _matches(big, target, scale=2.0), "boxes come back in pixels of the input image"
