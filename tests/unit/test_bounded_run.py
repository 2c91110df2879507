"""The one bounded-run helper (discovery's HTTP fetch and the diagnostics' DNS step use it)."""

import threading
import time

import pytest

from acmail_desktop.core.bounded_run import RunTimedOut, run_bounded


def test_value_and_exception_come_back() -> None:
    assert run_bounded(lambda: 42, 1.0) == 42
    with pytest.raises(ValueError, match="bad"):
        run_bounded(lambda: (_ for _ in ()).throw(ValueError("bad")), 1.0)


def test_a_call_that_hangs_is_abandoned_after_the_limit() -> None:
    release = threading.Event()
    started = time.monotonic()
    with pytest.raises(RunTimedOut):
        run_bounded(lambda: release.wait(10), 0.2)
    assert time.monotonic() - started < 2
    release.set()


def test_cancel_stops_the_wait_early_and_a_timeout_of_the_call_is_not_ours() -> None:
    release = threading.Event()
    started = time.monotonic()
    with pytest.raises(RunTimedOut):
        run_bounded(lambda: release.wait(10), 10.0, cancelled=lambda: time.monotonic() - started > 0.2)
    assert time.monotonic() - started < 2
    release.set()

    def own_timeout() -> None:
        raise TimeoutError("socket timed out")

    with pytest.raises(TimeoutError) as caught:
        run_bounded(own_timeout, 1.0)
    assert not isinstance(caught.value, RunTimedOut)  # the diagnostics tell these two apart
