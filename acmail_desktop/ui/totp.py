"""TOTP for académie profiles of kind `totp`: enrol the secret once, then AcMail makes the codes.

The secret goes to the OS keyring only (never a file); on a shared machine or without a keyring,
enrolment is refused and the user types the code from the token as for a PassCode.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from acmail_desktop.core import errors
from acmail_desktop.core.otp import TotpGenerator
from acmail_desktop.core.secrets import CredentialStore
from acmail_desktop.ui.tasks import BackgroundWorker


def generator_from_text(text: str) -> TotpGenerator:
    """Accept what a user can copy: an otpauth:// URI or the base32 secret itself."""
    text = text.strip()
    if text.lower().startswith("otpauth://"):
        return TotpGenerator.from_uri(text)
    return TotpGenerator(text)


class TotpCodeWidget(QWidget):
    """The current code and the seconds it stays valid, refreshed every second."""

    code_changed = Signal(str)

    def __init__(self, generator: TotpGenerator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.generator = generator
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.code_label = QLabel()
        self.code_label.setObjectName("totpCode")
        self.code_label.setStyleSheet("font-family: monospace; font-size: 14pt; font-weight: 600;")
        self.code_label.setAccessibleName(self.tr("Current one-time code"))
        self.remaining = QProgressBar()
        self.remaining.setRange(0, generator.interval)
        self.remaining.setTextVisible(True)
        self.remaining.setFormat(self.tr("%v s"))
        self.remaining.setMaximumWidth(120)
        layout.addWidget(self.code_label)
        layout.addWidget(self.remaining)
        layout.addStretch(1)
        self._last = ""
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(1000)
        self.refresh()

    def refresh(self) -> None:
        code = self.generator.code()
        self.code_label.setText(f"{code[:3]} {code[3:]}")
        self.remaining.setValue(self.generator.seconds_left())
        if code != self._last:
            self._last = code
            self.code_changed.emit(code)

    @property
    def code(self) -> str:
        return self._last


class TotpEnrolDialog(QDialog):
    """Paste the otpauth URI (or the base32 secret) given when the token was activated."""

    enrolled = Signal()

    def __init__(self, store: CredentialStore, provider_id: str, identifiant: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.provider_id, self.identifiant = store, provider_id, identifiant
        self.setWindowTitle(self.tr("Set up the code generator"))
        self._worker = BackgroundWorker("keyring", self)
        self._generator: TotpGenerator | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Paste the activation link (otpauth://…) or the secret key given when your "
                               "token was set up. It is kept in the system keyring, never in a file, and "
                               "AcMail then shows the one-time code itself."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName(self.tr("Secret key or activation link"))
        self.secret.textChanged.connect(self._validate)
        layout.addWidget(self.secret)
        self.preview = QLabel()
        self.preview.setObjectName("totpPreview")
        self.preview.setWordWrap(True)
        layout.addWidget(self.preview)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if not store.available:
            self.secret.setEnabled(False)
            self.preview.setText(self.tr("No secure keyring is available on this computer: the secret "
                                         "cannot be kept. Type the code shown by your token instead."))
        self._validate()

    def _validate(self) -> None:
        self._generator = None
        text = self.secret.text()
        if text and self.store.available:
            try:
                self._generator = generator_from_text(text)
            except errors.InputError:
                self.preview.setText(self.tr("This is neither an otpauth:// link nor a valid secret key."))
            else:
                self.preview.setText(self.tr("Code generated now: %1 — check that your token shows the "
                                             "same one.").replace("%1", self._generator.code()))
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(self._generator is not None)

    def _save(self) -> None:
        text = self.secret.text().strip()
        if self._generator is None:
            return
        if text.lower().startswith("otpauth://"):
            from urllib.parse import parse_qs, urlparse

            text = parse_qs(urlparse(text).query)["secret"][0]
        secret = text.replace(" ", "").upper()
        store, provider_id, identifiant = self.store, self.provider_id, self.identifiant
        self.buttons.setEnabled(False)
        self._worker.submit(lambda: store.set_totp_secret(provider_id, identifiant, secret),
                            lambda _r: self._saved(), self._failed)

    def _saved(self) -> None:
        self.secret.clear()
        self.enrolled.emit()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.preview.setText(self.tr("The keyring refused to store the secret (%1).")
                             .replace("%1", getattr(error, "code", type(error).__name__)))

    def done(self, result: int) -> None:
        self._worker.shutdown()
        super().done(result)
