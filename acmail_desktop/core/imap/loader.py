"""A large header FETCH parsed and stored by two helper processes (issue 10).

Why processes: a cold sync of 50,000 headers needs ~1 s of Python parsing and ~1.5 s of SQLite
work per 50,000 messages. In the sync thread that is one core for ~3 s, and the interpreter lock
it holds is what made the window stutter (GUI stalls of 120-200 ms). Here the sync thread only
reads the socket and finds response boundaries (`ImapSession.raw_command_chunks`); a *parser*
process turns the bytes into rows (`imap.headers`) and a *writer* process commits them to the
cache, so the three overlap each other and Dovecot, and the GUI process keeps its interpreter.

    sync thread --bytes--> parser --row batches--> writer --"stored n"--> sync thread

Processes are spawned through core/helper_process.py (spawn, niceness, kill and reap) while the
first screenful is fetched in-process, so their start-up is mostly hidden. Errors in a helper come
back typed (`ProtocolError`, `StoreError`) and end the sync like an in-process error would; the
helpers exit when their input pipe closes, so a killed AcMail leaves none behind.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

from acmail_desktop.core import errors, helper_process

Connection = helper_process.Connection
# From this many messages to load, the helpers pay for their start (~0.15 s, two interpreters).
# GUI stall benchmark, 5 runs each, worst stall / sync time, helpers against the sync thread:
# 5,000: 65 ms / 0.67 s vs 35 ms / 0.47 s; 15,000: 55 / 1.14 vs 39 / 1.10; 25,000: 43 / 1.20 vs
# 26 / 1.11; 35,000: 53 / 1.41 vs 35 / 1.91; 50,000: 39-45 / 3.1 vs 62-65 / 3.65.
LOADER_MIN_ROWS = 30_000
# Background work: the window (and Dovecot on a demo machine) come first. Measured on the GUI stall
# benchmark, 5 runs each: worst stall during a cold sync 63 ms at the same priority, 49 ms at nice 10,
# with the same sync time. (POSIX only; Windows keeps the normal priority.)
HELPER_NICENESS = 10
_END = b""


def _error_message(exc: BaseException) -> tuple[str, str, str]:
    """A helper's failure as a message: AcMail's errors keep their type, anything else is a bug
    reported without its text (which could quote message headers)."""
    if isinstance(exc, errors.AcmailError):
        return ("error", type(exc).__name__, str(exc))
    return ("error", "StoreError", f"header loader failed: {type(exc).__name__}")


def _parser_main(source: Connection, sink: Connection, min_uid: int, batch: int) -> None:
    from acmail_desktop.core.imap.headers import HeaderCollector

    collector = HeaderCollector(min_uid)
    try:
        while True:
            try:
                chunk = source.recv_bytes()
            except EOFError:
                return  # the sync thread is gone: the writer sees EOF too and stops
            if chunk == _END:
                break
            collector.feed_chunk(chunk)
            if len(collector.rows) >= batch:
                sink.send(("rows", collector.take_rows()))
        sink.send(("rows", collector.take_rows()))
        sink.send(("flags", collector.flag_updates))
        sink.send(("vanished", collector.vanished))
        sink.send(("end",))
    except Exception as exc:  # reported to the sync thread, typed
        with suppress(OSError):  # the writer is gone too: the sync thread finds out from its pipe
            sink.send(_error_message(exc))


def _writer_main(path: str, folder: str, bulk: bool, source: Connection, report: Connection) -> None:
    from acmail_desktop.core.store import Store

    store = Store.helper_writer(Path(path), bulk_loading=bulk)
    stored = 0
    try:
        while True:
            try:
                message = source.recv()
            except EOFError:
                return
            kind = message[0]
            if kind == "rows":
                if message[1]:
                    stored += store.put_headers(folder, message[1])
                    report.send(("stored", stored))
            elif kind == "flags":
                if message[1]:
                    store.set_flags(folder, message[1])
            elif kind == "vanished":
                if message[1]:
                    store.remove_uids(folder, message[1])
            elif kind == "end":
                report.send(("done", stored))
                return
            else:  # an error from the parser
                report.send(message)
                return
    except Exception as exc:  # reported to the sync thread, typed
        with suppress(OSError):  # the sync thread is gone: nobody to tell
            report.send(_error_message(exc))
    finally:
        store.close()


class HeaderLoader:
    """The sync thread's end of the two helper processes for one FETCH into one folder."""

    def __init__(self, db_path: Path, folder: str, *, bulk: bool, commit_every: int, min_uid: int = 0) -> None:
        # pipe(duplex=False) gives (receiving end, sending end).
        parser_in, to_parser = helper_process.pipe(duplex=False)
        writer_in, parser_out = helper_process.pipe(duplex=False)
        self._report, writer_out = helper_process.pipe(duplex=False)
        self._to_parser = to_parser
        # The children hold their pipe ends once started; closing ours lets EOF reach whoever is left.
        self._parser = helper_process.Helper(_parser_main, (parser_in, parser_out, min_uid, commit_every),
                                             name="acmail-header-parser", niceness=HELPER_NICENESS,
                                             child_ends=(parser_in, parser_out))
        self._writer = helper_process.Helper(_writer_main, (str(db_path), folder, bulk, writer_in, writer_out),
                                             name="acmail-header-writer", niceness=HELPER_NICENESS,
                                             child_ends=(writer_in, writer_out))
        self.stored = 0
        self._done = False
        self._closed = False

    def feed(self, chunk: bytes) -> None:
        try:
            self._to_parser.send_bytes(chunk)
        except OSError as exc:
            self._raise_reported(wait=2.0)
            raise errors.StoreError("header parser stopped") from exc

    def progress(self) -> bool:
        """Read the writer's reports without waiting; True when new rows were committed."""
        moved = False
        while not self._done and self._report.poll():
            moved |= self._handle(self._receive())
        return moved

    def finish(self, timeout: float = 600.0, on_progress: Callable[[int], None] | None = None) -> int:
        """No more input: wait for the last commit, calling `on_progress(stored)` after each one
        on the way (the writer may still be several batches behind the socket); returns the rows
        stored. The helpers are stopped on the way out, whatever happened."""
        try:
            try:
                self._to_parser.send_bytes(_END)
            except OSError as exc:
                self._raise_reported(wait=2.0)
                raise errors.StoreError("header parser stopped") from exc
            deadline = time.monotonic() + timeout
            while not self._done:
                if self._report.poll(0.2):
                    if self._handle(self._receive()) and on_progress and not self._done:
                        on_progress(self.stored)
                elif not self._writer.is_alive() and not self._report.poll():
                    raise errors.StoreError("header writer stopped")
                elif time.monotonic() > deadline:
                    raise errors.StoreError("header writer did not finish")
        finally:
            self.close()
        return self.stored

    def _receive(self) -> Any:
        try:
            return self._report.recv()
        except EOFError as exc:
            raise errors.StoreError("header writer stopped") from exc

    def _handle(self, message: Any) -> bool:
        kind = message[0]
        if kind == "stored":
            self.stored = int(message[1])
            return True
        if kind == "done":
            self.stored = int(message[1])
            self._done = True
            return True
        error_type = getattr(errors, str(message[1]), None)
        if not (isinstance(error_type, type) and issubclass(error_type, errors.AcmailError)):
            error_type = errors.StoreError
        try:
            error = error_type(str(message[2]))
        except TypeError:  # an error type with another constructor: keep the text
            error = errors.StoreError(str(message[2]))
        raise error

    def _raise_reported(self, wait: float) -> None:
        """A helper stopped early: raise what it reported, if it did."""
        if self._report.poll(wait):
            with_message = self._receive()
            if with_message[0] == "error":
                self._handle(with_message)

    def close(self) -> None:
        """Stop both helpers (at once if they are still working) and release the pipes."""
        if self._closed:
            return
        self._closed = True
        for helper in (self._parser, self._writer):
            helper.stop(kill=not self._done)
        self._to_parser.close()
        self._report.close()
