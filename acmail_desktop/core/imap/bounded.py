"""The imaplib under imapclient, with every read bounded (see core.wire).

imaplib reads the greeting, CAPABILITY, LIST, STATUS, SEARCH, ID and NAMESPACE answers through
`readline` and `read(size)` with the size the server announced: `{99999999999}` asked
`BufferedReader.read` for 100 GB (MemoryError), and untagged responses piled up without end. Here
the same seams refuse an over-long line, a literal above the limit of the command in progress, a
response larger than COMMAND_RESPONSE_MAX and more than MAX_UNTAGGED untagged responses, each as a
typed ProtocolError; every byte read is credited to the operation's deadline.
"""

from __future__ import annotations

import imaplib
import socket
import ssl
from typing import Any

from acmail_desktop.core import errors, wire

_FETCH_COMMANDS = frozenset({"FETCH", "UID"})  # imapclient sends its FETCH as "UID FETCH …"


class _BoundedReads:
    """Mixin over imaplib.IMAP4: the read seams with limits, the socket handed to the deadline."""

    deadline: wire.Deadline
    sock: Any
    file: Any
    host: str
    port: int

    def _limits_for(self, name: str) -> None:
        fetch = name.upper() in _FETCH_COMMANDS
        self._max_literal = wire.BODY_LITERAL_MAX if fetch else wire.SMALL_LITERAL_MAX
        self._max_response = wire.BODY_LITERAL_MAX + wire.COMMAND_RESPONSE_MAX if fetch \
            else wire.COMMAND_RESPONSE_MAX
        self._response_bytes = 0
        self._untagged = 0

    def _count(self, nbytes: int) -> None:
        self._response_bytes += nbytes
        if self._response_bytes > self._max_response:
            raise errors.ProtocolError(f"IMAP {self.host}: response larger than {self._max_response} bytes")

    def open(self, host: str = "", port: int = 143, timeout: float | None = None) -> None:
        self._limits_for("greeting")
        super().open(host, port, timeout)  # type: ignore[misc]
        self.file = wire.buffered_reader(self.sock, self.deadline)

    def readline(self) -> bytes:
        line = self.file.readline(wire.MAX_LINE + 1)
        if len(line) > wire.MAX_LINE:
            raise errors.ProtocolError(f"IMAP {self.host}: response line longer than {wire.MAX_LINE} bytes")
        self._count(len(line))
        return bytes(line)

    def read(self, size: int) -> bytes:
        if size > self._max_literal:
            raise errors.ProtocolError(f"IMAP {self.host}: literal of {size} bytes refused")
        self._count(size)
        return wire.read_exactly(self.file, size)

    def _command(self, name: str, *args: Any) -> Any:
        self._limits_for(name)
        return super()._command(name, *args)  # type: ignore[misc]

    def _append_untagged(self, typ: str, dat: Any) -> None:
        self._untagged += 1
        if self._untagged > wire.MAX_UNTAGGED:
            raise errors.ProtocolError(f"IMAP {self.host}: more than {wire.MAX_UNTAGGED} responses to one command")
        super()._append_untagged(typ, dat)  # type: ignore[misc]

    def starttls(self, ssl_context: ssl.SSLContext | None = None) -> Any:
        result = super().starttls(ssl_context)  # type: ignore[misc]
        self.file = wire.buffered_reader(self.sock, self.deadline)
        return result


class BoundedIMAP4(_BoundedReads, imaplib.IMAP4):
    """The connection imapclient would make (its IMAP4WithTimeout / IMAP4_TLS), bounded; the
    deadline holds the plain socket before any TLS handshake. `ssl_context` means implicit TLS."""

    def __init__(self, host: str, port: int, timeout: float | None, deadline: wire.Deadline,
                 ssl_context: ssl.SSLContext | None = None) -> None:
        self.deadline = deadline
        self.ssl_context = ssl_context
        self._timeout = timeout
        super().__init__(host, port, timeout=timeout)

    def _create_socket(self, timeout: float | None = None) -> socket.socket:
        sock = socket.create_connection((self.host, self.port), timeout=timeout or self._timeout)
        self.deadline.attach(sock)
        if self.ssl_context is None:
            return sock
        return self.ssl_context.wrap_socket(sock, server_hostname=self.host)
