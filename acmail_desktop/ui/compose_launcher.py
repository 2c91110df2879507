"""Writing from the main window: new messages, replies, forwards, drafts, and the account's outbox.

`ComposeLauncher` opens compose windows (`ui/compose.py`) for one account and keeps track of them,
starts the account's `OutboxRunner` (`ui/outbox.py`), offers the drafts left by a crash, and syncs
the folders a sent message changed. Building a reply renders the original message: that runs on
the account's render worker, only the window is made on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDialog, QMessageBox, QVBoxLayout

from acmail_desktop.core import errors
from acmail_desktop.core.addresses import describe_sender
from acmail_desktop.core.outbox import Outbox
from acmail_desktop.core.store import Store

if TYPE_CHECKING:
    from acmail_desktop.core.account import Account
    from acmail_desktop.ui.main_window import MainWindow
    from acmail_desktop.ui.outbox import OutboxRunner


def seen_addresses(store: Store, prefix: str, limit: int = 20) -> list[str]:
    """Completion for the compose window: addresses already seen in this account's cache (read-only)."""
    text = prefix.strip()
    if len(text) < 2:
        return []
    shown = [(describe_sender(name, addr).reply_name, addr) for name, addr in store.frequent_senders(text, limit)
             if addr]
    return [f"{name} <{addr}>" if name else addr for name, addr in shown]  # deceptive names dropped


class ComposeLauncher(QObject):
    """The compose windows and the outbox of one main window's account."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.context = window.context
        self.account = window.account
        self.mailbox = window.mailbox
        self.outbox = Outbox(window.context.paths.data_dir)
        self.outbox_runner: OutboxRunner | None = None
        self.compose_windows: list[Any] = []
        # raw original -> (account, its IMAP runner) to reply from; set when several accounts are signed in
        self.reply_account: Callable[[bytes], tuple[Account, Callable[..., Any]]] | None = None
        # (title, account, IMAP runner) of every signed-in account, for the compose window's From list
        self.account_choices: Callable[[], list[tuple[str, Account, Callable[..., Any]]]] | None = None
        self.restore_box: QMessageBox | None = None

    def completion(self, prefix: str) -> list[str]:
        try:
            return seen_addresses(self.window.store, prefix)
        except errors.AcmailError:
            return []
        except Exception:
            return []

    def _kwargs(self) -> dict[str, Any]:
        return {"outbox": self.outbox, "completion": self.completion, "imap_runner": self.mailbox.run,
                "runner": self.outbox_runner}

    def _track(self, window: Any) -> Any:
        if self.account_choices is not None:  # several accounts: From is a list of them
            window.offer_accounts(self.account_choices())
        self.compose_windows.append(window)
        if window.runner is not self.outbox_runner:  # the shared runner's entry_changed syncs already
            window.sent_copy_done.connect(lambda _id: self._after_sent())
        window.destroyed.connect(lambda *_: self.compose_windows.remove(window)
                                 if window in self.compose_windows else None)
        window.show()
        return window

    def _after_sent(self) -> None:
        current = self.window.current_folder
        if current:
            self.mailbox.sync_folder(current)
        sent = self.window.folder_model.folder_by_use("\\Sent")
        if sent and sent != current:
            self.mailbox.sync_folder(sent)

    # --- new, reply, forward, drafts -----------------------------------------------------------------
    def compose_new(self) -> Any:
        from acmail_desktop.ui.compose import ComposeWindow

        return self._track(ComposeWindow.new(self.context, self.account, **self._kwargs()))

    def _with_raw(self, then: Callable[[bytes], None]) -> None:
        window = self.window
        reader = window.reader
        if reader.raw is not None and reader.uid in window.selected_uids():
            then(reader.raw)
            return
        uids = window.selected_uids()
        folder = window.current_folder
        if len(uids) != 1 or folder is None:
            return
        self.mailbox.load_message(folder, uids[0], lambda r: then(r[0]) if r else None, window.show_error)

    def _compose_from_message(self, make_draft: Callable[[bytes], Any]) -> None:
        """Building a reply or forward renders the original (HTML included): that runs on the render
        worker; only the window is made on the GUI thread."""
        from acmail_desktop.ui.compose import ComposeWindow

        kwargs = self._kwargs()
        context, account = self.context, self.account

        def open_window(draft: Any) -> None:
            self._track(ComposeWindow(context, account, draft, **kwargs))

        self._with_raw(lambda raw: self.mailbox.render_later(lambda: make_draft(raw), open_window,
                                                             self.window.show_error))

    def reply(self, reply_all: bool) -> None:
        """A reply goes from the account that received the original (`reply_account`, several
        accounts signed in), else from the window's account."""
        from acmail_desktop.ui.compose import ComposeWindow

        folder, context = self.window.current_folder, self.context

        def from_raw(raw: bytes) -> None:
            account, runner = self.account, self.mailbox.run
            if self.reply_account is not None:
                account, runner = self.reply_account(raw)
            kwargs = {**self._kwargs(), "imap_runner": runner}
            self.mailbox.render_later(
                lambda: ComposeWindow.reply_draft(context, account, raw, reply_all, folder=folder),
                lambda draft: self._track(ComposeWindow(context, account, draft, **kwargs)), self.window.show_error)

        self._with_raw(from_raw)

    def forward(self, as_attachment: bool) -> None:
        from acmail_desktop.ui.compose import ComposeWindow

        folder, context, account = self.window.current_folder, self.context, self.account
        self._compose_from_message(lambda raw: ComposeWindow.forward_draft(context, account, raw, as_attachment,
                                                                           folder=folder))

    def edit_draft(self) -> None:
        """A draft of the server's Drafts (written here or in another client) reopens in a compose window;
        saving replaces it there, sending removes it."""
        if not self.window.in_drafts() or len(self.window.selected_uids()) != 1:
            return
        from acmail_desktop.ui.compose import ComposeWindow

        self._compose_from_message(ComposeWindow.draft_from_server)

    # --- the outbox ----------------------------------------------------------------------------------
    def start_outbox(self) -> None:
        from acmail_desktop.ui.outbox import OutboxRunner

        runner = OutboxRunner(self.outbox, self.account, imap_runner=self.mailbox.run, parent=self.window)
        self.outbox_runner = runner
        runner.passcode_needed.connect(self.window.session.ask_passcode)
        runner.entry_changed.connect(lambda _id, state: self._after_sent() if state == "sent_copy_done" else None)
        runner.start()
        QTimer.singleShot(0, self._offer_drafts)

    def stop_outbox(self) -> None:
        if self.outbox_runner is not None:
            self.outbox_runner.stop()

    def _offer_drafts(self) -> None:
        if self.window.closing or not self.outbox.recoverable_drafts(self.account.identity.key):
            return
        box = QMessageBox(self.window)
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

        kwargs = self._kwargs()
        windows = restore_drafts(self.context, self.account, kwargs.pop("outbox"), **kwargs)
        return [self._track(w) for w in windows]

    def show_outbox(self) -> QDialog:
        from acmail_desktop.ui.outbox import OutboxView

        dialog = QDialog(self.window)
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
                                                 **self._kwargs()))

    def edit_local_draft(self, draft_id: str) -> Any:
        """A draft kept on this computer only (written offline) reopens for editing."""
        from acmail_desktop.ui.compose import ComposeWindow

        return self._track(ComposeWindow.restore(self.context, self.account, draft_id, **self._kwargs()))
