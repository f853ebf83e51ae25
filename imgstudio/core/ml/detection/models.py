"""Trainable detectors: a registry, a builder and ``tiny-det``, a small detector that learns on a CPU in minutes.

Every detector follows torchvision's convention, so one plain loop trains any of them:
``model(images, targets)`` in train mode returns a dict of (already weighted) losses to sum;
``model(images)`` in eval mode returns one ``{"boxes", "labels", "scores"}`` dict per image,
boxes (x1, y1, x2, y2) in pixels of that input image. Images are float 3 x H x W tensors in
[0, 1] of any size; targets are ``{"boxes": float N x 4, "labels": int64 N}`` with labels
1..``num_classes`` (0 is the background).

``tiny-det`` is the default. Without weights (the offline case) torchvision's detectors do
learn ``synthetic:shapes-detect``, but a CPU trains Faster R-CNN about 50 times and SSDlite
about 7 times slower per image than tiny-det, so what tiny-det learns in minutes takes them
hours. The name says what it is: a tiny detector for any data, not only the built-in shapes.
The torchvision detectors rescale every input to their design size (320 px) and load weights
only from the local torch hub cache: they never download while building.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import Tensor, nn
from torchvision.ops import batched_nms, generalized_box_iou_loss

from imgstudio.core.ml.models import CONFIG_ATTR, ModelConfig, cached_weights_path

TORCHVISION_INPUT_SIZE = 320


@dataclass(frozen=True)
class DetectorSpec:
    """A registered detector: one-line description, smallest input side and factory."""

    name: str
    description: str
    min_image_size: int
    factory: Callable[[ModelConfig], tuple[nn.Module, str]]
    has_pretrained: bool = False
    """torchvision publishes COCO weights for it (used only when already in the torch hub cache)."""


# --- tiny-det: a CenterNet/TTFNet-style detector on a small CNN ------------------------------


def _conv_bn(c_in: int, c_out: int, stride: int = 1) -> nn.Sequential:
    """3x3 convolution, batch norm, ReLU."""
    return nn.Sequential(nn.Conv2d(c_in, c_out, 3, stride, 1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(inplace=True))


def _stage(c_in: int, c_out: int) -> nn.Sequential:
    """Halve the resolution, then one more convolution."""
    return nn.Sequential(_conv_bn(c_in, c_out, 2), _conv_bn(c_out, c_out))


def _focal_loss(logits: Tensor, heat: Tensor) -> Tensor:
    """CenterNet's penalty-reduced focal loss, summed over the batch and divided by the number of centres."""
    pos = heat.eq(1.0)
    log_p, log_not_p = F.logsigmoid(logits), F.logsigmoid(-logits)
    p = torch.sigmoid(logits)
    pos_loss = ((1 - p) ** 2 * log_p)[pos].sum()
    neg_loss = ((1 - heat) ** 4 * p**2 * log_not_p)[~pos].sum()
    return -(pos_loss + neg_loss) / pos.sum().clamp(min=1)


def _boxes_around(cx: Tensor, cy: Tensor, log_distances: Tensor) -> Tensor:
    """Boxes (N x 4, x1 y1 x2 y2) from cell centres and log distances to the left, top, right and bottom sides."""
    d = log_distances.clamp(max=10.0).exp()
    return torch.stack([cx - d[:, 0], cy - d[:, 1], cx + d[:, 2], cy + d[:, 3]], dim=1)


class TinyDetector(nn.Module):
    """A small single-scale anchor-free detector (CenterNet heat map + TTFNet box regression).

    Backbone: five stride-2 stages of plain 3x3 conv/BN/ReLU (widths ``widths``), merged top-down
    (FPN-style) into one stride-4 map. Heads: a per-class centre heat map (Gaussian targets,
    focal loss) and, for every cell near a centre, the log distances to the box's four sides
    (GIoU loss plus L1 on the log distances, cells weighted by the Gaussian). Prediction:
    heat-map peaks (3x3 max pooling), boxes from the distances at each peak, class-wise NMS.
    Inputs are scaled so that their longer side is ``image_size`` and padded; boxes come back
    in input pixels.
    """

    stride = 4
    _pad_to = 32  # the coarsest stage's stride
    _mean, _std = 0.45, 0.25
    _alpha = 0.54  # Gaussian sigma = alpha * box side / 6 (TTFNet)

    def __init__(
        self,
        num_classes: int,
        image_size: int = 128,
        widths: tuple[int, ...] = (16, 32, 64, 96, 128),
        head_width: int = 64,
        *,
        box_weight: float = 2.0,
        sides_weight: float = 1.0,
        score_thresh: float = 0.05,
        nms_thresh: float = 0.5,
        detections_per_img: int = 100,
    ) -> None:
        super().__init__()
        if len(widths) != 5:
            raise ValueError(f"tiny-det needs five stage widths, got {len(widths)}")
        self.num_classes = num_classes
        self.image_size = image_size
        self.box_weight = box_weight
        self.sides_weight = sides_weight
        self.score_thresh = score_thresh
        self.nms_thresh = nms_thresh
        self.detections_per_img = detections_per_img
        self.stem = _conv_bn(3, widths[0], 2)
        self.stages = nn.ModuleList(_stage(a, b) for a, b in itertools.pairwise(widths))
        self.laterals = nn.ModuleList(nn.Conv2d(w, head_width, 1) for w in widths[1:])
        self.smooth = _conv_bn(head_width, head_width)
        self.heatmap = nn.Sequential(_conv_bn(head_width, head_width), nn.Conv2d(head_width, num_classes, 1))
        self.box = nn.Sequential(_conv_bn(head_width, head_width), nn.Conv2d(head_width, 4, 1))
        nn.init.constant_(self.heatmap[-1].bias, -math.log((1 - 0.01) / 0.01))  # start at p = 0.01

    # -- input -----------------------------------------------------------------------------

    def _batch(self, images: list[Tensor]) -> tuple[Tensor, list[Tensor], list[tuple[int, int]]]:
        """Scale each image to ``image_size`` (longer side), normalise and pad into one batch.

        Also returns, per image, the factors (x, y, x, y) from input pixels to network pixels
        and the scaled size (h, w).
        """
        resized, scales, sizes = [], [], []
        for img in images:
            if img.dim() != 3 or img.shape[0] != 3:
                raise ValueError(f"tiny-det takes 3 x H x W images, got shape {tuple(img.shape)}")
            h, w = img.shape[-2:]
            scale = self.image_size / max(h, w)
            if scale != 1.0:
                size = (max(1, round(h * scale)), max(1, round(w * scale)))
                img = F.interpolate(img[None], size=size, mode="bilinear", align_corners=False, antialias=scale < 1)[0]
            resized.append((img - self._mean) / self._std)
            sizes.append(tuple(img.shape[-2:]))
            sx, sy = sizes[-1][1] / w, sizes[-1][0] / h
            scales.append(torch.tensor([sx, sy, sx, sy], device=img.device))
        pad_h = -(-max(s[0] for s in sizes) // self._pad_to) * self._pad_to
        pad_w = -(-max(s[1] for s in sizes) // self._pad_to) * self._pad_to
        batch = resized[0].new_zeros((len(images), 3, pad_h, pad_w))
        for i, img in enumerate(resized):
            batch[i, :, : img.shape[1], : img.shape[2]] = img
        return batch, scales, sizes

    def _features(self, x: Tensor) -> tuple[Tensor, Tensor]:
        """Heat-map logits (B x C x h x w) and log distances in pixels to the box sides (B x 4 x h x w, l/t/r/b)."""
        feats = []
        x = self.stem(x)
        for stage in self.stages:
            x = stage(x)
            feats.append(x)
        y = self.laterals[-1](feats[-1])
        for feat, lateral in zip(reversed(feats[:-1]), reversed(self.laterals[:-1]), strict=True):
            y = F.interpolate(y, size=feat.shape[-2:], mode="nearest") + lateral(feat)
        y = self.smooth(y)
        return self.heatmap(y), self.box(y) + math.log(4 * self.stride)

    def _cell_centres(self, h: int, w: int, device: torch.device) -> tuple[Tensor, Tensor]:
        """Pixel coordinates (x, y) of the centres of the feature cells, each h x w."""
        ys = (torch.arange(h, device=device, dtype=torch.float32) + 0.5) * self.stride
        xs = (torch.arange(w, device=device, dtype=torch.float32) + 0.5) * self.stride
        return xs[None, :].expand(h, w), ys[:, None].expand(h, w)

    # -- training --------------------------------------------------------------------------

    def _objects(self, targets: list[dict[str, Tensor]], scales: list[Tensor]) -> tuple[Tensor, Tensor, Tensor]:
        """Boxes (scaled to the network input), labels and image indices of every object in the batch."""
        boxes = torch.cat([t["boxes"].float().reshape(-1, 4) * s for t, s in zip(targets, scales, strict=True)])
        labels = torch.cat([t["labels"].long().reshape(-1) for t in targets])
        image = torch.cat([torch.full((len(t["labels"]),), i, dtype=torch.long) for i, t in enumerate(targets)])
        return boxes, labels, image.to(boxes.device)

    def _targets(
        self, boxes: Tensor, labels: Tensor, image: Tensor, shape: tuple[int, int, int]
    ) -> tuple[Tensor, Tensor, Tensor]:
        """Heat maps (B x C x h x w) and, per object, its Gaussian (K x h x w) and the cells it owns.

        Each object's Gaussian peaks (exactly 1) at the cell holding its centre, with sigma
        proportional to its width and height. A cell near several centres belongs to the
        smallest object, so small shapes next to big ones still get box targets.
        """
        b, h, w = shape
        device = boxes.device
        centre = ((boxes[:, :2] + boxes[:, 2:]) / (2 * self.stride)).floor()
        cx = centre[:, 0].clamp(0, w - 1)[:, None, None]
        cy = centre[:, 1].clamp(0, h - 1)[:, None, None]
        sigma = (self._alpha * (boxes[:, 2:] - boxes[:, :2]) / (6 * self.stride)).clamp(min=0.2)
        gy = torch.arange(h, device=device, dtype=torch.float32)[None, :, None]
        gx = torch.arange(w, device=device, dtype=torch.float32)[None, None, :]
        g = torch.exp(
            -((gx - cx) ** 2) / (2 * sigma[:, 0, None, None] ** 2) - (gy - cy) ** 2 / (2 * sigma[:, 1, None, None] ** 2)
        )
        heat = torch.zeros((b * self.num_classes, h, w), device=device)
        heat.scatter_reduce_(0, (image * self.num_classes + labels - 1)[:, None, None].expand_as(g), g, "amax")
        area = ((boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1]))[:, None, None]
        region = g > 0.01
        claimed = torch.where(region, area, torch.inf)
        smallest = torch.full((b, h, w), torch.inf, device=device)
        smallest.scatter_reduce_(0, image[:, None, None].expand_as(claimed), claimed, "amin")
        owned = region & (claimed == smallest[image])
        return heat.view(b, self.num_classes, h, w), g, owned

    def _losses(
        self, logits: Tensor, log_distances: Tensor, targets: list[dict[str, Tensor]], scales: list[Tensor]
    ) -> dict[str, Tensor]:
        """Focal heat-map loss, GIoU box loss and L1 loss on the log side distances.

        Each object's cells are weighted by its Gaussian (summing to 1). The log-distance term keeps
        a useful gradient where GIoU's vanishes (a predicted box far larger than its object).
        """
        b, _, h, w = logits.shape
        boxes, labels, image = self._objects(targets, scales)
        heat, g, owned = self._targets(boxes, labels, image, (b, h, w))
        loss_heatmap = _focal_loss(logits, heat)
        if not owned.any():
            zero = log_distances.sum() * 0.0
            return {"loss_heatmap": loss_heatmap, "loss_box": zero, "loss_sides": zero}
        k, i, j = owned.nonzero(as_tuple=True)
        weight = g[k, i, j]
        weight = weight / torch.zeros(len(boxes), device=weight.device).index_add_(0, k, weight)[k]
        log_d = log_distances[image[k], :, i, j]
        cx, cy = (j + 0.5) * self.stride, (i + 0.5) * self.stride
        pred = _boxes_around(cx, cy, log_d)
        giou = generalized_box_iou_loss(pred, boxes[k], reduction="none")
        true = boxes[k]
        sides = torch.stack([cx - true[:, 0], cy - true[:, 1], true[:, 2] - cx, true[:, 3] - cy], dim=1)
        log_error = (log_d - sides.clamp(min=1.0).log()).abs().mean(dim=1)
        n = len(boxes)
        return {
            "loss_heatmap": loss_heatmap,
            "loss_box": self.box_weight * (giou * weight).sum() / n,
            "loss_sides": self.sides_weight * (log_error * weight).sum() / n,
        }

    def _check_targets(self, images: list[Tensor], targets: list[dict[str, Tensor]] | None) -> list[dict[str, Tensor]]:
        """The targets, or a ValueError saying what is missing or malformed."""
        if targets is None or len(targets) != len(images):
            raise ValueError("in training mode tiny-det needs one target dict per image")
        for t in targets:
            boxes, labels = t.get("boxes"), t.get("labels")
            if boxes is None or labels is None or boxes.dim() != 2 or boxes.shape[-1] != 4:
                raise ValueError("each target needs 'boxes' (N x 4, x1 y1 x2 y2) and 'labels' (N)")
            if len(labels) and (labels.min() < 1 or labels.max() > self.num_classes):
                raise ValueError(f"labels must lie in 1..{self.num_classes} (0 is the background)")
        return targets

    # -- prediction ------------------------------------------------------------------------

    def _detections(
        self, logits: Tensor, log_distances: Tensor, scale: Tensor, size: tuple[int, int]
    ) -> dict[str, Tensor]:
        """Peaks of one image's heat map as boxes in input pixels, after class-wise NMS."""
        _, h, w = logits.shape
        heat = torch.sigmoid(logits)
        peaks = heat * (F.max_pool2d(heat[None], 3, stride=1, padding=1)[0] == heat)
        scores, idx = peaks.flatten().topk(min(self.detections_per_img, peaks.numel()))
        keep = scores > self.score_thresh
        scores, idx = scores[keep], idx[keep]
        labels, cell = idx // (h * w), idx % (h * w)
        xs, ys = self._cell_centres(h, w, logits.device)
        cx, cy = xs.flatten()[cell], ys.flatten()[cell]
        boxes = _boxes_around(cx, cy, log_distances.flatten(1)[:, cell].T)
        boxes[:, 0::2] = boxes[:, 0::2].clamp(0, size[1])
        boxes[:, 1::2] = boxes[:, 1::2].clamp(0, size[0])
        keep = batched_nms(boxes, scores, labels, self.nms_thresh)
        return {"boxes": boxes[keep] / scale, "labels": labels[keep] + 1, "scores": scores[keep]}

    def forward(
        self, images: list[Tensor], targets: list[dict[str, Tensor]] | None = None
    ) -> dict[str, Tensor] | list[dict[str, Tensor]]:
        """Losses (train mode, with targets) or one detection dict per image (eval mode)."""
        if self.training:
            targets = self._check_targets(images, targets)
        batch, scales, sizes = self._batch(images)
        logits, log_distances = self._features(batch)
        if self.training:
            return self._losses(logits, log_distances, targets, scales)
        return [self._detections(logits[i], log_distances[i], scales[i], sizes[i]) for i in range(len(images))]


def build_tiny_detector(config: ModelConfig) -> tuple[nn.Module, str]:
    """tiny-det: no pretrained weights exist, so the note says so when they were asked for."""
    note = f"{config.name}: no pretrained weights exist for this detector; using random initialisation"
    return TinyDetector(config.num_classes, config.image_size), note if config.pretrained else ""


# --- torchvision detectors -------------------------------------------------------------------


def _weights_if_cached(weights) -> tuple[dict[str, Tensor] | None, str]:
    """The state dict of torchvision ``weights`` when its file is in the torch hub cache, else (None, path)."""
    path = cached_weights_path(weights)
    if not path.exists():
        return None, f"{path} not found"
    try:
        return weights.get_state_dict(progress=False, check_hash=True, weights_only=True), ""
    except Exception as exc:  # a damaged or foreign file: fall back to random init, said clearly
        return None, f"{path} unreadable: {exc}"


def _replace_fasterrcnn_head(model: nn.Module, num_classes: int) -> None:
    from torchvision.models.detection.faster_rcnn import FastRCNNPredictor

    in_features = model.roi_heads.box_predictor.cls_score.in_features
    model.roi_heads.box_predictor = FastRCNNPredictor(in_features, num_classes)


def _replace_ssdlite_head(model: nn.Module, num_classes: int) -> None:
    from torchvision.models.detection import _utils as det_utils
    from torchvision.models.detection.ssdlite import SSDLiteClassificationHead

    in_channels = det_utils.retrieve_out_channels(model.backbone, (TORCHVISION_INPUT_SIZE,) * 2)
    num_anchors = model.anchor_generator.num_anchors_per_location()
    norm_layer = functools.partial(nn.BatchNorm2d, eps=0.001, momentum=0.03)
    model.head.classification_head = SSDLiteClassificationHead(in_channels, num_anchors, num_classes, norm_layer)


def _torchvision_detector(
    name: str, replace_head: Callable[[nn.Module, int], None]
) -> Callable[[ModelConfig], tuple[nn.Module, str]]:
    """Factory for a torchvision detector: COCO weights, else ImageNet backbone weights, from the cache only."""

    def build(config: ModelConfig) -> tuple[nn.Module, str]:
        import torchvision
        from torchvision.models import MobileNet_V3_Large_Weights

        classes = config.num_classes + 1  # torchvision counts the background as a class
        if not config.pretrained:
            return torchvision.models.get_model(name, weights=None, weights_backbone=None, num_classes=classes), ""
        coco = torchvision.models.get_model_weights(name).DEFAULT
        state, why = _weights_if_cached(coco)
        if state is not None:
            model = torchvision.models.get_model(
                name, weights=None, weights_backbone=None, num_classes=len(coco.meta["categories"])
            )
            model.load_state_dict(state)
            replace_head(model, classes)
            return model, ""
        backbone = MobileNet_V3_Large_Weights.IMAGENET1K_V1
        if cached_weights_path(backbone).exists():
            model = torchvision.models.get_model(name, weights=None, weights_backbone=backbone, num_classes=classes)
            return model, f"{name}: COCO weights not in the torch hub cache ({why}); ImageNet backbone weights only"
        model = torchvision.models.get_model(name, weights=None, weights_backbone=None, num_classes=classes)
        return model, f"{name}: pretrained weights not in the torch hub cache ({why}); using random initialisation"

    return build


# --- registry --------------------------------------------------------------------------------

_SPECS = (
    DetectorSpec(
        "tiny-det",
        "Tiny anchor-free detector (CenterNet-style heat map + box sides, 0.6M parameters): learns on a CPU in minutes",
        32,
        build_tiny_detector,
    ),
    DetectorSpec(
        "fasterrcnn_mobilenet_v3_large_320_fpn",
        "torchvision Faster R-CNN, MobileNetV3-Large FPN at 320 px; COCO weights when cached, slow to learn without",
        32,
        _torchvision_detector("fasterrcnn_mobilenet_v3_large_320_fpn", _replace_fasterrcnn_head),
        has_pretrained=True,
    ),
    DetectorSpec(
        "ssdlite320_mobilenet_v3_large",
        "torchvision SSDlite, MobileNetV3-Large at 320 px; COCO weights when cached, slow to learn without",
        32,
        _torchvision_detector("ssdlite320_mobilenet_v3_large", _replace_ssdlite_head),
        has_pretrained=True,
    ),
)

DETECTORS: dict[str, DetectorSpec] = {spec.name: spec for spec in _SPECS}
DEFAULT_DETECTOR = "tiny-det"


def build_detector(name: str, num_classes: int, image_size: int, pretrained: bool = False) -> tuple[nn.Module, str]:
    """Validated build: the detector and a note ("" or why weights are missing).

    ``num_classes`` counts object classes only; targets label them 1..num_classes. The module
    carries its :class:`ModelConfig` (3 input channels), read back by ``models.model_config``.
    """
    spec = DETECTORS.get(name)
    if spec is None:
        raise ValueError(f"unknown detector {name!r}; choose one of: {', '.join(DETECTORS)}")
    if num_classes < 1:
        raise ValueError(f"num_classes must be at least 1, got {num_classes}")
    if image_size < spec.min_image_size:
        raise ValueError(f"{name} needs image_size >= {spec.min_image_size}, got {image_size}")
    config = ModelConfig(name, num_classes, 3, image_size, pretrained)
    model, note = spec.factory(config)
    setattr(model, CONFIG_ATTR, config)
    return model, note


def list_detectors() -> list[tuple[str, str]]:
    """(name, description) of every registered detector, default first."""
    return [(spec.name, spec.description) for spec in DETECTORS.values()]
