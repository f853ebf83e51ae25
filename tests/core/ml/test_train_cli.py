"""`imgstudio train` and `imgstudio models` from the command line."""

import json

from imgstudio.cli import main


def test_models_lists_every_architecture(capsys):
    assert main(["models"]) == 0
    out = capsys.readouterr().out
    for name in ("article-cnn", "small-cnn", "resnet18", "mobilenet_v3_small", "efficientnet_b0"):
        assert name in out


def test_train_then_resume_with_more_epochs(tmp_path, capsys):
    run = tmp_path / "run"
    args = [
        "train",
        "--data",
        "synthetic:shapes",
        "--model",
        "small-cnn",
        "--image-size",
        "32",
        "--epochs",
        "1",
        "--synthetic-train",
        "128",
        "--synthetic-val",
        "64",
        "--batch-size",
        "32",
        "--out",
        str(run),
    ]
    assert main(args) == 0
    captured = capsys.readouterr()
    first = json.loads(captured.out.strip().splitlines()[-1])
    assert first["status"] == "finished" and first["epochs_done"] == 1
    assert "epoch 1:" in captured.err and "val_acc" in captured.err
    assert main(["train", "--resume", str(run), "--epochs", "2"]) == 0
    second = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert second["epochs_done"] == 2 and json.loads((run / "config.json").read_text())["epochs"] == 2


def test_train_errors_are_one_line_and_exit_2(tmp_path, capsys):
    assert main(["train", "--data", str(tmp_path / "missing"), "--out", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "missing" in err and "Traceback" not in err
    assert main(["train", "--data", "synthetic:shapes", "--model", "vgg99", "--out", str(tmp_path / "r2")]) == 2
    assert "unknown model 'vgg99'" in capsys.readouterr().err
    assert main(["train", "--resume", str(tmp_path / "nothing")]) == 2
    assert "no complete checkpoint" in capsys.readouterr().err
