"""A focused, fast parser for the FETCH responses the header sync asks for.

Why not imapclient's parser: it is a general pure-Python tokenizer that costs about 12 times the
wire time on a large folder (issue 10). The sync asks for a fixed set of items (UID FLAGS
INTERNALDATE RFC822.SIZE MODSEQ and one BODY[...] section), so a handful of anchored regexes per
message plus a small header unfolder is enough. Anything we do not understand raises
`errors.ProtocolError` rather than guessing.

Input is what `ImapSession.raw_command` yields for one untagged response: the response text with
every literal's ``{n}`` marker kept in place, and the literals in order.
"""

from __future__ import annotations

import base64
import binascii
import quopri
import re
from collections.abc import Sequence
from email.utils import parsedate_tz
from functools import lru_cache
from typing import Any

from acmail_desktop.core import errors
from acmail_desktop.core.addresses import parse_mailbox, parse_mailboxes
from acmail_desktop.core.charsets import decode_text, python_codec
from acmail_desktop.core.rows import (  # noqa: F401 - re-exported: the row vocabulary lives in core.rows
    ANSWERED,
    DELETED,
    DRAFT,
    FLAG_BITS,
    FLAG_NAMES,
    FLAGGED,
    FORWARDED,
    ROW_FIELDS,
    SEEN,
    bits_to_flags,
    sender_sort_key,
    subject_sort_key,
)

# Header fields the list needs; fetched with BODY.PEEK so listing never marks a message read.
HEADER_FIELDS = ("FROM", "TO", "SUBJECT", "DATE", "MESSAGE-ID", "IN-REPLY-TO", "REFERENCES",
                 "CONTENT-TYPE")
HEADER_ITEMS = ("UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER.FIELDS (" + " ".join(HEADER_FIELDS)
                + ")]")

_UNTAGGED = re.compile(rb"\* (\d+) (FETCH|EXISTS|EXPUNGE|RECENT)\b ?", re.I)
_ITEM = re.compile(rb" ?(UID|FLAGS|INTERNALDATE|RFC822\.SIZE|MODSEQ|BODY\[[^\]]*\](?:<\d+>)?|BODY|"
                   rb"BODYSTRUCTURE|ENVELOPE|RFC822|RFC822\.HEADER|X-[A-Z0-9-]+) ", re.I)
_NUMBER = re.compile(rb"(\d+)")
_FLAGS = re.compile(rb"\(([^()\"{}]*)\)")
_QUOTED = re.compile(rb'"((?:[^"\\\r\n]|\\["\\])*)"')
_MODSEQ = re.compile(rb"\((\d+)\)")
_LITERAL = re.compile(rb"\{(\d+)\+?\}")
_NIL = re.compile(rb"NIL", re.I)
# The exact shape Dovecot (and most servers) give the header sync: one regex match per message.
_FAST_HEADER = re.compile(
    rb"\* (\d+) FETCH \(UID (\d+) FLAGS \(([^()\"{}]*)\) INTERNALDATE \"([^\"]*)\" RFC822\.SIZE (\d+) "
    rb"(BODY\[HEADER\.FIELDS \([^()\]]*\)\]) \{(\d+)\}\)$")
_FAST_FLAGS = re.compile(
    rb"\* \d+ FETCH \((?:UID (\d+) (?:MODSEQ \(\d+\) )?FLAGS \(([^()\"{}]*)\)|FLAGS \(([^()\"{}]*)\) UID (\d+))"
    rb"(?: MODSEQ \(\d+\))?\)$")
# A field name may be followed by spaces before its colon ("Subject     : ...", RFC 5322 4.5.1
# obs-field): servers read such fields (ENVELOPE shows the subject), and so do we.
_HEADER_LINE = re.compile(rb"^([!-9;-~]+)[ \t]*:[ \t]*(.*(?:\r?\n[ \t].*)*)", re.M)
_VANISHED = re.compile(rb"\* VANISHED(?: \(EARLIER\))? ([\d:,]+)\s*$", re.I)

MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_INTERNALDATE = re.compile(r"\s?(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)$")
_DATE = re.compile(
    r"^\s*(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{2,4})\s+(\d{1,2}):(\d\d)(?::(\d\d))?"
    r"\s*(?:([+-])(\d\d)(\d\d)|(UT|GMT|Z))?\s*(?:\(.*\))?\s*$")
_DATE_FAST = re.compile(r"(?:[A-Z][a-z]{2}, )?(\d{1,2}) ([A-Za-z]{3}) (\d{4}) (\d\d):(\d\d):(\d\d) ([+-]\d{4})$")
_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=")
_BETWEEN_WORDS = re.compile(r"(\?=)\s+(=\?)")
_UNFOLD = re.compile(rb"\r?\n[ \t]+")
_UNFOLD_TEXT = re.compile(r"\r?\n[ \t]+")
_HEADER_LINE_TEXT = re.compile(r"^([!-9;-~]+)[ \t]*:[ \t]*(.*)", re.M)
_MSGID = re.compile(r"<[^<>\s]+>")
_MAX_SUBJECT = 16_384  # characters of a Subject decoded for the list (the reader keeps 2,000 of them)


class FetchData(dict[bytes, Any]):
    """Items of one FETCH response, keyed like imapclient does (b'UID', b'FLAGS', b'BODY[...]')."""

    seq: int = 0


def _days_from_civil(y: int, m: int, d: int) -> int:
    """Days since 1970-01-01 (Howard Hinnant's algorithm): no datetime object per message."""
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _epoch(y: int, mon: int, d: int, hh: int, mm: int, ss: int, offset_s: int) -> int:
    return _days_from_civil(y, mon, d) * 86400 + hh * 3600 + mm * 60 + ss - offset_s


def parse_internaldate(text: str) -> int | None:
    """'17-Jul-1996 02:44:25 -0700' -> epoch seconds (UTC)."""
    match = _INTERNALDATE.match(text)
    if not match:
        return None
    d, mon, y, hh, mm, ss, sign, oh, om = match.groups()
    month = MONTHS.get(mon.lower())
    if month is None:
        return None
    offset = (int(oh) * 3600 + int(om) * 60) * (-1 if sign == "-" else 1)
    return _epoch(int(y), month, int(d), int(hh), int(mm), int(ss), offset)


@lru_cache(maxsize=4096)
def _day_seconds(d: str, mon: str, y: str) -> int | None:
    """Epoch seconds of a '28 Nov 2023' day: a folder's messages share few thousand days."""
    month = MONTHS.get(mon.lower())
    if month is None or not 1 <= int(d) <= 31:
        return None
    return _days_from_civil(int(y), month, int(d)) * 86400


def parse_date(text: str) -> int | None:
    """RFC 5322 Date header -> epoch seconds; None when unparsable (the caller uses INTERNALDATE)."""
    fast = _DATE_FAST.match(text)
    if fast:  # 'Tue, 28 Nov 2023 10:42:22 +0100', what nearly every client writes
        d, mon, y, hh, mm, ss, zone = fast.groups()
        day = _day_seconds(d, mon, y)
        h, m, sec = int(hh), int(mm), int(ss)
        if day is not None and h < 24 and m < 60 and sec <= 60:
            offset = int(zone[1:3]) * 3600 + int(zone[3:]) * 60
            return day + h * 3600 + m * 60 + sec - (offset if zone[0] == "+" else -offset)
    match = _DATE.match(text)
    if match:
        d, mon, y, hh, mm, ss, sign, oh, om, _zone = match.groups()
        month = MONTHS.get(mon[:3].lower())
        if month is not None:
            year = int(y)
            if year < 100:
                year += 2000 if year < 50 else 1900
            offset = 0
            if sign:
                offset = (int(oh) * 3600 + int(om) * 60) * (-1 if sign == "-" else 1)
            if 1 <= int(d) <= 31 and int(hh) < 24 and int(mm) < 60 and int(ss or 0) <= 60:
                return _epoch(year, month, int(d), int(hh), int(mm), int(ss or 0), offset)
    parsed = parsedate_tz(text)
    if not parsed or parsed[0] is None:
        return None
    try:
        year = parsed[0]
        return _epoch(year, parsed[1], parsed[2], parsed[3], parsed[4], parsed[5], parsed[9] or 0)
    except (TypeError, ValueError):
        return None


def _decode_word(match: re.Match[str]) -> str:
    return _decode_one(match.group(0), match.group(1), match.group(2), match.group(3))


@lru_cache(maxsize=8192)
def _decode_one(whole: str, charset: str, encoding: str, text: str) -> str:
    # Mailboxes repeat the same senders and subjects: each distinct encoded word is decoded once.
    charset = charset.split("*", 1)[0]  # RFC 2231 language suffix
    try:
        if encoding in "Bb":
            raw = base64.b64decode(text + "=" * (-len(text) % 4))
        else:
            raw = quopri.decodestring(text.replace("_", " ").encode("ascii", "replace"), header=True)
    except (ValueError, binascii.Error, UnicodeError):
        return whole
    if python_codec(charset) is None and charset.lower() not in ("unknown-8bit", "x-unknown"):
        return whole  # a charset nobody knows: show the word as written rather than guess
    return decode_text(raw, charset)


def decode_words(value: str) -> str:
    """RFC 2047 encoded words to text; whitespace between adjacent words dropped, never raises.

    Only the span from the first to the last encoded-word delimiter is decoded, and that span is
    cached: subjects like '=?utf-8?q?R=C3=A9union?= (12)' differ only outside it."""
    start = value.find("=?")
    if start < 0:
        return value.strip()
    other = value.find("?=")
    if 0 <= other < start:
        start = other
    end = max(value.rfind("?="), value.rfind("=?")) + 2
    return (value[:start] + _decode_span(value[start:end]) + value[end:]).strip()


@lru_cache(maxsize=8192)
def _decode_span(value: str) -> str:
    value = _BETWEEN_WORDS.sub(r"\1\2", value)
    words = list(_ENCODED_WORD.finditer(value))
    if len(words) < 2:
        return _ENCODED_WORD.sub(_decode_word, value)
    # Adjacent words in one charset are decoded together: mailers cut long subjects between the
    # bytes of one character (UTF-8, GBK...), and each half alone would show U+FFFD.
    out: list[str] = []
    position = 0
    index = 0
    while index < len(words):
        first = words[index]
        run = [first]
        while index + len(run) < len(words) and words[index + len(run)].start() == run[-1].end() \
                and words[index + len(run)].group(1).lower() == first.group(1).lower():
            run.append(words[index + len(run)])
        out.append(value[position:first.start()])
        out.append(_decode_run(tuple((w.group(0), w.group(2), w.group(3)) for w in run), first.group(1)))
        position = run[-1].end()
        index += len(run)
    out.append(value[position:])
    return "".join(out)


def _decode_run(words: tuple[tuple[str, str, str], ...], charset: str) -> str:
    if len(words) == 1:
        whole, encoding, text = words[0]
        return _decode_one(whole, charset, encoding, text)
    label = charset.split("*", 1)[0]
    if python_codec(label) is None and label.lower() not in ("unknown-8bit", "x-unknown"):
        return "".join(whole for whole, _e, _t in words)
    data = bytearray()
    for _whole, encoding, text in words:
        try:
            if encoding in "Bb":
                data += base64.b64decode(text + "=" * (-len(text) % 4))
            else:
                data += quopri.decodestring(text.replace("_", " ").encode("ascii", "replace"), header=True)
        except (ValueError, binascii.Error, UnicodeError):
            return "".join(_decode_one(w, charset, e, t) for w, e, t in words)
    return decode_text(bytes(data), label)


def _bytes_text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")  # 8-bit headers from old clients: never an exception


def parse_header_block(block: bytes) -> dict[str, str]:
    """Unfold and split a header block into lower-case name -> raw text (first occurrence wins).

    Fast path (almost every block): one UTF-8 decode and one unfold over the whole block, then one
    findall; 8-bit blocks that are not UTF-8 are split per line, each value decoded on its own."""
    try:
        text = block.decode("utf-8")
    except UnicodeDecodeError:
        return _parse_header_lines(block)
    if "\n " in text or "\n\t" in text:
        text = _UNFOLD_TEXT.sub(" ", text)
    result: dict[str, str] = {}
    for name, value in reversed(_HEADER_LINE_TEXT.findall(text)):
        result[name.lower()] = value.rstrip("\r \t")
    return result


def _parse_header_lines(block: bytes) -> dict[str, str]:
    result: dict[str, str] = {}
    for name, value in _HEADER_LINE.findall(block):
        key = name.lower().decode("ascii")
        if key in result:
            continue
        if b"\n" in value:
            value = _UNFOLD.sub(b" ", value)
        result[key] = _bytes_text(value.rstrip(b"\r \t"))
    return result


def parse_from(value: str) -> tuple[str, str]:
    """First address of a From header -> (display name, address): parsed, then the name decoded."""
    return parse_mailbox(value)


@lru_cache(maxsize=4096)
def addresses_text(value: str) -> str:
    """To/Cc as one searchable, displayable line."""
    if not value:
        return ""
    if "=?" not in value and '"' not in value:
        return " ".join(value.split())
    return ", ".join(f"{name} <{addr}>" if name and addr else (name or addr)
                     for name, addr in parse_mailboxes(value))


def flags_bits(flags: Sequence[bytes]) -> tuple[int, str]:
    """FLAGS list -> (bitmask, space-separated keywords); \\Recent is session state and dropped."""
    return _flags_bits(flags if isinstance(flags, tuple) else tuple(flags))


@lru_cache(maxsize=1024)
def _flags_bits(flags: tuple[bytes, ...]) -> tuple[int, str]:
    bits = 0
    keywords = []
    for flag in flags:
        text = flag.decode("ascii", "replace")
        bit = FLAG_BITS.get(text.lower())
        if bit:
            bits |= bit
        elif text.lower() != "\\recent":
            keywords.append(text)
    return bits, " ".join(keywords)


def classify(line: bytes) -> tuple[str, int]:
    """('FETCH'|'EXISTS'|'EXPUNGE'|'RECENT'|'VANISHED'|'OTHER', number) of an untagged response."""
    match = _UNTAGGED.match(line)
    if match:
        return match.group(2).upper().decode(), int(match.group(1))
    if line[:11].upper() == b"* VANISHED ":
        return "VANISHED", 0
    return "OTHER", 0


def parse_vanished(line: bytes) -> str:
    """'* VANISHED (EARLIER) 1:3,7' -> '1:3,7' (a UID set)."""
    match = _VANISHED.match(line)
    if not match:
        raise errors.ProtocolError("malformed VANISHED response")
    return match.group(1).decode("ascii")


def parse_fetch(line: bytes, literals: Sequence[bytes]) -> FetchData:
    """One '* n FETCH (...)' response -> FetchData; raises ProtocolError on anything malformed."""
    match = _UNTAGGED.match(line)
    if not match or match.group(2).upper() != b"FETCH":
        raise errors.ProtocolError("not a FETCH response")
    pos = match.end()
    if line[pos:pos + 1] != b"(":
        raise errors.ProtocolError("FETCH response without item list")
    pos += 1
    data = FetchData()
    data.seq = int(match.group(1))
    next_literal = 0
    end = len(line)
    while pos < end:
        if line[pos:pos + 1] == b")":
            if line[pos + 1:].strip():
                raise errors.ProtocolError("data after the FETCH item list")
            return data
        item = _ITEM.match(line, pos)
        if not item:
            raise errors.ProtocolError("unknown FETCH item")
        name = item.group(1).upper()
        pos = item.end()
        if name in (b"UID", b"RFC822.SIZE"):
            value = _NUMBER.match(line, pos)
            if not value:
                raise errors.ProtocolError(f"bad {name.decode()} value")
            data[name] = int(value.group(1))
            pos = value.end()
        elif name == b"FLAGS":
            value = _FLAGS.match(line, pos)
            if not value:
                raise errors.ProtocolError("bad FLAGS value")
            data[name] = tuple(value.group(1).split())
            pos = value.end()
        elif name == b"MODSEQ":
            value = _MODSEQ.match(line, pos)
            if not value:
                raise errors.ProtocolError("bad MODSEQ value")
            data[name] = int(value.group(1))
            pos = value.end()
        elif name == b"INTERNALDATE":
            value = _QUOTED.match(line, pos)
            if not value:
                raise errors.ProtocolError("bad INTERNALDATE value")
            data[name] = value.group(1)
            pos = value.end()
        elif name.startswith(b"BODY[") or name in (b"RFC822", b"RFC822.HEADER"):
            key = re.sub(rb"<\d+>$", b"", name)
            lit = _LITERAL.match(line, pos)
            if lit:
                if next_literal >= len(literals) or len(literals[next_literal]) != int(lit.group(1)):
                    raise errors.ProtocolError("literal count or size mismatch")
                data[key] = literals[next_literal]
                next_literal += 1
                pos = lit.end()
                continue
            quoted = _QUOTED.match(line, pos)
            if quoted:
                data[key] = re.sub(rb'\\(["\\])', rb"\1", quoted.group(1))
                pos = quoted.end()
                continue
            nil = _NIL.match(line, pos)
            if not nil:
                raise errors.ProtocolError("bad body section value")
            data[key] = None
            pos = nil.end()
        else:
            raise errors.ProtocolError(f"FETCH item {name.decode()} not handled by the fast parser")
    raise errors.ProtocolError("unterminated FETCH response")


def header_row(data: FetchData) -> tuple[Any, ...]:
    """FetchData of the header sync -> a row in ROW_FIELDS order (plain tuple: no object per row)."""
    uid = data.get(b"UID")
    if uid is None:
        raise errors.ProtocolError("FETCH response without UID")
    block = b""
    for key, value in data.items():
        if key.startswith(b"BODY[") and value:
            block = value
            break
    internal = data.get(b"INTERNALDATE")
    return row_from_items(uid, data.get(b"FLAGS", ()), internal, data.get(b"RFC822.SIZE") or 0, block)


def fast_flags(text: bytes) -> tuple[int, tuple[int, str]] | None:
    """A flags-only FETCH in its usual shapes ('UID n FLAGS (..)', either order, optional MODSEQ)
    -> (uid, (bits, keywords)); None for anything else (the caller then uses parse_fetch)."""
    match = _FAST_FLAGS.match(text)
    if match is None:
        return None
    uid = match.group(1) or match.group(4)
    flags = match.group(2) if match.group(2) is not None else match.group(3)
    return int(uid), _flags_bits(tuple(flags.split()))


def fast_header_row(text: bytes, literals: Sequence[bytes]) -> tuple[Any, ...] | None:
    """The header sync's hot path: a row straight from the usual response shape, else None (then
    the caller uses parse_fetch + header_row, which accept any item order)."""
    fast = _FAST_HEADER.match(text)
    if fast is None or len(literals) != 1:
        return None
    _seq, uid, flags, internal, size, _section, length = fast.groups()
    if len(literals[0]) != int(length):
        return None
    return row_from_items(int(uid), tuple(flags.split()), internal, int(size), literals[0])


def row_from_items(uid: int, flags: tuple[bytes, ...], internal: bytes | None, size: int, block: bytes
                   ) -> tuple[Any, ...]:
    """The row of one message from its FETCH items (flags as atoms, INTERNALDATE unparsed, the
    header section's bytes)."""
    bits, keywords = _flags_bits(flags)
    headers = parse_header_block(block) if block else {}
    get = headers.get
    subject = decode_words(get("subject", "")[:_MAX_SUBJECT])  # cut first: decoding is what costs
    from_raw = get("from")
    from_name, from_addr = parse_from(from_raw) if from_raw else ("", "")
    to = addresses_text(get("to", ""))
    date_raw = get("date")
    date = parse_date(date_raw) if date_raw else None
    # INTERNALDATE is parsed only when needed (it costs as much as the Date header).
    internaldate = parse_internaldate(internal.decode("ascii", "replace")) if internal and date is None \
        else None
    if date is None:
        date = internaldate or 0  # never NULL: the list sorts on it with row values
    mid = get("message-id", "")
    first_id = _MSGID.search(mid) if mid else None
    message_id = first_id.group() if first_id else mid.strip()
    reply_raw = get("in-reply-to")
    reply = _MSGID.search(reply_raw) if reply_raw else None
    in_reply_to = reply.group() if reply else ""
    refs_raw = get("references")
    refs = _MSGID.findall(refs_raw) if refs_raw else ()
    thread_key = refs[0] if refs else (in_reply_to or message_id or f"uid:{uid}")
    content_type = get("content-type", "").lower()
    has_attachments = 1 if content_type.startswith(("multipart/mixed", "multipart/related",
                                                    "application/", "multipart/signed")) else 0
    return (uid, bits, keywords, internaldate, size, subject, from_name, from_addr, to, date, message_id,
            in_reply_to, " ".join(refs), thread_key, has_attachments, subject_sort_key(subject),
            sender_sort_key(from_name, from_addr))
