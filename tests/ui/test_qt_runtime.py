"""Guards against a Qt-for-Python build that corrupts the interpreter.

PySide6 6.12.0 decrements None's reference count on every processEvents() and twice per nested
QEventLoop.exec() (dialogs, pytest-qt waits). On Python 3.11, where None is not immortal, a long
session then aborts with "Fatal Python error: none_dealloc". pyproject pins below it; this test
fails if a leaking build comes back.
"""

import gc
import sys

import pytest
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.gui


def _none_refs_lost(action, repeat: int) -> int:  # type: ignore[no-untyped-def]
    """None references lost over `repeat` calls. The bug this guards against loses one or more per
    call; what earlier tests left queued (timers, slots of finished threads) runs inside the loop
    too and moves the count by a few dozen, so it is drained first and the bound is half the calls."""
    for _ in range(3):
        QApplication.processEvents()
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(repeat):
        action()
    return before - sys.getrefcount(None)


def test_process_events_does_not_leak_none(qapp: QApplication) -> None:
    if sys.version_info >= (3, 12):
        pytest.skip("None is immortal from Python 3.12: its reference count cannot be observed")
    assert _none_refs_lost(qapp.processEvents, 500) < 250


def test_nested_event_loop_does_not_leak_none(qapp: QApplication) -> None:
    if sys.version_info >= (3, 12):
        pytest.skip("None is immortal from Python 3.12: its reference count cannot be observed")

    def nested_loop() -> None:
        loop = QEventLoop()
        QTimer.singleShot(0, loop.quit)
        loop.exec()

    assert _none_refs_lost(nested_loop, 200) < 100
