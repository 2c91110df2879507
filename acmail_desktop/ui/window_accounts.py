"""The main window's several accounts (issue 21): a folder tree per account, and which account is on
screen.

Why a module of its own: the main window shows one account's folder, list and message at a time;
its panes (`FolderPane`, `MessagePane`, `MessageActions`, `ComposeLauncher`, the quota indicator)
work on "the window's account". This object keeps one `FolderPane` per signed-in account in an
`AccountsPane` (collapsible, with each account's unread count), routes every account's mailbox
signals (the list and the status bar follow the account on screen only; every account's tree and
counts stay current; new mail of any account is announced), and switches the window's account when
a folder of another account is chosen.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QPushButton, QVBoxLayout, QWidget

from acmail_desktop.core import errors, log
from acmail_desktop.core.institution import InstitutionRules
from acmail_desktop.core.otp import passcode_credential
from acmail_desktop.ui.account_pane import AccountsPane
from acmail_desktop.ui.folder_pane import FolderPane
from acmail_desktop.ui.session_control import PassCodeDialog

if TYPE_CHECKING:
    from acmail_desktop.ui.accounts import SignedInAccount, SignedInAccounts
    from acmail_desktop.ui.mailbox import Mailbox
    from acmail_desktop.ui.main_window import MainWindow


class WindowAccounts(QObject):
    """One main window's accounts: their folder trees, and the account on screen (`active`)."""

    active_changed = Signal(str)  # account key

    def __init__(self, window: MainWindow, accounts: SignedInAccounts) -> None:
        super().__init__(window)
        self.window = window
        self.accounts = accounts
        self.panes: dict[str, FolderPane] = {}
        self.unified_window: Any = None
        self._quiet: str | None = None  # an account whose tree is reloaded off screen
        self.add_account_action: QAction | None = None
        self.remove_requested: Callable[[str], object] | None = None   # the Controller's remove_account
        self.sign_out_requested: Callable[[str], object] | None = None  # the Controller's sign_out_account
        first = accounts.for_mailbox(window.mailbox)
        assert first is not None, "the window's own account is adopted first"
        self.active = first.key
        self.pane = AccountsPane()
        self.pane.header_menu_requested.connect(
            lambda key, pos: self.account_menu(key).popup(self.pane.sections[key].header.mapToGlobal(pos)))
        splitter = window.splitter
        index = splitter.indexOf(window.folder_view)
        sizes = splitter.sizes()
        splitter.replaceWidget(index, self.pane)
        splitter.setSizes(sizes)
        QWidget.setTabOrder(self.pane, window.filter_edit)
        # The window connected its own account's mailbox and tree to itself: from now on every
        # account, the first included, goes through here (guarded by "is it on screen").
        self._take_over_first(first)
        for entry in accounts:
            if entry.key not in self.panes:
                self._added(entry)
        accounts.added.connect(self._added)
        accounts.removed.connect(self._removed)
        self._chain_focus()
        self.panes[first.key].view.setFocus()

    def _chain_focus(self) -> None:
        """Tab goes left to right: each account's header and tree, then the filter, the list, the
        reader. The sections are made after the window's other panes, so without this the window
        opened on the quick filter and Tab reached the folders last (seen on the real acmail)."""
        window = self.window
        chain: list[QWidget] = []
        for section in self.pane.sections.values():
            chain += [section.header, section.view]
        chain += [window.filter_edit, window.message_view, window.reader.body]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    # --- accounts coming and going ---------------------------------------------------------------------
    def _take_over_first(self, entry: SignedInAccount) -> None:
        window, mailbox = self.window, entry.mailbox
        for signal, slot in ((mailbox.folders_changed, window._folders_changed),
                             (mailbox.store_changed, window.store_changed),
                             (mailbox.batch_stored, window._batch_stored),
                             (mailbox.folder_synced, window._folder_synced),
                             (mailbox.online_changed, window._set_online),
                             (mailbox.failed, window.show_error),
                             (mailbox.new_mail, window._new_mail),
                             (mailbox.passcode_needed, window.session.ask_passcode),
                             (window.folders.folder_chosen, window._folder_chosen),
                             (window.folders.model.messages_dropped, window._messages_dropped)):
            signal.disconnect(slot)
        # Messages dragged from another account's list onto this tree: no move across accounts.
        window.folders.model.messages_dropped.connect(self._dropped_on(entry.key))
        self.panes[entry.key] = window.folders
        self._route(entry, window.folders)
        self.pane.add_account(entry.key, entry.title, window.folder_view)
        self._update_unread(entry.key)

    def _added(self, entry: SignedInAccount) -> None:
        if entry.key in self.panes:
            return
        self._drop_signed_out(entry.key)
        window = self.window
        folders = FolderPane(entry.mailbox, window)
        folders.view.setObjectName(f"folderView-{len(self.panes) + 1}")
        folders.folder_renamed.connect(lambda old, new, key=entry.key: self._if_active(key, window._folder_renamed,
                                                                                       old, new))
        folders.operation_done.connect(window._folder_operation_done)
        folders.failed.connect(lambda error, e=entry: self._failed(e, error))
        folders.model.messages_dropped.connect(self._dropped_on(entry.key))
        self.panes[entry.key] = folders
        self._route(entry, folders)
        self.pane.add_account(entry.key, entry.title, folders.view)
        if entry.mailbox.store.folders():  # a warm cache: its tree at once
            self._reload_quietly(entry.key)
        self._update_unread(entry.key)
        self._search_accounts_changed()
        self._chain_focus()
        log.ui.info("account added to the window (%d accounts)", len(self.panes))

    def _removed(self, key: str) -> None:
        folders = self.panes.pop(key, None)
        if folders is None:
            return
        self.pane.remove_account(key)
        folders.deleteLater()
        self._search_accounts_changed()

    def _route(self, entry: SignedInAccount, folders: FolderPane) -> None:
        window, mailbox, key = self.window, entry.mailbox, entry.key
        folders.folder_chosen.connect(lambda name, key=key: self.folder_chosen(key, name))
        mailbox.folders_changed.connect(lambda: self._folders_changed(key))
        mailbox.store_changed.connect(lambda folder: self._store_changed(key, folder))
        mailbox.batch_stored.connect(lambda folder: self._if_active(key, window._batch_stored, folder))
        mailbox.folder_synced.connect(lambda folder, result: self._folder_synced(key, folder, result))
        mailbox.online_changed.connect(lambda online: self._if_active(key, window._set_online, online))
        mailbox.failed.connect(lambda error, e=entry: self._failed(e, error))
        mailbox.new_mail.connect(lambda folder, count: self._new_mail(key, folder, count))
        mailbox.passcode_needed.connect(lambda e=entry: self.ask_passcode(e))

    # --- routing --------------------------------------------------------------------------------------
    def _dropped_on(self, key: str) -> Callable[[str, list[int], str], None]:
        """Messages dropped on an account's tree move only within the account on screen."""
        return lambda source, uids, dest: self._if_active(key, self.window._messages_dropped, source, uids, dest)

    def _if_active(self, key: str, slot: Callable[..., Any], *args: Any) -> None:
        if key == self.active and not self.window.closing:
            slot(*args)

    def _folders_changed(self, key: str) -> None:
        if key == self.active:
            self.window._folders_changed()
        else:
            self._reload_quietly(key)
        self._update_unread(key)

    def _reload_quietly(self, key: str) -> None:
        """An account not on screen gets its tree again without a current folder: the tree's reload
        makes its Inbox current, which would otherwise take the window to that account."""
        folders = self.panes.get(key)
        if folders is None:
            return
        self._quiet = key
        try:
            folders.reload(None)
            folders.view.selectionModel().clearCurrentIndex()
            folders.view.clearSelection()
        finally:
            self._quiet = None

    def _store_changed(self, key: str, folder: str) -> None:
        if key == self.active:
            self.window.store_changed(folder)
        else:
            folders = self.panes.get(key)
            if folders is not None:
                folders.refresh_counts()
        self._update_unread(key)

    def _folder_synced(self, key: str, folder: str, result: Any) -> None:
        if key == self.active:
            self.window._folder_synced(folder, result)
        self._update_unread(key)

    def _new_mail(self, key: str, folder: str, count: int) -> None:
        """New mail of any account is announced; the counts of its tree follow."""
        if key != self.active:
            folders = self.panes.get(key)
            if folders is not None:
                folders.refresh_counts()
        self._update_unread(key)
        self.window._new_mail(folder, count)

    def _failed(self, entry: SignedInAccount, error: BaseException) -> None:
        """Failures of the account on screen as before; of another account, named by that account."""
        if entry.key == self.active or len(self.panes) < 2:
            self.window.show_error(error)
            return
        from acmail_desktop.ui.catalogue import describe_error

        message = describe_error(error, entry.account.provider)
        self.window.statusBar().showMessage(f"{entry.title} — {message.title} — {message.text}", 15000)

    def _update_unread(self, key: str) -> None:
        folders = self.panes.get(key)
        if folders is not None:
            self.pane.set_unread(key, folders.model.unread(folders.inbox()))

    def _search_accounts_changed(self) -> None:
        search = getattr(self.window, "_search_window", None)
        if search is not None:
            search.set_accounts(self.search_accounts(), self.window.mailbox)
        unified = self.unified_window
        if unified is not None:
            unified.set_accounts(self.search_accounts(), self.window.mailbox)
            unified.refresh_results()

    def search_accounts(self) -> list[tuple[str, Mailbox]]:
        """(label, mailbox) of every signed-in account, for the search and unified-inbox windows."""
        return [(e.title, e.mailbox) for e in self.accounts]

    # --- the account on screen -----------------------------------------------------------------------
    def folder_chosen(self, key: str, name: str) -> None:
        if key == self._quiet:
            return
        if key != self.active:
            self.activate(key, open_inbox=False)
        self.window._folder_chosen(name)

    def activate(self, key: str, *, open_inbox: bool = True) -> bool:
        """Put another account on screen: the list, the reader, the quota, the status bar, the
        message actions and new messages are then that account's; its Inbox opens unless the
        caller opens a folder of its own."""
        entry, folders = self.accounts.get(key), self.panes.get(key)
        if entry is None or folders is None or key == self.active:
            return False
        window = self.window
        previous = self.panes.get(self.active)
        if previous is not None:
            # One folder on screen: the other tree shows none current, so choosing any of its folders
            # (its inbox included) is a change the tree announces.
            previous.view.selectionModel().clearCurrentIndex()
            previous.view.clearSelection()
        self.active = key
        window.account, window.mailbox, window.store = entry.account, entry.mailbox, entry.mailbox.store
        window.folders, window.folder_model, window.folder_view = folders, folders.model, folders.view
        window.message_actions.mailbox = entry.mailbox
        window.composer.account, window.composer.mailbox = entry.account, entry.mailbox
        window.session.account = entry.account
        window.current_folder = None
        window.reader.clear()
        window.message_model.set_store(entry.mailbox.store)
        window.reader.institution = window.message_model.institution = InstitutionRules.for_provider(
            entry.account.provider, window.context.providers)
        indicator = window.quota_indicator
        indicator.mailbox = entry.mailbox
        indicator.refresh(force=True)
        window.server_status.setText(f"{entry.account.email} — {entry.account.provider.imap.hostname}")
        window._set_online(entry.mailbox.online)
        window._update_title()
        search = getattr(window, "_search_window", None)
        if search is not None:
            search.set_accounts(self.search_accounts(), entry.mailbox)
        log.ui.info("account on screen changed")
        self.active_changed.emit(key)
        if open_inbox:
            folders.select(folders.inbox())
        return True

    def show_folder(self, mailbox: Mailbox, folder: str, uid: int | None = None) -> None:
        """A search or unified-inbox result: its account on screen, its folder open, its row selected."""
        entry = self.accounts.for_mailbox(mailbox)
        if entry is None:
            return
        self.activate(entry.key, open_inbox=False)
        folders = self.panes[entry.key]
        self.pane.set_expanded(entry.key, True)
        if uid is None:
            folders.select(folder)
            return
        self.window.show_search_result(folder, uid)

    # --- PassCode of an added account --------------------------------------------------------------------
    def ask_passcode(self, entry: SignedInAccount) -> None:
        """An account's PassCode session was lost: only that account asks, naming itself."""
        if entry.mailbox is self.window.mailbox and entry.key == self.active:
            self.window.session.ask_passcode()
            return
        account = entry.account
        dialog = PassCodeDialog(entry.title, self.window)

        def accepted() -> None:
            try:
                credential = passcode_credential(account.identity.identifiant, dialog.pin.text(), dialog.code.text())
            except errors.AcmailError as exc:
                self._failed(entry, exc)
                return
            account.renew_credential(credential)
            entry.mailbox.reconnect()

        dialog.accepted.connect(accepted)
        dialog.open()

    # --- accounts listed but not signed in (the administrator's, a PassCode one) --------------------------
    def show_signed_out(self, key: str, title: str, sign_in: Callable[[], None]) -> None:
        """A listed account not signed in: its section holds a button to sign in (the administrator's
        functional mailbox appears before anyone typed its password)."""
        if key in self.pane.sections or key in self.panes:
            return
        button = QPushButton(self.tr("Sign in to this account…"))
        button.setObjectName("signInAccountButton")
        button.setToolTip(self.tr("Type the password of %1 to open it beside your own").replace("%1", title))
        button.clicked.connect(sign_in)
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(12, 2, 4, 6)
        layout.addWidget(button)
        layout.addStretch(1)
        self.pane.add_account(key, title, holder)
        self.pane.setMinimumHeight(0)

    def forget_listed(self, key: str) -> None:
        """A listed account removed from this computer: its section goes."""
        self._drop_signed_out(key)

    def _drop_signed_out(self, key: str) -> None:
        if key in self.pane.sections and key not in self.panes:
            self.pane.remove_account(key)

    # --- windows and actions -------------------------------------------------------------------------------
    def install_actions(self, add_account: Callable[[], object] | None) -> None:
        """*Fichier › Ajouter un compte…* (absent when the policy forbids it and proposes nothing) and
        *Affichage › Toutes les boîtes de réception* (Ctrl+Shift+I)."""
        window = self.window
        if add_account is not None:
            self.add_account_action = QAction(self.tr("&Add an account…"), window)
            self.add_account_action.setObjectName("addAccountAction")
            self.add_account_action.triggered.connect(add_account)
            window.file_menu.insertAction(window.logout_action, self.add_account_action)
            window.file_menu.insertSeparator(window.logout_action)
        self.unified_action = QAction(self.tr("&All inboxes"), window)
        self.unified_action.setObjectName("unifiedInboxAction")
        self.unified_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.unified_action.triggered.connect(self.open_unified_inbox)
        window.view_menu.addAction(self.unified_action)
        window.addAction(self.unified_action)

    def open_unified_inbox(self) -> QWidget:
        from acmail_desktop.ui.search_window import UnifiedInboxWindow

        window = self.unified_window
        if window is None:
            window = UnifiedInboxWindow(self.search_accounts(), self.window.mailbox, self.window,
                                        folder_label=lambda name: self.window.folder_model.display_name(name))
            window.open_requested.connect(self.window.show_result)
            self.window.operation_done.connect(lambda _kind: window.refresh_results())
            self.unified_window = window
        window.show()
        window.raise_()
        window.activateWindow()
        window.start_search()
        window.results.setFocus()
        return window

    # --- menus ------------------------------------------------------------------------------------------
    def account_menu(self, key: str) -> QMenu:
        """Right-click on an account's name: sign out of it, remove it from this computer."""
        menu = QMenu(self.window)
        entry = self.accounts.get(key)
        section = self.pane.sections.get(key)
        title = entry.title if entry is not None else section.title if section is not None else key
        if key in self.panes:
            sign_out = QAction(self.tr("Sign out of %1").replace("%1", title), menu)
            sign_out.triggered.connect(lambda: self.sign_out_requested(key) if self.sign_out_requested else None)
            menu.addAction(sign_out)
        remove = QAction(self.tr("Remove this account from this computer…"), menu)
        remove.triggered.connect(lambda: self.remove_requested(key) if self.remove_requested else None)
        menu.addAction(remove)
        return menu


