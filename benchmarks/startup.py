"""Time from process start to the main window shown (with the sample opened), and
whether torch was imported on the way. Runs N fresh processes; last line is JSON.

Usage: python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

CHILD = """
import sys, time
t0 = float(sys.argv[1])
from PySide6.QtWidgets import QApplication
app = QApplication([])
from imgstudio.app import create_main_window
w = create_main_window(use_qsettings=False)
w.show()
app.processEvents()
shown = time.time() - t0
tab = w.preprocess
while tab.result is None and time.time() - t0 < 60:
    app.processEvents()
    time.sleep(0.002)
ready = time.time() - t0
print(shown, ready, 'torch' in sys.modules)
w.close()
"""

BARE = """
import sys, time
t0 = float(sys.argv[1])
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.show(); app.processEvents()
print(time.time() - t0)
"""


def run_child(code: str) -> list[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    out = subprocess.run(
        [sys.executable, "-c", code, repr(time.time())], capture_output=True, text=True, env=env, check=True
    )
    return out.stdout.split()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    shown, ready, bare, torch_seen = [], [], [], []
    run_child(CHILD)  # warm the file cache
    for i in range(args.runs):
        s, r, t = run_child(CHILD)
        shown.append(float(s))
        ready.append(float(r))
        torch_seen.append(t == "True")
        bare.append(float(run_child(BARE)[0]))
        print(f"run {i + 1}: window {float(s) * 1000:.0f} ms, sample shown {float(r) * 1000:.0f} ms", file=sys.stderr)
    result = {
        "runs": args.runs,
        "window_shown_ms_median": round(statistics.median(shown) * 1000, 1),
        "sample_preview_ms_median": round(statistics.median(ready) * 1000, 1),
        "bare_qt_window_ms_median": round(statistics.median(bare) * 1000, 1),
        "ratio_to_bare_qt": round(statistics.median(shown) / statistics.median(bare), 2),
        "torch_imported": any(torch_seen),
        "platform": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
