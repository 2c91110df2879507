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


# --- issue 16: never lose what a message says -------------------------------------------------------
from acmail_desktop.core.render import InProcessConverter, View  # noqa: E402


def _alternative(plain: bytes) -> bytes:
    return (b"From: a@b.fr\r\nSubject: alt\r\nContent-Type: multipart/alternative; boundary=A\r\n\r\n--A\r\n"
            b"Content-Type: text/plain\r\n\r\n" + plain + b"\r\n--A\r\nContent-Type: text/html\r\n\r\n"
            b"<p>Conseil de classe <b>jeudi</b></p>\r\n--A--\r\n")


@pytest.mark.parametrize("view", [View.TEXT, View.HTML])
def test_empty_text_alternative_does_not_hide_the_html(view: View) -> None:
    rendered = render(_alternative(b"  \r\n"), view=view, converter=InProcessConverter())
    shown = rendered.html if view == View.HTML else rendered.text
    assert "Conseil de classe" in shown and "jeudi" in shown


def test_bounce_shows_human_part_and_each_recipient() -> None:
    raw = (b"From: MAILER-DAEMON@ac-x.fr\r\nSubject: Undelivered\r\nContent-Type: multipart/report; "
           b"report-type=delivery-status; boundary=R\r\n\r\n--R\r\nContent-Type: text/plain\r\n\r\n"
           b"This is the mail system.\r\n\r\nYour message could not be delivered.\r\n--R\r\n"
           b"Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.ac-x.fr\r\n\r\n"
           b"Final-Recipient: rfc822; jean@ac-x.fr\r\nAction: failed\r\nStatus: 5.1.1\r\n"
           b"Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n\r\n"
           b"Final-Recipient: rfc822; marie@ac-y.fr\r\nAction: delayed\r\nStatus: 4.2.2\r\n\r\n--R\r\n"
           b"Content-Type: message/rfc822\r\n\r\nSubject: Sortie\r\nFrom: moi@ac-x.fr\r\n\r\noriginal\r\n--R--\r\n")
    rendered = render(raw)
    assert "could not be delivered" in rendered.text
    assert [(d.recipient, d.action, d.status) for d in rendered.delivery] == [
        ("jean@ac-x.fr", "failed", "5.1.1"), ("marie@ac-y.fr", "delayed", "4.2.2")]
    assert "User unknown" in rendered.delivery[0].diagnostic
    original = next(a for a in rendered.attachments if a.is_message)
    assert original.filename == "Sortie.eml"
    assert b"original" in attachment_payload(raw, original.path)


@pytest.mark.parametrize("raw", [
    b"\xef\xbb\xbfFrom: Marie <m@ac-x.fr>\r\nSubject: Avec BOM\r\n\r\ncorps\r\n",
    b"From: Marie <m@ac-x.fr>\r\nthis line is broken\r\nSubject: Avec BOM\r\n\r\ncorps\r\n",
    b"Received: from x\r\n by y\r\n[garbage]\r\nFrom: Marie <m@ac-x.fr>\r\nSubject: Avec BOM\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n\r\ncorps\r\n",
])
def test_bom_or_malformed_header_line_keeps_subject_and_sender(raw: bytes) -> None:
    from acmail_desktop.core.imap.fetchparse import row_from_items

    rendered = render(raw)
    assert rendered.subject == "Avec BOM" and rendered.sender.address == "m@ac-x.fr"
    assert rendered.text.strip() == "corps"
    row = row_from_items(1, (), None, len(raw), raw.removeprefix(b"\xef\xbb\xbf"))
    assert row[5] == rendered.subject  # the list and the reader agree


def test_gb2312_label_with_gbk_characters_in_subject_and_body() -> None:
    import base64

    word = base64.b64encode("镕基会议".encode("gbk")).decode()
    raw = (f"From: a@b.cn\r\nSubject: =?gb2312?B?{word}?=\r\nContent-Type: text/plain; charset=gb2312\r\n"
           "\r\n").encode() + "朱镕基".encode("gbk") + b"\r\n"
    rendered = render(raw)
    assert rendered.subject == "镕基会议" and "朱镕基" in rendered.text and "\ufffd" not in rendered.text


def test_raw_8bit_utf8_attachment_name() -> None:
    raw = ('From: a@b.fr\r\nContent-Type: multipart/mixed; boundary=X\r\n\r\n--X\r\nContent-Type: text/plain\r\n'
           '\r\nci-joint\r\n--X\r\nContent-Type: application/pdf; name="Réunion.pdf"\r\n'
           'Content-Disposition: attachment; filename="Réunion.pdf"\r\n\r\n%PDF\r\n--X--\r\n').encode()
    assert [a.filename for a in render(raw).attachments] == ["Réunion.pdf"]


def test_a_thousand_nested_multiparts_give_a_notice() -> None:
    body = b"Content-Type: text/plain\r\n\r\nau fond\r\n"
    for i in range(1000):
        body = (b"Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n" % (i, i) + body
                + b"\r\n--b%d--\r\n" % i)
    rendered = render(b"From: a@b.fr\r\nSubject: profond\r\n" + body)
    assert Notice.TOO_DEEP in rendered.notices and rendered.subject == "profond"


def test_huge_encoded_subject_is_cut_before_decoding() -> None:
    subject = " ".join(["=?utf-8?q?r=C3=A9union?="] * 30_000)  # ~700 KB
    started = time.monotonic()
    rendered = render(f"From: a@b.fr\r\nSubject: {subject}\r\n\r\nx\r\n".encode())
    assert time.monotonic() - started < 0.5
    assert rendered.subject.startswith("réunion") and Notice.HEADER_TRUNCATED in rendered.notices


def test_inline_cid_image_shown_in_place_other_images_listed() -> None:
    raw = (b"From: a@b.fr\r\nContent-Type: multipart/related; boundary=R\r\n\r\n--R\r\n"
           b"Content-Type: text/html\r\n\r\n<p>Logo <img src=\"cid:logo@ac\"></p>\r\n--R\r\n"
           b"Content-Type: image/png\r\nContent-ID: <logo@ac>\r\nContent-Transfer-Encoding: base64\r\n\r\n"
           b"iVBORw0KGgo=\r\n--R\r\nContent-Type: image/jpeg\r\nContent-ID: <photo@ac>\r\n"
           b"Content-Disposition: inline; filename=photo.jpg\r\n\r\nJFIF\r\n--R--\r\n")
    rendered = render(raw, view=View.HTML, converter=InProcessConverter())
    assert 'src="cid:logo@ac"' in rendered.html and set(rendered.images) == {"logo@ac"}
    assert [a.filename for a in rendered.attachments] == ["photo.jpg"]


def test_amplifying_html_is_stopped_by_the_helper_memory_cap() -> None:
    """1.4 MB of nested quotes make html2text's output grow quadratically (GBs): the helper's
    address-space cap stops it long before its (here generous) time limit."""
    converter = HtmlConverter(memory_limit=500_000_000)
    converter.start()
    source = b"<blockquote>" * 70_000 + b"<p>x</p>" * 70_000
    try:
        started = time.monotonic()
        rendered = render(b"From: a@b.fr\r\nContent-Type: text/html\r\n\r\n" + source, converter=converter,
                          limits=RenderLimits(html_timeout_s=120))
        assert time.monotonic() - started < 40
        assert Notice.HTML_TIMEOUT in rendered.notices and "x" in rendered.text
    finally:
        converter.close()


@pytest.mark.parametrize("view", [View.HTML, View.TEXT])
def test_hostile_html_is_shown_within_a_second(view: View) -> None:
    converter = HtmlConverter()
    converter.start()
    try:
        for body in (b"<div>" * 50_000 + b"fond" + b"</div>" * 50_000,
                     b"<blockquote>" * 70_000 + b"<p>x</p>" * 70_000,
                     b"<table><tr><td>" * 20_000 + b"cellule"):
            started = time.monotonic()
            rendered = render(b"From: a@b.fr\r\nContent-Type: text/html\r\n\r\n" + body, converter=converter,
                              view=view)
            assert time.monotonic() - started < 2.5  # target 1 s; a loaded shared CI machine is slower
            assert rendered.html_pieces
    finally:
        converter.close()


def test_bounce_whose_human_part_is_the_preamble() -> None:
    """Seen in the corpus (a 1996 sprynet bounce): the explanation sits before the first boundary."""
    raw = (b"From: The Post Office <postmaster@mm1.example>\r\nSubject: email delivery error\r\n"
           b"MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=B\r\n\r\n"
           b"Processing your mail message caused the following errors:\r\n\r\n"
           b"error: err.nosuchuser: newsletter-request@imusic.example\r\n\r\n--B\r\n"
           b"Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mm1\r\n\r\n"
           b"Final-Recipient: RFC822; newsletter-request@imusic.example\r\nAction: failed\r\n"
           b"Diagnostic-Code: X-LOCAL; 500 (err.nosuchuser)\r\n\r\n--B\r\nContent-Type: message/rfc822\r\n\r\n"
           b"From: jwz@example.com\r\nSubject: unsubscribe\r\n\r\nunsubscribe\r\n--B--\r\n")
    rendered = render(raw)
    assert "err.nosuchuser: newsletter-request@imusic.example" in rendered.text
    assert [(d.recipient, d.action) for d in rendered.delivery] == [("newsletter-request@imusic.example", "failed")]
    report, original = rendered.attachments
    assert report.size > 0 and original.size > 0
    assert b"Final-Recipient: RFC822; newsletter-request@imusic.example" in attachment_payload(raw, report.path)
    assert b"Subject: unsubscribe" in attachment_payload(raw, original.path)


def test_html_charset_declared_only_in_a_meta_tag() -> None:
    body = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"></head>' \
           "<body><p>Совещание в 17 часов</p></body></html>"
    raw = b"From: a@b.fr\r\nSubject: meta\r\nContent-Type: text/html\r\n\r\n" + body.encode("koi8-r")
    rendered = render(raw, view=View.HTML, converter=InProcessConverter())
    assert "Совещание в 17 часов" in rendered.html
    utf8 = b"From: a@b.fr\r\nContent-Type: text/html\r\n\r\n<meta charset=utf-8><p>" + "déjà".encode() + b"</p>"
    assert "déjà" in render(utf8, view=View.HTML, converter=InProcessConverter()).html
