"""Task adapters: what differs between model kinds (data, model, optimisation, metrics, metadata).

The engine drives every adapter the same way: it moves each batch to the device, hands it
to ``fit_step`` with an :class:`~imgstudio.core.ml.engine.Optimization` (the task's
optimizers, mixed precision and the NaN guard), averages the step metrics into ``train_*``
epoch metrics and asks ``validate`` for the ``val_*`` ones. :class:`Task` is the default
base: one optimizer over ``model`` and validation as batch-weighted means of ``eval_step``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from imgstudio import __version__
from imgstudio.core.ml.config import TASK_MONITORS, ConfigError, TrainConfig
from imgstudio.core.ml.datasets import DataBundle, DataConfig, build_datasets
from imgstudio.core.ml.models import GENERATIVE_MODELS, ModelConfig, build_model

if TYPE_CHECKING:
    from imgstudio.core.ml.engine import Optimization


class TaskAdapter(Protocol):
    """What the engine needs from a model kind."""

    model: nn.Module
    """Every trained weight (saved in the model files)."""
    train_set: Any
    val_set: Any
    classes: list[str]
    note: str
    monitors: Mapping[str, bool]
    """Metrics ``config.monitor`` may name, each with "higher is better"."""
    step_metrics: tuple[str, ...]
    """Names ``fit_step`` reports; the epoch reports each as ``train_<name>``."""
    val_metrics: tuple[str, ...]
    collate_fn: Callable[[list[Any]], Any] | None

    def set_epoch(self, epoch: int) -> None: ...

    def optimizers(self, config: TrainConfig) -> dict[str, torch.optim.Optimizer]: ...

    def fit_step(self, batch: Any, optim: Optimization) -> dict[str, float]:
        """Train on one batch (through ``optim.step``) and return its step metrics."""
        ...

    def validate(self, batches: Iterable[Any]) -> dict[str, float]:
        """The ``val_*`` metrics over the validation batches (run under inference mode)."""
        ...

    def end_epoch(self) -> dict[str, Any]:
        """Extra epoch metrics, such as a ``warning`` the user should see."""
        ...

    def samples(self) -> np.ndarray | None:
        """An image (grid) that shows progress, or None; written every ``sample_every`` steps."""
        ...

    def state_dict(self) -> dict[str, Any]: ...

    def load_state_dict(self, state: dict[str, Any]) -> None: ...

    def metadata(self) -> dict[str, Any]: ...


def make_optimizer(config: TrainConfig, params: Iterable[nn.Parameter]) -> torch.optim.Optimizer:
    """The optimizer ``config`` names, over ``params``."""
    if config.optimizer == "sgd":
        return torch.optim.SGD(
            params, lr=config.lr, momentum=config.momentum, nesterov=True, weight_decay=config.weight_decay
        )
    if config.optimizer == "adamw":
        return torch.optim.AdamW(params, lr=config.lr, weight_decay=config.weight_decay or 0.01)
    return torch.optim.Adam(params, lr=config.lr, weight_decay=config.weight_decay)


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


def data_metadata(config: TrainConfig, data: DataBundle) -> dict[str, Any]:
    """What every model file says about its data: classes, input size, channels and normalisation."""
    return {
        "classes": list(data.classes),
        "image_size": config.image_size,
        "channels": config.channels,
        "mean": list(data.mean),
        "std": list(data.std),
        "data": config.data,
        "imgstudio_version": __version__,
    }


def batch_size_of(batch: Any) -> int:
    """Number of items in a batch: the length of its first element (a tensor or a list)."""
    return len(batch[0])


class Task:
    """Default adapter behaviour: one optimizer over ``model``; metrics are batch-weighted means."""

    monitors: ClassVar[Mapping[str, bool]] = {}
    step_metrics: ClassVar[tuple[str, ...]] = ()
    val_metrics: ClassVar[tuple[str, ...]] = ()
    collate_fn: Callable[[list[Any]], Any] | None = None
    model: nn.Module
    train_set: Any

    def set_epoch(self, epoch: int) -> None:
        setter = getattr(self.train_set, "set_epoch", None)
        if setter is not None:
            setter(epoch)

    def optimizers(self, config: TrainConfig) -> dict[str, torch.optim.Optimizer]:
        return {"model": make_optimizer(config, self.model.parameters())}

    def fit_step(self, batch: Any, optim: Optimization) -> dict[str, float]:
        raise NotImplementedError

    def eval_step(self, batch: Any) -> dict[str, float]:
        """Metrics of one validation batch (reported with a ``val_`` prefix)."""
        raise NotImplementedError

    def validate(self, batches: Iterable[Any]) -> dict[str, float]:
        sums = {name.removeprefix("val_"): 0.0 for name in self.val_metrics}  # all reported, even with no batch
        seen = 0
        for batch in batches:
            n = batch_size_of(batch)
            for name, value in self.eval_step(batch).items():
                sums[name] = sums.get(name, 0.0) + value * n
            seen += n
        return {f"val_{name}": total / max(1, seen) for name, total in sums.items()}

    def end_epoch(self) -> dict[str, Any]:
        return {}

    def samples(self) -> np.ndarray | None:
        return None

    def state_dict(self) -> dict[str, Any]:
        return {}

    def load_state_dict(self, state: dict[str, Any]) -> None:
        return None


class ClassifyTask(Task):
    """Image classification with cross-entropy."""

    monitors = TASK_MONITORS["classify"]
    step_metrics = ("loss", "accuracy")
    val_metrics = ("val_loss", "val_accuracy")

    def __init__(self, config: TrainConfig) -> None:
        if config.model in GENERATIVE_MODELS:
            raise ConfigError(f"{config.model} is a generative model: train it with task 'generate'")
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

    def train_step(self, model: nn.Module, inputs: torch.Tensor, targets: torch.Tensor) -> tuple[torch.Tensor, int]:
        """(loss, number of correct predictions) for one batch."""
        logits = model(inputs)
        loss = F.cross_entropy(logits.float(), targets)
        correct = int((logits.argmax(dim=1) == targets).sum())
        return loss, correct

    def fit_step(self, batch: Any, optim: Optimization) -> dict[str, float]:
        inputs, targets = batch
        with optim.autocast():
            loss, correct = self.train_step(self.model, inputs, targets)
        return {"loss": optim.step(loss), "accuracy": correct / int(targets.shape[0])}

    def eval_step(self, batch: Any) -> dict[str, float]:
        inputs, targets = batch
        loss, correct = self.train_step(self.model, inputs, targets)
        return {"loss": float(loss), "accuracy": correct / int(targets.shape[0])}

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
            **data_metadata(self.config, self.data),
        }


def make_task(config: TrainConfig) -> TaskAdapter:
    """The adapter for ``config.task``."""
    if config.task == "classify":
        return ClassifyTask(config)
    if config.task == "generate":
        from imgstudio.core.ml.generative.task import make_generate_task

        return make_generate_task(config)
    if config.task == "detect":
        from imgstudio.core.ml.detection.task import DetectTask

        return DetectTask(config)
    raise ValueError(f"unknown task '{config.task}'")
