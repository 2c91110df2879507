"""Writing mail as a teacher expects (issue 17), on the real Dovecot and SMTP servers: refused recipients
named and nothing sent, one PassCode for the session's sends, streamed DATA, the display name in From,
drafts resumed from the server's Drafts (ours and another client's), replaced and removed once sent."""

from __future__ import annotations

import email
import email.policy
import io
import logging
import os
import socket

import pytest

from acmail_desktop.core import compose, errors, smtp
from acmail_desktop.core.account import Account
from acmail_desktop.core.mime import write_message
from acmail_desktop.core.otp import passcode_credential
from acmail_desktop.core.outbox import ACCEPTED, CANCELLED, FAILED, SENT_COPY_DONE, Outbox, save_draft_to_server
from tests.support.accounts import account_of
from tests.support.assertions import sent_copies
from tests.support.sample_mail import HTML_ORIGINAL, THUNDERBIRD_DRAFT

pytestmark = pytest.mark.integration


def _passcode_account(mail_server, provider, ssl_context, acc):  # type: ignore[no-untyped-def]
    code = mail_server.fresh_passcode(acc.identifiant)
    return account_of(provider, ssl_context, acc, credential=passcode_credential(acc.identifiant, code[:-6], code[-6:]),
                      timeout=10)


def _renew(mail_server, account, acc) -> None:  # type: ignore[no-untyped-def]
    fresh = mail_server.fresh_passcode(acc.identifiant)
    account.renew_credential(passcode_credential(acc.identifiant, fresh[:-6], fresh[-6:]))


def _delivered(mail_server, message_id: str) -> list[bytes]:  # type: ignore[no-untyped-def]
    return [m.raw for m in mail_server.smtp_messages if message_id.encode() in m.raw]


def _drafts_with(account: Account, message_id: str) -> int:
    with account.imap_connection() as imap:
        imap.select("Drafts", readonly=True)
        return len(imap.search_header("Message-ID", message_id))


def _send_all(outbox: Outbox, account: Account, entry_id: str) -> None:
    outbox.send_step(entry_id, account)
    with account.imap_connection() as imap:
        outbox.sent_copy_step(entry_id, imap)


# --- refusals ------------------------------------------------------------------------------------
def test_one_refused_recipient_of_two_sends_nothing_and_names_it(mail_server, local_provider, ssl_context,
                                                                 make_account, app_paths, caplog) -> None:  # type: ignore[no-untyped-def]
    me, known = make_account("ref"), make_account("refok")
    unknown = "personne.inconnue@acmail.test"
    account = account_of(local_provider, ssl_context, me)
    outbox = Outbox(app_paths.data_dir)
    entry = outbox.enqueue(account.identity.key, sender=("", me.email), to=[("", known.email), ("", unknown)],
                           subject="Conseil de classe", body="Bonjour\n")
    with caplog.at_level(logging.INFO, logger="acmail.smtp"):
        result = outbox.send_step(entry.id, account)
    assert result.state == FAILED and result.last_error == "recipients_refused"
    assert [(a, c) for a, c, _t in result.refusals] == [(unknown, 550)]
    assert "5.1.1" in result.refusals[0][2] and "User unknown" in result.refusals[0][2]
    assert _delivered(mail_server, entry.message_id) == []  # not even to the accepted recipient
    assert not list((mail_server.maildir(known.identifiant) / "new").iterdir())
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "pe**************e@acmail.test" in logged and unknown not in logged  # refusal logged, masked

    # The user corrects the address: the refused copy leaves the outbox, the corrected one goes once.
    fixed = outbox.enqueue(account.identity.key, sender=("", me.email), to=[("", known.email)],
                           subject="Conseil de classe", body="Bonjour\n", replaces=entry.id)
    assert outbox.get(entry.id).state == CANCELLED and not entry.spool_path.exists()
    assert [e.id for e in outbox.entries(account.identity.key)] == [fixed.id]
    _send_all(outbox, account, fixed.id)
    assert outbox.get(fixed.id).state == SENT_COPY_DONE
    assert len(_delivered(mail_server, fixed.message_id)) == 1
    assert outbox.entries(account.identity.key) == []


def test_refused_entry_leaves_outbox_when_discarded(mail_server, local_provider, ssl_context, make_account,
                                                    app_paths) -> None:  # type: ignore[no-untyped-def]
    me = make_account("disc")
    account = account_of(local_provider, ssl_context, me)
    outbox = Outbox(app_paths.data_dir)
    entry = outbox.enqueue(account.identity.key, sender=("", me.email), to=[("", "nul.part@acmail.test")],
                           subject="x", body="x\n")
    assert outbox.send_step(entry.id, account).state == FAILED
    outbox.cancel(entry.id)
    assert outbox.entries(account.identity.key) == []


# --- one PassCode per session -------------------------------------------------------------------
def test_passcode_session_sends_two_messages_with_one_code(mail_server, local_provider, ssl_context,
                                                           make_account, app_paths) -> None:  # type: ignore[no-untyped-def]
    me, to = make_account("one"), make_account("oneto")
    account = _passcode_account(mail_server, local_provider, ssl_context, me)
    imap = account.open_imap()  # the sign-in spends the first code
    try:
        outbox = Outbox(app_paths.data_dir)
        first = outbox.enqueue(account.identity.key, sender=("", me.email), to=[("", to.email)], subject="Un",
                               body="1\n")
        second = outbox.enqueue(account.identity.key, sender=("", me.email), to=[("", to.email)],
                                subject="Deux", body="2\n")
        with pytest.raises(errors.PassCodeSpent) as raised:
            outbox.send_step(first.id, account)
        assert not isinstance(raised.value, errors.SmtpSessionExpired)  # not "expired": never opened yet
        _renew(mail_server, account, me)
        mail_server.reset_auth_log()
        assert outbox.send_step(first.id, account).state == ACCEPTED
        assert outbox.send_step(second.id, account).state == ACCEPTED
        smtp_logins = [a for a in mail_server.auth_attempts(me.identifiant) if a.service == "smtp"]
        assert [a.result for a in smtp_logins] == ["ok"]  # one code, one SMTP login, two messages
        assert len(_delivered(mail_server, first.message_id)) == 1
        assert len(_delivered(mail_server, second.message_id)) == 1
        assert account.keep_smtp_alive()  # NOOP on the kept connection

        # The kept connection dies (idle limit, network): the next send says why it needs a code.
        account._kept_smtp.smtp.sock.shutdown(socket.SHUT_RDWR)  # type: ignore[union-attr]
        third = outbox.enqueue(account.identity.key, sender=("", me.email), to=[("", to.email)],
                               subject="Trois", body="3\n")
        with pytest.raises(errors.SmtpSessionExpired):
            outbox.send_step(third.id, account)
        assert outbox.get(third.id).state == "queued"
        _renew(mail_server, account, me)
        assert outbox.send_step(third.id, account).state == ACCEPTED
        assert len(_delivered(mail_server, third.message_id)) == 1
    finally:
        imap.logout()
        account.close_smtp()


# --- streaming -----------------------------------------------------------------------------------
def test_streamed_data_is_dot_stuffed_across_chunk_boundaries(mail_server, local_provider, ssl_context,
                                                              make_account) -> None:  # type: ignore[no-untyped-def]
    """Lines starting with "." at a chunk's first byte, just after it, and a CR/LF split by a boundary."""
    me, to = make_account("dot"), make_account("dotto")
    head = (f"From: {me.email}\r\nTo: {to.email}\r\nSubject: points\r\nMessage-ID: <dots-{os.getpid()}@acmail.test>"
            "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n").encode()
    chunk = smtp.STREAM_CHUNK
    body = bytearray()

    def pad_to(end: int) -> None:
        """Short lines (servers refuse lines over 1000 bytes) until the message is `end` bytes long."""
        while end - len(head) - len(body) > 100:
            body.extend(b"x" * 70 + b"\r\n")
        body.extend(b"y" * (end - len(head) - len(body)))

    pad_to(chunk - 2)
    body += b"\r\n.starts the second chunk\r\n..two dots\r\n.\r\n"  # the dot is the chunk's first byte
    pad_to(2 * chunk - 1)
    body += b"\r\n.split CRLF across the boundary\r\n"
    raw = head + bytes(body) + b"final line\r\n.\r\n"
    assert raw[chunk:chunk + 1] == b"." and raw[2 * chunk - 1:2 * chunk + 1] == b"\r\n"
    account = account_of(local_provider, ssl_context, me)
    with account.smtp_submission() as submission:
        answers = submission.send(raw, me.email, [to.email])
    assert [(a.address, a.code) for a in answers] == [(to.email, 250)]
    delivered = next(m.raw for m in mail_server.smtp_messages if b"dots-" in m.raw and to.email in m.rcpt_tos)
    assert delivered == raw  # byte for byte: every stuffed dot removed again by the server


# --- identity ------------------------------------------------------------------------------------
def test_from_carries_the_encoded_display_name(mail_server, local_provider, ssl_context, make_account,
                                               app_paths) -> None:  # type: ignore[no-untyped-def]
    me, to = make_account("nom"), make_account("nomto")
    account = account_of(local_provider, ssl_context, me)
    outbox = Outbox(app_paths.data_dir)
    entry = outbox.enqueue(account.identity.key, sender=("Hélène Lefèvre-Dupré", me.email), to=[("", to.email)],
                           subject="Nom affiché", body="x\n")
    _send_all(outbox, account, entry.id)
    raw = _delivered(mail_server, entry.message_id)[0]
    from_line = next(line for line in raw.split(b"\r\n\r\n")[0].split(b"\r\n") if line.lower().startswith(b"from:"))
    assert raw.isascii() and b"=?utf-8?" in from_line.lower()  # RFC 2047 on the wire
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["From"].addresses[0].display_name == "Hélène Lefèvre-Dupré"
    assert parsed["From"].addresses[0].addr_spec == me.email


# --- drafts --------------------------------------------------------------------------------------
def test_draft_edited_then_sent_is_delivered_once_and_leaves_drafts(mail_server, local_provider, ssl_context,
                                                                    make_account, app_paths) -> None:  # type: ignore[no-untyped-def]
    me, to, hidden = make_account("dr"), make_account("drto"), make_account("drbcc")
    account = account_of(local_provider, ssl_context, me)
    fields = dict(sender=("Élise", me.email), to=[("", to.email)], bcc=[("", hidden.email)],
                  subject="Sortie au musée", body="Première version\n", bcc_header=True)
    first = io.BytesIO()
    first_id, _ = write_message(first, **fields)  # type: ignore[arg-type]
    with account.imap_connection() as imap:
        assert save_draft_to_server(imap, first.getvalue(), first_id, None)
    # Opened again from Drafts (as the main window does), edited, saved: it replaces, never piles up.
    with account.imap_connection() as imap:
        imap.select("Drafts", readonly=True)
        uids = imap.search_header("Message-ID", first_id)
        draft = compose.from_draft(imap.fetch_message(uids[0]) or b"")
    assert draft.server_draft_id == first_id and draft.subject == "Sortie au musée"
    assert draft.bcc == [("", hidden.email)] and "Première version" in draft.body
    second = io.BytesIO()
    second_id, _ = write_message(second, **{**fields, "body": "Version corrigée\n"})  # type: ignore[arg-type]
    with account.imap_connection() as imap:
        save_draft_to_server(imap, second.getvalue(), second_id, draft.server_draft_id)
    assert _drafts_with(account, first_id) == 0 and _drafts_with(account, second_id) == 1

    outbox = Outbox(app_paths.data_dir)
    entry = outbox.enqueue(account.identity.key, sender=("Élise", me.email), to=draft.to, bcc=draft.bcc,
                           subject=draft.subject, body="Version corrigée\n", server_draft_id=second_id)
    _send_all(outbox, account, entry.id)
    assert outbox.get(entry.id).state == SENT_COPY_DONE
    assert len(_delivered(mail_server, entry.message_id)) == 1
    wire = next(m for m in mail_server.smtp_messages if entry.message_id.encode() in m.raw)
    assert sorted(wire.rcpt_tos) == sorted([to.email, hidden.email]) and hidden.email.encode() not in wire.raw
    assert _drafts_with(account, second_id) == 0
    assert sent_copies(account, entry.message_id) == 1
    with account.imap_connection() as imap:  # a second run of the step (after a restart) changes nothing
        outbox.sent_copy_step(entry.id, imap)
    assert len(_delivered(mail_server, entry.message_id)) == 1


def test_thunderbird_style_draft_opens_with_attachments(mail_server, local_provider, ssl_context,
                                                        make_account) -> None:  # type: ignore[no-untyped-def]
    me, to, cc, bcc = make_account("tb"), make_account("tbto"), make_account("tbcc"), make_account("tbbcc")
    raw = THUNDERBIRD_DRAFT.format(me=me.email, to=to.email, cc=cc.email, bcc=bcc.email).encode()
    mail_server.deliver(me.identifiant, raw, folder="Drafts", flags="D")
    account = account_of(local_provider, ssl_context, me)
    with account.imap_connection() as imap:
        imap.select("Drafts", readonly=True)
        uid = imap.search_header("Message-ID", "<e1c3b7a0-8d1e-4c2a-9f55-tb115@acmail.test>")[0]
        fetched = imap.fetch_message(uid) or b""
    draft = compose.from_draft(fetched)
    assert draft.to == [("Chloé Martin", to.email)] and draft.cc == [("", cc.email)]
    assert draft.bcc == [("", bcc.email)]
    assert draft.subject == "Sortie pédagogique — autorisations"
    assert "Voici les autorisations à signer." in draft.body
    assert draft.in_reply_to == "<orig-42@acmail.test>"
    assert draft.references == "<root-1@acmail.test> <orig-42@acmail.test>"
    assert draft.server_draft_id == "<e1c3b7a0-8d1e-4c2a-9f55-tb115@acmail.test>"
    assert [(a.filename, a.content_type) for a in draft.attachments] == [("autorisation sortie été.pdf",
                                                                          "application/pdf")]
    assert draft.attachments[0].data is not None and draft.attachments[0].data.startswith(b"%PDF-1.4")


# --- formatting ------------------------------------------------------------------------------------


def test_reply_to_html_quotes_with_formatting_and_sends_both_parts(mail_server, local_provider, ssl_context,
                                                                   make_account, app_paths) -> None:  # type: ignore[no-untyped-def]
    me, to = make_account("rh"), make_account("rhto")
    draft = compose.reply(HTML_ORIGINAL.format(me=me.email).encode(), own_addresses=[me.email])
    assert draft.html is not None
    assert "<blockquote" in draft.html and "<b>programme</b>" in draft.html and "<li>" in draft.html
    assert "script" not in draft.html and "alert" not in draft.html  # sanitized as the reader does
    assert "Chloé Martin a écrit" in draft.html
    account = account_of(local_provider, ssl_context, me)
    outbox = Outbox(app_paths.data_dir)
    html_part = ("<!DOCTYPE html><html><body><p>Merci !</p><blockquote type=\"cite\"><p>Le <strong>programme"
                 "</strong> :</p><ul><li>Jour 1 : musée</li></ul></blockquote></body></html>")
    entry = outbox.enqueue(account.identity.key, sender=("", me.email), to=[("", to.email)],
                           subject=draft.subject, body="Merci !\n> Le programme :\n> - Jour 1 : musée\n",
                           html=html_part, in_reply_to=draft.in_reply_to, references=draft.references)
    _send_all(outbox, account, entry.id)
    parsed = email.message_from_bytes(_delivered(mail_server, entry.message_id)[0], policy=email.policy.default)
    assert parsed.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in parsed.iter_parts()] == ["text/plain", "text/html"]
    plain = parsed.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert plain == "Merci !\n> Le programme :\n> - Jour 1 : musée\n"
    assert parsed.get_body(("html",)).get_content().replace("\r\n", "\n").strip() == html_part
    assert sent_copies(account, entry.message_id) == 1
