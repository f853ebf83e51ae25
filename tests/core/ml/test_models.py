"""Model registry: the article's CNN exactly, output shapes, validation, offline pretrained weights, training."""

import urllib.error
from pathlib import Path

import pytest
import torch
import torchvision
from torch import nn

from imgstudio.core.ml.models import (
    MODELS,
    ModelConfig,
    build_model,
    cached_weights_path,
    count_parameters,
    list_models,
    model_config,
)

ALL_NAMES = ["article-cnn", "small-cnn", "resnet18", "mobilenet_v3_small", "efficientnet_b0"]


def _forward(config: ModelConfig, batch: int = 2) -> tuple[nn.Module, torch.Tensor]:
    """Build ``config`` (no note expected) and run a random batch through it."""
    model, note = build_model(config)
    assert note == ""
    x = torch.rand(batch, config.in_channels, config.image_size, config.image_size)
    with torch.no_grad():
        return model, model(x)


@pytest.fixture
def offline_hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty torch hub cache and a download that always fails like a machine without network."""

    def no_network(url: str, *args: object, **kwargs: object) -> None:
        raise urllib.error.URLError("network is unreachable")

    monkeypatch.setattr(torch.hub, "get_dir", lambda: str(tmp_path))
    monkeypatch.setattr(torch.hub, "download_url_to_file", no_network)
    return tmp_path


def test_article_cnn_matches_the_keras_original() -> None:
    model, note = build_model(ModelConfig("article-cnn", num_classes=10, in_channels=3, image_size=224))
    assert note == ""
    assert count_parameters(model) == 44_401_226
    names = [name for name, _ in model.named_children()]
    assert names == [
        *("conv1", "relu1", "pool1", "conv2", "relu2", "pool2", "conv3", "relu3", "pool3"),
        *("flatten", "fc1", "relu4", "fc2"),
    ]
    convs = [m for m in model if isinstance(m, nn.Conv2d)]
    assert [c.out_channels for c in convs] == [32, 64, 128]
    assert all(c.kernel_size == (3, 3) and c.padding == (0, 0) for c in convs)
    assert (model.fc1.in_features, model.fc1.out_features) == (128 * 26 * 26, 512)
    assert (model.fc2.in_features, model.fc2.out_features) == (512, 10)


@pytest.mark.parametrize("name", ["article-cnn", "small-cnn"])
@pytest.mark.parametrize("size", [32, 64])
@pytest.mark.parametrize("channels", [1, 3])
def test_small_models_output_shape(name: str, size: int, channels: int) -> None:
    _, out = _forward(ModelConfig(name, num_classes=4, in_channels=channels, image_size=size), batch=3)
    assert out.shape == (3, 4)
    assert torch.isfinite(out).all()


@pytest.mark.parametrize(
    ("name", "size", "channels"),
    [
        ("resnet18", 64, 3),
        ("resnet18", 64, 1),
        ("mobilenet_v3_small", 32, 3),
        ("efficientnet_b0", 32, 1),
    ],
)
def test_torchvision_models_output_shape(name: str, size: int, channels: int) -> None:
    model, out = _forward(ModelConfig(name, num_classes=5, in_channels=channels, image_size=size))
    assert out.shape == (2, 5)
    first_conv = next(m for m in model.modules() if isinstance(m, nn.Conv2d))
    assert first_conv.in_channels == channels


def test_every_model_accepts_its_minimum_size() -> None:
    for spec in MODELS.values():
        config = ModelConfig(spec.name, num_classes=3, in_channels=1, image_size=spec.min_image_size)
        assert _forward(config)[1].shape == (2, 3), spec.name
    assert MODELS["article-cnn"].min_image_size == 22
    assert MODELS["small-cnn"].min_image_size <= 8


def test_unknown_name_lists_the_registered_names() -> None:
    with pytest.raises(ValueError, match="unknown model 'vgg99'") as err:
        build_model(ModelConfig("vgg99", num_classes=3))
    assert all(name in str(err.value) for name in ALL_NAMES)


def test_too_small_image_names_the_minimum() -> None:
    with pytest.raises(ValueError, match=r"article-cnn needs image_size >= 22.*got 21"):
        build_model(ModelConfig("article-cnn", num_classes=3, image_size=21))
    with pytest.raises(ValueError, match=r">= 32"):
        build_model(ModelConfig("resnet18", num_classes=3, image_size=16))


@pytest.mark.parametrize("num_classes", [1, 0, -3])
def test_fewer_than_two_classes_is_refused(num_classes: int) -> None:
    with pytest.raises(ValueError, match=f"num_classes must be at least 2, got {num_classes}"):
        build_model(ModelConfig("small-cnn", num_classes=num_classes))


def test_zero_channels_is_refused() -> None:
    with pytest.raises(ValueError, match="in_channels must be at least 1"):
        build_model(ModelConfig("small-cnn", num_classes=2, in_channels=0))


def test_pretrained_falls_back_to_random_init_offline(offline_hub: Path) -> None:
    config = ModelConfig("resnet18", num_classes=3, in_channels=1, image_size=32, pretrained=True)
    model, note = build_model(config)
    assert note.startswith("resnet18: pretrained weights unavailable offline (no cached file, download failed:")
    assert "network is unreachable" in note
    assert note.endswith("using random initialisation")
    assert model.conv1.in_channels == 1
    assert model.fc.out_features == 3
    with torch.no_grad():
        assert model(torch.rand(2, 1, 32, 32)).shape == (2, 3)
    assert not any(offline_hub.rglob("*.pth"))


def test_pretrained_weights_come_from_the_cache(offline_hub: Path) -> None:
    weights = torchvision.models.get_model_weights("mobilenet_v3_small").DEFAULT
    reference = torchvision.models.get_model("mobilenet_v3_small", weights=None)
    path = cached_weights_path(weights)
    assert path.parent == offline_hub / "checkpoints"
    path.parent.mkdir(parents=True)
    torch.save(reference.state_dict(), path)

    config = ModelConfig("mobilenet_v3_small", num_classes=4, in_channels=1, image_size=32, pretrained=True)
    model, note = build_model(config)
    assert note == ""
    rgb_kernels = reference.features[0][0].weight
    assert torch.allclose(model.features[0][0].weight, rgb_kernels.sum(dim=1, keepdim=True), atol=1e-6)
    assert torch.equal(model.features[5].block[0][0].weight, reference.features[5].block[0][0].weight)
    assert model.classifier[-1].out_features == 4
    assert model.classifier[-1].in_features == reference.classifier[-1].in_features


def test_corrupt_cached_weights_fall_back_with_a_note(offline_hub: Path) -> None:
    weights = torchvision.models.get_model_weights("resnet18").DEFAULT
    path = cached_weights_path(weights)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a checkpoint")
    _, note = build_model(ModelConfig("resnet18", num_classes=2, image_size=32, pretrained=True))
    assert f"cached file {path} unreadable" in note
    assert "random initialisation" in note


def test_models_without_pretrained_weights_say_so() -> None:
    _, note = build_model(ModelConfig("small-cnn", num_classes=2, pretrained=True))
    assert note == "small-cnn: no pretrained weights exist for this model; using random initialisation"


def test_list_models_describes_every_model_in_order() -> None:
    listed = list_models()
    assert [name for name, _ in listed] == ALL_NAMES
    assert all(desc.strip() and "\n" not in desc for _, desc in listed)
    assert all(spec.task == "classify" for spec in MODELS.values())


def test_built_model_remembers_its_config() -> None:
    config = ModelConfig("small-cnn", num_classes=3, in_channels=1, image_size=40)
    model, _ = build_model(config)
    assert model_config(model) == config
    assert model_config(nn.Linear(2, 2)) is None


def test_count_parameters_trainable_only() -> None:
    model, _ = build_model(ModelConfig("small-cnn", num_classes=5))
    total = count_parameters(model)
    head = 64 * 5 + 5
    for p in model.parameters():
        p.requires_grad_(False)
    for p in model.fc.parameters():
        p.requires_grad_(True)
    assert count_parameters(model, trainable_only=True) == head
    assert count_parameters(model) == total == 24_021


def test_small_cnn_learns_a_fixed_batch() -> None:
    torch.manual_seed(0)
    model, _ = build_model(ModelConfig("small-cnn", num_classes=4, image_size=24))
    images = torch.rand(12, 3, 24, 24)
    labels = torch.arange(12) % 4
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    loss_fn = nn.CrossEntropyLoss()
    losses = []
    for _ in range(10):
        optimizer.zero_grad()
        loss = loss_fn(model(images), labels)
        loss.backward()
        assert all(p.grad is not None and torch.isfinite(p.grad).all() for p in model.parameters())
        optimizer.step()
        losses.append(loss.item())
    assert losses[-1] < 0.3 * losses[0]
    assert (model(images).argmax(dim=1) == labels).float().mean() > 0.5
