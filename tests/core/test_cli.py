"""The command line: info and preprocess, exit codes, no tracebacks."""

import json
import subprocess
import sys

import numpy as np
import pytest

from imgstudio.cli import main
from imgstudio.core.io import read_image, write_image


@pytest.fixture
def images(tmp_path, rgb):
    src = tmp_path / "imgs"
    write_image(src / "a.png", rgb)
    write_image(src / "数据.jpg", rgb)
    (src / "bad.png").write_bytes(b"")
    return src


def test_info_prints_json_per_image_and_errors_on_stderr(images, capsys):
    code = main(["info", str(images / "a.png"), str(images / "bad.png"), str(images / "数据.jpg")])
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert lines[0] == {
        "path": str(images / "a.png"),
        "width": 64,
        "height": 48,
        "channels": 3,
        "dtype": "uint8",
        "format": "png",
    }
    assert lines[1]["format"] == "jpeg"
    assert err.strip() == f"error: {images / 'bad.png'}: file is empty (0 bytes)"


def test_info_exit_zero_when_all_read(images, capsys):
    assert main(["info", str(images / "a.png")]) == 0


def write_pipeline(path, steps):
    path.write_text(json.dumps({"format": "imgstudio-pipeline", "version": 1, "steps": steps}))
    return path


def test_preprocess_folder(images, tmp_path, rgb, capsys):
    pipe = write_pipeline(tmp_path / "p.json", [{"op": "crop", "x": 0, "y": 0, "width": 10, "height": 8}])
    out = tmp_path / "out"
    code = main(["preprocess", "--pipeline", str(pipe), str(images), "--output", str(out), "--format", "png", "-q"])
    captured = capsys.readouterr()
    summary = json.loads(captured.out.splitlines()[-1])
    assert code == 1 and summary["written"] == 2 and summary["failed"] == 1
    assert "failed: " in captured.err and "bad.png" in captured.err
    np.testing.assert_array_equal(read_image(out / "a.png")[0], rgb[:8, :10])
    assert (out / "数据.png").exists()


def test_preprocess_bad_pipeline_is_exit_2(images, tmp_path, capsys):
    pipe = write_pipeline(tmp_path / "p.json", [{"op": "spin"}])
    code = main(["preprocess", "--pipeline", str(pipe), str(images), "--output", str(tmp_path / "o")])
    assert code == 2
    assert "step 1 (spin): unknown operation" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_preprocess_output_inside_input_is_exit_2(images, tmp_path, capsys):
    pipe = write_pipeline(tmp_path / "p.json", [])
    code = main(["preprocess", "--pipeline", str(pipe), str(images), "--output", str(images / "out")])
    assert code == 2 and "inside" in capsys.readouterr().err


def test_bad_arguments_exit_2_without_traceback(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "imgstudio", "preprocess", "--output", "x"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "--pipeline" in proc.stderr


def test_info_in_a_subprocess_has_no_traceback(tmp_path):
    (tmp_path / "t.png").write_text("text")
    proc = subprocess.run(
        [sys.executable, "-m", "imgstudio", "info", str(tmp_path / "t.png")], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and "t.png" in proc.stderr
    assert "torch" not in proc.stdout


def test_ops_lists_every_operation(capsys):
    assert main(["ops", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["rotate"]["params"]["angle"]["default"] == 0.0
