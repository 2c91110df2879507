"""The one base for helper processes (core/helper_process.py): niceness, handshake, kill and reap."""

from __future__ import annotations

import os
import sys

import pytest

from acmail_desktop.core import helper_process
from tests.support.helper_child import report_niceness, sleep_forever


@pytest.mark.skipif(not hasattr(os, "nice"), reason="niceness is POSIX only")
def test_a_helper_runs_at_the_niceness_asked_for() -> None:
    parent, child = helper_process.pipe()
    helper = helper_process.Helper(report_niceness, (child,), name="acmail-test-nice", niceness=5,
                                   child_ends=(child,))
    try:
        assert parent.poll(30)
        assert parent.recv() == os.nice(0) + 5
    finally:
        parent.close()
        helper.stop(kill=False)
    assert not helper.is_alive() and helper.process.exitcode == 0


def test_a_stuck_helper_is_killed_and_reaped() -> None:
    parent, child = helper_process.pipe()
    helper = helper_process.Helper(sleep_forever, (child,), name="acmail-test-stuck", child_ends=(child,))
    assert helper_process.wait_ready(parent, 30)
    pid = helper.process.pid
    helper.stop()
    parent.close()
    assert not helper.is_alive() and helper.process.exitcode is not None and helper.process.exitcode < 0
    if sys.platform.startswith("linux"):  # reaped: no zombie left in the process table
        assert not os.path.exists(f"/proc/{pid}")


def test_wait_ready_is_false_when_the_helper_never_answers() -> None:
    parent, child = helper_process.pipe()
    assert not helper_process.wait_ready(parent, 0.1)
    child.close()
    assert not helper_process.wait_ready(parent, 0.1)  # EOF: gone without a word
    parent.close()
