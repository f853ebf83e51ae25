"""The run history: every training run folder under a root, to list and compare."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SUMMARY_FILE = "run.json"
METRICS_FILE = "metrics.jsonl"


def default_runs_root() -> Path:
    """Where runs go when no folder is given: $IMGSTUDIO_HOME/runs or ~/imgstudio/runs."""
    home = os.environ.get("IMGSTUDIO_HOME")
    return (Path(home) if home else Path.home() / "imgstudio") / "runs"


def new_run_dir(root: str | os.PathLike[str] | None, model: str) -> Path:
    """A fresh, dated folder name for a run of ``model`` (not created)."""
    base = Path(root) if root else default_runs_root()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    candidate = base / f"{stamp}-{model}"
    n = 2
    while candidate.exists():
        candidate = base / f"{stamp}-{model}-{n}"
        n += 1
    return candidate


@dataclass
class RunRecord:
    """One run folder's summary."""

    path: Path
    summary: dict[str, Any]

    @property
    def modified(self) -> float:
        return (self.path / SUMMARY_FILE).stat().st_mtime

    def row(self) -> dict[str, Any]:
        s = self.summary
        final = s.get("final", {})
        return {
            "run": str(self.path),
            "task": s.get("task", "classify"),
            "status": s.get("status", "?"),
            "model": s.get("model", "?"),
            "data": s.get("data", "?"),
            "epochs": f"{s.get('epochs_done', 0)}/{s.get('epochs', 0)}",
            "best": s.get("best"),
            "monitor": s.get("monitor", ""),
            "val_accuracy": final.get("val_accuracy"),
            "val_loss": final.get("val_loss"),
        }


def list_runs(root: str | os.PathLike[str] | None = None) -> list[RunRecord]:
    """Runs under ``root`` (any depth), newest first; unreadable summaries are skipped."""
    base = Path(root) if root else default_runs_root()
    records = []
    if not base.is_dir():
        return records
    for summary in base.rglob(SUMMARY_FILE):
        try:
            data = json.loads(summary.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        if isinstance(data, dict):
            records.append(RunRecord(summary.parent, data))
    records.sort(key=lambda r: r.modified, reverse=True)
    return records


def read_epoch_metrics(run_dir: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """The per-epoch records of a run's ``metrics.jsonl`` (unreadable lines are skipped)."""
    path = Path(run_dir) / METRICS_FILE
    records = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return records
    for line in lines:
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(record, dict) and record.get("kind") == "epoch":
            records.append(record)
    return records


def run_model_file(run_dir: str | os.PathLike[str]) -> Path | None:
    """The model file to use from a run: the best (validated) one, else the last one, else None."""
    for name in ("best.safetensors", "last.safetensors"):
        candidate = Path(run_dir) / name
        if candidate.is_file():
            return candidate
    return None
