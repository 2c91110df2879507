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
