"""The training engine: one loop for every model kind, driven by a task adapter.

``run(config, ctx, callbacks)`` is what the CLI, the GUI's worker thread and the tests
call. It writes a run folder (config, metrics as JSON lines, best/last model files,
resumable state), checks ``ctx`` between steps (pause, stop within a second), stops
early on a plateau, refuses NaN losses, and resumes after a crash or kill. What differs
between model kinds (optimizers, steps, metrics, validation, progress images) is the task
adapter's (:mod:`imgstudio.core.ml.tasks`); every optimizer's state goes into ``state.pt``.

Determinism: the shuffle order and the global torch RNG are re-seeded from
(seed, epoch) at the start of every epoch, so a run resumed at an epoch boundary
continues exactly as an uninterrupted one would.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch.utils.data import DataLoader

from imgstudio.core.io import write_image
from imgstudio.core.jobs import JobCancelled, JobContext
from imgstudio.core.ml.checkpoint import CheckpointError, load_model_file, load_state, save_model, save_state
from imgstudio.core.ml.config import TrainConfig
from imgstudio.core.ml.device import choose_device, describe_device
from imgstudio.core.ml.runs import METRICS_FILE, SUMMARY_FILE
from imgstudio.core.ml.tasks import TaskAdapter, batch_size_of, make_optimizer, make_task

CONFIG_FILE = "config.json"
LAST_MODEL = "last.safetensors"
BEST_MODEL = "best.safetensors"
STATE_FILE = "state.pt"
SAMPLES_DIR = "samples"


class TrainingError(RuntimeError):
    """Training cannot go on (NaN loss, bad data, ...); the message says what to do."""


class Callback:
    """Hooks the engine calls from its thread; override what you need."""

    def on_start(self, info: dict[str, Any]) -> None: ...

    def on_step(self, metrics: dict[str, Any]) -> None: ...

    def on_epoch(self, metrics: dict[str, Any]) -> None: ...

    def on_samples(self, step: int, path: str, image: np.ndarray) -> None:
        """A progress image (a generator's fixed-noise grid) was written to ``path`` at ``step``."""

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


_optimizer = make_optimizer  # the benchmarks' bare loop builds its optimizer the engine's way


def _append_jsonl(path: Path, record: dict[str, Any]) -> None:
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(record) + "\n")


class Optimization:
    """A task's optimizers, mixed precision and the NaN guard: how ``fit_step`` applies a loss."""

    def __init__(
        self, optimizers: dict[str, torch.optim.Optimizer], device: torch.device, amp: bool, out: Path
    ) -> None:
        self.optimizers = optimizers
        self.device_type = device.type
        self.use_amp = amp
        self.scaler = torch.amp.GradScaler("cuda", enabled=amp)
        self.out = out
        self.where = ""
        """Where training is ("epoch 2, step 17"), for the NaN message."""

    def autocast(self) -> torch.autocast:
        """Mixed precision for forward passes (on CUDA when the config allows it)."""
        return torch.autocast(self.device_type, enabled=self.use_amp)

    def step(self, loss: torch.Tensor, optimizer: str = "model", name: str = "loss") -> float:
        """Refuse a non-finite ``loss``, else backpropagate it and step ``optimizer``; returns its value."""
        value = float(loss.detach())
        if not math.isfinite(value):
            raise TrainingError(
                f"the {name} became {value} at {self.where}; training stopped "
                f"and the last good checkpoint in {self.out} is kept. Try a lower learning rate."
            )
        opt = self.optimizers[optimizer]
        opt.zero_grad(set_to_none=True)
        self.scaler.scale(loss).backward()
        self.scaler.step(opt)
        self.scaler.update()
        return value


def _to_device(x: Any, device: torch.device, channels_last: bool) -> Any:
    """A batch (tensors, possibly in lists, tuples and dicts) on ``device``; images channels-last."""
    if isinstance(x, torch.Tensor):
        x = x.to(device, non_blocking=True)
        if channels_last and x.dim() == 4:
            x = x.contiguous(memory_format=torch.channels_last)
        return x
    if isinstance(x, (list, tuple)):
        return type(x)(_to_device(v, device, channels_last) for v in x)
    if isinstance(x, dict):
        return {k: _to_device(v, device, channels_last) for k, v in x.items()}
    return x


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
        self.channels_last = config.channels_last and self.device.type != "mps"
        self.model = self.task.model.to(self.device)
        if self.channels_last:
            self.model = self.model.to(memory_format=torch.channels_last)
        optimizers = self.task.optimizers(config)
        self.optim = Optimization(optimizers, self.device, config.amp and self.device.type == "cuda", self.out)
        self.steps_per_epoch = max(1, math.ceil(len(self.task.train_set) / config.batch_size))
        lr_factor = _lr_lambda(config, self.steps_per_epoch)
        self.schedulers = {k: torch.optim.lr_scheduler.LambdaLR(o, lr_factor) for k, o in optimizers.items()}
        self.progress = _Progress()
        self.samples_step = -1
        self.out.mkdir(parents=True, exist_ok=True)
        if resume:
            self._restore()
        else:
            (self.out / METRICS_FILE).write_text("", encoding="utf-8")
        self._epoch_start_step = self._saved_step = self.progress.step
        config.save(self.out / CONFIG_FILE)

    @property
    def lr(self) -> float:
        """The learning rate of the task's first optimizer."""
        return next(iter(self.optim.optimizers.values())).param_groups[0]["lr"]

    # -- persistence ---------------------------------------------------------------------
    def _restore(self) -> None:
        state = load_state(self.out / STATE_FILE)
        weights, _ = load_model_file(self.out / LAST_MODEL)
        self.model.load_state_dict(weights)
        optimizers = state.get("optimizers", {"model": state.get("optimizer")})
        schedulers = state.get("schedulers", {"model": state.get("scheduler")})
        if set(optimizers) != set(self.optim.optimizers):
            raise CheckpointError(f"{self.out / STATE_FILE}: its optimizers do not match this task's")
        for name, optimizer in self.optim.optimizers.items():
            optimizer.load_state_dict(optimizers[name])
            self.schedulers[name].load_state_dict(schedulers[name])
        if "scaler" in state:
            self.optim.scaler.load_state_dict(state["scaler"])
        self.task.load_state_dict(state.get("task", {}))
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
            "optimizers": {k: o.state_dict() for k, o in self.optim.optimizers.items()},
            "schedulers": {k: s.state_dict() for k, s in self.schedulers.items()},
            "scaler": self.optim.scaler.state_dict(),
            "task": self.task.state_dict(),
            "epoch": epoch_done,
            "step": p.step,
            "best": p.best,
            "best_epoch": p.best_epoch,
            "bad_epochs": p.bad_epochs,
            "history": [json.dumps(h) for h in p.history],
        }
        save_state(self.out / STATE_FILE, state)

    def _write_samples(self) -> None:
        """Write the task's progress image as ``samples/step_NNNNNN.png`` and tell the callbacks."""
        step = self.progress.step
        if step == self.samples_step:
            return
        image = self.task.samples()
        if image is None:
            return
        path = write_image(self.out / SAMPLES_DIR / f"step_{step:06d}.png", image, overwrite=True)
        self.samples_step = step
        for cb in self.callbacks:
            hook = getattr(cb, "on_samples", None)  # callbacks need not derive from Callback
            if hook is not None:
                hook(step, str(path), image)

    def _summary(self, status: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        history = self.progress.history
        last = history[-1] if history else {}
        warnings = [h["warning"] for h in history if h.get("warning")]
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
            **({"warning": warnings[-1]} if warnings else {}),
            **({"samples": str(self.out / SAMPLES_DIR)} if (self.out / SAMPLES_DIR).is_dir() else {}),
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
            "task": self.config.task,
            "model": self.config.model,
            "parameters": sum(p.numel() for p in self.model.parameters()),
            "classes": self.task.classes,
            "train_size": len(self.task.train_set),
            "val_size": len(self.task.val_set),
            "steps_per_epoch": self.steps_per_epoch,
            "epochs": self.config.epochs,
            "start_epoch": self.progress.epoch,
            "step_metrics": list(self.task.step_metrics),
            "epoch_metrics": [f"train_{m}" for m in self.task.step_metrics] + list(self.task.val_metrics),
            "monitor": self.config.monitor,
            "note": self.task.note,
        }

    def _batches(self, dataset: Any, shuffle: bool, generator: torch.Generator | None) -> Iterator[Any]:
        """The batches of ``dataset`` on the device; pause and stop are honoured before each."""
        loader = DataLoader(
            dataset,
            batch_size=self.config.batch_size,
            shuffle=shuffle,
            generator=generator,
            num_workers=self.config.num_workers,
            pin_memory=self.device.type == "cuda",
            persistent_workers=False,
            collate_fn=self.task.collate_fn,
        )
        for batch in loader:
            self.ctx.check()
            yield _to_device(batch, self.device, self.channels_last)

    def train_epoch(self, epoch: int) -> dict[str, Any]:
        generator = _seed_epoch(self.config.seed, epoch)
        self.task.set_epoch(epoch)
        self.model.train()
        self._epoch_start_step = self.progress.step
        total = self.config.epochs * self.steps_per_epoch
        sums: dict[str, float] = {}
        seen = 0
        step_log: list[dict[str, Any]] = []
        start = time.perf_counter()
        for batch in self._batches(self.task.train_set, True, generator):
            self.optim.where = f"epoch {epoch + 1}, step {self.progress.step + 1}"
            metrics = self.task.fit_step(batch, self.optim)
            for scheduler in self.schedulers.values():
                scheduler.step()
            self.progress.step += 1
            n = batch_size_of(batch)
            for name, value in metrics.items():
                sums[name] = sums.get(name, 0.0) + value * n
            seen += n
            step_metrics = {"kind": "step", "epoch": epoch + 1, "step": self.progress.step, **metrics, "lr": self.lr}
            step_log.append(step_metrics)
            for cb in self.callbacks:
                cb.on_step(step_metrics)
            if self.config.sample_every and self.progress.step % self.config.sample_every == 0:
                self._write_samples()
            name, value = next(iter(metrics.items()))
            self.ctx.progress(self.progress.step, total, f"epoch {epoch + 1}/{self.config.epochs}  {name} {value:.4f}")
        seconds = time.perf_counter() - start
        with (self.out / METRICS_FILE).open("a", encoding="utf-8") as fh:
            fh.writelines(json.dumps(m) + "\n" for m in step_log)
        return {
            **{f"train_{name}": value_sum / max(1, seen) for name, value_sum in sums.items()},
            "images_per_s": seen / max(seconds, 1e-9),
            "train_seconds": seconds,
        }

    def validate(self) -> dict[str, Any]:
        self.model.eval()
        with torch.inference_mode(), self.optim.autocast():
            return self.task.validate(self._batches(self.task.val_set, False, None))

    def _improved(self, value: float) -> bool:
        best = self.progress.best
        if best is None:
            return True
        return value > best if self.task.monitors[self.config.monitor] else value < best

    def fit(self) -> dict[str, Any]:
        info = self.info()
        for cb in self.callbacks:
            cb.on_start(info)
        p = self.progress
        status = "finished"
        try:
            if p.step == 0 and self.config.sample_every:
                self._write_samples()  # what the untrained model makes
            for epoch in range(p.epoch, self.config.epochs):
                metrics = {"kind": "epoch", "epoch": epoch + 1, **self.train_epoch(epoch), **self.validate()}
                metrics["lr"] = self.lr
                metrics.update(self.task.end_epoch())
                value = metrics[self.config.monitor]
                best = self._improved(value)
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
        if self.config.sample_every:
            self._write_samples()  # the final state, unless that step was just written
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
