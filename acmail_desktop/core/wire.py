"""Limits on what a mail server may send, and overall deadlines for what it may take.

Why: a socket timeout restarts on every byte, so a server trickling one byte a second keeps a
connect or a FETCH going for hours; and a literal size or a response count comes from the server,
so it must be capped before anything is allocated. One definition here, used by the IMAP session
(its raw reader and imaplib under imapclient) and the SMTP submission, so the app and the CLI give
up alike.

A `Deadline` is armed around one network operation (connect + TLS + greeting, a login, a command, a
body fetch, an SMTP transaction). It allows `seconds` plus one second per `MIN_RATE` bytes received
(or announced to be sent), so a large transfer on a slow but live link is never cut while a trickle
is. When it passes, a watchdog thread shuts the socket down: whatever the thread blocked in it was
doing (connect, TLS handshake, recv, sendall) returns at once, and the adapter reports a timeout.
"""

from __future__ import annotations

import heapq
import io
import itertools
import socket
import threading
import time
from typing import Any

from acmail_desktop.core.errors import ProtocolError

MAX_LINE = 1_000_000  # one response line without its literals (imaplib's own figure)
SMALL_LITERAL_MAX = 1 << 20  # a literal outside a message FETCH (greeting, LIST, STATUS, ENVELOPE…)
BODY_LITERAL_MAX = 256 << 20  # a whole message: far above any académie attachment limit
COMMAND_RESPONSE_MAX = 64 << 20  # all the bytes of one non-FETCH command's responses
MAX_UNTAGGED = 200_000  # untagged responses kept for one command (a FETCH of 500 UIDs needs 500)
SMTP_REPLY_MAX = 1 << 20  # one SMTP reply, all its continuation lines together
MIN_RATE = 8 * 1024  # bytes/s: slower than this for a whole operation counts as stalled


class Deadline:
    """An overall time limit for one operation on one socket; see the module docstring.

    `start`/`stop` nest: only the outermost pair arms and disarms, so a command inside a larger
    operation does not reset its clock.
    """

    def __init__(self) -> None:
        self._sock: socket.socket | None = None
        self._depth = 0
        self.expires: float | None = None
        self.expired = False

    def attach(self, sock: socket.socket) -> None:
        """The connection to shut down on expiry, given as soon as its socket exists. A duplicate
        is kept: wrapping for TLS detaches the original object, the duplicate still reaches the
        same connection (through the handshake and after it)."""
        self.release()
        self._sock = sock.dup()
        if self.expired:
            _shutdown(self._sock)

    def release(self) -> None:
        """The connection is closed: drop the duplicate."""
        sock, self._sock = self._sock, None
        if sock is not None:
            sock.close()

    def start(self, seconds: float, *, planned_bytes: int = 0) -> None:
        self._depth += 1
        if self._depth > 1:
            return
        self.expired = False
        self.expires = time.monotonic() + seconds + planned_bytes / MIN_RATE
        _WATCHDOG.watch(self)

    def stop(self) -> None:
        self._depth = max(self._depth - 1, 0)
        if self._depth == 0:
            self.expires = None

    def credit(self, nbytes: int) -> None:
        """Bytes that arrived: a live transfer earns its time."""
        expires = self.expires
        if expires is not None and nbytes > 0:
            self.expires = expires + nbytes / MIN_RATE

    def _fire(self) -> None:
        self.expired = True
        if self._sock is not None:
            _shutdown(self._sock)


def _shutdown(sock: socket.socket) -> None:
    # The plain socket method: SSLSocket.shutdown would also drop the TLS object under the thread
    # that is using it.
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass


class _Watchdog:
    """One daemon thread for every deadline of the process, sleeping until the nearest one."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._heap: list[tuple[float, int, Deadline]] = []
        self._counter = itertools.count()
        self._thread: threading.Thread | None = None

    def watch(self, deadline: Deadline) -> None:
        expires = deadline.expires
        if expires is None:
            return
        with self._lock:
            heapq.heappush(self._heap, (expires, next(self._counter), deadline))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="acmail-deadlines", daemon=True)
                self._thread.start()
            self._lock.notify()

    def _run(self) -> None:
        with self._lock:
            while True:
                if not self._heap:
                    self._lock.wait(30.0)
                    if not self._heap:
                        self._thread = None
                        return
                    continue
                when, _n, deadline = self._heap[0]
                now = time.monotonic()
                if when > now:
                    self._lock.wait(when - now)
                    continue
                heapq.heappop(self._heap)
                expires = deadline.expires
                if expires is None:
                    continue  # stopped: forget it
                if expires > now + 0.001:  # credited or restarted since: look again then
                    heapq.heappush(self._heap, (expires, next(self._counter), deadline))
                    continue
                deadline._fire()


_WATCHDOG = _Watchdog()


class CountingReader(io.RawIOBase):
    """A socket's bytes as a raw stream, each read credited to the operation's deadline.

    `budget`, when set by the owner, is how many more bytes may arrive before the answer counts as
    a flood (ProtocolError): for readers like smtplib's that would otherwise collect without end.
    """

    def __init__(self, sock: Any, deadline: Deadline) -> None:
        self._sock = sock
        self._deadline = deadline
        self.budget: int | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        count = int(self._sock.recv_into(buffer))
        self._deadline.credit(count)
        if self.budget is not None:
            self.budget -= count
            if self.budget < 0:
                raise ProtocolError("answer larger than the limit")
        return count

    def recv(self, size: int) -> bytes:
        """For readers that take a socket (the DEFLATE stream of COMPRESS)."""
        data = bytes(self._sock.recv(size))
        self._deadline.credit(len(data))
        return data


def buffered_reader(sock: Any, deadline: Deadline) -> io.BufferedReader:
    return io.BufferedReader(CountingReader(sock, deadline), buffer_size=65536)


def read_exactly(stream: Any, size: int) -> bytes:
    """`size` bytes, grown as they arrive: a lying size never allocates up front. Short on EOF."""
    if size <= 1 << 20:
        return bytes(stream.read(size))
    buffer = bytearray()
    while len(buffer) < size:
        chunk = stream.read(min(1 << 20, size - len(buffer)))
        if not chunk:
            break
        buffer += chunk
    return bytes(buffer)
