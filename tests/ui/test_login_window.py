"""The login screen with real widgets against the real local Dovecot."""

from __future__ import annotations

import os
import socket
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from acmail_desktop.core.providers import ProviderRegistry
from acmail_desktop.core.secrets import KeyringStore
from acmail_desktop.ui.login import LoginWindow
from acmail_desktop.ui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.integration]


def _window(qtbot, context) -> LoginWindow:  # type: ignore[no-untyped-def]
    window = LoginWindow(context)
    qtbot.addWidget(window)
    window.show()
    return window


def _login_with_password(qtbot, window: LoginWindow, identifiant: str, password: str) -> None:  # type: ignore[no-untyped-def]
    window.identifiant.setText(identifiant)
    window.mode_password.setChecked(True)
    window.password.setText(password)
    qtbot.mouseClick(window.submit_button, Qt.MouseButton.LeftButton)


def _wait_error(qtbot, window: LoginWindow) -> str:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.error_frame.isVisible() and not window.busy, timeout=15000)
    return window.error_title.text()


def test_password_login_opens_inbox(qtbot, make_context, make_account, mail_server) -> None:  # type: ignore[no-untyped-def]
    acc = make_account()
    for n in range(3):
        mail_server.deliver(acc.identifiant, f"From: Élise <elise@acmail.test>\r\nSubject: Message {n}\r\n"
                            "Date: Fri, 27 Nov 2026 10:16:00 +0000\r\n"
                            f"Message-ID: <m{n}@acmail.test>\r\n\r\nCorps {n}\r\n".encode())
    context = make_context()
    window = _window(qtbot, context)
    assert window.server_label.text().count("127.0.0.1") == 2
    with qtbot.waitSignal(window.login_succeeded, timeout=15000) as signal:
        _login_with_password(qtbot, window, acc.identifiant, acc.password)
    result = signal.args[0]
    main = MainWindow(context, result)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.messages_loaded, timeout=15000):
        main.show()
    assert main.message_model.rowCount() == 3
    assert main.windowTitle().startswith("(3)")
    assert main.statusBar().currentMessage() == "3 messages"
    inbox = main.folder_model.index_of("INBOX")
    assert inbox.data() == "Boîte de réception"
    assert main.message_model.headerData(3, Qt.Orientation.Horizontal) == "De"
    with qtbot.waitSignal(main.message_shown, timeout=15000):
        main.message_view.selectRow(0)
    assert "Corps 2" in main.reader.body.toPlainText()
    assert main.reader.subject_label.text() == "Message 2"
    assert "novembre 2026" in main.reader.fields["date"][1].text()
    assert main.reader.fields["to"][1].isHidden(), "no To header: no empty line for it"
    assert context.settings.get("account.identifiant") == acc.identifiant
    assert window.password.text() == ""
    with qtbot.waitSignal(main.logged_out, timeout=15000):
        main.logout()


def test_enter_submits(qtbot, make_context, make_account) -> None:  # type: ignore[no-untyped-def]
    acc = make_account()
    window = _window(qtbot, make_context())
    window.identifiant.setText(acc.identifiant)
    window.password.setText(acc.password)
    with qtbot.waitSignal(window.login_succeeded, timeout=15000) as signal:
        qtbot.keyClick(window.password, Qt.Key.Key_Return)
    signal.args[0].session.logout()


def test_passcode_login_and_replay_asks_for_new_code(qtbot, make_context, make_account, mail_server) -> None:  # type: ignore[no-untyped-def]
    acc = make_account()
    passcode = mail_server.fresh_passcode(acc.identifiant)
    window = _window(qtbot, make_context())
    window.identifiant.setText(acc.identifiant)
    window.mode_passcode.setChecked(True)
    assert window.secret_stack.currentIndex() == 1
    assert not window.remember.isEnabled(), "a PassCode is never remembered"
    window.pin.setText(acc.pin)
    window.otp_code.setText(passcode[-6:])
    with qtbot.waitSignal(window.login_succeeded, timeout=15000) as signal:
        qtbot.mouseClick(window.submit_button, Qt.MouseButton.LeftButton)
    signal.args[0].session.logout()
    assert window.pin.text() == "" and window.otp_code.text() == ""

    second = _window(qtbot, make_context())
    second.identifiant.setText(acc.identifiant)
    second.mode_passcode.setChecked(True)
    second.pin.setText(acc.pin)
    second.otp_code.setText(passcode[-6:])
    qtbot.mouseClick(second.submit_button, Qt.MouseButton.LeftButton)
    title = _wait_error(qtbot, second)
    assert title == "PassCode refusé"
    assert "token" in second.error_action.text()
    assert mail_server.auth_attempts(acc.identifiant)[-1].result == "replayed"


def test_wrong_password_reaches_server_once_and_warns_before_third(qtbot, make_context, make_account,
                                                                   mail_server) -> None:  # type: ignore[no-untyped-def]
    acc = make_account()
    window = _window(qtbot, make_context())
    _login_with_password(qtbot, window, acc.identifiant, "faux-mot-de-passe")
    assert _wait_error(qtbot, window) == "Identifiant ou mot de passe incorrect"
    assert [a.result for a in mail_server.auth_attempts(acc.identifiant)] == ["bad"]
    assert window.password.hasFocus() or window.password.selectedText() == "faux-mot-de-passe"
    _login_with_password(qtbot, window, acc.identifiant, "encore-faux")
    _wait_error(qtbot, window)
    assert len(mail_server.auth_attempts(acc.identifiant)) == 2
    # Third try: warned first, nothing sent until the user confirms.
    qtbot.mouseClick(window.submit_button, Qt.MouseButton.LeftButton)
    assert window.error_title.text() == "Attention : risque de blocage"
    assert len(mail_server.auth_attempts(acc.identifiant)) == 2


def test_locked_account_shows_server_text(qtbot, make_context, make_account, mail_server) -> None:  # type: ignore[no-untyped-def]
    acc = make_account()
    mail_server.set_locked(acc.identifiant, True, "Compte verrouillé jusqu'à 15 h 30.")
    window = _window(qtbot, make_context())
    _login_with_password(qtbot, window, acc.identifiant, acc.password)
    assert _wait_error(qtbot, window) == "Compte bloqué"
    assert "Compte verrouillé jusqu'à 15 h 30." in window.error_text.text()
    assert "00 00 00 00 00" in window.error_action.text()


def test_expired_password_points_to_portal(qtbot, make_context, make_account, mail_server) -> None:  # type: ignore[no-untyped-def]
    acc = make_account()
    mail_server.set_password_expired(acc.identifiant, True)
    window = _window(qtbot, make_context())
    _login_with_password(qtbot, window, acc.identifiant, acc.password)
    assert _wait_error(qtbot, window) == "Mot de passe expiré"
    assert "https://127.0.0.1:9/password-change" in window.error_action.text()


def test_identifiant_with_spaces_and_capitals_is_normalised(qtbot, make_context, make_account) -> None:  # type: ignore[no-untyped-def]
    acc = make_account()
    window = _window(qtbot, make_context())
    with qtbot.waitSignal(window.login_succeeded, timeout=15000) as signal:
        _login_with_password(qtbot, window, f"  {acc.identifiant.upper()} ", acc.password)
    signal.args[0].session.logout()
    assert window.identifiant.text() == acc.identifiant
    assert "minuscules" in window.identifiant_hint.text()


def test_email_typed_as_identifiant_is_explained_and_not_sent(qtbot, make_context, make_account,
                                                              mail_server) -> None:  # type: ignore[no-untyped-def]
    acc = make_account()
    window = _window(qtbot, make_context())
    _login_with_password(qtbot, window, "jean.dupont@acmail.test", acc.password)
    assert window.error_frame.isVisible()
    assert "adresse électronique" in window.error_text.text()
    assert "« jdupont »" in window.identifiant_hint.text()
    assert not window.busy
    assert mail_server.auth_attempts("jean.dupont@acmail.test") == []


def test_cancel_during_connect(qtbot, make_context, local_provider) -> None:  # type: ignore[no-untyped-def]
    """A server that accepts the connection but never greets: Annuler returns control at once."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    try:
        stalled = replace(local_provider, imap=replace(local_provider.imap, port=silent.getsockname()[1]))
        context = make_context(providers=ProviderRegistry({"local": stalled}, []))
        window = _window(qtbot, context)
        _login_with_password(qtbot, window, "quelquun", "peu-importe")
        qtbot.waitUntil(lambda: window.busy, timeout=2000)
        assert window.cancel_button.isVisible() and not window.submit_button.isEnabled()
        qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
        assert not window.busy and window.submit_button.isEnabled()
        assert window.status.text() == "Connexion annulée."
        qtbot.wait(300)
        assert not window.error_frame.isVisible()
    finally:
        silent.close()


def test_valider_builds_nothing_slow_on_the_gui_thread_and_cancel_first_sends_nothing(
        qtbot, make_context, make_account, mail_server, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The SSL context (system CAs: ~50 ms) is made on the worker; Annuler before the worker got
    to the connection stops the attempt before any credential reaches the server."""
    import threading

    acc = make_account()
    context = make_context()
    built_on: list[str] = []
    gate = threading.Event()
    original = type(context).ssl_context

    def slow_context(self):  # type: ignore[no-untyped-def]
        built_on.append(threading.current_thread().name)
        gate.wait(5)  # the worker is held here, before any connection
        return original(self)

    monkeypatch.setattr(type(context), "ssl_context", slow_context)
    window = _window(qtbot, context)
    gate.set()
    qtbot.waitUntil(lambda: len(built_on) >= 1, timeout=5000)  # the login window's warm-up
    gate.clear()
    _login_with_password(qtbot, window, acc.identifiant, acc.password)
    qtbot.waitUntil(lambda: len(built_on) >= 2, timeout=5000)
    assert threading.main_thread().name not in built_on
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    gate.set()
    qtbot.wait(500)
    assert not window.busy and not window.error_frame.isVisible()
    assert mail_server.auth_attempts(acc.identifiant) == []


def test_caps_lock_hint_and_show_password(qtbot, make_context) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, make_context())
    qtbot.keyClicks(window.password, "ABC")  # capitals without Shift: Caps Lock is on
    assert window.caps_lock_label.isVisible()
    qtbot.keyClicks(window.password, "d")
    assert not window.caps_lock_label.isVisible()
    window.show_password_box.setChecked(True)
    assert window.password.echoMode() == window.password.EchoMode.Normal


def test_every_field_has_an_accessible_name(qtbot, make_context) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, make_context())
    for widget in (window.academie, window.identifiant, window.password, window.pin, window.otp_code,
                   window.remember):
        assert widget.accessibleName(), widget.objectName()


def test_no_keyring_backend_means_nothing_remembered(qtbot, make_context) -> None:  # type: ignore[no-untyped-def]
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        store = KeyringStore()
        assert not store.available
        window = _window(qtbot, make_context(store=store))
        assert not window.remember.isEnabled() and not window.remember.isChecked()
        assert "trousseau" in window.remember.toolTip()
    finally:
        keyring.set_keyring(previous)


@pytest.mark.keyring
@pytest.mark.skipif(not os.environ.get("ACMAIL_SECRET_SERVICE"),
                    reason="needs the gnome-keyring Secret Service started by scripts/run-tests.sh")
def test_remember_me_round_trip_through_secret_service(qtbot, make_context, make_account) -> None:  # type: ignore[no-untyped-def]
    acc = make_account()
    store = KeyringStore()
    assert store.available, store.backend_name
    assert "secretservice" in store.backend_name
    window = _window(qtbot, make_context(store=store))
    window.remember.setChecked(True)
    with qtbot.waitSignal(window.login_succeeded, timeout=15000) as signal:
        _login_with_password(qtbot, window, acc.identifiant, acc.password)
    signal.args[0].session.logout()
    assert store.get_password("local", acc.identifiant) == acc.password
    # Next start: the password comes back from the keyring, not from any file.
    reopened = _window(qtbot, make_context(store=store))
    qtbot.waitUntil(lambda: reopened.password.text() == acc.password, timeout=5000)
    assert reopened.remember.isChecked()
    profile_files = [p for p in reopened.context.paths.config_dir.rglob("*") if p.is_file()]
    assert all(acc.password not in p.read_text(errors="replace") for p in profile_files)
    store.forget("local", acc.identifiant)
    assert store.get_password("local", acc.identifiant) is None


@pytest.mark.keyring
@pytest.mark.skipif(not os.environ.get("ACMAIL_SECRET_SERVICE"),
                    reason="needs the gnome-keyring Secret Service started by scripts/run-tests.sh")
def test_start_up_signs_in_with_a_remembered_password_once(qtbot, make_context, make_account,
                                                           mail_server) -> None:  # type: ignore[no-untyped-def]
    acc = make_account()
    store = KeyringStore()

    def start_up(sign_in: bool = True) -> LoginWindow:
        context = make_context(store=store)
        context.settings.set("account.identifiant", acc.identifiant)
        context.settings.set("account.remember", True)
        window = _window(qtbot, context)
        if sign_in:
            window.sign_in_when_remembered()
        return window

    store.set_password("local", acc.identifiant, acc.password)
    try:
        window = start_up()
        with qtbot.waitSignal(window.login_succeeded, timeout=15000) as signal:
            pass  # nothing typed, nothing clicked
        signal.args[0].session.logout()
        # After a logout the login window stays a login window.
        after_logout = start_up(sign_in=False)
        qtbot.waitUntil(lambda: after_logout.password.text() == acc.password, timeout=5000)
        qtbot.wait(300)
        assert not after_logout.busy
        # The password was changed elsewhere: one rejected attempt, then it is forgotten.
        store.set_password("local", acc.identifiant, "Ancien-mot-de-passe-1")
        attempts = len(mail_server.auth_attempts(acc.identifiant))
        stale = start_up()
        qtbot.waitUntil(lambda: stale.error_frame.isVisible(), timeout=15000)
        assert len(mail_server.auth_attempts(acc.identifiant)) == attempts + 1
        qtbot.waitUntil(lambda: store.get_password("local", acc.identifiant) is None, timeout=5000)
        again = start_up()
        qtbot.wait(500)
        assert not again.busy and again.password.text() == ""
        assert len(mail_server.auth_attempts(acc.identifiant)) == attempts + 1
    finally:
        store.forget("local", acc.identifiant)


def test_login_window_is_french_by_default(qtbot, make_context) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, make_context())
    assert window.windowTitle() == "AcMail — Connexion"
    assert window.submit_button.text() == "&Valider"
    assert window.secret_label.text() == "Mot de &passe :"
    window.mode_passcode.setChecked(True)
    assert window.secret_label.text() == "&PassCode :"


def test_english_source_when_language_is_en(qtbot, make_context, english_ui) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, make_context())
    assert window.windowTitle() == "AcMail — Sign in"
    assert window.submit_button.text() == "&Sign in"
    assert window.identifiant.placeholderText() == "e.g. fdurand"
    window.identifiant.setText("Jean.Dupont@acmail.test")
    window.identifiant.editingFinished.emit()
    assert "You typed an email address" in window.identifiant_hint.text()


def test_lock_duration_parsing() -> None:
    from acmail_desktop.core.imap.auth import lock_minutes

    assert lock_minutes("[UNAVAILABLE] Compte verrouillé. Réessayez dans 15 minutes.") == 15
    assert lock_minutes("Account locked for 30 min") == 30
    assert lock_minutes("Compte verrouillé") is None


def test_locked_account_counts_down_and_warns_before_an_early_try(qtbot, make_context, make_account,
                                                                  mail_server) -> None:  # type: ignore[no-untyped-def]
    acc = make_account()
    mail_server.set_locked(acc.identifiant, True, "Compte verrouillé. Réessayez dans 15 minutes.")
    window = _window(qtbot, make_context())
    _login_with_password(qtbot, window, acc.identifiant, acc.password)
    assert _wait_error(qtbot, window) == "Compte bloqué"
    assert window.lock_countdown.isVisible()
    assert "14 min" in window.lock_countdown.text() or "15 min" in window.lock_countdown.text()
    attempts = len(mail_server.auth_attempts(acc.identifiant))
    qtbot.mouseClick(window.submit_button, Qt.MouseButton.LeftButton)
    assert window.error_title.text() == "Attention : risque de blocage"
    assert len(mail_server.auth_attempts(acc.identifiant)) == attempts


def test_help_before_login_and_its_diagnostics_entry(qtbot, make_context) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton

    window = _window(qtbot, make_context())
    window.identifiant.setText("fdurand")
    help_window = window.open_help()
    qtbot.addWidget(help_window)
    help_window.open_topic("mot-de-passe-oublie")
    assert "https://127.0.0.1:9/password-reset" in help_window.page.toHtml()
    help_window.open_topic("connexion-echoue")
    with qtbot.waitSignal(window.diagnostics_requested) as signal:
        help_window.findChild(QPushButton, "runDiagnostics").click()
    assert signal.args == ["local", "fdurand"]


def test_another_address_uses_discovery(qtbot, make_context, local_provider) -> None:  # type: ignore[no-untyped-def]
    from functools import partial

    from acmail_desktop.core.discovery import discover
    from acmail_desktop.core.providers import to_autoconfig_xml
    from acmail_desktop.ui.login import OTHER_ADDRESS

    window = _window(qtbot, make_context())
    served = to_autoconfig_xml(local_provider).replace("acmail.test", "college-exemple.fr").encode()
    window.discover_fn = partial(discover, http_get=lambda _url, _t: served, methods=("autoconfig",))
    window.academie.setCurrentIndex(window.academie.findData(OTHER_ADDRESS))
    dialog = window.discovery_dialog
    qtbot.addWidget(dialog)
    assert window.academie.currentData() == "local", "the list never stays on the 'another address' entry"
    dialog.email.setText("prof@college-exemple.fr")
    dialog.search_button.click()
    qtbot.waitUntil(dialog.use_button.isEnabled, timeout=10000)
    dialog.use_button.click()
    assert window.provider.domains == ("college-exemple.fr",)
    assert window.provider.imap.port == local_provider.imap.port
    assert window.academie.currentData() != "local"


def test_error_box_never_squeezes_the_form(qtbot, make_context, make_account) -> None:  # type: ignore[no-untyped-def]
    """Regression: the Diagnose button appeared after the window had fitted itself, so the server
    lines overlapped the identifiant field."""
    acc = make_account()
    window = _window(qtbot, make_context())
    _login_with_password(qtbot, window, acc.identifiant, "pas-le-bon")
    _wait_error(qtbot, window)
    assert window.error_diagnose_button.isVisible()
    qtbot.wait(50)
    from PySide6.QtCore import QPoint

    server_bottom = window.server_label.mapTo(window, QPoint(0, window.server_label.height())).y()
    field_top = window.identifiant.mapTo(window, QPoint(0, 0)).y()
    assert server_bottom <= field_top, (server_bottom, field_top)
    assert window.server_label.height() >= window.server_label.fontMetrics().lineSpacing() * 2


def test_login_through_an_address_login_profile(qtbot, make_context, registry, make_national_account,
                                                mail_server) -> None:  # type: ignore[no-untyped-def]
    """A profile whose login is the full address (%EMAILADDRESS%): the login window used to fill the
    template without the address and crash (ValueError) before anything reached the server."""
    acc = make_national_account()
    local = registry.get("local")
    by_address = replace(local, id="local-address", display_name="Serveur local (adresse)", otp_kind="none",
                         identifiant_form="email", identifiant_pattern=None,
                         imap=replace(local.imap, username_template="%EMAILADDRESS%"),
                         smtp=replace(local.smtp, username_template="%EMAILADDRESS%"))
    providers = ProviderRegistry({**registry.providers, "local-address": by_address})
    window = _window(qtbot, make_context(providers=providers, academie="local-address"))
    assert window.provider.id == "local-address"
    with qtbot.waitSignal(window.login_succeeded, timeout=15000) as signal:
        _login_with_password(qtbot, window, acc.email, acc.app_password)
    result = signal.args[0]
    try:
        assert result.account.email == acc.email
        assert [a.result for a in mail_server.auth_attempts(acc.email)] == ["ok"]
    finally:
        result.session.logout()
