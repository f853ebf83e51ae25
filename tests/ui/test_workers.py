"""JobRunner: a job's progress reaches the GUI thread unless the runner is told to drop it."""

from __future__ import annotations

import pytest

from imgstudio.ui.workers import JobRunner


def counting_job(ctx):
    for i in range(5):
        ctx.progress(i, 4, f"item {i}", force=True)
    return "done"


@pytest.mark.parametrize("relay", [True, False])
def test_progress_is_relayed_or_dropped_and_the_result_arrives(qtbot, relay):
    runner = JobRunner(counting_job, progress=relay)
    seen, results = [], []
    runner.sigProgress.connect(lambda done, total, message: seen.append((done, total, message)))
    runner.sigResult.connect(results.append)
    runner.start()
    qtbot.waitUntil(lambda: runner.delivered, timeout=10_000)
    assert results == ["done"]
    assert seen == ([(i, 4, f"item {i}") for i in range(5)] if relay else [])
