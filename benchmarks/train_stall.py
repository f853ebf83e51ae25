"""Longest event-loop stall of the GUI thread while the Train panel trains.

A QTimer probe fires every ``--interval`` ms in the GUI thread and records how late each
tick is (the gap between two ticks minus the interval). It runs in the real main window
(offscreen unless ``--visible``), on the Train tab, first for ``--idle`` seconds with
nothing running (the baseline of this machine), then while the article's CNN trains on
the built-in shapes at 64x64 (the instructor demo) for ``--seconds`` seconds, with the
live curves, progress and log updating. Target: longest stall while training <= 50 ms.

Usage: python benchmarks/train_stall.py [--seconds 40] [--idle 5] [--interval 5]
       [--model article-cnn] [--image-size 64] [--visible]

Progress goes to stderr; the last line of stdout is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from typing import Any

TARGET_MS = 50.0


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class StallProbe:
    """Records how late each tick of a short repeating timer is."""

    def __init__(self, interval_ms: int) -> None:
        from PySide6.QtCore import QTimer

        self.interval_ms = interval_ms
        self.lateness_ms: list[float] = []
        self._last = 0.0
        self.timer = QTimer()
        self.timer.setTimerType(self.timer.timerType().PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.lateness_ms = []
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.lateness_ms.append(max(0.0, (now - self._last) * 1000 - self.interval_ms))
        self._last = now

    def summary(self) -> dict[str, Any]:
        values = sorted(self.lateness_ms) or [0.0]
        return {
            "ticks": len(self.lateness_ms),
            "max_stall_ms": round(values[-1], 1),
            "p99_stall_ms": round(values[min(len(values) - 1, int(0.99 * len(values)))], 1),
            "median_stall_ms": round(statistics.median(values), 2),
            "stalls_over_50ms": sum(v > TARGET_MS for v in values),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=40.0, help="seconds of training to probe")
    parser.add_argument("--idle", type=float, default=5.0, help="seconds of idle baseline")
    parser.add_argument("--interval", type=int, default=5, help="probe timer interval in ms")
    parser.add_argument("--model", default="article-cnn")
    parser.add_argument("--image-size", type=int, default=64)
    parser.add_argument("--epochs", type=int, default=5, help="the run's epochs (it is stopped after --seconds)")
    parser.add_argument("--visible", action="store_true", help="use the real display instead of offscreen")
    args = parser.parse_args()
    if not args.visible:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from imgstudio.app import create_main_window
    from imgstudio.ui.tabs.train import TrainTab

    app = QApplication.instance() or QApplication(sys.argv[:1])
    update_ms: list[float] = []
    real_on_steps = TrainTab._on_steps

    def timed_on_steps(self: TrainTab, steps: list[dict[str, Any]]) -> None:
        start = time.perf_counter()
        real_on_steps(self, steps)
        update_ms.append((time.perf_counter() - start) * 1000)

    TrainTab._on_steps = timed_on_steps  # the panel's own work per batch of steps (curves, progress)

    def spin(seconds: float, until: Any = None) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end and not (until and until()):
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)

    with tempfile.TemporaryDirectory(prefix="imgstudio-stall-") as tmp:
        window = create_main_window(None, use_qsettings=False)
        window.resize(1440, 900)
        window.show()
        window.tabs.setCurrentWidget(window.train)
        tab = window.train
        spin(60, lambda: tab.form.catalogue is not None)
        tab.form.runs_edit.setText(tmp)
        tab.use_article_demo()
        form = tab.form
        form.model_combo.setCurrentIndex(form.model_combo.findText(args.model))
        form.size_spin.setValue(args.image_size)
        form.epochs_spin.setValue(args.epochs)
        probe = StallProbe(args.interval)

        log(f"idle baseline: {args.idle:.0f} s")
        probe.start()
        spin(args.idle)
        probe.stop()
        idle = probe.summary()

        session = tab.start()
        if session is None:
            raise SystemExit("the Train panel refused to start")
        spin(120, lambda: tab.curves.point_count("step_loss") > 0)  # data and model are ready
        log(f"training {args.model} at {args.image_size} px: probing {args.seconds:.0f} s")
        probe.start()
        spin(args.seconds)
        probe.stop()
        training = probe.summary()
        steps = tab.curves.point_count("step_loss")
        tab.stop()
        spin(60, lambda: not tab.is_running())
        window.close()

    result = {
        "benchmark": "train_stall",
        "model": args.model,
        "image_size": args.image_size,
        "platform": app.platformName(),
        "probe_interval_ms": args.interval,
        "seconds_probed": args.seconds,
        "steps_drawn": steps,
        "max_stall_ms": training["max_stall_ms"],
        "target_ms": TARGET_MS,
        "ok": training["max_stall_ms"] <= TARGET_MS,
        "training": training,
        "idle": idle,
        "max_stall_ratio_vs_idle": round(training["max_stall_ms"] / max(idle["max_stall_ms"], 0.1), 2),
        "curve_updates": len(update_ms),
        "curve_update_ms_median": round(statistics.median(update_ms), 2) if update_ms else None,
        "curve_update_ms_max": round(max(update_ms), 2) if update_ms else None,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
