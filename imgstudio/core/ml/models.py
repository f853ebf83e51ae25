"""Model registry: the article's CNN, a small classroom CNN and torchvision backbones.

Every model is built from a ``ModelConfig`` through ``build_model``; the GUI, the CLI and the
engine all go through it. Layers have stable names (``conv1``, ``fc2``, ...) so the Explain tab
can address them. Pretrained torchvision weights are used only when they are cached or can be
downloaded; otherwise the model is randomly initialised and the returned note says why.
"""

from __future__ import annotations

import itertools
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import torch
from torch import nn

if TYPE_CHECKING:
    from torchvision.models import WeightsEnum

CONFIG_ATTR = "imgstudio_config"  # attribute set on every built module: the ModelConfig it came from


@dataclass(frozen=True)
class ModelConfig:
    """What to build: registry name, classes, input channels and square input side."""

    name: str
    num_classes: int
    in_channels: int = 3
    image_size: int = 64
    pretrained: bool = False


@dataclass(frozen=True)
class ModelSpec:
    """A registered model: its one-line description, task, smallest input side and factory."""

    name: str
    description: str
    task: str
    min_image_size: int
    factory: Callable[[ModelConfig], tuple[nn.Module, str]]
    has_pretrained: bool = False
    """torchvision publishes ImageNet weights for it (used when cached or downloadable)."""


# --- the article's CNN ---------------------------------------------------------------------

_ARTICLE_CHANNELS = (32, 64, 128)


def _article_feature_side(image_size: int) -> int:
    """Side of the last pooled feature map: each block is a 3x3 valid conv then a 2x2 pool."""
    side = image_size
    for _ in _ARTICLE_CHANNELS:
        side = (side - 2) // 2
    return side


ARTICLE_MIN_IMAGE_SIZE = next(s for s in itertools.count(1) if _article_feature_side(s) >= 1)


def _no_pretrained_note(config: ModelConfig) -> str:
    """Note for models that have no pretrained weights at all."""
    if not config.pretrained:
        return ""
    return f"{config.name}: no pretrained weights exist for this model; using random initialisation"


def build_article_cnn(config: ModelConfig) -> tuple[nn.Module, str]:
    """Conv32-Pool-Conv64-Pool-Conv128-Pool-Flatten-Dense512-DenseN, no padding, as in the article."""
    layers: OrderedDict[str, nn.Module] = OrderedDict()
    in_ch = config.in_channels
    for i, out_ch in enumerate(_ARTICLE_CHANNELS, start=1):
        layers[f"conv{i}"] = nn.Conv2d(in_ch, out_ch, kernel_size=3)
        layers[f"relu{i}"] = nn.ReLU()
        layers[f"pool{i}"] = nn.MaxPool2d(2)
        in_ch = out_ch
    features = in_ch * _article_feature_side(config.image_size) ** 2
    layers["flatten"] = nn.Flatten()
    layers["fc1"] = nn.Linear(features, 512)
    layers["relu4"] = nn.ReLU()
    layers["fc2"] = nn.Linear(512, config.num_classes)
    return nn.Sequential(layers), _no_pretrained_note(config)


# --- a small, fast CNN -----------------------------------------------------------------------

_SMALL_CHANNELS = (16, 32, 64)
SMALL_MIN_IMAGE_SIZE = 2 ** len(_SMALL_CHANNELS)


def build_small_cnn(config: ModelConfig) -> tuple[nn.Module, str]:
    """Three Conv3x3-BatchNorm-ReLU-MaxPool blocks (16/32/64), global average pool, linear head."""
    layers: OrderedDict[str, nn.Module] = OrderedDict()
    in_ch = config.in_channels
    for i, out_ch in enumerate(_SMALL_CHANNELS, start=1):
        layers[f"conv{i}"] = nn.Conv2d(in_ch, out_ch, kernel_size=3, padding=1, bias=False)
        layers[f"bn{i}"] = nn.BatchNorm2d(out_ch)
        layers[f"relu{i}"] = nn.ReLU()
        layers[f"pool{i}"] = nn.MaxPool2d(2)
        in_ch = out_ch
    layers["gap"] = nn.AdaptiveAvgPool2d(1)
    layers["flatten"] = nn.Flatten()
    layers["fc"] = nn.Linear(in_ch, config.num_classes)
    return nn.Sequential(layers), _no_pretrained_note(config)


# --- torchvision backbones -------------------------------------------------------------------

BACKBONE_MIN_IMAGE_SIZE = 32  # five stride-2 stages: 32 px leaves a 1x1 map before global pooling


def _find_module(model: nn.Module, kind: type[nn.Module], last: bool = False) -> tuple[str, nn.Module]:
    """Dotted name and module of the first (or last) submodule of the given type."""
    found = [(name, m) for name, m in model.named_modules() if isinstance(m, kind)]
    return found[-1] if last else found[0]


def _adapt_first_conv(model: nn.Module, in_channels: int, keep_weights: bool) -> None:
    """Give the first conv ``in_channels`` inputs; pretrained RGB kernels are summed (1 channel) or spread."""
    name, old = _find_module(model, nn.Conv2d)
    if old.in_channels == in_channels:
        return
    new = nn.Conv2d(
        in_channels,
        old.out_channels,
        kernel_size=old.kernel_size,
        stride=old.stride,
        padding=old.padding,
        dilation=old.dilation,
        groups=old.groups,
        bias=old.bias is not None,
    )
    with torch.no_grad():
        if keep_weights:
            mean_kernel = old.weight.mean(dim=1, keepdim=True)
            new.weight.copy_(mean_kernel.repeat(1, in_channels, 1, 1) * old.in_channels / in_channels)
            if old.bias is not None:
                new.bias.copy_(old.bias)
        else:
            nn.init.kaiming_normal_(new.weight, mode="fan_out", nonlinearity="relu")
            if new.bias is not None:
                nn.init.zeros_(new.bias)
    model.set_submodule(name, new)


def _replace_head(model: nn.Module, num_classes: int) -> None:
    """Swap the last linear layer (the ImageNet classifier) for a fresh one with ``num_classes`` outputs."""
    name, old = _find_module(model, nn.Linear, last=True)
    model.set_submodule(name, nn.Linear(old.in_features, num_classes))


def cached_weights_path(weights: WeightsEnum) -> Path:
    """Where torch hub keeps (or would keep) the file of these torchvision weights."""
    return Path(torch.hub.get_dir()) / "checkpoints" / Path(urlparse(weights.url).path).name


def _load_pretrained(name: str) -> tuple[nn.Module | None, str]:
    """ImageNet model with its default weights from the cache or a download, or (None, reason)."""
    import torchvision

    weights = torchvision.models.get_model_weights(name).DEFAULT
    cached = cached_weights_path(weights)
    origin = f"cached file {cached} unreadable" if cached.exists() else "no cached file, download failed"
    try:
        state = weights.get_state_dict(progress=False, check_hash=True, weights_only=True)
        model = torchvision.models.get_model(name, weights=None, num_classes=len(weights.meta["categories"]))
        model.load_state_dict(state)
    except Exception as exc:  # any network, hash or file error: fall back to random init, said clearly
        return None, f"{name}: pretrained weights unavailable offline ({origin}: {exc}); using random initialisation"
    return model, ""


def _torchvision_factory(name: str) -> Callable[[ModelConfig], tuple[nn.Module, str]]:
    """Factory for a torchvision classifier, pretrained when asked and available."""

    def build(config: ModelConfig) -> tuple[nn.Module, str]:
        import torchvision

        model, note = _load_pretrained(name) if config.pretrained else (None, "")
        if model is not None:
            _replace_head(model, config.num_classes)
            _adapt_first_conv(model, config.in_channels, keep_weights=True)
            return model, note
        model = torchvision.models.get_model(name, weights=None, num_classes=config.num_classes)
        _adapt_first_conv(model, config.in_channels, keep_weights=False)
        return model, note

    return build


# --- registry --------------------------------------------------------------------------------

_SPECS = (
    ModelSpec(
        "article-cnn",
        "The article's CNN: Conv32-Pool-Conv64-Pool-Conv128-Pool-Dense512-DenseN, no padding",
        "classify",
        ARTICLE_MIN_IMAGE_SIZE,
        build_article_cnn,
    ),
    ModelSpec(
        "small-cnn",
        "Small fast CNN (16/32/64 channels, batch norm, global pooling) for classroom runs on a CPU",
        "classify",
        SMALL_MIN_IMAGE_SIZE,
        build_small_cnn,
    ),
    ModelSpec(
        "resnet18",
        "torchvision ResNet-18 (11M parameters), ImageNet weights when available offline",
        "classify",
        BACKBONE_MIN_IMAGE_SIZE,
        _torchvision_factory("resnet18"),
        has_pretrained=True,
    ),
    ModelSpec(
        "mobilenet_v3_small",
        "torchvision MobileNetV3-Small (light, fast), ImageNet weights when available offline",
        "classify",
        BACKBONE_MIN_IMAGE_SIZE,
        _torchvision_factory("mobilenet_v3_small"),
        has_pretrained=True,
    ),
    ModelSpec(
        "efficientnet_b0",
        "torchvision EfficientNet-B0 (accurate for its size), ImageNet weights when available offline",
        "classify",
        BACKBONE_MIN_IMAGE_SIZE,
        _torchvision_factory("efficientnet_b0"),
        has_pretrained=True,
    ),
)

MODELS: dict[str, ModelSpec] = {spec.name: spec for spec in _SPECS}
"""The classifiers (``build_model`` builds these)."""


def _generative_factory(name: str) -> Callable[[ModelConfig], tuple[nn.Module, str]]:
    """Factory for a generative model with its default latent size (``num_classes`` conditions cdcgan)."""

    def build(config: ModelConfig) -> tuple[nn.Module, str]:
        from imgstudio.core.ml.generative.build import GenerativeConfig, build_generative

        classes = config.num_classes if name == "cdcgan" else 0
        return build_generative(GenerativeConfig(name, config.image_size, config.in_channels, 0, classes)), ""

    return build


GENERATIVE_MODELS: dict[str, ModelSpec] = {
    spec.name: spec
    for spec in (
        ModelSpec(
            "dcgan",
            "DCGAN generator and discriminator (16 to 128 px, RGB or gray): turns random noise into images",
            "generate",
            16,
            _generative_factory("dcgan"),
        ),
        ModelSpec(
            "cdcgan",
            "Class-conditional DCGAN for labelled sets: noise plus a class in, an image of that class out",
            "generate",
            16,
            _generative_factory("cdcgan"),
        ),
        ModelSpec(
            "vae",
            "Convolutional variational autoencoder: encodes images to a latent space and decodes noise to images",
            "generate",
            16,
            _generative_factory("vae"),
        ),
    )
}
"""Generative models, trained with task "generate" (see :mod:`imgstudio.core.ml.generative`)."""


def _validate(config: ModelConfig) -> ModelSpec:
    """The spec for ``config``, or a ValueError that says what is wrong and what is allowed."""
    spec = MODELS.get(config.name)
    if spec is None:
        raise ValueError(f"unknown model {config.name!r}; choose one of: {', '.join(MODELS)}")
    if config.num_classes < 2:
        raise ValueError(f"num_classes must be at least 2, got {config.num_classes}")
    if config.in_channels < 1:
        raise ValueError(f"in_channels must be at least 1, got {config.in_channels}")
    if config.image_size < spec.min_image_size:
        raise ValueError(f"{spec.name} needs image_size >= {spec.min_image_size} (minimum), got {config.image_size}")
    return spec


def build_model(config: ModelConfig) -> tuple[nn.Module, str]:
    """Validated build: the module (with ``CONFIG_ATTR`` set) and a note ("" or why weights are random)."""
    model, note = _validate(config).factory(config)
    setattr(model, CONFIG_ATTR, config)
    return model, note


def model_config(model: nn.Module) -> ModelConfig | None:
    """The ModelConfig a module was built from by ``build_model``, if any."""
    return getattr(model, CONFIG_ATTR, None)


def count_parameters(model: nn.Module, trainable_only: bool = False) -> int:
    """Number of parameters (only those with ``requires_grad`` when ``trainable_only``)."""
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)


def list_models(task: str | None = "classify") -> list[tuple[str, str]]:
    """(name, description) of the registered models of ``task`` (None: every task), in display order."""
    specs = [*MODELS.values(), *GENERATIVE_MODELS.values()]
    return [(spec.name, spec.description) for spec in specs if task is None or spec.task == task]
