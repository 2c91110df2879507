"""First run: a short assistant (académie, identifiant, password or PassCode, remember) that ends in
the inbox by handing its answers to the login window, so there is one login path, not two."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from acmail_desktop.core import log
from acmail_desktop.core.context import AppContext
from acmail_desktop.core.identity import check_identifiant
from acmail_desktop.core.providers import Provider
from acmail_desktop.ui.login import LoginWindow, hint_text, serves_academie_staff


class _IdentifiantPage(QWizardPage):
    """Next stays disabled while the identifiant is empty or is an e-mail address."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self._wizard = wizard

    def isComplete(self) -> bool:
        return not self._wizard._identifiant_check().blocking


class FirstRunWizard(QWizard):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("firstRunWizard")
        self.setWindowTitle(self.tr("Welcome to AcMail"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Sign in"))
        self.addPage(self._academie_page())
        self.addPage(self._identifiant_page())
        self.addPage(self._credentials_page())
        # Keyboard users: each page puts the cursor in its field, and when the assistant closes the
        # login window under it gets the keyboard (typing went nowhere until it was clicked).
        self.currentIdChanged.connect(lambda _id: self._focus_page_field())
        self.finished.connect(lambda _result: self._give_keyboard_back())

    def _page_field(self) -> QWidget | None:
        page = self.currentPage()
        if page is None:
            return None
        if self.identifiant.parentWidget() is page:
            return self.identifiant
        if self.password.parentWidget() is page:
            return self.password if self.mode_password.isChecked() else self.pin
        return self.academie if self.academie.isEnabled() else None

    def _focus_page_field(self) -> None:
        field = self._page_field()
        if field is not None:
            field.setFocus(Qt.FocusReason.TabFocusReason)
        log.ui.info("first-run assistant: page %d ready", self.currentId())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._focus_page_field)

    def _give_keyboard_back(self) -> None:
        login = self.parentWidget()
        if isinstance(login, LoginWindow) and login.isVisible():
            login.raise_()
            login.activateWindow()
            login.focus_first_field()

    # --- pages ---------------------------------------------------------------------------------
    def _academie_page(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle(self.tr("Your académie"))
        page.setSubTitle(self.tr("AcMail connects to the mail servers of your académie. Choose it below."))
        self.academie = QComboBox()
        self.academie.setAccessibleName(self.tr("Académie"))
        for provider in self.context.providers.academies():
            self.academie.addItem(provider.display_name, provider.id)
        wanted = self.context.settings.get("account.academie") or self.context.providers.default().id
        self.academie.setCurrentIndex(max(self.academie.findData(wanted), 0))
        self.academie.setEnabled(not self.context.settings.is_locked("account.academie"))
        self.server = QLabel()
        self.server.setWordWrap(True)
        self.academie.currentIndexChanged.connect(self._academie_changed)
        # As on the login screen: the académie's own servers or the national messagerie.
        self.messagerie_academique = QRadioButton(self.tr("Messagerie académique (former)"))
        self.messagerie_nationale = QRadioButton(self.tr("Messagerie nationale"))
        self.messagerie_academique.setChecked(True)
        messagerie_group = QButtonGroup(page)
        messagerie_group.addButton(self.messagerie_academique)
        messagerie_group.addButton(self.messagerie_nationale)
        self.messagerie_row = QWidget()
        messagerie_layout = QHBoxLayout(self.messagerie_row)
        messagerie_layout.setContentsMargins(0, 0, 0, 0)
        messagerie_layout.addWidget(self.messagerie_academique)
        messagerie_layout.addWidget(self.messagerie_nationale)
        messagerie_layout.addStretch(1)
        self.messagerie_label = QLabel(self.tr("Mail system:"))
        layout = QFormLayout(page)
        layout.addRow(self.tr("Académie:"), self.academie)
        layout.addRow(self.messagerie_label, self.messagerie_row)
        layout.addRow("", self.server)
        self.messagerie_nationale.toggled.connect(lambda _checked: self._messagerie_changed())
        self._academie_changed()
        return page

    @property
    def provider(self) -> Provider:
        """The profile the answers are for: the académie's, or the national messagerie's."""
        national = self.context.providers.national()
        if national is not None and self.messagerie_nationale.isChecked():
            return national
        return self.context.providers.get(self.academie.currentData())

    def _offer_messagerie(self) -> None:
        """The same rule as the login screen (`LoginWindow._choose_messagerie`)."""
        academie = self.context.providers.get(self.academie.currentData())
        settings = self.context.settings
        fixed = settings.get("account.messagerie") if settings.is_locked("account.messagerie") else ""
        national = self.context.providers.national()
        offered = (national is not None and not fixed and academie.messagerie_current != "academique"
                   and (academie.messagerie_current == "nationale" or serves_academie_staff(academie)))
        wanted = fixed or (academie.messagerie_current or "academique" if offered else "academique")
        (self.messagerie_nationale if wanted == "nationale" and national is not None
         else self.messagerie_academique).setChecked(True)
        self.messagerie_label.setVisible(offered)
        self.messagerie_row.setVisible(offered)

    def _messagerie_changed(self) -> None:
        """The later pages ask for the address and an application password on the national one."""
        if not hasattr(self, "mode_passcode"):
            return
        provider = self.provider
        national = provider.is_national
        self.server.setText(self.tr("Server: %1").replace("%1", provider.imap.hostname))
        self.identifiant_page.setTitle(self.tr("Your email address") if national else self.tr("Your identifiant"))
        self.identifiant_page.setSubTitle(
            self.tr("The national messagerie signs in with your full email address "
                    "(firstname.lastname@ac-….fr).") if national else
            self.tr("The identifiant is usually the initial of your first name followed by "
                    "your surname (for example fdurand), not your e-mail address."))
        self.identifiant_label.setText(self.tr("Email address:") if national else self.tr("Identifiant:"))
        self.credentials_page.setTitle(self.tr("Your application password") if national
                                       else self.tr("How do you sign in?"))
        self.credentials_page.setSubTitle(
            self.tr("Not your usual password: create an application password in the webmail "
                    "(Préférences → Mots de passe sécurisés → Créer…) and paste it here.") if national else
            self.tr("With your password, or with a PassCode OTP: your PIN followed by the "
                    "6-digit code shown by your token."))
        self.password_label.setText(self.tr("Application password:") if national else self.tr("Password:"))
        self.mode_passcode.setEnabled(provider.otp_kind != "none")
        for widget in (self.mode_password, self.mode_passcode, self.passcode_label, self.passcode_box):
            widget.setVisible(not national)
        if national:
            self.mode_password.setChecked(True)
        self.identifiant_page.completeChanged.emit()

    def _identifiant_page(self) -> QWizardPage:
        page = _IdentifiantPage(self)
        page.setTitle(self.tr("Your identifiant"))
        page.setSubTitle(self.tr("The identifiant is usually the initial of your first name followed by "
                                 "your surname (for example fdurand), not your e-mail address."))
        self.identifiant_page = page
        self.identifiant = QLineEdit(self.context.settings.get("account.identifiant"))
        self.identifiant.setAccessibleName(self.tr("Identifiant"))
        self.identifiant_hint = QLabel()
        self.identifiant_hint.setWordWrap(True)
        self.identifiant_hint.setStyleSheet("color: #8a5a00;")
        self.identifiant.textChanged.connect(self._identifiant_changed)
        self.identifiant.textChanged.connect(page.completeChanged)
        # A vertical layout, not a form row: a word-wrapped hint in a form row gets squeezed.
        layout = QVBoxLayout(page)
        row = QFormLayout()
        self.identifiant_label = QLabel(self.tr("Identifiant:"))
        row.addRow(self.identifiant_label, self.identifiant)
        layout.addLayout(row)
        layout.addWidget(self.identifiant_hint)
        layout.addStretch(1)
        return page

    def _credentials_page(self) -> QWizardPage:
        page = QWizardPage()
        self.credentials_page = page
        page.setTitle(self.tr("How do you sign in?"))
        page.setSubTitle(self.tr("With your password, or with a PassCode OTP: your PIN followed by the "
                                 "6-digit code shown by your token."))
        self.mode_password = QRadioButton(self.tr("Password"))
        self.mode_passcode = QRadioButton(self.tr("PassCode OTP"))
        self.mode_password.setChecked(True)
        group = QButtonGroup(page)
        group.addButton(self.mode_password)
        group.addButton(self.mode_passcode)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName(self.tr("PIN"))
        self.code = QLineEdit()
        self.code.setAccessibleName(self.tr("6-digit code of the token"))
        self.remember = QCheckBox(self.tr("Remember my password on this computer"))
        passcode_box = QWidget()
        passcode_row = QHBoxLayout(passcode_box)
        passcode_row.setContentsMargins(0, 0, 0, 0)
        passcode_row.addWidget(self.pin)
        passcode_row.addWidget(QLabel("+"))
        passcode_row.addWidget(self.code)
        self.passcode_box = passcode_box
        layout = QVBoxLayout(page)
        modes = QHBoxLayout()
        modes.addWidget(self.mode_password)
        modes.addWidget(self.mode_passcode)
        modes.addStretch(1)
        layout.addLayout(modes)
        form = QFormLayout()
        self.password_label = QLabel(self.tr("Password:"))
        self.passcode_label = QLabel(self.tr("PassCode:"))
        form.addRow(self.password_label, self.password)
        form.addRow(self.passcode_label, passcode_box)
        layout.addLayout(form)
        layout.addWidget(self.remember)
        self.mode_password.toggled.connect(self._mode_changed)
        self._mode_changed()
        self._academie_changed()  # the messagerie chosen adapts this page and the identifiant's
        return page

    # --- behaviour -----------------------------------------------------------------------------
    def _academie_changed(self) -> None:
        self._offer_messagerie()
        provider = self.provider
        self.server.setText(self.tr("Server: %1").replace("%1", provider.imap.hostname))
        self._messagerie_changed()

    def _identifiant_check(self):  # type: ignore[no-untyped-def]
        provider = self.provider
        return check_identifiant(self.identifiant.text(), form=provider.identifiant_form,
                                 case=provider.identifiant_case, pattern=provider.identifiant_pattern,
                                 domains=provider.domains)

    def _identifiant_changed(self) -> None:
        check = self._identifiant_check()
        self.identifiant_hint.setText("\n".join(t for t in (hint_text(h, check) for h in check.hints) if t))

    def _mode_changed(self) -> None:
        password = self.mode_password.isChecked()
        self.password.setEnabled(password)
        self.passcode_box.setEnabled(not password)
        allowed = password and self.context.credential_store.available and self.context.policy_allows_remember
        self.remember.setEnabled(allowed)
        if not allowed:
            self.remember.setChecked(False)

    def apply_to(self, login: LoginWindow) -> None:
        """Fill the login window with the answers and start the one real login path."""
        index = login.academie.findData(self.academie.currentData())
        if index >= 0:
            login.academie.setCurrentIndex(index)
        if login.messagerie_row.isVisibleTo(login):
            (login.messagerie_nationale if self.messagerie_nationale.isChecked()
             else login.messagerie_academique).setChecked(True)
        login.identifiant.setText(self.identifiant.text())
        if self.mode_passcode.isChecked():
            login.mode_passcode.setChecked(True)
            login.pin.setText(self.pin.text())
            login.otp_code.setText(self.code.text())
        else:
            login.mode_password.setChecked(True)
            login.password.setText(self.password.text())
            login.remember.setChecked(self.remember.isChecked())
        for field in (self.password, self.pin, self.code):
            field.clear()
        login.submit()
