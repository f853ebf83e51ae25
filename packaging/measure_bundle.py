"""Measure a built bundle: size on disk, time to the main window, and its self-test.

Usage: python packaging/measure_bundle.py [BUNDLE_DIR] [--runs N] [--skip-self-test]

BUNDLE_DIR defaults to dist/imgstudio. The time to window is from starting the bundled
executable until it prints that its window is shown (``IMGSTUDIO_EXIT_WHEN_SHOWN``, then it
quits), offscreen, median of N runs after one warm-up; the same is measured for the source
install (this Python) in the same run, since only the ratio is comparable across machines.
Each start gets empty settings and data folders. The last line is one JSON object; the exit
code is 1 when the self-test failed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHOWN = "imgstudio: window shown"
START_TIMEOUT_S = 120


def tree_size(path: Path) -> int:
    """Bytes of the files under ``path`` (links not followed, each file once)."""
    if path.is_symlink() or path.is_file():
        return path.lstat().st_size
    total = 0
    for root, _dirs, files in os.walk(path):
        total += sum((Path(root) / f).lstat().st_size for f in files)
    return total


def mb(size: int) -> float:
    return round(size / 1e6, 1)


def content_dir(bundle: Path) -> Path:
    """Where PyInstaller puts the libraries (``_internal`` since 6.0; the bundle itself before)."""
    internal = bundle / "_internal"
    return internal if internal.is_dir() else bundle


def size_report(bundle: Path, top: int = 10) -> dict[str, object]:
    """Total size, the biggest entries of the content folder, and the biggest single files."""
    content = content_dir(bundle)
    entries = sorted(((tree_size(p), p) for p in content.iterdir()), key=lambda e: e[0], reverse=True)
    files = sorted(
        ((p.lstat().st_size, p) for p in content.rglob("*") if p.is_file() and not p.is_symlink()),
        key=lambda e: e[0],
        reverse=True,
    )
    return {
        "total_mb": mb(tree_size(bundle)),
        "file_count": sum(1 for p in bundle.rglob("*") if p.is_file()),
        "top_entries_mb": {str(p.relative_to(bundle)): mb(s) for s, p in entries[:top]},
        "top_files_mb": {str(p.relative_to(bundle)): mb(s) for s, p in files[:top]},
    }


def isolated_env(home: Path) -> dict[str, str]:
    """Offscreen, with empty settings, data and runs folders (a first start, nothing of the user's)."""
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        IMGSTUDIO_HOME=str(home / "imgstudio"),
        IMGSTUDIO_EXIT_WHEN_SHOWN="1",
    )
    return env


def time_to_window(command: list[str], env: dict[str, str]) -> float:
    """Seconds from starting ``command`` until it prints that its window is shown."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.strip() == SHOWN:
                seconds = time.perf_counter() - started
                proc.wait(timeout=START_TIMEOUT_S)
                return seconds
        raise RuntimeError(f"{command[0]} exited ({proc.wait()}) without showing its window")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def median_start(command: list[str], runs: int, home: Path) -> dict[str, object]:
    time_to_window(command, isolated_env(home / "warm-up"))  # file cache
    times = [time_to_window(command, isolated_env(home / f"run{i}")) for i in range(runs)]
    return {"median_ms": round(statistics.median(times) * 1000), "runs_ms": [round(t * 1000) for t in times]}


def self_test(executable: Path) -> dict[str, object]:
    """Run the bundle's ``self-test --json`` and return its report, with the wall time."""
    started = time.perf_counter()
    proc = subprocess.run(
        [str(executable), "self-test", "--json"], capture_output=True, text=True, env={**os.environ}, check=False
    )
    seconds = round(time.perf_counter() - started, 1)
    lines = proc.stdout.strip().splitlines()
    try:
        report = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        return {"ok": False, "exit_code": proc.returncode, "seconds": seconds, "error": proc.stderr[-2000:]}
    print(proc.stderr, file=sys.stderr, end="")
    return {**report, "exit_code": proc.returncode, "seconds": seconds}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", nargs="?", default="dist/imgstudio", help="the one-folder bundle")
    parser.add_argument("--runs", type=int, default=3, help="starts to time (after one warm-up)")
    parser.add_argument("--skip-self-test", action="store_true")
    args = parser.parse_args()
    bundle = Path(args.bundle)
    # on Windows the GUI executable has no console (no output to read): its console twin
    executable = bundle / ("imgstudio-cli.exe" if sys.platform == "win32" else "imgstudio")
    if not executable.is_file():
        print(f"error: no bundle at {bundle} (run `make bundle` first)", file=sys.stderr)
        return 2
    result: dict[str, object] = {"bundle": str(bundle), "size": size_report(bundle)}
    print(f"size: {result['size']['total_mb']} MB", file=sys.stderr)  # type: ignore[index]
    with tempfile.TemporaryDirectory(prefix="imgstudio-measure-") as tmp:
        bundled = median_start([str(executable)], args.runs, Path(tmp) / "bundle")
        source = median_start([sys.executable, "-m", "imgstudio"], args.runs, Path(tmp) / "source")
    result["time_to_window"] = {
        "bundle": bundled,
        "source": source,
        "bundle_to_source_ratio": round(bundled["median_ms"] / max(1, source["median_ms"]), 2),  # type: ignore[operator]
        "platform": "offscreen",
    }
    print(f"time to window: bundle {bundled['median_ms']} ms, source {source['median_ms']} ms", file=sys.stderr)
    ok = True
    if not args.skip_self_test:
        report = self_test(executable)
        result["self_test"] = report
        ok = bool(report.get("ok"))
    print(json.dumps(result, ensure_ascii=False))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
