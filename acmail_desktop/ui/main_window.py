"""The main window of one account: folder pane, message list and message view over its cache.

The window only shows and asks: `Mailbox` (ui/mailbox.py) owns the connection, the sync and the
cache. Its jobs are split by seam:

- `ui/folder_pane.py`     FolderPane: the folder tree and the folder operations;
- `ui/message_list.py`    MessagePane: the list, the quick filter, the selection kept by UID;
- `ui/message_actions.py` MessageActions: read/flag/delete/archive/move/undo, server search;
- `ui/compose_launcher.py` ComposeLauncher: compose windows, drafts, the outbox;
- `ui/session_control.py` SessionControl: a fresh PassCode, logout, quit, close;
- `ui/main_commands.py`  MainWindowCommands (its base): actions, menus, toolbar, tool windows.

Every change to mail runs as a named operation (`ui/operations.py` MailboxOp) on the account's
connection; this module lays the window out and keeps the panes in step.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSlider,
    QApplication,
    QLabel,
    QProgressBar,
    QSplitter,
    QSystemTrayIcon,
    QWidget,
)

from acmail_desktop.core import log
from acmail_desktop.core.context import AppContext
from acmail_desktop.core.imap.sync import SyncResult
from acmail_desktop.core.institution import InstitutionRules
from acmail_desktop.core.render import RenderedMessage
from acmail_desktop.core.rows import SEEN
from acmail_desktop.ui.catalogue import describe_error
from acmail_desktop.ui.compose_launcher import ComposeLauncher, seen_addresses
from acmail_desktop.ui.focus import mark_pane
from acmail_desktop.ui.folder_pane import FolderPane
from acmail_desktop.ui.free_space import QuotaIndicator
from acmail_desktop.ui.login import LoginResult
from acmail_desktop.ui.mailbox import Mailbox, is_offline_error
from acmail_desktop.ui.main_commands import MainWindowCommands
from acmail_desktop.ui.message_actions import MessageActions
from acmail_desktop.ui.message_list import MessageListView, MessagePane
from acmail_desktop.ui.models.icons import folder_icon
from acmail_desktop.ui.reader import ReaderView
from acmail_desktop.ui.roles import Roles
from acmail_desktop.ui.search_window import SearchWindow
from acmail_desktop.ui.session_control import PassCodeDialog, SessionControl

__all__ = ["MainWindow", "MessageListView", "PassCodeDialog", "seen_addresses"]

WAITING_AFTER_MS = 1000
READER_MIN_LINES = 10


class MainWindow(MainWindowCommands):
    logged_out = Signal()
    folders_loaded = Signal(int)
    messages_loaded = Signal(str, int)     # folder synced, rows in the list
    first_rows_shown = Signal(str, int)    # first screenful of a folder visible
    message_shown = Signal(int)
    operation_done = Signal(str)           # mark_read, flag, delete, move, archive, undo, search, folder
    unread_changed = Signal(int)
    settings_requested = Signal()
    new_mail_notified = Signal(str)

    def __init__(self, context: AppContext, login: LoginResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setAcceptDrops(True)  # a .eml dropped on the window opens in a read-only reader
        self.message_windows: list[Any] = []
        self.account = login.account
        self.mailbox = Mailbox(context, login.account, login.session, self)
        self.store = self.mailbox.store
        self.current_folder: str | None = None
        self._awaiting_first: str | None = None
        self._opened_at = 0.0
        self.first_screen_seconds: float | None = None
        self._unread = 0
        self._status_held_until = 0.0
        self._search_window: SearchWindow | None = None
        self._pending_batches: set[str] = set()
        self._batch_timer = QTimer(self)
        self._batch_timer.setSingleShot(True)
        self._batch_timer.setInterval(400)
        self._batch_timer.timeout.connect(self._flush_batches)
        self.tray: QSystemTrayIcon | None = None
        self.accounts_view: Any = None  # WindowAccounts once the Controller holds several accounts
        self.session = SessionControl(self)
        self.composer = ComposeLauncher(self)
        self.setObjectName("mainWindow")
        self._build()
        self.message_actions = MessageActions(self)
        self._make_actions(self.style())
        self._make_menus()
        self._make_toolbar()
        self._connect_mailbox()
        self._update_title()
        self.tray = self._make_tray()
        if self.store.folders():  # a warm cache: show it at once, before the server answers
            self._folders_changed()
        self.mailbox.start()
        self.composer.start_outbox()

    # --- what others hold of the window (the Controller, the tests, the benchmark) ----------------------
    @property
    def closing(self) -> bool:
        return self.session.closing

    @property
    def outbox(self) -> Any:
        return self.composer.outbox

    @property
    def outbox_runner(self) -> Any:
        return self.composer.outbox_runner

    @property
    def compose_windows(self) -> list[Any]:
        return self.composer.compose_windows

    @property
    def logout_tasks(self) -> list[Any]:
        return self.session.logout_tasks

    def logout(self) -> None:
        self.session.logout()

    def selected_uids(self) -> list[int]:
        return self.messages.selected_uids()

    def select_uid(self, uid: int) -> bool:
        return self.messages.select_uid(uid)

    def show_status(self, text: str, timeout: int = 0, *, hold_seconds: float = 0.0) -> None:
        """A status bar message; `hold_seconds` keeps it over routine ones (the message count)."""
        self.statusBar().showMessage(text, timeout)
        if hold_seconds:
            self._status_held_until = time.monotonic() + hold_seconds

    def show_error(self, error: BaseException) -> None:
        """Any failure, in the status bar, in the words of the one catalogue (ui/catalogue.py)."""
        self._end_waiting()
        message = describe_error(error, self.account.provider)
        self.statusBar().showMessage(f"{message.title} — {message.text}", 15000)

    # --- widgets --------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.folders = FolderPane(self.mailbox, self)
        self.folder_model, self.folder_view = self.folders.model, self.folders.view
        self.folders.folder_chosen.connect(self._folder_chosen)
        self.folders.folder_renamed.connect(self._folder_renamed)
        self.folders.operation_done.connect(self._folder_operation_done)
        self.folders.failed.connect(self.show_error)
        self.folders.subscriptions_requested.connect(self.subscriptions_dialog)
        self.folder_model.messages_dropped.connect(self._messages_dropped)

        self.messages = MessagePane(self.store, self.context.settings)
        self.message_model, self.message_view = self.messages.model, self.messages.view
        self.filter_edit = self.messages.filter_edit
        self.unread_toggle, self.flagged_toggle = self.messages.unread_toggle, self.messages.flagged_toggle
        self.body_search_button = self.messages.body_search_button
        self.body_search_button.clicked.connect(lambda: self.message_actions.search_server())
        self.messages.selection_changed.connect(self._selection_changed)
        self.messages.filter_changed.connect(lambda: self.operation_done.emit("filter"))
        self.message_view.customContextMenuRequested.connect(self._message_menu)
        self.message_view.activated.connect(lambda _i: self.reader.body.setFocus())
        self.message_view.doubleClicked.connect(lambda _i: self.composer.edit_draft() if self.in_drafts() else None)
        self.message_view.installEventFilter(self)

        self.reader = ReaderView(self.context)
        self.reader.institution = self.message_model.institution = InstitutionRules.for_provider(
            self.account.provider, self.context.providers)
        self.reader.setAccessibleName(self.tr("Message view"))
        self.reader.runner = lambda fn, ok, fail: self.mailbox.render_later(fn, ok, fail)
        self.reader_header = self.reader.subject_label  # kept for callers of the previous window
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.reader)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.message_view.setFocus)  # Enter reads, Escape goes back to the list
        self.reader.body.installEventFilter(self)  # Space pages, then goes to the next unread
        mark_pane(self.reader.body)
        # Ten lines of the message whatever the screen: on a 600-pixel-high one the list gets what is left.
        body = self.reader.body
        body.setMinimumHeight(READER_MIN_LINES * body.fontMetrics().lineSpacing()
                              + int(2 * body.document().documentMargin()) + 2 * body.frameWidth() + 4)

        self.right_splitter = QSplitter(Qt.Orientation.Vertical)
        self.right_splitter.addWidget(self.messages)
        self.right_splitter.addWidget(self.reader)
        self.right_splitter.setStretchFactor(1, 1)
        self.right_splitter.setSizes([300, 460])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.folder_view)
        self.splitter.addWidget(self.right_splitter)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([230, 970])
        self.setCentralWidget(self.splitter)
        QWidget.setTabOrder(self.folder_view, self.filter_edit)
        QWidget.setTabOrder(self.filter_edit, self.message_view)
        QWidget.setTabOrder(self.message_view, self.reader.body)
        self._build_status_bar()
        self._read_timer = QTimer(self)
        self._read_timer.setSingleShot(True)
        self._read_timer.timeout.connect(lambda: self.message_actions.mark_shown_read())
        self.resize(1240, 780)

    def _build_status_bar(self) -> None:
        self.online_label = QLabel()
        self.online_label.setObjectName("onlineStatus")
        self.server_status = QLabel()
        # Anything the server takes more than a second to give shows as a busy bar with its reason:
        # a hung server left an empty list under "en ligne" for 10-20 s with nothing moving.
        self.waiting_bar = QProgressBar()
        self.waiting_bar.setObjectName("waitingBar")
        self.waiting_bar.setRange(0, 0)
        self.waiting_bar.setMaximumWidth(120)
        self.waiting_bar.setMaximumHeight(self.fontMetrics().height())
        self.waiting_bar.setTextVisible(False)
        self.waiting_bar.setAccessibleName(self.tr("Waiting for the server"))
        self.waiting_bar.hide()
        self.statusBar().addPermanentWidget(self.waiting_bar)
        self.statusBar().addPermanentWidget(self.server_status)
        self.statusBar().addPermanentWidget(self.online_label)
        self.quota_indicator = QuotaIndicator(self.mailbox, self,
                                              folder_label=lambda name: self.folder_model.display_name(name))
        self.quota_indicator.level_changed.connect(self._quota_warning)
        self.statusBar().addPermanentWidget(self.quota_indicator)
        from acmail_desktop.ui.subscriptions import NewFoldersNotice  # folders that appeared unsubscribed
        self.new_folders_notice = NewFoldersNotice(self.mailbox, self.statusBar(), self)
        self.mailbox.folder_synced.connect(self.quota_indicator.refresh)
        self.operation_done.connect(lambda kind: self.quota_indicator.refresh(force=kind == "delete"))
        self._waiting_timer = QTimer(self)
        self._waiting_timer.setSingleShot(True)
        self._waiting_timer.setInterval(WAITING_AFTER_MS)
        self._waiting_timer.timeout.connect(self._show_waiting)
        endpoint = self.account.provider.imap
        self.server_status.setText(f"{self.account.email} — {endpoint.hostname}")
        self._set_online(self.mailbox.online)

    def _make_tray(self) -> QSystemTrayIcon | None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return None
        tray = QSystemTrayIcon(folder_icon("\\Inbox"), self)
        tray.activated.connect(lambda _r: self._bring_to_front())
        tray.show()
        return tray

    def _bring_to_front(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()


    def _connect_mailbox(self) -> None:
        mb = self.mailbox
        mb.folders_changed.connect(self._folders_changed)
        mb.store_changed.connect(self.store_changed)
        mb.batch_stored.connect(self._batch_stored)
        mb.folder_synced.connect(self._folder_synced)
        mb.online_changed.connect(self._set_online)
        mb.failed.connect(self.show_error)
        mb.new_mail.connect(self._new_mail)
        mb.passcode_needed.connect(self.session.ask_passcode)

    # --- title, status ------------------------------------------------------------------------------
    def _update_title(self) -> None:
        inbox = self.folders.inbox()
        unread = self.folder_model.unread(inbox)
        base = f"AcMail — {self.account.email}"
        self.setWindowTitle(f"({unread}) {base}" if unread else base)
        if self.tray is not None:
            self.tray.setToolTip(self.windowTitle())
        if unread != self._unread:
            self._unread = unread
            self.unread_changed.emit(unread)

    def _set_online(self, online: bool) -> None:
        if not online and hasattr(self, "waiting_bar"):
            self._waiting_timer.stop()
            self.waiting_bar.hide()
        if online:
            self.online_label.setText(self.tr("online"))
            self.online_label.setStyleSheet("color: #188038; padding: 0 6px;")
        else:
            self.online_label.setText(self.tr("offline"))
            self.online_label.setStyleSheet("color: white; background: #b3261e; padding: 0 6px;"
                                            " border-radius: 3px;")
            self.statusBar().showMessage(self.tr("Offline: the messages already downloaded stay readable."))
        self.online_label.setAccessibleName(self.online_label.text())
        bold = self.online_label.font()
        self.online_label.setMinimumWidth(self.online_label.fontMetrics().horizontalAdvance(
            self.online_label.text()) + 20)
        self.online_label.setFont(bold)


    # --- folders ---------------------------------------------------------------------------------------
    def _folders_changed(self) -> None:
        self.folders.reload(self.current_folder or self.mailbox.current_folder)
        self._update_title()
        self.folders_loaded.emit(len(self.folder_model.names()))

    def _refresh_counts(self) -> None:
        self.folders.refresh_counts()
        self._update_title()

    def _messages_dropped(self, source: str, uids: list[int], dest: str) -> None:
        self.message_actions.move_messages(source, uids, dest)

    def _folder_chosen(self, name: str) -> None:
        if name != self.current_folder:
            self.open_folder(name)

    def _folder_renamed(self, old: str, new: str) -> None:
        if self.current_folder == old:
            self.current_folder = new
            self.mailbox.current_folder = new

    def _folder_operation_done(self, text: str) -> None:
        self.show_status(text, 5000)
        self.operation_done.emit("folder")

    def open_folder(self, name: str) -> None:
        self.current_folder = name
        self._awaiting_first = name
        self._opened_at = time.perf_counter()
        self.messages.show_folder(name, show_recipients=name in (self.folder_model.folder_by_use("\\Sent"),
                                                                 self.drafts_folder()))
        self.reader.clear()
        self._check_first_rows()
        shown = self.folder_model.display_name(name)
        self.statusBar().showMessage(self.tr("Getting mail in %1…").replace("%1", shown))
        self._waiting_timer.start()
        self.mailbox.open_folder(name)

    def drafts_folder(self) -> str | None:
        return self.folders.drafts_folder()

    def subscriptions_dialog(self) -> QWidget:
        """Gérer les abonnements (ui/subscriptions.py), the notice's new folders marked in it."""
        return self.new_folders_notice.open_dialog()

    def in_drafts(self) -> bool:
        return self.current_folder is not None and self.current_folder == self.drafts_folder()

    def _show_waiting(self) -> None:
        """Over a second without the folder's answer: say it, with a moving bar, instead of an
        empty list under "en ligne"."""
        if self.closing or not self.mailbox.online:
            return
        self.waiting_bar.show()
        self.online_label.setText(self.tr("waiting for the server…"))
        self.online_label.setAccessibleName(self.online_label.text())
        shown = self.folder_model.display_name(self.current_folder or "")
        self.statusBar().showMessage(self.tr("The server is taking long to answer (%1)…").replace("%1", shown))

    def _end_waiting(self) -> None:
        self._waiting_timer.stop()
        if self.waiting_bar.isVisible():
            self.waiting_bar.hide()
            self._set_online(self.mailbox.online)
            self.statusBar().clearMessage()

    def _check_first_rows(self) -> None:
        if self._awaiting_first == self.current_folder and self.message_model.rowCount() > 0:
            self._awaiting_first = None
            self.first_screen_seconds = time.perf_counter() - self._opened_at
            log.ui.info("first rows of the folder shown, %.0f ms after it was opened",
                        self.first_screen_seconds * 1000)
            self.first_rows_shown.emit(self.current_folder or "", self.message_model.rowCount())


    def store_changed(self, folder: str) -> None:
        """The cache of `folder` changed: the list again if it is shown, the counts always."""
        if self.closing:
            return
        if folder == self.current_folder:
            self.messages.refresh()
            self._check_first_rows()
        self._refresh_counts()

    def _batch_stored(self, folder: str) -> None:
        """Sync batches arrive every few thousand rows: refresh at once for the first screenful,
        then at most every 400 ms, because each refresh counts rows and reads folder totals on the
        GUI thread while the sync is writing (measured: 150 ms stalls without this)."""
        if self.closing:
            return
        if folder == self.current_folder and self._awaiting_first == folder:
            self.store_changed(folder)
            return
        self._pending_batches.add(folder)
        if not self._batch_timer.isActive():
            self._batch_timer.start()

    def _flush_batches(self) -> None:
        folders, self._pending_batches = self._pending_batches, set()
        if self.closing or not folders:
            return
        if self.current_folder in folders:
            self.messages.refresh()
            self._check_first_rows()
        self._refresh_counts()

    def _folder_synced(self, folder: str, result: SyncResult) -> None:
        if folder == self.current_folder:
            self._end_waiting()
        self._batch_timer.stop()
        self._flush_batches()
        if folder != self.current_folder or self.closing:
            return
        count = self.message_model.rowCount()
        if time.monotonic() >= self._status_held_until:
            self.statusBar().showMessage(self.tr("%n message(s)", "", count), 4000)
        self.messages_loaded.emit(folder, count)


    # --- list and reader ---------------------------------------------------------------------------
    def _selection_changed(self) -> None:
        self._read_timer.stop()
        rows = self.message_view.selectionModel().selectedRows()
        has = bool(rows)
        for act in (self.delete_action, self.move_action, self.archive_action, self.mark_read_action,
                    self.mark_unread_action, self.flag_action):
            act.setEnabled(has)
        for act in (self.reply_action, self.reply_all_action, self.forward_action, self.forward_attached_action):
            act.setEnabled(len(rows) == 1)
        self.edit_draft_action.setEnabled(len(rows) == 1 and self.in_drafts())
        if len(rows) != 1 or self.current_folder is None:
            if not rows:
                self.reader.clear()
            return
        uid = int(rows[0].data(Roles.Uid))
        if self.reader.uid == uid and self.reader.folder == self.current_folder:
            return
        self.show_message(self.current_folder, uid)

    def show_message(self, folder: str, uid: int) -> None:
        def done(result: tuple[bytes, RenderedMessage] | None) -> None:
            if folder != self.current_folder or self.closing:
                return
            if uid not in self.selected_uids():
                return  # the user moved on
            if result is None:
                self.reader.clear(self.tr("This message no longer exists on the server."))
                return
            raw, rendered = result
            self.reader.show_message(folder, uid, raw, rendered)
            self.message_shown.emit(uid)
            info = self.store.message(folder, uid)
            if info is not None and not int(info["flags"]) & SEEN:
                delay = float(self.context.settings.get("privacy.mark_read_delay_s"))
                if delay >= 0:
                    self._read_timer.start(int(delay * 1000))

        def failed(error: BaseException) -> None:
            if is_offline_error(error):
                self.reader.clear(self.tr("This message has not been downloaded yet and AcMail is offline."))
            else:
                message = describe_error(error, self.account.provider)
                self.reader.clear(f"{message.title}\n\n{message.text}")

        self.mailbox.load_message(folder, uid, done, failed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.message_view and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.in_drafts():
                self.composer.edit_draft()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.reader.uid is not None:
                self.reader.body.setFocus()
                return True
        if (event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Space  # type: ignore[attr-defined]
                and hasattr(self, "reader") and watched in (self.message_view, self.reader.body)
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):  # type: ignore[attr-defined]
            self.page_or_next_unread()
            return True
        return super().eventFilter(watched, event)

    # --- keyboard reading ------------------------------------------------------------------------------
    def page_or_next_unread(self) -> None:
        """Space, as in other mail clients: the next page of the message, and at its end the next
        unread message of the list."""
        bar = self.reader.body.verticalScrollBar()
        if self.reader.uid is not None and bar.value() < bar.maximum():
            bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
            return
        self.select_next_unread()

    def select_next_unread(self) -> bool:
        model = self.message_model
        for row in range(self.message_view.currentIndex().row() + 1, model.rowCount()):
            info = model.row_info(row)
            if info is not None and not int(info["flags"] or 0) & SEEN:
                return self.select_uid(int(info["uid"]))
        self.statusBar().showMessage(self.tr("No more unread messages in this folder."), 5000)
        return False


    def _quota_warning(self, _level: str) -> None:
        """80 % / 95 % full: said in the status bar, held over routine messages for a while."""
        text = self.quota_indicator.warning_text()
        if text:
            self.show_status(text, 30000, hold_seconds=30)

    def open_search(self) -> SearchWindow:
        """The search window (Ctrl+Shift+F), one per main window, scoped from the folder in view."""
        window = getattr(self, "_search_window", None)
        if window is None:
            accounts = self.accounts_view  # several accounts (ui/window_accounts.py): every one is searched
            window = SearchWindow(accounts.search_accounts() if accounts is not None
                                  else [(self.account.email, self.mailbox)], self.mailbox, self.current_folder, self,
                                  folder_label=lambda name: self.folder_model.display_name(name))
            window.open_requested.connect(self.show_result)
            self.operation_done.connect(lambda _kind: window.refresh_results())  # moves, deletes, undo
            self._search_window = window
        window.current_folder = self.current_folder
        window.show()
        window.raise_()
        window.activateWindow()
        window.text_edit.setFocus()
        window.text_edit.selectAll()
        return window

    def show_result(self, mailbox: Mailbox, folder: str, uid: int) -> None:
        """A search or unified-inbox result, whichever account it belongs to."""
        if self.accounts_view is not None and mailbox is not self.mailbox:
            self.accounts_view.show_folder(mailbox, folder, uid)
            return
        self.show_search_result(folder, uid)

    def show_search_result(self, folder: str, uid: int) -> None:
        """A search result in the list and the reader: its folder opened, its row selected."""
        if folder != self.current_folder:
            index = self.folder_model.index_of(folder)
            if index.isValid():
                self.folder_view.setCurrentIndex(index)  # opens it (_folder_selected)
            if folder != self.current_folder:
                self.open_folder(folder)
        self.select_uid(uid)
        self.raise_()
        self.activateWindow()

    def get_mail(self) -> None:
        self.mailbox.check_new_mail()

    # --- new mail ------------------------------------------------------------------------------------------
    def _new_mail(self, folder: str, count: int) -> None:
        self._refresh_counts()
        if not self.context.settings.get("notifications.new_mail"):
            return
        text = self.tr("%n new message(s) in %1", "", count).replace("%1", self.folder_model.display_name(folder))
        if self.tray is not None and QSystemTrayIcon.supportsMessages():
            self.tray.showMessage("AcMail", text, QSystemTrayIcon.MessageIcon.Information, 8000)
        else:
            QApplication.alert(self)
        self.statusBar().showMessage(text, 10000)
        self.new_mail_notified.emit(text)

    # --- session end ------------------------------------------------------------------------------------------
    def stop_timers(self) -> None:
        self._read_timer.stop()
        self.messages.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.session.shutdown(logout=True)
        log.ui.debug("main window closed")
        super().closeEvent(event)
