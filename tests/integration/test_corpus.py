"""The shared corpus of 236 real messages (issue 8, item 10): each one parses, renders, lists its
attachments and gives their bytes back, within a time limit, without an uncaught exception.

The messages are read from ../shared/corpus (beside the checkout), never copied into the project.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from acmail_desktop.core.render import HtmlConverter, attachment_payload, render
from tests.conftest import SHARED_CORPUS

MESSAGES = sorted((SHARED_CORPUS / "messages").glob("*.eml")) if SHARED_CORPUS.is_dir() else []
pytestmark = pytest.mark.skipif(not MESSAGES, reason=f"shared corpus not found at {SHARED_CORPUS / 'messages'}")


@pytest.fixture(scope="module")
def converter() -> Iterator[HtmlConverter]:
    process = HtmlConverter()
    yield process
    process.close()


def test_corpus_is_complete() -> None:
    assert len(MESSAGES) == 236


@pytest.mark.parametrize("path", MESSAGES, ids=[p.name for p in MESSAGES])
def test_message_renders(path: Path, converter: HtmlConverter) -> None:
    raw = path.read_bytes()
    started = time.monotonic()
    rendered = render(raw, converter=converter)
    for attachment in rendered.attachments:
        data = attachment_payload(raw, attachment.path)
        assert isinstance(data, bytes)
    assert time.monotonic() - started < 5, "rendering one message must stay well under the UI's patience"
    assert isinstance(rendered.text, str) and "\x00" not in rendered.subject
    assert rendered.sender.text is not None


def test_every_message_is_searchable(tmp_path: Path) -> None:
    """Headers go through the sync's own row builder into a real cache; each message is then found
    by a word of its subject (or sender) with the quick filter."""
    import re

    from acmail_desktop.core.imap.fetchparse import FetchData, header_row
    from acmail_desktop.core.store import Store

    with Store(tmp_path / "corpus.sqlite3") as store:
        store.ensure_folder("INBOX")
        rows = []
        for uid, path in enumerate(MESSAGES, start=1):
            raw = path.read_bytes()
            block = raw.split(b"\r\n\r\n", 1)[0] if b"\r\n\r\n" in raw else raw.split(b"\n\n", 1)[0]
            rows.append(header_row(FetchData({b"UID": uid, b"FLAGS": (), b"RFC822.SIZE": len(raw),
                                              b"BODY[HEADER]": block + b"\r\n"})))
        store.put_headers("INBOX", rows)
        assert store.count("INBOX") == len(MESSAGES)
        missing = []
        for uid, message in enumerate(store.page("INBOX", "uid", False, 0, len(MESSAGES)), start=1):
            subject, from_name, from_addr = message[4], message[5], message[6]
            words = re.findall(r"\w{3,}", f"{subject} {from_name} {from_addr}")
            if not words:
                continue  # nothing searchable was written by the sender
            found = [row[1] for row in store.page("INBOX", "date", True, 0, 1000, words[0])]
            if message[1] not in found:
                missing.append((MESSAGES[uid - 1].name, words[0]))
        assert missing == []
