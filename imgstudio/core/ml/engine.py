"""The training engine: one loop for every model kind, driven by a task adapter.

``run(config, ctx, callbacks)`` is what the CLI, the GUI's worker thread and the tests
call. It writes a run folder (config, metrics as JSON lines, best/last model files,
resumable state), checks ``ctx`` between steps (pause, stop within a second), stops
early on a plateau, refuses NaN losses, and resumes after a crash or kill.

Determinism: the shuffle order and the global torch RNG are re-seeded from
(seed, epoch) at the start of every epoch, so a run resumed at an epoch boundary
continues exactly as an uninterrupted one would.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
from torch.utils.data import DataLoader

from imgstudio.core.jobs import JobCancelled, JobContext
from imgstudio.core.ml.checkpoint import CheckpointError, load_model_file, load_state, save_model, save_state
from imgstudio.core.ml.config import TrainConfig
from imgstudio.core.ml.device import choose_device, describe_device
from imgstudio.core.ml.runs import METRICS_FILE, SUMMARY_FILE
from imgstudio.core.ml.tasks import TaskAdapter, make_task

CONFIG_FILE = "config.json"
LAST_MODEL = "last.safetensors"
BEST_MODEL = "best.safetensors"
STATE_FILE = "state.pt"


class TrainingError(RuntimeError):
    """Training cannot go on (NaN loss, bad data, ...); the message says what to do."""


class Callback:
    """Hooks the engine calls from its thread; override what you need."""

    def on_start(self, info: dict[str, Any]) -> None: ...

    def on_step(self, metrics: dict[str, Any]) -> None: ...

    def on_epoch(self, metrics: dict[str, Any]) -> None: ...

    def on_end(self, result: dict[str, Any]) -> None: ...


@dataclass
class _Progress:
    epoch: int = 0
    step: int = 0
    best: float | None = None
    best_epoch: int = -1
    bad_epochs: int = 0
    history: list[dict[str, Any]] = field(default_factory=list)


def _seed_epoch(seed: int, epoch: int) -> torch.Generator:
    torch.manual_seed(seed * 1_000_003 + epoch)
    return torch.Generator().manual_seed(seed * 7_919 + epoch)


def _lr_lambda(config: TrainConfig, steps_per_epoch: int) -> Callable[[int], float]:
    total = max(1, config.epochs * steps_per_epoch)
    warmup = min(total // 2, int(config.warmup_epochs * steps_per_epoch))

    def factor(step: int) -> float:
        if config.scheduler == "none":
            return 1.0
        if step < warmup:
            return (step + 1) / warmup
        if config.scheduler == "step":
            return 0.1 ** (step // max(1, total // 3))
        progress = min(1.0, (step - warmup) / max(1, total - warmup))
        floor = 0.0 if config.scheduler == "onecycle" else 0.01
        return floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * progress))

    return factor


def _optimizer(config: TrainConfig, params: Iterable[torch.nn.Parameter]) -> torch.optim.Optimizer:
    if config.optimizer == "sgd":
        return torch.optim.SGD(
            params, lr=config.lr, momentum=config.momentum, nesterov=True, weight_decay=config.weight_decay
        )
    if config.optimizer == "adamw":
        return torch.optim.AdamW(params, lr=config.lr, weight_decay=config.weight_decay or 0.01)
    return torch.optim.Adam(params, lr=config.lr, weight_decay=config.weight_decay)


def _append_jsonl(path: Path, record: dict[str, Any]) -> None:
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(record) + "\n")


def _improved(config: TrainConfig, value: float, best: float | None) -> bool:
    if best is None:
        return True
    return value > best if config.monitor == "val_accuracy" else value < best


class _Run:
    """State of one run while it trains."""

    def __init__(self, config: TrainConfig, ctx: JobContext, callbacks: list[Callback], resume: bool) -> None:
        self.config = config.validate()
        self.ctx = ctx
        self.callbacks = callbacks
        self.out = Path(config.out)
        self.device = choose_device(config.device)
        torch.manual_seed(config.seed)
        self.task: TaskAdapter = make_task(config)
        self.model = self.task.model.to(self.device)
        if config.channels_last and self.device.type != "mps":
            self.model = self.model.to(memory_format=torch.channels_last)
        self.optimizer = _optimizer(config, self.model.parameters())
        self.steps_per_epoch = max(1, math.ceil(len(self.task.train_set) / config.batch_size))
        self.scheduler = torch.optim.lr_scheduler.LambdaLR(self.optimizer, _lr_lambda(config, self.steps_per_epoch))
        self.use_amp = config.amp and self.device.type == "cuda"
        self.scaler = torch.amp.GradScaler("cuda", enabled=self.use_amp)
        self.progress = _Progress()
        self.out.mkdir(parents=True, exist_ok=True)
        if resume:
            self._restore()
        else:
            (self.out / METRICS_FILE).write_text("", encoding="utf-8")
        self._epoch_start_step = self._saved_step = self.progress.step
        config.save(self.out / CONFIG_FILE)

    # -- persistence ---------------------------------------------------------------------
    def _restore(self) -> None:
        state = load_state(self.out / STATE_FILE)
        weights, _ = load_model_file(self.out / LAST_MODEL)
        self.model.load_state_dict(weights)
        self.optimizer.load_state_dict(state["optimizer"])
        self.scheduler.load_state_dict(state["scheduler"])
        if "scaler" in state:
            self.scaler.load_state_dict(state["scaler"])
        p = self.progress
        p.epoch, p.step = int(state["epoch"]), int(state["step"])
        p.best, p.best_epoch, p.bad_epochs = state.get("best"), int(state["best_epoch"]), int(state["bad_epochs"])
        p.history = [json.loads(h) for h in state.get("history", [])]
        self._truncate_metrics(p.epoch)

    def _truncate_metrics(self, epochs_done: int) -> None:
        """Drop metrics of an epoch that a crash interrupted (it will run again)."""
        path = self.out / METRICS_FILE
        lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        kept = [line for line in lines if line.strip() and json.loads(line).get("epoch", 0) <= epochs_done]
        path.write_text("".join(line + "\n" for line in kept), encoding="utf-8")

    def _save(self, epoch_done: int, best: bool) -> None:
        meta = self.task.metadata()
        meta["epoch"] = epoch_done
        partial_steps = self.progress.step - self._epoch_start_step
        if partial_steps:  # stopped inside an epoch: these weights have seen part of the next one
            meta["partial_epoch_steps"] = partial_steps
        save_model(self.out / LAST_MODEL, self.model, meta)
        if best:
            save_model(self.out / BEST_MODEL, self.model, meta)
        p = self.progress
        state = {
            "optimizer": self.optimizer.state_dict(),
            "scheduler": self.scheduler.state_dict(),
            "scaler": self.scaler.state_dict(),
            "epoch": epoch_done,
            "step": p.step,
            "best": p.best,
            "best_epoch": p.best_epoch,
            "bad_epochs": p.bad_epochs,
            "history": [json.dumps(h) for h in p.history],
        }
        save_state(self.out / STATE_FILE, state)

    def _summary(self, status: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        last = self.progress.history[-1] if self.progress.history else {}
        summary = {
            "status": status,
            "task": self.config.task,
            "model": self.config.model,
            "data": self.config.data,
            "epochs_done": self.progress.epoch,
            "epochs": self.config.epochs,
            "best_epoch": self.progress.best_epoch,
            "monitor": self.config.monitor,
            "best": self.progress.best,
            "final": {k: v for k, v in last.items() if k != "kind"},
            "out": str(self.out),
            "best_model": str(self.out / BEST_MODEL),
            "last_model": str(self.out / LAST_MODEL),
            **(extra or {}),
        }
        text = json.dumps(summary, indent=2, ensure_ascii=False) + "\n"
        (self.out / SUMMARY_FILE).write_text(text, encoding="utf-8")
        return summary

    # -- the loop --------------------------------------------------------------------------
    def info(self) -> dict[str, Any]:
        return {
            "out": str(self.out),
            "device": describe_device(self.device),
            "model": self.config.model,
            "parameters": sum(p.numel() for p in self.model.parameters()),
            "classes": self.task.classes,
            "train_size": len(self.task.train_set),
            "val_size": len(self.task.val_set),
            "steps_per_epoch": self.steps_per_epoch,
            "epochs": self.config.epochs,
            "start_epoch": self.progress.epoch,
            "note": self.task.note,
        }

    def _loader(self, dataset: Any, shuffle: bool, generator: torch.Generator | None) -> DataLoader:
        return DataLoader(
            dataset,
            batch_size=self.config.batch_size,
            shuffle=shuffle,
            generator=generator,
            num_workers=self.config.num_workers,
            pin_memory=self.device.type == "cuda",
            persistent_workers=False,
        )

    def _to_device(self, x: torch.Tensor) -> torch.Tensor:
        x = x.to(self.device, non_blocking=True)
        if self.config.channels_last and x.dim() == 4 and self.device.type != "mps":
            x = x.contiguous(memory_format=torch.channels_last)
        return x

    def train_epoch(self, epoch: int) -> dict[str, Any]:
        generator = _seed_epoch(self.config.seed, epoch)
        self.task.set_epoch(epoch)
        self.model.train()
        self._epoch_start_step = self.progress.step
        total = self.config.epochs * self.steps_per_epoch
        loss_sum, correct, seen = 0.0, 0, 0
        step_log: list[dict[str, Any]] = []
        start = time.perf_counter()
        for inputs, targets in self._loader(self.task.train_set, True, generator):
            self.ctx.check()
            inputs, targets = self._to_device(inputs), targets.to(self.device, non_blocking=True)
            with torch.autocast(self.device.type, enabled=self.use_amp):
                loss, batch_correct = self.task.train_step(self.model, inputs, targets)
            value = float(loss.detach())
            if not math.isfinite(value):
                raise TrainingError(
                    f"the loss became {value} at epoch {epoch + 1}, step {self.progress.step + 1}; training stopped "
                    f"and the last good checkpoint in {self.out} is kept. Try a lower learning rate."
                )
            self.optimizer.zero_grad(set_to_none=True)
            self.scaler.scale(loss).backward()
            self.scaler.step(self.optimizer)
            self.scaler.update()
            self.scheduler.step()
            self.progress.step += 1
            n = int(targets.shape[0])
            loss_sum, correct, seen = loss_sum + value * n, correct + batch_correct, seen + n
            step_metrics = {
                "kind": "step",
                "epoch": epoch + 1,
                "step": self.progress.step,
                "loss": value,
                "accuracy": batch_correct / n,
                "lr": self.optimizer.param_groups[0]["lr"],
            }
            step_log.append(step_metrics)
            for cb in self.callbacks:
                cb.on_step(step_metrics)
            self.ctx.progress(self.progress.step, total, f"epoch {epoch + 1}/{self.config.epochs}  loss {value:.4f}")
        seconds = time.perf_counter() - start
        with (self.out / METRICS_FILE).open("a", encoding="utf-8") as fh:
            fh.writelines(json.dumps(m) + "\n" for m in step_log)
        return {
            "train_loss": loss_sum / max(1, seen),
            "train_accuracy": correct / max(1, seen),
            "images_per_s": seen / max(seconds, 1e-9),
            "train_seconds": seconds,
        }

    @torch.inference_mode()
    def validate(self) -> dict[str, Any]:
        self.model.eval()
        loss_sum, correct, seen = 0.0, 0, 0
        for inputs, targets in self._loader(self.task.val_set, False, None):
            self.ctx.check()
            inputs, targets = self._to_device(inputs), targets.to(self.device)
            with torch.autocast(self.device.type, enabled=self.use_amp):
                loss, batch_correct = self.task.train_step(self.model, inputs, targets)
            n = int(targets.shape[0])
            loss_sum, correct, seen = loss_sum + float(loss) * n, correct + batch_correct, seen + n
        return {"val_loss": loss_sum / max(1, seen), "val_accuracy": correct / max(1, seen)}

    def fit(self) -> dict[str, Any]:
        info = self.info()
        for cb in self.callbacks:
            cb.on_start(info)
        p = self.progress
        status = "finished"
        try:
            for epoch in range(p.epoch, self.config.epochs):
                metrics = {"kind": "epoch", "epoch": epoch + 1, **self.train_epoch(epoch), **self.validate()}
                metrics["lr"] = self.optimizer.param_groups[0]["lr"]
                value = metrics[self.config.monitor]
                best = _improved(self.config, value, p.best)
                if best:
                    p.best, p.best_epoch, p.bad_epochs = value, epoch + 1, 0
                else:
                    p.bad_epochs += 1
                p.epoch = epoch + 1
                p.history.append(metrics)
                _append_jsonl(self.out / METRICS_FILE, metrics)
                self._epoch_start_step = p.step
                self._save(p.epoch, best)
                self._saved_step = p.step
                for cb in self.callbacks:
                    cb.on_epoch(metrics)
                if self.config.patience and p.bad_epochs >= self.config.patience:
                    status = "stopped early"
                    break
        except JobCancelled:
            status = "stopped"
            if p.step > self._saved_step:  # keep what the interrupted epoch learnt
                self._save(p.epoch, best=False)
                self._saved_step = p.step
        extra = {"device": info["device"], "classes": self.task.classes, "steps": p.step}
        result = self._summary(status, extra)
        for cb in self.callbacks:
            cb.on_end(result)
        return result


def run(
    config: TrainConfig,
    ctx: JobContext | None = None,
    callbacks: Iterable[Callback] = (),
    *,
    resume: bool = False,
) -> dict[str, Any]:
    """Train as ``config`` says (or continue the run in ``config.out`` when ``resume``).

    Returns the run summary (also written to ``run.json``). A stop request inside an
    epoch saves the weights so far as the last model (``partial_epoch_steps`` in its
    metadata) with the optimizer state; resuming runs that epoch again from them. The
    best model is only ever written after a validation.
    """
    return _Run(config, ctx or JobContext(), list(callbacks), resume).fit()


def resume_config(run_dir: str | Path) -> TrainConfig:
    """The configuration of an existing run, ready for ``run(..., resume=True)``."""
    run_dir = Path(run_dir)
    if not (run_dir / STATE_FILE).is_file() or not (run_dir / LAST_MODEL).is_file():
        raise CheckpointError(f"{run_dir}: no complete checkpoint to resume from (need {LAST_MODEL} and {STATE_FILE})")
    config = TrainConfig.load(run_dir / CONFIG_FILE)
    config.out = str(run_dir)
    return config
