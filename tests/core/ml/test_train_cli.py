"""`imgstudio train` and `imgstudio models` from the command line."""

import json
import re

from imgstudio.cli import main


def test_models_lists_every_architecture(capsys):
    assert main(["models"]) == 0
    out = capsys.readouterr().out
    for name in ("article-cnn", "small-cnn", "resnet18", "mobilenet_v3_small", "efficientnet_b0"):
        assert name in out


def test_train_then_resume_with_more_epochs(tmp_path, capsys, quick_train_args):
    run = tmp_path / "run"
    args = [*quick_train_args(32, 1, 128, 64), "--batch-size", "32", "--out", str(run)]
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


def test_runs_lists_the_history_newest_first(tmp_path, capsys, monkeypatch, quick_train_args):
    monkeypatch.setenv("IMGSTUDIO_HOME", str(tmp_path))
    base = quick_train_args(16, 1, 64, 32)
    assert main(base) == 0  # no --out: a dated folder under $IMGSTUDIO_HOME/runs
    assert main([*base, "--model", "article-cnn", "--image-size", "24"]) == 0
    capsys.readouterr()
    assert main(["runs", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["model"] for r in rows] == ["article-cnn", "small-cnn"]
    assert all(r["status"] == "finished" and r["run"].startswith(str(tmp_path / "runs")) for r in rows)
    assert all(r["task"] == "classify" and r["monitor"] == "val_accuracy" for r in rows)
    assert main(["runs"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert len(table) == 2 and all(re.search(r"classify .* best val_accuracy [01]\.\d{3} ", line) for line in table)


def test_a_configs_command_line_parses_back_to_the_same_config(tmp_path):
    from imgstudio.cli import build_parser
    from imgstudio.core.ml.config import CLI_OPTIONS, TrainConfig

    config = TrainConfig(
        model="article-cnn",
        data=str(tmp_path / "my images"),
        image_size=96,
        epochs=3,
        lr=5e-4,
        optimizer="sgd",
        pretrained=True,
        out=str(tmp_path / "run"),
    )
    args = config.command_line()
    assert args is not None and args[:2] == ["imgstudio", "train"]
    parsed = build_parser().parse_args(args[1:])
    given = {key: getattr(parsed, key) for key in CLI_OPTIONS if getattr(parsed, key) is not None}
    assert TrainConfig.from_dict(given) == config
    config.augment = {"format": "imgstudio-pipeline", "version": 1, "steps": []}
    assert config.command_line() is None  # no flag for a pipeline: the GUI offers --config instead
