"""Opening a message never makes a network request (issue 16): every corpus message in both views,
and crafted messages that reference a counting HTTP server on 127.0.0.1 in every way HTML and CSS
can, laid out and painted by the real reader widget. Plus links, cid: images and bounces there."""

from __future__ import annotations

import threading
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QMessageBox

from acmail_desktop.core.context import AppContext
from acmail_desktop.core.render import HtmlConverter, View, render
from acmail_desktop.core.secrets import SessionOnlyStore
from acmail_desktop.core.settings import Settings
from acmail_desktop.ui.reader import ReaderView
from tests.conftest import SHARED_CORPUS

pytestmark = pytest.mark.gui
CORPUS = sorted((SHARED_CORPUS / "messages").glob("*.eml")) if SHARED_CORPUS.is_dir() else []
PNG_1X1 = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


class _Counter(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Counter.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def do_POST(self) -> None:
        self.do_GET()

    def do_HEAD(self) -> None:
        self.do_GET()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def http_server() -> Iterator[tuple[str, list[str]]]:
    _Counter.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    urllib.request.urlopen(f"{url}/self-check", timeout=5).close()  # the counter does count
    assert _Counter.hits == ["/self-check"]
    _Counter.hits.clear()
    yield url, _Counter.hits
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def converter() -> Iterator[HtmlConverter]:
    helper = HtmlConverter()
    helper.start()
    yield helper
    helper.close()


@pytest.fixture
def reader(qtbot, app_paths, registry) -> ReaderView:  # type: ignore[no-untyped-def]
    settings = Settings(app_paths.settings_file)
    view = ReaderView(AppContext(app_paths, settings, registry, SessionOnlyStore()))
    view.open_url = lambda url: view.opened.append(url.toString())  # type: ignore[attr-defined]
    view.opened = []  # type: ignore[attr-defined]
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    return view


def _show(qtbot, reader: ReaderView, raw: bytes, view: View, converter: HtmlConverter) -> None:  # type: ignore[no-untyped-def]
    reader.show_message("INBOX", 1, raw, render(raw, view=view, converter=converter))
    reader.body.finish_now()
    reader.body.document().size()  # lay the whole document out (images are asked for here)
    reader.body.viewport().grab()  # and paint what is visible
    qtbot.wait(1)


def _hostile(url: str) -> bytes:
    html = f"""<html><head><meta http-equiv="refresh" content="0; url={url}/refresh">
<link rel="stylesheet" href="{url}/link.css"><link rel="preload" href="{url}/preload">
<style>@import url({url}/import.css); body {{ background: url('{url}/css-bg.png') }}
p {{ background-image: url({url}/css-p.png); list-style-image: url({url}/list.png) }}</style>
<base href="{url}/base/"></head>
<body background="{url}/body-bg.png" style="background:url({url}/inline-bg.png)">
<p style="background-image:url({url}/style-attr.png)">Texte visible</p>
<img src="{url}/img.png"><img src="relative.png"><img srcset="{url}/srcset.png 2x" src="{url}/src2.png">
<img src="//127.0.0.1:{url.rsplit(':', 1)[1]}/protocol-relative.png"><img src="{url.replace('http', 'ftp')}/ftp.png">
<img src="file:///etc/passwd"><img src="\\\\127.0.0.1\\share\\unc.png"><img src="cid:{url}/cid">
<picture><source srcset="{url}/picture.png"><img src="{url}/picture-img.png"></picture>
<table background="{url}/table-bg.png"><tr><td background="{url}/td-bg.png">cellule</td></tr></table>
<object data="{url}/object.swf"></object><embed src="{url}/embed.swf"><iframe src="{url}/iframe"></iframe>
<video poster="{url}/poster.png" src="{url}/video.mp4"></video><audio src="{url}/audio.mp3"></audio>
<svg><image href="{url}/svg-image.png"/><image xlink:href="{url}/svg-xlink.png"/></svg>
<input type="image" src="{url}/input.png"><form action="{url}/form"><button>b</button></form>
<script src="{url}/script.js"></script><a href="{url}/link">lien</a>
<img src="data:image/png;base64,{PNG_1X1}"></body></html>"""
    return ("From: a@b.fr\r\nSubject: hostile\r\nMIME-Version: 1.0\r\n"
            "Content-Type: multipart/alternative; boundary=Z\r\n\r\n--Z\r\nContent-Type: text/plain\r\n\r\n"
            f"Voir {url}/plain-link\r\n--Z\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}\r\n--Z--\r\n"
            ).encode()


def test_hostile_html_makes_no_request_in_either_view(qtbot, reader, http_server, converter) -> None:  # type: ignore[no-untyped-def]
    url, hits = http_server
    raw = _hostile(url)
    for view in (View.HTML, View.TEXT):
        _show(qtbot, reader, raw, view, converter)
        assert "Texte visible" in reader.body.toPlainText() or view == View.TEXT
    # The second wall alone: unsanitized markup straight into the widget loads nothing either.
    html = raw.decode().split("charset=utf-8\r\n\r\n", 1)[1]
    reader.body.set_message([html], {}, paper=True)
    reader.body.document().size()
    reader.body.viewport().grab()
    qtbot.wait(300)
    assert hits == []
    assert any(u.startswith(url) for u in reader.body.requested), "the loader was asked, and refused"


@pytest.mark.skipif(not CORPUS, reason=f"shared corpus not found at {SHARED_CORPUS / 'messages'}")
def test_every_corpus_message_in_both_views_makes_no_request(qtbot, reader, http_server, converter) -> None:  # type: ignore[no-untyped-def]
    _url, hits = http_server
    for path in CORPUS:
        raw = path.read_bytes()
        for view in (View.HTML, View.TEXT):
            _show(qtbot, reader, raw, view, converter)
    qtbot.wait(200)
    assert hits == []


def test_link_opens_only_after_confirmation_and_phishing_is_flagged(qtbot, reader, converter) -> None:  # type: ignore[no-untyped-def]
    raw = (b"From: a@b.fr\r\nSubject: liens\r\nContent-Type: text/html\r\n\r\n"
           b'<p><a href="https://phish.example/login">www.ac-aix-marseille.fr</a> '
           b'<a href="https://www.education.gouv.fr/">le minist\xc3\xa8re</a></p>')
    _show(qtbot, reader, raw, View.HTML, converter)
    with qtbot.waitSignal(reader.link_confirmation_shown, timeout=3000):
        reader.body.anchorClicked.emit(QUrl("https://phish.example/login"))
    box = reader.link_box
    assert box is not None and reader.opened == []
    assert "Attention" in box.text() and "www.ac-aix-marseille.fr" in box.text()
    assert "https://phish.example/login" in box.informativeText()
    box.reject()
    assert reader.opened == []
    with qtbot.waitSignal(reader.link_confirmation_shown, timeout=3000):
        reader.body.anchorClicked.emit(QUrl("https://www.education.gouv.fr/"))
    box = reader.link_box
    assert "Attention" not in box.text()
    next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole).click()
    assert reader.opened == ["https://www.education.gouv.fr/"]
    with qtbot.waitSignal(reader.link_confirmation_shown, timeout=3000):
        reader.body.anchorClicked.emit(QUrl("file:///etc/passwd"))
    reader.link_box.reject()
    assert reader.opened == ["https://www.education.gouv.fr/"]


def test_cid_image_is_drawn_in_place(qtbot, reader, converter) -> None:  # type: ignore[no-untyped-def]
    raw = ("From: a@b.fr\r\nSubject: logo\r\nContent-Type: multipart/related; boundary=R\r\n\r\n--R\r\n"
           "Content-Type: text/html\r\n\r\n<p>Logo <img src=\"cid:logo@ac\" width=\"40\" height=\"40\"></p>\r\n"
           "--R\r\nContent-Type: image/png\r\nContent-ID: <logo@ac>\r\nContent-Transfer-Encoding: base64\r\n\r\n"
           f"{PNG_1X1}\r\n--R--\r\n").encode()
    _show(qtbot, reader, raw, View.HTML, converter)
    assert reader.body.requested == ["cid:logo@ac"]
    image = reader.body.loadResource(2, QUrl("cid:logo@ac"))
    assert image.width() == 1 and image.pixelColor(0, 0).alpha() > 0  # the real part, not the placeholder
    assert not reader.attachments_frame.isVisible()


def test_bounce_lists_each_recipient_in_french(qtbot, reader, converter) -> None:  # type: ignore[no-untyped-def]
    raw = (b"From: MAILER-DAEMON@ac-x.fr\r\nSubject: Undelivered\r\nContent-Type: multipart/report; "
           b"report-type=delivery-status; boundary=R\r\n\r\n--R\r\nContent-Type: text/plain\r\n\r\n"
           b"Your message could not be delivered.\r\n--R\r\nContent-Type: message/delivery-status\r\n\r\n"
           b"Reporting-MTA: dns; mx.ac-x.fr\r\n\r\nFinal-Recipient: rfc822; jean@ac-x.fr\r\nAction: failed\r\n"
           b"Status: 5.2.2\r\nDiagnostic-Code: smtp; 552 mailbox full\r\n\r\n--R--\r\n")
    _show(qtbot, reader, raw, View.HTML, converter)
    text = reader.delivery_banner.text()
    assert reader.delivery_banner.isVisible() and "jean@ac-x.fr" in text and "5.2.2" in text
    assert "pleine" in text and "552 mailbox full" in text
    assert "could not be delivered" in reader.body.toPlainText()


def test_plain_text_setting_is_remembered_and_applied(qtbot, reader, converter) -> None:  # type: ignore[no-untyped-def]
    raw = (b"From: a@b.fr\r\nSubject: alt\r\nContent-Type: multipart/alternative; boundary=A\r\n\r\n--A\r\n"
           b"Content-Type: text/plain; format=flowed\r\n\r\nTexte brut qui \r\ncontinue.\r\n> cit\xc3\xa9\r\n--A\r\n"
           b"Content-Type: text/html; charset=utf-8\r\n\r\n<p>Version <b>format\xc3\xa9e</b></p>\r\n--A--\r\n")
    reader.context.settings.set("display.plain_text", True)
    _show(qtbot, reader, raw, reader.view, converter)
    assert "Texte brut qui continue." in reader.body.toPlainText() and "formatée" not in reader.body.toPlainText()
    reader.context.settings.set("display.plain_text", False)
    assert Settings(reader.context.paths.settings_file).get("display.plain_text") is False
    with qtbot.waitSignal(reader.view_changed, timeout=10000):
        reader.rerender()
    assert "Version formatée" in reader.body.toPlainText()



def test_dark_theme_applies_everywhere_and_html_mail_stays_readable(qtbot, reader, converter) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication, QWidget

    from acmail_desktop.ui.focus import mark_pane
    from acmail_desktop.ui.theme import apply_theme, is_dark

    app = QApplication.instance()
    mark_pane(reader.body)  # as in the main window: a style sheet re-resolves the palette on change
    html_mail = (b"From: a@b.fr\r\nSubject: lettre\r\nContent-Type: text/html\r\n\r\n"
                 b"<p>Texte <font color=\"#333333\">gris fonc\xc3\xa9</font> pr\xc3\xa9vu pour du blanc</p>")
    _show(qtbot, reader, html_mail, View.HTML, converter)  # shown first, then the theme changes
    try:
        apply_theme(app, "dark")
        qtbot.wait(50)
        other = QWidget()
        qtbot.addWidget(other)
        assert is_dark(other.palette()) and is_dark(reader.palette())
        palette = reader.body.palette()
        # The sender's dark grey and the default text stay on a light page.
        assert palette.color(QPalette.ColorRole.Base).lightness() > 240
        assert palette.color(QPalette.ColorRole.Text).lightness() < 80
        image = reader.body.viewport().grab().toImage()
        assert image.pixelColor(image.width() - 5, image.height() - 5).lightness() > 240
        plain = b"From: a@b.fr\r\nSubject: texte\r\n\r\nTexte brut\r\n"
        _show(qtbot, reader, plain, View.HTML, converter)
        assert is_dark(reader.body.palette()) or reader.body.palette().color(QPalette.ColorRole.Base).lightness() < 80
        apply_theme(app, "light")
        qtbot.wait(50)
        assert not is_dark(other.palette())
    finally:
        apply_theme(app, "system")
