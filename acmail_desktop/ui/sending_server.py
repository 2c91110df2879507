"""The account settings' "Sending server" box, for an account whose profile only guesses its SMTP
server (<acmail:smtpDiscovery/>, the national messagerie): the server kept for the account, shown as
unverified with how it was found, changeable by hand; the profile's own guess offered as a candidate,
labelled as a guess. Stored by core/smtp_choice.py (setting sending.smtp_by_account)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from acmail_desktop.core import log
from acmail_desktop.core.account import Account
from acmail_desktop.core.context import AppContext
from acmail_desktop.core.errors import AcmailError
from acmail_desktop.core.providers import ServerSettings
from acmail_desktop.core.smtp_choice import remember_smtp, stored_method, stored_smtp


class SendingServerBox(QGroupBox):
    def __init__(self, context: AppContext, account: Account, parent: QWidget | None = None, *,
                 keep: Callable[[Account, ServerSettings, str], None] | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.account = account
        self._keep = keep
        key = account.identity.key
        self.setObjectName(f"sendingServer:{key}")
        self.setTitle(self.tr("Sending server (SMTP) for %1").replace("%1", account.email))
        form = QFormLayout(self)
        self.status = QLabel()
        self.status.setObjectName("sendingServerStatus")
        self.status.setWordWrap(True)
        form.addRow(self.status)
        self.host = QLineEdit()
        self.host.setObjectName("sendingServerHost")
        self.host.setAccessibleName(self.tr("Sending server name"))
        self.port = QSpinBox()
        self.port.setObjectName("sendingServerPort")
        self.port.setRange(1, 65535)
        self.port.setAccessibleName(self.tr("Sending server port"))
        self.security = QComboBox()
        self.security.setObjectName("sendingServerSecurity")
        self.security.setAccessibleName(self.tr("Sending server security"))
        self.security.addItem(self.tr("SSL/TLS"), "implicit")
        self.security.addItem(self.tr("STARTTLS"), "starttls")
        host_label = QLabel(self.tr("Ser&ver:"))
        host_label.setBuddy(self.host)
        form.addRow(host_label, self.host)
        port_label = QLabel(self.tr("P&ort:"))
        port_label.setBuddy(self.port)
        form.addRow(port_label, self.port)
        form.addRow(self.tr("Security:"), self.security)
        guess = account.provider.smtp
        self.guess_button = QPushButton(self.tr("Use the profile's guess: %1:%2 (a guess, confirmed nowhere)")
                                        .replace("%1", guess.hostname).replace("%2", str(guess.port)))
        self.guess_button.setObjectName("sendingServerGuess")
        self.guess_button.clicked.connect(lambda: self._fill(guess))
        form.addRow(self.guess_button)
        self.load()

    def _fill(self, server: ServerSettings) -> None:
        self.host.setText(server.hostname)
        self.port.setValue(server.port)
        self.security.setCurrentIndex(self.security.findData(server.security))

    def load(self) -> None:
        settings, key = self.context.settings, self.account.identity.key
        kept = stored_smtp(settings, key, self.account.provider)
        if kept is None:
            self.status.setText(self.tr("No sending server found yet: messages wait in the outbox. Type the "
                                        "server your académie gives, or try the profile's guess."))
            self.host.clear()
            self.port.setValue(465)
            self._loaded: tuple[str, int, str] | None = None
            return
        how = {"autoconfig": self.tr("found in the domain's settings file"),
               "srv": self.tr("found in DNS records (SRV)"), "guess": self.tr("found by trying the usual names"),
               "typed": self.tr("typed here")}.get(stored_method(settings, key) or "", "")
        self.status.setText(self.tr("%1:%2, %3 — not verified: no official source confirms it.")
                            .replace("%1", kept.hostname).replace("%2", str(kept.port)).replace("%3", how))
        self._fill(kept)
        self._loaded = self.value()

    def value(self) -> tuple[str, int, str]:
        return self.host.text().strip().lower(), self.port.value(), str(self.security.currentData())

    def apply(self) -> bool:
        """Keep what the user typed (if changed and not empty) for the account; True if kept."""
        host, port, security = self.value()
        if not host or (host, port, security) == self._loaded:
            return False
        provider = self.account.provider
        server = ServerSettings(host, port, "implicit" if security == "implicit" else "starttls",
                                provider.smtp.username_template, provider.smtp.authentication, verified=False)
        if self._keep is not None:
            self._keep(self.account, server, "typed")
        else:
            try:
                remember_smtp(self.context.settings, self.account.identity.key, server, "typed")
            except AcmailError as exc:
                log.ui.warning("sending server not kept: %s", exc.code)
                return False
            self.account.set_smtp(stored_smtp(self.context.settings, self.account.identity.key, provider))
        self.load()
        return True
