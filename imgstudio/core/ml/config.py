"""The training configuration: one object for the GUI, the CLI and the tests."""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from imgstudio.core.io import atomic_write_bytes

OPTIMIZERS = ("adam", "adamw", "sgd")
SCHEDULERS = ("cosine", "onecycle", "step", "none")
TASK_MONITORS: dict[str, dict[str, bool]] = {
    "classify": {"val_accuracy": True, "val_loss": False},
    "generate": {"val_fd": False, "val_loss": False},
    "detect": {"val_map50": True, "val_map50_95": True},
}
"""Metrics each task can monitor (best model, early stopping), each with "higher is better"."""
TASKS = tuple(TASK_MONITORS)
TASK_DEFAULTS: dict[str, dict[str, Any]] = {
    "generate": {
        "data": "synthetic:shapes-plain",
        "model": "dcgan",
        "image_size": 32,
        "epochs": 20,
        "batch_size": 32,
        "lr": 2e-4,
        "scheduler": "none",
        "warmup_epochs": 0.0,
        "monitor": "val_fd",
    },
    "generate:vae": {"lr": 1e-3},
    "detect": {
        "data": "synthetic:shapes-detect",
        "model": "tiny-det",
        "image_size": 128,
        "epochs": 5,
        "batch_size": 16,
        "lr": 2e-3,
        "synthetic_train": 4000,
        "synthetic_val": 300,
        "monitor": "val_map50",
    },
}
"""Values a task (``task``) or a task's model (``task:model``) uses where a run does not set them."""


CLI_OPTIONS = (
    "task",
    "data",
    "model",
    "image_size",
    "channels",
    "epochs",
    "batch_size",
    "lr",
    "optimizer",
    "weight_decay",
    "scheduler",
    "device",
    "patience",
    "seed",
    "out",
    "val_fraction",
    "synthetic_train",
    "synthetic_val",
    "num_workers",
    "pretrained",
    "download",
)
"""Fields that ``imgstudio train`` takes as flags (``--image-size`` for ``image_size``)."""


class ConfigError(ValueError):
    """A training configuration is invalid; the message names the field."""


def task_defaults(task: str, model: str | None = None) -> dict[str, Any]:
    """The fields ``task`` (and its ``model``) set differently from the classification defaults."""
    defaults = dict(TASK_DEFAULTS.get(task, {}))
    defaults.update(TASK_DEFAULTS.get(f"{task}:{model or defaults.get('model', '')}", {}))
    return defaults


@dataclass
class TrainConfig:
    """Everything that defines a training run (saved as ``config.json`` in the run folder).

    The field defaults are classification's; :meth:`for_task` (and :meth:`from_dict`) fill in
    another task's own defaults (``TASK_DEFAULTS``), such as a GAN's learning rate of 2e-4.
    """

    task: str = "classify"
    data: str = "synthetic:shapes"
    model: str = "small-cnn"
    image_size: int = 64
    channels: int = 3
    epochs: int = 10
    batch_size: int = 32
    lr: float = 2e-3
    optimizer: str = "adam"
    weight_decay: float = 0.0
    momentum: float = 0.9
    scheduler: str = "cosine"
    warmup_epochs: float = 0.5
    device: str = "auto"
    amp: bool = True
    channels_last: bool = True
    patience: int = 0
    """Early stopping: epochs without improvement of ``monitor`` before stopping (0: off)."""
    monitor: str = "val_accuracy"
    """The validation metric that picks the best model; must be one of ``TASK_MONITORS[task]``."""
    seed: int = 0
    out: str = ""
    val_fraction: float = 0.2
    synthetic_train: int = 2000
    synthetic_val: int = 500
    augment: dict[str, Any] | None = None
    pretrained: bool = False
    num_workers: int = 0
    cache_mb: int = 512
    download: bool = False
    sample_every: int = 50
    """Generation: steps between the fixed-noise sample grids written to ``samples/`` (0: off)."""
    latent_size: int = 0
    """Generation: length of the noise vector (0: the model's default)."""
    extra: dict[str, Any] = field(default_factory=dict)

    def validate(self) -> TrainConfig:
        """Raise :class:`ConfigError` for values no run could use."""
        checks = [
            (self.task in TASKS, f"task must be one of {', '.join(TASKS)}"),
            (self.optimizer in OPTIMIZERS, f"optimizer must be one of {', '.join(OPTIMIZERS)}"),
            (self.scheduler in SCHEDULERS, f"scheduler must be one of {', '.join(SCHEDULERS)}"),
            (self.epochs >= 1, "epochs must be at least 1"),
            (self.batch_size >= 1, "batch_size must be at least 1"),
            (self.image_size >= 8, "image_size must be at least 8"),
            (self.channels in (1, 3), "channels must be 1 or 3"),
            (self.lr > 0, "lr must be positive"),
            (self.patience >= 0, "patience must be 0 (off) or more"),
            (0.0 <= self.val_fraction < 1.0, "val_fraction must be in [0, 1)"),
            (bool(self.out), "out (the run folder) must be set"),
        ]
        for ok, message in checks:
            if not ok:
                raise ConfigError(message)
        monitors = TASK_MONITORS[self.task]
        if self.monitor not in monitors:
            raise ConfigError(f"monitor '{self.monitor}' does not fit task '{self.task}': use {' or '.join(monitors)}")
        if self.sample_every < 0 or self.latent_size < 0:
            raise ConfigError("sample_every and latent_size must be 0 or more")
        return self

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def for_task(cls, task: str, **values: Any) -> TrainConfig:
        """A configuration for ``task`` with that task's defaults where ``values`` say nothing."""
        return cls.from_dict({"task": task, **values})

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TrainConfig:
        """Build from a dict (unknown keys are an error; missing ones take the task's defaults)."""
        if not isinstance(data, dict):
            raise ConfigError("a training configuration must be a JSON object")
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ConfigError(f"unknown configuration key '{unknown[0]}'")
        values = {}
        for name, value in data.items():
            default = getattr(cls(), name)
            if isinstance(default, bool):
                if not isinstance(value, bool):
                    raise ConfigError(f"'{name}' must be true or false, not {value!r}")
            elif isinstance(default, int) and not isinstance(default, bool):
                if isinstance(value, bool) or not isinstance(value, int):
                    raise ConfigError(f"'{name}' must be a whole number, not {value!r}")
            elif isinstance(default, float):
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    raise ConfigError(f"'{name}' must be a number, not {value!r}")
                value = float(value)
            elif isinstance(default, str) and not isinstance(value, str):
                raise ConfigError(f"'{name}' must be text, not {value!r}")
            values[name] = value
        return cls(**{**task_defaults(values.get("task", "classify"), values.get("model")), **values})

    def command_line(self) -> list[str] | None:
        """The ``imgstudio train`` arguments for this configuration (non-default fields only).

        None when a field without a flag differs from its default (an augmentation
        pipeline, say): such a run is given to the CLI as a saved file (``--config``).
        """
        default = TrainConfig.for_task(self.task, model=self.model)
        args = ["imgstudio", "train"]
        for f in fields(self):
            value = getattr(self, f.name)
            if value == getattr(default, f.name) and f.name not in ("task", "data", "model", "out"):
                continue
            if f.name not in CLI_OPTIONS:
                return None
            flag = "--" + f.name.replace("_", "-")
            if isinstance(value, bool):
                if not value:
                    return None  # the flags only switch these on (their default is off)
                args.append(flag)
            elif value != "":
                args += [flag, str(value)]
        return args

    def save(self, path: str | os.PathLike[str]) -> None:
        text = json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"
        atomic_write_bytes(path, text.encode("utf-8"), overwrite=True)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> TrainConfig:
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from exc
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{path}: invalid JSON at line {exc.lineno}: {exc.msg}") from exc
        return cls.from_dict(data)
