"""Hostile messages (issue 8, items 11-12): bounded time and size, notices, no remote access."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from acmail_desktop.core.render import (
    HtmlConverter,
    Notice,
    RenderLimits,
    attachment_payload,
    render,
    strip_tags,
)


def _nested(depth: int) -> bytes:
    body = b"Content-Type: text/plain\r\n\r\ncore text\r\n"
    for i in range(depth):
        if i % 2:
            body = (b"Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n" % (i, i) + body
                    + b"\r\n--b%d--\r\n" % i)
        else:
            body = b"Content-Type: message/rfc822\r\n\r\nSubject: inner\r\n" + body
    return b"From: a@b.fr\r\nSubject: nest\r\nMIME-Version: 1.0\r\n" + body


def test_nesting_bomb_is_cut_with_a_notice() -> None:
    started = time.monotonic()
    rendered = render(_nested(200))
    assert time.monotonic() - started < 5
    assert Notice.TOO_DEEP in rendered.notices


def test_huge_subject_is_truncated() -> None:
    rendered = render(b"From: a@b.fr\r\nSubject: " + b"A" * 2_000_000 + b"\r\n\r\nbody\r\n")
    assert Notice.HEADER_TRUNCATED in rendered.notices and len(rendered.subject) <= 2001


def test_huge_one_line_html_is_bounded() -> None:
    raw = b"From: a@b.fr\r\nContent-Type: text/html\r\n\r\n<p>" + b"mot " * 1_300_000 + b"</p>\r\n"
    started = time.monotonic()
    rendered = render(raw, limits=RenderLimits(max_html_chars=1_000_000, max_text_chars=500_000))
    assert time.monotonic() - started < 30
    assert {Notice.HTML_TRUNCATED, Notice.TEXT_TRUNCATED} <= rendered.notices
    assert len(rendered.text) == 500_000 and rendered.from_html


def test_fifty_thousand_nested_divs() -> None:
    raw = b"From: a@b.fr\r\nContent-Type: text/html\r\n\r\n" + b"<div>" * 50_000 + b"fond" + b"</div>" * 50_000
    started = time.monotonic()
    rendered = render(raw)
    assert time.monotonic() - started < 30
    assert "fond" in rendered.text


def test_a_looping_converter_is_killed_and_the_text_still_shown() -> None:
    converter = HtmlConverter("tests.support.slow_html:convert")
    try:
        started = time.monotonic()
        rendered = render(b"From: a@b.fr\r\nContent-Type: text/html\r\n\r\n<p>Bonjour <b>Marie</b></p>"
                          b"<script>alert(1)</script>", limits=RenderLimits(html_timeout_s=1.0),
                          converter=converter)
        assert time.monotonic() - started < 10
        assert Notice.HTML_TIMEOUT in rendered.notices
        assert "Bonjour Marie" in rendered.text and "alert" not in rendered.text
        assert converter._process is None, "the looping child must be gone"
    finally:
        converter.close()


def test_real_converter_process_converts() -> None:
    converter = HtmlConverter()
    try:
        raw = ("From: a@b.fr\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
               "<h1>Réunion</h1><p>à 17 h</p>").encode()
        rendered = render(raw, converter=converter)
        assert "Réunion" in rendered.text and "à 17 h" in rendered.text and not rendered.notices
    finally:
        converter.close()


def test_remote_content_is_never_fetched() -> None:
    """EFAIL-style and tracking content: zero connections to a listener, no local file read."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    connections: list[object] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connections.append(listener.accept())
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    html_body = (f'<html><head><style>@import url("{url}/a.css"); body{{background:url({url}/bg.png)}}</style>'
                 f'<link rel=stylesheet href="{url}/b.css"></head><body>'
                 f'<img src="{url}/pixel.gif"><img src="file:///etc/passwd"><img src="\\\\127.0.0.1\\share\\x.png">'
                 f'<iframe src="{url}/frame"></iframe><p>Texte visible</p>'
                 f'<a href="{url}/link">lien</a><img src="cid:part1"></body></html>')
    raw = ("From: a@b.fr\r\nContent-Type: multipart/mixed; boundary=X\r\n\r\n--X\r\n"
           "Content-Type: text/html\r\n\r\n<img src=\"" + url + "/efail?\r\n--X\r\n"
           "Content-Type: text/html\r\n\r\n" + html_body + "\r\n--X--\r\n").encode()
    try:
        rendered = render(raw)
        time.sleep(0.5)
    finally:
        stop.set()
        thread.join(2)
        listener.close()
    assert connections == []
    assert "root:" not in rendered.text


def test_attachment_listing_and_payload() -> None:
    raw = (b"From: a@b.fr\r\nContent-Type: multipart/mixed; boundary=X\r\n\r\n--X\r\n"
           b"Content-Type: text/plain\r\n\r\nvoir PJ\r\n--X\r\nContent-Type: application/pdf\r\n"
           b"Content-Disposition: attachment; filename=\"bulletin.pdf\"\r\nContent-Transfer-Encoding: base64\r\n"
           b"\r\nJVBERi0xLjQK\r\n--X--\r\n")
    rendered = render(raw)
    assert [(a.filename, a.content_type, a.size) for a in rendered.attachments] == [
        ("bulletin.pdf", "application/pdf", 9)]
    assert attachment_payload(raw, rendered.attachments[0].path) == b"%PDF-1.4\n"


def test_display_name_spoofing_reaches_the_reader() -> None:
    rendered = render(b'From: "support@ac-versailles.fr" <x@evil.tld>\r\nSubject: s\r\n\r\nb\r\n')
    assert rendered.sender.address == "x@evil.tld" and rendered.sender.warnings


def test_strip_tags_fallback() -> None:
    assert strip_tags("<style>p{}</style><p>a &amp; b</p><br>c") == "a & b\n\nc\n"


@pytest.mark.parametrize("header", [b"To: unlisted-recipients:; (no To-header on input)\r\n",
                                    b"To: \"broken <x@y\r\n", b"Subject: =?x-unknown?q?abc?=\r\n"])
def test_headers_that_break_the_default_policy(header: bytes) -> None:
    rendered = render(b"From: a@b.fr\r\n" + header + b"\r\nbody\r\n")
    assert rendered.sender.address == "a@b.fr" and "body" in rendered.text


def test_raw_8bit_utf8_headers_are_read_as_utf8() -> None:
    """Regression: the Header object compat32 gives for raw 8-bit headers was stringified first."""
    rendered = render("From: Élise <e@b.fr>\r\nSubject: Sortie au musée\r\n\r\nx\r\n".encode())
    assert rendered.subject == "Sortie au musée" and rendered.sender.name == "Élise"
