"""Run core jobs off the GUI thread.

:class:`JobRunner` wraps one ``fn(ctx)`` call in a QThread with progress, result and
error signals; cancellation is cooperative (``JobContext``), never ``terminate()``.
:class:`LatestOnlyRunner` serves the live preview: while it computes, newer requests
replace the waiting one, so stale requests are dropped instead of queued.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from imgstudio.core.jobs import JobCancelled, JobContext

log = logging.getLogger(__name__)
T = TypeVar("T")


def describe_error(exc: BaseException) -> str:
    """One readable line for the user (the traceback goes to the log)."""
    text = str(exc).strip().splitlines()
    return text[-1] if text else type(exc).__name__


class _JobThread(QThread):
    def __init__(self, runner: JobRunner) -> None:
        super().__init__()
        self._runner = runner

    def run(self) -> None:  # runs in the worker thread
        self._runner._execute()


class JobRunner(QObject):
    """One background job: ``fn(ctx)`` runs in a QThread; its return value is emitted.

    Public signals are emitted in the GUI thread (the worker's private signals are
    queued to this object first), so any slot, lambdas included, runs in the GUI
    thread, and slots connected right after :meth:`start` never miss a fast job.
    """

    sigProgress = Signal(int, int, str)
    sigResult = Signal(object)
    sigError = Signal(str)
    sigCancelled = Signal()
    sigFinished = Signal()

    _sigWorkerProgress = Signal(int, int, str)
    _sigWorkerDone = Signal(str, object)

    def __init__(
        self, fn: Callable[[JobContext], Any], parent: QObject | None = None, *, progress: bool = True
    ) -> None:
        """``progress=False``: the job's ``ctx.progress`` calls are dropped in the worker, so they
        never wake the GUI thread (for jobs that report progress another way)."""
        super().__init__(parent)
        self._fn = fn
        self.ctx = JobContext(self._sigWorkerProgress.emit if progress else None)
        self._sigWorkerProgress.connect(self._relay_progress, Qt.ConnectionType.QueuedConnection)
        self._sigWorkerDone.connect(self._relay_done, Qt.ConnectionType.QueuedConnection)
        self._thread = _JobThread(self)
        self._done = False

    @Slot(int, int, str)
    def _relay_progress(self, done: int, total: int, message: str) -> None:
        self.sigProgress.emit(done, total, message)

    @Slot(str, object)
    def _relay_done(self, kind: str, payload: object) -> None:
        self._thread.wait()
        if kind == "result":
            self.sigResult.emit(payload)
        elif kind == "error":
            self.sigError.emit(payload)
        else:
            self.sigCancelled.emit()
        self._done = True
        self.sigFinished.emit()

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self.ctx.cancel()

    def pause(self) -> None:
        self.ctx.pause()

    def resume(self) -> None:
        self.ctx.resume()

    def is_running(self) -> bool:
        """True while the worker thread runs (its outcome may still be on its way)."""
        return self._thread.isRunning()

    @property
    def delivered(self) -> bool:
        """True once the outcome signals have been emitted in the GUI thread."""
        return self._done

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for the worker thread (the outcome is delivered by the event loop)."""
        return self._thread.wait(msecs)

    def _execute(self) -> None:
        try:
            result = self._fn(self.ctx)
        except JobCancelled:
            self._sigWorkerDone.emit("cancelled", None)
        except Exception as exc:
            log.error("background job failed:\n%s", traceback.format_exc())
            self._sigWorkerDone.emit("error", describe_error(exc))
        else:
            self._sigWorkerDone.emit("result", result)


class _LatestThread(QThread):
    def __init__(self, runner: LatestOnlyRunner) -> None:
        super().__init__()
        self._runner = runner

    def run(self) -> None:
        self._runner._loop()


class LatestOnlyRunner(QObject):
    """Computes ``fn(request)`` in one worker thread, always for the newest request.

    ``sigResult(request_id, result)``; ``sigError(request_id, message)``. Requests
    submitted while busy overwrite each other; only the last one is computed.
    """

    sigResult = Signal(int, object)
    sigError = Signal(int, str)

    _sigWorkerResult = Signal(int, object)
    _sigWorkerError = Signal(int, str)

    def __init__(self, fn: Callable[[Any], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn
        self._sigWorkerResult.connect(self.sigResult, Qt.ConnectionType.QueuedConnection)
        self._sigWorkerError.connect(self.sigError, Qt.ConnectionType.QueuedConnection)
        self._cond = threading.Condition()
        self._pending: tuple[int, Any] | None = None
        self._stopping = False
        self._busy = False
        self._next_id = 0
        self.dropped = 0
        self._thread = _LatestThread(self)
        self._thread.start()

    def submit(self, request: Any) -> int:
        """Queue ``request`` (replacing a waiting one); returns its id."""
        with self._cond:
            self._next_id += 1
            if self._pending is not None:
                self.dropped += 1
            self._pending = (self._next_id, request)
            self._cond.notify()
            return self._next_id

    @property
    def submit_count(self) -> int:
        """Id of the last submitted request (ids grow by one per request)."""
        with self._cond:
            return self._next_id

    def is_idle(self) -> bool:
        with self._cond:
            return self._pending is None and not self._busy

    def stop(self, msecs: int = 10_000) -> None:
        with self._cond:
            self._stopping = True
            self._pending = None
            self._cond.notify()
        self._thread.wait(msecs)

    def _loop(self) -> None:
        while True:
            with self._cond:
                while self._pending is None and not self._stopping:
                    self._cond.wait()
                if self._stopping:
                    return
                request_id, request = self._pending  # type: ignore[misc]
                self._pending = None
                self._busy = True
            try:
                result = self._fn(request)
            except Exception as exc:
                log.error("preview failed:\n%s", traceback.format_exc())
                self._sigWorkerError.emit(request_id, describe_error(exc))
            else:
                self._sigWorkerResult.emit(request_id, result)
            finally:
                with self._cond:
                    self._busy = False


class JobSet:
    """The background jobs a widget has started: each is kept until it finishes, and
    :meth:`stop_all` cancels (optionally) and waits for those still running (on close)."""

    def __init__(self) -> None:
        self.jobs: list[JobRunner] = []

    def start(self, job: JobRunner) -> JobRunner:
        self.jobs.append(job)
        job.sigFinished.connect(lambda: self.jobs.remove(job) if job in self.jobs else None)
        job.start()
        return job

    def stop_all(self, *, cancel: bool = True) -> None:
        for job in list(self.jobs):
            if cancel:
                job.cancel()
            job.wait()


class ResultStream(Generic[T]):
    """Hands a worker's results to the GUI thread in chunks: the worker pushes, a GUI timer takes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._paths: list[str] | None = None
        self._items: list[T] = []

    def set_paths(self, paths: list[str]) -> None:
        with self._lock:
            self._paths = paths

    def push(self, item: T) -> None:
        with self._lock:
            self._items.append(item)

    def take(self) -> tuple[list[str] | None, list[T]]:
        """(the paths set since the last take or None, the items pushed since)."""
        with self._lock:
            paths, self._paths = self._paths, None
            items, self._items = self._items, []
        return paths, items
