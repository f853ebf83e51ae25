"""Training detectors with the engine (task "detect"), using them, and the CLI around them."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch

from imgstudio.cli import main
from imgstudio.core.io import write_image
from imgstudio.core.jobs import JobContext
from imgstudio.core.ml import engine
from imgstudio.core.ml.checkpoint import CheckpointError, load_model_file, save_model
from imgstudio.core.ml.config import TrainConfig
from imgstudio.core.ml.detection.boxes import AnnotationSet, Box, ImageAnnotation
from imgstudio.core.ml.detection.formats import write_annotations
from imgstudio.core.ml.detection.infer import evaluate_detector, load_detector, predict_boxes
from imgstudio.core.ml.detection.synthetic import CLASSES, shapes_detect_item
from imgstudio.core.ml.detection.task import flip_batch
from imgstudio.core.ml.infer import load_model

BOX_KEYS = ["x", "y", "width", "height", "label", "score"]


def detect_config(out: Path, **overrides: object) -> TrainConfig:
    """A seconds-long tiny-det run on synthetic:shapes-detect at 64 px on the CPU."""
    values: dict[str, object] = dict(
        image_size=64, epochs=3, batch_size=8, synthetic_train=96, synthetic_val=16, out=str(out), device="cpu"
    )
    values.update(overrides)
    return TrainConfig.for_task("detect", **values)


@pytest.fixture(scope="module")
def synthetic_run(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("detect_run")
    return out, engine.run(detect_config(out))


@pytest.fixture(scope="module")
def coco_set(tmp_path_factory) -> Path:
    """12 synthetic images at 96 px with their boxes as a COCO file beside them."""
    root = tmp_path_factory.mktemp("coco")
    images = []
    for i in range(12):
        s = shapes_detect_item(5, "train", i, size=96)
        write_image(root / "images" / f"img{i:02d}.png", s.image)
        boxes = [Box.from_corners(*map(float, b), CLASSES[k - 1]) for b, k in zip(s.boxes, s.labels, strict=True)]
        images.append(ImageAnnotation(f"images/img{i:02d}.png", 96, 96, boxes))
    write_annotations(AnnotationSet(images, list(CLASSES)), "coco", root / "annotations.json")
    return root / "annotations.json"


def test_config_defaults_for_detect():
    config = TrainConfig.for_task("detect", out="x")
    assert (config.model, config.image_size, config.batch_size, config.lr) == ("tiny-det", 128, 16, 2e-3)
    assert config.data == "synthetic:shapes-detect" and config.monitor == "val_map50"
    config.validate()


def test_flip_mirrors_boxes_with_the_image():
    image = torch.zeros(3, 4, 10)
    image[:, :, 1] = 1.0
    target = {"boxes": torch.tensor([[1.0, 0.0, 3.0, 2.0]]), "labels": torch.tensor([1])}
    torch.manual_seed(0)
    flips = torch.rand(64) < 0.5
    torch.manual_seed(0)
    images, targets = flip_batch([image] * 64, [target] * 64)
    for flipped, img, tgt in zip(flips.tolist(), images, targets, strict=True):
        if flipped:
            assert img[0, 0, 8] == 1.0 and tgt["boxes"].tolist() == [[7.0, 0.0, 9.0, 2.0]]
        else:
            assert img is image and tgt["boxes"].tolist() == [[1.0, 0.0, 3.0, 2.0]]
    assert 0 < sum(flips.tolist()) < 64


def test_synthetic_run_writes_files_and_metrics(synthetic_run):
    out, summary = synthetic_run
    assert summary["status"] == "finished" and summary["task"] == "detect" and summary["epochs_done"] == 3
    assert summary["classes"] == list(CLASSES) and summary["monitor"] == "val_map50"
    for name in ("config.json", "metrics.jsonl", "best.safetensors", "last.safetensors", "state.pt", "run.json"):
        assert (out / name).is_file(), name
    records = [json.loads(line) for line in (out / "metrics.jsonl").read_text().splitlines()]
    epochs = [r for r in records if r["kind"] == "epoch"]
    assert len(epochs) == 3 and len([r for r in records if r["kind"] == "step"]) == 36
    for record in epochs:
        assert {"train_loss", "val_map50", "val_map50_95", "lr"} <= set(record)
        assert 0.0 <= record["val_map50_95"] <= record["val_map50"] <= 1.0
    _, meta = load_model_file(out / "best.safetensors")
    assert meta["task"] == "detect" and meta["architecture"] == "tiny-det"
    assert meta["classes"] == list(CLASSES) and meta["image_size"] == 64 and meta["channels"] == 3


def test_stop_and_resume(tmp_path):
    config = detect_config(tmp_path, epochs=2, synthetic_train=32)

    class StopAtStep(engine.Callback):
        def __init__(self, ctx: JobContext) -> None:
            self.ctx = ctx

        def on_step(self, metrics: dict) -> None:
            if metrics["step"] == 3:
                self.ctx.cancel()

    ctx = JobContext()
    stopped = engine.run(config, ctx, [StopAtStep(ctx)])
    assert stopped["status"] == "stopped" and stopped["steps"] == 3 and stopped["epochs_done"] == 0
    assert load_model_file(tmp_path / "last.safetensors")[1]["partial_epoch_steps"] == 3
    resumed = engine.run(engine.resume_config(tmp_path), resume=True)
    assert resumed["status"] == "finished" and resumed["epochs_done"] == 2
    assert resumed["steps"] == 3 + 8  # the interrupted epoch runs again, from the saved weights


def test_model_file_predicts_in_original_pixels(synthetic_run):
    out, _ = synthetic_run
    detector = load_detector(out / "best.safetensors", "cpu")
    assert detector.classes == list(CLASSES) and detector.image_size == 64
    detector.module.score_thresh = 0.01  # a few dozen steps: keep the weak peaks too
    image = shapes_detect_item(0, "test", 0, size=64).image
    small = predict_boxes(detector, image)
    large = predict_boxes(detector, np.repeat(np.repeat(image, 3, axis=0), 3, axis=1))  # 192 x 192
    assert small and large
    assert all(b.label in CLASSES and 0 <= b.score <= 1 for b in small)
    assert all(b.x >= -1e-3 and b.x2 <= 192 + 1e-3 and b.y >= -1e-3 and b.y2 <= 192 + 1e-3 for b in large)
    best_small, best_large = small[0], large[0]
    corners = np.array([best_large.x, best_large.y, best_large.x2, best_large.y2]) / 3
    assert np.allclose(corners, [best_small.x, best_small.y, best_small.x2, best_small.y2], atol=2.0)
    grey = predict_boxes(detector, np.zeros((50, 90), np.float32))  # any channel count and dtype
    assert all(b.x2 <= 90 + 1e-3 and b.y2 <= 50 + 1e-3 for b in grey)


def test_wrong_model_kinds_are_refused(synthetic_run, tmp_path):
    out, _ = synthetic_run
    with pytest.raises(CheckpointError, match=r"a detect model, not a classifier \(use `imgstudio detect --detector"):
        load_model(out / "best.safetensors", "cpu")
    classifier = tmp_path / "classifier.safetensors"
    save_model(classifier, torch.nn.Linear(2, 2), {"task": "classify", "classes": ["a", "b"]})
    with pytest.raises(CheckpointError, match=r"a classify model, not a detector \(use `imgstudio predict --model"):
        load_detector(classifier, "cpu")


def test_evaluate_synthetic_held_out(synthetic_run):
    out, _ = synthetic_run
    evaluation = evaluate_detector(
        load_detector(out / "best.safetensors", "cpu"), "synthetic:shapes-detect", synthetic_count=16
    )
    assert evaluation.images == 16 and evaluation.classes[: len(CLASSES)] == list(CLASSES)
    assert 0.0 <= evaluation.map50 <= 1.0


def test_cli_train_detect_evaluate_on_coco(coco_set, tmp_path, capsys):
    run = tmp_path / "run"
    args = ["train", "--task", "detect", "--data", str(coco_set), "--model", "tiny-det", "--out", str(run)]
    args += ["--image-size", "64", "--epochs", "2", "--batch-size", "4", "--val-fraction", "0.25", "--device", "cpu"]
    assert main(args) == 0
    captured = capsys.readouterr()
    summary = json.loads(captured.out.strip().splitlines()[-1])
    assert summary["status"] == "finished" and summary["task"] == "detect" and summary["classes"] == list(CLASSES)
    assert "val_map50" in captured.err  # the epoch lines
    model = run / "best.safetensors"

    evaluation = evaluate_detector(load_detector(model, "cpu"), coco_set)
    assert evaluation.images == 12 and 0.0 <= evaluation.map50 <= 1.0

    assert main(["evaluate", "--model", str(model), "--data", str(coco_set), "--device", "cpu"]) == 0
    captured = capsys.readouterr()
    report = json.loads(captured.out.strip().splitlines()[-1])
    assert {"map50", "map50_95", "per_class"} <= set(report)
    assert report["map50"] == pytest.approx(evaluation.map50)
    assert set(report["per_class"]) >= set(CLASSES) and "ap50" in report["per_class"]["circle"]
    assert "AP@0.5" in captured.err and "mAP@0.5" in captured.err

    image = coco_set.parent / "images" / "img00.png"
    assert main(["detect", "--detector", str(model), "--json", str(image), "--device", "cpu"]) == 0
    result = json.loads(capsys.readouterr().out.strip())
    assert list(result) == ["path", "boxes"] and result["path"] == str(image)
    assert all(list(b) == BOX_KEYS and b["label"] in CLASSES and b["x"] + b["width"] <= 96.001 for b in result["boxes"])

    assert main(["predict", "--model", str(model), str(image)]) == 2
    assert "use `imgstudio detect --detector" in capsys.readouterr().err


def test_annotation_data_errors(tmp_path, capsys):
    coco = tmp_path / "ann.json"
    write_annotations(AnnotationSet([ImageAnnotation("missing.png", 64, 64, [])], ["a"]), "coco", coco)
    args = ["train", "--task", "detect", "--data", str(coco), "--out", str(tmp_path / "run"), "--device", "cpu"]
    assert main(args) == 2
    assert "image 'missing.png' not found" in capsys.readouterr().err
    assert main([*args[:-4], "--model", "small-cnn", "--out", str(tmp_path / "r2")]) == 2
    assert "'small-cnn' is not a detector" in capsys.readouterr().err
