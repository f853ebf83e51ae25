"""``imgstudio self-test``: every tab's tiny job passes; a failing, blocking or hanging check fails the report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from imgstudio.cli import main
from imgstudio.ui import selftest
from imgstudio.ui.selftest import CHECKS, CheckFailed, SelfTest

CHECK_KEYS = {"name": str, "ok": bool, "seconds": float, "detail": str}


def assert_report_shape(report: dict) -> None:
    assert set(report) == {"ok", "checks", "versions"}
    for check in report["checks"]:
        assert {k: type(v) for k, v in check.items()} == CHECK_KEYS, check
        assert check["seconds"] >= 0 and check["detail"]
    assert {"imgstudio", "python", "qt", "opencv", "torch", "device", "frozen"} <= set(report["versions"])


def test_every_tab_passes_from_the_command_line(tmp_path):
    keep = tmp_path / "kept"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "IMGSTUDIO_HOME": str(tmp_path / "home")}
    proc = subprocess.run(
        [sys.executable, "-m", "imgstudio", "self-test", "--json", "--keep", str(keep)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,  # resources come from the package, not the working folder
        timeout=300,
        check=False,
    )
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 1, proc.stdout  # --json: the report is all of stdout
    report = json.loads(lines[0])
    assert_report_shape(report)
    failed = [c for c in report["checks"] if not c["ok"]]
    assert proc.returncode == 0 and report["ok"] and not failed, (failed, proc.stderr[-3000:])
    assert [c["name"] for c in report["checks"]] == [name for name, _ in CHECKS]
    assert report["versions"]["qt_platform"] == "offscreen" and report["versions"]["frozen"] is False
    details = {c["name"]: c["detail"] for c in report["checks"]}
    assert "2 faces" in details["recognise"] and "small-cnn" in details["train"]
    assert "reproducible" in details["generate"]
    # --keep: the run folder, the outputs and one screenshot per check stay
    assert len(list(keep.glob("runs/*-small-cnn/best.safetensors"))) == 1
    assert len(list(keep.glob("runs/*-dcgan/samples/step_*.png"))) >= 2
    assert (keep / "preprocessed.png").is_file() and (keep / "pipeline.json").is_file()
    assert all((keep / f"{name}.png").stat().st_size > 1000 for name, _ in CHECKS)
    assert "PASS" in proc.stderr  # progress lines go to stderr with --json


def broken_check(_t: SelfTest) -> str:
    raise RuntimeError("the model file is gone")


def test_a_failing_check_fails_the_report_and_the_exit_code(qapp, monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(selftest, "CHECKS", [("fine", lambda t: "all good"), ("broken", broken_check)])
    assert main(["self-test", "--keep", str(tmp_path)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    report = json.loads(out[-1])  # the JSON report is the last line
    assert_report_shape(report)
    assert report["ok"] is False
    fine, broken = report["checks"]
    assert fine["ok"] and fine["detail"] == "all good"
    assert not broken["ok"] and broken["detail"] == "RuntimeError: the model file is gone"
    assert out[-2] == "1 passed, 1 failed" and any(line.startswith("FAIL  broken") for line in out)


def warns(_t: SelfTest) -> str:
    QMessageBox.warning(None, "Cannot load model", "x.safetensors: not a model file")  # blocks until closed
    return "went on"


def raises_in_slot(t: SelfTest) -> str:
    def slot() -> None:
        raise ValueError("no bins in the histogram")

    QTimer.singleShot(0, slot)
    t.wait_until(lambda: False, "the slot", timeout_s=10)
    return "not reached"


def hangs(t: SelfTest) -> str:
    t.wait_until(lambda: False, "a result that never comes", timeout_s=0.2)
    return "not reached"


def needs_a_model(t: SelfTest) -> str:
    if t.model_file is None:
        raise CheckFailed("no model to load (the train check did not make one)")
    return "loaded"


@pytest.mark.parametrize(
    ("check", "expected"),
    [
        (warns, "dialog 'Cannot load model': x.safetensors: not a model file"),
        (raises_in_slot, "uncaught ValueError: no bins in the histogram"),
        (hangs, "timed out after 0.2 s waiting for a result that never comes"),
        (needs_a_model, "no model to load (the train check did not make one)"),
    ],
)
def test_dialogs_slot_errors_and_timeouts_fail_the_check_instead_of_blocking(qapp, check, expected):
    report = selftest.run_self_test(checks=[("check", check)])
    assert report["ok"] is False
    assert report["checks"][0]["detail"] == expected


def test_the_samples_come_from_the_package_folder():
    """In the bundle there is no source tree: the checks find their images beside the package."""
    import imgstudio

    package = Path(imgstudio.__file__).resolve().parent
    assert package / "resources" / "samples" == selftest.SAMPLES
    for name in ("landscape.jpg", "shapes.png", "faces_people.jpg"):
        assert (selftest.SAMPLES / name).is_file()
