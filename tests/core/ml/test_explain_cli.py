"""`imgstudio summary` and `imgstudio explain` from the command line."""

from __future__ import annotations

import json

import numpy as np

from imgstudio.cli import main
from imgstudio.core.io import read_image, write_image
from imgstudio.core.ml.shapes import SHAPE_CLASSES, shapes_item

EXPLAIN_FILES = ("feature_maps.png", "filters.png", "gradcam.png", "gradcam.npy")


def last_json(out: str) -> dict:
    return json.loads(out.strip().splitlines()[-1])


def test_summary_prints_the_table_then_one_json_line(capsys):
    assert main(["summary", "--model", "article-cnn"]) == 0
    out = capsys.readouterr().out
    result = last_json(out)
    assert result["total_params"] == result["trainable_params"] == 44_401_226
    assert result["flops"] > 0
    assert result["layers"][0] == {
        "name": "conv1",
        "type": "Conv2d",
        "output_shape": [32, 222, 222],
        "params": 896,
        "flops": 2 * 27 * 32 * 222 * 222,
    }
    assert "Total params: 44,401,226" in out and out.splitlines()[0].startswith("Layer")
    assert main(["summary", "--model", "article-cnn", "--image-size", "32", "--num-classes", "3"]) == 0
    small = last_json(capsys.readouterr().out)
    assert small["input_shape"] == [3, 32, 32] and small["layers"][-1]["output_shape"] == [3]


def test_summary_errors_are_one_line_and_exit_2(tmp_path, capsys, trained_model):
    assert main(["summary", "--model", "vgg99"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: unknown model 'vgg99'") and err.count("\n") == 1
    bad = tmp_path / "bad.safetensors"
    bad.write_bytes(b"\x00" * 4)
    assert main(["summary", "--model", str(bad)]) == 2
    assert "bad.safetensors" in capsys.readouterr().err
    assert main(["summary", "--model", str(trained_model)]) == 0
    assert last_json(capsys.readouterr().out)["input_shape"] == [3, 32, 32]


def test_explain_writes_the_four_files(tmp_path, capsys, trained_model):
    shape, _ = shapes_item(5, "test", 2, 120)  # a triangle
    image_path = write_image(tmp_path / "shape.png", np.ascontiguousarray(shape[:80]))  # 80 x 120, not square
    out = tmp_path / "explained"
    args = ["explain", "--model", str(trained_model), str(image_path), "--out", str(out)]
    assert main([*args, "--class", "star"]) == 0
    result = last_json(capsys.readouterr().out)
    assert result["label"] in SHAPE_CLASSES and 0 < result["confidence"] <= 1
    assert result["class"] == "star" and result["layer"] == "relu3"
    assert sorted(result["files"]) == sorted(str(out / name) for name in EXPLAIN_FILES)
    cam = np.load(out / "gradcam.npy")
    assert cam.shape == (80, 120) and cam.dtype == np.float32 and 0 <= cam.min() <= cam.max() <= 1
    overlay, _ = read_image(out / "gradcam.png")
    assert overlay.shape == (80, 120, 3)
    filters, _ = read_image(out / "filters.png")
    maps, _ = read_image(out / "feature_maps.png")
    assert filters.ndim == maps.ndim == 3 and min(maps.shape[:2]) > 64
    assert not [p.name for p in out.iterdir() if p.name not in EXPLAIN_FILES]  # no temporary files left

    before = {name: (out / name).read_bytes() for name in EXPLAIN_FILES}
    assert main([*args, "--class", "0", "--method", "gradcam++"]) == 2  # the files exist
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "already exist" in err and "--overwrite" in err
    assert {name: (out / name).read_bytes() for name in EXPLAIN_FILES} == before
    assert main([*args, "--class", "0", "--method", "gradcam++", "--layer", "conv2", "--overwrite"]) == 0
    again = last_json(capsys.readouterr().out)
    assert again["class"] == SHAPE_CLASSES[0] and again["layer"] == "conv2" and again["method"] == "gradcam++"
    assert (out / "gradcam.npy").read_bytes() != before["gradcam.npy"]


def test_explain_errors_are_one_line_and_exit_2(tmp_path, capsys, trained_model):
    image_path = write_image(tmp_path / "img.png", shapes_item(0, "test", 0, 32)[0])
    base = ["explain", "--model", str(trained_model), str(image_path)]
    assert main([*base, "--out", str(tmp_path / "a"), "--layer", "conv9"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: unknown layer 'conv9'; valid layers: conv1, relu1, pool1, conv2")
    assert err.count("\n") == 1
    assert main([*base, "--out", str(tmp_path / "b"), "--class", "hexagon"]) == 2
    assert "unknown class 'hexagon'" in capsys.readouterr().err
    broken = tmp_path / "broken.png"
    broken.write_text("not an image")
    assert main(["explain", "--model", str(trained_model), str(broken), "--out", str(tmp_path / "c")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "broken.png" in err and "Traceback" not in err
    assert main(["explain", "--model", str(tmp_path / "none.safetensors"), str(image_path), "--out", "x"]) == 2
    assert "model file not found" in capsys.readouterr().err
    assert not any((tmp_path / d).exists() for d in ("a", "b", "c"))  # nothing written on errors
