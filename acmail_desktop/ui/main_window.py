"""The main window: folders, message list and message view over the account's IMAP session."""

from __future__ import annotations

from datetime import UTC
from email.utils import parsedate_to_datetime
from typing import Any

from PySide6.QtCore import QDateTime, QItemSelection, QLocale, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListView,
    QMainWindow,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from acmail_desktop.core.imap.session import FolderInfo, ImapSession
from acmail_desktop.core.mime import RenderedMessage, render_message
from acmail_desktop.core.summary import LIST_FETCH_ITEMS, MessageSummary, summary_from_fetch
from acmail_desktop.ui.context import AppContext
from acmail_desktop.ui.login import LoginResult
from acmail_desktop.ui.messages import describe_error
from acmail_desktop.ui.models.folders import FolderListModel
from acmail_desktop.ui.models.messages import MessageListModel
from acmail_desktop.ui.roles import Roles
from acmail_desktop.ui.tasks import ConnectionWorker

FIRST_SCREEN = 200


def _readable_date(header: str) -> str:
    """The Date header in the user's language and time zone ("vendredi 27 novembre 2026 10:16")."""
    if not header:
        return ""
    try:
        moment = parsedate_to_datetime(header)
    except (TypeError, ValueError, IndexError):
        return header
    if moment.tzinfo is None:  # "-0000" or no zone at all: the time is UTC (RFC 5322 3.3)
        moment = moment.replace(tzinfo=UTC)
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
    return QLocale().toString(local, "dddd d MMMM yyyy HH:mm")


class MainWindow(QMainWindow):
    logged_out = Signal()
    folders_loaded = Signal(int)
    messages_loaded = Signal(str, int)
    message_shown = Signal(int)

    def __init__(self, context: AppContext, login: LoginResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.account = login.account
        self.session: ImapSession | None = login.session
        self.worker = ConnectionWorker("imap", self)
        self.current_folder = "INBOX"
        self.setObjectName("mainWindow")
        self._build()
        self._update_title()
        self.load_folders()

    def _build(self) -> None:
        toolbar = QToolBar(self.tr("Actions"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.refresh_action = QAction(self.tr("&Get mail"), self)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(lambda: self.load_messages(self.current_folder))
        self.logout_action = QAction(self.tr("Sign &out"), self)
        self.logout_action.triggered.connect(self.logout)
        toolbar.addAction(self.refresh_action)
        toolbar.addSeparator()
        toolbar.addAction(self.logout_action)
        self.addToolBar(toolbar)

        self.folder_model = FolderListModel(self)
        self.folder_view = QListView()
        self.folder_view.setObjectName("folderView")
        self.folder_view.setAccessibleName(self.tr("Folders"))
        self.folder_view.setModel(self.folder_model)
        self.folder_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.folder_view.selectionModel().currentChanged.connect(self._folder_selected)

        self.message_model = MessageListModel(self)
        self.message_view = QTableView()
        self.message_view.setObjectName("messageList")
        self.message_view.setAccessibleName(self.tr("Message list"))
        self.message_view.setModel(self.message_model)
        self.message_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.message_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.message_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.message_view.setShowGrid(False)
        self.message_view.verticalHeader().hide()
        self.message_view.setWordWrap(False)
        header = self.message_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((24, 24, 24, 200, 380, 130, 70)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.message_view.selectionModel().selectionChanged.connect(self._message_selected)

        self.reader_header = QLabel()
        self.reader_header.setObjectName("readerHeader")
        self.reader_header.setWordWrap(True)
        self.reader_header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reader_header.setTextFormat(Qt.TextFormat.PlainText)
        self.reader = QPlainTextEdit()
        self.reader.setObjectName("messageReader")
        self.reader.setReadOnly(True)
        self.reader.setAccessibleName(self.tr("Message content"))
        reader_box = QWidget()
        reader_layout = QVBoxLayout(reader_box)
        reader_layout.setContentsMargins(6, 6, 6, 6)
        reader_layout.addWidget(self.reader_header)
        reader_layout.addWidget(self.reader, 1)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.message_view)
        right.addWidget(reader_box)
        right.setSizes([320, 420])
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.folder_view)
        splitter.addWidget(right)
        splitter.setSizes([220, 880])
        self.setCentralWidget(splitter)
        self.server_status = QLabel()
        self.statusBar().addPermanentWidget(self.server_status)
        endpoint = self.account.provider.imap
        self.server_status.setText(f"{self.account.email} — {endpoint.hostname}:{endpoint.port}")
        self.resize(1100, 720)

    def _update_title(self, unread: int = 0) -> None:
        base = f"AcMail — {self.account.email}"
        self.setWindowTitle(f"({unread}) {base}" if unread else base)

    # --- network, always on the worker ------------------------------------------------------------
    def _session(self) -> ImapSession:
        if self.session is None:
            raise RuntimeError("logged out")
        return self.session

    def load_folders(self) -> None:
        self.statusBar().showMessage(self.tr("Loading folders…"))
        self.worker.submit(lambda: self._session().list_folders(), self._folders_done, self._failed)

    def _folders_done(self, folders: list[FolderInfo]) -> None:
        self.folder_model.set_folders(folders)
        row = self.folder_model.row_of("INBOX")
        if row >= 0:
            self.folder_view.setCurrentIndex(self.folder_model.index(row))
        self.folders_loaded.emit(self.folder_model.rowCount())

    def _folder_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        name = current.data(Roles.FolderName)
        if name:
            self.load_messages(name)

    def load_messages(self, folder: str) -> None:
        self.current_folder = folder
        shown = self.folder_model.display_name(folder)
        self.statusBar().showMessage(self.tr("Getting mail in %1…").replace("%1", shown))

        def work() -> tuple[str, list[MessageSummary]]:
            session = self._session()
            session.select(folder, readonly=True)
            uids = session.search_uids()
            newest = list(reversed(uids))[:FIRST_SCREEN]
            rows = session.fetch(newest, LIST_FETCH_ITEMS)
            return folder, [summary_from_fetch(uid, row) for uid, row in rows.items()]

        self.worker.submit(work, self._messages_done, self._failed)

    def _messages_done(self, result: tuple[str, list[MessageSummary]]) -> None:
        folder, rows = result
        if folder != self.current_folder:
            return
        self.message_model.set_messages(rows)
        unread = sum(1 for r in rows if not r.seen)
        if folder == "INBOX":
            self._update_title(unread)
        self.statusBar().showMessage(self.tr("%n message(s)", "", len(rows)), 4000)
        self.messages_loaded.emit(folder, len(rows))

    def _message_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.message_view.selectionModel().selectedRows()
        if len(rows) != 1:
            return
        summary = self.message_model.summary(rows[0].row())
        folder = self.current_folder

        def work() -> tuple[int, RenderedMessage | None]:
            session = self._session()
            if session.selected != folder:
                session.select(folder, readonly=True)
            raw = session.fetch_message(summary.uid)
            return summary.uid, render_message(raw) if raw is not None else None

        self.worker.submit(work, self._message_done, self._failed)

    def _message_done(self, result: tuple[int, RenderedMessage | None]) -> None:
        uid, rendered = result
        if rendered is None:
            self.reader.setPlainText(self.tr("This message no longer exists on the server."))
            return
        # Only the headers the message has: an empty "To:" line reads like a fault.
        fields = ((self.tr("From: %1"), rendered.from_), (self.tr("To: %1"), rendered.to),
                  (self.tr("Cc: %1"), rendered.cc), (self.tr("Date: %1"), _readable_date(rendered.date)),
                  (self.tr("Subject: %1"), rendered.subject))
        lines = [label.replace("%1", value) for label, value in fields if value]
        if rendered.attachments:
            names = ", ".join(a.filename for a in rendered.attachments)
            lines.append(self.tr("Attachments: %1").replace("%1", names))
        if rendered.from_html:
            lines.append(self.tr("(HTML message shown as text; no remote content is loaded)"))
        self.reader_header.setText("\n".join(lines))
        self.reader.setPlainText(rendered.text)
        self.message_shown.emit(uid)

    def _failed(self, error: BaseException) -> None:
        message = describe_error(error, self.account.provider)
        self.statusBar().showMessage(f"{message.title} — {message.text}")

    # --- session end -------------------------------------------------------------------------------
    def logout(self) -> None:
        session, self.session = self.session, None
        account = self.account

        def work() -> None:
            if session is not None:
                session.logout()
            account.forget_credential()

        self.worker.submit(work, lambda _r: self._finish_logout(), lambda _e: self._finish_logout())

    def _finish_logout(self) -> None:
        self.worker.shutdown()
        self.logged_out.emit()
        self.close()

    def closeEvent(self, event: Any) -> None:
        if self.session is not None:
            session, self.session = self.session, None
            self.worker.submit(session.logout)
        self.worker.shutdown(wait=False)
        super().closeEvent(event)
