"""The Generate tab: a generator trained live (curves, fixed-noise samples), then sampled."""

from __future__ import annotations

import numpy as np
import pytest

from imgstudio.core.io import read_image, write_image
from imgstudio.core.settings import Settings
from imgstudio.ui.tabs.generate import GenerateTab

WAIT_MS = 120_000


@pytest.fixture
def tab(qtbot, warnings, tmp_path):
    settings = Settings()
    settings.runs_folder = str(tmp_path / "runs")
    widget = GenerateTab(settings)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    yield widget
    widget.shutdown()


def quick(page, model: str = "dcgan") -> None:
    page.model_combo.setCurrentIndex(page.model_combo.findData(model))
    page.epochs_spin.setValue(2)
    page.images_spin.setValue(128)
    page.every_spin.setValue(5)


def test_train_a_dcgan_live_then_sample_from_it(qtbot, tab, tmp_path):
    page = tab.train_page
    quick(page)
    session = page.start()
    assert session is not None and not page.start_button.isEnabled()
    qtbot.waitUntil(lambda: page.samples is not None, timeout=WAIT_MS)  # noise, before any step
    first = page.samples.copy()
    qtbot.waitUntil(lambda: not page.is_running(), timeout=WAIT_MS)
    assert set(page.curves.keys) >= {"d_loss", "g_loss"} and page.curves.point_count("g_loss") >= 4
    assert not np.array_equal(first, page.samples)  # the samples changed as it learnt
    assert page.start_button.isEnabled() and page.gif_button.isEnabled()
    assert page.save_gif(str(tmp_path / "learning.gif"))
    assert (tmp_path / "learning.gif").read_bytes()[:6] == b"GIF89a"

    sample = tab.sample_page  # the finished run's model opens in the Sample page
    qtbot.waitUntil(lambda: sample.images is not None, timeout=WAIT_MS)
    assert sample.images.shape == (36, 32, 32, 3)
    again = sample.images.copy()
    sample.count_spin.setValue(4)
    qtbot.waitUntil(lambda: len(sample.images) == 4, timeout=WAIT_MS)
    assert np.array_equal(sample.images, again[:4])  # same seed, same images
    sample.seed_spin.setValue(7)
    qtbot.waitUntil(lambda: not np.array_equal(sample.images, again[:4]), timeout=WAIT_MS)
    y, x = sample.layout_info.origin(2)
    sample.grid_view.sigClicked.emit((x + 3) * 4.0, (y + 3) * 4.0)
    assert sample.selected == 2 and sample.a_spin.value() == 2

    sample.b_spin.setValue(3)
    sample.steps_spin.setValue(5)
    job = sample.interpolate()
    qtbot.waitUntil(lambda: job.delivered, timeout=WAIT_MS)
    assert sample.strip.shape[0] == 5
    assert np.array_equal(sample.strip[0], sample.images[2]) and np.array_equal(sample.strip[-1], sample.images[3])
    assert sample.save("grid", str(tmp_path / "grid.png"))
    assert read_image(tmp_path / "grid.png")[0].ndim == 3
    assert sample.save("images", str(tmp_path / "singles"))
    assert len(list((tmp_path / "singles").glob("*.png"))) == 4
    assert sample.save("gif", str(tmp_path / "walk.gif"))
    assert not sample.reconstruct_button.isEnabled()  # a DCGAN has no encoder


def test_a_vae_reconstructs_an_image_and_interpolates_between_two(qtbot, tab, warnings, tmp_path):
    page = tab.train_page
    quick(page, "vae")
    page.epochs_spin.setValue(1)
    page.start()
    sample = tab.sample_page
    qtbot.waitUntil(lambda: sample.model is not None and sample.images is not None, timeout=WAIT_MS)
    assert {"loss", "recon", "kl"} <= set(page.curves.keys)
    assert sample.reconstruct_button.isEnabled()
    photo = tmp_path / "photo.png"
    write_image(photo, np.random.default_rng(0).integers(0, 256, (50, 70, 3), dtype=np.uint8))
    job = sample.reconstruct(str(photo))
    qtbot.waitUntil(lambda: job.delivered, timeout=WAIT_MS)
    assert sample.strip.shape == (2, 32, 32, 3)  # the image at the model's size, and its reconstruction

    other = tmp_path / "other.png"
    write_image(other, np.full((40, 40, 3), 200, np.uint8))
    sample.steps_spin.setValue(6)
    assert sample.blend_button.isEnabled()
    job = sample.blend([str(photo), str(other)])
    qtbot.waitUntil(lambda: job.delivered, timeout=WAIT_MS)
    assert sample.strip.shape == (6, 32, 32, 3)
    ends = sample.model.reconstruct([read_image(photo)[0], read_image(other)[0]])
    assert np.abs(sample.strip[0].astype(int) - ends[0]).max() <= 1  # starts at the first image's reconstruction
    assert np.abs(sample.strip[-1].astype(int) - ends[1]).max() <= 1  # and ends at the second's
    before = sample.strip.copy()
    assert sample.blend([str(photo)]) is None
    assert warnings[-1][0] == "Choose two images" and "(1 selected)" in warnings[-1][1]
    assert sample.blend([str(photo), str(tmp_path / "missing.png")]) is None
    assert warnings[-1][0] == "Cannot open image" and np.array_equal(sample.strip, before)  # nothing lost


def test_bad_inputs_are_refused_with_a_message(qtbot, tab, warnings, tmp_path):
    page = tab.train_page
    page.data_combo.setCurrentIndex(page.data_combo.findData("folder"))
    assert page.start() is None
    assert warnings[-1][0] == "Cannot start" and "folder" in warnings[-1][1]
    sample = tab.sample_page
    assert not sample.save("grid", str(tmp_path / "none.png"))
    assert "no samples" in warnings[-1][1] and not (tmp_path / "none.png").exists()
    bogus = tmp_path / "not_a_model.safetensors"
    bogus.write_bytes(b"nonsense")
    job = sample.load_model(str(bogus))
    qtbot.waitUntil(lambda: job.delivered, timeout=WAIT_MS)
    assert warnings[-1][0] == "Cannot load the model" and sample.model is None
