"""*Fichier › Ajouter un compte*: the login window's own form in a dialog (issue 21).

Why the same form and not a copy: académie or national messagerie, identifiant or address,
password / PassCode / application password, the identifiant hints, the lockout warning after two
failures, "remember me" per account in the keyring: all of it is `LoginWindow`'s, and an account
added here must be signed in exactly as the first one was. The form runs in its `adding` mode (it
starts empty and leaves the login screen's remembered choice alone) and asks the administrator's
policy before any connection (`check_before_sign_in`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from acmail_desktop.core.accounts import AccountRecord
from acmail_desktop.core.context import AppContext
from acmail_desktop.ui.login import LoginResult, LoginWindow


class AddAccountDialog(QDialog):
    """Sign in to one more account; `account_signed_in(LoginResult)` once the server said yes."""

    account_signed_in = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 check: Callable[[str, str], None] | None = None,
                 suggestions: Sequence[AccountRecord] = ()) -> None:
        super().__init__(parent)
        self.setObjectName("addAccountDialog")
        self.setWindowTitle(self.tr("Add an account"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Sign in to another mailbox (your school's functional mailbox, another "
                               "académie's address…). It appears beside your own in the folder pane."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.suggestions = list(suggestions)
        self.suggestion_combo: QComboBox | None = None
        if self.suggestions:
            combo = QComboBox(self)
            combo.setObjectName("suggestedAccounts")
            combo.addItem(self.tr("Another account"), None)
            for record in self.suggestions:
                combo.addItem(record.label or record.identifiant, record.key)
            combo.currentIndexChanged.connect(self._suggestion_chosen)
            row = QFormLayout()
            caption = QLabel(self.tr("Proposed by &the administrator:"), self)
            caption.setBuddy(combo)
            row.addRow(caption, combo)
            layout.addLayout(row)
            self.suggestion_combo = combo
        self.form = LoginWindow(context, self, adding=True)
        self.form.check_before_sign_in = check
        title = self.form.findChild(QLabel, "loginTitle")
        if title is not None:  # the dialog has its own title; the form keeps everything else
            title.hide()
        self.form.login_succeeded.connect(self._signed_in)
        layout.addWidget(self.form, 1)

    def choose(self, record: AccountRecord) -> None:
        """Start from an account named in advance (a predefined one)."""
        if self.suggestion_combo is not None:
            index = self.suggestion_combo.findData(record.key)
            if index >= 0:
                self.suggestion_combo.setCurrentIndex(index)
                return
        self.form.prefill(record.provider_id, record.identifiant, record.auth_mode)

    def _suggestion_chosen(self, index: int) -> None:
        key = self.suggestion_combo.itemData(index) if self.suggestion_combo is not None else None
        record = next((r for r in self.suggestions if r.key == key), None)
        if record is None:
            self.form.identifiant.clear()
            self.form.password.clear()
            self.form.focus_first_field()
            return
        self.form.prefill(record.provider_id, record.identifiant, record.auth_mode)

    def _signed_in(self, result: LoginResult) -> None:
        self.account_signed_in.emit(result)
        self.accept()

    def reject(self) -> None:
        if self.form.busy:
            self.form.cancel()  # an attempt under way is abandoned before it spends anything more
        super().reject()
