"""Header FETCH responses as a server sends them, for the header-sync tests (unit and integration)."""

from __future__ import annotations

import multiprocessing
import re

SECTION = b"BODY[HEADER.FIELDS (FROM TO SUBJECT DATE MESSAGE-ID IN-REPLY-TO REFERENCES CONTENT-TYPE)]"
_MARKER = re.compile(rb"\{(\d+)\}")


def header_response(seq: int, uid: int, subject: str, *, flags: bytes = b"\\Seen", reorder: bool = False,
                    tricky: bool = False) -> tuple[bytes, list[bytes]]:
    """(text, literals) as `raw_command` yields them; `tricky` puts wire-like text in the literal."""
    block = (f"From: =?utf-8?q?=C3=89lodie?= <e{uid}@ac-local.fr>\r\nSubject: {subject}\r\n"
             f"Date: Tue, 28 Nov 2023 12:06:41 +0100\r\nMessage-ID: <m{uid}@x>\r\n").encode()
    if tricky:
        block += b"X-Note: )\r\n* 9 FETCH (UID 9 FLAGS ()) {3}\r\nTAG OK\r\n"
    block += b"\r\n"
    items = [b"UID %d" % uid, b"FLAGS (%s)" % flags, b'INTERNALDATE "28-Nov-2023 12:06:41 +0000"',
             b"RFC822.SIZE %d" % (1000 + uid)]
    if reorder:
        items.reverse()
    return b"* %d FETCH (%s %s {%d})" % (seq, b" ".join(items), SECTION, len(block)), [block]


def wire(responses: list[tuple[bytes, list[bytes]]]) -> bytes:
    """What the server sent for these responses: each `{n}` marker is followed by CRLF and the literal."""
    out = []
    for text, literals in responses:
        pos = 0
        for marker, literal in zip(_MARKER.finditer(text), literals, strict=True):
            out.append(text[pos:marker.end()] + b"\r\n" + literal)
            pos = marker.end()
        out.append(text[pos:] + b"\r\n")
    return b"".join(out)


def loader_processes() -> list[str]:
    """Header helpers still running (other helpers, e.g. html2text's, may live on)."""
    return [p.name for p in multiprocessing.active_children() if p.name.startswith("acmail-header")]
