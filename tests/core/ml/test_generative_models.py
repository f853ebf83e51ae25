"""Generative networks, latents, scores and image files: shapes, determinism, exact interpolation ends."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image

from imgstudio.core.io import read_image
from imgstudio.core.ml.generative.build import GenerativeConfig, build_generative
from imgstudio.core.ml.generative.media import gif_bytes, save_gif, save_grid, save_images, to_images
from imgstudio.core.ml.generative.metrics import frechet_distance, inception_score, pixel_features
from imgstudio.core.ml.generative.sampling import interpolate_latents, latent_vector
from imgstudio.core.ml.models import GENERATIVE_MODELS, MODELS, ModelConfig, list_models


@pytest.mark.parametrize("size", [32, 64])
@pytest.mark.parametrize("channels", [1, 3])
@pytest.mark.parametrize("name", ["dcgan", "cdcgan"])
def test_gan_networks_make_and_judge_images_of_every_supported_shape(name, size, channels):
    model = build_generative(GenerativeConfig(name, size, channels, num_classes=5))
    labels = torch.tensor([0, 4, 2]) if name == "cdcgan" else None
    z = torch.randn(3, model.config.latent_size)
    with torch.no_grad():
        images = model(z, labels)
        logits = model.discriminator(images, labels)
    assert images.shape == (3, channels, size, size) and images.abs().max() <= 1
    assert logits.shape == (3,)
    assert model.config.num_classes == (5 if name == "cdcgan" else 0)


@pytest.mark.parametrize("size", [32, 64])
@pytest.mark.parametrize("channels", [1, 3])
def test_vae_encodes_and_decodes_every_supported_shape(size, channels):
    model = build_generative(GenerativeConfig("vae", size, channels, latent_size=8))
    x = torch.rand(2, channels, size, size) * 2 - 1
    with torch.no_grad():
        recon, mean, logvar = model(x)
        decoded = model.decode(torch.randn(4, 8))
    assert recon.shape == x.shape and mean.shape == logvar.shape == (2, 8)
    assert decoded.shape == (4, channels, size, size)


def test_a_conditional_generator_needs_classes_and_bad_configs_are_refused():
    model = build_generative(GenerativeConfig("cdcgan", 32, 3, num_classes=3))
    with pytest.raises(ValueError, match="needs the class"):
        model(torch.randn(1, 100))
    with pytest.raises(ValueError, match="16, 32, 64, 128, not 48"):
        build_generative(GenerativeConfig("dcgan", 48))
    with pytest.raises(ValueError, match="at least 2 classes"):
        build_generative(GenerativeConfig("cdcgan", 32, 3, num_classes=0))
    with pytest.raises(ValueError, match="unknown generative model 'gan9'"):
        build_generative(GenerativeConfig("gan9"))


def test_the_registry_lists_generative_models_apart_from_classifiers():
    names = [name for name, _ in list_models(task=None)]
    assert {"dcgan", "cdcgan", "vae"} <= set(names) and "small-cnn" in names
    assert [name for name, _ in list_models("generate")] == ["dcgan", "cdcgan", "vae"]
    assert not set(GENERATIVE_MODELS) & set(MODELS)
    assert all(spec.task == "generate" for spec in GENERATIVE_MODELS.values())
    model, note = GENERATIVE_MODELS["cdcgan"].factory(ModelConfig("cdcgan", num_classes=4, image_size=32))
    assert note == "" and model.config.num_classes == 4


def test_latents_are_reproducible_per_sample_and_truncation_bounds_them():
    a = latent_vector(100, seed=7, index=3)
    assert np.array_equal(a, latent_vector(100, seed=7, index=3)) and a.dtype == np.float32
    assert not np.array_equal(a, latent_vector(100, seed=8, index=3))
    assert not np.array_equal(a, latent_vector(100, seed=7, index=4))
    truncated = latent_vector(1000, seed=1, index=0, truncation=0.5)
    assert np.abs(truncated).max() <= 0.5 and np.array_equal(truncated, latent_vector(1000, 1, 0, 0.5))
    with pytest.raises(ValueError, match="positive"):
        latent_vector(10, 0, 0, truncation=0)


@pytest.mark.parametrize("mode", ["linear", "slerp"])
def test_interpolation_paths_start_and_end_exactly_at_their_latents(mode):
    a, b = torch.randn(64), torch.randn(64)
    path = interpolate_latents(a, b, 7, mode)
    assert path.shape == (7, 64) and torch.equal(path[0], a) and torch.equal(path[-1], b)
    if mode == "slerp":  # equal-norm ends: a great circle keeps the norm all the way
        b = b * (a.norm() / b.norm())
        norms = interpolate_latents(a, b, 5, mode).norm(dim=1)
        torch.testing.assert_close(norms, torch.full((5,), float(a.norm())), rtol=1e-5, atol=1e-5)
    with pytest.raises(ValueError, match="at least 2 steps"):
        interpolate_latents(a, b, 1, mode)
    with pytest.raises(ValueError, match="linear, slerp"):
        interpolate_latents(a, b, 3, "cubic")


def test_frechet_distance_and_inception_score_match_their_formulas():
    rng = np.random.default_rng(0)
    a = rng.normal(size=(4000, 3))
    assert frechet_distance(a, a) == pytest.approx(0.0, abs=1e-9)
    shifted = frechet_distance(a, a + np.array([1.0, 2.0, 0.0]))  # same covariance: |mean shift|^2
    assert shifted == pytest.approx(5.0, rel=1e-6)
    scaled = frechet_distance(a, 2 * a)  # tr(S) + tr(4S) - 2 tr(2S) = tr(S), about 3
    assert scaled == pytest.approx(3.0, rel=0.1)
    assert inception_score(np.full((10, 4), 0.25)) == pytest.approx(1.0)
    assert inception_score(np.eye(4)[np.arange(100) % 4]) == pytest.approx(4.0, rel=1e-6)
    with pytest.raises(ValueError, match="feature vectors"):
        frechet_distance(a[:, :2], a)
    features = pixel_features(torch.zeros(2, 3, 32, 32))
    assert features.shape == (2, 3 * 64)


def test_images_grids_and_gifs_are_written_atomically_and_never_over_existing_files(tmp_path):
    images = to_images(torch.linspace(-1, 1, 6 * 3 * 8 * 8).reshape(6, 3, 8, 8))
    assert images.dtype == np.uint8 and images.shape == (6, 8, 8, 3)
    assert images.min() == 0 and images.max() == 255
    grid = save_grid(images, tmp_path / "grid.png", columns=3)
    assert read_image(grid)[0].shape == (2 * 9 + 1, 3 * 9 + 1, 3)
    with pytest.raises(Exception, match="already exists"):
        save_grid(images, grid)
    paths = save_images(images, tmp_path / "each")
    assert [p.name for p in paths] == [f"sample_{i:04d}.png" for i in range(6)]
    assert np.array_equal(read_image(paths[5])[0], images[5])
    gif = save_gif(list(images), tmp_path / "anim.gif")
    with Image.open(gif) as im:
        assert im.n_frames == 6
    with pytest.raises(FileExistsError):
        save_gif(list(images), gif)
    gray = to_images(torch.zeros(2, 1, 8, 8))
    assert gif_bytes(list(gray)).startswith(b"GIF89a")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["anim.gif", "each", "grid.png"]  # no temp files left
