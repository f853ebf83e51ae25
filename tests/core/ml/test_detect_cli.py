"""`imgstudio detect` and `imgstudio annotations convert` from the command line."""

from __future__ import annotations

import json

import numpy as np
import pytest
from test_detection_classical import draw_face, draw_person

from imgstudio.cli import main
from imgstudio.core.io import write_image
from imgstudio.core.ml.detection.boxes import AnnotationSet, Box, ImageAnnotation
from imgstudio.core.ml.detection.formats import write_annotations

BOX_KEYS = ["x", "y", "width", "height", "label", "score"]


def json_lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.strip().splitlines()]


@pytest.fixture
def photos(tmp_path):
    folder = tmp_path / "photos"
    write_image(folder / "face.png", draw_face())
    write_image(folder / "person.png", draw_person())
    write_image(folder / "blank.png", np.full((200, 300, 3), 120, np.uint8))
    return folder


def test_detect_prints_one_json_object_per_image(photos, capsys):
    assert main(["detect", "--detector", "haar-face", "--json", str(photos)]) == 0
    results = json_lines(capsys.readouterr().out)
    assert [r["path"] for r in results] == [str(photos / n) for n in ("blank.png", "face.png", "person.png")]
    assert all(list(r) == ["path", "boxes"] for r in results)
    assert [len(r["boxes"]) for r in results] == [0, 1, 0]
    face = results[1]["boxes"][0]
    assert list(face) == BOX_KEYS and face["label"] == "face" and face["score"] > 0
    assert 100 < face["x"] + face["width"] / 2 < 200  # pixels of the original 300 x 300 image


def test_detect_score_threshold_and_readable_output(photos, capsys):
    person = str(photos / "person.png")
    assert main(["detect", "--detector", "hog-people", person, str(photos / "face.png"), "--json"]) == 0
    found = json_lines(capsys.readouterr().out)
    assert [len(r["boxes"]) for r in found] == [1, 0]
    score = found[0]["boxes"][0]["score"]
    assert main(["detect", "--detector", "hog-people", person, "--json", "--score", str(score + 0.01)]) == 0
    assert json_lines(capsys.readouterr().out)[0]["boxes"] == []
    assert main(["detect", "--detector", "hog-people", person]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{person}: 1 box" and lines[1].startswith(f"  person {score:.3f} at x=")


def test_detect_errors(photos, tmp_path, capsys):
    assert main(["detect", "--detector", "haar-nose", str(photos)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: unknown detector 'haar-nose'; available: haar-face,") and err.count("\n") == 1
    assert "hog-people" in err
    model = tmp_path / "detector.safetensors"
    model.write_bytes(b"\x00" * 16)
    assert main(["detect", "--detector", str(model), str(photos)]) == 2
    assert f"{model}: not a safetensors model file" in capsys.readouterr().err
    assert main(["detect", "--detector", str(tmp_path / "gone.safetensors"), str(photos)]) == 2
    assert "gone.safetensors: model file not found" in capsys.readouterr().err
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff garbage")
    assert main(["detect", "--detector", "haar-face", "--json", str(broken), str(photos / "face.png")]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith(f"error: {broken}: ")
    assert [r["path"] for r in json_lines(captured.out)] == [str(photos / "face.png")]  # the rest still ran


@pytest.fixture
def coco_file(tmp_path):
    images = [
        ImageAnnotation("a.png", 64, 48, [Box(1, 2, 30, 20, "cat"), Box(60, 40, 10, 10, "dog")]),
        ImageAnnotation("b.png", 32, 32, [Box(0, 0, 32, 32, "dog")]),
    ]
    (path,) = write_annotations(AnnotationSet(images, ["cat", "dog"]), "coco", tmp_path / "train.json")
    return path


def test_convert_reports_problems_and_ends_with_json(coco_file, tmp_path, capsys):
    out = tmp_path / "voc"
    assert main(["annotations", "convert", str(coco_file), "--to", "voc", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    summary = json.loads(captured.out.strip().splitlines()[-1])
    assert summary == {
        "from": "coco",
        "to": "voc",
        "images": 2,
        "boxes": 3,
        "classes": ["cat", "dog"],
        "files_written": 2,
        "problems": 1,
        "out": str(out),
    }
    assert captured.err.startswith("problem: a.png: box 2 'dog' (x=60, y=40, width=10, height=10) lies (partly)")
    assert sorted(p.name for p in out.iterdir()) == ["a.xml", "b.xml"]


def test_convert_never_overwrites_without_the_flag(coco_file, tmp_path, capsys):
    out = tmp_path / "yolo"
    args = ["annotations", "convert", str(coco_file), "--to", "yolo", "--out", str(out)]
    assert main(args) == 0
    (out / "a.txt").write_text("mine\n")
    capsys.readouterr()
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "already exist" in err and "--overwrite" in err
    assert (out / "a.txt").read_text() == "mine\n"
    assert main([*args, "--overwrite"]) == 0
    assert (out / "a.txt").read_text() != "mine\n"


def test_convert_errors_name_file_and_line(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"images": [\n  {"id": 1,}\n]}')
    assert main(["annotations", "convert", str(bad), "--to", "yolo", "--out", str(tmp_path / "y")]) == 2
    assert capsys.readouterr().err.startswith(f"error: {bad}, line 2: not valid JSON")
    assert main(["annotations", "convert", str(tmp_path / "nothing"), "--to", "voc", "--out", str(tmp_path / "v")]) == 2
    assert "nothing: not found" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["annotations", "convert", str(bad), "--to", "labelme", "--out", "x"])
    assert usage.value.code == 2
    assert not (tmp_path / "y").exists() and not (tmp_path / "v").exists()
