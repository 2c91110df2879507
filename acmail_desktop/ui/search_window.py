"""Search everywhere (Ctrl+Shift+F): one query over this folder, this account or every account.

Why this shape: the local answer (core/search.search_local over the cache's full-text index) is
computed on a worker of its own and shown at once, offline too; the server's SEARCH then runs on
each account's IMAP worker (the connection's only thread) and adds what only the server knows,
folder by folder as it answers. The GUI thread only fills the list. Results follow their message
when the cache says it moved, and leave when it was deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from acmail_desktop.core import log
from acmail_desktop.core import search as core_search
from acmail_desktop.core.bodytext import searchable_text
from acmail_desktop.core.imap.sync import FolderSync
from acmail_desktop.core.search import Scope, SearchHit, SearchOutcome, SearchQuery
from acmail_desktop.ui.catalogue import describe_error
from acmail_desktop.ui.mailbox import Mailbox, is_offline_error
from acmail_desktop.ui.tasks import BackgroundWorker

INDEX_CATCH_UP = 500  # bodies cached before the index, indexed before each local search
HIT_ROLE = Qt.ItemDataRole.UserRole + 1


def _folder_names(mailbox: Mailbox) -> list[str]:
    return [str(row[0]) for row in mailbox.store.folders() if "\\noselect" not in str(row[2]).lower()]


class SearchWindow(QDialog):
    """The search window; `open_requested(mailbox, folder, uid)` shows a result in the main window."""

    open_requested = Signal(object, str, int)
    _server_hits = Signal(int, object, object)  # generation, mailbox, hits (from an IMAP worker)

    def __init__(self, accounts: list[tuple[str, Mailbox]], current: Mailbox, current_folder: str | None,
                 parent: QWidget | None = None, *, folder_label: Callable[[str], str] = str) -> None:
        """`folder_label` names a folder as the folder pane does (INBOX: "Boîte de réception")."""
        super().__init__(parent)
        self.setObjectName("searchWindow")
        self.setWindowTitle(self.tr("Search everywhere"))
        self.accounts = accounts
        self.current = current
        self.current_folder = current_folder
        self.folder_label = folder_label
        self.hits: list[SearchHit] = []
        self._delimiters: dict[tuple[str, str], str] = {}  # (account, folder) -> hierarchy separator
        self._generation = 0
        self._pending = 0
        self._offline = False
        # The caches are read here (a disk); the server part goes through each account's mailbox.
        self._worker = BackgroundWorker("search", self)
        self._server_hits.connect(self._add_server_hits, Qt.ConnectionType.QueuedConnection)
        self._build()
        for _label, mailbox in accounts:
            mailbox.store_changed.connect(self.refresh_results)
            mailbox.folder_synced.connect(self.refresh_results)

    def set_accounts(self, accounts: list[tuple[str, Mailbox]], current: Mailbox | None = None) -> None:
        """The accounts signed in changed (one added, one signed out): "Every account" follows.
        Results of an account that left go with it."""
        known = {id(mb) for _label, mb in self.accounts}
        for _label, mailbox in accounts:
            if id(mailbox) not in known:
                mailbox.store_changed.connect(self.refresh_results)
                mailbox.folder_synced.connect(self.refresh_results)
        self.accounts = list(accounts)
        if current is not None:
            self.current = current
        labels = {label for label, _mb in self.accounts}
        if any(hit.account not in labels for hit in self.hits):
            self.hits = [hit for hit in self.hits if hit.account in labels]
            self._show(self.hits)
        if len(self.accounts) > 1 and self.scope_combo.currentData() == Scope.ACCOUNT and not self.hits:
            self.scope_combo.setCurrentIndex(2)

    # --- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        # The question (words, scope, fields) in one widget, so a window that only lists (the
        # unified inbox) can hide it whole.
        self.criteria = QWidget(self)
        criteria_layout = QVBoxLayout(self.criteria)
        criteria_layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.criteria)
        top = QHBoxLayout()
        self.text_edit = QLineEdit(self)
        self.text_edit.setObjectName("searchText")
        self.text_edit.setPlaceholderText(self.tr("Words to find anywhere in the messages"))
        self.text_edit.setClearButtonEnabled(True)
        self.scope_combo = QComboBox(self)
        self.scope_combo.setObjectName("searchScope")
        self.scope_combo.addItem(self.tr("This folder"), Scope.FOLDER)
        self.scope_combo.addItem(self.tr("This account"), Scope.ACCOUNT)
        self.scope_combo.addItem(self.tr("Every account"), Scope.EVERYTHING)
        self.scope_combo.setCurrentIndex(2 if len(self.accounts) > 1 else 1)
        self.search_button = QPushButton(self.tr("&Search"), self)
        self.search_button.setObjectName("searchButton")
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.start_search)
        top.addWidget(self.text_edit, 1)
        top.addWidget(self.scope_combo)
        top.addWidget(self.search_button)
        criteria_layout.addLayout(top)

        fields = QGridLayout()
        self.sender_edit, self.recipient_edit, self.subject_edit = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        self.body_edit, self.attachment_edit = QLineEdit(self), QLineEdit(self)
        for column, (label, edit, name) in enumerate((
                (self.tr("&From:"), self.sender_edit, "searchFrom"), (self.tr("&To:"), self.recipient_edit, "searchTo"),
                (self.tr("Su&bject:"), self.subject_edit, "searchSubject"))):
            self._field(fields, 0, column, label, edit, name)
        self._field(fields, 1, 0, self.tr("Te&xt:"), self.body_edit, "searchBody")
        self._field(fields, 1, 1, self.tr("Attac&hment:"), self.attachment_edit, "searchAttachment")
        today = QDate.currentDate()
        self.since_check = QCheckBox(self.tr("Since"), self)
        self.since_edit = QDateEdit(today.addMonths(-1), self)
        self.before_check = QCheckBox(self.tr("Before"), self)
        self.before_edit = QDateEdit(today.addDays(1), self)
        for check, date_edit in ((self.since_check, self.since_edit), (self.before_check, self.before_edit)):
            date_edit.setCalendarPopup(True)
            date_edit.setEnabled(False)
            check.toggled.connect(date_edit.setEnabled)
        dates = QHBoxLayout()
        for widget in (self.since_check, self.since_edit, self.before_check, self.before_edit):
            dates.addWidget(widget)
        self.unread_check = QCheckBox(self.tr("&Unread"), self)
        self.flagged_check = QCheckBox(self.tr("F&lagged"), self)
        dates.addWidget(self.unread_check)
        dates.addWidget(self.flagged_check)
        dates.addStretch(1)
        fields.addLayout(dates, 2, 0, 1, 6)
        criteria_layout.addLayout(fields)
        for edit in (self.text_edit, self.sender_edit, self.recipient_edit, self.subject_edit, self.body_edit,
                     self.attachment_edit):
            edit.returnPressed.connect(self.start_search)

        self.results = QTreeWidget(self)
        self.results.setObjectName("searchResults")
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setHeaderLabels([self.tr("Date"), self.tr("From"), self.tr("Subject"), self.tr("Folder"),
                                      self.tr("Account")])
        self.results.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.results.header().setStretchLastSection(False)
        self.results.itemActivated.connect(self._open_item)
        layout.addWidget(self.results, 1)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("searchStatus")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self.resize(860, 520)

    def _field(self, grid: QGridLayout, row: int, column: int, label: str, edit: QLineEdit, name: str) -> None:
        edit.setObjectName(name)
        edit.setClearButtonEnabled(True)
        caption = QLabel(label, self)
        caption.setBuddy(edit)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(caption, edit)
        grid.addLayout(form, row, column)

    # --- the query --------------------------------------------------------------------------------
    def query(self) -> SearchQuery:
        def day(check: QCheckBox, edit: QDateEdit) -> Any:
            return edit.date().toPython() if check.isChecked() else None

        return SearchQuery(text=self.text_edit.text(), sender=self.sender_edit.text(),
                           recipient=self.recipient_edit.text(), subject=self.subject_edit.text(),
                           body=self.body_edit.text(), attachment=self.attachment_edit.text(),
                           since=day(self.since_check, self.since_edit),
                           before=day(self.before_check, self.before_edit),
                           unread_only=self.unread_check.isChecked(), flagged_only=self.flagged_check.isChecked())

    def _targets(self) -> list[tuple[str, Mailbox, list[str] | None]]:
        """(account label, mailbox, folders or None for all) for the chosen scope."""
        scope = self.scope_combo.currentData()
        if scope == Scope.FOLDER and self.current_folder:
            return [(label, mb, [self.current_folder]) for label, mb in self.accounts if mb is self.current]
        if scope in (Scope.FOLDER, Scope.ACCOUNT):
            return [(label, mb, None) for label, mb in self.accounts if mb is self.current]
        return [(label, mb, None) for label, mb in self.accounts]

    def start_search(self) -> None:
        query = self.query()
        self._generation += 1
        self.hits = []
        self.results.clear()
        if query.is_empty():
            self.status_label.setText(self.tr("Type words to find, or choose a criterion."))
            return
        generation = self._generation
        targets = self._targets()
        self._pending = len(targets)
        self._offline = False
        self.status_label.setText(self.tr("Searching this computer…"))
        for label, mailbox, folders in targets:
            self._search_one(generation, query, label, mailbox, folders)

    def _search_one(self, generation: int, query: SearchQuery, label: str, mailbox: Mailbox,
                    folders: list[str] | None) -> None:
        store = mailbox.store

        def local() -> list[SearchHit]:
            store.index_unindexed_bodies(searchable_text, batch=INDEX_CATCH_UP)
            return core_search.search_local(store, query, account=label, folders=folders)

        def local_done(hits: list[SearchHit]) -> None:
            if generation != self._generation:
                return
            self._show(core_search.merge_hits(self.hits, hits))
            if not mailbox.online:
                self._offline = True
                self._account_done(generation)
                return
            wanted = folders if folders is not None else _folder_names(mailbox)

            def remote(sync: FolderSync) -> SearchOutcome:
                return core_search.search_server(
                    sync.session, sync.store, query, wanted, account=label, known=hits,
                    fetch_missing=sync.sync, on_hits=lambda found: self._server_hits.emit(generation, mailbox, found))

            def remote_done(outcome: SearchOutcome) -> None:
                if outcome.offline:
                    self._offline = True
                self._account_done(generation)

            def remote_failed(error: BaseException) -> None:
                self._offline = self._offline or is_offline_error(error)
                self._account_done(generation)

            mailbox.run_sync(remote, remote_done, remote_failed)

        def local_failed(_error: BaseException) -> None:
            self._account_done(generation)

        self._worker.submit(local, local_done, local_failed)

    def _add_server_hits(self, generation: int, _mailbox: Mailbox, hits: list[SearchHit]) -> None:
        if generation == self._generation:
            self._show(core_search.merge_hits(self.hits, hits))

    def _account_done(self, generation: int) -> None:
        if generation != self._generation:
            return
        self._pending -= 1
        if self._pending > 0:
            self.status_label.setText(self.tr("%n message(s) found; searching the server…", "", len(self.hits)))
            return
        log.ui.info("search finished: %d result(s), %s", len(self.hits),
                    "local only" if self._offline else "with server")
        if self._offline:
            self.status_label.setText(self.tr(
                "Offline: %n message(s) found on this computer only (the server was not searched).", "",
                len(self.hits)))
        else:
            self.status_label.setText(self.tr("%n message(s) found.", "", len(self.hits)))

    # --- the list ---------------------------------------------------------------------------------
    def _show(self, hits: list[SearchHit]) -> None:
        current = self.results.currentItem()
        keep = current.data(0, HIT_ROLE) if current is not None else None
        self.hits = hits
        self.results.setUpdatesEnabled(False)
        self.results.clear()
        items = []
        for hit in hits:
            when = datetime.fromtimestamp(hit.date).strftime("%d/%m/%Y %H:%M") if hit.date else ""
            item = QTreeWidgetItem([when, hit.from_name or hit.from_addr, hit.subject, self._folder_path(hit),
                                    hit.account])
            item.setToolTip(3, hit.folder)
            item.setData(0, HIT_ROLE, (hit.account, hit.row_id))
            font = item.font(2)
            font.setBold(not hit.flags & 1)
            item.setFont(2, font)
            items.append(item)
        self.results.addTopLevelItems(items)
        for item in items:
            if item.data(0, HIT_ROLE) == keep:
                self.results.setCurrentItem(item)
        for column in (0, 1, 3, 4):
            self.results.resizeColumnToContents(column)
        self.results.setUpdatesEnabled(True)

    def _folder_path(self, hit: SearchHit) -> str:
        """'Inspection › Convocations', each level named as in the folder pane."""
        delimiter = self._delimiters.get((hit.account, hit.folder))
        if delimiter is None:
            mailbox = next((mb for label, mb in self.accounts if label == hit.account), None)
            rows = mailbox.store.folders() if mailbox is not None else []
            self._delimiters.update(((hit.account, str(r[0])), str(r[1] or "")) for r in rows)
            delimiter = self._delimiters.get((hit.account, hit.folder), "")
        parts = hit.folder.split(delimiter) if delimiter else [hit.folder]
        return " › ".join(self.folder_label(delimiter.join(parts[:n + 1])) for n in range(len(parts)))

    def _hit_of(self, item: QTreeWidgetItem) -> SearchHit | None:
        key = item.data(0, HIT_ROLE)
        return next((h for h in self.hits if (h.account, h.row_id) == key), None)

    def _open_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        hit = self._hit_of(item)
        mailbox = next((mb for label, mb in self.accounts if hit is not None and label == hit.account), None)
        if hit is not None and mailbox is not None:
            self.open_requested.emit(mailbox, hit.folder, hit.uid)

    def refresh_results(self, *_changed: Any) -> None:
        """A message moved or was deleted: results follow it (same row id) or leave the list."""
        generation = self._generation
        snapshot = list(self.hits)
        stores = {label: mb.store for label, mb in self.accounts}

        def work() -> list[SearchHit]:
            refreshed: list[SearchHit] = []
            for label, store in stores.items():
                mine = [h for h in snapshot if h.account == label]
                if mine:
                    refreshed.extend(core_search.refresh_hits(store, mine))
            return refreshed

        def done(refreshed: list[SearchHit]) -> None:
            if generation == self._generation and refreshed != self.hits:
                self._show(core_search.merge_hits(refreshed))

        if snapshot and self.isVisible():
            self._worker.submit(work, done, self._show_error)

    def _show_error(self, error: BaseException) -> None:
        """A failure no step handles (the cache unreadable...): said in the window, in the catalogue's words."""
        message = describe_error(error, self.current.account.provider)
        self.status_label.setText(f"{message.title} — {message.text}")

    def closeEvent(self, event: Any) -> None:
        self._generation += 1
        super().closeEvent(event)


class UnifiedInboxWindow(SearchWindow):
    """*Toutes les boîtes de réception*: the newest messages of every signed-in account's inbox in
    one list, newest first, each naming its account (issue 21). The same list as the search
    window's (opening a message shows it in the main window, in its account); it lists again when
    an inbox changes (new mail, a message read, moved or deleted)."""

    LIMIT = 300  # per account: the list is for what came in lately, the folder tree has the rest

    def __init__(self, accounts: list[tuple[str, Mailbox]], current: Mailbox, parent: QWidget | None = None,
                 *, folder_label: Callable[[str], str] = str) -> None:
        super().__init__(accounts, current, None, parent, folder_label=folder_label)
        self.setObjectName("unifiedInbox")
        self.setWindowTitle(self.tr("All inboxes"))
        self.criteria.hide()
        self.results.setFocus()

    def start_search(self) -> None:
        """List (again) the inboxes, off the GUI thread (the cache is a disk)."""
        self._generation += 1
        generation = self._generation
        stores = [(label, mailbox.store) for label, mailbox in self.accounts]
        limit = self.LIMIT

        def work() -> list[SearchHit]:
            found: list[SearchHit] = []
            for label, store in stores:
                inbox = next((str(r[0]) for r in store.folders() if r[3] == "\\Inbox"), "INBOX")
                found.extend(core_search.latest_in_folder(store, inbox, account=label, limit=limit))
            return core_search.merge_hits(found)

        def done(hits: list[SearchHit]) -> None:
            if generation == self._generation:
                self._show(hits)
                unread = sum(1 for hit in hits if not hit.flags & 1)
                self.status_label.setText(self.tr("%n message(s) in the inboxes of %1 account(s)", "",
                                                  len(hits)).replace("%1", str(len(stores)))
                                          + (self.tr(", %n unread", "", unread) if unread else "") + ".")

        self._worker.submit(work, done, self._show_error)

    def refresh_results(self, *_changed: Any) -> None:
        if self.isVisible():
            self.start_search()

