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


def test_national_messagerie_path(qtbot, make_context, national_registry, make_national_account,
                                  mail_server) -> None:  # type: ignore[no-untyped-def]
    """A migrated académie (its profile says so): the assistant asks for the address and an
    application password, no PassCode, and the login it starts goes to the national servers."""
    from dataclasses import replace

    from acmail_desktop.core.providers import ProviderRegistry

    local = national_registry.get("local")
    migrated = replace(local, id="migree", display_name="Académie migrée (test)", domains=("ac-migree.fr",),
                       messagerie_current="nationale")
    providers = ProviderRegistry({**national_registry.providers, "migree": migrated})
    acc = make_national_account()
    context = make_context(providers=providers, academie="migree")
    login = LoginWindow(context)
    qtbot.addWidget(login)
    wizard = FirstRunWizard(context)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.academie.findData("nationale") < 0, "not an académie"
    assert wizard.messagerie_row.isVisible() and wizard.messagerie_nationale.isChecked()
    wizard.next()
    assert wizard.currentPage().title() == "Votre adresse électronique"
    assert wizard.identifiant_label.text() == "Adresse électronique :"
    wizard.identifiant.setText("fdurand")
    assert not wizard.currentPage().isComplete(), "an identifiant is not an address"
    wizard.identifiant.setText(acc.email)
    assert wizard.currentPage().isComplete()
    wizard.next()
    assert "Mots de passe sécurisés" in wizard.currentPage().subTitle()
    assert wizard.password_label.text() == "Mot de passe d'application :"
    assert not wizard.mode_passcode.isVisible() and not wizard.passcode_box.isVisible()
    wizard.password.setText(acc.app_password)
    with qtbot.waitSignal(login.login_succeeded, timeout=15000) as signal:
        wizard.apply_to(login)
    result = signal.args[0]
    try:
        assert result.account.provider.id == "nationale" and result.account.email == acc.email
        assert [a.result for a in mail_server.auth_attempts(acc.email)] == ["ok"]
    finally:
        result.session.logout()
