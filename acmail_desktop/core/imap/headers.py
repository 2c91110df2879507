"""The header sync's responses -> store rows, from wire bytes (`ImapSession.raw_command_chunks`).

One place for what the header FETCH's untagged responses mean, used by the in-process sync and by
the loader process (`imap.loader`): a FETCH with a header section is a row; a FETCH with only
FLAGS is an unsolicited flag change for another message; VANISHED removes UIDs; EXISTS, EXPUNGE
and RECENT are left to the next sync (UIDNEXT, modseq or the flag diff see them).

Why wire bytes: in the usual response shape one anchored regex finds both the items and where the
header literal is, so framing and parsing are one step (~2 us per message less than framing first).
Any other shape goes through the general parser (`fetchparse.parse_fetch`), response by response.
"""

from __future__ import annotations

import re
from typing import Any

from acmail_desktop.core import errors
from acmail_desktop.core.imap import fetchparse as fp

# The usual shape of one header response up to its literal (Dovecot, Cyrus, most servers); no CR
# or LF inside, so it never disagrees with the framing `raw_command_chunks` checked.
_FAST_WIRE = re.compile(
    rb"\* \d+ FETCH \(UID (\d+) FLAGS \(([^()\"{}\r\n]*)\) INTERNALDATE \"([^\"\r\n]*)\" "
    rb"RFC822\.SIZE (\d+) BODY\[HEADER\.FIELDS \([^()\]\r\n]*\)\] \{(\d+)\}\r\n")


def split_response(buf: bytes, pos: int) -> tuple[bytes, list[bytes], int]:
    """One whole response at `pos` -> (text with `{n}` markers kept, literals, position after it),
    the same (text, literals) pair as `ImapSession.raw_command` yields."""
    parts: list[bytes] = []
    literals: list[bytes] = []
    while True:
        end = buf.find(b"\r\n", pos)
        if end < 0:
            raise errors.ProtocolError("FETCH: response cut short")
        line = buf[pos:end]
        parts.append(line)
        pos = end + 2
        brace = line.rfind(b"{")
        digits = line[brace + 1:-1] if brace >= 0 and line.endswith(b"}") else b""
        if not (digits.isdigit() and len(digits) <= 12):
            return (parts[0] if len(parts) == 1 else b"".join(parts)), literals, pos
        size = int(digits)
        if pos + size > len(buf):
            raise errors.ProtocolError("FETCH: literal cut short")
        literals.append(buf[pos:pos + size])
        pos += size


class HeaderCollector:
    """Accumulates what one header FETCH brings: rows, flag updates and vanished UIDs."""

    def __init__(self, min_uid: int = 0, max_uid: int | None = None, max_rows: int | None = None) -> None:
        """`max_uid` / `max_rows`: what was asked for (the UIDNEXT the SELECT announced, the size
        of a sequence range); rows beyond it come from a confused or hostile server and are
        dropped (counted in `unasked`), so they never fill the cache."""
        self.min_uid = min_uid  # UID FETCH n:* also returns the highest UID below n: skip it
        self.max_uid = max_uid if max_uid is not None else 1 << 62
        self.rows_left = max_rows if max_rows is not None else 1 << 62
        self.unasked = 0
        self.rows: list[tuple[Any, ...]] = []
        self.flag_updates: list[tuple[int, int, str]] = []
        self.vanished: list[int] = []

    def take_rows(self) -> list[tuple[Any, ...]]:
        rows, self.rows = self.rows, []
        return rows

    def feed(self, text: bytes, literals: list[bytes]) -> None:
        """One untagged response, as `raw_command` yields it."""
        row = fp.fast_header_row(text, literals)
        if row is None:
            kind = fp.classify(text)[0]
            if kind == "VANISHED":
                # Imported here: the loader process never needs imapclient otherwise.
                from acmail_desktop.core.imap.uidset import expand_uid_set

                self.vanished.extend(expand_uid_set(fp.parse_vanished(text)))
                return
            if kind != "FETCH":
                return  # EXISTS / EXPUNGE / RECENT: the next sync sees them
            data = fp.parse_fetch(text, literals)
            uid = data.get(b"UID")
            if uid is None:
                return
            if not any(key.startswith(b"BODY[") for key in data):
                # An unsolicited flag change for another message, interleaved by the server.
                if b"FLAGS" in data:
                    self.flag_updates.append((uid, *fp.flags_bits(data[b"FLAGS"])))
                return
            row = fp.header_row(data)
        if row[0] >= self.min_uid:
            self._keep(row)

    def _keep(self, row: tuple[Any, ...]) -> None:
        if row[0] > self.max_uid or self.rows_left <= 0:
            self.unasked += 1
            return
        self.rows_left -= 1
        self.rows.append(row)

    def feed_chunk(self, buf: bytes) -> None:
        """A run of whole responses, as `raw_command_chunks` yields it."""
        fast = _FAST_WIRE.match
        row_of = fp.row_from_items
        min_uid = self.min_uid
        pos, size = 0, len(buf)
        while pos < size:
            match = fast(buf, pos)
            if match is not None:
                start = match.end()
                end = start + int(match.group(5))
                if buf.startswith(b")\r\n", end):
                    uid = int(match.group(1))
                    if uid >= min_uid:
                        self._keep(row_of(uid, tuple(match.group(2).split()), match.group(3),
                                          int(match.group(4)), buf[start:end]))
                    pos = end + 3
                    continue
            text, literals, pos = split_response(buf, pos)
            self.feed(text, literals)
