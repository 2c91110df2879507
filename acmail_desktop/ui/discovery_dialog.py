"""Another mail address: find its servers (autoconfig, SRV, guessing) and show how they were found.

Used from the login window's académie list ("Autre adresse…"). Found settings become a user profile
file, so the account is there at the next start, unconfirmed values still marked as such.

With `keep_imap` (a profile that only guesses its SMTP server, <acmail:smtpDiscovery/>: the national
messagerie) only the sending server is looked for, for the signed-in address; `smtp_chosen` hands it
to the caller, which keeps it for the account (core/smtp_choice.py).

The usual server names are probed only once the user agrees (the "Try the usual server names"
button, which lists them): the first search asks the domain's settings file and DNS only.
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

from acmail_desktop.core import errors, log
from acmail_desktop.core.context import AppContext
from acmail_desktop.core.discovery import DiscoveryResult, discover
from acmail_desktop.core.providers import Provider, ServerSettings, to_profile_xml
from acmail_desktop.ui.catalogue import describe_error
from acmail_desktop.ui.tasks import BackgroundWorker

# discover(email, guess=..., keep_imap=..., methods=...) -> DiscoveryResult (core.discovery.discover)
Discover = Callable[..., DiscoveryResult]


class DiscoveryDialog(QDialog):
    provider_added = Signal(str)  # provider id
    smtp_chosen = Signal(object, str)  # ServerSettings, how it was found ("autoconfig", "srv", "guess")

    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 discover_fn: Discover | None = None, email: str = "",
                 keep_imap: ServerSettings | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.keep_imap = keep_imap
        self._discover: Discover = discover_fn or (
            lambda address, **kw: discover(address, ssl_context=context.ssl_context(), **kw))
        self._worker = BackgroundWorker("discovery", self)
        self.found: Provider | None = None
        self.found_method = ""
        self._guessed = False  # the usual names were probed (with the user's consent)
        layout = QVBoxLayout(self)
        if keep_imap is None:
            self.setWindowTitle(self.tr("Another mail address"))
            intro = QLabel(self.tr("AcMail looks for the mail servers of this address: first the settings "
                                   "published by its domain, then DNS records, then (if you agree) the usual "
                                   "server names. No outside service is asked."))
        else:
            self.setWindowTitle(self.tr("Sending server"))
            intro = QLabel(self.tr("The sending (SMTP) server of this mail system is not published. AcMail "
                                   "looks for it for your address: first the settings published by its domain, "
                                   "then DNS records, then (if you agree) the usual server names. No outside "
                                   "service is asked."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.email = QLineEdit()
        self.email.setAccessibleName(self.tr("E-mail address"))
        self.email.setPlaceholderText("prenom.nom@exemple.fr")
        self.email.setText(email)
        self.email.setReadOnly(keep_imap is not None)  # the signed-in address
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
        # The result before what was tried: a long autoconfig URL would push it out of sight.
        self.steps.setHeaderLabels([self.tr("Method"), self.tr("Result"), self.tr("Tried")])
        self.steps.setRootIsDecorated(False)
        self.steps.setAccessibleName(self.tr("How the settings were looked for"))
        layout.addWidget(self.steps, 1)
        self.summary = QLabel()
        self.summary.setObjectName("discoverySummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.guess_button = QPushButton(self.tr("&Try the usual server names"))
        self.guess_button.setObjectName("discoveryGuessButton")
        self.guess_button.clicked.connect(self.search_guess)
        self.guess_button.hide()
        layout.addWidget(self.guess_button)
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
        self._guessed = False
        self._start(email, guess=False)

    def search_guess(self) -> None:
        """The user agreed: probe the usual server names (and only them)."""
        email = self.email.text().strip()
        self._guessed = True
        self._start(email, guess=True)

    def guess_names(self) -> list[str]:
        """The names the consent button would probe, shown before the user agrees."""
        domain = self.email.text().strip().rpartition("@")[2].lower()
        prefixes = ("smtp", "mail") if self.keep_imap is not None else ("imap", "mail", "smtp")
        return [f"{p}.{domain}" for p in prefixes]

    def _start(self, email: str, *, guess: bool) -> None:
        self.found = None
        self.use_button.setEnabled(False)
        self.search_button.setEnabled(False)
        self.guess_button.hide()
        self.progress.show()
        self.summary.setText(self.tr("Looking for the servers of %1…").replace("%1", email))
        kwargs: dict[str, object] = {"keep_imap": self.keep_imap}
        if guess:
            kwargs["methods"] = ("guess",)
        else:
            kwargs["guess"] = False
        self._worker.submit(lambda: self._discover(email, **kwargs), self._done, self._failed)

    def _done(self, result: DiscoveryResult) -> None:
        self.progress.hide()
        self.search_button.setEnabled(self.keep_imap is None)
        for step in result.steps:
            item = QTreeWidgetItem([self._method_name(step.method), self._outcome_name(step.outcome), step.target])
            item.setToolTip(1, step.detail)
            item.setToolTip(2, step.target)
            self.steps.addTopLevelItem(item)
        for column in range(3):
            self.steps.resizeColumnToContents(column)
        self.found = result.provider
        self.found_method = result.method
        if self.found is None and not self._guessed:
            self.summary.setText(self.tr("Nothing found in the domain's settings or DNS records. AcMail can try "
                                         "the usual server names (%1) by connecting to each. Try them?").replace(
                "%1", ", ".join(self.guess_names())))
            self.guess_button.show()
            self.guess_button.setFocus()
            return
        if self.found is None:
            if self.keep_imap is not None:
                message = describe_error(errors.SmtpNotFound("no sending server found"))
                self.summary.setText(f"{message.title} — {message.text} {message.action}")
            else:
                self.summary.setText(self.tr("No settings were found for this address. Ask its provider for "
                                             "the IMAP and SMTP server names."))
            return
        imap, smtp = self.found.imap, self.found.smtp
        if self.keep_imap is not None:
            self.summary.setText(self.tr("Found with the %1: sending %2:%3. Not confirmed by the ministry: it "
                                         "is kept as unverified, and can be changed in the settings.").replace(
                "%1", self._method_name(result.method)).replace("%2", smtp.hostname).replace("%3", str(smtp.port)))
            self.use_button.setEnabled(True)
            self.use_button.setFocus()
            return
        text = self.tr("Found with the %1: receiving %2:%3, sending %4:%5.").replace(
            "%1", self._method_name(result.method)).replace("%2", imap.hostname).replace(
            "%3", str(imap.port)).replace("%4", smtp.hostname).replace("%5", str(smtp.port))
        if self.found.unverified:
            text += " " + self.tr("These servers were guessed: check them with your provider if in doubt.")
        self.summary.setText(text)
        self.use_button.setEnabled(True)

    def _failed(self, error: BaseException) -> None:
        self.progress.hide()
        self.search_button.setEnabled(self.keep_imap is None)
        message = describe_error(error)
        self.summary.setText(f"{message.title} — {message.text}")

    def use(self) -> None:
        """Keep the settings as a user profile file and add them to the académie list."""
        if self.found is None:
            return
        if self.keep_imap is not None:
            self.smtp_chosen.emit(self.found.smtp, self.found_method)
            self.accept()
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
