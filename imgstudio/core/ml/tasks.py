"""Task adapters: what differs between model kinds (data, model, loss, metadata).

The engine drives any adapter the same way; classification is here, detection and
generation add their own adapters.
"""

from __future__ import annotations

from typing import Any, Protocol

import torch
import torch.nn.functional as F
from torch import nn

from imgstudio import __version__
from imgstudio.core.ml.config import TrainConfig
from imgstudio.core.ml.datasets import DataConfig, build_datasets
from imgstudio.core.ml.models import ModelConfig, build_model


class TaskAdapter(Protocol):
    model: nn.Module
    train_set: Any
    val_set: Any
    classes: list[str]
    note: str

    def set_epoch(self, epoch: int) -> None: ...

    def train_step(self, model: nn.Module, inputs: torch.Tensor, targets: torch.Tensor) -> tuple[torch.Tensor, int]:
        """(loss, number of correct predictions) for one batch."""
        ...

    def metadata(self) -> dict[str, Any]: ...


def data_config(config: TrainConfig) -> DataConfig:
    """The data-set configuration a training configuration implies."""
    return DataConfig(
        source=config.data,
        image_size=config.image_size,
        channels=config.channels,
        val_fraction=config.val_fraction,
        seed=config.seed,
        synthetic_train=config.synthetic_train,
        synthetic_val=config.synthetic_val,
        cache_mb=config.cache_mb,
        augment=config.augment,
        download=config.download,
    )


class ClassifyTask:
    """Image classification with cross-entropy."""

    def __init__(self, config: TrainConfig) -> None:
        self.config = config
        self.data = build_datasets(data_config(config))
        self.train_set, self.val_set = self.data.train, self.data.val
        self.classes = list(self.data.classes)
        self.model_config = ModelConfig(
            name=config.model,
            num_classes=len(self.classes),
            in_channels=config.channels,
            image_size=config.image_size,
            pretrained=config.pretrained,
        )
        self.model, self.note = build_model(self.model_config)

    def set_epoch(self, epoch: int) -> None:
        setter = getattr(self.train_set, "set_epoch", None)
        if setter is not None:
            setter(epoch)

    def train_step(self, model: nn.Module, inputs: torch.Tensor, targets: torch.Tensor) -> tuple[torch.Tensor, int]:
        logits = model(inputs)
        loss = F.cross_entropy(logits.float(), targets)
        correct = int((logits.argmax(dim=1) == targets).sum())
        return loss, correct

    def metadata(self) -> dict[str, Any]:
        return {
            "task": "classify",
            "architecture": self.model_config.name,
            "model_config": {
                "name": self.model_config.name,
                "num_classes": self.model_config.num_classes,
                "in_channels": self.model_config.in_channels,
                "image_size": self.model_config.image_size,
            },
            "classes": self.classes,
            "image_size": self.config.image_size,
            "channels": self.config.channels,
            "mean": list(self.data.mean),
            "std": list(self.data.std),
            "data": self.config.data,
            "imgstudio_version": __version__,
        }


def make_task(config: TrainConfig) -> TaskAdapter:
    """The adapter for ``config.task``."""
    if config.task == "classify":
        return ClassifyTask(config)
    raise ValueError(f"unknown task '{config.task}'")
