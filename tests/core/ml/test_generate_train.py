"""Training generators with the engine: files, samples, resume after a stop or a kill, NaN, warnings, sampling."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
import torch
from PIL import Image

from imgstudio.core.io import read_image
from imgstudio.core.jobs import JobContext
from imgstudio.core.ml import engine
from imgstudio.core.ml.checkpoint import CheckpointError, load_model_file, load_state, save_model
from imgstudio.core.ml.config import ConfigError, TrainConfig
from imgstudio.core.ml.generative import dcgan
from imgstudio.core.ml.generative import task as generate_task
from imgstudio.core.ml.generative.media import samples_gif, training_samples
from imgstudio.core.ml.generative.sampling import load_generator
from imgstudio.core.ml.models import ModelConfig, build_model


def gen_config(out, **overrides) -> TrainConfig:
    """A seconds-long generator run on synthetic shapes at 16 px: 4 steps of 16 images per epoch, on the CPU."""
    values = dict(
        model="dcgan",
        data="synthetic:shapes",
        image_size=16,
        epochs=2,
        batch_size=16,
        synthetic_train=64,
        synthetic_val=32,
        sample_every=3,
        device="cpu",
        out=str(out),
    )
    values.update(overrides)
    return TrainConfig.for_task("generate", **values)


class Recorder(engine.Callback):
    def __init__(self) -> None:
        self.info: dict = {}
        self.epochs: list[dict] = []
        self.samples: list[tuple[int, str, tuple]] = []

    def on_start(self, info):
        self.info = info

    def on_epoch(self, metrics):
        self.epochs.append(metrics)

    def on_samples(self, step, path, image):
        self.samples.append((step, path, image.shape))


@pytest.fixture(scope="module")
def gan_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("gan")
    recorder = Recorder()
    result = engine.run(gen_config(out), callbacks=[recorder])
    return out, result, recorder


def test_a_gan_run_writes_models_state_metrics_and_fixed_noise_samples(gan_run):
    out, result, recorder = gan_run
    assert result["status"] == "finished" and result["task"] == "generate" and result["monitor"] == "val_fd"
    assert {"config.json", "metrics.jsonl", "last.safetensors", "best.safetensors", "state.pt", "run.json"} <= {
        p.name for p in out.iterdir()
    }
    assert recorder.info["step_metrics"] == ["d_loss", "g_loss", "d_real", "d_fake"]
    epoch = recorder.epochs[-1]
    for key in ("train_d_loss", "train_g_loss", "val_d_loss", "val_loss", "val_fd", "images_per_s", "lr"):
        assert np.isfinite(epoch[key]), key
    assert epoch["lr"] == pytest.approx(2e-4)  # the recipe's constant rate
    state = load_state(out / "state.pt")
    assert set(state["optimizers"]) == {"generator", "discriminator"}
    assert state["optimizers"]["generator"]["param_groups"][0]["betas"] == (0.5, 0.999)
    _, meta = load_model_file(out / "last.safetensors")
    assert meta["task"] == "generate" and meta["generative_config"]["latent_size"] == 100
    steps = [s for s, _, _ in recorder.samples]
    assert steps == [0, 3, 6, 8]  # before training, every 3 steps, and the end
    assert [p.name for p in training_samples(out)] == [f"step_{s:06d}.png" for s in steps]
    assert recorder.samples[0][2] == (8 * 17 + 1, 8 * 17 + 1, 3) == read_image(recorder.samples[0][1])[0].shape
    gif = samples_gif(out)
    with Image.open(gif) as im:
        assert im.n_frames == 4
    assert result["samples"] == str(out / "samples")


def test_a_stopped_gan_run_resumes_exactly_like_an_uninterrupted_one(tmp_path, gan_run):
    straight_dir, straight, _ = gan_run
    ctx = JobContext()

    class StopAfterFirstEpoch(engine.Callback):
        def on_epoch(self, metrics):
            ctx.cancel()

    stopped = engine.run(gen_config(tmp_path / "b"), ctx, [StopAfterFirstEpoch()])
    assert stopped["status"] == "stopped" and stopped["epochs_done"] == 1
    resumed = engine.run(engine.resume_config(tmp_path / "b"), resume=True)
    assert resumed["epochs_done"] == 2 and resumed["final"]["val_fd"] == straight["final"]["val_fd"]
    wa, _ = load_model_file(straight_dir / "last.safetensors")
    wb, _ = load_model_file(tmp_path / "b" / "last.safetensors")
    assert wa.keys() == wb.keys() and all(torch.equal(wa[k], wb[k]) for k in wa)


def test_kill_9_of_a_gan_run_leaves_a_checkpoint_that_resumes(tmp_path):
    out = tmp_path / "killed"
    cmd = [sys.executable, "-m", "imgstudio", "train", "--task", "generate", "--model", "dcgan"]
    cmd += ["--data", "synthetic:shapes", "--image-size", "16", "--epochs", "50", "--batch-size", "16"]
    cmd += ["--synthetic-train", "32", "--synthetic-val", "16", "--device", "cpu", "--out", str(out)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not (out / "state.pt").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert (out / "state.pt").exists()
        time.sleep(0.3)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    done = load_state(out / "state.pt")["epoch"]
    config = engine.resume_config(out)
    config.epochs = done + 1
    result = engine.run(config, resume=True)
    assert result["status"] == "finished" and result["epochs_done"] == done + 1


def test_nan_in_a_gan_is_refused_and_the_last_good_checkpoint_kept(tmp_path, monkeypatch, gan_run):
    shutil.copytree(gan_run[0], tmp_path / "nan")
    good = (tmp_path / "nan" / "last.safetensors").read_bytes()
    real_forward = dcgan.Generator.forward

    def poisoned(self, z, labels=None):
        return real_forward(self, z, labels) * float("nan")

    monkeypatch.setattr(dcgan.Generator, "forward", poisoned)
    config = engine.resume_config(tmp_path / "nan")
    config.epochs = 3
    with pytest.raises(engine.TrainingError, match=r"discriminator loss became nan at epoch 3, step 9.*last good"):
        engine.run(config, resume=True)
    assert (tmp_path / "nan" / "last.safetensors").read_bytes() == good


def test_the_discriminator_guard_warns_only_when_it_wins_outright():
    guard = generate_task.DiscriminatorGuard()
    for k in range(generate_task.D_WIN_STEPS - 1):
        guard.update(0.01, 3.0 + 0.01 * k)
    assert guard.warning == ""  # not yet long enough
    guard.update(0.01, 4.0)
    assert "discriminator is winning outright" in guard.warning
    calm = generate_task.DiscriminatorGuard()
    for k in range(3 * generate_task.D_WIN_STEPS):
        calm.update(0.01 if k % 50 else 0.6, 3.0 + 0.01 * k)  # a healthy step now and then resets the count
        calm.update(0.4, 1.0)
    assert calm.warning == ""
    flat = generate_task.DiscriminatorGuard()
    for _ in range(2 * generate_task.D_WIN_STEPS):
        flat.update(0.01, 2.0)  # the generator's loss does not rise
    assert flat.warning == ""


def test_a_warning_reaches_the_epoch_metrics_and_the_run_summary(tmp_path, monkeypatch):
    def always_wins(self, fake_loss, g_loss):
        self.warning = "the discriminator is winning outright (test)"

    monkeypatch.setattr(generate_task.DiscriminatorGuard, "update", always_wins)
    recorder = Recorder()
    config = gen_config(tmp_path / "w", epochs=1, sample_every=0, synthetic_train=32)
    result = engine.run(config, callbacks=[recorder])
    assert recorder.epochs[0]["warning"] == result["warning"] == "the discriminator is winning outright (test)"
    assert not (tmp_path / "w" / "samples").exists() and "samples" not in result  # sample_every 0: none


def test_a_vae_run_reports_reconstruction_and_kl_and_samples_from_its_file(tmp_path):
    recorder = Recorder()
    result = engine.run(gen_config(tmp_path / "vae", model="vae", epochs=1), callbacks=[recorder])
    epoch = recorder.epochs[0]
    assert result["status"] == "finished" and epoch["lr"] == pytest.approx(1e-3)  # the VAE's own default rate
    assert {"train_loss", "train_recon", "train_kl", "val_loss", "val_recon", "val_kl", "val_fd"} <= set(epoch)
    vae = load_generator(tmp_path / "vae" / "best.safetensors", "cpu")
    images = [read_image(p)[0] for p in training_samples(tmp_path / "vae")[:2]]  # any images will do
    assert vae.encode(images).shape == (2, vae.spec.latent_size)
    recon = vae.reconstruct(images)
    assert recon.shape == (2, 16, 16, 3) and recon.dtype == np.uint8
    path = vae.interpolate_images(images[0], images[1], 4, "slerp")
    assert np.array_equal(path[0], recon[0]) and np.array_equal(path[-1], recon[1])


def test_sampling_is_deterministic_and_interpolation_ends_are_the_two_samples(gan_run):
    out, _, _ = gan_run
    model = load_generator(out / "last.safetensors", "cpu")
    first = model.sample(5, seed=3)
    assert first.shape == (5, 16, 16, 3) and first.dtype == np.uint8
    assert np.array_equal(first, model.sample(5, seed=3))
    assert np.array_equal(first[:2], model.sample(2, seed=3))  # a sample does not depend on the others
    assert not np.array_equal(first, model.sample(5, seed=4))
    for mode in ("linear", "slerp"):
        path = model.interpolate_samples(3, 1, 4, steps=4, mode=mode)
        assert path.shape == (4, 16, 16, 3)
        assert np.array_equal(path[0], first[1]) and np.array_equal(path[-1], first[4])
    with pytest.raises(ValueError, match="needs a VAE"):
        model.encode([first[0]])


def test_a_classifier_file_is_not_a_generator(tmp_path):
    module, _ = build_model(ModelConfig("small-cnn", 3, 3, 16))
    save_model(tmp_path / "cls.safetensors", module, {"task": "classify", "classes": ["a", "b", "c"]})
    with pytest.raises(CheckpointError, match="a classify model, not a generator"):
        load_generator(tmp_path / "cls.safetensors", "cpu")


def test_generate_configs_take_the_recipe_defaults_and_refuse_classification_monitors(tmp_path):
    config = TrainConfig.for_task("generate", out=str(tmp_path))
    assert (config.model, config.lr, config.batch_size, config.scheduler, config.monitor, config.data) == (
        "dcgan",
        2e-4,
        32,
        "none",
        "val_fd",
        "synthetic:shapes-plain",
    )
    assert TrainConfig.for_task("generate", model="vae").lr == 1e-3
    with pytest.raises(ConfigError, match="'val_accuracy' does not fit task 'generate': use val_fd or val_loss"):
        TrainConfig(task="generate", model="dcgan", out=str(tmp_path)).validate()
    with pytest.raises(ConfigError, match="monitor 'val_fd' does not fit task 'classify'"):
        TrainConfig(monitor="val_fd", out=str(tmp_path)).validate()
    args = config.command_line()
    assert args is not None and args[:4] == ["imgstudio", "train", "--task", "generate"] and "--lr" not in args
    saved = json.loads(json.dumps(config.to_dict()))
    assert TrainConfig.from_dict(saved) == config


def test_a_folder_without_class_folders_is_one_set_of_images_scaled_to_plus_minus_one(tmp_path):
    from imgstudio.core.io import write_image
    from imgstudio.core.ml.datasets import DataError
    from imgstudio.core.ml.shapes import shapes_item

    for i in range(10):
        write_image(tmp_path / "faces" / "deep" / f"img_{i}.png", shapes_item(0, "train", i, 24)[0])
    bundle = generate_task.generation_data(gen_config(tmp_path / "r", data=str(tmp_path / "faces")))
    assert (len(bundle.train), len(bundle.val), bundle.classes) == (8, 2, [])
    image, _ = bundle.train[0]
    assert image.shape == (3, 16, 16) and image.min() >= -1 and image.max() <= 1
    write_image(tmp_path / "one" / "a.png", shapes_item(0, "train", 0, 24)[0])
    with pytest.raises(DataError, match="at least 2 images"):
        generate_task.generation_data(gen_config(tmp_path / "r", data=str(tmp_path / "one")))


def test_a_conditional_gan_trains_on_labelled_data_and_samples_a_chosen_class(tmp_path):
    result = engine.run(gen_config(tmp_path / "c", model="cdcgan", epochs=1, synthetic_train=32, sample_every=0))
    model = load_generator(result["last_model"], "cpu")
    assert model.conditional and model.classes == ["circle", "square", "triangle", "star", "cross"]
    assert [model.label_of(i) for i in range(7)] == [0, 1, 2, 3, 4, 0, 1]
    stars = model.sample(3, seed=0, label=3)
    assert stars.shape == (3, 16, 16, 3) and not np.array_equal(stars, model.sample(3, seed=0, label=0))
    with pytest.raises(ValueError, match="class index 5 is out of range"):
        model.sample(1, label=5)
