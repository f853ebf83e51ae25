"""A training run in a worker thread, reporting to the GUI at a bounded rate.

:class:`TrainingSession` runs the engine's ``run(config, ctx, callbacks)`` — the same
function and config as ``imgstudio train`` — in a :class:`JobRunner`. The engine's
callbacks only append to a queue (cheap, in the worker thread); a 10 Hz timer in the GUI
thread drains it and emits batched signals, so a model taking a thousand steps a second
cannot flood the event loop.
"""

from __future__ import annotations

import collections
import time
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from imgstudio.core.jobs import JobContext
from imgstudio.core.ml.config import TrainConfig
from imgstudio.ui.workers import JobRunner

DRAIN_INTERVAL_MS = 100


class _QueueCallback:
    """Engine callback: every event goes to a thread-safe deque, nothing else."""

    def __init__(self, queue: collections.deque[tuple[str, dict[str, Any]]]) -> None:
        self.queue = queue

    def on_start(self, info: dict[str, Any]) -> None:
        self.queue.append(("start", info))

    def on_step(self, metrics: dict[str, Any]) -> None:
        self.queue.append(("step", metrics))

    def on_epoch(self, metrics: dict[str, Any]) -> None:
        self.queue.append(("epoch", metrics))

    def on_end(self, result: dict[str, Any]) -> None:
        self.queue.append(("end", result))

    def on_samples(self, step: int, path: Any, image: Any) -> None:
        self.queue.append(("samples", {"step": step, "path": str(path), "image": image}))


def _train(config: TrainConfig, callback: _QueueCallback, resume: bool, ctx: JobContext) -> dict[str, Any]:
    from imgstudio.core.ml import engine  # torch is imported here, in the worker, on first use

    return engine.run(config, ctx, [callback], resume=resume)


class TrainingSession(QObject):
    """One run: start, pause, resume, stop; metrics arrive as batched GUI-thread signals.

    Signals: ``sigStarted(info)``, ``sigSteps(list_of_step_metrics)``, ``sigEpoch(metrics)``,
    ``sigSamples({"step", "path", "image"})`` (a generator's fixed-noise samples; only the
    newest of a drain), ``sigFinished(summary)`` (finished, stopped or stopped early),
    ``sigFailed(message)``.
    Exactly one of ``sigFinished``/``sigFailed`` ends a session.
    """

    sigStarted = Signal(dict)
    sigSteps = Signal(list)
    sigEpoch = Signal(dict)
    sigSamples = Signal(dict)
    sigFinished = Signal(dict)
    sigFailed = Signal(str)

    def __init__(self, config: TrainConfig, *, resume: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.resume = resume
        self.info: dict[str, Any] = {}
        self.summary: dict[str, Any] | None = None
        self.error = ""
        self.started_at = 0.0
        self._queue: collections.deque[tuple[str, dict[str, Any]]] = collections.deque()
        callback = _QueueCallback(self._queue)
        # progress travels with the step records (drained at 10 Hz): no per-step wake-ups of the GUI
        self.runner = JobRunner(lambda ctx: _train(config, callback, resume, ctx), self, progress=False)
        self.runner.sigResult.connect(self._on_result)
        self.runner.sigError.connect(self._on_error)
        self.runner.sigFinished.connect(self._on_runner_finished)
        self._timer = QTimer(self)
        self._timer.setInterval(DRAIN_INTERVAL_MS)
        self._timer.timeout.connect(self.drain)

    # -- control ---------------------------------------------------------------------------
    def start(self) -> None:
        self.started_at = time.monotonic()
        self._timer.start()
        self.runner.start()

    def pause(self) -> None:
        self.runner.pause()

    def resume_training(self) -> None:
        self.runner.resume()

    def stop(self) -> None:
        """Ask the engine to stop after the current step (it saves what it learnt)."""
        self.runner.cancel()  # wakes a paused run too

    @property
    def paused(self) -> bool:
        return self.runner.ctx.paused

    def is_running(self) -> bool:
        return self.runner.is_running() or not self.runner.delivered

    def wait(self, msecs: int = 60_000) -> bool:
        return self.runner.wait(msecs)

    # -- delivery ---------------------------------------------------------------------------
    def drain(self) -> None:
        """Emit everything queued since the last call (steps batched into one signal)."""
        steps: list[dict[str, Any]] = []
        samples: dict[str, Any] | None = None
        while self._queue:
            kind, payload = self._queue.popleft()
            if kind == "step":
                steps.append(payload)
                continue
            if kind == "samples":
                samples = payload
                continue
            if steps:
                self.sigSteps.emit(steps)
                steps = []
            if kind == "start":
                self.info = payload
                self.sigStarted.emit(payload)
            elif kind == "epoch":
                self.sigEpoch.emit(payload)
        if steps:
            self.sigSteps.emit(steps)
        if samples is not None:
            self.sigSamples.emit(samples)

    def _on_result(self, summary: object) -> None:
        self.summary = summary if isinstance(summary, dict) else {}

    def _on_error(self, message: str) -> None:
        self.error = message

    def _on_runner_finished(self) -> None:
        self._timer.stop()
        self.drain()
        if self.summary is not None:
            self.sigFinished.emit(self.summary)
        else:
            self.sigFailed.emit(self.error or self.tr("training ended without a result"))
