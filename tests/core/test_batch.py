"""Batch: relative names, failures per file, never overwrite, refuse unsafe outputs, cancel."""

import numpy as np
import pytest

from imgstudio.core import batch
from imgstudio.core.batch import BatchConfig, BatchConfigError
from imgstudio.core.io import read_image, write_image
from imgstudio.core.jobs import JobContext
from imgstudio.core.pipeline import Pipeline, Step


@pytest.fixture
def folder(tmp_path, rgb):
    src = tmp_path / "in"
    write_image(src / "a.png", rgb)
    write_image(src / "b.jpg", rgb)
    write_image(src / "sub" / "c.png", rgb)
    (src / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n garbage")
    return src


def flip_pipeline():
    return Pipeline([Step.create("flip")])


def snapshot(folder):
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_folder_batch_writes_results_and_reports_failures(folder, tmp_path, rgb):
    before = snapshot(folder)
    out = tmp_path / "out"
    report = batch.run(BatchConfig(folder, out, flip_pipeline(), recursive=True, format="png"))
    assert sorted(p.relative_to(out).as_posix() for p in report.written) == ["a.png", "b.png", "sub/c.png"]
    assert [(p.name, "truncated" in r or "not a readable" in r) for p, r in report.failed] == [("broken.png", True)]
    np.testing.assert_array_equal(read_image(out / "a.png")[0], rgb[:, ::-1])
    assert snapshot(folder) == before  # inputs untouched


def test_existing_outputs_are_skipped_not_overwritten(folder, tmp_path):
    out = tmp_path / "out"
    write_image(out / "a.png", np.zeros((2, 2, 3), np.uint8))
    before = (out / "a.png").read_bytes()
    report = batch.run(BatchConfig(folder, out, flip_pipeline()))
    assert [p.name for p, _ in report.skipped] == ["a.png"]
    assert (out / "a.png").read_bytes() == before
    report = batch.run(BatchConfig(folder, out, flip_pipeline(), overwrite=True))
    assert (out / "a.png").read_bytes() != before


@pytest.mark.parametrize("where", ["same", "inside"])
def test_output_in_or_inside_input_is_refused(folder, where):
    out = folder if where == "same" else folder / "results"
    before = snapshot(folder)
    with pytest.raises(BatchConfigError, match="must not be the input folder or inside it"):
        batch.run(BatchConfig(folder, out, flip_pipeline()))
    assert snapshot(folder) == before


def test_single_file_into_its_own_folder_is_refused(folder):
    with pytest.raises(BatchConfigError, match="would replace it"):
        batch.plan(BatchConfig(folder / "a.png", folder, flip_pipeline()))


def test_bad_format_and_missing_input(folder, tmp_path):
    with pytest.raises(BatchConfigError, match="unsupported output format 'xyz'"):
        batch.plan(BatchConfig(folder, tmp_path / "o", flip_pipeline(), format="xyz"))
    with pytest.raises(BatchConfigError, match="input not found"):
        batch.plan(BatchConfig(tmp_path / "nope", tmp_path / "o", flip_pipeline()))


def test_cancel_midway_keeps_complete_files_only(tmp_path, rgb):
    src = tmp_path / "many"
    for i in range(20):
        write_image(src / f"{i:02d}.png", rgb)
    out = tmp_path / "out"

    def on_progress(done, total, msg):
        if done == 5:
            ctx.cancel()

    ctx = JobContext(on_progress, min_interval=0)
    report = batch.run(BatchConfig(src, out, flip_pipeline()), ctx)
    assert report.cancelled and len(report.written) == 5
    files = sorted(p.name for p in out.iterdir())
    assert files == [f"{i:02d}.png" for i in range(5)]  # no partial or temporary files
    for f in files:
        read_image(out / f)


def test_seeded_random_batch_is_reproducible(folder, tmp_path):
    pipe = Pipeline([Step.create("rotate", angle={"min": -40, "max": 40})])
    a = batch.run(BatchConfig(folder, tmp_path / "a", pipe, seed=3))
    b = batch.run(BatchConfig(folder, tmp_path / "b", pipe, seed=3))
    for pa, pb in zip(a.written, b.written, strict=True):
        assert pa.read_bytes() == pb.read_bytes()


def test_an_unexpected_error_fails_one_file_not_the_batch(folder, tmp_path, monkeypatch):
    pipe = flip_pipeline()
    real_apply = pipe.apply

    def flaky(img, **kw):
        if img.shape[0] == 48 and flaky.calls == 0:
            flaky.calls += 1
            raise RuntimeError("boom")
        return real_apply(img, **kw)

    flaky.calls = 0
    monkeypatch.setattr(pipe, "apply", flaky)
    report = batch.run(BatchConfig(folder, tmp_path / "out", pipe, recursive=True))
    reasons = [r for _, r in report.failed]
    assert any("unexpected error: RuntimeError: boom" in r for r in reasons)
    assert len(report.written) == 2 and not report.cancelled
