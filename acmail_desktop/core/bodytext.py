"""The searchable text of a cached message: its readable text and the names of its attachments.

Why a separate, bounded extraction: the cache's full-text index (store.py) keeps this text for
every body ever downloaded, so "search everywhere" finds a word in a message whose body has since
been evicted from the LRU body cache. It must never blow up on hostile mail, hence the caps.
"""

from __future__ import annotations

from acmail_desktop.core.mime import parse_message
from acmail_desktop.core.render import _filename, _text_of, strip_tags
from acmail_desktop.core.store import SearchableText

MAX_TEXT_CHARS = 200_000  # per message: enough for any letter, bounded for a 50 MB log dump
MAX_PARTS = 500


def searchable_text(raw: bytes) -> SearchableText:
    """Readable text (plain parts, HTML without markup) and attachment names of one message."""
    try:
        message = parse_message(raw)
    except Exception:  # a body that the parser refuses still has its headers indexed
        return SearchableText("", "")
    texts: list[str] = []
    names: list[str] = []
    size = 0
    for count, part in enumerate(message.walk()):
        if count >= MAX_PARTS or size >= MAX_TEXT_CHARS:
            break
        if part.is_multipart():
            continue
        name = _filename(part)
        if name:
            names.append(name)
            continue
        content_type = part.get_content_type()
        if content_type == "text/plain":
            text = _text_of(part)
        elif content_type == "text/html":
            text = strip_tags(_text_of(part)[: MAX_TEXT_CHARS * 4])
        else:
            continue
        text = text[: MAX_TEXT_CHARS - size]
        size += len(text)
        texts.append(text)
    return SearchableText("\n".join(texts), "\n".join(names))
