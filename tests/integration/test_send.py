"""Compose and send against the real SMTP server and Dovecot: delivery, threading, Sent copy, outbox."""

from __future__ import annotations

import email
import email.policy
import hashlib
import os
import time

import pytest

from acmail_desktop.core import compose, errors
from acmail_desktop.core.account import Account
from acmail_desktop.core.mime import OutgoingAttachment, parse_address_list
from acmail_desktop.core.otp import passcode_credential
from acmail_desktop.core.outbox import ACCEPTED, FAILED, QUEUED, SENT_COPY_DONE, UNCERTAIN, Outbox
from tests.support.accounts import account_of
from tests.support.assertions import sent_copies

pytestmark = pytest.mark.integration


def _inbox(mail_server, acc) -> list[bytes]:  # type: ignore[no-untyped-def]
    root = mail_server.maildir(acc.identifiant)
    return [p.read_bytes() for d in ("new", "cur") for p in sorted((root / d).iterdir())]


def _send_all(outbox: Outbox, account: Account, entry_id: str) -> None:
    outbox.send_step(entry_id, account)
    imap = account.open_imap()
    try:
        outbox.sent_copy_step(entry_id, imap)
    finally:
        imap.logout()


def test_message_delivered_parsed_back_and_sent_copy_once(mail_server, local_provider, ssl_context, make_account,
                                                          app_paths, tmp_path) -> None:  # type: ignore[no-untyped-def]
    sender, to, cc, bcc = make_account("snd"), make_account("rcp"), make_account("cc"), make_account("bcc")
    account = account_of(local_provider, ssl_context, sender)
    pdf = tmp_path / "compte rendu été.pdf"
    pdf.write_bytes(os.urandom(300_000) + b"\r\n.\r\n..\n\x00")
    png = tmp_path / "image.png"
    png.write_bytes(os.urandom(70_001))
    outbox = Outbox(app_paths.data_dir)
    entry = outbox.enqueue(
        account.identity.key, sender=("Frédérique Ébrard", sender.email),
        to=parse_address_list(f'"Dupont, Élise" <{to.email}>'), cc=[("Çédric", cc.email)], bcc=[("", bcc.email)],
        subject="Réunion de rentrée — ordre du jour", body="Bonjour,\n\nVoici l'ordre du jour.\n.\nÀ bientôt\n",
        attachments=[pdf, png])
    _send_all(outbox, account, entry.id)
    assert outbox.get(entry.id).state == SENT_COPY_DONE
    assert not entry.spool_path.exists()

    assert len(mail_server.smtp_messages) >= 1
    wire = next(m for m in mail_server.smtp_messages if entry.message_id.encode() in m.raw)
    assert sorted(wire.rcpt_tos) == sorted([to.email, cc.email, bcc.email])
    assert bcc.email.encode() not in wire.raw  # Bcc never in the bytes
    for who in (to, cc, bcc):
        raws = [r for r in _inbox(mail_server, who) if entry.message_id.encode() in r]
        assert len(raws) == 1
        parsed = email.message_from_bytes(raws[0], policy=email.policy.default)
        assert parsed["Subject"] == "Réunion de rentrée — ordre du jour"
        assert parsed["From"].addresses[0].display_name == "Frédérique Ébrard"
        assert parsed["To"].addresses[0].display_name == "Dupont, Élise"
        assert parsed["To"].addresses[0].addr_spec == to.email
        assert parsed["Cc"].addresses[0].addr_spec == cc.email
        assert parsed["Message-ID"] == entry.message_id and parsed["Date"]
        assert parsed.get_body(("plain",)).get_content() == "Bonjour,\n\nVoici l'ordre du jour.\n.\nÀ bientôt\n"
        files = {p.get_filename(): p.get_content() for p in parsed.iter_attachments()}
        assert hashlib.sha256(files["compte rendu été.pdf"]).digest() == hashlib.sha256(pdf.read_bytes()).digest()
        assert files["image.png"] == png.read_bytes()
    assert sent_copies(account, entry.message_id) == 1
    # Running the Sent step again (e.g. after a restart) never duplicates the copy.
    imap = account.open_imap()
    try:
        outbox._set(entry.id, ACCEPTED)
        outbox.sent_copy_step(entry.id, imap)
    finally:
        imap.logout()
    assert sent_copies(account, entry.message_id) == 1


def test_reply_threading_and_answered_flag(mail_server, local_provider, ssl_context, make_account,
                                           app_paths) -> None:  # type: ignore[no-untyped-def]
    alice, bob = make_account("alice"), make_account("bob")
    original = (f"From: Alice Martin <{alice.email}>\r\nTo: {bob.email}\r\nSubject: RE: Réf : Conseil de classe\r\n"
                "Date: Tue, 03 Nov 2026 14:05:00 +0100\r\nMessage-ID: <orig-1@acmail.test>\r\n"
                "References: <root@acmail.test>\r\n\r\nLe conseil est jeudi.\r\n").encode()
    mail_server.deliver(bob.identifiant, original)
    account = account_of(local_provider, ssl_context, bob)
    draft = compose.reply(original, own_addresses=[bob.email])
    assert draft.subject == "Re: Conseil de classe"
    outbox = Outbox(app_paths.data_dir)
    entry = outbox.enqueue(account.identity.key, sender=("", bob.email), to=draft.to, subject=draft.subject,
                           body="Merci !" + draft.body, in_reply_to=draft.in_reply_to,
                           references=draft.references, original_message_id=draft.original_message_id,
                           original_flag=draft.original_flag)
    _send_all(outbox, account, entry.id)
    received = [r for r in _inbox(mail_server, alice) if entry.message_id.encode() in r]
    parsed = email.message_from_bytes(received[0], policy=email.policy.default)
    assert parsed["In-Reply-To"] == "<orig-1@acmail.test>"
    assert parsed["References"] == "<root@acmail.test> <orig-1@acmail.test>"
    assert parsed["Subject"] == "Re: Conseil de classe"
    text = parsed.get_body(("plain",)).get_content()
    assert "Le mar. 3 nov. 2026 à" in text and "Alice Martin a écrit :" in text and "> Le conseil est jeudi." in text
    imap = account.open_imap()
    try:
        imap.select("INBOX", readonly=True)
        uid = imap.search_header("Message-ID", "<orig-1@acmail.test>")[0]
        flags = imap.fetch([uid], ["FLAGS"])[uid][b"FLAGS"]
        assert b"\\Answered" in flags
    finally:
        imap.logout()


def test_rate_limit_queues_then_retries(mail_server, local_provider, ssl_context, make_account,
                                        app_paths) -> None:  # type: ignore[no-untyped-def]
    sender, to = make_account("rl"), make_account("rlto")
    account = account_of(local_provider, ssl_context, sender)
    outbox = Outbox(app_paths.data_dir)
    entry = outbox.enqueue(account.identity.key, sender=("", sender.email), to=[("", to.email)],
                           subject="Limite", body="x\n")
    mail_server.smtp_fail_next(451, "4.7.0 Rate limit", stage="DATA")
    now = time.time()
    after = outbox.send_step(entry.id, account, now=now)
    assert after.state == QUEUED and after.attempts == 1 and after.last_error == "sending_limit"
    assert after.next_attempt_at >= now + 30
    assert outbox.due(account.identity.key, now=now) == []  # not before its time
    assert [e.id for e in outbox.due(account.identity.key, now=now + 31)] == [entry.id]
    assert outbox.send_step(entry.id, account).state == ACCEPTED
    delivered = [m for m in mail_server.smtp_messages if entry.message_id.encode() in m.raw]
    assert len(delivered) == 1


@pytest.mark.parametrize(
    ("stage", "code", "text", "state", "last_error"),
    [
        ("MAIL", 550, "5.7.1 Sending quota exceeded: 4000 recipients per hour", QUEUED, "sending_limit"),
        ("RCPT", 450, "4.7.1 Sender address rejected: rate limit exceeded", QUEUED, "sending_limit"),
        ("DATA", 554, "5.7.0 Too many messages sent in the last 10 minutes", QUEUED, "sending_limit"),
        ("RCPT", 452, "4.5.3 Error: too many recipients", FAILED, "too_many_recipients"),
        ("DATA", 554, "5.7.1 Message rejected as spam", FAILED, "smtp_blocked"),
    ],
)
def test_sending_limit_refusals_are_recognised(mail_server, local_provider, ssl_context, make_account, app_paths,
                                               stage, code, text, state, last_error) -> None:  # type: ignore[no-untyped-def]
    """A limit over time waits in the outbox (nothing delivered); too many recipients fails at once."""
    sender, to = make_account("lim"), make_account("limto")
    account = account_of(local_provider, ssl_context, sender)
    outbox = Outbox(app_paths.data_dir)
    entry = outbox.enqueue(account.identity.key, sender=("", sender.email), to=[("", to.email)],
                           subject="Limite", body="x\n")
    mail_server.smtp_fail_next(code, text, stage=stage)
    after = outbox.send_step(entry.id, account)
    assert (after.state, after.last_error) == (state, last_error)
    assert not [m for m in mail_server.smtp_messages if entry.message_id.encode() in m.raw]


def test_drop_after_data_is_uncertain_and_never_resent(mail_server, local_provider, ssl_context, make_account,
                                                       app_paths) -> None:  # type: ignore[no-untyped-def]
    sender, to = make_account("drop"), make_account("dropto")
    account = account_of(local_provider, ssl_context, sender)
    outbox = Outbox(app_paths.data_dir)
    entry = outbox.enqueue(account.identity.key, sender=("", sender.email), to=[("", to.email)],
                           subject="Incertain", body="x\n")
    mail_server.smtp_drop_after_data()
    assert outbox.send_step(entry.id, account).state == UNCERTAIN
    # Neither a new send step nor a restart sends it again.
    assert outbox.send_step(entry.id, account).state == UNCERTAIN
    assert Outbox(app_paths.data_dir).due(account.identity.key, now=time.time() + 10_000) == []
    assert len([m for m in mail_server.smtp_messages if entry.message_id.encode() in m.raw]) == 1
    # The user saw it arrived: mark as sent, only the Sent copy is done.
    outbox.mark_sent(entry.id)
    imap = account.open_imap()
    try:
        assert outbox.sent_copy_step(entry.id, imap).state == SENT_COPY_DONE
    finally:
        imap.logout()
    assert len([m for m in mail_server.smtp_messages if entry.message_id.encode() in m.raw]) == 1
    assert sent_copies(account, entry.message_id) == 1


def test_server_down_stays_queued_and_cancel(local_provider, ssl_context, make_account,
                                             app_paths) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from tests.support.mailserver import free_ports

    sender = make_account("down")
    provider = replace(local_provider, smtp=replace(local_provider.smtp, port=free_ports(1)[0]))
    account = account_of(provider, ssl_context, sender)
    outbox = Outbox(app_paths.data_dir)
    entry = outbox.enqueue(account.identity.key, sender=("", sender.email), to=[("", sender.email)],
                           subject="Hors ligne", body="x\n")
    after = outbox.send_step(entry.id, account)
    assert after.state == QUEUED and after.attempts == 1 and after.last_error == "connection_refused"
    assert outbox.cancel(entry.id).state == "cancelled"
    assert not entry.spool_path.exists()


def test_passcode_session_asks_fresh_code_for_smtp(mail_server, local_provider, ssl_context, make_account,
                                                   app_paths) -> None:  # type: ignore[no-untyped-def]
    sender = make_account("pc")
    code = mail_server.fresh_passcode(sender.identifiant)
    account = account_of(local_provider, ssl_context, sender,
                         credential=passcode_credential(sender.identifiant, code[:-6], code[-6:]), timeout=10)
    imap = account.open_imap()  # the session spends the PassCode
    try:
        outbox = Outbox(app_paths.data_dir)
        entry = outbox.enqueue(account.identity.key, sender=("", sender.email), to=[("", sender.email)],
                               subject="PassCode", body="x\n")
        before = len(mail_server.auth_attempts(sender.identifiant))
        with pytest.raises(errors.PassCodeSpent):
            outbox.send_step(entry.id, account)
        assert len(mail_server.auth_attempts(sender.identifiant)) == before  # nothing replayed
        assert outbox.get(entry.id).state == QUEUED
        fresh = mail_server.fresh_passcode(sender.identifiant)
        account.renew_credential(passcode_credential(sender.identifiant, fresh[:-6], fresh[-6:]))
        assert outbox.send_step(entry.id, account).state == ACCEPTED
        assert outbox.sent_copy_step(entry.id, imap).state == SENT_COPY_DONE  # the existing IMAP session
    finally:
        imap.logout()


def test_forward_as_attachment_and_inline(mail_server, local_provider, ssl_context, make_account,
                                          app_paths) -> None:  # type: ignore[no-untyped-def]
    sender, to = make_account("fw"), make_account("fwto")
    original = ("From: Élodie <e@acmail.test>\r\nTo: x@acmail.test\r\nSubject: =?utf-8?q?Sortie_p=C3=A9dagogique?=\r\n"
                "Message-ID: <fw-orig@acmail.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                "Content-Transfer-Encoding: 8bit\r\n\r\nDépart à 8 h.\r\n").encode()
    account = account_of(local_provider, ssl_context, sender)
    outbox = Outbox(app_paths.data_dir)
    for as_attachment in (True, False):
        draft = compose.forward(original, as_attachment=as_attachment)
        assert draft.subject == "Fwd: Sortie pédagogique"
        entry = outbox.enqueue(account.identity.key, sender=("", sender.email), to=[("", to.email)],
                               subject=draft.subject, body=draft.body, attachments=draft.attachments,
                               references=draft.references)
        assert outbox.send_step(entry.id, account).state == ACCEPTED
        raw = next(r for r in _inbox(mail_server, to) if entry.message_id.encode() in r)
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        if as_attachment:
            inner = next(parsed.iter_attachments())
            assert inner.get_content_type() == "message/rfc822"
            assert inner.get_content()["Message-ID"] == "<fw-orig@acmail.test>"
        else:
            assert "Départ à 8 h." in parsed.get_body(("plain",)).get_content()
            assert "Message transféré" in parsed.get_body(("plain",)).get_content()


def test_header_injection_refused_and_nothing_sent(mail_server, local_provider, ssl_context, make_account,
                                                   app_paths) -> None:  # type: ignore[no-untyped-def]
    sender, to = make_account("inj"), make_account("injto")
    outbox = Outbox(app_paths.data_dir)
    before = len(mail_server.smtp_messages)
    for subject, addresses in [("Salut\r\nBcc: evil@acmail.test", [("", to.email)]),
                               ("ok", [("Nom\nBcc: evil@acmail.test", to.email)])]:
        with pytest.raises(errors.HeaderInjection):
            outbox.enqueue("k", sender=("", sender.email), to=addresses, subject=subject, body="x")
    with pytest.raises(errors.HeaderInjection):
        parse_address_list(f"{to.email})<evil@evil.tld>")
    assert outbox.entries() == []
    # A subject with text that looks like a header stays inside the Subject on the wire.
    account = account_of(local_provider, ssl_context, sender)
    entry = outbox.enqueue(account.identity.key, sender=("", sender.email), to=[("", to.email)],
                           subject="Bcc: evil@acmail.test X-Injected: 1", body="x\n")
    with pytest.raises(errors.HeaderInjection):
        outbox.enqueue("k", sender=("", sender.email), to=[("", to.email)], subject="s", body="x",
                       attachments=[OutgoingAttachment("a\u2028Bcc: e@evil.tld.txt", "text/plain", data=b"hi")])
    outbox.send_step(entry.id, account)
    wire = mail_server.smtp_messages[before].raw
    header = wire.split(b"\r\n\r\n", 1)[0]
    names = [line.split(b":", 1)[0].lower() for line in header.split(b"\r\n") if line[:1] not in (b" ", b"\t")]
    assert b"bcc" not in names and b"x-injected" not in names
    assert sorted(names) == sorted([b"from", b"to", b"subject", b"date", b"message-id", b"mime-version",
                                    b"user-agent", b"content-type", b"content-transfer-encoding"])
    assert mail_server.smtp_messages[before].rcpt_tos == (to.email,)


def test_logout_save_unsent_to_drafts_and_discard(mail_server, local_provider, ssl_context, make_account,
                                                  app_paths) -> None:  # type: ignore[no-untyped-def]
    me = make_account("lo")
    account = account_of(local_provider, ssl_context, me)
    outbox = Outbox(app_paths.data_dir)
    key = account.identity.key
    kept = outbox.enqueue(key, sender=("", me.email), to=[("", me.email)], subject="Pas encore envoyé", body="x\n")
    dropped = outbox.enqueue(key, sender=("", me.email), to=[("", me.email)], subject="À jeter", body="y\n")
    outbox.save_draft(key, {"subject": "brouillon"})
    imap = account.open_imap()
    try:
        imap.select("INBOX", readonly=True)
        assert outbox.save_as_draft(kept.id, imap)
        assert imap.selected == "INBOX"  # the caller's selection is left as it was
        imap.select("Drafts", readonly=True)
        assert len(imap.search_header("Message-ID", kept.message_id)) == 1
    finally:
        imap.logout()
    assert outbox.get(kept.id).state == "cancelled" and not kept.spool_path.exists()
    assert outbox.discard_account(key) == 1
    assert outbox.get(dropped.id).state == "cancelled" and outbox.entries(key) == []
    assert Outbox(app_paths.data_dir).recoverable_drafts(key) == []
    assert not [m for m in mail_server.smtp_messages if kept.message_id.encode() in m.raw]


def test_the_size_question_spends_no_passcode(mail_server, local_provider, ssl_context,
                                              make_account) -> None:  # type: ignore[no-untyped-def]
    """Account.smtp_size_limit asks EHLO only: the PassCode is still unspent for the login after it."""
    from tests.support.mailserver import DEFAULT_SIZE_LIMIT

    sender = make_account("pc")
    code = mail_server.fresh_passcode(sender.identifiant)
    account = account_of(local_provider, ssl_context, sender,
                         credential=passcode_credential(sender.identifiant, code[:-6], code[-6:]), timeout=10)
    assert account.smtp_size_limit() == DEFAULT_SIZE_LIMIT
    assert not account.needs_new_passcode
    account.open_imap().logout()  # the code was not used by the SIZE question


def test_a_server_draft_saved_after_send_is_the_one_removed_once_sent(mail_server, local_provider, ssl_context,
                                                                      make_account, app_paths) -> None:  # type: ignore[no-untyped-def]
    """Send pressed while a server save was on the IMAP worker: the save finishes after the message was
    queued; the entry records the new copy (Outbox.set_draft_server_id), the Sent-copy step removes it,
    and Drafts is left empty (no stale copy, nothing removed twice)."""
    import io

    from acmail_desktop.core.mime import write_message
    from acmail_desktop.core.outbox import OutgoingMessage, save_draft_to_server

    me, to = make_account("dlate"), make_account("dlateto")
    account = account_of(local_provider, ssl_context, me)
    outbox = Outbox(app_paths.data_dir)
    key = account.identity.key
    draft_id = outbox.save_draft(key, {"subject": "Conseil"})
    message = OutgoingMessage(sender=("", me.email), to=[("", to.email)], subject="Conseil", body="Texte\n",
                              draft_id=draft_id)
    entry = outbox.enqueue_message(key, message)
    assert entry.server_draft_id is None
    out = io.BytesIO()
    server_id, _ = write_message(out, sender=("", me.email), to=[("", to.email)], subject="Conseil", body="Texte\n")
    imap = account.open_imap()
    try:
        assert save_draft_to_server(imap, out.getvalue(), server_id, None)
        outbox.set_draft_server_id(draft_id, server_id)  # the save's last step, after the enqueue
        assert outbox.get(entry.id).server_draft_id == server_id
        assert outbox.send_step(entry.id, account).state == ACCEPTED
        assert outbox.sent_copy_step(entry.id, imap).state == SENT_COPY_DONE
        imap.select("Drafts", readonly=True)
        assert imap.search_uids() == []
    finally:
        imap.logout()
    assert sent_copies(account, entry.message_id) == 1
