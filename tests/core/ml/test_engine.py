"""The training engine: learning, resume, kill -9, pause/stop, NaN, early stopping, safe loading."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
import torch

from imgstudio.core.jobs import JobContext
from imgstudio.core.ml import engine
from imgstudio.core.ml.checkpoint import CheckpointError, load_model_file, load_state
from imgstudio.core.ml.config import ConfigError, TrainConfig
from imgstudio.core.ml.tasks import make_task


def test_a_short_run_learns_much_better_than_chance(tmp_path, tiny):
    result = engine.run(tiny(tmp_path / "run", epochs=8, synthetic_train=1600, lr=3e-3))
    assert result["status"] == "finished" and result["epochs_done"] == 8
    assert result["final"]["val_accuracy"] > 0.6  # 5 classes: chance is 0.2
    files = {p.name for p in (tmp_path / "run").iterdir()}
    assert {"config.json", "metrics.jsonl", "last.safetensors", "best.safetensors", "state.pt", "run.json"} <= files
    records = [json.loads(line) for line in (tmp_path / "run" / "metrics.jsonl").read_text().splitlines()]
    assert sum(r["kind"] == "epoch" for r in records) == 8 and sum(r["kind"] == "step" for r in records) == 8 * 50
    _, meta = load_model_file(tmp_path / "run" / "best.safetensors")
    assert meta["classes"] == result["classes"] and meta["image_size"] == 32 and meta["architecture"] == "small-cnn"


def test_resume_continues_exactly_like_an_uninterrupted_run(tmp_path, tiny):
    straight = engine.run(tiny(tmp_path / "a", epochs=3))
    ctx = JobContext()

    class StopAfterFirstEpoch(engine.Callback):
        def on_epoch(self, metrics):
            ctx.cancel()  # as if the run were stopped (or killed) after epoch 1

    stopped = engine.run(tiny(tmp_path / "b", epochs=3), ctx, [StopAfterFirstEpoch()])
    assert stopped["status"] == "stopped" and stopped["epochs_done"] == 1
    resumed = engine.run(engine.resume_config(tmp_path / "b"), resume=True)
    assert resumed["epochs_done"] == 3
    wa, _ = load_model_file(tmp_path / "a" / "last.safetensors")
    wb, _ = load_model_file(tmp_path / "b" / "last.safetensors")
    for key in wa:
        torch.testing.assert_close(wa[key], wb[key], rtol=0, atol=0)
    assert straight["final"]["val_loss"] == resumed["final"]["val_loss"]
    lines = (tmp_path / "b" / "metrics.jsonl").read_text().splitlines()
    assert [json.loads(x)["epoch"] for x in lines if json.loads(x)["kind"] == "epoch"] == [1, 2, 3]


def test_a_stop_inside_the_first_epoch_saves_the_weights_so_far_and_resume_finishes(tmp_path, tiny):
    ctx = JobContext()

    class StopAtStep4(engine.Callback):
        def on_step(self, metrics):
            if metrics["step"] == 4:
                ctx.cancel()

    config = tiny(tmp_path / "s", epochs=2)
    stopped = engine.run(config, ctx, [StopAtStep4()])
    assert stopped["status"] == "stopped" and stopped["epochs_done"] == 0 and stopped["steps"] == 4
    weights, meta = load_model_file(tmp_path / "s" / "last.safetensors")
    assert meta["partial_epoch_steps"] == 4 and meta["epoch"] == 0
    torch.manual_seed(config.seed)  # the engine's initial weights, rebuilt
    initial = make_task(config).model.state_dict()
    assert any(not torch.equal(weights[k], initial[k]) for k in initial)  # the 4 steps are in the file
    assert not (tmp_path / "s" / "best.safetensors").exists()  # nothing validated yet: no "best"
    assert load_state(tmp_path / "s" / "state.pt")["step"] == 4
    resumed = engine.run(engine.resume_config(tmp_path / "s"), resume=True)
    assert resumed["status"] == "finished" and resumed["epochs_done"] == 2
    assert (tmp_path / "s" / "best.safetensors").exists()


def test_kill_9_leaves_a_loadable_checkpoint_and_resume_finishes(tmp_path, quick_train_args):
    out = tmp_path / "killed"
    cmd = [sys.executable, "-m", "imgstudio", *quick_train_args(32, 50, 320, 64), "--device", "cpu", "--out", str(out)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not (out / "state.pt").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert (out / "state.pt").exists()
        time.sleep(0.3)  # kill somewhere in the middle of later epochs or writes
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    done = load_state(out / "state.pt")["epoch"]
    weights, meta = load_model_file(out / "last.safetensors")
    assert done >= 1 and weights and meta["epoch"] >= done - 1
    config = engine.resume_config(out)
    config.epochs = done + 1
    result = engine.run(config, resume=True)
    assert result["status"] == "finished" and result["epochs_done"] == done + 1


def test_pause_and_stop_from_another_thread_take_effect_within_a_second(tmp_path, tiny):
    steps: list[float] = []

    class Recorder(engine.Callback):
        def on_step(self, metrics):
            steps.append(time.monotonic())

    ctx = JobContext()
    result: dict = {}
    worker = threading.Thread(
        target=lambda: result.update(engine.run(tiny(tmp_path / "r", epochs=200), ctx, [Recorder()]))
    )
    worker.start()
    deadline = time.monotonic() + 60
    while len(steps) < 5 and time.monotonic() < deadline:
        time.sleep(0.01)
    ctx.pause()
    time.sleep(1.0)
    count = len(steps)
    time.sleep(0.6)
    assert len(steps) == count  # paused: no step for 0.6 s
    ctx.resume()
    time.sleep(0.3)
    assert len(steps) > count
    asked = time.monotonic()
    ctx.cancel()
    worker.join(5)
    assert not worker.is_alive() and time.monotonic() - asked < 1.0
    assert result["status"] == "stopped"


def test_nan_loss_is_refused_and_the_last_good_checkpoint_kept(tmp_path, monkeypatch, tiny):
    config = tiny(tmp_path / "nan", epochs=3)
    engine.run(tiny(tmp_path / "nan", epochs=1))
    good = (tmp_path / "nan" / "last.safetensors").read_bytes()
    from imgstudio.core.ml import tasks

    real_step = tasks.ClassifyTask.train_step

    def poisoned(self, model, inputs, targets):
        loss, correct = real_step(self, model, inputs, targets)
        return loss * float("nan"), correct

    monkeypatch.setattr(tasks.ClassifyTask, "train_step", poisoned)
    resume = engine.resume_config(tmp_path / "nan")
    resume.epochs = config.epochs
    with pytest.raises(engine.TrainingError, match=r"loss became nan at epoch 2.*last good checkpoint"):
        engine.run(resume, resume=True)
    assert (tmp_path / "nan" / "last.safetensors").read_bytes() == good


def test_early_stopping_after_patience(tmp_path, tiny):
    result = engine.run(tiny(tmp_path / "es", epochs=10, lr=1e-12, patience=2, scheduler="none"))
    assert result["status"] == "stopped early" and result["epochs_done"] == 3


def test_a_pickle_that_runs_code_is_refused(tmp_path):
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    path = tmp_path / "state.pt"
    torch.save({"epoch": Evil()}, path)
    with pytest.raises(CheckpointError, match="refused or corrupt"):
        load_state(path)
    assert not marker.exists()


def test_model_files_that_are_not_ours_are_refused(tmp_path):
    (tmp_path / "junk.safetensors").write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{}")
    with pytest.raises(CheckpointError, match=r"junk\.safetensors"):
        load_model_file(tmp_path / "junk.safetensors")
    with pytest.raises(CheckpointError, match="not found"):
        load_model_file(tmp_path / "none.safetensors")


def test_bad_configs_are_refused():
    with pytest.raises(ConfigError, match="optimizer"):
        TrainConfig(optimizer="rmsprop", out="x").validate()
    with pytest.raises(ConfigError, match="unknown configuration key 'epoch'"):
        TrainConfig.from_dict({"epoch": 3})
    with pytest.raises(ConfigError, match="'epochs' must be a whole number"):
        TrainConfig.from_dict({"epochs": "3"})
