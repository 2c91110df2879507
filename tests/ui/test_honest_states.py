"""States that must not mislead (#19): what the screen says matches what is true."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt

from acmail_desktop.core.secrets import KeyringStore

pytestmark = [pytest.mark.gui, pytest.mark.integration]

needs_keyring = pytest.mark.skipif(not os.environ.get("ACMAIL_SECRET_SERVICE"),
                                   reason="needs the gnome-keyring Secret Service started by scripts/run-tests.sh")


def test_after_sign_out_the_controller_shows_a_fresh_login_window(qtbot, make_context) -> None:  # type: ignore[no-untyped-def]
    """After Se déconnecter the login window said "Connecté." (the status of the session that ended)."""
    from acmail_desktop.ui.app import Controller

    controller = Controller(make_context())
    login = controller.show_login()
    qtbot.addWidget(login)
    try:
        login._set_busy(False, login.tr("Signed in."))
        login.pin.setText("1234")
        login.hide()  # as when the main window opened
        controller._logged_out()  # what the main window's logged_out signal runs
        assert login.isVisible()
        assert login.status.text() == "" and not login.status.isVisible(), "not 'Connecté.' once signed out"
        assert login.pin.text() == ""
    finally:
        controller.shutdown()


@pytest.mark.keyring
@needs_keyring
def test_signed_out_offers_the_remembered_password_again(qtbot, make_context, make_account) -> None:  # type: ignore[no-untyped-def]
    """The login window shown again after a sign-out asked for the password the keyring held."""
    from acmail_desktop.ui.login import LoginWindow

    acc = make_account("again")
    store = KeyringStore()
    context = make_context(store=store)
    login = LoginWindow(context)
    qtbot.addWidget(login)
    login.show()
    try:
        login.identifiant.setText(acc.identifiant)
        login.password.setText(acc.password)
        login.remember.setChecked(True)
        with qtbot.waitSignal(login.login_succeeded, timeout=15000) as signal:
            qtbot.mouseClick(login.submit_button, Qt.MouseButton.LeftButton)
        signal.args[0].session.logout()
        login.hide()
        assert login.password.text() == ""  # cleared at sign-in, as before
        login.signed_out()
        login.show()
        assert login.status.text() == ""
        qtbot.waitUntil(lambda: login.password.text() == acc.password, timeout=5000)
        assert login.remember.isChecked() and not login.busy
    finally:
        store.forget("local", acc.identifiant)


@pytest.mark.keyring
@needs_keyring
def test_a_passcode_login_keeps_the_remembered_password(qtbot, make_context, make_account,  # type: ignore[no-untyped-def]
                                                        mail_server) -> None:
    from acmail_desktop.ui.login import LoginWindow

    acc = make_account("pc")
    store = KeyringStore()
    store.set_password("local", acc.identifiant, acc.password)
    try:
        context = make_context(store=store)
        context.settings.set("account.identifiant", acc.identifiant)
        context.settings.set("account.remember", True)
        window = LoginWindow(context)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.password.text() == acc.password, timeout=5000)
        window.mode_passcode.setChecked(True)
        passcode = mail_server.fresh_passcode(acc.identifiant)
        window.pin.setText(acc.pin)
        window.otp_code.setText(passcode[-6:])
        with qtbot.waitSignal(window.login_succeeded, timeout=15000) as signal:
            qtbot.mouseClick(window.submit_button, Qt.MouseButton.LeftButton)
        signal.args[0].session.logout()
        qtbot.wait(300)  # the keyring work runs on the login window's worker
        assert store.get_password("local", acc.identifiant) == acc.password
    finally:
        store.forget("local", acc.identifiant)


def test_durations_are_written_the_french_way() -> None:
    from acmail_desktop.ui.diagnostics_wizard import seconds_text

    assert seconds_text(0.1) == "0,1"  # "Terminé en 0,1 s", not "0.1"
    assert seconds_text(12.34) == "12,3"
