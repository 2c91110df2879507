"""The login screen: académie, identifiant, password or PassCode OTP, and help when it fails."""

from __future__ import annotations

import html
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from acmail_desktop.core import errors, log
from acmail_desktop.core.account import Account, AccountIdentity
from acmail_desktop.core.context import AppContext
from acmail_desktop.core.identity import Hint, IdentifiantCheck, check_identifiant
from acmail_desktop.core.imap.session import ImapSession
from acmail_desktop.core.otp import Credential, passcode_credential, passcode_problems, password_credential
from acmail_desktop.core.providers import NATIONAL_PROFILE_ID, Provider
from acmail_desktop.core.smtp_choice import provider_for_account, sending_server
from acmail_desktop.ui.catalogue import describe_error, support_line
from acmail_desktop.ui.tasks import ConnectionWorker, ignored

translate = QCoreApplication.translate


@dataclass
class LoginResult:
    account: Account
    session: ImapSession


class _PendingLogin:
    """A sign-in under way on the worker. Cancelling before its session exists stops it before
    any connection (no PassCode spent); after, the session is aborted (socket shut down)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._session: ImapSession | None = None
        self._cancelled = False

    def attach(self, session: ImapSession) -> ImapSession:
        with self._lock:
            self._session = session
            if self._cancelled:
                session.abort()
        return session

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._session is not None:
                self._session.abort()


class CapsLockWatcher(QObject):
    """Qt has no Caps Lock query: infer it from letters typed without Shift."""

    changed = Signal(bool)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            text = event.text()
            if len(text) == 1 and text.isalpha() and text.lower() != text.upper():
                shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.changed.emit(text.isupper() != shift)
        return False


class LoginWindow(QWidget):
    login_succeeded = Signal(object)          # LoginResult
    diagnostics_requested = Signal(str, str)  # provider id, identifiant

    def __init__(self, context: AppContext, parent: QWidget | None = None, *, adding: bool = False) -> None:
        super().__init__(parent)
        self.context = context
        # `adding`: the same form inside *Ajouter un compte* (ui/add_account.py): it starts empty (not
        # the last account's identifiant and remembered password) and leaves the login screen's
        # remembered choice alone.
        self.adding = adding
        # Called with (profile id, identifiant) before any connection; raises the policy's typed
        # refusal (AccountAddingForbidden, AccountDomainNotAllowed), shown like any other error.
        self.check_before_sign_in: Callable[[str, str], None] | None = None
        self.setObjectName("addAccountForm" if adding else "loginWindow")
        self.setWindowTitle(self.tr("AcMail — Add an account") if adding else self.tr("AcMail — Sign in"))
        self._worker = ConnectionWorker("login", self)
        self._attempt = 0
        self._pending: _PendingLogin | None = None
        self._auto_sign_in = False  # set once at start-up (sign_in_when_remembered)
        self._automatic_attempt: int | None = None
        self._failures: dict[str, int] = {}
        self._confirmed_risky_attempt = False
        # How "another address" finds servers; tests point it at loopback servers.
        self.discover_fn: Callable[[str], Any] | None = None
        self._build()
        self._load_initial_state()
        self._worker.submit(self.context.ssl_context, None, ignored("TLS context warm-up"))  # warm, off the GUI thread

    # --- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = self.outer_layout = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.setSpacing(10)

        title = QLabel("AcMail")
        title.setObjectName("loginTitle")
        title.setStyleSheet("font-size: 22pt; font-weight: 600;")
        subtitle = QLabel(self.tr("Email for French national education staff"))
        subtitle.setWordWrap(True)
        _use_secondary_colour(subtitle)
        outer.addWidget(title)
        outer.addWidget(subtitle)

        form = QFormLayout()
        self.form = form
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.academie = QComboBox()
        self.academie.setAccessibleName(self.tr("Académie"))
        for provider in self.context.providers.academies():
            self.academie.addItem(provider.display_name, provider.id)
        self.academie.insertSeparator(self.academie.count())
        self.academie.addItem(self.tr("Another address (automatic search)…"), OTHER_ADDRESS)
        form.addRow(self.tr("&Académie:"), self.academie)

        # Per académie: its own (old) servers or the national messagerie, when both may be current.
        self.messagerie_row = QWidget()
        self.messagerie_row.setObjectName("messagerieRow")
        messagerie_layout = QHBoxLayout(self.messagerie_row)
        messagerie_layout.setContentsMargins(0, 0, 0, 0)
        self.messagerie_academique = QRadioButton(self.tr("Messagerie a&cadémique (former)"))
        self.messagerie_nationale = QRadioButton(self.tr("Messagerie &nationale"))
        self.messagerie_academique.setChecked(True)
        self.messagerie_group = QButtonGroup(self)
        self.messagerie_group.addButton(self.messagerie_academique, 0)
        self.messagerie_group.addButton(self.messagerie_nationale, 1)
        messagerie_layout.addWidget(self.messagerie_academique)
        messagerie_layout.addWidget(self.messagerie_nationale)
        messagerie_layout.addStretch(1)
        self.messagerie_label = QLabel(self.tr("Mail system:"))
        form.addRow(self.messagerie_label, self.messagerie_row)

        self.server_label = QLabel()
        self.server_label.setObjectName("serverLabel")
        self.server_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.server_label.setTextFormat(Qt.TextFormat.PlainText)
        _use_secondary_colour(self.server_label)
        # Two lines that must never be squeezed when the error box makes the window tall.
        self.server_label.setMinimumHeight(self.server_label.fontMetrics().lineSpacing() * 2 + 2)
        form.addRow("", self.server_label)

        self.identifiant = QLineEdit()
        self.identifiant.setAccessibleName(self.tr("Identifiant"))
        self.identifiant.setPlaceholderText(self.tr("e.g. fdurand"))
        self.identifiant.setClearButtonEnabled(True)
        self.identifiant_hint = QLabel()
        self.identifiant_hint.setObjectName("identifiantHint")
        self.identifiant_hint.setWordWrap(True)
        self.identifiant_hint.setStyleSheet("color: #8a5a00;")
        self.identifiant_hint.hide()
        # Field and hint share one form cell: QFormLayout over-estimates a wrapped label in a row of
        # its own, which left a blank band under the hint.
        identifiant_box = QWidget()
        identifiant_layout = QVBoxLayout(identifiant_box)
        identifiant_layout.setContentsMargins(0, 0, 0, 0)
        identifiant_layout.setSpacing(4)
        identifiant_layout.addWidget(self.identifiant)
        identifiant_layout.addWidget(self.identifiant_hint)
        self.identifiant_label = QLabel(self.tr("&Identifiant:"))
        self.identifiant_label.setBuddy(self.identifiant)
        form.addRow(self.identifiant_label, identifiant_box)

        mode_widget = QWidget()
        mode_row = QHBoxLayout(mode_widget)
        mode_row.setContentsMargins(0, 0, 0, 0)
        self.mode_password = QRadioButton(self.tr("Pass&word"))
        self.mode_passcode = QRadioButton(self.tr("PassCode &OTP"))
        self.mode_password.setChecked(True)
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.mode_password, 0)
        self.mode_group.addButton(self.mode_passcode, 1)
        mode_row.addWidget(self.mode_password)
        mode_row.addWidget(self.mode_passcode)
        mode_row.addStretch(1)
        self.mode_label = QLabel(self.tr("Sign in with:"))
        self.mode_widget = mode_widget
        form.addRow(self.mode_label, mode_widget)

        self.secret_stack = QStackedWidget()
        password_page = QWidget()
        password_layout = QHBoxLayout(password_page)
        password_layout.setContentsMargins(0, 0, 0, 0)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.show_password = QAction(self.tr("Show password"), self)
        self.show_password.setCheckable(True)
        self.show_password.setIcon(QIcon.fromTheme("view-reveal-symbolic"))
        self.show_password.toggled.connect(self._toggle_password_visibility)
        self.password.addAction(self.show_password, QLineEdit.ActionPosition.TrailingPosition)
        self.show_password_box = QCheckBox(self.tr("Show"))
        self.show_password_box.setAccessibleName(self.tr("Show password"))
        self.show_password_box.toggled.connect(self.show_password.setChecked)
        password_layout.addWidget(self.password, 1)
        password_layout.addWidget(self.show_password_box)
        passcode_page = QWidget()
        passcode_layout = QHBoxLayout(passcode_page)
        passcode_layout.setContentsMargins(0, 0, 0, 0)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName(self.tr("PIN code"))
        self.pin.setPlaceholderText(self.tr("PIN"))
        self.pin.setMaxLength(8)
        self.otp_code = QLineEdit()
        self.otp_code.setAccessibleName(self.tr("6-digit code from the token"))
        self.otp_code.setPlaceholderText(self.tr("token code (6 digits)"))
        self.otp_code.setMaxLength(7)
        self.otp_code.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        passcode_layout.addWidget(self.pin, 1)
        passcode_layout.addWidget(QLabel("+"))
        passcode_layout.addWidget(self.otp_code, 2)
        self.secret_stack.addWidget(password_page)
        self.secret_stack.addWidget(passcode_page)
        self.secret_label = QLabel(self.tr("&Password:"))
        self.secret_label.setBuddy(self.password)
        # The national messagerie takes an application password made in its webmail: say how (in
        # the password's cell: a wrapped label in a form row of its own left blank bands around it).
        self.app_password_steps = QLabel()
        self.app_password_steps.setObjectName("appPasswordSteps")
        self.app_password_steps.setWordWrap(True)
        self.app_password_steps.setOpenExternalLinks(True)
        self.app_password_steps.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.app_password_steps.hide()
        secret_box = QWidget()
        secret_layout = QVBoxLayout(secret_box)
        secret_layout.setContentsMargins(0, 0, 0, 0)
        secret_layout.setSpacing(4)
        secret_layout.addWidget(self.secret_stack)
        secret_layout.addWidget(self.app_password_steps)
        form.addRow(self.secret_label, secret_box)
        # TOTP profiles: AcMail makes the code when a secret is enrolled, else offers to enrol.
        self.totp_row = QWidget()
        self.totp_row.setObjectName("totpRow")
        totp_layout = self.totp_layout = QHBoxLayout(self.totp_row)
        totp_layout.setContentsMargins(0, 0, 0, 0)
        self.totp_code_widget: Any = None
        self.totp_enrol_button = QPushButton(self.tr("Set up the code generator…"))
        self.totp_enrol_button.setObjectName("totpEnrolButton")
        self.totp_enrol_button.setFlat(True)
        self.totp_enrol_button.clicked.connect(self._enrol_totp)
        totp_layout.addWidget(self.totp_enrol_button)
        totp_layout.addStretch(1)
        self.totp_row.hide()
        form.addRow("", self.totp_row)

        self.caps_lock_label = QLabel(self.tr("Caution: Caps Lock seems to be on."))
        self.caps_lock_label.setObjectName("capsLockLabel")
        self.caps_lock_label.setStyleSheet("color: #8a5a00;")
        self.caps_lock_label.hide()
        form.addRow("", self.caps_lock_label)

        self.remember = QCheckBox(self.tr("&Remember me"))
        self.remember.setAccessibleName(self.tr("Remember me"))
        form.addRow("", self.remember)
        outer.addLayout(form)
        # Rows shown on demand take no room while hidden (an empty label still made a gap).
        for widget in (self.totp_row, self.caps_lock_label):
            form.setRowVisible(widget, False)

        self.error_frame = QFrame()
        self.error_frame.setObjectName("errorFrame")
        self.error_frame.setStyleSheet(
            "#errorFrame { background: #fdecea; border: 1px solid #e0b4b4; border-radius: 4px; }")
        error_layout = QVBoxLayout(self.error_frame)
        self.error_title = QLabel()
        self.error_title.setStyleSheet("font-weight: 600; color: #8b1a1a;")
        self.error_text = QLabel()
        self.error_text.setWordWrap(True)
        self.error_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lock_countdown = QLabel()
        self.lock_countdown.setObjectName("lockCountdown")
        self.lock_countdown.setStyleSheet("font-weight: 600;")
        self.lock_countdown.hide()
        self.error_action = QLabel()
        self.error_action.setWordWrap(True)
        self.error_action.setOpenExternalLinks(True)
        error_layout.addWidget(self.error_title)
        error_layout.addWidget(self.error_text)
        error_layout.addWidget(self.error_action)
        error_layout.addWidget(self.lock_countdown)
        self.error_diagnose_button = QPushButton(self.tr("Dia&gnose"))
        self.error_diagnose_button.setObjectName("errorDiagnoseButton")
        self.error_diagnose_button.clicked.connect(self._request_diagnostics)
        self.error_diagnose_button.hide()
        error_buttons = QHBoxLayout()
        error_buttons.addStretch(1)
        error_buttons.addWidget(self.error_diagnose_button)
        error_layout.addLayout(error_buttons)
        self.error_frame.setAccessibleName(self.tr("Error message"))
        self.error_frame.hide()
        outer.addWidget(self.error_frame)

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("statusLabel")
        self.status.hide()
        outer.addWidget(self.progress)
        outer.addWidget(self.status)

        buttons = QHBoxLayout()
        self.diagnose_button = QPushButton(self.tr("&Diagnose the connection"))
        self.diagnose_button.setFlat(True)
        self.cancel_button = QPushButton(self.tr("&Cancel"))
        self.cancel_button.hide()
        self.submit_button = QPushButton(self.tr("&Sign in"))
        self.submit_button.setDefault(True)
        self.submit_button.setAutoDefault(True)
        self.help_button = QPushButton(self.tr("&Help"))
        self.help_button.setFlat(True)
        buttons.addWidget(self.diagnose_button)
        buttons.addWidget(self.help_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.submit_button)
        outer.addLayout(buttons)

        self.forgot_link = QLabel()
        self.forgot_link.setObjectName("forgotLink")
        self.forgot_link.setOpenExternalLinks(True)
        self.forgot_link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.support_label = QLabel()
        self.support_label.setObjectName("supportLabel")
        self.support_label.setWordWrap(True)
        self.support_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.forgot_link)
        outer.addWidget(self.support_label)
        outer.addStretch(1)

        self.caps_watcher = CapsLockWatcher(self)
        for field in (self.password, self.pin):
            field.installEventFilter(self.caps_watcher)
        self.caps_watcher.changed.connect(lambda on: self.form.setRowVisible(self.caps_lock_label, on))

        self.academie.currentIndexChanged.connect(self._provider_changed)
        self.messagerie_group.idToggled.connect(self._messagerie_toggled)
        self.mode_group.idToggled.connect(self._mode_changed)
        self.identifiant.editingFinished.connect(self._show_identifiant_hints)
        self.identifiant.editingFinished.connect(self._update_totp)
        for field in (self.identifiant, self.password, self.pin, self.otp_code):
            field.returnPressed.connect(self.submit)
        self.submit_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.cancel)
        self.diagnose_button.clicked.connect(self._request_diagnostics)
        self.help_button.clicked.connect(self.open_help)
        self._lock_timer = QTimer(self)
        self._lock_timer.setInterval(1000)
        self._lock_timer.timeout.connect(self._tick_lock)
        self._locked_until = 0.0
        self._last_index = 0
        self.setTabOrder(self.academie, self.messagerie_academique)
        self.setTabOrder(self.messagerie_academique, self.messagerie_nationale)
        self.setTabOrder(self.messagerie_nationale, self.identifiant)
        self.setMinimumWidth(520)

    # --- state -------------------------------------------------------------------------------
    def _load_initial_state(self) -> None:
        settings = self.context.settings
        wanted = settings.get("account.academie") or self.context.providers.default().id
        remembered = settings.get("account.messagerie")
        if wanted == NATIONAL_PROFILE_ID:  # not an académie: its académie is not known, take the default
            wanted, remembered = self.context.providers.default().id, "nationale"
        index = self.academie.findData(wanted)
        self.academie.blockSignals(True)
        self.academie.setCurrentIndex(index if index >= 0 else 0)
        self.academie.blockSignals(False)
        self.academie.setEnabled(not settings.is_locked("account.academie"))
        self._last_index = self.academie.currentIndex()
        self._choose_messagerie(self.academie_provider, remembered)
        self._apply_profile()
        if self.adding:
            self._update_remember_availability()
            self.focus_first_field()
            return
        self.identifiant.setText(settings.get("account.identifiant"))
        if settings.get("account.auth_mode") == "passcode" and self.mode_passcode.isEnabled():
            self.mode_passcode.setChecked(True)
        self.remember.setChecked(bool(settings.get("account.remember")))
        self._update_remember_availability()
        self.focus_first_field()
        if self.context.credential_store.available and self.identifiant.text():
            provider_id, ident = self.provider.id, self.identifiant.text()
            store = self.context.credential_store
            self._worker.submit(lambda: store.get_password(provider_id, ident),
                                self._stored_password_loaded, ignored("remembered password read"))

    def prefill(self, provider_id: str, identifiant: str, auth_mode: str = "password") -> None:
        """An account named in advance (the administrator's predefined one, an account signed out):
        its académie, identifiant and way of signing in; the user types the secret. Its remembered
        password, if any, is offered as at start-up."""
        index = self.academie.findData(provider_id)
        if index >= 0 and index != self.academie.currentIndex():
            self.academie.setCurrentIndex(index)
        self.identifiant.setText(identifiant)
        if auth_mode == "passcode" and self.mode_passcode.isEnabled():
            self.mode_passcode.setChecked(True)
        self.focus_first_field()
        if self.context.credential_store.available and identifiant and auth_mode != "passcode":
            provider, store = self.provider.id, self.context.credential_store
            self._worker.submit(lambda: store.get_password(provider, identifiant),
                                self._stored_password_loaded, ignored("remembered password read"))

    def signed_out(self) -> None:
        """Shown again after *Se déconnecter*: nothing left of the session that ended ("Connecté.",
        an error, a typed PIN or code), and the remembered password offered again from the keyring,
        as at start-up (without signing in by itself)."""
        # Never by itself after a sign-out: the start-up request may still be pending when the
        # first start had no identifiant to look up (it signed the user straight back in).
        self._auto_sign_in = False
        self._set_busy(False, "")
        self._hide_error()
        for field in (self.password, self.pin, self.otp_code):
            field.clear()
        self._load_initial_state()

    def _stored_password_loaded(self, password: str | None) -> None:
        auto, self._auto_sign_in = self._auto_sign_in, False
        if password and not self.password.text() and self.mode_password.isChecked():
            self.password.setText(password)
            self.remember.setChecked(True)
            if auto and self.remember.isEnabled() and not self.busy:
                self.submit()
                if self.busy:
                    self._automatic_attempt = self._attempt

    def sign_in_when_remembered(self) -> None:
        """At start-up only: when the password of the shown identifiant is remembered (never on a
        shared machine, never a PassCode), sign in with it at once, as a desktop mail client
        does. One attempt: if the server rejects the password, it is forgotten, so a changed
        password never costs one failed attempt per start (académie accounts lock after a few)."""
        self._auto_sign_in = True

    @property
    def academie_provider(self) -> Provider:
        """The profile chosen in the académie list (never the national one, which is not an académie)."""
        data = self.academie.currentData()
        if data == OTHER_ADDRESS:
            data = self.academie.itemData(self._last_index)
        return self.context.providers.get(data)

    @property
    def provider(self) -> Provider:
        """The profile the sign-in uses: the académie's, or the national messagerie's when chosen."""
        national = self.context.providers.national()
        if national is not None and self.uses_national:
            return national
        return self.academie_provider

    @property
    def uses_national(self) -> bool:
        return self.messagerie_nationale.isChecked() and self.context.providers.national() is not None

    def _messagerie_policy(self) -> str:
        """The administrator's fixed choice ("academique"/"nationale"), or "" when the user chooses."""
        settings = self.context.settings
        return settings.get("account.messagerie") if settings.is_locked("account.messagerie") else ""

    def _choose_messagerie(self, academie: Provider, remembered: str = "") -> None:
        """Offer the choice when the académie's profile says the national messagerie is current or is
        unsure (most académies: which have moved is not public); preselect what is most likely."""
        national = self.context.providers.national()
        fixed = self._messagerie_policy()
        offered = (national is not None and not fixed and academie.messagerie_current != "academique"
                   and (academie.messagerie_current == "nationale" or serves_academie_staff(academie)))
        if fixed:
            wanted = fixed
        elif not offered:
            wanted = "academique"
        else:
            wanted = remembered or academie.messagerie_current or "academique"
        self.messagerie_group.blockSignals(True)
        (self.messagerie_nationale if wanted == "nationale" and national is not None
         else self.messagerie_academique).setChecked(True)
        self.messagerie_group.blockSignals(False)
        self.messagerie_label.setVisible(offered)
        self.messagerie_row.setVisible(offered)

    def _messagerie_toggled(self, _button_id: int, checked: bool) -> None:
        if checked:
            self._hide_error()
            self._apply_profile()

    def _provider_changed(self) -> None:
        if self.academie.currentData() == OTHER_ADDRESS:
            self.academie.blockSignals(True)
            self.academie.setCurrentIndex(self._last_index)
            self.academie.blockSignals(False)
            self.open_discovery()
            return
        self._last_index = self.academie.currentIndex()
        self._choose_messagerie(self.academie_provider)
        self._apply_profile()

    def _apply_profile(self) -> None:
        """Adapt the form to the profile in use: labels, PassCode, links, the application-password steps."""
        provider = self.provider
        imap, smtp = provider.imap, provider.smtp
        unconfirmed = self.tr(" (unconfirmed)") if "imap.hostname" in provider.unverified else ""
        incoming = self.tr("Incoming: %1:%2").replace("%1", imap.hostname).replace("%2", str(imap.port))
        outgoing = self.tr("Outgoing: %1:%2").replace("%1", smtp.hostname).replace("%2", str(smtp.port))
        self.server_label.setText(incoming + unconfirmed + "\n" + outgoing)
        self.mode_passcode.setEnabled(provider.otp_kind != "none")
        if provider.otp_kind == "none":
            self.mode_password.setChecked(True)
        national = provider.is_national
        # No PassCode on the national messagerie: the choice row would only show a greyed option.
        self.mode_label.setVisible(not national)
        self.mode_widget.setVisible(not national)
        if national:
            self.identifiant_label.setText(self.tr("&Email address:"))
            self.identifiant.setAccessibleName(self.tr("Email address"))
            domain = self.academie_provider.domains[0] if self.academie_provider.domains else "ac-academie.fr"
            self.identifiant.setPlaceholderText(self.tr("e.g. firstname.lastname@%1").replace("%1", domain))
            self.secret_label.setText(self.tr("Application &password:"))
            self.password.setAccessibleName(self.tr("Application password"))
            self.app_password_steps.setText(self._app_password_steps(provider))
        else:
            self.identifiant_label.setText(self.tr("&Identifiant:"))
            self.identifiant.setAccessibleName(self.tr("Identifiant"))
            self.identifiant.setPlaceholderText(self.tr("e.g. fdurand"))
            self.secret_label.setText(self.tr("&PassCode:") if self.mode_passcode.isChecked()
                                      else self.tr("&Password:"))
            self.password.setAccessibleName(self.tr("Password"))
        self.app_password_steps.setVisible(national)
        if national:
            self.forgot_link.hide()
        elif provider.password_reset_url:
            self.forgot_link.setText(f'<a href="{_attr(provider.password_reset_url)}">'
                                     + self.tr("I don't know my password") + "</a>")
            self.forgot_link.show()
        else:
            self.forgot_link.hide()
        support = support_line(provider)
        self.support_label.setText(self.tr("Support: %1").replace("%1", support) if support else "")
        self._show_identifiant_hints()
        self._update_totp()

    def _mode_changed(self, button_id: int, checked: bool) -> None:
        if not checked:
            return
        passcode = button_id == 1
        self.secret_stack.setCurrentIndex(1 if passcode else 0)
        if passcode or not self.provider.is_national:
            self.secret_label.setText(self.tr("&PassCode:") if passcode else self.tr("&Password:"))
        self.secret_label.setBuddy(self.pin if passcode else self.password)
        self._update_remember_availability()
        self._update_totp()

    def _app_password_steps(self, provider: Provider) -> str:
        """Rich text: the usual password is refused; where and how to create an application password."""
        url = provider.app_password_url or provider.webmail_url
        link = (f'<a href="{_attr(url)}">{html.escape(url)}</a>' if url
                else html.escape(self.tr("the national messagerie's webmail")))
        return (html.escape(self.tr("Not your usual password: an application password created for this "
                                    "computer."))
                + "<br>" + html.escape(self.tr("In the webmail (%1): Préférences → Mots de passe sécurisés → "
                                               "Créer…, then copy the generated password here."))
                .replace("%1", link))

    # --- TOTP profiles -----------------------------------------------------------------------------
    def _update_totp(self) -> None:
        """PassCode mode of a `totp` profile: show the generated code, or the enrolment link."""
        wanted = self.provider.otp_kind == "totp" and self.mode_passcode.isChecked()
        self.form.setRowVisible(self.totp_row, wanted)
        if not wanted:
            return
        store, provider_id = self.context.credential_store, self.provider.id
        ident = self.identifiant.text().strip()

        def lookup() -> str | None:
            return store.get_totp_secret(provider_id, ident) if ident else None

        self._worker.submit(lookup, lambda secret: self._show_totp(ident, secret),
                            lambda _exc: self._show_totp(ident, None))

    def _show_totp(self, identifiant: str, secret: str | None) -> None:
        from acmail_desktop.core.otp import TotpGenerator
        from acmail_desktop.ui.totp import TotpCodeWidget

        if identifiant != self.identifiant.text().strip():
            return
        if self.totp_code_widget is not None:
            self.totp_code_widget.deleteLater()
            self.totp_code_widget = None
        self.totp_enrol_button.setVisible(secret is None)
        if secret is None:
            return
        widget = TotpCodeWidget(TotpGenerator(secret), self.totp_row)
        widget.code_changed.connect(self.otp_code.setText)
        self.totp_layout.insertWidget(0, widget)
        self.totp_code_widget = widget
        self.otp_code.setText(widget.code)

    def _enrol_totp(self) -> None:
        from acmail_desktop.ui.totp import TotpEnrolDialog

        ident = self.identifiant.text().strip()
        if not ident:
            self._show_inline_error(self.tr("Type your identifiant first."), self.identifiant)
            return
        dialog = TotpEnrolDialog(self.context.credential_store, self.provider.id, ident, self)
        dialog.enrolled.connect(self._update_totp)
        self.totp_dialog = dialog
        dialog.open()

    def _update_remember_availability(self) -> None:
        allowed = (self.context.credential_store.available and self.mode_password.isChecked()
                   and self.context.policy_allows_remember)
        self.remember.setEnabled(allowed)
        if not allowed:
            self.remember.setChecked(False)
        if not self.context.credential_store.available:
            self.remember.setToolTip(self.tr("No secure keyring available: nothing will be remembered."))
        elif not self.context.policy_allows_remember:
            self.remember.setToolTip(self.tr("Disabled by your administrator."))
        elif self.mode_passcode.isChecked():
            self.remember.setToolTip(self.tr("A PassCode works only once: it is never remembered."))
        else:
            self.remember.setToolTip("")

    def _toggle_password_visibility(self, visible: bool) -> None:
        self.password.setEchoMode(QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password)
        self.show_password_box.setChecked(visible)

    def _check_identifiant(self) -> IdentifiantCheck:
        provider = self.provider
        return check_identifiant(self.identifiant.text(), form=provider.identifiant_form,
                                 case=provider.identifiant_case, pattern=provider.identifiant_pattern,
                                 domains=provider.domains)

    def _show_identifiant_hints(self) -> IdentifiantCheck:
        check = self._check_identifiant()
        texts = [hint_text(h, check) for h in check.hints if h != Hint.EMPTY]
        self.identifiant_hint.setText("\n".join(t for t in texts if t))
        self.identifiant_hint.setVisible(bool(self.identifiant_hint.text()))
        self._fit_to_contents()
        return check

    # --- actions -----------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._pending is not None

    def submit(self) -> None:
        if self.busy:
            return
        self._hide_error()
        check = self._show_identifiant_hints()
        if Hint.EMPTY in check.hints:
            self._show_inline_error(self.tr("Enter your email address.") if self.provider.is_national
                                    else self.tr("Enter your identifiant."), self.identifiant)
            return
        if check.blocking:
            self.identifiant_hint.hide()  # its text moves to the error box: say it once
            self._show_inline_error(self.identifiant_hint.text(), self.identifiant)
            return
        if check.normalised != self.identifiant.text():
            self.identifiant.setText(check.normalised)
        if self.check_before_sign_in is not None:
            try:
                self.check_before_sign_in(self.provider.id, check.normalised)
            except errors.AcmailError as exc:
                message = describe_error(exc, self.provider)
                self._show_error(message.title, message.text, message.action)
                return
        try:
            credential = self._credential(check.normalised)
        except errors.InputError:
            return
        key = f"{self.provider.id}:{check.normalised}"
        if self._failures.get(key, 0) >= 2 and not self._confirmed_risky_attempt:
            self._confirmed_risky_attempt = True
            self._show_error(self.tr("Caution: risk of account lockout"),
                             self.tr("The last two attempts failed. One more failure may lock your "
                                     "account (and sometimes your school's)."),
                             self.tr("Check what you typed, or run the diagnostics. Click Sign in again "
                                     "to try anyway."))
            return
        self._confirmed_risky_attempt = False
        self._start_login(check.normalised, credential)

    def _credential(self, username_ident: str) -> Credential:
        # The address is needed by every profile whose login is the full address (the national
        # messagerie's %EMAILADDRESS%): without it the template cannot be filled (ValueError).
        identity = AccountIdentity(self.provider, username_ident)
        username = self.provider.imap.username_for(username_ident, identity.email)
        if self.mode_passcode.isChecked():
            problems = passcode_problems(self.pin.text().strip(), self.otp_code.text().replace(" ", ""))
            if "pin_shape" in problems:
                self._show_inline_error(self.tr("The PIN must have 4 to 8 digits."), self.pin)
                raise errors.InputError("pin")
            if "code_shape" in problems:
                self._show_inline_error(self.tr("The token code must have 6 digits."), self.otp_code)
                raise errors.InputError("code")
            return passcode_credential(username, self.pin.text(), self.otp_code.text())
        if not self.password.text():
            self._show_inline_error(self.tr("Enter your application password.") if self.provider.is_national
                                    else self.tr("Enter your password."), self.password)
            raise errors.InputError("password")
        return password_credential(username, self.password.text())

    def _start_login(self, identifiant: str, credential: Credential) -> None:
        """Everything that can take time runs on the worker, the SSL context included (its first
        build loads the system CAs, ~50 ms); `cancel()` reaches the attempt through `_pending`."""
        provider = self.provider
        context = self.context
        timeout = context.settings.get("network.timeout_s")
        compress = context.settings.get("network.compress")
        self._attempt += 1
        attempt = self._attempt
        pending = self._pending = _PendingLogin()
        self._set_busy(True, self.tr("Connecting to %1…").replace("%1", provider.imap.hostname))
        remember = self.remember.isChecked() and self.remember.isEnabled()
        password = credential.secret.reveal() if credential.kind == "password" else None
        store = context.credential_store

        identity = AccountIdentity(provider, identifiant)
        smtp = sending_server(context.settings, identity.key, provider)

        def work() -> LoginResult:
            account = Account(identity, credential, context.ssl_context(), timeout=timeout, compress=compress,
                              smtp=smtp)
            session = pending.attach(account.new_imap_session())
            account.open_imap(session)
            if remember and password:
                try:
                    store.set_password(provider.id, identifiant, password)
                except errors.KeyringUnavailable:
                    log.auth.warning("could not store the password in the keyring")
            return LoginResult(account, session)

        self._worker.submit(work, lambda result: self._login_done(attempt, result),
                            lambda exc: self._login_failed(attempt, identifiant, exc))
        self.pin.clear()
        self.otp_code.clear()

    def _forget_password(self, provider_id: str, identifiant: str) -> None:
        """Remove a remembered password, on the worker (the keyring is D-Bus; failures are moot)."""
        store = self.context.credential_store
        self._worker.submit(lambda: store.delete_password(provider_id, identifiant), None, ignored("keyring delete"))

    def cancel(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            self._attempt += 1  # the result of the abandoned attempt is ignored when it arrives
            pending.cancel()
        self._set_busy(False, self.tr("Sign-in cancelled."))

    def _login_done(self, attempt: int, result: LoginResult) -> None:
        if attempt != self._attempt:
            result.session.logout()
            return
        self._pending = None
        self._set_busy(False, self.tr("Signed in."))
        identity = result.account.identity
        self._failures.pop(identity.key, None)
        settings = self.context.settings
        messagerie = "nationale" if identity.provider.is_national else "academique"
        for key, value in () if self.adding else (("account.academie", self.academie_provider.id),
                           ("account.messagerie", messagerie if self.messagerie_row.isVisibleTo(self) else ""),
                           ("account.identifiant", identity.identifiant),
                           ("account.auth_mode", "passcode" if self.mode_passcode.isChecked() else "password"),
                           ("account.remember", self.remember.isChecked())):
            if not settings.is_locked(key):
                settings.set(key, value)
        # Unticking "remember" forgets the password; a PassCode login says nothing about it (the
        # box is off in that mode), so it must not silently delete the remembered password.
        if self.mode_password.isChecked() and not self.remember.isChecked() \
                and self.context.credential_store.available:
            self._forget_password(identity.provider.id, identity.identifiant)
        self.password.clear()
        self.login_succeeded.emit(result)

    def _login_failed(self, attempt: int, identifiant: str, error: BaseException) -> None:
        if attempt != self._attempt:
            return
        self._pending = None
        self._set_busy(False, "")
        if attempt == self._automatic_attempt and isinstance(error, errors.AuthFailed):
            self._forget_password(self.provider.id, identifiant)
            log.auth.info("remembered password rejected by the server: forgotten")
        if isinstance(error, errors.AuthError):
            key = f"{self.provider.id}:{identifiant}"
            self._failures[key] = self._failures.get(key, 0) + 1
        message = describe_error(error, self.provider)
        self._show_error(message.title, message.text, message.action)
        self.error_diagnose_button.setVisible(message.offer_diagnostics)
        if isinstance(error, errors.AccountLocked):
            self._start_lock_countdown(error, identifiant)
        self._fit_to_contents()  # the button and the countdown add rows after _show_error fitted
        if message.ask_new_passcode:
            self.pin.setFocus()
        elif isinstance(error, errors.AuthFailed):
            self.password.selectAll()
            self.password.setFocus()

    # --- lockout countdown, help, other address ---------------------------------------------
    def _start_lock_countdown(self, error: errors.AccountLocked, identifiant: str) -> None:
        """When the server names the lock's length ("15 minutes"), count it down; an attempt
        before the end is warned about like a third failure."""
        minutes = error.retry_minutes
        if minutes is None:
            return
        self._failures[f"{self.provider.id}:{identifiant}"] = max(
            2, self._failures.get(f"{self.provider.id}:{identifiant}", 0))
        self._locked_until = time.monotonic() + minutes * 60
        self._tick_lock()
        self._lock_timer.start()

    def _tick_lock(self) -> None:
        left = int(self._locked_until - time.monotonic())
        if left <= 0:
            self._lock_timer.stop()
            self.lock_countdown.hide()
            return
        self.lock_countdown.setText(self.tr("You can try again in %1.")
                                    .replace("%1", f"{left // 60:d} min {left % 60:02d} s"))
        self.lock_countdown.show()

    def open_help(self) -> QWidget:
        from acmail_desktop.ui.help_window import HelpWindow

        identifiant = self.identifiant.text().strip()
        window = HelpWindow(provider_for_account(self.context.settings, self.provider, identifiant), identifiant)
        window.setParent(self, Qt.WindowType.Window)
        window.diagnostics_requested.connect(lambda *_: self._request_diagnostics())
        window.show()
        self.help_window = window
        return window

    def open_discovery(self) -> QWidget:
        from acmail_desktop.ui.discovery_dialog import DiscoveryDialog

        dialog = DiscoveryDialog(self.context, self, discover_fn=self.discover_fn)
        dialog.provider_added.connect(self._discovered)
        dialog.open()
        self.discovery_dialog = dialog
        return dialog

    def _discovered(self, provider_id: str) -> None:
        provider = self.context.providers.get(provider_id)
        index = self.academie.findData(provider_id)
        if index < 0:
            index = self.academie.count() - 2  # before the separator and "another address"
            self.academie.insertItem(index, provider.display_name, provider_id)
        self.academie.setCurrentIndex(index)
        if provider.identifiant_form == "email" and provider.domains:
            self.identifiant.setText(self.discovery_dialog.email.text().strip())

    def _request_diagnostics(self) -> None:
        self.diagnostics_requested.emit(self.provider.id, self.identifiant.text().strip())

    # --- feedback ----------------------------------------------------------------------------
    def _set_busy(self, busy: bool, status: str) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.submit_button.setEnabled(not busy)
        for widget in (self.academie, self.identifiant, self.password, self.pin, self.otp_code,
                       self.mode_password, self.mode_passcode, self.messagerie_academique,
                       self.messagerie_nationale):
            widget.setEnabled(not busy and (widget is not self.mode_passcode
                                            or self.provider.otp_kind != "none"))
        if not busy and self.context.settings.is_locked("account.academie"):
            self.academie.setEnabled(False)
        self.status.setText(status)
        self.status.setVisible(bool(status))
        self._fit_to_contents()

    def _show_error(self, title: str, text: str, action: str) -> None:
        self.error_diagnose_button.hide()  # shown again by a failed login that offers it
        self.error_title.setText(title)
        self.error_text.setText(text)
        self.error_action.setText(_linkified(action))
        self.error_action.setVisible(bool(action))
        self.error_frame.show()
        self._fit_to_contents()

    def focus_first_field(self) -> None:
        """The keyboard goes to the first field still to fill (identifiant, then password or PIN)."""
        if not self.identifiant.text():
            self.identifiant.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.mode_passcode.isChecked():
            self.pin.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_inline_error(self, text: str, field: QWidget) -> None:
        self._show_error(self.tr("Please check your entry"), text, "")
        field.setFocus()

    def _hide_error(self) -> None:
        self.error_frame.hide()

    def _fit_to_contents(self) -> None:
        """A shown window does not grow by itself: without this a wrapped message squeezes the fields."""
        layout = self.layout()
        if layout is None or not self.isVisible():
            return
        layout.activate()
        width = self.width()
        needed = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else -1
        needed = max(needed, layout.totalMinimumSize().height())
        if needed > self.height():
            self.resize(width, needed)

    def closeEvent(self, event: Any) -> None:
        self.cancel()
        self._worker.shutdown()
        super().closeEvent(event)


OTHER_ADDRESS = "__other_address__"
_URL = re.compile(r"https://[^\s<>\"']+[^\s<>\"'.,;:)]")


def _linkified(text: str) -> str:
    """Plain text with its https links made clickable (the portal to change a password...)."""
    escaped = html.escape(text, quote=False)
    return _URL.sub(lambda m: f'<a href="{html.escape(m.group(0))}">{m.group(0)}</a>', escaped)


def serves_academie_staff(provider: Provider) -> bool:
    """An académie's own profile (its staff's ac-*.fr addresses), whose staff may have moved to the
    national messagerie; not a school's or another organisation's server found by discovery."""
    return any(domain.startswith("ac-") for domain in provider.domains)


def _use_secondary_colour(label: QLabel) -> None:
    """Text half-way between the text and the background: quieter, yet readable in light and dark themes."""
    palette = label.palette()
    text, background = palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window)
    mixed = QColor((text.red() * 2 + background.red()) // 3, (text.green() * 2 + background.green()) // 3,
                   (text.blue() * 2 + background.blue()) // 3)
    palette.setColor(QPalette.ColorRole.WindowText, mixed)
    label.setPalette(palette)


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def hint_text(hint: Hint, check: IdentifiantCheck) -> str:
    """What to tell the user about their identifiant; literal translate() calls so lupdate sees them."""
    if hint == Hint.TRIMMED:
        return translate("IdentifiantHints", "Spaces at the start or the end were removed.")
    if hint == Hint.LOWERCASED:
        return translate("IdentifiantHints", "Identifiants are written in lower case: yours was converted.")
    if hint == Hint.INNER_SPACE:
        return translate("IdentifiantHints", "An identifiant contains no spaces.")
    if hint in (Hint.EMAIL_TYPED, Hint.EMAIL_OTHER_DOMAIN):
        text = translate("IdentifiantHints",
                         "You typed an email address: you sign in with your identifiant (initial of your "
                         "first name followed by your surname, e.g. “fdurand”), not with the address.")
        if check.suggestion:
            text += " " + translate("IdentifiantHints",
                                    "Your identifiant may be “%1” (a digit is sometimes added when two people "
                                    "share the same name).").replace("%1", check.suggestion)
        return text
    if hint == Hint.ACCENTS:
        return translate("IdentifiantHints", "An identifiant usually contains no accents.")
    if hint == Hint.PATTERN_MISMATCH:
        return translate("IdentifiantHints", "This identifiant does not have the usual form for this académie.")
    if hint == Hint.CONTROL_CHARS:
        return translate("IdentifiantHints", "Invisible characters were removed.")
    if hint == Hint.ADDRESS_EXPECTED:
        return translate("IdentifiantHints", "Type your full email address (e.g. firstname.lastname@ac-reunion.fr), "
                                             "not the short identifiant.")
    return ""
