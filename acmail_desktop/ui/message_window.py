"""A message read from a file (.eml) or attached to another one, in its own read-only window.

Same rendering and the same safety as the main window's reader (it is the same `ReaderView`):
nothing is fetched, links ask first. Reading and rendering happen on a worker thread. Used by
Fichier > Ouvrir un message…, by a .eml dropped on the main window, by `acmail message.eml` and
by the file manager's "Ouvrir avec AcMail" (the .desktop file declares message/rfc822).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QWidget

from acmail_desktop.core import log
from acmail_desktop.core.context import AppContext
from acmail_desktop.core.render import RenderedMessage, render
from acmail_desktop.ui.reader import ReaderView
from acmail_desktop.ui.tasks import BackgroundWorker

MAX_MESSAGE_FILE = 200_000_000  # bytes read from a .eml: larger is not a message


def is_message_file(path: str | Path) -> bool:
    return Path(path).suffix.lower() == ".eml"


def _read(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(MAX_MESSAGE_FILE)


class MessageWindow(QMainWindow):
    message_shown = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("messageWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.worker = BackgroundWorker("message-file", self)
        self.reader = ReaderView(context, self)
        self.reader.runner = self._run
        self.setCentralWidget(self.reader)
        self.setWindowTitle(self.tr("Message"))
        self.resize(860, 640)
        self._make_menu()

    def _make_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&File"))
        for text, slot, shortcut, name in (
                (self.tr("&Open a message…"), self.ask_open, QKeySequence.StandardKey.Open, "openMessageAction"),
                (self.tr("&Print…"), self.reader.ask_print, QKeySequence.StandardKey.Print, "printAction"),
                (self.tr("Export as P&DF…"), self.reader.ask_export_pdf, None, "exportPdfAction"),
                (self.tr("&Close"), self.close, QKeySequence.StandardKey.Close, "closeMessageAction")):
            action = QAction(text, self)
            action.setObjectName(name)
            action.triggered.connect(slot)
            if shortcut is not None:
                action.setShortcut(shortcut)
            menu.addAction(action)
        view = self.menuBar().addMenu(self.tr("&View"))
        plain = QAction(self.tr("&Plain text"), self)
        plain.setCheckable(True)
        plain.setChecked(bool(self.context.settings.get("display.plain_text")))
        plain.toggled.connect(self._plain_text_toggled)
        view.addAction(plain)

    def _plain_text_toggled(self, on: bool) -> None:
        if not self.context.settings.is_locked("display.plain_text"):
            self.context.settings.set("display.plain_text", on)
        self.reader.rerender()

    def ask_open(self) -> None:
        open_message_dialog(self.context, self)

    def open_file(self, path: Path) -> None:
        self.setWindowTitle(path.name)
        view = self.reader.view
        self.worker.submit(lambda: (lambda raw: (raw, render(raw, view=view)))(_read(path)), self._show,
                           self._failed)

    def show_bytes(self, raw: bytes, title: str) -> None:
        self.setWindowTitle(title)
        view = self.reader.view
        self.worker.submit(lambda: (raw, render(raw, view=view)), self._show, self._failed)

    def _show(self, result: tuple[bytes, RenderedMessage]) -> None:
        raw, rendered = result
        self.reader.show_message("", 0, raw, rendered)
        if rendered.subject:
            self.setWindowTitle(rendered.subject)
        self.message_shown.emit()

    def _run(self, fn: Callable[[], Any], ok: Callable[[Any], None], fail: Callable[[BaseException], None]) -> None:
        self.worker.submit(fn, ok, fail)

    def _failed(self, error: BaseException) -> None:
        self.reader.clear(self.tr("This file cannot be read: %1").replace("%1", str(error)[:300]))
        self.message_shown.emit()

    def closeEvent(self, event: Any) -> None:
        self.worker.shutdown()
        super().closeEvent(event)


_open_windows: list[MessageWindow] = []


def open_message_files(context: AppContext, paths: list[Path], parent: QWidget | None = None) -> list[MessageWindow]:
    """One read-only window per file; kept referenced until closed."""
    windows = []
    for path in paths:
        window = MessageWindow(context, parent)
        window.open_file(Path(path))
        window.show()
        _open_windows.append(window)
        window.destroyed.connect(lambda _obj=None, w=window: _open_windows.remove(w) if w in _open_windows else None)
        windows.append(window)
    return windows


def open_message_dialog(context: AppContext, parent: QWidget | None) -> list[MessageWindow]:
    chosen, _ = QFileDialog.getOpenFileNames(parent, QApplication.translate("MessageWindow", "Open a message"),
                                             str(Path.home()),
                                             QApplication.translate("MessageWindow", "Messages (*.eml);;All files (*)"))
    return open_message_files(context, [Path(p) for p in chosen]) if chosen else []


def run_message_files(app: QApplication, context: AppContext, paths: list[str], screenshot: str | None = None) -> int:
    """`acmail message.eml`: only the message windows; AcMail ends when the last one closes."""
    windows = open_message_files(context, [Path(p) for p in paths])
    app.setQuitOnLastWindowClosed(True)
    for window in windows:
        window.message_shown.connect(
            lambda w=window: log.ui.info("message file shown: %d attachment(s)",
                                         len(w.reader.rendered.attachments) if w.reader.rendered else 0))
    if screenshot and windows:
        def grab() -> None:
            windows[0].grab().save(screenshot)
            app.quit()

        windows[0].message_shown.connect(lambda: QTimer.singleShot(300, grab))
    return app.exec() if windows else 0
