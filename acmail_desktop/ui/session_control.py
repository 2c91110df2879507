"""The main window's session: a fresh PassCode when the spent one is needed again, and its end
(logout, quit, window closed).

Ending is ordered: timers stopped, the outbox stopped, the list detached from the cache, then the
account's `Mailbox` runs the logout tasks (drafts saved to the server...) on the connection just
before LOGOUT and closes it. The questions asked before (unsent messages, shared machine) belong
to the Controller (`ui/app.py`), which calls `logout()` once answered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from acmail_desktop.core import errors
from acmail_desktop.core.otp import passcode_credential

if TYPE_CHECKING:
    from acmail_desktop.ui.main_window import MainWindow


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


class SessionControl(QObject):
    """Renewing the PassCode of one main window's account, and ending its session."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.account = window.account
        self.closing = False
        self.passcode_dialog: PassCodeDialog | None = None
        self.logout_tasks: list[Any] = []  # work(session) run on the connection just before LOGOUT

    def ask_passcode(self, error: BaseException | None = None) -> None:
        """The outbox needs a code to send: say why (the sending connection expired, or the session's
        code was spent by the sign-in), never "the connection was lost" when it was not."""
        reason = None
        if isinstance(error, errors.SmtpSessionExpired):
            reason = self.tr("The sending connection expired. A PassCode works only once: type your PIN and "
                             "a new code to send the messages waiting in the outbox.")
        elif isinstance(error, errors.PassCodeSpent):
            reason = self.tr("Messages are waiting in the outbox. Sending needs its own connection and the "
                             "PassCode of the sign-in was already used: type your PIN and a new code.")
        window, account = self.window, self.account
        dialog = PassCodeDialog(account.identity.identifiant, window, reason=reason)
        self.passcode_dialog = dialog

        def accepted() -> None:
            try:
                credential = passcode_credential(account.identity.identifiant, dialog.pin.text(),
                                                 dialog.code.text())
            except errors.AcmailError as exc:
                window.show_error(exc)
                return
            account.renew_credential(credential)
            if error is None:  # the mailbox's connection asked: it takes this code
                window.mailbox.reconnect()
            runner = window.composer.outbox_runner
            if runner is not None and runner.paused:
                # Asked for sending, the code goes to SMTP; after a mailbox reconnect the outbox asks again.
                runner.resume()

        dialog.accepted.connect(accepted)
        dialog.open()

    def shutdown(self, *, logout: bool, on_done: Callable[[], None] | None = None) -> None:
        if self.closing:
            return
        self.closing = True
        window = self.window
        window.stop_timers()
        window.composer.stop_outbox()
        if window.tray is not None:
            window.tray.hide()
        window.message_model.set_store(None)
        tasks, self.logout_tasks = self.logout_tasks, []
        window.mailbox.close(logout=logout, on_done=on_done, final_work=tasks)

    def logout(self) -> None:
        window, account = self.window, self.account

        def finished() -> None:
            account.forget_credential()
            window.composer.outbox.close()
            window.logged_out.emit()
            window.close()

        self.shutdown(logout=True, on_done=finished)

    def quit(self) -> None:
        self.window.close()
        app = QApplication.instance()
        if app is not None and not self.window.isVisible():
            app.quit()
