"""States that must not mislead (#19): what the screen says matches what is true."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt

from acmail_desktop.core.secrets import KeyringStore

pytestmark = [pytest.mark.gui, pytest.mark.integration]

needs_keyring = pytest.mark.skipif(not os.environ.get("ACMAIL_SECRET_SERVICE"),
                                   reason="needs the gnome-keyring Secret Service started by scripts/run-tests.sh")


@pytest.mark.keyring
@needs_keyring
def test_after_sign_out_the_login_window_is_fresh_and_offers_the_remembered_password(
        qtbot, make_context, make_account) -> None:  # type: ignore[no-untyped-def]
    from acmail_desktop.ui.app import Controller

    acc = make_account("out")
    store = KeyringStore()
    context = make_context(store=store)
    controller = Controller(context)
    login = controller.show_login()
    qtbot.addWidget(login)
    try:
        login.identifiant.setText(acc.identifiant)
        login.password.setText(acc.password)
        login.remember.setChecked(True)
        with qtbot.waitSignal(login.login_succeeded, timeout=15000):
            qtbot.mouseClick(login.submit_button, Qt.MouseButton.LeftButton)
        window = controller.main_window
        assert window is not None
        qtbot.addWidget(window)
        assert login.status.text() == "Connecté."  # said while it is true
        with qtbot.waitSignal(window.logged_out, timeout=20000):
            window.logout()
        qtbot.waitUntil(login.isVisible, timeout=5000)
        assert login.status.text() == "" and not login.status.isVisible(), "not 'Connecté.' once signed out"
        assert login.identifiant.text() == acc.identifiant
        qtbot.waitUntil(lambda: login.password.text() == acc.password, timeout=5000)
        assert login.remember.isChecked() and not login.busy
    finally:
        store.forget("local", acc.identifiant)
        controller.shutdown()


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
