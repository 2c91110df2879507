"""The message body widget: Qt rich text that can load nothing but this message's own parts.

A QTextBrowser has no script engine; what it would still load (images, style sheets) goes through
`loadResource`, overridden here to serve only `cid:` parts of the message and bounded `data:`
images. Every other URL (http, https, ftp, file, relative paths, UNC paths, unknown schemes) gets a
grey placeholder for an image and nothing for anything else: no request, no file read. Links are
never followed by the widget itself (`setOpenLinks(False)`); the reader asks first.
"""

from __future__ import annotations

import base64
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QImage, QPalette, QTextCursor, QTextDocument
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

_MAX_DATA_IMAGE = 2_000_000  # bytes of base64 in one data: image
# What an HTML mail is drawn on in a dark theme: mail is designed for a light page.
PAPER = QColor("#ffffff")
INK = QColor("#202124")


def _placeholder() -> QImage:
    """A flat light grey box; Qt scales it to the image's width and height attributes, so a 1x1
    tracking pixel stays invisible and a banner keeps its place in the layout."""
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    image.fill(QColor("#e4e7eb"))
    return image


class MessageBrowser(QTextBrowser):
    """See the module docstring. `images` maps a lower-case Content-ID to (type, bytes).

    Long markup comes in pieces (`htmlsafe.chunk_html`), inserted one per event-loop turn: Qt
    parses and lays out rich text on the GUI thread, and a whole 1 MB newsletter at once would
    freeze the window for seconds."""

    content_complete = Signal()  # the last piece of the current message is in

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.images: dict[str, tuple[str, bytes]] = {}
        self.requested: list[str] = []   # every URL the document asked for (tests, diagnostics)
        self._placeholder: QImage | None = None
        self._decoded: dict[str, QImage] = {}
        self._pending: list[str] = []
        self._generation = 0
        self.complete = True
        self._paper = False
        self._colouring = False
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.document().setDocumentMargin(14)
        self.setSearchPaths([])

    def set_message(self, pieces: list[str], images: dict[str, tuple[str, bytes]], *, paper: bool) -> None:
        """Show sanitized rich text (in pieces); `paper` draws it on a light page whatever the theme."""
        self._generation += 1
        self._pending = list(pieces[1:])
        self.complete = not self._pending
        self.images = images
        self._decoded.clear()
        self.requested.clear()
        self._paper = paper
        self._apply_colours()
        document = QTextDocument(self)
        document.setDocumentMargin(14)
        document.setDefaultFont(self.font())
        self.setDocument(document)  # a fresh document: no resource cached from another message
        self.setHtml(pieces[0] if pieces else "")
        if self._pending:
            generation = self._generation
            QTimer.singleShot(0, lambda: self._insert_next(generation))
        else:
            self.content_complete.emit()

    def _apply_colours(self) -> None:
        """HTML mail on its light page, anything else in the theme's colours. Applied again after
        a theme change (a style sheet on this widget re-resolves its palette then)."""
        self._colouring = True
        try:
            if self._paper:
                palette = QPalette(self.palette())
                palette.setColor(QPalette.ColorRole.Base, PAPER)
                palette.setColor(QPalette.ColorRole.Text, INK)
                palette.setColor(QPalette.ColorRole.Link, QColor("#1a0dab"))
                self.setPalette(palette)
            else:
                self.setPalette(QPalette())  # nothing set: the theme's colours, following its changes
        finally:
            self._colouring = False

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        changed = event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange)
        if changed and self._paper and not self._colouring and (
                self.palette().color(QPalette.ColorRole.Base) != PAPER
                or self.palette().color(QPalette.ColorRole.Text) != INK):
            self._apply_colours()

    def _insert_next(self, generation: int) -> None:
        if generation != self._generation or not self._pending:
            return
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertHtml(self._pending.pop(0))
        if self._pending:
            QTimer.singleShot(0, lambda: self._insert_next(generation))
        else:
            self.complete = True
            self.content_complete.emit()

    def finish_now(self) -> None:
        """Insert what is still pending at once (printing, tests)."""
        while self._pending:
            self._insert_next(self._generation)

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        name = url.toString() if isinstance(url, QUrl) else str(url)
        self.requested.append(name)
        scheme = name.split(":", 1)[0].lower() if ":" in name else ""
        if int(kind) != QTextDocument.ResourceType.ImageResource.value:
            # Style sheets and anything else: never loaded. Not None: on a null answer Qt would
            # read a local file of that name itself.
            return QByteArray(b" ")
        if scheme == "cid":
            return self._cid_image(name[4:])
        if scheme == "data":
            return self._data_image(name)
        return self._blocked()

    def _blocked(self) -> QImage:
        if self._placeholder is None:
            self._placeholder = _placeholder()
        return self._placeholder

    def _cid_image(self, content_id: str) -> QImage:
        key = QUrl.fromPercentEncoding(content_id.encode()).strip().strip("<>").lower()
        if key in self._decoded:
            return self._decoded[key]
        found = self.images.get(key)
        image = QImage.fromData(found[1]) if found else QImage()
        if image.isNull():
            image = self._blocked()
        self._decoded[key] = image
        return image

    def _data_image(self, url: str) -> QImage:
        header, _, payload = url.partition(",")
        if not header.lower().startswith("data:image/") or ";base64" not in header.lower() \
                or len(payload) > _MAX_DATA_IMAGE:
            return self._blocked()
        try:
            image = QImage.fromData(base64.b64decode(QUrl.fromPercentEncoding(payload.encode())))
        except ValueError:
            image = QImage()
        return self._blocked() if image.isNull() else image
