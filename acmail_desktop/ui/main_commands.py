"""The main window's commands: its actions, menus and toolbar, and the tool windows they open
(diagnostics, code generator, help, about, a message file).

`MainWindowCommands` is the base of `MainWindow` (ui/main_window.py), in the manner of a Designer
`setupUi` class: the actions are attributes of the window (the Controller and the tests reach
them there), and each one calls into the part of the window that does the work (`composer`,
`message_actions`, `session`, the reader).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, QSize, Qt, SignalInstance
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QMainWindow, QMenu, QStyle, QToolBar, QWidget

from acmail_desktop.ui.models.icons import folder_icon

if TYPE_CHECKING:
    from acmail_desktop.core.account import Account
    from acmail_desktop.core.context import AppContext
    from acmail_desktop.ui.compose_launcher import ComposeLauncher
    from acmail_desktop.ui.free_space import QuotaIndicator
    from acmail_desktop.ui.message_actions import MessageActions
    from acmail_desktop.ui.message_list import MessagePane
    from acmail_desktop.ui.reader import ReaderView
    from acmail_desktop.ui.session_control import SessionControl


class MainWindowCommands(QMainWindow):
    """Actions, menus, toolbar and tool windows of the main window."""

    # Made by MainWindow before the actions (ui/main_window.py).
    context: AppContext
    account: Account
    composer: ComposeLauncher
    message_actions: MessageActions
    session: SessionControl
    messages: MessagePane
    reader: ReaderView
    quota_indicator: QuotaIndicator
    filter_edit: QLineEdit
    message_windows: list[Any]
    help_window: Any
    settings_requested: SignalInstance
    operation_done: SignalInstance

    def open_search(self) -> Any:
        raise NotImplementedError

    def get_mail(self) -> None:
        raise NotImplementedError

    def logout(self) -> None:
        raise NotImplementedError

    def in_drafts(self) -> bool:
        raise NotImplementedError

    def _make_toolbar(self) -> None:
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
        compose, ops = self.composer, self.message_actions
        self.new_action = action(self.tr("&Write"), compose.compose_new, QKeySequence.StandardKey.New,
                                 sp.SP_FileIcon, "newAction")
        self.new_action.setToolTip(self.tr("New message"))
        self.reply_action = action(self.tr("&Reply"), lambda: compose.reply(False), "Ctrl+R", sp.SP_ArrowBack,
                                   "replyAction")
        self.reply_all_action = action(self.tr("Reply &all"), lambda: compose.reply(True), "Ctrl+Shift+R",
                                       sp.SP_FileDialogBack, "replyAllAction")
        self.forward_action = action(self.tr("&Forward"), lambda: compose.forward(False), "Ctrl+L",
                                     sp.SP_ArrowForward, "forwardAction")
        self.edit_draft_action = action(self.tr("&Edit draft"), compose.edit_draft, "Ctrl+E", None, "editDraftAction")
        self.edit_draft_action.setEnabled(False)
        self.forward_attached_action = action(self.tr("Forward as a&ttachment"), lambda: compose.forward(True),
                                              None, None, "forwardAttachedAction")
        self.mark_read_action = action(self.tr("Mark as &read"), lambda: ops.mark_read(True), "Ctrl+Shift+I",
                                       None, "markReadAction")
        self.mark_unread_action = action(self.tr("Mark as &unread"), lambda: ops.mark_read(False), "Ctrl+U",
                                         None, "markUnreadAction")
        self.flag_action = action(self.tr("&Flag"), ops.toggle_flag, "Ctrl+Shift+S", folder_icon(None), "flagAction")
        self.delete_action = action(self.tr("&Delete"), ops.delete_selected, QKeySequence.StandardKey.Delete,
                                    sp.SP_TrashIcon, "deleteAction")
        self.move_action = action(self.tr("&Move to…"), ops.choose_move_target, "Ctrl+Shift+M", None,
                                  "moveAction")
        self.archive_action = action(self.tr("&Archive"), ops.archive_selected, "A",
                                     folder_icon("\\Archive"), "archiveAction")
        self.undo_action = action(self.tr("&Undo"), ops.undo, QKeySequence.StandardKey.Undo, None, "undoAction")
        self.undo_action.setEnabled(False)
        self.refresh_action = action(self.tr("&Get mail"), self.get_mail, QKeySequence.StandardKey.Refresh,
                                     sp.SP_BrowserReload, "refreshAction")
        self.outbox_action = action(self.tr("&Outbox"), compose.show_outbox, None, None, "outboxAction")
        self.quit_action = action(self.tr("&Quit"), self.session.quit, QKeySequence.StandardKey.Quit, None,
                                  "quitAction")
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
        file_menu = self.file_menu = bar.addMenu(self.tr("&File"))
        for act in (self.new_action, self.outbox_action, None, self.open_file_action, self.print_action,
                    self.export_pdf_action, None, self.logout_action, self.quit_action):
            file_menu.addSeparator() if act is None else file_menu.addAction(act)
        message = bar.addMenu(self.tr("&Message"))
        for act in (self.edit_draft_action, None, self.reply_action, self.reply_all_action, self.forward_action,
                    self.forward_attached_action, None, self.mark_read_action, self.mark_unread_action,
                    self.flag_action, None, self.delete_action, self.move_action, self.archive_action, None,
                    self.undo_action):
            message.addSeparator() if act is None else message.addAction(act)
        view = self.view_menu = bar.addMenu(self.tr("&View"))
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
        self.messages.set_conversations(on)
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
        menu.popup(self.messages.view.viewport().mapToGlobal(pos))

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
        from acmail_desktop.core.smtp_choice import provider_for_account
        from acmail_desktop.ui.help_window import HelpWindow

        provider = provider_for_account(self.context.settings, self.account.provider,
                                        self.account.identity.identifiant)  # the SMTP really used
        window = HelpWindow(provider, self.account.identity.identifiant, self.account.email)
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


