"""A small trained classifier shared by the inference, evaluation and export tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from imgstudio.core.ml import engine
from imgstudio.core.ml.config import TrainConfig


def tiny_config(out: Path, **overrides: object) -> TrainConfig:
    """A small-cnn run on synthetic shapes at 32 px on the CPU, seconds long."""
    base: dict[str, object] = dict(
        data="synthetic:shapes",
        model="small-cnn",
        image_size=32,
        epochs=2,
        batch_size=32,
        lr=3e-3,
        synthetic_train=320,
        synthetic_val=160,
        out=str(out),
        device="cpu",
    )
    base.update(overrides)
    return TrainConfig(**base)  # type: ignore[arg-type]


def train_args(image_size: int, epochs: int, train: int, val: int) -> list[str]:
    """`imgstudio train` arguments for a quick small-cnn run on synthetic shapes."""
    return [
        "train",
        "--data",
        "synthetic:shapes",
        "--model",
        "small-cnn",
        "--image-size",
        str(image_size),
        "--epochs",
        str(epochs),
        "--synthetic-train",
        str(train),
        "--synthetic-val",
        str(val),
    ]


@pytest.fixture
def tiny():
    return tiny_config


@pytest.fixture
def quick_train_args():
    return train_args


@pytest.fixture(scope="session")
def trained_model(tmp_path_factory) -> Path:
    """best.safetensors of a quick small-cnn run on synthetic shapes at 32 px (about 5 s)."""
    out = tmp_path_factory.mktemp("trained")
    engine.run(tiny_config(out, epochs=8, synthetic_train=1600, synthetic_val=200))
    return out / "best.safetensors"
