"""Application start-up: policy, logging, translations, context, then the login window.

The administrator policy is read first because it decides where files go: on a shared machine
("poste partagé") every file lives in a private folder wiped on logout, exit, idle logout and, after
a crash, at the next start (`core/shared_session.py`).
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import functools
import importlib
import shutil
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QSettings, Qt, QTimer, QTranslator, Signal
from PySide6.QtGui import QClipboard, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QLabel,
    QMessageBox,
    QToolBar,
    QWidget,
)

from acmail_desktop import APP_NAME, __version__
from acmail_desktop.core import errors, log
from acmail_desktop.core.accounts import AccountRecord, AccountRegistry
from acmail_desktop.core.context import AppContext, check_policy_resources
from acmail_desktop.core.errors import AcmailError
from acmail_desktop.core.paths import AppPaths, resources_dir
from acmail_desktop.core.policy import Policy, load_policy
from acmail_desktop.core.shared_session import SharedSession, default_root
from acmail_desktop.ui.catalogue import describe_error
from acmail_desktop.ui.focus import install_focus_style
from acmail_desktop.ui.login import LoginResult, LoginWindow
from acmail_desktop.ui.screen_fit import install_screen_fit

if TYPE_CHECKING:
    from acmail_desktop.core.imap.session import ImapSession
    from acmail_desktop.core.outbox import Outbox
    from acmail_desktop.ui.accounts import SignedInAccount, SignedInAccounts
    from acmail_desktop.ui.main_window import MainWindow
    from acmail_desktop.ui.settings_dialog import SettingsDialog

# The windows that come after the login window, imported once it is on screen (`prewarm`), deepest
# modules first so no single event-loop turn is long: together they are ~40 % of start-up imports.
LATER_MODULES = (
    "acmail_desktop.core.outbox", "acmail_desktop.core.render", "acmail_desktop.ui.models.messages",
    "acmail_desktop.ui.mailbox", "acmail_desktop.ui.compose", "acmail_desktop.ui.main_window",
    "acmail_desktop.core.diagnostics.run", "acmail_desktop.ui.diagnostics_wizard",
    "acmail_desktop.ui.settings_dialog",
)

# Input that proves someone is at the machine (a mouse merely hovering does count: the person is there).
_ACTIVITY_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TabletPress,
})
LOGOUT_BUTTON_STYLE = (
    "QToolButton#logoutButton { background: #b3261e; color: white; font-weight: 600; font-size: 12pt;"
    " padding: 6px 16px; border-radius: 4px; }"
    "QToolButton#logoutButton:hover { background: #8c1d18; }"
)



def _qapp() -> QApplication:
    """The running QApplication (QApplication.instance() is typed as its QCoreApplication base)."""
    return cast(QApplication, QApplication.instance())


def _save_as_draft(outbox: Outbox, entry_id: str, session: ImapSession) -> object:
    """A logout task: the unsent outbox entry goes to the server's Drafts on the closing session."""
    return outbox.save_as_draft(entry_id, session)

def prewarm(modules: Sequence[str]) -> None:
    """Import `modules` one per event-loop turn: the login window is already shown and answers
    between two imports, and the main window opens without an import pause after *Valider*."""
    if modules:
        importlib.import_module(modules[0])
        QTimer.singleShot(0, lambda: prewarm(modules[1:]))


def install_translations(app: QApplication, language: str) -> list[QTranslator]:
    """French by default; `system` follows the locale; `en` is the untranslated source."""
    if language == "system":
        language = "fr" if QLocale.system().language() == QLocale.Language.French else "en"
    if language != "fr":
        return []
    translators = []
    ours = QTranslator(app)
    qm = resources_dir() / "translations" / "acmail_fr.qm"
    if ours.load(str(qm)):
        app.installTranslator(ours)
        translators.append(ours)
    else:
        log.ui.warning("French translation not found at %s (run `make setup`)", qm)
    qt = QTranslator(app)
    if qt.load("qtbase_fr", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        translators.append(qt)
    # Qt strings qtbase_fr lacks (the file dialog's "&Look in:"): installed last, so searched first.
    fixes = QTranslator(app)
    if fixes.load(str(resources_dir() / "translations" / "qt_fixes_fr.qm")):
        app.installTranslator(fixes)
        translators.append(fixes)
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    return translators


class InactivityWatcher(QObject):
    """Fires `idle` after a stretch without keyboard, mouse or touch input anywhere in the application
    (the automatic logout; not IMAP IDLE, which is core.imap.sync.IdleWatcher).

    Installed as an event filter on the QApplication, so every widget's input restarts the timer.
    """

    idle = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self.set_interval_ms(interval_ms)

    def set_interval_ms(self, interval_ms: int) -> None:
        self._timer.setInterval(max(0, interval_ms))
        self.restart()

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    @property
    def enabled(self) -> bool:
        return self._timer.interval() > 0

    def restart(self) -> None:
        if self.enabled:
            self._timer.start()
        else:
            self._timer.stop()

    def stop(self) -> None:
        self._timer.stop()

    def remaining_ms(self) -> int:
        return self._timer.remainingTime()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY_EVENTS and self._timer.isActive():
            self._timer.start()
        return False


class _CloseGuard(QObject):
    """Runs the before-logout checks when the main window is closed, and keeps it open on refusal."""

    def __init__(self, controller: Controller) -> None:
        super().__init__()
        self.controller = controller

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The main window's close (its × through the window manager, Alt+F4) ends the session and
        quits: a main window that goes away while the process stays is a session nobody can see."""
        if event.type() == QEvent.Type.Close:
            event.ignore()
            QTimer.singleShot(0, lambda: self.controller.request_quit("close"))
            return True
        return False


class Controller:
    """Switches between the login window and the main window for one account.

    `before_logout_checks` are called, in order, before any logout or closing of the main window;
    each returns False to keep the session open (the user chose "cancel" when asked about unsent mail
    or an unsaved draft). `logout_reason` ("user", "close", "quit" are asked; "idle" and "ending" —
    a signal or the desktop session ending — act without asking: nobody is there to answer, so
    unsaved mail goes to the server's Drafts).

    Every end of a session ends it: after a logout the windows of the previous user are closed; on a
    shared machine, and whenever the main window is closed or Quit chosen, the process exits
    (`quit_application`), the session folder being removed by `run`'s clean-up.
    """

    def __init__(self, context: AppContext, *, on_session_wiped: Callable[[], None] | None = None) -> None:
        self.context = context
        self.login_window: LoginWindow | None = None
        self.main_window: MainWindow | None = None
        # The accounts signed in now (issue 21): the main window's first one, then those added.
        self.accounts: SignedInAccounts | None = None
        self._remembered_worker: Any = None  # signs in the other remembered accounts after the first
        self._remove_after_logout: list[Callable[[], None]] = []  # the last account removed: once signed out
        self.registry = AccountRegistry(context.paths, context.settings, context.policy.accounts,
                                        context.providers)
        self._keep_old_profile_account()
        self.before_logout_checks: list[Callable[[], bool]] = []
        self.logout_reason = "user"
        self.on_session_wiped = on_session_wiped
        # Finds a sending server when a profile only guesses it (tests hand in one on loopback).
        self.smtp_discover_fn: Callable[..., Any] | None = None
        self.smtp_dialog: QWidget | None = None
        self.quit_application: Callable[[], None] = lambda: QApplication.exit(0)
        self.quit_after_logout = False
        self.ending = False  # the process is on its way out: no new window, no question
        self._close_guard = _CloseGuard(self)
        self._logout_deadline = QTimer()
        self._logout_deadline.setSingleShot(True)
        self._logout_deadline.timeout.connect(self._logout_overdue)
        self.before_logout_checks.append(self._outbox_check)
        minutes = int(context.settings.get("security.idle_logout_minutes"))
        self.idle = InactivityWatcher(minutes * 60_000)
        self.idle.idle.connect(self._idle_timeout)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)

    # --- windows -----------------------------------------------------------------------------
    def show_login(self, *, sign_in_when_remembered: bool = False) -> LoginWindow:
        """The login window; at start-up (not after a logout) it signs in by itself when the
        password is remembered (`LoginWindow.sign_in_when_remembered`)."""
        self.login_window = LoginWindow(self.context)
        # The policy's domain rule holds for the first account too, before any connection.
        self.login_window.check_before_sign_in = self.check_account_allowed
        if self.context.shared_machine:
            self.login_window.outer_layout.insertWidget(0, shared_machine_banner(self.login_window))
        if sign_in_when_remembered:
            self.login_window.sign_in_when_remembered()
        self.login_window.login_succeeded.connect(self._logged_in)
        self.login_window.diagnostics_requested.connect(self.open_diagnostics)
        self.login_window.show()
        return self.login_window

    def open_diagnostics(self, provider_id: str, identifiant: str) -> QWidget:
        from acmail_desktop.ui.diagnostics_wizard import open_diagnostics_wizard

        parent = self.main_window or self.login_window
        return open_diagnostics_wizard(self.context, provider_id, identifiant, parent)

    def first_run_needed(self) -> bool:
        """First start, unless the administrator's policy already chose the académie.

        The assistant's real job is choosing the académie; the identifiant is typed in the login
        window anyway. On a shared machine every start is a "first" one (settings are wiped), so a
        policy that names the académie must silence the assistant there for good."""
        settings, policy = self.context.settings, self.context.policy
        if settings.get("help.first_run_done"):
            return False
        preset = {**policy.defaults, **policy.locked}
        return "account.academie" not in preset

    def show_first_run(self) -> QWidget | None:
        """The first-run assistant over the login window; it ends in the login window's own path."""
        from acmail_desktop.ui.first_run import FirstRunWizard

        login = self.login_window
        if login is None or not self.first_run_needed():
            return None
        wizard = FirstRunWizard(self.context, login)
        wizard.accepted.connect(lambda: wizard.apply_to(login))
        wizard.open()
        self.first_run_wizard = wizard
        return wizard

    def _logged_in(self, result: LoginResult) -> None:
        if not self.context.settings.get("help.first_run_done") and \
                not self.context.settings.is_locked("help.first_run_done"):
            self.context.settings.set("help.first_run_done", True)
        from acmail_desktop.ui.main_window import MainWindow

        try:
            window = MainWindow(self.context, result)
        except AcmailError as exc:  # e.g. this profile's cache is open in another AcMail (ProfileInUse)
            log.ui.error("main window not opened: %s", exc.code)
            session = result.session
            if session is not None:
                session.logout()
            message = describe_error(exc, result.account.provider)
            QMessageBox.warning(self.login_window, message.title, f"{message.text}\n\n{message.action}".strip())
            return
        self.main_window = window
        self._offer_switch_to_national(result, window)
        from acmail_desktop.ui.accounts import SignedInAccounts

        self.accounts = SignedInAccounts(self.context, window.outbox, window)
        self.accounts.adopt(window.mailbox, label=self._label(result.account.identity.key),
                            outbox_runner=window.outbox_runner)
        self._record_account(result, adding=False)
        from acmail_desktop.ui.window_accounts import WindowAccounts

        view = window.accounts_view = WindowAccounts(window, self.accounts)
        view.remove_requested = self.confirm_remove_account
        view.sign_out_requested = self.sign_out_account
        proposed = any(r.predefined for r in self.registry.accounts())
        view.install_actions((lambda: self.open_add_account()) if self.registry.may_add() or proposed else None)
        window.composer.reply_account = self._reply_account
        signed_in = self.accounts
        window.composer.account_choices = lambda: [(e.title, e.account, e.mailbox.run) for e in signed_in]
        self.accounts.removed.connect(lambda _key: self._show_listed_accounts())
        self._show_listed_accounts()
        self.sign_in_remembered_accounts()
        window.logged_out.connect(self._logged_out)
        window.settings_requested.connect(lambda: self.open_settings(window))
        # The toolbar's logout goes through the checks first, and is made big and obvious.
        window.logout_action.triggered.disconnect(window.logout)
        window.logout_action.triggered.connect(self.request_sign_out)
        window.quit_action.triggered.disconnect()
        window.quit_action.triggered.connect(lambda: self.request_quit("quit"))
        window.reader.attachment_saved.connect(lambda path: self._attachment_saved(window, path))
        if self.context.shared_machine:
            window.statusBar().addPermanentWidget(shared_machine_banner(window))
        window.logout_action.setIcon(QIcon.fromTheme("system-log-out"))
        for toolbar in window.findChildren(QToolBar):
            button = toolbar.widgetForAction(window.logout_action)
            if button is not None:
                button.setObjectName("logoutButton")
                button.setStyleSheet(LOGOUT_BUTTON_STYLE)
        window.installEventFilter(self._close_guard)
        window.show()
        if self.login_window is not None:
            self.login_window.hide()
        self.idle.restart()
        self.discover_smtp_if_needed(result.account)

    # --- a sending server the profile only guesses (acmail:smtpDiscovery) -------------------------
    def discover_smtp_if_needed(self, account: Any) -> QWidget | None:
        """At the sign-in of an account whose profile only guesses its SMTP server and that has none
        kept yet: the discovery dialog for its address (SMTP only, each step shown, the usual names
        probed only if the user agrees). Not at send time: a teacher should not meet it mid-send."""
        from acmail_desktop.core.smtp_choice import needs_discovery
        from acmail_desktop.ui.discovery_dialog import DiscoveryDialog

        if not needs_discovery(self.context.settings, account.identity.key, account.provider):
            return None
        dialog = DiscoveryDialog(self.context, self.main_window, discover_fn=self.smtp_discover_fn,
                                 email=account.email, keep_imap=account.provider.imap)
        dialog.setObjectName("smtpDiscoveryDialog")
        dialog.smtp_chosen.connect(lambda server, method: self.keep_smtp(account, server, method))
        self.smtp_dialog = dialog
        dialog.open()  # window-modal, never a nested event loop
        dialog.search()
        return dialog

    def keep_smtp(self, account: Any, server: Any, method: str) -> None:
        """Keep the found (or typed) sending server for the account, unverified; sends use it now."""
        from acmail_desktop.core.smtp_choice import remember_smtp, stored_smtp

        key = account.identity.key
        try:
            remember_smtp(self.context.settings, key, server, method)
        except AcmailError as exc:  # the settings file could not be written
            log.ui.warning("sending server not kept: %s", exc.code)
        account.set_smtp(stored_smtp(self.context.settings, key, account.provider) or server)
        log.smtp.info("account %s: sending server %s:%d kept (%s, unverified)", key, server.hostname,
                      server.port, method)

    # --- moving to the national messagerie -------------------------------------------------------
    def switch_candidate(self, result: LoginResult) -> AccountRecord | None:
        """After a sign-in to the national messagerie: the account of the same académie on its
        own servers that it replaces, when the profile's list has one (and not this one)."""
        identity = result.account.identity
        if not identity.provider.is_national or self.login_window is None:
            return None
        academie = self.login_window.academie_provider.id
        # Only the profile's saved list: without accounts.json, load() reads the login screen's last
        # choice, which this very sign-in has just written (the académie and the address).
        if not self.registry.path.exists():
            return None
        return next((r for r in self.registry.load()
                     if r.provider_id == academie and r.identifiant != identity.identifiant
                     and not r.predefined), None)

    def ask_switch(self, old: AccountRecord, new: AccountRecord) -> bool:
        """Yes/No: replace the académie account by the national one (tests answer it directly)."""
        question = QApplication.translate("Controller", "Replace the account “%1” (your académie's former "
                                          "servers) by “%2” on the national messagerie?")
        box = QMessageBox(QMessageBox.Icon.Question, QApplication.translate("Controller", "Messagerie nationale"),
                          question.replace("%1", old.identifiant).replace("%2", new.identifiant),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.login_window)
        box.setInformativeText(QApplication.translate(
            "Controller", "Drafts, unsent messages and the account's settings are kept. The local copy of the "
            "former mailbox is deleted: the national messagerie's mailbox is read again from the server."))
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _offer_switch_to_national(self, result: LoginResult, window: MainWindow) -> None:
        old = self.switch_candidate(result)
        if old is None:
            return
        new = self._record_for(result)
        if not self.ask_switch(old, new):
            return
        try:
            self.registry.switch(old, replace(new, remember=old.remember and new.remember),
                                 self.context.credential_store, window.outbox)
        except AcmailError as exc:
            log.ui.warning("switch to the national messagerie not recorded: %s", exc.code)
            return
        log.ui.info("account moved to the national messagerie; its outbox and drafts follow")

    # --- several accounts ------------------------------------------------------------------------
    def _reply_account(self, raw: bytes) -> tuple[Any, Callable[..., Any]]:
        """The account a reply goes from (the one that received the original) and its IMAP runner."""
        window, accounts = self.main_window, self.accounts
        assert window is not None
        view = window.accounts_view
        entry = accounts.reply_account(raw, view.active) if accounts is not None and view is not None else None
        if entry is None:
            return window.composer.account, window.composer.mailbox.run
        return entry.account, entry.mailbox.run

    def _show_listed_accounts(self) -> None:
        """The listed accounts not signed in (the administrator's, a PassCode one, one signed out) get a
        section in the folder pane with a button to sign in."""
        window, accounts = self.main_window, self.accounts
        view = window.accounts_view if window is not None else None
        if view is None or accounts is None:
            return
        for record in self.registry.accounts():
            if record.key not in accounts and self._allowed(record):
                view.show_signed_out(record.key, record.label or record.identifiant,
                                     lambda record=record: self.open_add_account(record))

    def _keep_old_profile_account(self) -> None:
        """A profile from before several accounts names its one account in the settings, which
        each sign-in overwrites: written to accounts.json before any sign-in, it stays the first
        account (its cache file unchanged) whoever signs in next."""
        try:
            if not self.registry.path.exists() and self.registry.load():
                self.registry.save(self.registry.load())
        except AcmailError as exc:
            log.ui.warning("account list not written: %s", exc.code)

    def _label(self, key: str) -> str:
        return next((r.label for r in self.registry.accounts() if r.key == key), "")

    @staticmethod
    def _record_for(result: LoginResult) -> AccountRecord:
        identity = result.account.identity
        return AccountRecord(identity.provider.id, identity.identifiant,
                             "passcode" if result.account.single_use_credential else "password")

    def _record_account(self, result: LoginResult, *, adding: bool) -> None:
        """Put a signed-in account in the profile's list (accounts.json) unless it is there.

        `adding`: a further account; the policy may refuse it (AccountAddingForbidden,
        AccountDomainNotAllowed). The first account of the session only writes the list."""
        record = self._record_for(result)
        if record.key in {r.key for r in self.registry.load()}:
            return
        try:
            self.registry.add(record)
        except AcmailError as exc:
            if adding:
                raise
            log.ui.warning("first account not recorded in the account list: %s", exc.code)

    def sign_in_remembered_accounts(self) -> int:
        """After the first account: every other listed account whose password is remembered signs
        in in the background, one attempt each (a rejected one is forgotten, as at start-up, so a
        changed password never costs an attempt per start). Never on a shared machine; never a
        PassCode account (a code is typed each time). Returns how many were started."""
        from acmail_desktop.core.account import Account, AccountIdentity
        from acmail_desktop.core.otp import password_credential
        from acmail_desktop.core.smtp_choice import sending_server
        from acmail_desktop.ui.tasks import ConnectionWorker

        context, accounts = self.context, self.accounts
        if context.shared_machine or accounts is None or not context.credential_store.available:
            return 0
        signed_in = {e.key for e in accounts}
        records = [r for r in self.registry.accounts() if r.key not in signed_in and r.auth_mode == "password"
                   and r.provider_id in context.providers.providers and self._allowed(r)]
        if not records:
            return 0
        worker = self._remembered_worker = ConnectionWorker("remembered-accounts", self.main_window)
        store, settings = context.credential_store, context.settings

        def sign_in(record: AccountRecord) -> LoginResult | None:
            password = store.get_password(record.provider_id, record.identifiant)
            if not password:
                return None
            provider = context.providers.get(record.provider_id)
            identity = AccountIdentity(provider, record.identifiant)
            username = provider.imap.username_for(record.identifiant, identity.email)
            account = Account(identity, password_credential(username, password), context.ssl_context(),
                              timeout=settings.get("network.timeout_s"), compress=settings.get("network.compress"),
                              smtp=sending_server(settings, identity.key, provider))
            return LoginResult(account, account.open_imap())

        def failed(record: AccountRecord, error: BaseException) -> None:
            log.auth.info("remembered account not signed in: %s", getattr(error, "code", type(error).__name__))
            if isinstance(error, errors.AuthFailed):
                worker.submit(lambda: store.delete_password(record.provider_id, record.identifiant), None,
                              lambda _e: None)
            window = self.main_window
            if window is not None:
                message = describe_error(error, context.providers.providers.get(record.provider_id))
                window.statusBar().showMessage(f"{record.label or record.identifiant} — {message.title}", 15000)

        def done(result: LoginResult | None) -> None:
            if result is not None:
                if self.main_window is None or self.accounts is not accounts:
                    threading.Thread(target=result.session.logout, daemon=True).start()  # signed out meanwhile
                    result.account.forget_credential()
                    return
                self.add_account(result)

        for record in records:
            worker.submit(lambda record=record: sign_in(record), done,  # type: ignore[misc]
                          lambda error, record=record: failed(record, error))  # type: ignore[misc]
        return len(records)

    def _allowed(self, record: AccountRecord) -> bool:
        try:
            self.check_account_allowed(record.provider_id, record.identifiant)
        except AcmailError as exc:
            log.ui.info("listed account skipped: %s", exc.code)
            return False
        return True

    def check_account_allowed(self, provider_id: str, identifiant: str) -> None:
        """Before any network: may this account be added beside those signed in? Raises the
        policy's typed refusal (the login form shows it with the other errors)."""
        from acmail_desktop.core.accounts import check_account_allowed

        record = AccountRecord(provider_id, identifiant)
        known = {r.key for r in self.registry.accounts()}
        signed_in = self.accounts is not None and len(self.accounts) > 0
        check_account_allowed(record, self.context.policy.accounts, self.context.providers,
                              adding=signed_in and record.key not in known)

    def open_add_account(self, record: AccountRecord | None = None) -> QWidget | None:
        """*Ajouter un compte*: the login form in a dialog; the predefined accounts not signed in
        are proposed first. None when the policy forbids adding and nothing is proposed."""
        from acmail_desktop.ui.add_account import AddAccountDialog

        window = self.main_window
        if window is None:
            return None
        signed_in = {e.key for e in self.accounts} if self.accounts is not None else set()
        proposed = [r for r in self.registry.accounts() if r.key not in signed_in]
        if not self.registry.may_add() and not proposed:
            return None
        dialog = AddAccountDialog(self.context, window, check=self.check_account_allowed, suggestions=proposed)
        dialog.account_signed_in.connect(self.add_account)
        if record is not None:
            dialog.choose(record)
        dialog.open()
        return dialog

    def add_account(self, result: LoginResult) -> SignedInAccount | None:
        """A further account signed in (File > Add account): its own mailbox, connection, IDLE,
        outbox runner, beside the others. Refused by the policy: its session is logged out."""
        accounts, window = self.accounts, self.main_window
        if accounts is None or window is None:
            result.session.logout()
            return None
        key = result.account.identity.key
        if key in accounts:
            result.session.logout()  # already signed in: keep the running one
            return accounts.get(key)
        try:
            self._record_account(result, adding=True)
        except AcmailError as exc:
            log.ui.warning("account refused by the policy: %s", exc.code)
            result.account.forget_credential()
            session = result.session
            threading.Thread(target=session.logout, name="refused-account-logout", daemon=True).start()
            message = describe_error(exc, result.account.provider)
            box = QMessageBox(QMessageBox.Icon.Warning, message.title, message.text,
                              QMessageBox.StandardButton.Ok, window)
            box.setObjectName("accountRefusedBox")
            box.setInformativeText(message.action)
            box.open()  # window-modal, never a nested event loop
            return None
        added = accounts.add(result.account, result.session, label=self._label(key), parent=window)
        self.discover_smtp_if_needed(result.account)
        return added

    def sign_out_account(self, key: str) -> bool:
        """Sign out of one account; the last one (or the main window's own) ends the session."""
        accounts, window = self.accounts, self.main_window
        if accounts is None or window is None or key not in accounts:
            return False
        if len(accounts) == 1:
            return self.request_logout("user")
        if not self._account_outbox_check(key):
            return False
        self._off_screen(key)
        accounts.sign_out(key)
        return True

    def _off_screen(self, key: str) -> None:
        """The account about to go is not the one on screen: another takes its place first."""
        view = getattr(self.main_window, "accounts_view", None)
        if view is not None and view.active == key and self.accounts is not None:
            other = next((e.key for e in self.accounts if e.key != key), None)
            if other is not None:
                view.activate(other)

    def confirm_remove_account(self, key: str) -> bool:
        """*Supprimer le compte…*: say what goes (and what stays on the server), then remove."""
        record = next((r for r in self.registry.accounts() if r.key == key), None)
        window = self.main_window
        if record is None or window is None:
            return False
        name = record.label or record.identifiant
        answer = QMessageBox.question(
            window, QApplication.translate("RemoveAccount", "Remove the account"),
            QApplication.translate("RemoveAccount", "Remove %1 from this computer? Its downloaded messages, "
                                   "drafts, outbox and remembered password are erased here; its mail stays on "
                                   "the server.").replace("%1", name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return self.remove_account(key)

    def remove_account(self, key: str, on_done: Callable[[], None] | None = None) -> bool:
        """*Supprimer le compte*: after the logout question, sign it out, then remove its cache,
        drafts, outbox rows and keyring items (`AccountRegistry.remove`); the others keep theirs."""
        record = next((r for r in self.registry.accounts() if r.key == key), None)
        if record is None:
            return False
        accounts = self.accounts

        def remove() -> None:
            from acmail_desktop.core.outbox import Outbox

            window = self.main_window  # None once the last account signed out: the outbox is opened again
            outbox = window.outbox if window is not None else Outbox(self.context.paths.data_dir)
            try:
                self.registry.remove(record, self.context.credential_store, outbox)
                log.ui.info("account removed from this computer")
                view = window.accounts_view if window is not None else None
                if view is not None and not record.predefined:
                    view.forget_listed(record.key)
            except AcmailError as exc:
                log.ui.warning("account removal incomplete: %s", exc.code)
            finally:
                if window is None:
                    outbox.close()
            if on_done is not None:
                on_done()

        if accounts is not None and key in accounts:
            if len(accounts) == 1:  # the last one: the whole session ends, then its files go
                if not self.request_logout("user"):
                    return False
                self._remove_after_logout.append(remove)
                return True
            if not self._account_outbox_check(key):
                return False
            self._off_screen(key)
            accounts.sign_out(key, remove)
            return True
        remove()
        return True

    def _account_outbox_check(self, key: str) -> bool:
        """The before-logout question for one account's unsent mail (its outbox rows)."""
        window, accounts = self.main_window, self.accounts
        if window is None or accounts is None:
            return True
        entry = accounts.get(key)
        pending = window.outbox.entries(key)
        if entry is None or not pending:
            return True
        choice = ask_before_logout(window, len(pending), 0, shared_machine=self.context.shared_machine)
        if choice == LogoutChoice.CANCEL:
            return False
        if choice == LogoutChoice.SEND:
            if entry.outbox_runner is not None:
                entry.outbox_runner.run_due()
            return False
        if choice == LogoutChoice.DISCARD:
            window.outbox.discard_account(key)
            return True
        outbox = window.outbox
        for item in pending:
            entry.logout_tasks.append(functools.partial(_save_as_draft, outbox, item.id))
        return True

    @staticmethod
    def _attachment_saved(window: MainWindow, path: str) -> None:
        """Say where the file went: on a shared machine it must be somewhere the user will find again."""
        log.ui.info("attachment saved where the user chose")
        window.statusBar().showMessage(
            QApplication.translate("Controller", "Attachment saved: %1").replace("%1", path), 20000)

    def open_settings(self, parent: QWidget | None = None) -> SettingsDialog:
        """The settings dialog (window-modal); the lead wires a menu/toolbar action to this."""
        from acmail_desktop.ui.sending_server import SendingServerBox
        from acmail_desktop.ui.settings_dialog import SettingsDialog

        boxes = [SendingServerBox(self.context, entry.account, keep=self.keep_smtp)
                 for entry in (self.accounts or []) if entry.account.provider.smtp_discover]
        dialog = SettingsDialog(self.context, parent or self.main_window or self.login_window,
                                sending_servers=boxes)
        dialog.settings_applied.connect(self._settings_applied)
        dialog.open()
        return dialog

    def _settings_applied(self, keys: list[str]) -> None:
        if "display.theme" in keys:
            from acmail_desktop.ui.theme import apply_theme

            apply_theme(_qapp(), str(self.context.settings.get("display.theme")))
        if "security.idle_logout_minutes" in keys:
            self.idle.set_interval_ms(int(self.context.settings.get("security.idle_logout_minutes")) * 60_000)
        if "display.plain_text" in keys and self.main_window is not None:
            self.main_window.plain_text_action.setChecked(bool(self.context.settings.get("display.plain_text")))
        if "display.conversation_view" in keys and self.main_window is not None:
            self.main_window.conversation_action.setChecked(bool(self.context.settings.get("display.conversation_view")))

    # --- logout ------------------------------------------------------------------------------
    def unsaved_compose_windows(self) -> list[Any]:
        """Compose windows whose text would be lost (not being sent, not empty)."""
        window = self.main_window
        if window is None:
            return []
        return [w for w in window.compose_windows if not w.sending and w.has_content()]

    def _outbox_check(self) -> bool:
        """Unsent mail and unsaved drafts before logout: send, save to the server's Drafts, discard,
        or stay. The server's Drafts is the one place that survives a shared machine.

        When nobody is there (idle logout, the desktop session ending) it is saved to Drafts without
        asking: never lost, never left on a shared machine."""
        window = self.main_window
        if window is None:
            return True
        keys = [e.key for e in self.accounts] if self.accounts is not None else [window.account.identity.key]
        entries = [entry for key in keys for entry in window.outbox.entries(key)]
        drafts = self.unsaved_compose_windows()
        if not entries and not drafts:
            return True
        if self.logout_reason in UNATTENDED_REASONS:
            choice = LogoutChoice.SAVE
        else:
            choice = ask_before_logout(window, len(entries), len(drafts),
                                       shared_machine=self.context.shared_machine)
        log.ui.info("before logout (%s): %d unsent, %d unsaved drafts: %s", self.logout_reason, len(entries),
                    len(drafts), choice)
        if choice == LogoutChoice.CANCEL:
            return False
        if choice == LogoutChoice.SEND:
            for runner in self._outbox_runners():
                runner.run_due()
            for compose in drafts:
                compose.send()
                compose.raise_()
            window.statusBar().showMessage(QApplication.translate(
                "LogoutCheck", "Sending… sign out again once the outbox is empty."), 10000)
            return False
        if choice == LogoutChoice.DISCARD:
            for key in keys:
                window.outbox.discard_account(key)
            for compose in drafts:
                compose.close_without_saving(discard_local=True)
            return True
        outbox = window.outbox
        for entry in entries:
            # Saved on its own account's connection: each account's Drafts gets its own mail.
            other = self.accounts.get(entry.account) if self.accounts is not None else None
            tasks = other.logout_tasks if other is not None and other.mailbox is not window.mailbox \
                else window.logout_tasks
            tasks.append(functools.partial(_save_as_draft, outbox, entry.id))
        for compose in drafts:
            window.logout_tasks.append(compose.server_draft_work())
            compose.close_without_saving()
        return True

    def _outbox_runners(self) -> list[Any]:
        window = self.main_window
        if self.accounts is not None:
            return [e.outbox_runner for e in self.accounts if e.outbox_runner is not None]
        return [window.outbox_runner] if window is not None and window.outbox_runner is not None else []

    def run_before_logout_checks(self, reason: str) -> bool:
        self.logout_reason = reason
        for check in list(self.before_logout_checks):
            try:
                if not check():
                    log.ui.info("logout (%s) cancelled by a check", reason)
                    return False
            except Exception:
                log.ui.exception("a before-logout check failed; staying logged in")
                return False
        return True

    def request_sign_out(self) -> bool:
        """*Se déconnecter* (toolbar, File menu): with several accounts signed in, asks which one, or
        all; with one, or on a shared machine (where signing out ends everything), signs out of all."""
        accounts = self.accounts
        if self.main_window is None:
            return False
        if accounts is None or len(accounts) < 2 or self.context.shared_machine:
            return self.request_logout("user")
        box = sign_out_choice_box(self.main_window, [(e.key, e.title) for e in accounts])
        box.exec()
        choice = box.choice()
        log.ui.info("sign out: %s", "all" if choice == SIGN_OUT_ALL else "one account" if choice else "cancelled")
        if choice == SIGN_OUT_ALL:
            return self.request_logout("user")
        if choice:
            return self.sign_out_account(choice)
        return False

    def request_logout(self, reason: str = "user") -> bool:
        """Log out after the checks; False when a check kept the session open.

        On a shared machine the process then exits: nothing of the user stays, not even in memory."""
        if self.main_window is None:
            return False
        if not self.run_before_logout_checks(reason):
            return False
        self._logout(reason, quit_after=self.context.shared_machine)
        return True

    def request_quit(self, reason: str = "quit") -> bool:
        """Quit (Ctrl+Q, the main window's close button): the same checks, a logout, then exit."""
        if self.main_window is None:
            self.quit_now(reason)
            return True
        if not self.run_before_logout_checks(reason):
            return False
        self._logout(reason, quit_after=True)
        return True

    def end_session(self, reason: str = "ending") -> None:
        """The session is ending and nobody will answer (SIGTERM, SIGHUP, the desktop logging out):
        save what can be saved without asking, log out, exit; a second call exits at once."""
        if self.ending:
            log.ui.info("session end (%s) while already ending: exiting now", reason)
            self.quit_now(reason)
            return
        self.ending = True
        log.ui.info("session end (%s)", reason)
        if self.main_window is None:
            self.quit_now(reason)
            return
        self.run_before_logout_checks("ending")  # unattended: saves, never asks, never refuses
        self._logout(reason, quit_after=True)

    def _logout(self, reason: str, *, quit_after: bool) -> None:
        window = self.main_window
        assert window is not None
        self.quit_after_logout = self.quit_after_logout or quit_after
        window.removeEventFilter(self._close_guard)
        log.ui.info("logout (%s)", reason)
        self.idle.stop()
        for compose in list(window.compose_windows):
            if not compose.sending:
                compose.close_without_saving()  # asked about above; empty ones just go
        # Logging out waits for the server (drafts saved, LOGOUT): never longer than this.
        self._logout_deadline.start(LOGOUT_DEADLINE_MS)
        if self.accounts is not None:  # the accounts added beside the main window's own
            for entry in self.accounts:
                if entry.mailbox is not window.mailbox:
                    self.accounts.sign_out(entry.key)
        window.logout()

    def _logout_overdue(self) -> None:
        log.ui.warning("logout not finished after %d s: ending without the server", LOGOUT_DEADLINE_MS // 1000)
        self._logged_out()

    def _idle_timeout(self) -> None:
        if self.main_window is not None:
            log.ui.info("no input for %d min: automatic logout",
                        self.context.settings.get("security.idle_logout_minutes"))
            if not self.request_logout("idle"):
                self.idle.restart()
        elif self.context.shared_session is not None and self.login_window is not None:
            # Someone typed half an identifiant and left: start again from a clean screen.
            self._reset_login()

    def _logged_out(self) -> None:
        self._logout_deadline.stop()
        window, self.main_window = self.main_window, None
        if self.accounts is not None:  # whichever was on screen last, no credential stays in memory
            for entry in self.accounts:
                entry.account.forget_credential()
        self.accounts = None
        removals, self._remove_after_logout = self._remove_after_logout, []
        for remove in removals:
            remove()
        if window is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                window.logged_out.disconnect(self._logged_out)
        forget_clipboard(self.context.shared_machine)
        remove_opened_attachments(self.context)
        if self.context.shared_session is not None:
            self.wipe_session()
        if self.quit_after_logout:
            self.quit_now("logout")
            return
        # The login window first (closing the last visible window would quit), cleared of the
        # session that ended; then every other window of the previous user goes.
        if self.context.shared_session is not None or self.login_window is None:
            self._reset_login()
        else:
            self.login_window.signed_out()
            self.login_window.show()
        close_windows_except(self.login_window)
        self.idle.restart()

    def quit_now(self, reason: str) -> None:
        """Close every window and leave the event loop; `run` then removes the session folder."""
        log.ui.info("quitting (%s)", reason)
        self.ending = True
        self._logout_deadline.stop()
        self.idle.stop()
        close_windows_except(None)
        forget_clipboard(self.context.shared_machine)
        self.quit_application()

    def wipe_session(self) -> None:
        """Shared machine: remove every file of the user who just left, then start afresh."""
        session = self.context.shared_session
        if session is None:
            return
        session.wipe()
        self.context.reset_after_wipe()
        if self.on_session_wiped is not None:
            self.on_session_wiped()

    def _reset_login(self) -> None:
        old = self.login_window
        self.show_login()
        if old is not None:
            old.hide()
            old.deleteLater()

    def shutdown(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
        self.idle.stop()
        self._logout_deadline.stop()


UNATTENDED_REASONS = frozenset({"idle", "ending"})
LOGOUT_DEADLINE_MS = 8000
SHARED_BANNER_STYLE = ("QLabel#sharedMachineBanner { background: #fff4ce; color: #5c4400; padding: 3px 10px;"
                       " border-radius: 3px; }")


def shared_machine_banner(parent: QWidget | None) -> QLabel:
    """The discreet reminder that nothing stays on this computer."""
    label = QLabel(QApplication.translate("SharedMachine", "Shared computer: your data is erased when you sign out"),
                   parent)
    label.setObjectName("sharedMachineBanner")
    label.setStyleSheet(SHARED_BANNER_STYLE)
    label.setWordWrap(True)
    return label


def close_windows_except(keep: QWidget | None) -> None:
    """Close every top-level window (dialogs, message boxes, compose windows) but `keep`:
    nothing of the previous user stays on screen after a logout."""
    for widget in QApplication.topLevelWidgets():
        if widget is keep or (keep is not None and keep.isAncestorOf(widget)):
            continue
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()  # ends a nested exec() (a question left open) cleanly
        widget.hide()
        widget.close()


def forget_clipboard(shared_machine: bool) -> None:
    """On a shared machine, what the user copied from AcMail goes with them (clipboard and selection)."""
    if not shared_machine:
        return
    clipboard = QGuiApplication.clipboard()
    if clipboard.ownsClipboard():
        clipboard.clear(QClipboard.Mode.Clipboard)
    if clipboard.supportsSelection() and clipboard.ownsSelection():
        clipboard.clear(QClipboard.Mode.Selection)


def remove_opened_attachments(context: AppContext) -> None:
    """Temporary copies of attachments handed to another program are removed at logout and exit."""
    folder = context.opened_attachments_dir
    if folder.is_dir():
        for entry in folder.iterdir():
            with contextlib.suppress(OSError):
                shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()


class LogoutChoice:
    SEND = "send"          # send the outbox now, then log out
    SAVE = "save"          # save drafts (and unsent mail) to the server's Drafts folder, then log out
    DISCARD = "discard"    # throw them away, then log out
    CANCEL = "cancel"      # stay logged in


class BeforeLogoutBox(QMessageBox):
    """A message box that knows which button means which `LogoutChoice`."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.choice_buttons: dict[str, QAbstractButton] = {}

    def choice(self) -> str:
        clicked = self.clickedButton()
        for choice, button in self.choice_buttons.items():
            if button is clicked:
                return choice
        return LogoutChoice.CANCEL


def before_logout_box(parent: QWidget | None, unsent: int, unsaved_drafts: int, *,
                      shared_machine: bool) -> BeforeLogoutBox:
    """The question asked before logout with unsent mail or an unsaved draft (see `ask_before_logout`)."""
    box = BeforeLogoutBox(parent)
    box.setObjectName("beforeLogoutBox")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QApplication.translate("LogoutCheck", "Sign out"))
    parts = []
    if unsent:
        parts.append(QApplication.translate("LogoutCheck", "%n message(s) not sent yet", "", unsent))
    if unsaved_drafts:
        parts.append(QApplication.translate("LogoutCheck", "%n unsaved draft(s)", "", unsaved_drafts))
    box.setText(QApplication.translate("LogoutCheck", "Before you sign out: %1.").replace("%1", ", ".join(parts)))
    if shared_machine:
        box.setInformativeText(QApplication.translate(
            "LogoutCheck", "This is a shared computer: nothing stays on it after you sign out. "
            "What should AcMail do with them?"))
    else:
        box.setInformativeText(QApplication.translate("LogoutCheck", "What should AcMail do with them?"))
    buttons: dict[str, QAbstractButton] = {}
    send = box.addButton(QApplication.translate("LogoutCheck", "Send now"),
                         QMessageBox.ButtonRole.AcceptRole) if unsent else None
    save = box.addButton(QApplication.translate("LogoutCheck", "Save to the server's Drafts"),
                         QMessageBox.ButtonRole.AcceptRole)
    if send is not None:
        buttons[LogoutChoice.SEND] = send
    buttons[LogoutChoice.SAVE] = save
    buttons[LogoutChoice.DISCARD] = box.addButton(QApplication.translate("LogoutCheck", "Discard"),
                                                  QMessageBox.ButtonRole.DestructiveRole)
    buttons[LogoutChoice.CANCEL] = box.addButton(QApplication.translate("LogoutCheck", "Stay signed in"),
                                                 QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(send or save)
    box.setEscapeButton(buttons[LogoutChoice.CANCEL])
    box.choice_buttons = buttons
    return box


SIGN_OUT_ALL = "*all*"


class SignOutChoiceBox(QMessageBox):
    """Which account to sign out of, or all of them; `choice()` is an account key, SIGN_OUT_ALL or ""."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.choice_buttons: dict[str, QAbstractButton] = {}

    def choice(self) -> str:
        clicked = self.clickedButton()
        return next((key for key, button in self.choice_buttons.items() if button is clicked), "")


def sign_out_choice_box(parent: QWidget | None, accounts: list[tuple[str, str]]) -> SignOutChoiceBox:
    """The question of *Se déconnecter* with several accounts: one button per account, then all."""
    box = SignOutChoiceBox(parent)
    box.setObjectName("signOutChoiceBox")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QApplication.translate("SignOutChoice", "Sign out"))
    box.setText(QApplication.translate("SignOutChoice", "Sign out of which account?"))
    box.setInformativeText(QApplication.translate(
        "SignOutChoice", "The other accounts stay open. Signing out of every account goes back to the "
        "sign-in screen."))
    for key, title in accounts:
        box.choice_buttons[key] = box.addButton(title, QMessageBox.ButtonRole.AcceptRole)
    every = box.addButton(QApplication.translate("SignOutChoice", "All accounts"), QMessageBox.ButtonRole.AcceptRole)
    box.choice_buttons[SIGN_OUT_ALL] = every
    cancel = box.addButton(QApplication.translate("SignOutChoice", "Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(every)
    box.setEscapeButton(cancel)
    return box


def ask_before_logout(parent: QWidget | None, unsent: int, unsaved_drafts: int, *,
                      shared_machine: bool) -> str:
    """Ask what to do with unsent mail / unsaved drafts; a `LogoutChoice` value. No question when none."""
    if not unsent and not unsaved_drafts:
        return LogoutChoice.DISCARD
    box = before_logout_box(parent, unsent, unsaved_drafts, shared_machine=shared_machine)
    box.exec()
    return box.choice()


def policy_problem_box(parent: QWidget | None, problem: str) -> QMessageBox:
    """The visible report of a refused policy (non-modal: the login window stays usable)."""
    box = QMessageBox(parent)
    box.setObjectName("policyProblemBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QApplication.translate("PolicyReport", "Administrator policy"))
    box.setText(QApplication.translate(
        "PolicyReport",
        "The administrator policy of this computer could not be applied. AcMail runs in its safest "
        "mode: shared computer, nothing is kept after you log out."))
    box.setInformativeText(QApplication.translate(
        "PolicyReport", "Please tell your IT support. Technical detail: %1").replace("%1", problem))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setModal(False)
    return box


def prepare(args: argparse.Namespace) -> tuple[Policy, AppPaths, SharedSession | None]:
    """Read the policy and choose where files go, before logging starts."""
    policy = check_policy_resources(load_policy())
    session: SharedSession | None = None
    if policy.shared_machine:
        session = SharedSession.start(default_root(args.base_dir))
        paths = session.paths
    else:
        paths = AppPaths.default(args.base_dir).ensure()
    return policy, paths, session


def _end_session_on_signals(app: QApplication, end_session: Callable[[str], None]) -> QTimer:
    """SIGTERM/SIGHUP/SIGINT end the session (drafts saved to the server, logout, exit) so the exit
    clean-up runs; a second signal exits at once (`Controller.end_session`).

    Python only runs signal handlers between bytecodes: a ticking timer gives it the chance, and the
    work is posted to the event loop rather than done inside the handler.
    """
    for name in ("SIGTERM", "SIGHUP", "SIGINT"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name),
                          lambda number, _frame: QTimer.singleShot(0, lambda: end_session(signal.Signals(number).name)))
    ticker = QTimer(app)
    ticker.timeout.connect(lambda: None)
    ticker.start(250)
    return ticker


def _log_uncaught(kind: type[BaseException], value: BaseException, tb: Any) -> None:
    """An exception nobody caught (a slot, a thread) goes to acmail.log, not only to a stderr nobody reads."""
    log.ui.critical("uncaught exception", exc_info=(kind, value, tb))


def keep_qt_state_private(session: SharedSession | None) -> None:
    """Qt's own files: on a shared machine its QSettings (the file dialog's history, QtProject.conf)
    go into the wiped folder, and Qt's own file dialogs are used (a platform dialog may write
    recent-document lists: GTK's recently-used.xbel, Windows' Recent Items). Before QApplication."""
    if session is None:
        return
    private = str(session.directory / "qt-settings")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, private)
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)


def _wait_for_threads(seconds: float) -> None:
    """Leave even when a background call is stuck on the network: an AcMail with no window that
    never exits is exactly what a shared machine must not have."""
    import os
    import threading
    import time

    deadline = time.monotonic() + seconds
    for thread in threading.enumerate():
        if thread is not threading.main_thread() and not thread.daemon:
            thread.join(max(0.0, deadline - time.monotonic()))
    stuck = [t.name for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon
             and t.is_alive()]
    if stuck:
        log.ui.warning("background work still running at exit (%s): leaving without it", ", ".join(stuck))
        logging_shutdown()
        os._exit(0)


def logging_shutdown() -> None:
    import logging

    logging.shutdown()


def run(args: argparse.Namespace) -> int:
    policy, paths, session = prepare(args)

    def start_logging() -> None:
        log.setup_logging(paths.log_file, debug=args.debug, json_format=args.log_json,
                          to_stderr=args.log_stderr)

    start_logging()
    log.ui.info("AcMail %s starting (profile %s)", __version__, paths.config_dir)
    if policy.broken:
        log.ui.error("administrator policy refused: %s", policy.problem)
        print(f"AcMail: administrator policy refused, safest mode: {policy.problem}", file=sys.stderr)
    elif policy.present:
        log.ui.info("administrator policy %s in force", policy.source)
    if session is not None:
        atexit.register(session.close)  # also on an unexpected exception; a no-op once closed
        log.ui.info("shared machine mode: private session folder, nothing kept")
        for folder in session.recovered:
            log.ui.warning("shared machine: removed the folder of an interrupted session (%s)", folder.name)
    controller: Controller | None = None
    ticker: QTimer | None = None
    box = None
    previous_hook = sys.excepthook
    try:
        sys.excepthook = _log_uncaught
        keep_qt_state_private(session)
        app = _qapp() if QApplication.instance() else QApplication(sys.argv[:1])
        app.setApplicationName(APP_NAME)
        app.setApplicationVersion(__version__)
        app.setOrganizationName(APP_NAME)
        install_focus_style(app)
        install_screen_fit(app)
        context = AppContext.create(paths, use_keyring=not args.no_keyring, policy=policy, shared_session=session)
        context.extra_ca_files.extend(str(Path(p)) for p in args.ca_file)
        install_translations(app, context.settings.get("general.language"))
        from acmail_desktop.ui.theme import apply_theme

        apply_theme(app, str(context.settings.get("display.theme")))
        if getattr(args, "messages", None):  # `acmail message.eml`: a read-only reader, no login
            from acmail_desktop.ui.message_window import run_message_files

            return run_message_files(app, context, args.messages, args.screenshot)
        for problem in context.providers.problems:
            log.ui.warning("profile file skipped: %s:%s: %s", problem.path, problem.line, problem.message)
        controller = Controller(context, on_session_wiped=start_logging)
        if getattr(args, "idle_seconds", None):
            controller.idle.set_interval_ms(int(args.idle_seconds * 1000))
        ticker = _end_session_on_signals(app, controller.end_session)
        # The desktop session is ending (logout, shutdown): save without asking, then go.
        app.commitDataRequest.connect(lambda _manager: controller.end_session("desktop"))
        window = controller.show_login(sign_in_when_remembered=not args.screenshot)
        if not args.screenshot:
            controller.show_first_run()
        log.ui.info("login window shown")
        QTimer.singleShot(0, lambda: prewarm(LATER_MODULES))
        if policy.broken and policy.problem:
            box = policy_problem_box(window, policy.problem)
            box.show()
        if args.screenshot:
            def grab() -> None:
                window.grab().save(args.screenshot)
                if box is not None:  # the refused-policy report too, next to it (end-to-end tests)
                    target = Path(args.screenshot)
                    box.grab().save(str(target.with_name(f"{target.stem}-policy{target.suffix}")))
                app.quit()

            QTimer.singleShot(300, grab)
        status = app.exec()
    finally:
        sys.excepthook = previous_hook
        if ticker is not None:
            ticker.stop()
        if controller is not None:
            controller.shutdown()
            close_windows_except(None)
            forget_clipboard(controller.context.shared_machine)
            remove_opened_attachments(controller.context)
        if box is not None:
            box.close()
        if session is not None:
            log.setup_logging(None, debug=args.debug, json_format=args.log_json, to_stderr=args.log_stderr)
            session.close()
    log.ui.info("AcMail ended")
    _wait_for_threads(5.0)
    return status
