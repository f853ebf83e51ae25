"""Explain a CNN: layer summary with FLOPs, feature maps, filters, Grad-CAM(++), dense layers.

Qt-free; the Explain tab, ``imgstudio summary`` / ``imgstudio explain`` and the tests call
these functions. Layers are addressed by their qualified names (``conv1``,
``layer4.1.conv2``, ``features.12.0``). Forward order is what a recorded forward pass sees,
not the order of ``named_modules``. A module used several times in one forward pass
(torchvision ResNet blocks reuse one ReLU) is listed once, at its first use; its feature
map is its last output.

Every function leaves the model as it found it: train/eval mode of each submodule,
parameters without ``.grad``, no hooks. Hooks make a model unsafe to share between
threads while a call runs: the GUI uses one model from one worker at a time.

**FLOPs** (:func:`summarize`) count one forward pass of one image, per leaf module:

- ``Conv2d``: 2 x multiply-accumulates = 2 x output elements x (in_channels / groups) x kh x kw;
- ``Linear``: 2 x output elements x in_features;
  bias additions are not counted for either (the convention of most FLOP tables);
- pooling (max, average, adaptive): 1 per input element;
- activations (ReLU, ReLU6, LeakyReLU, ELU, GELU, SiLU, Hardswish, Hardsigmoid, Sigmoid,
  Tanh, Mish, PReLU): 1 per output element;
- batch norm: 2 per output element (in eval mode it is one multiply and one add);
- anything else (Flatten, Dropout, Identity, StochasticDepth) and functional operations
  outside modules (residual additions, ``torch.flatten``, squeeze-excitation products): 0.

A module called several times adds up the FLOPs of every call.

**Grad-CAM** maps are computed on the layer's grid and resampled (bilinear) to the image.
For a plain ``nn.Sequential`` (the article's CNN, small-cnn) each cell is placed at the centre
of its receptive field, which unpadded convolutions pull inwards; for other models the grid
is spread evenly over the image (as ``cv2.resize`` does).
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import weakref
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from imgstudio.core.grid import tile_grid
from imgstudio.core.heatmap import COLORMAPS, colourise, heatmap_overlay, map_tiles
from imgstudio.core.io import atomic_write_bytes, encode_image, to_uint8
from imgstudio.core.ml.infer import LoadedModel, load_model
from imgstudio.core.ml.models import MODELS, ModelConfig, build_model, model_config

__all__ = [
    "COLORMAPS",
    "EXPLAIN_FILES",
    "METHODS",
    "CamResult",
    "ExplainError",
    "LayerInfo",
    "ModelSummary",
    "all_feature_maps",
    "colourise",
    "conv_filters",
    "default_cam_layer",
    "dense_activations",
    "explain_to_folder",
    "explainable_layers",
    "feature_maps",
    "filter_grid",
    "filter_slice_tiles",
    "filter_tiles",
    "grad_cam",
    "heatmap_overlay",
    "map_grid",
    "map_tiles",
    "pointing_game",
    "resolve_class",
    "summarize",
    "summarize_model",
]

METHODS = ("gradcam", "gradcam++")
POOLING = (nn.MaxPool2d, nn.AvgPool2d, nn.AdaptiveAvgPool2d, nn.AdaptiveMaxPool2d)
ACTIVATIONS = (
    nn.ReLU,
    nn.ReLU6,
    nn.LeakyReLU,
    nn.ELU,
    nn.GELU,
    nn.SiLU,
    nn.Hardswish,
    nn.Hardsigmoid,
    nn.Sigmoid,
    nn.Tanh,
    nn.Mish,
    nn.PReLU,
)
BATCH_NORM = (nn.BatchNorm1d, nn.BatchNorm2d)
EXPLAIN_FILES = ("feature_maps.png", "filters.png", "gradcam.png", "gradcam.npy")
"""What :func:`explain_to_folder` writes (``imgstudio explain``)."""


class ExplainError(ValueError):
    """A layer, class or method that the model does not have; the message lists the valid ones."""


# -- recording a forward pass ---------------------------------------------------------------------


@contextlib.contextmanager
def _inspecting(module: nn.Module) -> Iterator[None]:
    """Eval mode for the duration; then each submodule's own train/eval flag comes back."""
    modes = [(m, m.training) for m in module.modules()]
    module.eval()
    try:
        yield
    finally:
        for m, training in modes:
            m.training = training


@contextlib.contextmanager
def _forward_hooks(modules: dict[str, nn.Module], hook: Callable[[str, nn.Module, tuple, Any], Any]) -> Iterator[None]:
    """``hook(name, module, inputs, output)`` on each module's forward; removed afterwards."""
    handles = []
    try:
        for name, m in modules.items():
            handles.append(m.register_forward_hook(lambda mod, inp, out, name=name: hook(name, mod, inp, out)))
        yield
    finally:
        for handle in handles:
            handle.remove()


def _is_leaf(m: nn.Module) -> bool:
    return next(m.children(), None) is None


def _model_device_dtype(module: nn.Module) -> tuple[torch.device, torch.dtype]:
    p = next(module.parameters(), None)
    return (p.device, p.dtype) if p is not None and p.dtype.is_floating_point else (torch.device("cpu"), torch.float32)


def _default_input_shape(module: nn.Module) -> tuple[int, int, int]:
    """(C, H, W) from the ModelConfig the module was built with, else the first conv's channels at 224."""
    config = model_config(module)
    if config is not None:
        return (config.in_channels, config.image_size, config.image_size)
    conv = next((m for m in module.modules() if isinstance(m, nn.Conv2d)), None)
    return (conv.in_channels if conv is not None else 3, 224, 224)


@dataclass
class _Call:
    name: str
    module: nn.Module
    output_shape: tuple[int, ...]


def _trace(module: nn.Module, input_shape: tuple[int, int, int], *, every_call: bool = False) -> list[_Call]:
    """Leaf modules in forward order with their output shape, from one zero image: each module
    at its first use, or (``every_call``) one entry per call."""
    leaves = {name: m for name, m in module.named_modules() if _is_leaf(m)}
    calls: list[_Call] = []
    seen: set[str] = set()

    def record(name: str, m: nn.Module, _inputs: tuple, output: Any) -> None:
        if every_call or name not in seen:
            seen.add(name)
            calls.append(_Call(name, m, _shape(output)))

    device, dtype = _model_device_dtype(module)
    with _inspecting(module), _forward_hooks(leaves, record), torch.no_grad():
        module(torch.zeros((1, *input_shape), device=device, dtype=dtype))
    return calls


_PER_MODEL: weakref.WeakKeyDictionary[nn.Module, dict[Hashable, Any]] = weakref.WeakKeyDictionary()


def _remember(module: nn.Module, key: Hashable, compute: Callable[[], Any]) -> Any:
    """``compute()`` once per model and key: facts about a model's structure that take a forward pass."""
    known = _PER_MODEL.setdefault(module, {})
    if key not in known:
        known[key] = compute()
    return known[key]


def _shape(output: Any) -> tuple[int, ...]:
    return tuple(output.shape[1:]) if isinstance(output, torch.Tensor) else ()


# -- summary ---------------------------------------------------------------------------------------


@dataclass
class LayerInfo:
    """One layer of a summary: output shape without the batch dimension, own parameters, FLOPs."""

    name: str
    type: str
    output_shape: tuple[int, ...]
    params: int
    trainable: int
    flops: int


@dataclass
class ModelSummary:
    """Layer table and totals of a model for one input of ``input_shape`` (C, H, W)."""

    layers: list[LayerInfo]
    total_params: int
    trainable_params: int
    flops: int
    input_shape: tuple[int, int, int]

    def as_dict(self) -> dict[str, Any]:
        return {
            "total_params": self.total_params,
            "trainable_params": self.trainable_params,
            "flops": self.flops,
            "input_shape": list(self.input_shape),
            "layers": [
                {
                    "name": layer.name,
                    "type": layer.type,
                    "output_shape": list(layer.output_shape),
                    "params": layer.params,
                    "flops": layer.flops,
                }
                for layer in self.layers
            ],
        }

    def table(self) -> str:
        """Aligned text table, one row per layer, then the totals."""
        header = ("Layer", "Type", "Output shape", "Params", "FLOPs")
        rows = [
            (
                layer.name,
                layer.type,
                " x ".join(map(str, layer.output_shape)) or "-",
                f"{layer.params:,}",
                f"{layer.flops:,}",
            )
            for layer in self.layers
        ]
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

        def line(r: tuple[str, ...]) -> str:
            left = [f"{r[i]:<{widths[i]}}" for i in range(3)]
            right = [f"{r[i]:>{widths[i]}}" for i in range(3, 5)]
            return "  ".join(left + right).rstrip()

        rule = "-" * len(line(header))
        c, h, w = self.input_shape
        totals = [
            f"Input: {c} x {h} x {w}",
            f"Total params: {self.total_params:,} (trainable {self.trainable_params:,})",
            f"FLOPs: {self.flops:,} ({self.flops / 1e9:.3f} GFLOPs per image)",
        ]
        return "\n".join([line(header), rule, *map(line, rows), rule, *totals])


def _layer_flops(m: nn.Module, inputs: tuple, output: Any) -> int:
    """FLOPs of one call, as defined in the module docstring."""
    if not isinstance(output, torch.Tensor):
        return 0
    out = output.numel() // max(output.shape[0], 1)  # per image
    if isinstance(m, nn.Conv2d):
        kh, kw = m.kernel_size
        return 2 * out * (m.in_channels // m.groups) * kh * kw
    if isinstance(m, nn.Linear):
        return 2 * out * m.in_features
    if isinstance(m, POOLING):
        x = inputs[0] if inputs and isinstance(inputs[0], torch.Tensor) else output
        return x.numel() // max(x.shape[0], 1)
    if isinstance(m, ACTIVATIONS):
        return out
    if isinstance(m, BATCH_NORM):
        return 2 * out
    return 0


def summarize(module: nn.Module, input_shape: tuple[int, int, int] | None = None) -> ModelSummary:
    """Per-layer output shapes, parameters and FLOPs from one forward pass of a zero image.

    ``input_shape`` is (C, H, W), by default the one the module was built for. Each
    parameter counts once, in the module that owns it, so the layer params add up to
    ``sum(p.numel() for p in module.parameters())``.
    """
    input_shape = tuple(input_shape or _default_input_shape(module))  # type: ignore[assignment]
    owners = {name: m for name, m in module.named_modules() if _is_leaf(m) or next(m.parameters(False), None)}
    shapes: dict[str, tuple[int, ...]] = {}
    flops: dict[str, int] = {}

    def record(name: str, m: nn.Module, inputs: tuple, output: Any) -> None:
        shapes.setdefault(name, _shape(output))
        flops[name] = flops.get(name, 0) + _layer_flops(m, inputs, output)

    device, dtype = _model_device_dtype(module)
    try:
        with _inspecting(module), _forward_hooks(owners, record), torch.no_grad():
            module(torch.zeros((1, *input_shape), device=device, dtype=dtype))
    except RuntimeError as exc:
        raise ValueError(f"the model cannot take an input of {' x '.join(map(str, input_shape))}: {exc}") from exc
    seen: set[int] = set()
    layers: list[LayerInfo] = []
    for name in [*shapes, *(n for n in owners if n not in shapes)]:  # forward order, then never called
        m = owners[name]
        own = [p for p in m.parameters(recurse=False) if id(p) not in seen]
        seen.update(id(p) for p in own)
        if name not in shapes and not own:
            continue
        params = sum(p.numel() for p in own)
        trainable = sum(p.numel() for p in own if p.requires_grad)
        layers.append(LayerInfo(name, type(m).__name__, shapes.get(name, ()), params, trainable, flops.get(name, 0)))
    total = sum(p.numel() for p in module.parameters())
    trainable_total = sum(p.numel() for p in module.parameters() if p.requires_grad)
    return ModelSummary(layers, total, trainable_total, sum(flops.values()), input_shape)  # type: ignore[arg-type]


def summarize_model(
    name_or_file: str,
    image_size: int | None = None,
    num_classes: int | None = None,
    channels: int | None = None,
) -> ModelSummary:
    """Summary of a registered architecture (random weights) or of a ``.safetensors`` model file.

    Registry defaults: 224 px, 3 channels, 10 classes (1000 for torchvision backbones, as in
    ImageNet). A model file fixes size, classes and channels itself; other values are refused.
    """
    spec = MODELS.get(name_or_file)
    if spec is not None:
        config = ModelConfig(
            spec.name,
            num_classes or (1000 if spec.has_pretrained else 10),
            channels or 3,
            image_size or 224,
        )
        module, _ = build_model(config)
        return summarize(module, (config.in_channels, config.image_size, config.image_size))
    path = Path(name_or_file)
    if not path.is_file():
        raise ValueError(f"unknown model {name_or_file!r}: neither a model file nor one of {', '.join(MODELS)}")
    loaded = load_model(path, "cpu")
    fixed = {"image_size": loaded.image_size, "num_classes": len(loaded.classes), "channels": loaded.channels}
    given = {"image_size": image_size, "num_classes": num_classes, "channels": channels}
    for key, value in given.items():
        if value is not None and value != fixed[key]:
            raise ValueError(f"{path}: the model file has {key} {fixed[key]}, not {value}")
    return summarize(loaded.module, (loaded.channels, loaded.image_size, loaded.image_size))


# -- layers and feature maps -----------------------------------------------------------------------


def explainable_layers(module: nn.Module, input_shape: tuple[int, int, int] | None = None) -> list[tuple[str, str]]:
    """(name, type) of the Conv2d, pooling and activation layers whose output is a feature map
    (C x H x W, larger than 1 x 1), in forward order.

    Squeeze-excitation convolutions and global pooling (1 x 1 outputs) are left out.
    """
    calls = _trace(module, tuple(input_shape or _default_input_shape(module)))  # type: ignore[arg-type]
    return [
        (c.name, type(c.module).__name__)
        for c in calls
        if isinstance(c.module, (nn.Conv2d, *POOLING, *ACTIVATIONS)) and _is_map(c.output_shape)
    ]


def _is_map(shape: tuple[int, ...]) -> bool:
    """A C x H x W output with more than one position (not a pooled or squeeze-excitation vector)."""
    return len(shape) == 3 and shape[1] * shape[2] > 1


def _find_layer(module: nn.Module, layer: str) -> nn.Module:
    """The submodule called ``layer``, or an ExplainError listing the explainable ones."""
    found = dict(module.named_modules()).get(layer) if layer else None
    if found is None:
        valid = ", ".join(name for name, _ in explainable_layers(module))
        raise ExplainError(f"unknown layer {layer!r}; valid layers: {valid}")
    return found


def _model_input_shape(model: LoadedModel) -> tuple[int, int, int]:
    return (model.channels, model.image_size, model.image_size)


def _input_batch(model: LoadedModel, image: np.ndarray) -> torch.Tensor:
    return model.preprocess(np.asarray(image)).unsqueeze(0).to(model.device)


def _as_maps(t: torch.Tensor) -> np.ndarray:
    """One image's layer output as float32 C x H x W (a vector becomes C x 1 x 1)."""
    a = t[0].detach().float().cpu().numpy()
    if a.ndim == 1:
        a = a[:, None, None]
    if a.ndim != 3:
        raise ExplainError(f"this layer's output has shape {tuple(t.shape[1:])}, not C x H x W")
    return np.ascontiguousarray(a, dtype=np.float32)


def all_feature_maps(model: LoadedModel, image: np.ndarray, layers: list[str]) -> dict[str, np.ndarray]:
    """float32 C x H x W outputs of several layers for one image, from one forward pass."""
    modules = {name: _find_layer(model.module, name) for name in layers}
    outputs: dict[str, torch.Tensor] = {}

    def record(name: str, _m: nn.Module, _inputs: tuple, output: Any) -> None:
        if isinstance(output, torch.Tensor):
            outputs[name] = output.detach().clone()  # clone: an inplace op later must not change it

    x = _input_batch(model, image)
    with _inspecting(model.module), _forward_hooks(modules, record), torch.no_grad():
        model.module(x)
    unused = [name for name in layers if name not in outputs]
    if unused:
        raise ExplainError(f"layer {unused[0]!r} gives no tensor in the forward pass")
    return {name: _as_maps(outputs[name]) for name in layers}


def feature_maps(model: LoadedModel, image: np.ndarray, layer: str) -> np.ndarray:
    """float32 C x H x W output of ``layer`` for one image (the app's array convention)."""
    return all_feature_maps(model, image, [layer])[layer]


def map_grid(
    maps: np.ndarray,
    *,
    shared_scale: bool = True,
    columns: int | None = None,
    pad: int = 1,
    scale: int = 1,
    colormap: str | None = "viridis",
) -> np.ndarray:
    """C x H x W maps as one uint8 grid image: RGB through ``colormap`` or grayscale (None).

    ``shared_scale`` scales all maps together (strengths comparable), else each on its own;
    ``scale`` enlarges every map by pixel repetition (small maps stay visible in a PNG).
    """
    tiles = map_tiles(maps, shared_scale=shared_scale)
    if scale > 1:
        tiles = np.repeat(np.repeat(tiles, scale, axis=1), scale, axis=2)
    grid, _ = tile_grid(tiles, columns=columns, pad=pad)
    return colourise(grid, colormap) if colormap else grid[..., 0]


# -- filters ---------------------------------------------------------------------------------------


def _conv_names(module: nn.Module) -> list[str]:
    return [name for name, m in module.named_modules() if isinstance(m, nn.Conv2d)]


def conv_filters(module: nn.Module, layer: str) -> np.ndarray:
    """The weights of a Conv2d layer, float32 (out, in / groups, kh, kw)."""
    m = dict(module.named_modules()).get(layer)
    if not isinstance(m, nn.Conv2d):
        raise ExplainError(
            f"{layer!r} is not a convolution layer; convolution layers: {', '.join(_conv_names(module))}"
        )
    return m.weight.detach().float().cpu().numpy().astype(np.float32)


def _minmax(a: np.ndarray, axes: tuple[int, ...]) -> np.ndarray:
    """Min-max scaling to [0, 1] over ``axes``; a constant kernel becomes 0.5."""
    low = a.min(axis=axes, keepdims=True)
    span = a.max(axis=axes, keepdims=True) - low
    return np.where(span > 0, (a - low) / np.where(span > 0, span, 1), 0.5).astype(np.float32)


def filter_tiles(weights: np.ndarray) -> np.ndarray:
    """Kernels as pictures in [0, 1]: N x kh x kw x 3 (each RGB kernel scaled on its own) when
    there are 3 input channels, else N * in grayscale kh x kw tiles (each scaled on its own)."""
    w = np.asarray(weights, dtype=np.float32)
    if w.ndim != 4:
        raise ValueError(f"conv weights must be out x in x kh x kw, not shape {w.shape}")
    if w.shape[1] == 3:
        return _minmax(w.transpose(0, 2, 3, 1), (1, 2, 3))
    return _minmax(w.reshape(-1, *w.shape[2:]), (1, 2))


def filter_slice_tiles(weights: np.ndarray, input_channel: int) -> np.ndarray:
    """Every kernel's slice for one input channel: N x kh x kw in [0, 1], each scaled on its own."""
    w = np.asarray(weights, dtype=np.float32)
    if not 0 <= input_channel < w.shape[1]:
        raise ValueError(f"input channel {input_channel} out of range 0..{w.shape[1] - 1}")
    return _minmax(w[:, input_channel], (1, 2))


def filter_grid(weights: np.ndarray, *, tile: int = 24, pad: int = 2) -> np.ndarray:
    """A uint8 picture of a conv layer's kernels, each enlarged to about ``tile`` pixels."""
    tiles = filter_tiles(weights)
    k = max(1, tile // max(tiles.shape[1:3]))
    tiles = np.repeat(np.repeat(tiles, k, axis=1), k, axis=2)
    grid, _ = tile_grid(tiles, pad=pad)
    return grid if grid.shape[2] == 3 else grid[..., 0]


# -- Grad-CAM --------------------------------------------------------------------------------------


@dataclass
class CamResult:
    """A class activation map: float32 H x W in [0, 1] at the input image's size, for one class.

    ``score`` is the softmax probability of ``class_index``; ``probabilities`` is the whole
    softmax output of the same forward pass (its argmax is the predicted class).
    """

    cam: np.ndarray
    class_index: int
    class_name: str
    score: float
    layer: str
    method: str
    probabilities: np.ndarray


def default_cam_layer(module: nn.Module, input_shape: tuple[int, int, int] | None = None) -> str:
    """The last convolution's rectified feature maps, as in the Grad-CAM paper: the activation
    that follows the last Conv2d with a map larger than 1 x 1 (after its batch norm, if any; in a
    ResNet the block's last ReLU, after the residual addition), else that Conv2d itself.

    It localises much better than the raw convolution output: pointing game of a trained
    small-cnn on 200 shapes at 32 px, 0.83 at relu3 vs 0.63 at conv3 (random inits 0.44-0.47 and
    0.38-0.49). Remembered per model and input shape (it takes a forward pass).
    """
    shape = tuple(input_shape or _default_input_shape(module))
    return _remember(module, ("cam layer", shape), lambda: _last_conv_maps(module, shape))  # type: ignore[arg-type]


def _last_conv_maps(module: nn.Module, input_shape: tuple[int, int, int]) -> str:
    calls = _trace(module, input_shape, every_call=True)
    convs = [i for i, c in enumerate(calls) if isinstance(c.module, nn.Conv2d) and _is_map(c.output_shape)]
    if not convs:
        names = _conv_names(module)
        if not names:
            raise ExplainError("the model has no convolution layer")
        return names[-1]
    i = convs[-1] + 1
    while i < len(calls) and isinstance(calls[i].module, BATCH_NORM):
        i += 1
    after = calls[i] if i < len(calls) else None
    if after is not None and isinstance(after.module, ACTIVATIONS) and _is_map(after.output_shape):
        return after.name
    return calls[convs[-1]].name


def resolve_class(model: LoadedModel, ref: str | int) -> int:
    """A class index from a class name or an index (a name wins when a name is also a number)."""
    classes = model.classes
    if isinstance(ref, str) and ref in classes:
        return classes.index(ref)
    try:
        index = int(ref)
    except ValueError:
        index = -1
    if not 0 <= index < len(classes):
        raise ExplainError(f"unknown class {ref!r}; classes: {', '.join(classes)} (or 0..{len(classes) - 1})")
    return index


def _cam_weights(acts: torch.Tensor, grads: torch.Tensor, method: str) -> torch.Tensor:
    """Per-channel weights (K,) of one image's activations and gradients (K x h x w each)."""
    if method == "gradcam":
        return grads.mean(dim=(1, 2))
    # Grad-CAM++ (Chattopadhay et al., 2018), with the exponential of the score as in the paper,
    # which turns the higher derivatives into powers of the first one.
    g2 = grads.pow(2)
    g3 = g2 * grads
    denom = 2 * g2 + acts.sum(dim=(1, 2), keepdim=True) * g3
    alpha = torch.where(grads != 0, g2 / torch.where(denom != 0, denom, torch.ones_like(denom)), 0)
    return (alpha * grads.clamp(min=0)).sum(dim=(1, 2))


Geometry = tuple[tuple[float, float], tuple[float, float]]
"""Where a layer's grid sits on the model input: cell j of an axis is centred on input pixel
a + s * j, as ((a_y, a_x), (s_y, s_x))."""


@dataclass
class _GridCam:
    grid: np.ndarray  # h x w on the layer's grid, in [0, 1]
    geometry: Geometry
    class_index: int
    probabilities: np.ndarray


def grad_cam(
    model: LoadedModel,
    image: np.ndarray,
    layer: str | None = None,
    class_index: int | None = None,
    method: str = "gradcam",
) -> CamResult:
    """Grad-CAM or Grad-CAM++ of one image, for ``class_index`` (default: the predicted class)
    at ``layer`` (default: :func:`default_cam_layer`), resampled (bilinear) to the image's H x W.

    The layer's output is made a leaf of the autograd graph, and a copy of it goes on through
    the network: the backward pass covers only the layers after it, no parameter gets a
    ``.grad``, and inplace operations later on (ReLU(inplace=True)) cannot change it.
    """
    image = np.asarray(image)
    layer = layer or default_cam_layer(model.module, _model_input_shape(model))
    result = _grad_cam_grid(model, image, layer, class_index, method)
    cam = _grid_to_image(result.grid, image.shape[:2], model.image_size, result.geometry)
    index = result.class_index
    name = model.classes[index] if index < len(model.classes) else str(index)
    probs = result.probabilities
    return CamResult(np.clip(cam, 0.0, 1.0), index, name, float(probs[index]), layer, method, probs)


def _grad_cam_grid(model: LoadedModel, image: np.ndarray, layer: str, class_index: int | None, method: str) -> _GridCam:
    """The CAM on the layer's own grid, normalised to [0, 1] (all zeros when flat)."""
    if method not in METHODS:
        raise ExplainError(f"unknown method {method!r}; choose one of: {', '.join(METHODS)}")
    module = model.module
    target = _find_layer(module, layer)
    captured: list[torch.Tensor] = []

    def record(_name: str, _m: nn.Module, _inputs: tuple, output: Any) -> torch.Tensor | None:
        if not isinstance(output, torch.Tensor) or not output.is_floating_point():
            return None
        torch.set_grad_enabled(True)  # the graph starts here (the no_grad block below restores the mode)
        leaf = output.detach().requires_grad_(True)
        captured.append(leaf)  # a module used several times: the last one counts
        return leaf.clone()

    with torch.inference_mode(False), _inspecting(module), _forward_hooks({layer: target}, record), torch.no_grad():
        logits = module(_input_batch(model, image))
        probs = torch.softmax(logits.detach().float(), dim=1)[0]
        index = int(probs.argmax()) if class_index is None else int(class_index)
        if not 0 <= index < logits.shape[1]:
            raise ExplainError(f"class index {index} out of range 0..{logits.shape[1] - 1}")
        if not captured or not logits.requires_grad:
            raise ExplainError(f"the output does not depend on layer {layer!r}")
        try:
            (grads,) = torch.autograd.grad(logits[0, index], captured[-1])
        except RuntimeError as exc:  # the class score does not depend on this layer's last output
            raise ExplainError(f"the output does not depend on layer {layer!r} ({exc})") from exc
    acts = captured[-1].detach()
    if acts.ndim != 4:
        raise ExplainError(f"layer {layer!r} has no spatial feature map (output {tuple(acts.shape[1:])})")
    a, g = acts[0].cpu().double(), grads[0].cpu().double()  # float64 on the CPU (MPS has none)
    cam = torch.relu((_cam_weights(a, g, method)[:, None, None] * a).sum(dim=0)).numpy()
    low, high = float(cam.min()), float(cam.max())
    cam = (cam - low) / (high - low) if high > low else np.zeros_like(cam)
    geometry = _sequential_geometry(module, layer, cam.shape, model.image_size) or _even_geometry(
        cam.shape, model.image_size
    )
    return _GridCam(cam, geometry, index, probs.cpu().numpy())


def _pair(v: Any) -> tuple[int, int]:
    return (int(v[0]), int(v[1])) if isinstance(v, tuple | list) else (int(v), int(v))


def _sequential_geometry(module: nn.Module, layer: str, grid: tuple[int, ...], side: int) -> Geometry | None:
    """Where the cells of ``layer``'s map sit on the model input (see :data:`Geometry`), from the
    kernels, strides and padding of a plain ``nn.Sequential`` (the article's CNN, small-cnn);
    None for other models or layers.

    Unpadded convolutions shrink the map at the borders (the article's CNN sees the cells of
    its last conv at 32 px centred on pixels 8.5 ... 20.5 of 0 ... 31): stretching that map
    over the whole image would put the heat up to a quarter of the image away from its place.
    """
    if not isinstance(module, nn.Sequential) or layer not in dict(module.named_children()):
        return None
    a, s, size = [0.0, 0.0], [1.0, 1.0], [side, side]
    for name, child in module.named_children():
        if isinstance(child, nn.Conv2d | nn.MaxPool2d | nn.AvgPool2d):
            k, st, p = _pair(child.kernel_size), _pair(child.stride or child.kernel_size), _pair(child.padding)
            d = _pair(getattr(child, "dilation", 1))
            for ax in (0, 1):
                a[ax] += s[ax] * (d[ax] * (k[ax] - 1) / 2 - p[ax])
                s[ax] *= st[ax]
                size[ax] = (size[ax] + 2 * p[ax] - d[ax] * (k[ax] - 1) - 1) // st[ax] + 1
        elif not isinstance(child, (*BATCH_NORM, *ACTIVATIONS, nn.Dropout, nn.Identity)):
            return None
        if name == layer:
            break
    return ((a[0], a[1]), (s[0], s[1])) if tuple(size) == tuple(grid) else None  # ceil_mode etc.: no


def _interpolation_matrix(coords: np.ndarray, n: int) -> np.ndarray:
    """Linear interpolation weights (len(coords) x n) of a 1-D signal of n samples at ``coords``
    (clamped at the ends, as the map's border values continue outwards)."""
    c = np.clip(coords, 0, n - 1)
    i0 = np.minimum(np.floor(c).astype(int), n - 1)
    i1 = np.minimum(i0 + 1, n - 1)
    t = c - i0
    weights = np.zeros((len(c), n))
    rows = np.arange(len(c))
    np.add.at(weights, (rows, i0), 1 - t)
    np.add.at(weights, (rows, i1), t)
    return weights


def _even_geometry(grid: tuple[int, ...], side: int) -> Geometry:
    """The grid spread evenly over the input (what ``cv2.resize`` assumes)."""
    sy, sx = side / grid[0], side / grid[1]
    return ((sy - 1) / 2, (sx - 1) / 2), (sy, sx)


def _grid_to_image(cam: np.ndarray, shape: tuple[int, ...], side: int, geometry: Geometry) -> np.ndarray:
    """A layer-grid map sampled (bilinear) at every pixel of an H x W image, float32; the model
    saw the image stretched to ``side`` x ``side``, and ``geometry`` places the grid on that."""
    (ay, ax), (sy, sx) = geometry
    h, w = shape[:2]
    ys = ((np.arange(h) + 0.5) * side / h - 0.5 - ay) / sy  # image pixel -> model input pixel -> grid cell
    xs = ((np.arange(w) + 0.5) * side / w - 0.5 - ax) / sx
    wy, wx = _interpolation_matrix(ys, cam.shape[0]), _interpolation_matrix(xs, cam.shape[1])
    return (wy @ cam.astype(np.float64) @ wx.T).astype(np.float32)


def pointing_game(
    model: LoadedModel,
    samples: list[tuple[np.ndarray, tuple[int, int, int, int]]],
    method: str = "gradcam",
    *,
    layer: str | None = None,
    tolerance: int = 0,
) -> float:
    """Fraction of images whose CAM peak (predicted class) lies in the object's box (x, y, w, h),
    grown by ``tolerance`` pixels.

    The peak is the centre, in image pixels, of the strongest cell of the layer's grid (the
    maximum of the resampled map is the same point, except that a border cell's maximum
    spreads to the image edge). A flat CAM (no evidence) counts as a miss.
    """
    if not samples:
        raise ValueError("the pointing game needs at least one sample")
    layer = layer or default_cam_layer(model.module, _model_input_shape(model))
    side = model.image_size
    hits = 0
    for image, (x, y, w, h) in samples:
        result = _grad_cam_grid(model, np.asarray(image), layer, None, method)
        if result.grid.max() <= 0:
            continue
        j, i = np.unravel_index(int(np.argmax(result.grid)), result.grid.shape)
        (ay, ax), (sy, sx) = result.geometry
        height, width = np.asarray(image).shape[:2]
        py = math.floor((ay + sy * j + 0.5) * height / side)  # model input pixel -> nearest image pixel
        px = math.floor((ax + sx * i + 0.5) * width / side)
        hits += x - tolerance <= px < x + w + tolerance and y - tolerance <= py < y + h + tolerance
    return hits / len(samples)


# -- dense layers ------------------------------------------------------------------------------------


def dense_activations(model: LoadedModel, image: np.ndarray) -> dict[str, Any]:
    """The hidden dense layer and the softmax output of one image.

    ``layer`` is the last hidden Linear (not the head), ``values`` its outputs after the
    activation that follows it. A model whose only Linear is its head (global pooling, then
    the classifier) gives the features that head reads, named ``"<head> input"``.
    """
    module = model.module
    shape = _model_input_shape(model)
    name, source, use_input = _remember(module, ("dense", shape), lambda: _dense_source(module, shape))
    captured: dict[str, torch.Tensor] = {}

    def record(_name: str, _m: nn.Module, inputs: tuple, output: Any) -> None:
        captured["values"] = (inputs[0] if use_input else output).detach().clone()

    with _inspecting(module), _forward_hooks({"values": source}, record), torch.no_grad():
        logits = module(_input_batch(model, image))
    return {
        "layer": name,
        "values": captured["values"][0].flatten().float().cpu().numpy(),
        "probabilities": torch.softmax(logits.float(), dim=1)[0].cpu().numpy(),
        "classes": model.classes,
    }


def _dense_source(module: nn.Module, input_shape: tuple[int, int, int]) -> tuple[str, nn.Module, bool]:
    """(name shown, module to hook, whether to take its input rather than its output)."""
    calls = _trace(module, input_shape)
    linears = [i for i, c in enumerate(calls) if isinstance(c.module, nn.Linear)]
    if not linears:
        raise ExplainError("the model has no dense (Linear) layer")
    if len(linears) == 1:
        head = calls[linears[0]]
        return f"{head.name} input", head.module, True
    i = linears[-2]
    after = calls[i + 1] if i + 1 < len(calls) and isinstance(calls[i + 1].module, ACTIVATIONS) else None
    return calls[i].name, (after or calls[i]).module, False


# -- everything for one image, as files ---------------------------------------------------------------


def _first_conv(module: nn.Module) -> str:
    convs = [name for name, kind in explainable_layers(module) if kind == "Conv2d"] or _conv_names(module)
    if not convs:
        raise ExplainError("the model has no convolution layer")
    return convs[0]


def _npy_bytes(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def explain_to_folder(
    model: LoadedModel,
    image: np.ndarray,
    out: str | os.PathLike[str],
    *,
    layer: str | None = None,
    class_ref: str | int | None = None,
    method: str = "gradcam",
    overwrite: bool = False,
    opacity: float = 0.5,
) -> dict[str, Any]:
    """Write :data:`EXPLAIN_FILES` for one image into ``out`` (atomically) and say what was done.

    ``feature_maps.png``: the layer's maps (``layer``, default the last convolution);
    ``filters.png``: the first convolution's kernels; ``gradcam.png``: the CAM over the
    image; ``gradcam.npy``: the CAM, float32 H x W of the image. Nothing is written when
    one of them exists and ``overwrite`` is False (FileExistsError).
    """
    out = Path(out)
    targets = [out / name for name in EXPLAIN_FILES]
    existing = [str(p) for p in targets if p.exists()]
    if existing and not overwrite:
        raise FileExistsError(f"{', '.join(existing)}: already exist (not overwritten)")
    layer = layer or default_cam_layer(model.module, _model_input_shape(model))
    _find_layer(model.module, layer)
    class_index = None if class_ref is None else resolve_class(model, class_ref)
    result = grad_cam(model, image, layer, class_index, method)
    maps = feature_maps(model, image, layer)
    probs = result.probabilities
    predicted = int(np.argmax(probs))
    rgb = _rgb_uint8(image)
    pictures = {
        "feature_maps.png": map_grid(maps, pad=2, scale=max(1, math.ceil(48 / max(maps.shape[1:])))),
        "filters.png": filter_grid(conv_filters(model.module, _first_conv(model.module))),
        "gradcam.png": heatmap_overlay(rgb, result.cam, opacity),
    }
    for name, picture in pictures.items():
        atomic_write_bytes(out / name, encode_image(picture, "png"), overwrite=overwrite)
    atomic_write_bytes(out / "gradcam.npy", _npy_bytes(result.cam.astype(np.float32)), overwrite=overwrite)
    return {
        "label": model.classes[predicted],
        "confidence": round(float(probs[predicted]), 6),
        "class": result.class_name,
        "class_index": result.class_index,
        "score": round(result.score, 6),
        "layer": layer,
        "method": method,
        "files": [str(p) for p in targets],
    }


def _rgb_uint8(image: np.ndarray) -> np.ndarray:
    """An image in the app's convention as uint8 RGB (gray repeated, alpha dropped)."""
    img = to_uint8(np.asarray(image))
    if img.ndim == 2:
        img = img[..., None]
    if img.shape[2] in (1, 2):
        img = np.repeat(img[..., :1], 3, axis=2)
    return np.ascontiguousarray(img[..., :3])
