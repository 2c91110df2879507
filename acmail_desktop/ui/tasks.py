"""Background work for the GUI: one single-worker executor per connection.

An imapclient connection is never used from two threads, so each connection gets its own
`ConnectionWorker` (a ThreadPoolExecutor with one thread) and every operation on it is queued there.
Results come back on the GUI thread through a queued signal.

Rule: no Qt call inside the background function.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from acmail_desktop.core import log


class ConnectionWorker(QObject):
    _finished = Signal(object, object, object, object)  # on_success, on_failure, result, error

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"acmail-{name}")
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._closed = False

    def submit(self, fn: Callable[[], Any], on_success: Callable[[Any], None] | None = None,
               on_failure: Callable[[BaseException], None] | None = None) -> Future[None]:
        def run() -> None:
            try:
                result = fn()
            except BaseException as exc:
                log.ui.debug("%s: background task failed: %s", self.name, type(exc).__name__)
                self._emit(on_success, on_failure, None, exc)
            else:
                self._emit(on_success, on_failure, result, None)

        if self._closed:
            return self._dropped()
        try:
            return self._executor.submit(run)
        except RuntimeError:  # "cannot schedule new futures after shutdown": closed meanwhile
            return self._dropped()

    def _dropped(self) -> Future[None]:
        """Work handed over after shutdown (a window left open past logout): dropped, logged, never raised."""
        log.ui.info("%s: task dropped, the connection is closed", self.name)
        future: Future[None] = Future()
        future.cancel()
        return future

    def _emit(self, *args: Any) -> None:
        if not self._closed:
            try:
                self._finished.emit(*args)
            except RuntimeError:  # the QObject was deleted while the task ran
                pass

    def _deliver(self, on_success: Callable[[Any], None] | None,
                 on_failure: Callable[[BaseException], None] | None, result: Any,
                 error: BaseException | None) -> None:
        if self._closed:
            log.ui.debug("%s: result after shutdown dropped", self.name)
            return
        if error is None:
            if on_success is not None:
                on_success(result)
        elif on_failure is not None:
            on_failure(error)
        else:
            log.ui.error("%s: unhandled background error: %s", self.name, error)

    def shutdown(self, *, wait: bool = False) -> None:
        self._closed = True
        self._executor.shutdown(wait=wait, cancel_futures=True)
