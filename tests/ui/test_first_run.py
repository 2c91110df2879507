"""First-run assistant: real widgets, real Dovecot, ends in a logged-in session."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWizard

from acmail_desktop.ui.first_run import FirstRunWizard
from acmail_desktop.ui.login import LoginWindow

pytestmark = [pytest.mark.gui, pytest.mark.integration]


def test_assistant_ends_in_a_session(qtbot, make_context, make_account) -> None:  # type: ignore[no-untyped-def]
    acc = make_account()
    context = make_context()
    login = LoginWindow(context)
    qtbot.addWidget(login)
    wizard = FirstRunWizard(context)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.academie.currentData() == "local"
    wizard.next()
    wizard.identifiant.setText("prenom.nom@acmail.test")
    assert not wizard.currentPage().isComplete(), "an address typed as identifiant blocks the page"
    assert "identifiant" in wizard.identifiant_hint.text()
    wizard.identifiant.setText(acc.identifiant)
    assert wizard.currentPage().isComplete()
    wizard.next()
    wizard.password.setText(acc.password)
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()
    with qtbot.waitSignal(login.login_succeeded, timeout=15000) as signal:
        wizard.apply_to(login)
    signal.args[0].session.logout()
    assert wizard.password.text() == "", "the assistant keeps no copy of the password"
    assert context.settings.get("account.identifiant") == acc.identifiant


def test_passcode_path(qtbot, make_context, make_account, mail_server) -> None:  # type: ignore[no-untyped-def]
    acc = make_account()
    context = make_context()
    login = LoginWindow(context)
    qtbot.addWidget(login)
    wizard = FirstRunWizard(context)
    qtbot.addWidget(wizard)
    wizard.identifiant.setText(acc.identifiant)
    wizard.mode_passcode.setChecked(True)
    assert not wizard.remember.isEnabled()
    passcode = mail_server.fresh_passcode(acc.identifiant)
    wizard.pin.setText(passcode[:-6])
    wizard.code.setText(passcode[-6:])
    with qtbot.waitSignal(login.login_succeeded, timeout=15000) as signal:
        wizard.apply_to(login)
    signal.args[0].session.logout()
