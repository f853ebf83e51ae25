"""A small trained classifier shared by the inference, evaluation and export tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from imgstudio.core.ml import engine
from imgstudio.core.ml.config import TrainConfig


@pytest.fixture(scope="session")
def trained_model(tmp_path_factory) -> Path:
    """best.safetensors of a quick small-cnn run on synthetic shapes at 32 px (about 5 s)."""
    out = tmp_path_factory.mktemp("trained")
    engine.run(
        TrainConfig(
            data="synthetic:shapes",
            model="small-cnn",
            image_size=32,
            epochs=8,
            batch_size=32,
            lr=3e-3,
            synthetic_train=1600,
            synthetic_val=200,
            out=str(out),
            device="cpu",
        )
    )
    return out / "best.safetensors"
