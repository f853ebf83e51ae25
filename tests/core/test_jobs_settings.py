"""JobContext control from other threads; typed settings with defaults."""

import threading
import time

import pytest

from imgstudio.core.jobs import JobCancelled, JobContext
from imgstudio.core.settings import MemoryBackend, Settings


def test_cancel_from_another_thread_stops_a_paused_job_quickly():
    ctx = JobContext()
    ctx.pause()
    seen = []

    def job():
        try:
            ctx.check()
            seen.append("ran")
        except JobCancelled:
            seen.append("cancelled")

    t = threading.Thread(target=job)
    t.start()
    time.sleep(0.2)
    assert seen == []  # blocked while paused
    start = time.monotonic()
    ctx.cancel()
    t.join(2)
    assert seen == ["cancelled"] and time.monotonic() - start < 1.0


def test_resume_lets_the_job_continue():
    ctx = JobContext()
    ctx.pause()
    t = threading.Thread(target=ctx.check)
    t.start()
    time.sleep(0.15)
    assert t.is_alive()
    ctx.resume()
    t.join(1)
    assert not t.is_alive()


def test_progress_is_throttled_but_keeps_first_and_last():
    calls = []
    ctx = JobContext(lambda d, t, m: calls.append(d), min_interval=10.0)
    for i in range(101):
        ctx.progress(i, 100)
    assert calls == [0, 100]


def test_settings_defaults_roundtrip_and_bad_values():
    backend = MemoryBackend()
    s = Settings.load(backend)
    assert s.max_image_pixels == Settings().max_image_pixels
    s.max_image_pixels = 1234
    s.add_recent("a.png")
    s.add_recent("b.png")
    s.add_recent("a.png")
    s.save(backend)
    again = Settings.load(backend)
    assert again.max_image_pixels == 1234 and again.recent_files == ["a.png", "b.png"]
    backend.set_value("max_image_pixels", "not a number")
    assert Settings.load(backend).max_image_pixels == Settings().max_image_pixels


@pytest.mark.parametrize("n", [15])
def test_recent_files_are_capped(n):
    s = Settings()
    for i in range(n):
        s.add_recent(f"{i}.png")
    assert len(s.recent_files) == Settings.RECENT_LIMIT and s.recent_files[0] == f"{n - 1}.png"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (True, True),
        (False, False),
        ("false", False),
        ("False", False),
        ("0", False),
        (0, False),
        ("true", True),
        (1, True),
    ],
)
def test_a_stored_flag_reads_as_what_it_says(raw, expected):
    backend = MemoryBackend()
    backend.set_value("welcome_shown", raw)
    assert Settings.load(backend).welcome_shown is expected


@pytest.mark.parametrize("raw", ["maybe", 2, [True]])
def test_a_malformed_flag_falls_back_to_its_default(raw):
    backend = MemoryBackend()
    backend.set_value("welcome_shown", raw)
    assert Settings.load(backend).welcome_shown is False
