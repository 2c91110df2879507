"""What the message list shows of a message, built from an IMAP FETCH response."""

from __future__ import annotations

import datetime as dt
import urllib.parse
from dataclasses import dataclass
from typing import Any

from acmail_desktop.core.addresses import clean_name
from acmail_desktop.core.mime import decode_header_value
from acmail_desktop.core.rows import bits_to_flags

LIST_FETCH_ITEMS = ("UID", "FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE", "BODYSTRUCTURE")


@dataclass(frozen=True)
class MessageSummary:
    uid: int
    subject: str
    from_name: str
    from_addr: str
    date: dt.datetime | None
    size: int
    flags: frozenset[str]
    has_attachments: bool
    message_id: str = ""
    in_reply_to: str = ""

    @property
    def seen(self) -> bool:
        return "\\Seen" in self.flags

    @property
    def flagged(self) -> bool:
        return "\\Flagged" in self.flags


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _has_attachment(structure: Any) -> bool:
    """Walk a BODYSTRUCTURE (imapclient's nested tuples) looking for an attachment disposition."""
    if structure is None:
        return False
    if getattr(structure, "is_multipart", False):
        parts = structure[0] if isinstance(structure[0], list) else []
        return any(_has_attachment(p) for p in parts)
    try:
        for item in structure:
            if isinstance(item, tuple) and item and isinstance(item[0], bytes) \
                    and item[0].lower() == b"attachment":
                return True
    except TypeError:
        return False
    return False


@dataclass(frozen=True)
class AttachmentPart:
    """One attachment as the server describes it (BODYSTRUCTURE), without downloading it."""

    part: str      # IMAP section number, e.g. "2" or "1.3"
    filename: str
    size: int      # bytes once decoded (base64 lines carry 57 bytes in 78)


def _param(params: Any, name: bytes) -> str:
    """A Content-Type or Content-Disposition parameter, RFC 2231 (name*) or encoded words decoded."""
    if not isinstance(params, tuple):
        return ""
    pairs = list(zip(params[0::2], params[1::2], strict=False))
    for key, value in pairs:
        if isinstance(key, bytes) and key.lower() == name + b"*" and value:
            charset, _quote, rest = _text(value).partition("'")
            text = rest.partition("'")[2] if rest else charset
            charset = charset if rest else ""
            try:
                return urllib.parse.unquote(text, encoding=charset or "utf-8", errors="replace")
            except LookupError:
                return urllib.parse.unquote(text, errors="replace")
    for key, value in pairs:
        if isinstance(key, bytes) and key.lower() == name and value:
            return decode_header_value(_text(value))
    return ""


def attachment_parts(structure: Any, section: str = "") -> list[AttachmentPart]:
    """The attachments of a BODYSTRUCTURE (imapclient's nested tuples), each with its decoded size.

    A part is an attachment when its disposition says so or it carries a file name (a name on an
    inline text part is a signature or a body, not a file to list)."""
    if structure is None:
        return []
    if getattr(structure, "is_multipart", False):
        parts = structure[0] if isinstance(structure[0], list) else []
        found: list[AttachmentPart] = []
        for number, part in enumerate(parts, 1):
            found += attachment_parts(part, f"{section}.{number}" if section else str(number))
        return found
    try:
        items = list(structure)
    except TypeError:
        return []
    if len(items) < 7:
        return []
    main_type = _text(items[0]).lower()
    disposition = next((item for item in items[7:] if isinstance(item, tuple) and item
                        and isinstance(item[0], bytes) and item[0].lower() in (b"attachment", b"inline")), None)
    kind = _text(disposition[0]).lower() if disposition else ""
    filename = (_param(disposition[1], b"filename") if disposition and len(disposition) > 1 else "") \
        or _param(items[2], b"name")
    if not (kind == "attachment" or (filename and not (kind == "inline" and main_type == "text"))):
        return []
    size = items[6] if isinstance(items[6], int) else 0
    if _text(items[5]).lower() == "base64":
        size = size * 57 // 78  # MIME lines: 76 characters + CRLF carry 57 bytes
    return [AttachmentPart(section or "1", filename, size)]


def summary_from_fetch(uid: int, row: dict[bytes, Any]) -> MessageSummary:
    envelope = row.get(b"ENVELOPE")
    subject = from_name = from_addr = message_id = in_reply_to = ""
    date = None
    if envelope is not None:
        subject = decode_header_value(envelope.subject)
        if envelope.from_:
            sender = envelope.from_[0]
            from_name = clean_name(decode_header_value(sender.name))  # the server parsed it: decode after
            mailbox, host = _text(sender.mailbox), _text(sender.host)
            from_addr = f"{mailbox}@{host}" if host else mailbox
        message_id = _text(envelope.message_id)
        in_reply_to = _text(envelope.in_reply_to)
        date = envelope.date
    internal = row.get(b"INTERNALDATE")
    if date is None and isinstance(internal, dt.datetime):
        date = internal
    return MessageSummary(
        uid=uid,
        subject=subject,
        from_name=from_name,
        from_addr=from_addr,
        date=date,
        size=int(row.get(b"RFC822.SIZE") or 0),
        flags=frozenset(_text(f) for f in row.get(b"FLAGS", ())),
        has_attachments=_has_attachment(row.get(b"BODYSTRUCTURE")),
        message_id=message_id,
        in_reply_to=in_reply_to,
    )


# Positions in a `Store.page()` row (store.PAGE_COLUMNS), repeated here so the UI can index rows
# without importing the store module.
ROW_ID, ROW_UID, ROW_FLAGS, ROW_KEYWORDS, ROW_SUBJECT, ROW_FROM_NAME, ROW_FROM_ADDR, ROW_TO, ROW_DATE, \
    ROW_SIZE, ROW_ATTACHMENT, ROW_THREAD, ROW_MESSAGE_ID = range(13)


def summary_from_row(row: tuple[Any, ...]) -> MessageSummary:
    """A cached list row (Store.page) -> MessageSummary; built only for the rows on screen."""
    stamp = row[ROW_DATE]
    return MessageSummary(
        uid=int(row[ROW_UID]),
        subject=row[ROW_SUBJECT],
        from_name=row[ROW_FROM_NAME],
        from_addr=row[ROW_FROM_ADDR],
        date=dt.datetime.fromtimestamp(stamp, dt.UTC) if stamp else None,
        size=int(row[ROW_SIZE]),
        flags=frozenset(bits_to_flags(row[ROW_FLAGS], row[ROW_KEYWORDS])),
        has_attachments=bool(row[ROW_ATTACHMENT]),
        message_id=row[ROW_MESSAGE_ID],
    )
