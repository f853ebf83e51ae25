"""`imgstudio train --task generate` and `imgstudio generate`: JSON last line, files, no overwrite, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from imgstudio.cli import main
from imgstudio.core.io import read_image
from imgstudio.core.ml.checkpoint import save_model
from imgstudio.core.ml.models import ModelConfig, build_model


def last_json(out: str) -> dict:
    return json.loads(out.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def generator_file(tmp_path_factory) -> str:
    """best.safetensors of a one-epoch DCGAN run at 16 px trained through the CLI."""
    run = tmp_path_factory.mktemp("cli") / "run"
    args = ["train", "--task", "generate", "--model", "dcgan", "--data", "synthetic:shapes", "--image-size", "16"]
    args += ["--epochs", "1", "--batch-size", "16", "--synthetic-train", "32", "--synthetic-val", "16"]
    args += ["--device", "cpu", "--out", str(run)]
    assert main(args) == 0
    return str(run / "best.safetensors")


def test_train_generate_prints_epochs_and_ends_with_one_json_object(generator_file, capsys):
    run_json = json.loads((Path(generator_file).parent / "run.json").read_text())
    assert run_json["task"] == "generate" and run_json["status"] == "finished" and run_json["model"] == "dcgan"
    assert main(["train", "--resume", str(Path(generator_file).parent), "--epochs", "2"]) == 0
    captured = capsys.readouterr()
    result = last_json(captured.out)
    assert result["epochs_done"] == 2 and result["monitor"] == "val_fd"
    assert "epoch 2: train_d_loss" in captured.err and "val_fd" in captured.err


def test_generate_to_a_folder_writes_each_sample_and_a_grid(generator_file, tmp_path, capsys):
    out = tmp_path / "samples"
    args = ["generate", "--model", generator_file, "--n", "5", "--seed", "3", "--out"]
    assert main([*args, str(out)]) == 0
    result = last_json(capsys.readouterr().out)
    expected = [out / "grid.png", *(out / f"sample_{i:04d}.png" for i in range(5))]
    assert result["files"] == [str(p) for p in expected] and result["n"] == 5 and result["seed"] == 3
    assert all(p.is_file() for p in expected) and read_image(out / "sample_0004.png")[0].shape == (16, 16, 3)
    assert main([*args, str(tmp_path / "g.png")]) == 0
    grid = last_json(capsys.readouterr().out)
    assert grid["files"] == [str(tmp_path / "g.png")]
    assert np.array_equal(read_image(tmp_path / "g.png")[0], read_image(out / "grid.png")[0])  # same seed, same images


def test_generate_never_overwrites_without_the_flag(generator_file, tmp_path, capsys):
    target = tmp_path / "grid.png"
    args = ["generate", "--model", generator_file, "--n", "2", "--out", str(target)]
    assert main(args) == 0
    before = target.read_bytes()
    capsys.readouterr()
    assert main([*args, "--seed", "9"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "already exists" in err and "--overwrite" in err
    assert target.read_bytes() == before
    assert main([*args, "--seed", "9", "--overwrite"]) == 0 and target.read_bytes() != before


def test_interpolation_frames_start_and_end_at_the_two_samples(generator_file, tmp_path, capsys):
    samples, walk = tmp_path / "samples", tmp_path / "walk"
    assert main(["generate", "--model", generator_file, "--n", "4", "--seed", "1", "--out", str(samples)]) == 0
    args = ["generate", "--model", generator_file, "--seed", "1", "--out", str(walk), "--interpolate", "0,3"]
    assert main([*args, "--steps", "5", "--mode", "slerp"]) == 0
    result = last_json(capsys.readouterr().out)
    assert result["interpolate"] == [0, 3] and result["steps"] == 5 and result["mode"] == "slerp"
    assert result["files"][0] == str(walk / "strip.png") and result["files"][-1] == str(walk / "interpolation.gif")
    frames = [read_image(walk / f"frame_{i:04d}.png")[0] for i in range(5)]
    assert np.array_equal(frames[0], read_image(samples / "sample_0000.png")[0])
    assert np.array_equal(frames[-1], read_image(samples / "sample_0003.png")[0])
    with Image.open(walk / "interpolation.gif") as gif:
        assert gif.n_frames == 8  # there and back


def test_bad_input_is_one_line_and_exit_2(generator_file, tmp_path, capsys):
    def fails(args: list[str], text: str) -> None:
        assert main(args) == 2
        err = capsys.readouterr().err
        assert err.startswith("error: ") and text in err and "Traceback" not in err and err.count("\n") == 1

    out = ["--out", str(tmp_path / "x")]
    fails(["generate", "--model", str(tmp_path / "none.safetensors"), *out], "model file not found")
    classifier, _ = build_model(ModelConfig("small-cnn", 3, 3, 16))
    save_model(tmp_path / "cls.safetensors", classifier, {"task": "classify", "classes": ["a", "b", "c"]})
    fails(["generate", "--model", str(tmp_path / "cls.safetensors"), *out], "not a generator")
    fails(["generate", "--model", generator_file, "--interpolate", "0-3", *out], "two sample indices")
    fails(["generate", "--model", generator_file, "--out", str(tmp_path / "x.jpg")], "a folder or a .png file")
    fails(["generate", "--model", generator_file, "--class", "circle", *out], "class-conditional")
    fails(["generate", "--model", generator_file, "--n", "0", *out], "--n must be at least 1")
    fails(["train", "--task", "paint", "--out", str(tmp_path / "r")], "task must be one of classify, generate")
    assert not (tmp_path / "x").exists()


def test_models_lists_the_generative_models(capsys):
    assert main(["models"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("dcgan ") for line in lines) and any(line.startswith("vae ") for line in lines)
