"""Background work for the GUI: single-thread executors, the one place that makes them.

- `BackgroundWorker`: a thread of its own for work that must not hold the GUI thread (a disk, the
  keyring, the HTML helper, a lookup). Results come back on the GUI thread through a queued signal.
- `ConnectionWorker`: a BackgroundWorker that owns one network connection. An imapclient (or SMTP)
  connection is never used from two threads, so every operation on it is queued on its worker.

An error no caller handles goes to the worker's `on_error` (a window shows it through the one
catalogue, ui/catalogue.py), else to the log as an error; work whose failure is moot says so with
`ignored(reason)`. Mail work on an account goes through `ui/operations.py` (MailboxOp), which runs
on the account's ConnectionWorker.

Rule: no Qt call inside the background function.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from acmail_desktop.core import log


def ignored(reason: str) -> Callable[[BaseException], None]:
    """A failure handler for work whose failure changes nothing for the user (a warm-up, a
    best-effort close): logged with its reason, never shown."""
    def handler(error: BaseException) -> None:
        log.ui.debug("%s failed (%s): ignored", reason, getattr(error, "code", type(error).__name__))
    return handler


class BackgroundWorker(QObject):
    _finished = Signal(object, object, object, object)  # on_success, on_failure, result, error

    def __init__(self, name: str, parent: QObject | None = None, *,
                 on_error: Callable[[BaseException], None] | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.on_error = on_error  # for errors no caller handles (shown through the catalogue)
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
        elif self.on_error is not None:
            self.on_error(error)
        else:
            log.ui.error("%s: unhandled background error: %s", self.name, type(error).__name__)

    def shutdown(self, *, wait: bool = False) -> None:
        self._closed = True
        self._executor.shutdown(wait=wait, cancel_futures=True)


class ConnectionWorker(BackgroundWorker):
    """The one thread that uses a network connection (IMAP or SMTP): all its work is queued here."""
