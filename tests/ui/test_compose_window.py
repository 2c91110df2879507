"""The real compose window against the real SMTP server and Dovecot: type, attach, remind, send, reply."""

from __future__ import annotations

import email
import email.policy
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from acmail_desktop.core.otp import passcode_credential
from acmail_desktop.core.outbox import ACCEPTED, QUEUED, SENT_COPY_DONE, UNCERTAIN, Outbox
from acmail_desktop.ui.compose import ComposeWindow, human_size, restore_drafts
from acmail_desktop.ui.outbox import OutboxRunner, OutboxView
from tests.support.accounts import account_of

pytestmark = [pytest.mark.gui, pytest.mark.integration]


def _show(qtbot, window: ComposeWindow) -> ComposeWindow:  # type: ignore[no-untyped-def]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.size_limit is not None, timeout=10000)  # the SIZE probe came back
    return window


def _received(mail_server, acc, message_id_part: bytes) -> email.message.EmailMessage:  # type: ignore[no-untyped-def]
    root = mail_server.maildir(acc.identifiant)
    raws = [p.read_bytes() for d in ("new", "cur") for p in (root / d).iterdir()]
    [raw] = [r for r in raws if message_id_part in r]
    return email.message_from_bytes(raw, policy=email.policy.default)  # type: ignore[return-value]


def _drop_files(window: ComposeWindow, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    target = window.body.viewport()
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(QPoint(10, 10)), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, event)


# The completion popup asks for a keyboard grab, which the offscreen platform cannot give.
@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_type_attach_by_drop_and_send(qtbot, make_context, make_account, mail_server, local_provider,
                                      tmp_path) -> None:  # type: ignore[no-untyped-def]
    me, to = make_account("gui"), make_account("guito")
    context = make_context()
    context.settings.set("sending.signature", "M. Durand\nCollège Jean Moulin")
    seen = [f"Élise Martin <{to.email}>", "autre@acmail.test"]
    window = _show(qtbot, ComposeWindow.new(context, account_of(local_provider, context.ssl_context(), me),
                                            completion=lambda p: [s for s in seen if p.lower() in s.lower()]))
    assert window.from_label.text() == me.email
    assert "-- \nM. Durand" in window.body.toPlainText()
    qtbot.keyClicks(window.to_edit, "guito")
    assert window.to_edit._model.stringList() == [seen[0]]  # completion offered from the seen addresses
    window.to_edit._insert_completion(seen[0])
    assert window.to_edit.addresses() == [("Élise Martin", to.email)]
    qtbot.keyClicks(window.subject_edit, "Compte rendu du conseil ")
    window.subject_edit.insert("— été")  # QTest types ASCII only
    window.body.moveCursor(window.body.textCursor().MoveOperation.Start)
    qtbot.keyClicks(window.body, "Bonjour, voici le compte rendu ci-joint.")
    report = tmp_path / "compte rendu.pdf"
    report.write_bytes(os.urandom(150_000))
    extra = tmp_path / "liste élèves.csv"
    extra.write_bytes("nom;prénom\r\nÉlève;Zoé\r\n".encode())
    _drop_files(window, [report, extra])
    assert [a.filename for a in window.attachments] == ["compte rendu.pdf", "liste élèves.csv"]
    assert "compte rendu.pdf (146 Ko)" in window.attachment_list.item(0).text()
    window.attachment_list.item(1).setSelected(True)
    qtbot.mouseClick(window.remove_attachment_button, Qt.MouseButton.LeftButton)
    assert [a.filename for a in window.attachments] == ["compte rendu.pdf"]
    with qtbot.waitSignal(window.sent_copy_done, timeout=20000) as sent:
        qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
    assert not window.reminder_bar.isVisible()
    outbox = Outbox(context.paths.data_dir)
    entry = outbox.get(sent.args[0])
    parsed = _received(mail_server, to, entry.message_id.encode())
    assert parsed["Subject"] == "Compte rendu du conseil — été"
    assert parsed["To"].addresses[0].display_name == "Élise Martin"
    body = parsed.get_body(("plain",)).get_content()
    assert body.startswith("Bonjour, voici le compte rendu ci-joint.") and "M. Durand" in body
    assert next(parsed.iter_attachments()).get_content() == report.read_bytes()
    assert entry.draft_id is None or outbox.recoverable_drafts() == []


def test_forgotten_attachment_reminder(qtbot, make_context, make_account, mail_server, local_provider,
                                       tmp_path) -> None:  # type: ignore[no-untyped-def]
    me, to = make_account("rem"), make_account("remto")
    context = make_context()
    account = account_of(local_provider, context.ssl_context(), me)
    window = _show(qtbot, ComposeWindow.new(context, account, to=to.email))
    window.subject_edit.setText("Planning")
    qtbot.keyClicks(window.body, "Vous trouverez le planning en PJ.")
    before = len(mail_server.smtp_messages)
    qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
    assert window.reminder_bar.isVisible() and not window.sending
    assert Outbox(context.paths.data_dir).entries() == []
    planning = tmp_path / "planning.ods"
    planning.write_bytes(b"ods")
    window.add_attachments([planning])
    assert not window.reminder_bar.isVisible()
    with qtbot.waitSignal(window.message_sent, timeout=20000):
        qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
    assert len(mail_server.smtp_messages) == before + 1


def test_send_anyway_and_invalid_address(qtbot, make_context, make_account, mail_server,
                                         local_provider) -> None:  # type: ignore[no-untyped-def]
    me, to = make_account("any"), make_account("anyto")
    context = make_context()
    window = _show(qtbot, ComposeWindow.new(context, account_of(local_provider, context.ssl_context(), me)))
    qtbot.keyClicks(window.to_edit, f"{to.email})<evil@evil.tld>")
    window.body.setPlainText("Document ci-joint.")
    qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
    assert window.status_label.text() == window.tr("%1: an address can be read two ways; please retype it.").replace(
        "%1", window.tr("To"))
    assert not window.reminder_bar.isVisible()
    window.to_edit.setText(f"Destinataire <{to.email}>")
    qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
    assert window.reminder_bar.isVisible()
    with qtbot.waitSignal(window.message_sent, timeout=20000):
        qtbot.mouseClick(window.reminder_send_button, Qt.MouseButton.LeftButton)


def test_reply_prefills_quotes_and_threads(qtbot, make_context, make_account, mail_server,
                                           local_provider) -> None:  # type: ignore[no-untyped-def]
    me, alice = make_account("rep"), make_account("alice")
    original = (f"From: =?utf-8?q?Alice_B=C3=A9nard?= <{alice.email}>\r\nTo: {me.email}\r\n"
                f"Cc: {me.email}, autre@acmail.test\r\nSubject: RE: Sortie au musée\r\n"
                "Date: Thu, 05 Nov 2026 09:30:00 +0100\r\nMessage-ID: <sortie-1@acmail.test>\r\n"
                "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n"
                "\r\nLe car part à 8 h.\r\nMerci de confirmer.\r\n").encode()
    mail_server.deliver(me.identifiant, original)
    context = make_context()
    window = _show(qtbot, ComposeWindow.reply(context, account_of(local_provider, context.ssl_context(), me), original,
                                              reply_all=True))
    assert window.to_edit.text() == f"Alice Bénard <{alice.email}>"
    assert window.cc_edit.text() == "autre@acmail.test"  # reply-all, without my own address
    assert window.subject_edit.text() == "Re: Sortie au musée"
    body = window.body.toPlainText()
    assert "Le jeu. 5 nov. 2026 à" in body and "Alice Bénard a écrit :" in body and "> Le car part à 8 h." in body
    assert window.body.textCursor().position() == 0
    window.cc_edit.clear()
    qtbot.keyClicks(window.body, "C'est confirme.")
    with qtbot.waitSignal(window.sent_copy_done, timeout=20000) as sent:
        qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
    entry = Outbox(context.paths.data_dir).get(sent.args[0])
    parsed = _received(mail_server, alice, entry.message_id.encode())
    assert parsed["In-Reply-To"] == "<sortie-1@acmail.test>" and parsed["References"] == "<sortie-1@acmail.test>"
    imap = account_of(local_provider, context.ssl_context(), me).open_imap()
    try:
        imap.select("INBOX", readonly=True)
        uid = imap.search_header("Message-ID", "<sortie-1@acmail.test>")[0]
        assert b"\\Answered" in imap.fetch([uid], ["FLAGS"])[uid][b"FLAGS"]
        imap.select("Sent", readonly=True)
        assert len(imap.search_header("Message-ID", entry.message_id)) == 1
    finally:
        imap.logout()


def test_rate_limit_shows_queued_state(qtbot, make_context, make_account, mail_server,
                                       local_provider) -> None:  # type: ignore[no-untyped-def]
    me, to = make_account("rate"), make_account("rateto")
    context = make_context()
    account = account_of(local_provider, context.ssl_context(), me)
    window = _show(qtbot, ComposeWindow.new(context, account, to=to.email))
    window.subject_edit.setText("Limite")
    mail_server.smtp_fail_next(451, "4.7.0 Rate limit", stage="DATA")
    states: list[str] = []
    window.send_state_changed.connect(lambda _id, state: states.append(state))
    qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(states) >= 2, timeout=20000)
    assert states == [QUEUED, QUEUED]
    assert window.tr("It is in the outbox and will be sent again at %1.").split("%1")[0] in window.status_label.text()
    assert not window.send_action.isEnabled()
    [entry] = Outbox(context.paths.data_dir).entries()
    assert entry.state == QUEUED and entry.attempts == 1


def test_passcode_asked_again_for_sending(qtbot, make_context, make_account, mail_server,
                                          local_provider) -> None:  # type: ignore[no-untyped-def]
    me = make_account("pcg")
    context = make_context()
    code = mail_server.fresh_passcode(me.identifiant)
    account = account_of(local_provider, context.ssl_context(), me,
                         credential=passcode_credential(me.identifiant, code[:-6], code[-6:]))
    session = account.open_imap()  # the main window's session spent the PassCode
    try:
        def runner(work, on_success, on_failure):  # type: ignore[no-untyped-def]
            try:
                on_success(work(session))
            except Exception as exc:
                on_failure(exc)

        window = _show(qtbot, ComposeWindow.new(context, account, to=me.email, imap_runner=runner))
        window.subject_edit.setText("Avec PassCode")
        qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.passcode_bar.isVisible(), timeout=10000)
        fresh = mail_server.fresh_passcode(me.identifiant)
        window.pin_edit.setText(fresh[:-6])
        window.code_edit.setText(fresh[-6:])
        with qtbot.waitSignal(window.sent_copy_done, timeout=20000):
            qtbot.mouseClick(window.passcode_button, Qt.MouseButton.LeftButton)
    finally:
        session.logout()


def test_drafts_saved_locally_and_replaced_on_server(qtbot, make_context, make_account, mail_server,
                                                     local_provider) -> None:  # type: ignore[no-untyped-def]
    me = make_account("dr")
    context = make_context()
    account = account_of(local_provider, context.ssl_context(), me)
    window = _show(qtbot, ComposeWindow.new(context, account))
    with qtbot.waitSignal(window.draft_saved, timeout=10000) as saved:
        qtbot.keyClicks(window.subject_edit, "Brouillon")
    outbox = Outbox(context.paths.data_dir)
    assert outbox.draft(saved.args[0]).fields["subject"] == "Brouillon"
    with qtbot.waitSignal(window.server_draft_saved, timeout=15000):
        window.save_draft_to_server()
    qtbot.keyClicks(window.body, "Suite du texte")
    with qtbot.waitSignal(window.server_draft_saved, timeout=15000) as second:
        window.save_draft_to_server()
    imap = account.open_imap()
    try:
        imap.select("Drafts", readonly=True)
        uids = imap.search_uids()
        assert len(uids) == 1  # replaced, not piled up
        assert imap.search_header("Message-ID", second.args[0]) == uids
    finally:
        imap.logout()
    window.close()
    assert outbox.draft(saved.args[0]).fields["body"].startswith("Suite du texte")


def test_size_warning_over_server_limit(qtbot, make_context, make_account, mail_server, local_provider,
                                        tmp_path) -> None:  # type: ignore[no-untyped-def]
    me = make_account("size")
    context = make_context()
    account = account_of(local_provider, context.ssl_context(), me)
    window = _show(qtbot, ComposeWindow.new(context, account, to=me.email))
    assert window.size_limit and not window.size_warning.isVisible()
    window.size_limit = 100_000  # as if EHLO had said SIZE 100000
    big = tmp_path / "gros.bin"
    big.write_bytes(b"\0" * 90_000)
    window.add_attachments([big])
    assert window.size_warning.isVisible() and human_size(100_000) in window.size_warning.text()
    window.subject_edit.setText("Trop gros")
    qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
    assert window.status_label.text() == window.tr("The message is larger than the server accepts.")
    assert Outbox(context.paths.data_dir).entries() == []


def test_outbox_view_uncertain_decision_and_runner_finishes(qtbot, make_context, make_account, mail_server,
                                                            local_provider) -> None:  # type: ignore[no-untyped-def]
    me, to = make_account("ov"), make_account("ovto")
    context = make_context()
    account = account_of(local_provider, context.ssl_context(), me)
    outbox = Outbox(context.paths.data_dir)
    uncertain = outbox.enqueue(account.identity.key, sender=("", me.email), to=[("", to.email)],
                               subject="Incertain", body="x\n")
    queued = outbox.enqueue(account.identity.key, sender=("", me.email), to=[("", to.email)],
                            subject="À annuler", body="y\n")
    mail_server.smtp_drop_after_data()
    assert outbox.send_step(uncertain.id, account).state == UNCERTAIN
    view = OutboxView(outbox, account.identity.key)
    qtbot.addWidget(view)
    view.show()
    assert view.list.count() == 2 and view.tr("Uncertain: may have been sent") in view.list.item(0).text()
    view.list.setCurrentRow(1)
    assert view.cancel_button.isEnabled() and not view.mark_sent_button.isEnabled()
    qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    assert [e.id for e in view.entries] == [uncertain.id]
    view.list.setCurrentRow(0)
    assert view.mark_sent_button.isEnabled() and view.resend_button.isEnabled()
    qtbot.mouseClick(view.mark_sent_button, Qt.MouseButton.LeftButton)
    assert outbox.get(uncertain.id).state == ACCEPTED
    runner = OutboxRunner(outbox, account)
    states: list[tuple[str, str]] = []
    runner.entry_changed.connect(lambda entry_id, state: states.append((entry_id, state)))
    runner.run_due()
    qtbot.waitUntil(lambda: (uncertain.id, SENT_COPY_DONE) in states, timeout=15000)
    runner.stop()
    assert len([m for m in mail_server.smtp_messages if uncertain.message_id.encode() in m.raw]) == 1
    assert not [m for m in mail_server.smtp_messages if queued.message_id.encode() in m.raw]
    view.refresh()
    assert view.list.count() == 0


def test_runner_retries_rate_limited_message(qtbot, make_context, make_account, mail_server,
                                             local_provider) -> None:  # type: ignore[no-untyped-def]
    me, to = make_account("rr"), make_account("rrto")
    context = make_context()
    account = account_of(local_provider, context.ssl_context(), me)
    outbox = Outbox(context.paths.data_dir)
    entry = outbox.enqueue(account.identity.key, sender=("", me.email), to=[("", to.email)],
                           subject="Réessai", body="x\n")
    mail_server.smtp_fail_next(451, "4.7.0 Rate limit", stage="DATA")
    runner = OutboxRunner(outbox, account)
    states: list[str] = []
    runner.entry_changed.connect(lambda _id, state: states.append(state))
    runner.run_due()
    qtbot.waitUntil(lambda: states == [QUEUED] and not runner.busy, timeout=15000)
    runner.run_due()  # not due yet: nothing happens
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert outbox.get(entry.id).attempts == 1
    outbox.retry_now(entry.id)  # the user's "Retry now" (or the time came)
    runner.run_due()
    qtbot.waitUntil(lambda: SENT_COPY_DONE in states, timeout=15000)
    runner.stop()
    assert len([m for m in mail_server.smtp_messages if entry.message_id.encode() in m.raw]) == 1


def test_forward_as_attachment_draft_restored_in_new_window(qtbot, make_context, make_account, mail_server,
                                                            local_provider) -> None:  # type: ignore[no-untyped-def]
    me = make_account("fwd")
    context = make_context()
    account = account_of(local_provider, context.ssl_context(), me)
    original = b"From: a@acmail.test\r\nSubject: Sortie\r\nMessage-ID: <s@acmail.test>\r\n\r\nTexte\r\n"
    outbox = Outbox(context.paths.data_dir)
    window = _show(qtbot, ComposeWindow.forward(context, account, original, as_attachment=True, outbox=outbox,
                                                folder="INBOX"))
    assert window.subject_edit.text() == "Fwd: Sortie" and window.attachments[0].content_type == "message/rfc822"
    window.to_edit.setText(me.email)
    window.close()  # unsent: kept as a local draft, attachment included
    draft_id = window.draft_id
    assert draft_id and outbox.draft(draft_id).fields["to"] == me.email
    # As after a restart: another run's draft is offered; restoring brings the attachment back.
    outbox._db.execute("UPDATE drafts SET owner_token='earlier-run'")
    [restored] = restore_drafts(context, account, outbox)
    qtbot.addWidget(restored)
    assert restored.to_edit.text() == me.email and restored.subject_edit.text() == "Fwd: Sortie"
    assert restored.attachments[0].content_type == "message/rfc822"
    assert restored.attachments[0].path.read_bytes() == original  # type: ignore[union-attr]
    assert outbox.recoverable_drafts() == []
    restored.runner.shutdown()


def test_closing_with_main_window_imap_puts_draft_on_server(qtbot, make_context, make_account, mail_server,
                                                            local_provider) -> None:  # type: ignore[no-untyped-def]
    from acmail_desktop.core import errors
    from acmail_desktop.ui.tasks import ConnectionWorker

    me = make_account("cl")
    context = make_context()
    account = account_of(local_provider, context.ssl_context(), me)
    session = account.open_imap()
    worker = ConnectionWorker("imap-main")  # stands for the main window's IMAP worker
    try:
        def runner(work, on_success, on_failure):  # type: ignore[no-untyped-def]
            worker.submit(lambda: work(session), on_success, on_failure)

        outbox = Outbox(context.paths.data_dir)
        window = _show(qtbot, ComposeWindow.new(context, account, outbox=outbox, imap_runner=runner))
        window.subject_edit.setText("Réunion parents-professeurs")
        window.body.setPlainText("Texte à finir demain.")
        window.close()
        draft_id = window.draft_id

        def on_server_and_local_dropped() -> bool:
            try:
                outbox.draft(draft_id)  # type: ignore[arg-type]
            except errors.OutboxEntryMissing:
                return True
            return False

        qtbot.waitUntil(on_server_and_local_dropped, timeout=15000)
        check = account.open_imap()
        try:
            check.select("Drafts", readonly=True)
            [uid] = check.search_uids()
            raw = check.fetch_message(uid) or b""
            parsed = email.message_from_bytes(raw, policy=email.policy.default)
            assert parsed["Subject"] == "Réunion parents-professeurs"
            assert b"\\Draft" in check.fetch([uid], ["FLAGS"])[uid][b"FLAGS"]
        finally:
            check.logout()
    finally:
        worker.shutdown(wait=True)
        session.logout()


def test_message_too_large_for_the_server_is_named_from_the_catalogue(qtbot, make_context, make_account,
                                                                        mail_server, local_provider,
                                                                        tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The server lowered its SIZE after the window asked (the runner's send meets it): the refusal is
    the catalogue's "Message too large" with the reason, nothing is sent, the user can edit again."""
    from tests.support.mailserver import DEFAULT_SIZE_LIMIT

    me = make_account("big")
    context = make_context()
    window = _show(qtbot, ComposeWindow.new(context, account_of(local_provider, context.ssl_context(), me),
                                            to=me.email))
    window.subject_edit.setText("Gros fichier")
    big = tmp_path / "gros.bin"
    big.write_bytes(os.urandom(60_000))
    window.add_attachments([big])
    states: list[str] = []
    window.send_state_changed.connect(lambda _id, state: states.append(state))
    mail_server.set_smtp_size_limit(20_000)
    try:
        qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "failed" in states, timeout=20000)
    finally:
        mail_server.set_smtp_size_limit(DEFAULT_SIZE_LIMIT)
    assert window.tr("The server refused the message. Correct it and send again.") in window.status_label.text()
    assert "volumineux" in window.status_label.text(), window.status_label.text()
    assert window.send_action.isEnabled()
    assert not [m for m in mail_server.smtp_messages if b"Gros fichier" in m.raw]
