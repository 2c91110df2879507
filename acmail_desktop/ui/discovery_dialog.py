"""Another mail address: find its servers (autoconfig, SRV, guessing) and show how they were found.

Used from the login window's académie list ("Autre adresse…"). Found settings become a user profile
file, so the account is there at the next start, unconfirmed values still marked as such.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from acmail_desktop.core import log
from acmail_desktop.core.context import AppContext
from acmail_desktop.core.discovery import DiscoveryResult, discover
from acmail_desktop.core.providers import Provider, to_profile_xml
from acmail_desktop.ui.catalogue import describe_error
from acmail_desktop.ui.tasks import BackgroundWorker

Discover = Callable[[str], DiscoveryResult]


class DiscoveryDialog(QDialog):
    provider_added = Signal(str)  # provider id

    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 discover_fn: Discover | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._discover = discover_fn or (lambda email: discover(email, ssl_context=context.ssl_context()))
        self._worker = BackgroundWorker("discovery", self)
        self.found: Provider | None = None
        self.setWindowTitle(self.tr("Another mail address"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("AcMail looks for the mail servers of this address: first the settings "
                               "published by its domain, then DNS records, then the usual server names. "
                               "No outside service is asked."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.email = QLineEdit()
        self.email.setAccessibleName(self.tr("E-mail address"))
        self.email.setPlaceholderText("prenom.nom@exemple.fr")
        self.search_button = QPushButton(self.tr("&Search"))
        self.search_button.clicked.connect(self.search)
        self.email.returnPressed.connect(self.search)
        row.addWidget(self.email, 1)
        row.addWidget(self.search_button)
        layout.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumHeight(6)
        self.progress.setTextVisible(False)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.steps = QTreeWidget()
        self.steps.setHeaderLabels([self.tr("Method"), self.tr("Tried"), self.tr("Result")])
        self.steps.setRootIsDecorated(False)
        self.steps.setAccessibleName(self.tr("How the settings were looked for"))
        layout.addWidget(self.steps, 1)
        self.summary = QLabel()
        self.summary.setObjectName("discoverySummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.use_button = self.buttons.addButton(self.tr("&Use these settings"),
                                                 QDialogButtonBox.ButtonRole.AcceptRole)
        self.use_button.setEnabled(False)
        self.buttons.accepted.connect(self.use)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(620, 420)

    def _method_name(self, method: str) -> str:
        return {"autoconfig": self.tr("domain's settings file"), "srv": self.tr("DNS records (SRV)"),
                "guess": self.tr("usual server names")}.get(method, method)

    def _outcome_name(self, outcome: str) -> str:
        return {"found": self.tr("found"), "not_found": self.tr("not found"), "refused": self.tr("refused"),
                "timeout": self.tr("no answer"), "failed": self.tr("failed"),
                "skipped": self.tr("not needed")}.get(outcome, outcome)

    def search(self) -> None:
        email = self.email.text().strip()
        if "@" not in email:
            self.summary.setText(self.tr("Type a full e-mail address."))
            return
        self.steps.clear()
        self.found = None
        self.use_button.setEnabled(False)
        self.search_button.setEnabled(False)
        self.progress.show()
        self.summary.setText(self.tr("Looking for the servers of %1…").replace("%1", email))
        self._worker.submit(lambda: self._discover(email), self._done, self._failed)

    def _done(self, result: DiscoveryResult) -> None:
        self.progress.hide()
        self.search_button.setEnabled(True)
        for step in result.steps:
            item = QTreeWidgetItem([self._method_name(step.method), step.target, self._outcome_name(step.outcome)])
            item.setToolTip(2, step.detail)
            self.steps.addTopLevelItem(item)
        for column in range(3):
            self.steps.resizeColumnToContents(column)
        self.found = result.provider
        if self.found is None:
            self.summary.setText(self.tr("No settings were found for this address. Ask its provider for the "
                                         "IMAP and SMTP server names."))
            return
        imap, smtp = self.found.imap, self.found.smtp
        text = self.tr("Found with the %1: receiving %2:%3, sending %4:%5.").replace(
            "%1", self._method_name(result.method)).replace("%2", imap.hostname).replace(
            "%3", str(imap.port)).replace("%4", smtp.hostname).replace("%5", str(smtp.port))
        if self.found.unverified:
            text += " " + self.tr("These servers were guessed: check them with your provider if in doubt.")
        self.summary.setText(text)
        self.use_button.setEnabled(True)

    def _failed(self, error: BaseException) -> None:
        self.progress.hide()
        self.search_button.setEnabled(True)
        message = describe_error(error)
        self.summary.setText(f"{message.title} — {message.text}")

    def use(self) -> None:
        """Keep the settings as a user profile file and add them to the académie list."""
        if self.found is None:
            return
        folder = self.context.paths.user_providers_dir
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.found.id}.xml"
        path.write_text(to_profile_xml(self.found), encoding="utf-8")
        self.context.providers.providers[self.found.id] = self.found
        log.misc.info("discovered settings for %s kept in %s", self.found.domains, path)
        self.provider_added.emit(self.found.id)
        self.accept()

    def done(self, result: int) -> None:
        self._worker.shutdown()
        super().done(result)
