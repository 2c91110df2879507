"""The main window end to end against the real Dovecot and SMTP server: new mail by IDLE, offline
reading and reconnection, replying from the list (threading headers, \\Answered)."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt, QTimer

from acmail_desktop.core.outbox import Outbox
from acmail_desktop.core.rows import ANSWERED
from acmail_desktop.ui.roles import Roles
from tests.support.accounts import account_of
from tests.support.seed import seed_demo_mailbox, seed_large_folder
from tests.ui.mailbox_support import close_main, login, open_main, select_row

pytestmark = [pytest.mark.gui, pytest.mark.integration]


def _raw(sender: str, to: str, subject: str, msgid: str) -> bytes:
    return (f"From: Alice <{sender}>\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{msgid}>\r\n"
            "Date: Fri, 27 Nov 2026 09:00:00 +0100\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\nBonjour, pouvez-vous confirmer ?\r\n").encode()


def test_new_mail_sent_by_smtp_appears_through_idle(qtbot, make_context, make_account, mail_server) -> None:  # type: ignore[no-untyped-def]
    me, alice = make_account("idle"), make_account("alice")
    mail_server.deliver(me.identifiant, _raw(alice.email, me.email, "Premier", "first@acmail.test"))
    context = make_context()
    window = open_main(qtbot, context, me)
    try:
        assert window.message_model.rowCount() == 1
        qtbot.waitUntil(lambda: window.mailbox.idle is not None and window.mailbox.idle.running, timeout=15000)
        sender = account_of(context.providers.get("local"), context.ssl_context(), alice, timeout=10)
        smtp = sender.open_smtp()
        try:
            with qtbot.waitSignal(window.new_mail_notified, timeout=20000) as note:
                smtp.send(_raw(alice.email, me.email, "Nouveau par SMTP", "smtp-new@acmail.test"),
                          alice.email, [me.email])
        finally:
            smtp.close()
        assert "1 nouveau message dans Boîte de réception" in note.args[0]
        assert window.message_model.rowCount() == 2
        assert window.message_model.index(0, 4).data() == "Nouveau par SMTP"
        assert window.windowTitle().startswith("(2)")
    finally:
        close_main(qtbot, window)


def test_idle_survives_folder_changes_in_the_window(qtbot, make_context, make_account, mail_server) -> None:  # type: ignore[no-untyped-def]
    """Issue 23: changing folders moves the one IDLE connection (no new login per change), and new
    mail in the folder shown still arrives by IDLE afterwards."""
    me, alice = make_account("idlemove"), make_account("alice")
    mail_server.create_folder(me.identifiant, "Conseils")
    mail_server.deliver(me.identifiant, _raw(alice.email, me.email, "Premier", "move1@acmail.test"))
    context = make_context()
    context.settings.set("network.prefetch_mb", 0)  # its own connection would log in too
    window = open_main(qtbot, context, me)
    try:
        qtbot.waitUntil(lambda: window.mailbox.idle is not None and window.mailbox.idle.running, timeout=15000)
        watcher = window.mailbox.idle
        logins = len(mail_server.auth_attempts(me.identifiant))
        for folder in ("Conseils", "INBOX", "Conseils"):
            window.open_folder(folder)
            qtbot.waitUntil(lambda f=folder: watcher.folder == f and watcher.running, timeout=10000)
            assert window.mailbox.idle is watcher  # the same connection, moved
        assert watcher.folder_changes == 3
        assert len(mail_server.auth_attempts(me.identifiant)) == logins
        with qtbot.waitSignal(window.mailbox.folder_synced, timeout=20000,
                              check_params_cb=lambda folder, result: folder == "Conseils" and result.new == 1):
            mail_server.deliver(me.identifiant, _raw(alice.email, me.email, "Dans Conseils", "move2@acmail.test"),
                                folder="Conseils")
        assert window.mailbox.idle is watcher and watcher.error is None
    finally:
        close_main(qtbot, window)


def test_offline_cache_stays_readable_then_reconnects(shots, qtbot, make_context, make_account, mail_server) -> None:  # type: ignore[no-untyped-def]
    me = make_account("off")
    seed_demo_mailbox(mail_server, me.identifiant)
    window = open_main(qtbot, make_context(), me)
    try:
        with qtbot.waitSignal(window.message_shown, timeout=15000):
            select_row(window, 3)
        read_uid = window.selected_uids()[0]
        text = window.reader.body.toPlainText()
        # The connection dies under AcMail (the socket is closed, as when the network drops).
        session = window.mailbox.session
        session.abort()
        with qtbot.waitSignal(window.mailbox.online_changed, timeout=15000) as changed:
            window.get_mail()
        assert changed.args == [False]
        assert window.online_label.text() == "hors ligne"
        assert "Hors ligne" in window.statusBar().currentMessage()
        window.grab().save(str(shots / "main-offline.png"))
        # Everything cached stays usable: list, sort, filter, a message already read.
        assert window.message_model.rowCount() == 40
        window.message_view.sortByColumn(3, Qt.SortOrder.AscendingOrder)
        window.message_view.clearSelection()
        row = window.message_model.row_of(read_uid)
        with qtbot.waitSignal(window.message_shown, timeout=15000):
            select_row(window, row)
        assert window.reader.body.toPlainText() == text
        # A message never downloaded says so instead of failing silently.
        other = next(r for r in range(40) if window.message_model.index(r, 0).data(Roles.Uid) != read_uid
                     and window.store.body("INBOX", window.message_model.index(r, 0).data(Roles.Uid)) is None)
        select_row(window, other)
        qtbot.waitUntil(lambda: "hors ligne" in window.reader.body.toPlainText(), timeout=10000)
        # A password session reconnects by itself (backoff), and the tree and list carry on.
        with qtbot.waitSignal(window.mailbox.online_changed, timeout=20000) as back:
            pass
        assert back.args == [True]
        assert window.online_label.text() == "en ligne"
        qtbot.waitUntil(lambda: window.mailbox.idle is not None, timeout=15000)
    finally:
        close_main(qtbot, window)


def test_reply_from_the_main_window_threads_and_marks_answered(qtbot, make_context, make_account,
                                                               mail_server) -> None:  # type: ignore[no-untyped-def]
    me, alice = make_account("rpl"), make_account("alicer")
    mail_server.deliver(me.identifiant, _raw(alice.email, me.email, "Sortie au musée", "musee-1@acmail.test"))
    context = make_context()
    window = open_main(qtbot, context, me)
    try:
        with qtbot.waitSignal(window.message_shown, timeout=15000):
            select_row(window, 0)
        uid = window.selected_uids()[0]
        window.reply_action.trigger()
        qtbot.waitUntil(lambda: len(window.compose_windows) == 1, timeout=10000)
        compose = window.compose_windows[0]
        qtbot.addWidget(compose)
        assert compose.to_edit.text().endswith(f"<{alice.email}>")
        assert compose.subject_edit.text() == "Re: Sortie au musée"
        qtbot.keyClicks(compose.body, "Oui, c'est confirme.")
        with qtbot.waitSignal(compose.sent_copy_done, timeout=20000) as sent:
            qtbot.mouseClick(compose.send_button, Qt.MouseButton.LeftButton)
        entry = Outbox(context.paths.data_dir).get(sent.args[0])
        maildir = mail_server.maildir(alice.identifiant)
        received = [p.read_bytes() for d in ("new", "cur") for p in (maildir / d).iterdir()]
        reply = next(r for r in received if entry.message_id.encode() in r)
        assert b"In-Reply-To: <musee-1@acmail.test>" in reply
        # The original gets \Answered, and the list shows it after the sync that follows sending.
        qtbot.waitUntil(lambda: bool(int(window.store.message("INBOX", uid)["flags"]) & ANSWERED), timeout=20000)
        qtbot.waitUntil(lambda: "répondu" in window.message_model.index(0, 4).data(Qt.ItemDataRole.AccessibleTextRole),
                        timeout=10000)
    finally:
        close_main(qtbot, window)


@pytest.mark.slow
def test_first_screenful_of_a_large_folder_and_gui_stall(qtbot, make_context, make_account, mail_server,
                                                        capsys) -> None:  # type: ignore[no-untyped-def]
    """5,000 messages: the first rows show before the folder is complete; the GUI keeps ticking."""
    me = make_account("big")
    seed_large_folder(mail_server, me.identifiant, "INBOX", count=5_000)
    context = make_context()
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    from acmail_desktop.ui.main_window import MainWindow

    started = time.perf_counter()
    window = MainWindow(context, login(context, me))
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.first_rows_shown, timeout=30000) as first:
            window.show()
        first_seconds = time.perf_counter() - started
        assert first.args[1] >= 50
        with qtbot.waitSignal(window.messages_loaded, timeout=60000):
            pass
        complete_seconds = time.perf_counter() - started
        timer.stop()
        assert window.message_model.rowCount() == 5_000
        assert window.message_model.cached_rows <= 8 * 200
        worst = max(gaps)
        with capsys.disabled():
            print(f"\n5,000 messages: first screenful {first_seconds:.2f} s (login excluded: "
                  f"{window.first_screen_seconds:.2f} s after opening the folder), complete {complete_seconds:.2f} s, "
                  f"worst GUI stall {worst * 1000:.0f} ms")
        assert first_seconds < complete_seconds
        assert worst < 1.0
        # Issue 23: the quick-filter and sort indexes come after the folder is shown, built in
        # the background; the filter answers meanwhile and once they are there.
        store = window.mailbox.store
        assert store.count("INBOX", "a") > 0
        qtbot.waitUntil(lambda: not store.indexes_pending(), timeout=30000)
        assert store.count("INBOX", "a") > 0
    finally:
        close_main(qtbot, window)


def test_passcode_session_polls_and_asks_for_a_new_code(qtbot, make_context, make_account, mail_server) -> None:  # type: ignore[no-untyped-def]
    """A PassCode works once: no second connection for IDLE (NOOP polling instead), and a lost
    connection asks the user for a fresh code instead of replaying the spent one."""
    from acmail_desktop.core.otp import passcode_credential
    from acmail_desktop.ui.login import LoginResult
    from acmail_desktop.ui.main_window import MainWindow

    me = make_account("pc")
    mail_server.deliver(me.identifiant, _raw("a@acmail.test", me.email, "Avant", "avant@acmail.test"))
    context = make_context()
    code = mail_server.fresh_passcode(me.identifiant)
    account = account_of(context.providers.get("local"), context.ssl_context(), me,
                         credential=passcode_credential(me.identifiant, me.pin, code[len(me.pin):]), timeout=10)
    window = MainWindow(context, LoginResult(account, account.open_imap()))
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.messages_loaded, timeout=15000):
            window.show()
        assert window.mailbox.passcode_session and window.mailbox.idle is None
        assert window.mailbox._poll.isActive() and window.mailbox._poll.interval() == 60_000
        mail_server.deliver(me.identifiant, _raw("a@acmail.test", me.email, "Pendant", "pendant@acmail.test"))
        with qtbot.waitSignal(window.new_mail_notified, timeout=15000):
            window.mailbox.check_new_mail()  # what the one-minute timer does
        assert window.message_model.rowCount() == 2
        logins = [a for a in mail_server.auth_attempts(me.identifiant) if a.service == "imap"]
        assert len(logins) == 1, "never a second login with a PassCode"
        window.mailbox.session.abort()
        with qtbot.waitSignal(window.mailbox.passcode_needed, timeout=15000):
            window.get_mail()
        qtbot.waitUntil(lambda: window.session.passcode_dialog is not None
                        and window.session.passcode_dialog.isVisible(), timeout=5000)
        assert window.online_label.text() == "hors ligne"
        fresh = mail_server.fresh_passcode(me.identifiant)
        window.session.passcode_dialog.pin.setText(me.pin)
        window.session.passcode_dialog.code.setText(fresh[len(me.pin):])
        with qtbot.waitSignal(window.mailbox.online_changed, timeout=15000) as back:
            window.session.passcode_dialog.accept()
        assert back.args == [True]
    finally:
        close_main(qtbot, window)
