"""UI fixtures: a main window on the built-in sample, captured message boxes, a trained model."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from imgstudio.app import SAMPLE_IMAGE, create_main_window


@pytest.fixture
def warnings(monkeypatch) -> list[tuple[str, str]]:
    """Message boxes would block offscreen: record (title, text) instead."""
    seen: list[tuple[str, str]] = []

    def fake_warning(_parent, title, text, *args, **kwargs):
        seen.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", fake_warning)
    return seen


@pytest.fixture
def window(qtbot, warnings):
    win = create_main_window(None, use_qsettings=False)
    qtbot.addWidget(win)
    win.show()
    tab = win.preprocess
    qtbot.waitUntil(lambda: tab.loaded is not None and tab.result is not None, timeout=20_000)
    yield win
    win.close()


@pytest.fixture
def sample_path() -> str:
    return str(SAMPLE_IMAGE)


@pytest.fixture(scope="session")
def model_file(tmp_path_factory) -> Path:
    """best.safetensors of a quick small-cnn run on synthetic shapes at 32 px (seconds)."""
    from imgstudio.core.ml import engine
    from imgstudio.core.ml.config import TrainConfig

    out = tmp_path_factory.mktemp("ui_model")
    config = TrainConfig(
        data="synthetic:shapes",
        model="small-cnn",
        image_size=32,
        epochs=3,
        batch_size=32,
        lr=3e-3,
        synthetic_train=640,
        synthetic_val=100,
        out=str(out),
        device="cpu",
    )
    engine.run(config)
    return out / "best.safetensors"


@pytest.fixture(scope="session")
def detector_file(tmp_path_factory) -> Path:
    """best.safetensors of a quick tiny-det run on synthetic shapes at 64 px (seconds)."""
    from imgstudio.core.ml import engine
    from imgstudio.core.ml.config import TrainConfig

    out = tmp_path_factory.mktemp("ui_detector")
    config = TrainConfig.for_task(
        "detect",
        image_size=64,
        epochs=3,
        batch_size=8,
        synthetic_train=96,
        synthetic_val=16,
        out=str(out),
        device="cpu",
    )
    engine.run(config)
    return out / "best.safetensors"
