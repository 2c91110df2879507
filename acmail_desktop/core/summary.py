"""What the message list shows of a message, built from an IMAP FETCH response."""

from __future__ import annotations

import datetime as dt
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
