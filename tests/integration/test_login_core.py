"""Core login against the real Dovecot and SMTP server: every outcome the login screen must handle."""

from __future__ import annotations

import email
import time
from dataclasses import replace

import pytest

from acmail_desktop.core import errors
from acmail_desktop.core.mime import build_message, decode_header_value
from acmail_desktop.core.otp import passcode_credential, password_credential
from tests.support.accounts import account_for

pytestmark = pytest.mark.integration


def _passcode(mail_server, acc):  # type: ignore[no-untyped-def]
    value = mail_server.fresh_passcode(acc.identifiant)
    return passcode_credential(acc.identifiant, value[:-6], value[-6:])


@pytest.mark.parametrize("security", ["implicit", "starttls"])
def test_password_login_lists_folders_and_inbox(mail_server, local_provider, ssl_context, make_account,
                                               security) -> None:  # type: ignore[no-untyped-def]
    acc = make_account()
    port = mail_server.imaps_port if security == "implicit" else mail_server.imap_port
    provider = replace(local_provider, imap=replace(local_provider.imap, port=port, security=security))
    mail_server.deliver(acc.identifiant, b"From: a@acmail.test\r\nSubject: =?utf-8?q?R=C3=A9union?=\r\n\r\nx\r\n")
    session = account_for(provider, ssl_context, acc.identifiant,
                       password_credential(acc.identifiant, acc.password)).open_imap()
    try:
        folders = {f.name: f.special_use for f in session.list_folders()}
        assert folders["INBOX"] == "\\Inbox" and folders["Sent"] == "\\Sent" and folders["Trash"] == "\\Trash"
        status = session.select("INBOX", readonly=True)
        assert status.exists == 1 and status.uidvalidity > 0
        rows = session.fetch(session.search_uids(), ["ENVELOPE"])
        assert decode_header_value(next(iter(rows.values()))[b"ENVELOPE"].subject) == "Réunion"
    finally:
        session.logout()


def test_passcode_login_then_replay_refused(mail_server, local_provider, ssl_context,
                                            make_account) -> None:  # type: ignore[no-untyped-def]
    acc = make_account()
    credential = _passcode(mail_server, acc)
    account = account_for(local_provider, ssl_context, acc.identifiant, credential)
    account.open_imap().logout()
    # The same Account never replays a spent PassCode: it asks for a new one without any network.
    before = len(mail_server.auth_attempts(acc.identifiant))
    with pytest.raises(errors.PassCodeSpent):
        account.open_imap()
    assert len(mail_server.auth_attempts(acc.identifiant)) == before
    # Another client replaying the same code is refused by the server, like an académie token.
    with pytest.raises(errors.OtpRejected):
        account_for(local_provider, ssl_context, acc.identifiant, credential).open_imap()
    assert mail_server.auth_attempts(acc.identifiant)[-1].result == "replayed"


def test_wrong_password_one_attempt_then_everything_stops(mail_server, local_provider, ssl_context,
                                                          make_account) -> None:  # type: ignore[no-untyped-def]
    acc = make_account()
    account = account_for(local_provider, ssl_context, acc.identifiant,
                       password_credential(acc.identifiant, "not-the-password"))
    with pytest.raises(errors.AuthFailed) as info:
        account.open_imap()
    assert "AUTHENTICATIONFAILED" in (info.value.server_text or "")
    for _ in range(3):
        with pytest.raises(errors.AuthFailed):
            account.open_imap()
        with pytest.raises(errors.AuthFailed):
            account.open_smtp()
    attempts = mail_server.auth_attempts(acc.identifiant)
    assert [a.result for a in attempts] == ["bad"], "a rejected credential must reach the server once"
    assert "not-the-password" not in str(info.value) and "not-the-password" not in repr(info.value)


def test_locked_account(mail_server, local_provider, ssl_context, make_account) -> None:  # type: ignore[no-untyped-def]
    acc = make_account()
    mail_server.set_locked(acc.identifiant, True, "Compte verrouillé : réessayez dans 15 minutes.")
    with pytest.raises(errors.AccountLocked) as info:
        account_for(local_provider, ssl_context, acc.identifiant,
                 password_credential(acc.identifiant, acc.password)).open_imap()
    assert "réessayez dans 15 minutes" in (info.value.server_text or "")


def test_expired_password(mail_server, local_provider, ssl_context, make_account) -> None:  # type: ignore[no-untyped-def]
    acc = make_account()
    mail_server.set_password_expired(acc.identifiant, True)
    with pytest.raises(errors.PasswordExpired):
        account_for(local_provider, ssl_context, acc.identifiant,
                 password_credential(acc.identifiant, acc.password)).open_imap()


def test_untrusted_certificate_sends_no_credential(mail_server, local_provider, make_account) -> None:  # type: ignore[no-untyped-def]
    from acmail_desktop.core.tls import make_ssl_context

    acc = make_account()
    with pytest.raises(errors.TlsUntrusted):
        account_for(local_provider, make_ssl_context(), acc.identifiant,
                 password_credential(acc.identifiant, acc.password)).open_imap()
    assert mail_server.auth_attempts(acc.identifiant) == []


def test_smtp_submission_arrives_in_inbox(mail_server, local_provider, ssl_context,
                                          make_account) -> None:  # type: ignore[no-untyped-def]
    sender, recipient = make_account(), make_account()
    account = account_for(local_provider, ssl_context, sender.identifiant,
                       password_credential(sender.identifiant, sender.password))
    message = build_message(sender=("Frédérique Sender", sender.email), to=[("", recipient.email)],
                            subject="Conseil de classe — 3ᵉB", body="Bonjour,\nà jeudi.\n")
    with account.open_smtp() as submission:
        submission.send(message.as_bytes(), sender.email, [recipient.email])
    session = account_for(local_provider, ssl_context, recipient.identifiant,
                       password_credential(recipient.identifiant, recipient.password)).open_imap()
    try:
        deadline = time.monotonic() + 5
        while True:
            session.select("INBOX", readonly=True)
            uids = session.search_uids()
            if uids or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        raw = session.fetch_message(uids[-1])
    finally:
        session.logout()
    received = email.message_from_bytes(raw)
    assert decode_header_value(received["Subject"]) == "Conseil de classe — 3ᵉB"
    assert received["Message-ID"] == message["Message-ID"]
    assert [a.result for a in mail_server.auth_attempts(sender.identifiant)] == ["ok"]


def test_smtp_wrong_password_single_auth_attempt(mail_server, local_provider, ssl_context,
                                                 make_account) -> None:  # type: ignore[no-untyped-def]
    """smtplib.login() would try each mechanism in turn: we send AUTH once."""
    acc = make_account()
    account = account_for(local_provider, ssl_context, acc.identifiant,
                       password_credential(acc.identifiant, "wrong-one"))
    with pytest.raises(errors.SmtpAuthFailed):
        account.open_smtp()
    assert [(a.service, a.result) for a in mail_server.auth_attempts(acc.identifiant)] == [("smtp", "bad")]
