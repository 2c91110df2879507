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
    login.sign_in_when_remembered()  # as at start-up; the first start has no identifiant to look up
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
        # Offered, never used by itself: a sign-out that signs straight back in is no sign-out.
        assert login.remember.isChecked() and not login.busy
        qtbot.wait(300)
        assert not login.busy
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


def test_open_without_a_program_says_so_and_oui_to_replace_replaces(qtbot, make_context, make_account,  # type: ignore[no-untyped-def]
                                                                     mail_server, tmp_path, monkeypatch) -> None:
    from email.message import EmailMessage

    from PySide6.QtWidgets import QFileDialog

    from tests.ui.mailbox_support import close_main, open_main

    acc = make_account("att")
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "Élodie <e@ac-local.fr>", acc.email, "Le devis"
    msg.set_content("Ci-joint.\n")
    msg.add_attachment(b"%PDF-1.4 devis", maintype="application", subtype="pdf", filename="broken.pdf")
    mail_server.deliver(acc.identifiant, bytes(msg))
    window = open_main(qtbot, make_context(), acc)
    reader = window.reader
    try:
        with qtbot.waitSignal(window.message_shown, timeout=15000):
            window.select_uid(window.message_model.uid_at(0))
        # Ouvrir, and the desktop has no program for PDF files: a message says so.
        reader.open_url = lambda _url: False
        with qtbot.waitSignal(reader.attachment_not_opened, timeout=10000):
            reader.open_button.click()
        assert reader.no_program_box is not None and reader.no_program_box.isVisible()
        assert "broken.pdf" in reader.no_program_box.text() and "Aucun programme" in reader.no_program_box.text()
        reader.no_program_box.close()
        # Enregistrer…, the file exists, the dialog's "replace?" answered Oui: that file is replaced.
        existing = tmp_path / "broken.pdf"
        existing.write_bytes(b"ancien")
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(existing), "")))
        with qtbot.waitSignal(reader.attachment_saved, timeout=10000) as saved:
            reader.save_button.click()
        assert saved.args == [str(existing)] and existing.read_bytes() == b"%PDF-1.4 devis"
        assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf") == ["broken.pdf"]
    finally:
        close_main(qtbot, window)


def test_undoing_a_delete_is_not_announced_as_new_mail(qtbot, make_context, make_account, mail_server) -> None:  # type: ignore[no-untyped-def]
    from tests.support.seed import seed_demo_mailbox
    from tests.ui.mailbox_support import close_main, open_main

    acc = make_account("undo")
    seed_demo_mailbox(mail_server, acc.identifiant)
    context = make_context()
    context.settings.set("notifications.new_mail", True)
    window = open_main(qtbot, context, acc)
    announced: list[str] = []
    window.new_mail_notified.connect(announced.append)
    try:
        window.select_uid(window.message_model.uid_at(0))
        with qtbot.waitSignal(window.operation_done, timeout=15000):
            window.message_actions.delete_selected()
        with qtbot.waitSignal(window.operation_done, timeout=15000) as undone:
            window.message_actions.undo()
        assert undone.args == ["undo"]
        with qtbot.waitSignal(window.messages_loaded, timeout=15000):
            window.get_mail()  # the next check finds the message back in the inbox, with a new UID
        qtbot.wait(300)
        assert announced == [], "the undone message is not '1 nouveau message'"
        assert window.message_model.rowCount() == 40
    finally:
        close_main(qtbot, window)


def test_a_slow_server_shows_progress_not_en_ligne_over_an_empty_list(qtbot, make_context, make_account,  # type: ignore[no-untyped-def]
                                                                      mail_server) -> None:
    """The connection's worker is held (as by a server that does not answer): after a second the
    window says it is waiting, with a moving bar; when the answer comes, "en ligne" again."""
    import threading

    from tests.support.seed import seed_demo_mailbox
    from tests.ui.mailbox_support import close_main, open_main

    acc = make_account("slow")
    seed_demo_mailbox(mail_server, acc.identifiant)
    window = open_main(qtbot, make_context(), acc)
    release = threading.Event()
    try:
        window.mailbox.worker.submit(lambda: release.wait(20))  # the server "hangs"
        window.open_folder(window.folder_model.folder_by_use("\\Archive") or "Archive")
        assert not window.waiting_bar.isVisible()  # not for the first second
        qtbot.waitUntil(window.waiting_bar.isVisible, timeout=3000)
        assert window.online_label.text() != "en ligne"
        assert "serveur" in window.statusBar().currentMessage()
        with qtbot.waitSignal(window.messages_loaded, timeout=15000):
            release.set()
        assert not window.waiting_bar.isVisible() and window.online_label.text() == "en ligne"
    finally:
        release.set()
        close_main(qtbot, window)
