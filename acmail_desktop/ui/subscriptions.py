"""Folder subscriptions: "Gérer les abonnements" and the notice of new folders on the server.

The folder tree shows the subscribed folders, as other mail programs do. Folders made in the
webmail (or every folder, after a move to the national messagerie) exist on the server unsubscribed
and stay invisible: La Réunion's help book names this the first complaint after its migration. The
dialog lists every folder of the server (LIST) with its subscription (LSUB), fresh from the server
when it opens; the notice says when such folders appear and opens the dialog.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from acmail_desktop.core import errors
from acmail_desktop.core.imap.sync import FolderSync
from acmail_desktop.ui.catalogue import describe_error
from acmail_desktop.ui.mailbox import Mailbox
from acmail_desktop.ui.models.folders import special_folder_name
from acmail_desktop.ui.operations import MailboxOp

NAME_ROLE = Qt.ItemDataRole.UserRole + 1


class SubscriptionsDialog(QDialog):
    """Every folder of the server with a box: ticked = shown in the tree (subscribed)."""

    loaded = Signal()                 # the list came from the server (or the cache, offline)
    subscriptions_changed = Signal()  # the changes were made on the server

    def __init__(self, mailbox: Mailbox, parent: QWidget | None = None,
                 highlight: tuple[str, ...] = ()) -> None:
        super().__init__(parent)
        self.mailbox = mailbox
        self.highlight = set(highlight)
        self._initial: dict[str, bool] = {}
        self.setObjectName("subscriptionsDialog")
        self.setWindowTitle(self.tr("Manage subscriptions"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Ticked folders are shown in the folder list. Folders created in the webmail "
                               "or by another program appear here unticked until you subscribe to them."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        search_label = QLabel(self.tr("&Search:"))
        self.search = QLineEdit()
        self.search.setObjectName("subscriptionsSearch")
        self.search.setPlaceholderText(self.tr("Part of a folder name"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search a folder"))
        search_label.setBuddy(self.search)
        layout.addWidget(search_label)
        layout.addWidget(self.search)
        self.model = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterRole(Qt.ItemDataRole.DisplayRole)
        self.list = QListView()
        self.list.setObjectName("subscriptionsList")
        self.list.setModel(self.proxy)
        self.list.setAccessibleName(self.tr("Folders on the server"))
        self.list.setUniformItemSizes(True)
        layout.addWidget(self.list, 1)
        self.status = QLabel(self.tr("Reading the folder list from the server…"))
        self.status.setObjectName("subscriptionsStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.search.textChanged.connect(self._filter)
        self.model.itemChanged.connect(self._count)
        self.setMinimumSize(420, 360)
        self.search.setFocus()
        self.refresh()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in the search box goes to the list (the first match is current) instead of
        closing the dialog; elsewhere it confirms, as in any dialog."""
        if self.search.hasFocus() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.list.setFocus()
            return
        super().keyPressEvent(event)

    # --- content -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """LIST + LSUB on the account's connection; offline, the cache's last answer."""
        MailboxOp(self.mailbox, "list-server-folders", lambda sync: sync.server_folders()) \
            .success(self._listed).failure(self._load_failed).run()

    def _listed(self, rows: list[tuple[str, str, str, bool]]) -> None:
        self._populate(rows)
        self.mailbox.folders_changed.emit()  # the cache has the fresh list: the tree follows it

    def _load_failed(self, error: BaseException) -> None:
        rows = self.mailbox.store.server_folders()
        self._populate(rows)
        message = describe_error(error)
        self.status.setText(self.tr("The server could not be asked (%1): the list is the one known "
                                    "from the last connection.").replace("%1", message.title))

    def _populate(self, rows: list[tuple[str, str, str, bool]]) -> None:
        namespace = self.mailbox.store.namespace()
        specials = {row[0]: row[3] for row in self.mailbox.store.folders() if row[3]}
        self.model.clear()
        self._initial.clear()
        bold = QFont()
        bold.setBold(True)
        for name, delimiter, flags, subscribed in rows:
            if name.upper() == "INBOX" or "\\noselect" in flags.lower() or "\\nonexistent" in flags.lower():
                continue  # INBOX is always shown; a \Noselect level holds no mail
            shown = namespace.relative(name)
            label = special_folder_name(specials[name]) if name in specials else None
            text = (label or shown).replace(delimiter, " › ") if delimiter else (label or shown)
            if name in self.highlight and not subscribed:
                text += " " + self.tr("(new)")
            item = QStandardItem(text)
            item.setData(name, NAME_ROLE)
            item.setToolTip(name)
            item.setEditable(False)
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Checked if subscribed else Qt.CheckState.Unchecked)
            if name in self.highlight and not subscribed:
                item.setFont(bold)
            self.model.appendRow(item)
            self._initial[name] = subscribed
        self._count()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        if self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0))
        self.loaded.emit()

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0))
        self._count()

    def _count(self, *_args: Any) -> None:
        total = self.model.rowCount()
        hidden = sum(1 for row in range(total)
                     if self.model.item(row).checkState() != Qt.CheckState.Checked)
        text = self.tr("%n folder(s) on the server", "", total) + " — " + \
            self.tr("%n not shown", "", hidden)
        if self.search.text().strip():
            text += " — " + self.tr("%n matching the search", "", self.proxy.rowCount())
        self.status.setText(text)

    # --- accessors (the tests and the notice use them) ---------------------------------------------
    def names(self, *, visible_only: bool = False) -> list[str]:
        model = self.proxy if visible_only else self.model
        return [model.index(row, 0).data(NAME_ROLE) for row in range(model.rowCount())]

    def is_ticked(self, name: str) -> bool:
        return self._item(name).checkState() == Qt.CheckState.Checked

    def set_ticked(self, name: str, ticked: bool) -> None:
        self._item(name).setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def _item(self, name: str) -> QStandardItem:
        for row in range(self.model.rowCount()):
            item = self.model.item(row)
            if item.data(NAME_ROLE) == name:
                return item
        raise KeyError(name)

    def changes(self) -> list[tuple[str, bool]]:
        """(folder, subscribe?) for every box changed since the list was read."""
        result = []
        for row in range(self.model.rowCount()):
            item = self.model.item(row)
            name, ticked = item.data(NAME_ROLE), item.checkState() == Qt.CheckState.Checked
            if self._initial.get(name) != ticked:
                result.append((name, ticked))
        return result

    # --- applying ---------------------------------------------------------------------------------
    def apply(self) -> None:
        changes = self.changes()
        if not changes:
            self.accept()
            return

        def work(sync: FolderSync) -> None:
            for name, subscribed in changes:
                sync.subscribe(name, subscribed)

        self.buttons.setEnabled(False)
        self.status.setText(self.tr("Updating the subscriptions on the server…"))
        MailboxOp(self.mailbox, "subscribe-folders", work, folders_changed=True) \
            .success(self._applied).failure(self._apply_failed).run()

    def _applied(self, _result: object) -> None:
        self.subscriptions_changed.emit()
        self.accept()

    def _apply_failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        message = describe_error(error)
        self.status.setText(message.title + " — " + message.text)
        if isinstance(error, errors.AcmailError):
            self.refresh()  # what the server really holds now


class NewFoldersNotice(QPushButton):
    """In the status bar: "N new folders on the server are not shown — Show…", until clicked.
    Filled after each folder listing with the folders that appeared unsubscribed."""

    def __init__(self, mailbox: Mailbox, status_bar: QStatusBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mailbox = mailbox
        self.folders: list[str] = []
        self.dialog: SubscriptionsDialog | None = None
        self.setObjectName("newFoldersNotice")
        self.setFlat(True)
        self.setStyleSheet("QPushButton#newFoldersNotice { color: #8a5a00; font-weight: 600; }")
        self.hide()
        status_bar.addPermanentWidget(self)
        self.clicked.connect(self.open_dialog)
        mailbox.folders_changed.connect(self.check)

    def check(self) -> None:
        """Reads a few bytes of the cache's meta table (like the tree's own refresh)."""
        new = [n for n in self.mailbox.store.take_unannounced_folders() if n not in self.folders]
        if self.folders:  # those subscribed since (here or in another program) are no news any more
            hidden = {name for name, _d, _f, subscribed in self.mailbox.store.server_folders() if not subscribed}
            self.folders = [n for n in self.folders if n in hidden]
        self.folders += new
        if not self.folders:
            self.hide()
            return
        self.setText(self.tr("%n new folder(s) on the server not shown — Manage subscriptions…", "",
                             len(self.folders)))
        self.setToolTip("\n".join(self.mailbox.store.namespace().relative(n) for n in self.folders))
        self.show()

    def open_dialog(self) -> SubscriptionsDialog:
        dialog = open_subscriptions(self.mailbox, self.window(), highlight=tuple(self.folders))
        self.folders = []
        self.hide()
        self.dialog = dialog
        return dialog


def open_subscriptions(mailbox: Mailbox, parent: QWidget, highlight: tuple[str, ...] = ()) -> SubscriptionsDialog:
    """The dialog, window-modal, deleted when closed."""
    dialog = SubscriptionsDialog(mailbox, parent, highlight)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.show()
    return dialog
