"""Cooperative job control shared by the GUI workers, the CLI and the tests.

A long job is a plain function ``run(config, ctx)`` that reports progress through
``ctx.progress`` and calls ``ctx.check()`` between steps, so it can be paused or
cancelled from another thread without Qt.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

ProgressCallback = Callable[[int, int, str], None]


class JobCancelled(Exception):
    """Raised inside a job by :meth:`JobContext.check` after cancellation was asked."""


class JobContext:
    """Cancel and pause flags plus a throttled progress callback for one job."""

    def __init__(
        self,
        on_progress: ProgressCallback | None = None,
        *,
        min_interval: float = 0.05,
    ) -> None:
        self._on_progress = on_progress
        self._min_interval = min_interval
        self._last_emit = 0.0
        self._cancel = threading.Event()
        self._running = threading.Event()
        self._running.set()

    # -- control, called from any thread ---------------------------------
    def cancel(self) -> None:
        """Ask the job to stop at its next :meth:`check`."""
        self._cancel.set()
        self._running.set()  # a paused job must wake up to notice

    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    # -- called by the job -------------------------------------------------
    def check(self) -> None:
        """Block while paused; raise :class:`JobCancelled` if cancellation was asked."""
        while not self._running.wait(0.1):
            pass
        if self._cancel.is_set():
            raise JobCancelled()

    def progress(self, done: int, total: int, message: str = "", *, force: bool = False) -> None:
        """Report progress, throttled to about 20 Hz (the first and last calls always pass)."""
        if self._on_progress is None:
            return
        now = time.monotonic()
        if not force and done not in (0, total) and now - self._last_emit < self._min_interval:
            return
        self._last_emit = now
        self._on_progress(done, total, message)
