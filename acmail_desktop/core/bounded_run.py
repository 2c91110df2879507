"""Run a blocking call in a daemon thread and stop waiting for it after a time limit.

Name resolution and some library calls ignore socket timeouts; the only way to bound them is to
stop waiting. The abandoned thread ends on its own (daemon: it never holds the process open).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

_T = TypeVar("_T")


class RunTimedOut(TimeoutError):
    """The call gave no answer within its limit (or was cancelled): not an error of the call itself."""


def run_bounded(fn: Callable[[], _T], timeout: float, *, name: str = "acmail-bounded",
                cancelled: Callable[[], bool] | None = None) -> _T:
    """`fn()`'s value or exception, or RunTimedOut after `timeout` seconds (or once `cancelled()`
    turns true; checked every 0.1 s)."""
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # handed back to the caller below
            box["error"] = exc

    thread = threading.Thread(target=target, name=name, daemon=True)
    thread.start()
    if cancelled is None:
        thread.join(max(0.0, timeout))
    else:
        until = time.monotonic() + timeout
        while thread.is_alive() and time.monotonic() < until and not cancelled():
            thread.join(0.1)
    if thread.is_alive():
        raise RunTimedOut(f"no answer within {timeout:.1f} s")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]
