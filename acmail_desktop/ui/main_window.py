"""The main window: folder tree, message list and message view over the account's cache.

The window only shows and asks: `Mailbox` (ui/mailbox.py) owns the connection, the sync and the
cache. The list is a lazy model over SQLite, refreshed when a sync batch lands, keeping the
selection by UID.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSlider,
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QStyle,
    QSystemTrayIcon,
    QTableView,
    QToolBar,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from acmail_desktop.core import errors, log
from acmail_desktop.core.addresses import describe_sender
from acmail_desktop.core.context import AppContext
from acmail_desktop.core.imap.session import ImapSession, check_mailbox_name
from acmail_desktop.core.imap.sync import FolderSync, SyncResult
from acmail_desktop.core.institution import InstitutionRules
from acmail_desktop.core.otp import passcode_credential
from acmail_desktop.core.outbox import Outbox
from acmail_desktop.core.render import RenderedMessage
from acmail_desktop.core.rows import FLAGGED, SEEN
from acmail_desktop.core.store import MessageFilter, Store
from acmail_desktop.ui.focus import mark_pane
from acmail_desktop.ui.free_space import QuotaIndicator
from acmail_desktop.ui.login import LoginResult
from acmail_desktop.ui.mailbox import Mailbox, is_offline_error
from acmail_desktop.ui.messages import describe_error
from acmail_desktop.ui.models.folders import FolderDelegate, FolderTreeModel, special_folder_name
from acmail_desktop.ui.models.icons import folder_icon
from acmail_desktop.ui.models.messages import COLUMNS, MessageTableModel
from acmail_desktop.ui.operations import MailboxOp
from acmail_desktop.ui.reader import ReaderView
from acmail_desktop.ui.roles import Roles
from acmail_desktop.ui.search_window import SearchWindow

RESELECT_LIMIT = 200
WAITING_AFTER_MS = 1000
_MOVE_KEYS = frozenset({Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_PageUp,
                        Qt.Key.Key_PageDown})
READER_MIN_LINES = 10


def seen_addresses(store: Store, prefix: str, limit: int = 20) -> list[str]:
    """Completion for the compose window: addresses already seen in this account's cache (read-only)."""
    text = prefix.strip()
    if len(text) < 2:
        return []
    shown = [(describe_sender(name, addr).reply_name, addr) for name, addr in store.frequent_senders(text, limit)
             if addr]
    return [f"{name} <{addr}>" if name else addr for name, addr in shown]  # deceptive names dropped


class _DropTree(QTreeView):
    """The folder tree accepts messages dragged from the list (the model does the move)."""

    def __init__(self) -> None:
        super().__init__()
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)


class MessageListView(QTableView):
    """The message list. Rows appended below what is on screen (a sync batch) only move the
    scroll bar: Qt would repaint the whole list for them, and that repaint is what the event loop
    waited for during a cold sync (GUI stall benchmark: ~15-35 ms per batch offscreen when idle,
    40-60 ms on a machine busy with the sync). Anything else the model does (reset, sort, rows
    removed or inserted where they show) keeps Qt's full relayout and repaint."""

    def __init__(self) -> None:
        super().__init__()
        self._appended_below: bool | None = None  # None: no row insertion since the last layout
        self.setTabKeyNavigation(False)  # Tab leaves the list for the next pane, as in a mail client

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """A move key always leaves a message selected: tabbing into the list makes the first row
        current without selecting it, and Home there changed nothing a person could see."""
        super().keyPressEvent(event)
        current = self.currentIndex()
        if (event.key() in _MOVE_KEYS and current.isValid() and self.selectionModel() is not None
                and not self.selectionModel().hasSelection()):
            self.selectionModel().select(current, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                         | QItemSelectionModel.SelectionFlag.Rows)

    def moveCursor(self, action: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """Home and End go to the first and the last message (a table would go to the first and the
        last column of the row)."""
        model = self.model()
        ends = (QAbstractItemView.CursorAction.MoveHome, QAbstractItemView.CursorAction.MoveEnd)
        if action in ends and model is not None and model.rowCount() > 0:
            row = 0 if action == QAbstractItemView.CursorAction.MoveHome else model.rowCount() - 1
            return model.index(row, max(self.currentIndex().column(), 0))
        return super().moveCursor(action, modifiers)

    def setModel(self, model: Any) -> None:
        super().setModel(model)
        for signal in (model.modelReset, model.layoutChanged, model.rowsRemoved, model.rowsMoved,
                       model.columnsInserted, model.columnsRemoved):
            signal.connect(self._needs_full_layout)

    def _needs_full_layout(self, *_args: Any) -> None:
        self._appended_below = False

    def rowsInserted(self, parent: QModelIndex | QPersistentModelIndex, start: int, end: int) -> None:
        last_shown = self.rowAt(self.viewport().height() - 1)
        below = not parent.isValid() and 0 <= last_shown < start
        self._appended_below = below if self._appended_below is None else (self._appended_below and below)
        super().rowsInserted(parent, start, end)

    def doItemsLayout(self) -> None:
        appended_below, self._appended_below = self._appended_below, None
        if appended_below:
            self.updateGeometries()  # the scroll range; the rows on screen have not changed
            return
        super().doItemsLayout()


class PassCodeDialog(QDialog):
    """A fresh PassCode (PIN + code) when the session's one is spent and a new connection is needed."""

    def __init__(self, identifiant: str, parent: QWidget | None = None, *, reason: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passcodeDialog")
        self.setWindowTitle(self.tr("New PassCode needed"))
        layout = QVBoxLayout(self)
        intro = QLabel(reason or self.tr("The connection was lost. A PassCode works only once: type your PIN and "
                                         "a new code to reconnect %1.").replace("%1", identifiant))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.code = QLineEdit()
        self.code.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&PIN:"), self.pin)
        form.addRow(self.tr("&Code:"), self.code)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class MainWindow(QMainWindow):
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
        self.outbox = Outbox(context.paths.data_dir)
        self.outbox_runner: Any = None
        self.current_folder: str | None = None
        self._awaiting_first: str | None = None
        self._opened_at = 0.0
        self.first_screen_seconds: float | None = None
        self._unread = 0
        self._closing = False
        self._pending_batches: set[str] = set()
        self._batch_timer = QTimer(self)
        self._batch_timer.setSingleShot(True)
        self._batch_timer.setInterval(400)
        self._batch_timer.timeout.connect(self._flush_batches)
        self.compose_windows: list[Any] = []
        self.logout_tasks: list[Any] = []  # work(session) run on the connection just before LOGOUT
        self.setObjectName("mainWindow")
        self._build()
        self._connect_mailbox()
        self._update_title()
        self.tray = self._make_tray()
        if self.store.folders():  # a warm cache: show it at once, before the server answers
            self._folders_changed()
        self.mailbox.start()
        self._start_outbox()

    # --- widgets --------------------------------------------------------------------------------------
    def _build(self) -> None:
        style = self.style()
        self._make_actions(style)
        self._make_menus()
        toolbar = QToolBar(self.tr("Actions"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(20, 20))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.new_action, self.reply_action, self.reply_all_action, self.forward_action, None,
                       self.delete_action, self.archive_action, None, self.refresh_action):
            if action is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(action)
        spacer = QWidget()
        spacer.setSizePolicy(spacer.sizePolicy().horizontalPolicy().Expanding,
                             spacer.sizePolicy().verticalPolicy())
        toolbar.addWidget(spacer)
        toolbar.addAction(self.logout_action)
        self.addToolBar(toolbar)
        self.toolbar = toolbar

        self.folder_model = FolderTreeModel(self)
        self.folder_view = _DropTree()
        self.folder_view.setObjectName("folderView")
        self.folder_view.setAccessibleName(self.tr("Folders"))
        self.folder_view.setAccessibleDescription(self.tr("Your mail folders, with the number of unread messages"))
        self.folder_view.setModel(self.folder_model)
        self.folder_view.setItemDelegate(FolderDelegate(self.folder_view))
        self.folder_view.setHeaderHidden(True)
        self.folder_view.setIconSize(QSize(18, 18))
        self.folder_view.setUniformRowHeights(True)
        self.folder_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.folder_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.folder_view.customContextMenuRequested.connect(self._folder_menu)
        mark_pane(self.folder_view, "#folderView::item { padding: 4px 2px; }")
        self.folder_view.selectionModel().currentChanged.connect(self._folder_selected)
        self.folder_model.messages_dropped.connect(self.move_messages)
        self.folder_model.modelReset.connect(self.folder_view.expandAll)

        self.message_model = MessageTableModel(self.store, self)
        self.message_model.conversations = bool(self.context.settings.get("display.conversation_view"))
        self.message_view = MessageListView()
        self.message_view.setObjectName("messageList")
        self.message_view.setAccessibleName(self.tr("Message list"))
        self.message_view.setAccessibleDescription(
            self.tr("Messages of the selected folder; Enter opens, Delete moves to the trash"))
        self.message_view.setModel(self.message_model)
        self.message_model.modelAboutToBeReset.connect(self._before_reset)
        self.message_model.modelReset.connect(self._after_reset)
        self.message_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.message_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.message_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.message_view.setShowGrid(False)
        self.message_view.setAlternatingRowColors(True)
        self.message_view.setWordWrap(False)
        self.message_view.setIconSize(QSize(14, 14))
        self.message_view.setDragEnabled(True)
        self.message_view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.message_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.message_view.customContextMenuRequested.connect(self._message_menu)
        self.message_view.verticalHeader().hide()
        self.message_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.message_view.setSortingEnabled(True)
        header = self.message_view.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(24)
        for column, width in enumerate((26, 26, 26, 210, 380, 130, 80)):
            header.resizeSection(column, width)
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COLUMNS.index("subject"), QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(COLUMNS.index("date"), Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._sorted)
        if self.message_model.conversations:
            self.message_view.setSortingEnabled(False)
            header.setSortIndicatorShown(False)
        self.message_view.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.message_view.activated.connect(lambda _i: self.reader.body.setFocus())
        self.message_view.doubleClicked.connect(lambda _i: self.edit_draft() if self.in_drafts() else None)
        self.message_view.installEventFilter(self)
        mark_pane(self.message_view)

        filter_bar = QWidget()
        filter_bar.setObjectName("filterBar")
        filters = QHBoxLayout(filter_bar)
        filters.setContentsMargins(6, 6, 6, 4)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("quickFilter")
        self.filter_edit.setPlaceholderText(self.tr("Filter: sender, subject… (Ctrl+F)"))
        self.filter_edit.setAccessibleName(self.tr("Quick filter"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.addAction(style.standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView),
                                   QLineEdit.ActionPosition.LeadingPosition)
        self.filter_edit.textChanged.connect(lambda _t: self._filter_timer.start())
        self.filter_edit.returnPressed.connect(self._apply_filter)
        self.unread_toggle = QCheckBox(self.tr("&Unread"))
        self.unread_toggle.setObjectName("unreadOnly")
        self.unread_toggle.toggled.connect(lambda _b: self._apply_filter())
        self.flagged_toggle = QCheckBox(self.tr("Fla&gged"))
        self.flagged_toggle.setObjectName("flaggedOnly")
        self.flagged_toggle.toggled.connect(lambda _b: self._apply_filter())
        self.body_search_button = QToolButton()
        self.body_search_button.setObjectName("bodySearchButton")
        self.body_search_button.setText(self.tr("Search message te&xt"))
        self.body_search_button.setToolTip(self.tr("Search the text of the messages on the server"))
        self.body_search_button.clicked.connect(self.search_server)
        filters.addWidget(self.filter_edit, 1)
        filters.addWidget(self.unread_toggle)
        filters.addWidget(self.flagged_toggle)
        filters.addWidget(self.body_search_button)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(150)
        self._filter_timer.timeout.connect(self._apply_filter)

        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.setSpacing(0)
        list_layout.addWidget(filter_bar)
        list_layout.addWidget(self.message_view, 1)

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
        self.right_splitter.addWidget(list_box)
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
        self._read_timer = QTimer(self)
        self._read_timer.setSingleShot(True)
        self._read_timer.timeout.connect(self._mark_shown_read)
        self.resize(1240, 780)

    def _make_actions(self, style: QStyle) -> None:
        def action(text: str, slot: Any, shortcut: Any = None, icon: Any = None, name: str = "") -> QAction:
            act = QAction(text, self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            if icon is not None:
                act.setIcon(style.standardIcon(icon) if isinstance(icon, QStyle.StandardPixmap) else icon)
            if name:
                act.setObjectName(name)
            act.triggered.connect(lambda _checked=False: slot())
            return act

        sp = QStyle.StandardPixmap
        self.new_action = action(self.tr("&Write"), self.compose_new, QKeySequence.StandardKey.New,
                                 sp.SP_FileIcon, "newAction")
        self.new_action.setToolTip(self.tr("New message"))
        self.reply_action = action(self.tr("&Reply"), lambda: self.reply(False), "Ctrl+R", sp.SP_ArrowBack,
                                   "replyAction")
        self.reply_all_action = action(self.tr("Reply &all"), lambda: self.reply(True), "Ctrl+Shift+R",
                                       sp.SP_FileDialogBack, "replyAllAction")
        self.forward_action = action(self.tr("&Forward"), lambda: self.forward(False), "Ctrl+L",
                                     sp.SP_ArrowForward, "forwardAction")
        self.edit_draft_action = action(self.tr("&Edit draft"), self.edit_draft, "Ctrl+E", None, "editDraftAction")
        self.edit_draft_action.setEnabled(False)
        self.forward_attached_action = action(self.tr("Forward as a&ttachment"), lambda: self.forward(True),
                                              None, None, "forwardAttachedAction")
        self.mark_read_action = action(self.tr("Mark as &read"), lambda: self.mark_read(True), "Ctrl+Shift+I",
                                       None, "markReadAction")
        self.mark_unread_action = action(self.tr("Mark as &unread"), lambda: self.mark_read(False), "Ctrl+U",
                                         None, "markUnreadAction")
        self.flag_action = action(self.tr("&Flag"), self.toggle_flag, "Ctrl+Shift+S", folder_icon(None), "flagAction")
        self.delete_action = action(self.tr("&Delete"), self.delete_selected, QKeySequence.StandardKey.Delete,
                                    sp.SP_TrashIcon, "deleteAction")
        self.move_action = action(self.tr("&Move to…"), self.choose_move_target, "Ctrl+Shift+M", None,
                                  "moveAction")
        self.archive_action = action(self.tr("&Archive"), self.archive_selected, "A",
                                     folder_icon("\\Archive"), "archiveAction")
        self.undo_action = action(self.tr("&Undo"), self.undo, QKeySequence.StandardKey.Undo, None, "undoAction")
        self.undo_action.setEnabled(False)
        self.refresh_action = action(self.tr("&Get mail"), self.get_mail, QKeySequence.StandardKey.Refresh,
                                     sp.SP_BrowserReload, "refreshAction")
        self.outbox_action = action(self.tr("&Outbox"), self.show_outbox, None, None, "outboxAction")
        self.quit_action = action(self.tr("&Quit"), self._quit, QKeySequence.StandardKey.Quit, None, "quitAction")
        self.open_file_action = action(self.tr("Open a &message…"), self.open_message_file,
                                       QKeySequence.StandardKey.Open, None, "openMessageAction")
        self.print_action = action(self.tr("&Print…"), lambda: self.reader.ask_print(),
                                   QKeySequence.StandardKey.Print, None, "printAction")
        self.export_pdf_action = action(self.tr("Export as P&DF…"), lambda: self.reader.ask_export_pdf(),
                                        None, None, "exportPdfAction")
        self.conversation_action = QAction(self.tr("&Conversations"), self)
        self.conversation_action.setCheckable(True)
        self.conversation_action.setChecked(bool(self.context.settings.get("display.conversation_view")))
        self.conversation_action.toggled.connect(self._conversations_toggled)
        self.plain_text_action = QAction(self.tr("&Plain text"), self)
        self.plain_text_action.setObjectName("plainTextAction")
        self.plain_text_action.setCheckable(True)
        self.plain_text_action.setChecked(bool(self.context.settings.get("display.plain_text")))
        self.plain_text_action.toggled.connect(self._plain_text_toggled)
        self.settings_action = action(self.tr("&Settings…"), self.settings_requested.emit,
                                      QKeySequence.StandardKey.Preferences, None, "settingsAction")
        self.diagnostics_action = action(self.tr("Connection &diagnostics…"), self.open_diagnostics, None, None,
                                         "diagnosticsAction")
        self.totp_action = action(self.tr("Set up the &code generator…"), self.enrol_totp, None, None, "totpAction")
        self.totp_action.setVisible(self.account.provider.otp_kind == "totp")
        self.forget_action = action(self.tr("&Forget my credentials"), self.forget_credentials, None, None,
                                    "forgetAction")
        self.help_action = action(self.tr("&Help"), self.open_help, QKeySequence.StandardKey.HelpContents,
                                  sp.SP_DialogHelpButton, "helpAction")
        self.about_action = action(self.tr("&About AcMail"), self.open_about, None, None, "aboutAction")
        self.free_space_action = action(self.tr("&Free space…"), lambda: self.quota_indicator.open_window(), None,
                                        None, "freeSpaceAction")
        self.search_action = action(self.tr("&Search everywhere…"), self.open_search, "Ctrl+Shift+F", None,
                                    "searchEverywhereAction")
        self.filter_action = action(self.tr("&Filter"), lambda: self.filter_edit.setFocus(),
                                    QKeySequence.StandardKey.Find, None, "filterAction")
        self.addAction(self.filter_action)
        # A plain QAction: the Controller reconnects it to its checks (see ui/app.py).
        self.logout_action = QAction(self.tr("Sign &out"), self)
        self.logout_action.setObjectName("logoutAction")
        self.logout_action.triggered.connect(self.logout)

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        for act in (self.new_action, self.outbox_action, None, self.open_file_action, self.print_action,
                    self.export_pdf_action, None, self.logout_action, self.quit_action):
            file_menu.addSeparator() if act is None else file_menu.addAction(act)
        message = bar.addMenu(self.tr("&Message"))
        for act in (self.edit_draft_action, None, self.reply_action, self.reply_all_action, self.forward_action,
                    self.forward_attached_action, None, self.mark_read_action, self.mark_unread_action,
                    self.flag_action, None, self.delete_action, self.move_action, self.archive_action, None,
                    self.undo_action):
            message.addSeparator() if act is None else message.addAction(act)
        view = bar.addMenu(self.tr("&View"))
        view.addAction(self.conversation_action)
        view.addAction(self.plain_text_action)
        view.addAction(self.refresh_action)
        view.addSeparator()
        view.addAction(self.search_action)
        tools = bar.addMenu(self.tr("&Tools"))
        for act in (self.settings_action, self.diagnostics_action, self.totp_action, None, self.free_space_action,
                    None, self.forget_action):
            tools.addSeparator() if act is None else tools.addAction(act)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.help_action)
        help_menu.addAction(self.about_action)

    def _make_tray(self) -> QSystemTrayIcon | None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return None
        tray = QSystemTrayIcon(folder_icon("\\Inbox"), self)
        tray.activated.connect(lambda _r: (self.showNormal(), self.raise_(), self.activateWindow()))
        tray.show()
        return tray

    def _connect_mailbox(self) -> None:
        mb = self.mailbox
        mb.folders_changed.connect(self._folders_changed)
        mb.store_changed.connect(self._store_changed)
        mb.batch_stored.connect(self._batch_stored)
        mb.folder_synced.connect(self._folder_synced)
        mb.online_changed.connect(self._set_online)
        mb.failed.connect(self._failed)
        mb.new_mail.connect(self._new_mail)
        mb.passcode_needed.connect(self._ask_passcode)

    # --- title, status ------------------------------------------------------------------------------
    def _update_title(self) -> None:
        inbox = self.folder_model.folder_by_use("\\Inbox") or "INBOX"
        unread = self.folder_model.unread(inbox)
        base = f"AcMail — {self.account.email}"
        self.setWindowTitle(f"({unread}) {base}" if unread else base)
        if self.tray is not None if hasattr(self, "tray") else False:
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

    def _failed(self, error: BaseException) -> None:
        self._end_waiting()
        message = describe_error(error, self.account.provider)
        self.statusBar().showMessage(f"{message.title} — {message.text}", 15000)

    # --- folders ---------------------------------------------------------------------------------------
    def _folders_changed(self) -> None:
        wanted = self.current_folder or self.mailbox.current_folder
        counts = self.mailbox.counts()
        self.folder_model.set_folders([(*row[:4], *counts.get(row[0], row[4:6])) for row in self.store.folders()],
                                      self.store.namespace())
        index = self.folder_model.index_of(wanted)
        if not index.isValid():
            index = self.folder_model.index_of(self.folder_model.folder_by_use("\\Inbox") or "INBOX")
        if index.isValid():
            self.folder_view.setCurrentIndex(index)
        self._update_title()
        self.folders_loaded.emit(len(self.folder_model.names()))

    def _refresh_counts(self) -> None:
        self.folder_model.update_counts(self.mailbox.counts())
        self._update_title()

    def _folder_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        name = current.data(Roles.FolderName)
        if not name or not (current.flags() & Qt.ItemFlag.ItemIsSelectable) or name == self.current_folder:
            return
        self.open_folder(name)

    def open_folder(self, name: str) -> None:
        self.current_folder = name
        self._awaiting_first = name
        self._opened_at = time.perf_counter()
        self.filter_edit.blockSignals(True)
        self.filter_edit.clear()
        self.filter_edit.blockSignals(False)
        self.message_model.filter = MessageFilter(unread_only=self.unread_toggle.isChecked(),
                                                  flagged_only=self.flagged_toggle.isChecked())
        self.message_model.show_recipients = name in (self.folder_model.folder_by_use("\\Sent"),
                                                      self.drafts_folder())
        self.message_model.set_folder(name)
        self.reader.clear()
        self._check_first_rows()
        shown = self.folder_model.display_name(name)
        self.statusBar().showMessage(self.tr("Getting mail in %1…").replace("%1", shown))
        self._waiting_timer.start()
        self.mailbox.open_folder(name)

    def _show_waiting(self) -> None:
        """Over a second without the folder's answer: say it, with a moving bar, instead of an
        empty list under "en ligne"."""
        if self._closing or not self.mailbox.online:
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

    def _store_changed(self, folder: str) -> None:
        if self._closing:
            return
        if folder == self.current_folder:
            self._refresh_list()
            self._check_first_rows()
        self._refresh_counts()

    def _batch_stored(self, folder: str) -> None:
        """Sync batches arrive every few thousand rows: refresh at once for the first screenful,
        then at most every 400 ms, because each refresh counts rows and reads folder totals on the
        GUI thread while the sync is writing (measured: 150 ms stalls without this)."""
        if self._closing:
            return
        if folder == self.current_folder and self._awaiting_first == folder:
            self._store_changed(folder)
            return
        self._pending_batches.add(folder)
        if not self._batch_timer.isActive():
            self._batch_timer.start()

    def _flush_batches(self) -> None:
        folders, self._pending_batches = self._pending_batches, set()
        if self._closing or not folders:
            return
        if self.current_folder in folders:
            self._refresh_list()
            self._check_first_rows()
        self._refresh_counts()

    def _folder_synced(self, folder: str, result: SyncResult) -> None:
        if folder == self.current_folder:
            self._end_waiting()
        self._batch_timer.stop()
        self._flush_batches()
        if folder != self.current_folder or self._closing:
            return
        count = self.message_model.rowCount()
        if time.monotonic() >= getattr(self, "_status_held_until", 0.0):
            self.statusBar().showMessage(self.tr("%n message(s)", "", count), 4000)
        self.messages_loaded.emit(folder, count)

    def _folder_menu(self, pos: QPoint) -> None:
        index = self.folder_view.indexAt(pos)
        name = index.data(Roles.FolderName) if index.isValid() else None
        menu = QMenu(self)
        menu.addAction(self.tr("New folder…"), lambda: self.create_folder_dialog(name))
        if name and not index.data(Roles.SpecialUse):
            menu.addAction(self.tr("Rename…"), lambda: self.rename_folder_dialog(name))
            menu.addAction(self.tr("Delete folder"), lambda: self.delete_folder_dialog(name))
        if name and name.upper() != "INBOX" and index.flags() & Qt.ItemFlag.ItemIsSelectable:
            self._special_use_menu(menu, name, index.data(Roles.SpecialUse))
        menu.addSeparator()
        menu.addAction(self.tr("Manage subscriptions…"), self.subscriptions_dialog)
        menu.popup(self.folder_view.viewport().mapToGlobal(pos))

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

    def _folder_op(self, name: str, work: Callable[[FolderSync], object], done_text: str) -> None:
        def finished(_r: object) -> None:
            self.statusBar().showMessage(done_text, 5000)
            self.operation_done.emit("folder")

        # Every failure in the status bar, offline included (the folder tree does not show it).
        MailboxOp(self.mailbox, name, work, folders_changed=True).success(finished).failure(self._failed).run()

    def _child_name(self, parent: str | None, leaf: str) -> str:
        """At the top level: under the personal namespace prefix, with the server's separator."""
        delimiter = next((r[1] for r in self.store.folders() if r[0] == parent), "") if parent else ""
        return self.store.namespace().child(parent, leaf, delimiter or None)

    def create_folder(self, name: str) -> None:
        check_mailbox_name(name)
        self._folder_op("create-folder", lambda sync: sync.create_folder(name),
                        self.tr("Folder %1 created.").replace("%1", name))

    def rename_folder(self, old: str, new: str) -> None:
        check_mailbox_name(new)
        if self.current_folder == old:
            self.current_folder = new
            self.mailbox.current_folder = new
        self._folder_op("rename-folder", lambda sync: sync.rename_folder(old, new), self.tr("Folder renamed."))

    def delete_folder(self, name: str) -> None:
        fallback = self.folder_model.folder_by_use("\\Inbox") or "INBOX"
        self._folder_op("delete-folder", lambda sync: sync.delete_folder(name, fallback=fallback),
                        self.tr("Folder deleted."))

    def subscribe_folder(self, name: str, subscribed: bool) -> None:
        self._folder_op("subscribe-folder", lambda sync: sync.subscribe(name, subscribed),
                        self.tr("Subscriptions updated."))

    def create_folder_dialog(self, parent: str | None) -> None:
        leaf, ok = QInputDialog.getText(self, self.tr("New folder"), self.tr("Name of the new folder:"))
        if ok and leaf.strip():
            self._guarded(lambda: self.create_folder(self._child_name(parent, leaf.strip())))

    def rename_folder_dialog(self, name: str) -> None:
        delimiter = next((r[1] for r in self.store.folders() if r[0] == name), "") or ""
        leaf = name.rsplit(delimiter, 1)[-1] if delimiter else name
        new_leaf, ok = QInputDialog.getText(self, self.tr("Rename folder"), self.tr("New name:"), text=leaf)
        if ok and new_leaf.strip() and new_leaf.strip() != leaf:
            prefix = name[: len(name) - len(leaf)]
            self._guarded(lambda: self.rename_folder(name, prefix + new_leaf.strip()))

    def delete_folder_dialog(self, name: str) -> None:
        answer = QMessageBox.question(
            self, self.tr("Delete folder"),
            self.tr("Delete the folder “%1” and every message in it? This cannot be undone.").replace("%1", name))
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_folder(name)

    def subscriptions_dialog(self) -> QWidget:
        """Gérer les abonnements (ui/subscriptions.py), the notice's new folders marked in it."""
        return self.new_folders_notice.open_dialog()

    def _guarded(self, fn: Any) -> None:
        try:
            fn()
        except errors.AcmailError as exc:
            self._failed(exc)

    # --- list ------------------------------------------------------------------------------------------
    def selected_uids(self) -> list[int]:
        rows = self.message_view.selectionModel().selectedRows()
        return [int(i.data(Roles.Uid)) for i in rows if i.data(Roles.Uid) is not None]

    def _current_uid(self) -> int | None:
        index = self.message_view.currentIndex()
        if not index.isValid():
            return None
        uid = index.siblingAtColumn(0).data(Roles.Uid)
        return int(uid) if uid is not None else None

    def _refresh_list(self) -> None:
        """Reload the lazy model: rows added below the first page without a reset (sync batches);
        else a reset, after which the selection and the current message follow by UID (below)."""
        rows = [i.row() for i in self.message_view.selectionModel().selectedRows()]
        current = self.message_view.currentIndex()
        if current.isValid():
            rows.append(current.row())
        if rows and max(rows) >= self.message_model.stable_rows():
            self.message_model.refresh()
        else:
            self.message_model.update()

    def _before_reset(self) -> None:
        if self.message_model.folder != getattr(self, "_shown_folder", None):
            self._stash = ([], None, 0)  # another folder: its UIDs name other messages
        else:
            self._stash = (self.selected_uids()[:RESELECT_LIMIT], self._current_uid(),
                           self.message_view.verticalScrollBar().value())
        self.message_view.selectionModel().blockSignals(True)

    def _after_reset(self) -> None:
        selected, current, scroll = getattr(self, "_stash", ([], None, 0))
        self._stash = ([], None, 0)
        self._shown_folder = self.message_model.folder
        try:
            self._reselect(selected, current)
        finally:
            self.message_view.selectionModel().blockSignals(False)
        self.message_view.verticalScrollBar().setValue(scroll)
        if current is not None and self._current_uid() != current:
            self._selection_changed()  # the shown message is gone (moved, deleted, filtered out)

    def _reselect(self, uids: list[int], current: int | None) -> None:
        model, selection = self.message_model, self.message_view.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for uid in uids:
            row = model.row_of(uid)
            if row is not None:
                selection.select(model.index(row, 0), flags)
        if current is not None:
            row = model.row_of(current)
            if row is not None:
                selection.setCurrentIndex(model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)

    def _sorted(self, column: int, order: Qt.SortOrder) -> None:
        # The model was re-sorted and the selection put back: show it where it went.
        if self.message_view.currentIndex().isValid():
            self.message_view.scrollTo(self.message_view.currentIndex())

    def _apply_filter(self) -> None:
        self._filter_timer.stop()
        flt = MessageFilter(text=self.filter_edit.text(), unread_only=self.unread_toggle.isChecked(),
                            flagged_only=self.flagged_toggle.isChecked())
        if flt == self.message_model.filter and self.message_model.restrict_uids is None:
            return
        self.message_model.restrict_uids = None
        self.message_model.set_filter(flt)
        self.operation_done.emit("filter")

    def search_server(self) -> None:
        """Search the bodies on the server (UID SEARCH TEXT); the list then shows only the results."""
        text = self.filter_edit.text().strip()
        folder = self.current_folder
        if not text or folder is None:
            return
        self.statusBar().showMessage(self.tr("Searching the server…"))

        def work(sync: FolderSync) -> list[int]:
            if sync.session.selected != folder:
                sync.session.select(folder)
            return sync.session.search_text(text)

        def done(uids: list[int]) -> None:
            if folder != self.current_folder:
                return
            self.message_model.set_uid_restriction(uids)
            self.statusBar().showMessage(self.tr("%n message(s) found on the server", "", len(uids)), 8000)
            self.operation_done.emit("search")

        MailboxOp(self.mailbox, "search-server", work).success(done).failure(self._failed).run()

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
            if folder != self.current_folder or self._closing:
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

    def _mark_shown_read(self) -> None:
        if self.reader.uid is not None and self.reader.folder == self.current_folder:
            self._flag_op("mark_read", [self.reader.uid], lambda s, f, u: s.mark_seen(f, u, True))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.message_view and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.in_drafts():
                self.edit_draft()
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
            self.statusBar().showMessage(text, 30000)
            self._status_held_until = time.monotonic() + 30

    def open_search(self) -> SearchWindow:
        """The search window (Ctrl+Shift+F), one per main window, scoped from the folder in view."""
        window = getattr(self, "_search_window", None)
        if window is None:
            window = SearchWindow([(self.account.email, self.mailbox)], self.mailbox, self.current_folder, self,
                                  folder_label=self.folder_model.display_name)
            window.open_requested.connect(lambda _mailbox, folder, uid: self.show_search_result(folder, uid))
            self.operation_done.connect(lambda _kind: window.refresh_results())  # moves, deletes, undo
            self._search_window = window
        window.current_folder = self.current_folder
        window.show()
        window.raise_()
        window.activateWindow()
        window.text_edit.setFocus()
        window.text_edit.selectAll()
        return window

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

    def select_uid(self, uid: int) -> bool:
        """Make `uid` the one selected, current and visible message of the list (it is then shown)."""
        row = self.message_model.row_of(uid)
        if row is None:
            return False
        index = self.message_model.index(row, COLUMNS.index("subject"))
        self.message_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.message_view.scrollTo(index)
        return True

    def _uid_after(self, uids: list[int]) -> int | None:
        """The message to select once `uids` leave the list: the first one below them, else the
        last one above (what a person expects after Delete or Move)."""
        model, gone = self.message_model, set(uids)
        rows = sorted(r for r in (model.row_of(u) for u in uids[:RESELECT_LIMIT]) if r is not None)
        if not rows:
            return None
        for row in (*range(rows[-1] + 1, model.rowCount()), *range(rows[0] - 1, -1, -1)):
            uid = model.uid_at(row)
            if uid is not None and uid not in gone:
                return uid
        return None

    # --- message operations ----------------------------------------------------------------------------------
    def _flag_op(self, kind: str, uids: list[int], op: Any) -> None:
        folder = self.current_folder
        if not uids or folder is None:
            return

        MailboxOp(self.mailbox, kind, lambda sync: op(sync, folder, uids), changed=[folder]).success(
            lambda _r: self.operation_done.emit(kind)).failure(self._change_failed(folder)).run()

    def _offline_or_failed(self, error: BaseException) -> None:
        if is_offline_error(error):
            self.statusBar().showMessage(self.tr("Offline: this needs the connection to the server."), 8000)
        else:
            self._failed(error)

    def mark_read(self, seen: bool) -> None:
        self._flag_op("mark_read", self.selected_uids(), lambda s, f, u: s.mark_seen(f, u, seen))

    def toggle_flag(self) -> None:
        uids = self.selected_uids()
        if not uids:
            return
        info = self.store.message(self.current_folder or "", uids[0])
        flagged = not (info is not None and int(info["flags"]) & FLAGGED)
        self._flag_op("flag", uids, lambda s, f, u: s.set_flagged(f, u, flagged))

    def _move_op(self, kind: str, folder: str, uids: list[int], op: Any, dest_name: str | None,
                 dest: str | None = None) -> None:
        if not uids:
            return
        mailbox = self.mailbox
        next_uid = self._uid_after(uids) if folder == self.current_folder else None

        def job(sync: FolderSync) -> tuple[bool, bool, bool]:
            """What the server did, as core saw it: moved (an undo record appeared), whether that
            can be undone (the server said where the messages went), and whether anything can."""
            before = sync.undo_stack[-1] if sync.undo_stack else None
            op(sync, folder, uids)
            if dest:
                mailbox.fetch_status(sync, [dest])
            record = sync.undo_stack[-1] if sync.undo_stack else None
            moved = record is not None and record is not before
            return moved, moved and bool(record and record.mapping), any(r.mapping for r in sync.undo_stack)

        def done(outcome: tuple[bool, bool, bool]) -> None:
            moved, undoable, anything_undoable = outcome
            self._store_changed(folder)
            if next_uid is not None and folder == self.current_folder and not self.selected_uids():
                self.select_uid(next_uid)
            self.undo_action.setEnabled(anything_undoable)
            n = len(uids)
            if not moved:  # erased for good: never said to be "moved", never offered to undo
                text = self.tr("%n message(s) deleted.", "", n)
            elif undoable:
                text = self.tr("%n message(s) moved to %1 — Ctrl+Z to undo.", "", n).replace(
                    "%1", dest_name or "")
            else:
                text = self.tr("%n message(s) moved to %1.", "", n).replace("%1", dest_name or "")
            self.statusBar().showMessage(text, 10000)
            # What was done (and whether Ctrl+Z undoes it) stays readable: the sync that follows
            # the move does not replace it with the message count.
            self._status_held_until = time.monotonic() + 8
            self.operation_done.emit(kind)

        MailboxOp(self.mailbox, kind, job).success(done).failure(self._change_failed(folder)).run()

    def _change_failed(self, folder: str) -> Any:
        """A refused or ignored change: core put the server's state in the cache, so the list is
        shown again from it (never the change that did not happen), then the error."""
        def failed(error: BaseException) -> None:
            if not self._closing:
                self._store_changed(folder)
            self._offline_or_failed(error)
        return failed

    def delete_selected(self) -> None:
        folder = self.current_folder
        if folder is None:
            return
        trash = self.folder_model.folder_by_use("\\Trash")
        uids = self.selected_uids()
        if not uids:
            return
        if not trash or trash == folder:
            question = (self.tr("Delete %n message(s) for good?", "", len(uids)) if trash else
                        self.tr("This account has no Trash folder. Erase %n message(s) for good? This cannot "
                                "be undone.", "", len(uids)))
            answer = QMessageBox.question(self, self.tr("Delete"), question)
            if answer != QMessageBox.StandardButton.Yes:
                return
        erase = not trash or trash == folder  # the user has just said yes to erasing for good
        dest = self.folder_model.display_name(trash) if trash and trash != folder else None
        self._move_op("delete", folder, uids, lambda s, f, u: s.delete(f, u, permanently=erase), dest, trash)

    def archive_selected(self) -> None:
        folder = self.current_folder
        archive = self.folder_model.folder_by_use("\\Archive")
        if folder is None or not archive or archive == folder:
            self.statusBar().showMessage(self.tr("This account has no Archive folder."), 6000)
            return
        self._move_op("archive", folder, self.selected_uids(), lambda s, f, u: s.archive(f, u),
                      self.folder_model.display_name(archive), archive)

    def move_messages(self, source: str, uids: list[int], dest: str) -> None:
        if source == dest or not uids:
            return
        self._move_op("move", source, uids, lambda s, f, u: s.move(f, u, dest), self.folder_model.display_name(dest),
                      dest)

    def choose_move_target(self) -> None:
        folder = self.current_folder
        uids = self.selected_uids()
        if folder is None or not uids:
            return
        names = [n for n in self.folder_model.names() if n != folder]
        labels = [self.folder_model.display_name(n) if self.folder_model.display_name(n) != n.rsplit("/", 1)[-1]
                  else n for n in names]
        label, ok = QInputDialog.getItem(self, self.tr("Move to"), self.tr("Destination folder:"), labels, 0, False)
        if ok and label in labels:
            self.move_messages(folder, uids, names[labels.index(label)])

    def undo(self) -> None:
        def done(record: Any) -> None:
            if record is None:
                self.statusBar().showMessage(self.tr("Nothing to undo."), 5000)
                self.undo_action.setEnabled(False)
                return
            self._store_changed(record.source)
            self._store_changed(record.dest)
            self.statusBar().showMessage(self.tr("Undone."), 5000)
            self.undo_action.setEnabled(bool(self.mailbox.sync and self.mailbox.sync.undo_stack))
            self.operation_done.emit("undo")

        mailbox = self.mailbox

        def job(sync: FolderSync) -> Any:
            record = sync.undo_last()
            if record is not None:
                mailbox.fetch_status(sync, [record.dest])
            return record

        MailboxOp(self.mailbox, "undo", job).success(done).failure(self._offline_or_failed).run()

    def get_mail(self) -> None:
        self.mailbox.check_new_mail()

    def open_message_file(self) -> None:
        """Fichier > Ouvrir un message…: a .eml in a read-only reader (same rendering and safety)."""
        from acmail_desktop.ui.message_window import open_message_dialog

        self.message_windows = open_message_dialog(self.context, None)

    def dragEnterEvent(self, event: Any) -> None:
        if self._dropped_messages(event):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: Any) -> None:
        paths = self._dropped_messages(event)
        if not paths:
            super().dropEvent(event)
            return
        from acmail_desktop.ui.message_window import open_message_files

        event.acceptProposedAction()
        self.message_windows = open_message_files(self.context, paths)

    @staticmethod
    def _dropped_messages(event: Any) -> list[Path]:
        from acmail_desktop.ui.message_window import is_message_file

        data = event.mimeData()
        if data is None or not data.hasUrls():
            return []
        return [Path(url.toLocalFile()) for url in data.urls()
                if url.isLocalFile() and is_message_file(url.toLocalFile())]

    def _plain_text_toggled(self, on: bool) -> None:
        """Formatted or plain text, remembered; the open message is shown again in the new view."""
        if not self.context.settings.is_locked("display.plain_text"):
            self.context.settings.set("display.plain_text", on)
        self.reader.rerender()

    def _conversations_toggled(self, on: bool) -> None:
        """Threads together, newest conversation first; column sorting is off meanwhile."""
        if not self.context.settings.is_locked("display.conversation_view"):
            self.context.settings.set("display.conversation_view", on)
        self.message_view.setSortingEnabled(not on)
        self.message_view.horizontalHeader().setSortIndicatorShown(not on)
        self.message_model.set_conversations(on)
        self.operation_done.emit("conversations")

    def _message_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        if self.in_drafts():
            menu.addAction(self.edit_draft_action)
            menu.addSeparator()
        for act in (self.reply_action, self.reply_all_action, self.forward_action, None, self.mark_read_action,
                    self.mark_unread_action, self.flag_action, None, self.move_action, self.archive_action,
                    self.delete_action):
            menu.addSeparator() if act is None else menu.addAction(act)
        menu.popup(self.message_view.viewport().mapToGlobal(pos))

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

    # --- compose -------------------------------------------------------------------------------------------
    def completion(self, prefix: str) -> list[str]:
        try:
            return seen_addresses(self.store, prefix)
        except errors.AcmailError:
            return []
        except Exception:
            return []

    def _compose_kwargs(self) -> dict[str, Any]:
        return {"outbox": self.outbox, "completion": self.completion, "imap_runner": self.mailbox.run}

    def _track(self, window: Any) -> Any:
        self.compose_windows.append(window)
        window.sent_copy_done.connect(lambda _id: self._after_sent())
        window.destroyed.connect(lambda *_: self.compose_windows.remove(window)
                                 if window in self.compose_windows else None)
        window.show()
        return window

    def _after_sent(self) -> None:
        if self.current_folder:
            self.mailbox.sync_folder(self.current_folder)
        sent = self.folder_model.folder_by_use("\\Sent")
        if sent and sent != self.current_folder:
            self.mailbox.sync_folder(sent)

    def compose_new(self) -> Any:
        from acmail_desktop.ui.compose import ComposeWindow

        return self._track(ComposeWindow.new(self.context, self.account, **self._compose_kwargs()))

    def _with_raw(self, then: Any) -> None:
        if self.reader.raw is not None and self.reader.uid in self.selected_uids():
            then(self.reader.raw)
            return
        uids = self.selected_uids()
        folder = self.current_folder
        if len(uids) != 1 or folder is None:
            return
        self.mailbox.load_message(folder, uids[0], lambda r: then(r[0]) if r else None, self._failed)

    def _compose_from_message(self, make_draft: Any) -> None:
        """Building a reply or forward renders the original (HTML included): that runs on the render
        worker; only the window is made on the GUI thread."""
        from acmail_desktop.ui.compose import ComposeWindow

        kwargs = self._compose_kwargs()
        context, account = self.context, self.account

        def open_window(draft: Any) -> None:
            self._track(ComposeWindow(context, account, draft, **kwargs))

        self._with_raw(lambda raw: self.mailbox.render_later(lambda: make_draft(raw), open_window, self._failed))

    def reply(self, reply_all: bool) -> None:
        from acmail_desktop.ui.compose import ComposeWindow

        folder, context, account = self.current_folder, self.context, self.account
        self._compose_from_message(lambda raw: ComposeWindow.reply_draft(context, account, raw, reply_all,
                                                                         folder=folder))

    def forward(self, as_attachment: bool) -> None:
        from acmail_desktop.ui.compose import ComposeWindow

        folder, context, account = self.current_folder, self.context, self.account
        self._compose_from_message(lambda raw: ComposeWindow.forward_draft(context, account, raw, as_attachment,
                                                                           folder=folder))

    def drafts_folder(self) -> str | None:
        return self.folder_model.folder_by_use("\\Drafts") or next(
            (n for n in self.folder_model.names() if n.rsplit("/", 1)[-1].rsplit(".", 1)[-1].lower()
             in ("drafts", "brouillons")), None)

    def in_drafts(self) -> bool:
        return self.current_folder is not None and self.current_folder == self.drafts_folder()

    def edit_draft(self) -> None:
        """A draft of the server's Drafts (written here or in another client) reopens in a compose window;
        saving replaces it there, sending removes it."""
        if not self.in_drafts() or len(self.selected_uids()) != 1:
            return
        from acmail_desktop.ui.compose import ComposeWindow

        self._compose_from_message(ComposeWindow.draft_from_server)

    def _start_outbox(self) -> None:
        from acmail_desktop.ui.outbox import OutboxRunner

        self.outbox_runner = OutboxRunner(self.outbox, self.account, imap_runner=self.mailbox.run, parent=self)
        self.outbox_runner.passcode_needed.connect(self._ask_passcode)
        self.outbox_runner.entry_changed.connect(lambda _id, state: self._after_sent()
                                                 if state == "sent_copy_done" else None)
        self.outbox_runner.start()
        QTimer.singleShot(0, self._offer_drafts)

    def _offer_drafts(self) -> None:
        if self._closing or not self.outbox.recoverable_drafts(self.account.identity.key):
            return
        box = QMessageBox(self)
        box.setObjectName("restoreDraftsBox")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Unfinished messages"))
        box.setText(self.tr("AcMail was closed while you were writing. Reopen the unfinished messages?"))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.finished.connect(lambda r: self.restore_drafts() if r == QMessageBox.StandardButton.Yes else None)
        self.restore_box = box
        box.open()

    def restore_drafts(self) -> list[Any]:
        from acmail_desktop.ui.compose import restore_drafts

        windows = restore_drafts(self.context, self.account, self.outbox, completion=self.completion,
                                 imap_runner=self.mailbox.run)
        return [self._track(w) for w in windows]

    def show_outbox(self) -> QDialog:
        from acmail_desktop.ui.outbox import OutboxView

        dialog = QDialog(self)
        dialog.setObjectName("outboxDialog")
        dialog.setWindowTitle(self.tr("Outbox"))
        layout = QVBoxLayout(dialog)
        view = OutboxView(self.outbox, self.account.identity.key, dialog,
                          editing=lambda: {w.draft_id for w in self.compose_windows if w.draft_id})
        view.draft_edit_requested.connect(lambda draft_id: (self.edit_local_draft(draft_id), dialog.close()))
        view.correct_requested.connect(lambda entry_id: (self.correct_refused(entry_id), dialog.close()))
        layout.addWidget(view)
        dialog.resize(640, 360)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def correct_refused(self, entry_id: str) -> Any:
        """A message the server refused (sent from the outbox) reopens with its refused addresses marked."""
        from acmail_desktop.ui.compose import ComposeWindow

        return self._track(ComposeWindow.correct(self.context, self.account, self.outbox.get(entry_id),
                                                 outbox=self.outbox, completion=self.completion,
                                                 imap_runner=self.mailbox.run))

    def edit_local_draft(self, draft_id: str) -> Any:
        """A draft kept on this computer only (written offline) reopens for editing."""
        from acmail_desktop.ui.compose import ComposeWindow

        return self._track(ComposeWindow.restore(self.context, self.account, draft_id, outbox=self.outbox,
                                                 completion=self.completion, imap_runner=self.mailbox.run))

    def _ask_passcode(self, error: BaseException | None = None) -> None:
        """The outbox needs a code to send: say why (the sending connection expired, or the session's
        code was spent by the sign-in), never "the connection was lost" when it was not."""
        reason = None
        if isinstance(error, errors.SmtpSessionExpired):
            reason = self.tr("The sending connection expired. A PassCode works only once: type your PIN and "
                             "a new code to send the messages waiting in the outbox.")
        elif isinstance(error, errors.PassCodeSpent):
            reason = self.tr("Messages are waiting in the outbox. Sending needs its own connection and the "
                             "PassCode of the sign-in was already used: type your PIN and a new code.")
        dialog = PassCodeDialog(self.account.identity.identifiant, self, reason=reason)
        self.passcode_dialog = dialog

        def accepted() -> None:
            try:
                credential = passcode_credential(self.account.identity.identifiant, dialog.pin.text(),
                                                 dialog.code.text())
            except errors.AcmailError as exc:
                self._failed(exc)
                return
            self.account.renew_credential(credential)
            if error is None:  # the mailbox's connection asked: it takes this code
                self.mailbox.reconnect()
            if self.outbox_runner is not None and self.outbox_runner.paused:
                # Asked for sending, the code goes to SMTP; after a mailbox reconnect the outbox asks again.
                self.outbox_runner.resume()

        dialog.accepted.connect(accepted)
        dialog.open()

    # --- tools, help -----------------------------------------------------------------------------------------
    def open_diagnostics(self) -> Any:
        from acmail_desktop.ui.diagnostics_wizard import open_diagnostics_wizard

        return open_diagnostics_wizard(self.context, self.account.provider.id, self.account.identity.identifiant,
                                       self)

    def enrol_totp(self) -> Any:
        from acmail_desktop.ui.totp import TotpEnrolDialog

        dialog = TotpEnrolDialog(self.context.credential_store, self.account.provider.id,
                                 self.account.identity.identifiant, self)
        dialog.open()
        return dialog

    def forget_credentials(self) -> None:
        self.context.credential_store.forget(self.account.provider.id, self.account.identity.identifiant)
        self.statusBar().showMessage(self.tr("Your saved credentials have been removed from this computer."), 8000)

    def open_help(self) -> Any:
        from acmail_desktop.ui.help_window import HelpWindow

        window = HelpWindow(self.account.provider, self.account.identity.identifiant, self.account.email)
        window.setParent(self, Qt.WindowType.Window)
        window.diagnostics_requested.connect(lambda *_: self.open_diagnostics())
        window.show()
        self.help_window = window
        return window

    def open_about(self) -> Any:
        from acmail_desktop.ui.about import AboutDialog

        imap, smtp = self.account.provider.imap, self.account.provider.smtp
        backend = getattr(self.context.credential_store, "backend_name", type(self.context.credential_store).__name__)
        dialog = AboutDialog(self.context.paths, provider_id=self.account.provider.id,
                             servers=f"IMAP {imap.hostname}:{imap.port}, SMTP {smtp.hostname}:{smtp.port}",
                             keyring_backend=backend, parent=self)
        dialog.open()
        return dialog

    # --- session end ------------------------------------------------------------------------------------------
    def _session(self) -> ImapSession:
        if self.mailbox.session is None:
            raise errors.SessionLost("offline")
        return self.mailbox.session

    @property
    def worker(self) -> Any:
        return self.mailbox.worker

    def _shutdown(self, *, logout: bool, on_done: Any = None) -> None:
        if self._closing:
            return
        self._closing = True
        self._read_timer.stop()
        self._filter_timer.stop()
        if self.outbox_runner is not None:
            self.outbox_runner.stop()
        if self.tray is not None:
            self.tray.hide()
        self.message_model.set_store(None)
        tasks, self.logout_tasks = self.logout_tasks, []
        self.mailbox.close(logout=logout, on_done=on_done, final_work=tasks)

    def logout(self) -> None:
        account = self.account

        def finished() -> None:
            account.forget_credential()
            self.outbox.close()
            self.logged_out.emit()
            self.close()

        self._shutdown(logout=True, on_done=finished)

    def _quit(self) -> None:
        self.close()
        app = QApplication.instance()
        if app is not None and not self.isVisible():
            app.quit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._shutdown(logout=True)
        log.ui.debug("main window closed")
        super().closeEvent(event)
