"""The raw wire reader: commands of our own on the IMAP connection, their responses read unparsed.

Why: imapclient's parser is too slow for 50,000 header rows, and the header sync parses elsewhere
(`imap.headers`, possibly in another process). This module reads responses straight off the
connection with the same limits as everywhere (line length, literal size checked before any
allocation, BYE), and closes the session whenever a response was not read to its tagged end (the
stream is then out of step).

It knows nothing of imapclient: the session lends it its connection through the narrow `Channel`
interface (core/imap/session.py's `_ClientChannel` is the only code touching imapclient's
internals for it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from acmail_desktop.core import errors, wire

MAX_LINE = wire.MAX_LINE  # one response line (without literals)
HEADER_LITERAL_MAX = wire.SMALL_LITERAL_MAX  # a header section bigger than 1 MiB is hostile
_MAX_LINE = MAX_LINE
_LITERAL_AT_END = re.compile(rb"\{(\d{1,12})\}$")
_COMMAND_FORBIDDEN = re.compile(r"[\r\n\x00]")


class Channel(Protocol):
    """What the reader needs of a session: a tag, a way to send, the stream to read, and the
    session's own error translation, completion check and close."""

    @property
    def where(self) -> str: ...

    @property
    def file(self) -> Any: ...

    def new_tag(self) -> bytes: ...

    def send(self, data: bytes) -> None: ...

    def translated(self, what: str, *, extra_seconds: float = 0.0) -> AbstractContextManager[None]: ...

    def check_tagged(self, status_line: bytes, what: str) -> None: ...

    def close(self) -> None: ...


class WireReader:
    """Raw commands on one session's connection (see the module docstring)."""

    def __init__(self, channel: Channel) -> None:
        self.channel = channel

    def command(self, command: str, *, max_literal: int = HEADER_LITERAL_MAX,
                    what: str = "FETCH") -> Iterator[tuple[bytes, list[bytes]]]:
        """Send one command and yield its untagged responses as (text, literals).

        The text keeps each literal's ``{n}`` marker in place; literals come in order. A literal
        announced bigger than `max_literal` is refused before any allocation (ProtocolError) and
        the connection is closed, as it is whenever the response is not read to its end.
        """
        with self.exchange(command, what) as exchange:
            stream = exchange.file
            while True:
                text, literals = self.read_response(stream, max_literal, what)
                if text.startswith(b"* "):
                    if text[:6].upper() == b"* BYE ":
                        raise errors.SessionLost(f"{self.channel.where}: {what}: server said BYE")
                    yield text, literals
                    continue
                if text.startswith(exchange.tag_prefix):
                    exchange.finish(text[len(exchange.tag_prefix):])
                    return
                raise errors.ProtocolError(f"{self.channel.where}: {what}: unexpected response line")

    def read_response(self, stream: Any, max_literal: int, what: str) -> tuple[bytes, list[bytes]]:
        """One response (tagged or not): its text with each literal's {n} marker in place, and the
        literals in order."""
        parts: list[bytes] = []
        literals: list[bytes] = []
        while True:
            line = stream.readline(_MAX_LINE + 1)
            if not line:
                raise errors.SessionLost(f"{self.channel.where}: {what}: connection closed")
            if len(line) > _MAX_LINE:
                raise errors.ProtocolError(f"{self.channel.where}: {what}: response line too long")
            line = line[:-2] if line[-2:] == b"\r\n" else line.rstrip(b"\r\n")
            parts.append(line)
            literal = _LITERAL_AT_END.search(line)
            if literal is None:
                break
            literals.append(self._read_literal(stream, int(literal.group(1)), max_literal, what))
        return (parts[0] if len(parts) == 1 else b"".join(parts)), literals

    def pipelined(self, commands: Sequence[str], *, what: str) -> tuple[list[bytes], list[bytes]]:
        """Commands sent in one write and answered in order: one round trip for all (RFC 9051
        5.5). Returns the untagged responses' text and each command's tagged status line, not
        checked (the caller decides which refusal matters). Only for commands whose untagged
        answers say whose they are (ID, ENABLE): no literal is expected beyond the usual limit.
        The session is closed when the answers were not read to the last tagged line."""
        if any(_COMMAND_FORBIDDEN.search(command) for command in commands):
            raise errors.ProtocolError("command contains a line break or NUL")
        done = False
        try:
            with self.channel.translated(what):
                tags: list[bytes] = []
                for _command in commands:
                    tags.append(self.channel.new_tag() + b" ")
                self.channel.send(b"".join(tag + command.encode("utf-8") + b"\r\n"
                                   for tag, command in zip(tags, commands, strict=True)))
                untagged: list[bytes] = []
                statuses: dict[bytes, bytes] = {}
                while len(statuses) < len(tags):
                    text, _literals = self.read_response(self.channel.file, HEADER_LITERAL_MAX, what)
                    if text.startswith(b"* "):
                        if text[:6].upper() == b"* BYE ":
                            raise errors.SessionLost(f"{self.channel.where}: {what}: server said BYE")
                        untagged.append(text)
                        continue
                    tag = next((t for t in tags if text.startswith(t) and t not in statuses), None)
                    if tag is None:
                        raise errors.ProtocolError(f"{self.channel.where}: {what}: unexpected response line")
                    statuses[tag] = text[len(tag):]
                done = True
        finally:
            if not done:
                self.channel.close()
        return untagged, [statuses[tag] for tag in tags]

    def chunks(self, command: str, *, max_literal: int = HEADER_LITERAL_MAX,
                           what: str = "FETCH", chunk_size: int = 1 << 18) -> Iterator[bytes]:
        """Send one command and yield its untagged responses as they came on the wire: runs of
        whole responses (each line with its CRLF, literals in place), about `chunk_size` bytes each.

        Why: the header sync parses elsewhere (`imap.headers`, possibly in another process), and
        finding response boundaries in a buffer costs ~2 us per response against ~8 us for
        `command`'s readline loop. The same limits apply (line length, literal size, BYE),
        checked here before anything is passed on; the tagged completion is handled as there.
        """
        with self.exchange(command, what) as exchange:
            read1 = exchange.file.read1
            tag_prefix = exchange.tag_prefix
            buf = b""
            scan = 0  # where to look for the next CRLF (after a literal: where the line goes on)
            line_start = 0
            ready: list[bytes] = []
            ready_size = 0
            while True:
                data = read1(chunk_size)
                if not data:
                    raise errors.SessionLost(f"{self.channel.where}: {what}: connection closed")
                buf = buf + data if buf else data
                start = 0  # first byte of the response being scanned
                while True:
                    end = buf.find(b"\r\n", scan)
                    if end < 0:
                        if len(buf) - line_start > _MAX_LINE:
                            raise errors.ProtocolError(f"{self.channel.where}: {what}: response line too long")
                        break
                    if end - line_start > _MAX_LINE:
                        raise errors.ProtocolError(f"{self.channel.where}: {what}: response line too long")
                    if buf[end - 1] == 0x7D:  # "}": a literal may follow
                        brace = buf.rfind(b"{", line_start, end)
                        digits = buf[brace + 1:end - 1] if brace >= 0 else b""
                        if digits.isdigit() and len(digits) <= 12:
                            size = int(digits)
                            if size > max_literal:
                                raise errors.ProtocolError(
                                    f"{self.channel.where}: {what}: literal of {size} bytes refused")
                            scan = line_start = end + 2 + size
                            continue
                    if buf.startswith(b"* ", start):
                        if buf[start:start + 6].upper() == b"* BYE ":
                            raise errors.SessionLost(f"{self.channel.where}: {what}: server said BYE")
                    elif buf.startswith(tag_prefix, start):
                        if start:
                            ready.append(buf[:start])
                        if ready:
                            yield b"".join(ready)
                        exchange.finish(buf[start + len(tag_prefix):end])
                        return
                    else:
                        raise errors.ProtocolError(f"{self.channel.where}: {what}: unexpected response line")
                    start = scan = line_start = end + 2
                if start:
                    ready.append(buf[:start])
                    ready_size += start
                    buf = buf[start:]
                    scan -= start
                    line_start -= start
                if ready_size >= chunk_size:
                    yield b"".join(ready)
                    ready, ready_size = [], 0

    @contextmanager
    def exchange(self, command: str, what: str, extra_seconds: float = 0.0) -> Iterator[RawExchange]:
        """One command of our own on the session's connection: sent with a tag from the adapter's
        counter (never clashing with its commands), errors translated, and the session closed
        when the response was not read to its tagged end (the stream is then out of step)."""
        if _COMMAND_FORBIDDEN.search(command):
            raise errors.ProtocolError("command contains a line break or NUL")
        exchange: RawExchange | None = None
        try:
            with self.channel.translated(what, extra_seconds=extra_seconds):
                tag = self.channel.new_tag()
                self.channel.send(tag + b" " + command.encode("utf-8") + b"\r\n")
                exchange = RawExchange(self.channel, what, tag + b" ", self.channel.file)
                yield exchange
        finally:
            if exchange is None or not exchange.done:
                self.channel.close()

    def _read_literal(self, stream: Any, size: int, max_literal: int, what: str) -> bytes:
        if size > max_literal:
            raise errors.ProtocolError(f"{self.channel.where}: {what}: literal of {size} bytes refused")
        data = wire.read_exactly(stream, size)  # grown as bytes arrive: a lying size allocates nothing
        if len(data) != size:
            raise errors.SessionLost(f"{self.channel.where}: {what}: connection closed inside a literal")
        return data


@dataclass
class RawExchange:
    """The state of one raw command while its response is read (see `WireReader.exchange`)."""

    channel: Channel
    what: str
    tag_prefix: bytes
    file: Any
    done: bool = False

    def send(self, data: bytes) -> None:
        """More of the command (a LITERAL+ literal) on the same connection."""
        self.channel.send(data)

    def finish(self, status_line: bytes) -> None:
        """The tagged line arrived: the stream is in step again, whatever the status says."""
        self.done = True
        self.channel.check_tagged(status_line, self.what)
