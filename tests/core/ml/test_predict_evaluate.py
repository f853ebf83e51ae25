"""Predict and evaluate with a model file alone, in the core and from the command line."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest

from imgstudio.cli import main
from imgstudio.core.io import write_image
from imgstudio.core.ml.checkpoint import CheckpointError
from imgstudio.core.ml.datasets import DataError
from imgstudio.core.ml.evaluate import confusion_matrix, evaluate_folder, per_class_scores
from imgstudio.core.ml.infer import (
    Prediction,
    load_model,
    predict_paths,
    write_predictions_csv,
    write_predictions_json,
)
from imgstudio.core.ml.shapes import make_shapes_folder


@pytest.fixture(scope="module")
def shapes_folder(tmp_path_factory):
    return make_shapes_folder(tmp_path_factory.mktemp("eval"), per_class=12, image_size=48, seed=5)


def test_scores_match_a_hand_computed_example():
    true = np.array([0, 0, 0, 1, 1, 2])
    pred = np.array([0, 0, 1, 1, 2, 2])
    matrix = confusion_matrix(true, pred, 3)
    assert matrix.tolist() == [[2, 1, 0], [0, 1, 1], [0, 0, 1]]
    scores = per_class_scores(matrix, ["a", "b", "c"])
    assert scores["a"] == {"precision": 1.0, "recall": 2 / 3, "f1": 0.8, "support": 3}
    assert scores["b"]["precision"] == 0.5 and scores["b"]["recall"] == 0.5
    assert scores["c"]["precision"] == 0.5 and scores["c"]["recall"] == 1.0


def test_evaluate_folder_is_consistent_and_cells_hold_their_images(trained_model, shapes_folder):
    model = load_model(trained_model, "cpu")
    result = evaluate_folder(model, shapes_folder)
    report = result.as_dict()
    assert report["images"] == 60 and np.array(report["confusion_matrix"]).sum() == 60
    assert report["accuracy"] == pytest.approx(np.trace(result.matrix) / 60)
    assert report["accuracy"] > 0.5  # images of another size (48 px) than the training (32 px)
    for t in range(5):
        for p in range(5):
            assert len(result.cell(t, p)) == result.matrix[t, p]
    mistakes = result.mistakes()
    assert all(m[1] != m[2] for m in mistakes) and [m[3] for m in mistakes] == sorted(
        (m[3] for m in mistakes), reverse=True
    )


def test_images_of_any_mode_and_size_are_converted(trained_model, tmp_path):
    model = load_model(trained_model, "cpu")
    rgba = np.zeros((100, 70, 4), np.uint8)
    deep = np.full((20, 30, 1), 40000, np.uint16)
    paths = [write_image(tmp_path / "a.png", rgba), write_image(tmp_path / "d.png", deep)]
    (tmp_path / "bad.png").write_bytes(b"")
    results = list(predict_paths(model, [*paths, tmp_path / "bad.png"], top_k=3))
    assert [len(r.top) for r in results[:2]] == [3, 3] and results[2].error == "file is empty (0 bytes)"
    assert all(0 < sum(p for _, p in r.top) <= 1.0 + 1e-6 for r in results[:2])


def test_predict_cli_json_and_csv(trained_model, shapes_folder, tmp_path, capsys):
    out_csv = tmp_path / "preds.csv"
    code = main(
        [
            "predict",
            "--model",
            str(trained_model),
            str(shapes_folder / "star"),
            "--top-k",
            "3",
            "--csv",
            str(out_csv),
            "-r",
        ]
    )
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 0 and len(lines) == 12
    assert set(lines[0]) == {"path", "label", "confidence", "top"} and 0 <= lines[0]["confidence"] <= 1
    rows = list(csv.reader(out_csv.open()))
    assert rows[0] == ["path", "label", "confidence", "label_2", "confidence_2", "label_3", "confidence_3"]
    assert len(rows) == 13 and float(rows[1][2]) == pytest.approx(lines[0]["confidence"], abs=1e-6)


def test_predict_cli_reports_unreadable_files_with_exit_1(trained_model, tmp_path, capsys):
    (tmp_path / "x.jpg").write_text("not an image")
    assert main(["predict", "--model", str(trained_model), str(tmp_path / "x.jpg")]) == 1
    assert "x.jpg: not an image file" in capsys.readouterr().err


def test_evaluate_cli_last_line(trained_model, shapes_folder, capsys):
    assert main(["evaluate", "--model", str(trained_model), "--data", str(shapes_folder)]) == 0
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert {"accuracy", "per_class", "confusion_matrix"} <= set(report)
    assert 0 <= report["accuracy"] <= 1 and set(report["per_class"]) == {
        "circle",
        "square",
        "triangle",
        "star",
        "cross",
    }


def test_evaluate_refuses_unknown_classes_and_bad_model_files(trained_model, tmp_path, capsys):
    write_image(tmp_path / "data" / "hexagon" / "h.png", np.zeros((8, 8, 3), np.uint8))
    with pytest.raises(DataError, match=r"'hexagon'.*not a training class"):
        evaluate_folder(load_model(trained_model, "cpu"), tmp_path / "data")
    (tmp_path / "fake.safetensors").write_bytes(b"garbage")
    with pytest.raises(CheckpointError):
        load_model(tmp_path / "fake.safetensors")
    assert main(["evaluate", "--model", str(tmp_path / "fake.safetensors"), "--data", str(tmp_path)]) == 2
    assert "error:" in capsys.readouterr().err


def test_prediction_writers_csv_format_and_json_list(tmp_path):
    """The CSV is the `predict --csv` format, byte for byte; the JSON keeps unreadable files."""
    good = Prediction("a/é.png", [("star", 0.91234567), ("cross", 0.05), ("circle", 0.0376543)])
    comma = Prediction("b,c.png", [("circle", 1.0), ("star", 0.0), ("square", 0.0)])
    bad = Prediction("broken.png", [], "not an image file")
    out_csv = tmp_path / "p.csv"
    out_csv.write_text("old contents")  # a file the user chose to replace
    assert write_predictions_csv(out_csv, [good, comma], 3) == out_csv
    assert (
        out_csv.read_bytes()
        == (
            "path,label,confidence,label_2,confidence_2,label_3,confidence_3\r\n"
            "a/é.png,star,0.912346,cross,0.050000,circle,0.037654\r\n"
            '"b,c.png",circle,1.000000,star,0.000000,square,0.000000\r\n'
        ).encode()
    )
    write_predictions_csv(out_csv, [good], 1)
    assert out_csv.read_text(encoding="utf-8").splitlines()[0] == "path,label,confidence"

    out_json = tmp_path / "p.json"
    write_predictions_json(out_json, iter([good, bad]))
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert data == [good.as_dict(), {"path": "broken.png", "error": "not an image file"}]
    assert data[0]["top"][1] == {"label": "cross", "confidence": 0.05}
    assert sorted(f.name for f in tmp_path.iterdir()) == ["p.csv", "p.json"]  # no temporary files left
