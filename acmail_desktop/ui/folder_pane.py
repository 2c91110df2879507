"""The folder pane of one account: its tree of folders and the folder operations.

One `FolderPane` per account's `Mailbox`: it shows the account's cached folder list, asks for
folder names, and runs create / rename / delete / subscribe as named operations on the account's
connection (`ui/operations.py` MailboxOp; the work itself is core's `FolderSync`). It knows
nothing of the window it sits in: it says which folder was chosen, what an operation did and what
failed through its signals, so a window can hold one pane per account.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QPoint, QSize, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QInputDialog, QMenu, QMessageBox, QTreeView, QWidget

from acmail_desktop.core import errors
from acmail_desktop.core.imap.session import check_mailbox_name
from acmail_desktop.ui.focus import mark_pane
from acmail_desktop.ui.models.folders import FolderDelegate, FolderTreeModel, special_folder_name
from acmail_desktop.ui.operations import MailboxOp
from acmail_desktop.ui.roles import Roles

if TYPE_CHECKING:
    from acmail_desktop.core.imap.sync import FolderSync
    from acmail_desktop.ui.mailbox import Mailbox


class FolderTree(QTreeView):
    """The folder tree accepts messages dragged from the list (the model does the move)."""

    def __init__(self) -> None:
        super().__init__()
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)


class FolderPane(QObject):
    """The folders of one account (tree, context menu, folder operations)."""

    folder_chosen = Signal(str)          # a selectable folder became current in the tree
    folder_renamed = Signal(str, str)    # old, new: said before the server is asked
    operation_done = Signal(str)         # the status text of a finished folder operation
    failed = Signal(object)              # any failure, offline included (the tree does not show it)
    subscriptions_requested = Signal()   # "Manage subscriptions…" (the window's notice knows the new folders)

    def __init__(self, mailbox: Mailbox, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.mailbox = mailbox
        self.store = mailbox.store
        self.model = FolderTreeModel(self)
        self.view = FolderTree()
        self.view.setObjectName("folderView")
        self.view.setAccessibleName(self.tr("Folders"))
        self.view.setAccessibleDescription(self.tr("Your mail folders, with the number of unread messages"))
        self.view.setModel(self.model)
        self.view.setItemDelegate(FolderDelegate(self.view))
        self.view.setHeaderHidden(True)
        self.view.setIconSize(QSize(18, 18))
        self.view.setUniformRowHeights(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        mark_pane(self.view, "#folderView::item { padding: 4px 2px; }")
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.model.modelReset.connect(self.view.expandAll)

    # --- what the tree shows ---------------------------------------------------------------------------
    def reload(self, wanted: str | None) -> None:
        """The folder list again from the cache (with the server's counts), `wanted` kept current,
        else the Inbox."""
        counts = self.mailbox.counts()
        self.model.set_folders([(*row[:4], *counts.get(row[0], row[4:6])) for row in self.store.folders()],
                               self.store.namespace())
        index = self.model.index_of(wanted) if wanted else QModelIndex()
        if not index.isValid():
            index = self.model.index_of(self.inbox())
        if index.isValid():
            self.view.setCurrentIndex(index)

    def refresh_counts(self) -> None:
        self.model.update_counts(self.mailbox.counts())

    def select(self, name: str) -> None:
        """Make `name` current in the tree (which opens it, through `folder_chosen`)."""
        index = self.model.index_of(name)
        if index.isValid():
            self.view.setCurrentIndex(index)

    def inbox(self) -> str:
        return self.model.folder_by_use("\\Inbox") or "INBOX"

    def drafts_folder(self) -> str | None:
        """The Drafts as `core.folders` answers it (SPECIAL-USE, then the user's or the policy's
        choice, then a known name under the personal prefix): never a guess of its own, which
        took a user's "Projets/Drafts" for the account's Drafts."""
        return self.model.folder_by_use("\\Drafts")

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        name = current.data(Roles.FolderName)
        if name and current.flags() & Qt.ItemFlag.ItemIsSelectable:
            self.folder_chosen.emit(name)

    # --- context menu --------------------------------------------------------------------------------
    def _menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        name = index.data(Roles.FolderName) if index.isValid() else None
        menu = QMenu(self.view)
        menu.addAction(self.tr("New folder…"), lambda: self.create_folder_dialog(name))
        if name and not index.data(Roles.SpecialUse):
            menu.addAction(self.tr("Rename…"), lambda: self.rename_folder_dialog(name))
            menu.addAction(self.tr("Delete folder"), lambda: self.delete_folder_dialog(name))
        if name and name.upper() != "INBOX" and index.flags() & Qt.ItemFlag.ItemIsSelectable:
            self._special_use_menu(menu, name, index.data(Roles.SpecialUse))
        menu.addSeparator()
        menu.addAction(self.tr("Manage subscriptions…"), self.subscriptions_requested.emit)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def _special_use_menu(self, menu: QMenu, name: str, current: str | None) -> None:
        """"Use as" Trash / Sent / Drafts / Junk / Archive: for servers that do not mark them and
        names AcMail does not know; remembered per account (core.folders)."""
        use_menu = menu.addMenu(self.tr("Use as"))
        for use in ("\\Trash", "\\Sent", "\\Drafts", "\\Junk", "\\Archive"):
            action = use_menu.addAction(special_folder_name(use) or use)
            action.setCheckable(True)
            action.setChecked(current == use)
            action.triggered.connect(
                lambda checked, u=use: self.mailbox.choose_special_folder(u, name if checked else None))

    # --- operations ----------------------------------------------------------------------------------
    def _run(self, name: str, work: Callable[[FolderSync], object], done_text: str) -> None:
        MailboxOp(self.mailbox, name, work, folders_changed=True).success(
            lambda _r: self.operation_done.emit(done_text)).failure(self.failed.emit).run()

    def child_name(self, parent: str | None, leaf: str) -> str:
        """At the top level: under the personal namespace prefix, with the server's separator."""
        delimiter = next((r[1] for r in self.store.folders() if r[0] == parent), "") if parent else ""
        return self.store.namespace().child(parent, leaf, delimiter or None)

    def create_folder(self, name: str) -> None:
        check_mailbox_name(name)
        self._run("create-folder", lambda sync: sync.create_folder(name),
                  self.tr("Folder %1 created.").replace("%1", name))

    def rename_folder(self, old: str, new: str) -> None:
        check_mailbox_name(new)
        self.folder_renamed.emit(old, new)
        self._run("rename-folder", lambda sync: sync.rename_folder(old, new), self.tr("Folder renamed."))

    def delete_folder(self, name: str) -> None:
        fallback = self.inbox()
        self._run("delete-folder", lambda sync: sync.delete_folder(name, fallback=fallback),
                  self.tr("Folder deleted."))

    def subscribe_folder(self, name: str, subscribed: bool) -> None:
        self._run("subscribe-folder", lambda sync: sync.subscribe(name, subscribed),
                  self.tr("Subscriptions updated."))

    # --- dialogs -------------------------------------------------------------------------------------
    def _dialog_parent(self) -> QWidget:
        return self.view.window()

    def create_folder_dialog(self, parent: str | None) -> None:
        leaf, ok = QInputDialog.getText(self._dialog_parent(), self.tr("New folder"),
                                        self.tr("Name of the new folder:"))
        if ok and leaf.strip():
            self._guarded(lambda: self.create_folder(self.child_name(parent, leaf.strip())))

    def rename_folder_dialog(self, name: str) -> None:
        delimiter = next((r[1] for r in self.store.folders() if r[0] == name), "") or ""
        leaf = name.rsplit(delimiter, 1)[-1] if delimiter else name
        new_leaf, ok = QInputDialog.getText(self._dialog_parent(), self.tr("Rename folder"), self.tr("New name:"),
                                            text=leaf)
        if ok and new_leaf.strip() and new_leaf.strip() != leaf:
            prefix = name[: len(name) - len(leaf)]
            self._guarded(lambda: self.rename_folder(name, prefix + new_leaf.strip()))

    def delete_folder_dialog(self, name: str) -> None:
        answer = QMessageBox.question(
            self._dialog_parent(), self.tr("Delete folder"),
            self.tr("Delete the folder “%1” and every message in it? This cannot be undone.").replace("%1", name))
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_folder(name)

    def _guarded(self, fn: Callable[[], None]) -> None:
        try:
            fn()
        except errors.AcmailError as exc:
            self.failed.emit(exc)
