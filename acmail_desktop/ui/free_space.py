"""A full mailbox: the quota in the status bar, its warnings, and the "Libérer de l'espace" window.

Why here and not in the main window: the indicator asks the server (GETQUOTAROOT) on the account's
IMAP worker and owns its own refresh; the window lists the largest messages of every folder
(cache first, then the server's SEARCH LARGER), archives them on this computer and deletes on the
server only what core/quota.py verified by reading the archive back.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from acmail_desktop.core import quota as core_quota
from acmail_desktop.core import search as core_search
from acmail_desktop.core.imap.session import ImapSession
from acmail_desktop.core.imap.sync import FolderSync
from acmail_desktop.core.quota import ArchiveItem, ArchiveResult, Level, Usage
from acmail_desktop.core.search import SearchHit, SearchQuery
from acmail_desktop.core.summary import AttachmentPart
from acmail_desktop.ui.mailbox import Mailbox

REFRESH_SECONDS = 300
LARGE_MESSAGE = 100 * 1024  # the list starts at 100 KiB
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
ATTACHMENTS_OF_AT_MOST = 200  # messages whose attachments are listed (their BODYSTRUCTURE, no download)


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",") + " Mo"


def file_size(size: int) -> str:
    """An attachment's size: in Ko under 1 Mo (a 40 Ko file is not "0,0 Mo")."""
    return megabytes(size) if size >= 1024 * 1024 else f"{max(1, round(size / 1024))} Ko"


class QuotaIndicator(QToolButton):
    """'Espace : 45 % de 200 Mo' in the status bar; orange at 80 %, red at 95 %; a click opens the
    free-space window. Hidden when the server announces no quota."""

    level_changed = Signal(str)

    def __init__(self, mailbox: Mailbox, parent: QWidget | None = None, *,
                 folder_label: Callable[[str], str] = str) -> None:
        super().__init__(parent)
        self.setObjectName("quotaIndicator")
        self.folder_label = folder_label
        self.setAutoRaise(True)
        self.mailbox = mailbox
        self.usage: Usage | None = None
        self.level = Level.OK
        self._asked_at = 0.0
        self._window: FreeSpaceWindow | None = None
        self.setVisible(False)
        self.clicked.connect(self.open_window)

    def refresh(self, *_args: Any, force: bool = False) -> None:
        """Ask the server again (at most every REFRESH_SECONDS unless `force`: after a deletion)."""
        if not self.mailbox.online or (not force and time.monotonic() - self._asked_at < REFRESH_SECONDS):
            return
        self._asked_at = time.monotonic()

        def work(session: ImapSession) -> Usage | None:
            if not session.has("QUOTA"):
                return None
            return core_quota.storage_usage(session.quota_root("INBOX"))

        self.mailbox.run(work, self.show_usage, lambda _error: None)

    def show_usage(self, usage: Usage | None) -> None:
        self.usage = usage
        self.setVisible(usage is not None)
        if usage is None:
            return
        percent = round(usage.ratio * 100)
        self.setText(self.tr("Space: %1 % of %2").replace("%1", str(percent)).replace("%2", megabytes(usage.limit)))
        self.setToolTip(self.tr("%1 used of %2. Click to free space.").replace("%1", megabytes(usage.used))
                        .replace("%2", megabytes(usage.limit)))
        color = {Level.WARN: "#b35900", Level.CRITICAL: "#c00000"}.get(usage.level, "")
        self.setStyleSheet(f"color: {color}; font-weight: bold;" if color else "")
        if usage.level != self.level:
            self.level = usage.level
            self.level_changed.emit(usage.level)

    def warning_text(self) -> str:
        if self.usage is None or self.level == Level.OK:
            return ""
        percent = str(round(self.usage.ratio * 100))
        if self.level == Level.CRITICAL:
            return self.tr("Your mailbox is %1 % full: soon it will refuse new mail. "
                           "Free space now (Libérer de l'espace).").replace("%1", percent)
        return self.tr("Your mailbox is %1 % full. Think of freeing space.").replace("%1", percent)

    def open_window(self) -> FreeSpaceWindow:
        if self._window is None:
            self._window = FreeSpaceWindow(self.mailbox, self.window(), folder_label=self.folder_label)
            self._window.deleted.connect(lambda: self.refresh(force=True))
        self._window.show()
        self._window.raise_()
        self._window.activateWindow()
        self._window.load()
        return self._window


class FreeSpaceWindow(QDialog):
    """The largest messages of every folder, to archive on this computer and delete."""

    deleted = Signal(int)

    def __init__(self, mailbox: Mailbox, parent: QWidget | None = None, *,
                 folder_label: Callable[[str], str] = str) -> None:
        super().__init__(parent)
        self.setObjectName("freeSpaceWindow")
        self.folder_label = folder_label
        self.setWindowTitle(self.tr("Free space"))
        self.mailbox = mailbox
        self.hits: list[SearchHit] = []
        self._note = ""  # the outcome of the last deletion, kept when the list is reloaded
        layout = QVBoxLayout(self)
        self.intro = QLabel(self.tr("The largest messages of every folder, and their attachments one by one. "
                                    "Archive them on this computer (the archive is checked before anything is "
                                    "deleted), or delete them; an attachment goes with its message."), self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.list = QTreeWidget(self)
        self.list.setObjectName("largestMessages")
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        self.list.setHeaderLabels([self.tr("Size"), self.tr("Date"), self.tr("From"), self.tr("Subject"),
                                   self.tr("Folder")])
        self.list.header().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.list.header().setStretchLastSection(False)
        # Each large file on its own line, largest first: a 9 Mo PDF is what the user recognises,
        # not the message that carried it. Archive and delete act on the message that holds it.
        self.attachments: list[tuple[SearchHit, AttachmentPart]] = []
        self.attachment_list = QTreeWidget(self)
        self.attachment_list.setObjectName("largestAttachments")
        self.attachment_list.setRootIsDecorated(False)
        self.attachment_list.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        self.attachment_list.setHeaderLabels([self.tr("Size"), self.tr("Attachment"), self.tr("Subject"),
                                              self.tr("Folder")])
        self.attachment_list.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.attachment_list.header().setStretchLastSection(False)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("freeSpaceTabs")
        self.tabs.addTab(self.list, self.tr("&Messages"))
        self.tabs.addTab(self.attachment_list, self.tr("A&ttachments"))
        layout.addWidget(self.tabs, 1)
        buttons = QHBoxLayout()
        self.eml_button = QPushButton(self.tr("Archive as .eml &files…"), self)
        self.mbox_button = QPushButton(self.tr("Archive in an &mbox file…"), self)
        self.delete_button = QPushButton(self.tr("&Delete…"), self)
        self.eml_button.clicked.connect(lambda: self.archive("eml"))
        self.mbox_button.clicked.connect(lambda: self.archive("mbox"))
        self.delete_button.clicked.connect(self.delete_selected)
        for button in (self.eml_button, self.mbox_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("freeSpaceStatus")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        self.resize(820, 480)

    def load(self) -> None:
        """The cached largest first, then the server's SEARCH LARGER over every folder."""
        query = SearchQuery(larger=LARGE_MESSAGE)
        store = self.mailbox.store
        self._show(core_search.search_local(store, query, largest_first=True))
        if not self.mailbox.online:
            self.status_label.setText(self.tr("Offline: only the messages known to this computer are listed."))
            return
        self.status_label.setText(self.tr("Looking for large messages on the server…"))
        folders = [str(r[0]) for r in store.folders() if "\\noselect" not in str(r[2]).lower()]

        def work(sync: FolderSync) -> list[SearchHit]:
            core_search.search_server(sync.session, sync.store, query, folders, fetch_missing=sync.sync)
            return core_search.search_local(sync.store, query, largest_first=True)

        def done(hits: list[SearchHit]) -> None:
            self._show(hits)
            note, self._note = self._note, ""
            self.status_label.setText(" ".join(filter(None, (note, self.tr("%n large message(s).", "", len(hits))))))
            self.load_attachments(hits)

        self.mailbox.run_sync(work, done, lambda _e: self.status_label.setText(
            self.tr("The server could not be asked: only the messages known to this computer are listed.")))

    def load_attachments(self, hits: list[SearchHit]) -> None:
        """The attachments of the large messages, one line each, from the server's BODYSTRUCTURE."""
        wanted = [h for h in hits if h.has_attachments][:ATTACHMENTS_OF_AT_MOST]
        if not wanted or not self.mailbox.online:
            self._show_attachments([])
            return
        by_folder: dict[str, list[int]] = {}
        for hit in wanted:
            by_folder.setdefault(hit.folder, []).append(hit.uid)

        def work(sync: FolderSync) -> list[tuple[SearchHit, AttachmentPart]]:
            parts = {(folder, uid): found for folder, uids in by_folder.items()
                     for uid, found in sync.attachment_parts(folder, uids).items()}
            return [(hit, part) for hit in wanted for part in parts.get((hit.folder, hit.uid), [])]

        self.mailbox.run_sync(work, self._show_attachments, lambda _e: self._show_attachments([]))

    def _show_attachments(self, found: list[tuple[SearchHit, AttachmentPart]]) -> None:
        self.attachments = sorted(found, key=lambda pair: pair[1].size, reverse=True)
        self.attachment_list.clear()
        for hit, part in self.attachments:
            item = QTreeWidgetItem([file_size(part.size), part.filename or self.tr("(no name)"), hit.subject,
                                    self.folder_label(hit.folder)])
            item.setToolTip(3, hit.folder)
            item.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setData(0, HIT_ROLE, hit.row_id)
            self.attachment_list.addTopLevelItem(item)
        for column in (0, 2, 3):
            self.attachment_list.resizeColumnToContents(column)
        self.tabs.setTabText(1, self.tr("A&ttachments (%1)").replace("%1", str(len(self.attachments))))

    def _show(self, hits: list[SearchHit]) -> None:
        self.hits = hits
        self.list.clear()
        for hit in hits:
            when = datetime.fromtimestamp(hit.date).strftime("%d/%m/%Y") if hit.date else ""
            item = QTreeWidgetItem([megabytes(hit.size), when, hit.from_name or hit.from_addr, hit.subject,
                                    self.folder_label(hit.folder)])
            item.setToolTip(4, hit.folder)
            item.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setData(0, HIT_ROLE, hit.row_id)
            self.list.addTopLevelItem(item)
        for column in (0, 1, 2, 4):
            self.list.resizeColumnToContents(column)

    def selected_items(self) -> list[ArchiveItem]:
        """The messages selected, or those carrying the selected attachments (each once)."""
        shown = self.attachment_list if self.tabs.currentWidget() is self.attachment_list else self.list
        rows = {item.data(0, HIT_ROLE) for item in shown.selectedItems()}
        return [ArchiveItem(h.folder, h.uid, h.subject) for h in self.hits if h.row_id in rows]

    def archive(self, kind: str, target: Path | None = None) -> None:
        items = self.selected_items()
        if not items:
            self.status_label.setText(self.tr("Select the messages to archive first."))
            return
        if target is None:
            if kind == "eml":
                chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder for the archived messages"))
            else:
                chosen, _filter = QFileDialog.getSaveFileName(
                    self, self.tr("Mbox file for the archived messages"), "", self.tr("Mbox files (*.mbox)"),
                    options=QFileDialog.Option.DontConfirmOverwrite)  # an existing mbox is appended to
            if not chosen:
                return
            target = Path(chosen)
        chosen_target = target
        self.status_label.setText(self.tr("Archiving %n message(s)…", "", len(items)))

        def work(sync: FolderSync) -> ArchiveResult:
            def fetch(item: ArchiveItem) -> bytes | None:
                return sync.fetch_body(item.folder, item.uid)

            if kind == "eml":
                return core_quota.export_eml(items, fetch, chosen_target)
            return core_quota.export_mbox(items, fetch, chosen_target)

        self.mailbox.run_sync(work, self._archived, self._failed)

    def _archived(self, result: ArchiveResult) -> None:
        self.last_result = result
        verified, failed = len(result.verified), len(result.failed)
        if not verified:
            self.status_label.setText(self.tr("Nothing was archived: nothing will be deleted (%n message(s) "
                                              "could not be written or checked).", "", failed))
            return
        text = self.tr("%n message(s) archived and checked by reading them back.", "", verified)
        if failed:
            text += " " + self.tr("%n could not be archived and stay on the server.", "", failed)
        self.status_label.setText(text)
        if self._confirm(self.tr("Delete from the server the %n archived and checked message(s)?", "", verified)):
            self._delete(result)

    def _confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Free space"), question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def delete_selected(self) -> None:
        items = self.selected_items()
        if items and self._confirm(self.tr("Delete for good %n message(s), without archiving them?", "", len(items))):
            self._delete(ArchiveResult(verified=items))

    def _delete(self, result: ArchiveResult) -> None:
        def done(count: int) -> None:
            self._note = self.tr("%n message(s) deleted from the server.", "", count)
            self.status_label.setText(self._note)
            self.deleted.emit(count)
            self.load()

        self.mailbox.run_sync(lambda sync: core_quota.delete_archived(sync, result), done, self._failed)

    def _failed(self, error: BaseException) -> None:
        from acmail_desktop.ui.catalogue import describe_error

        message = describe_error(error)
        self.status_label.setText(f"{message.title} {message.text}")
