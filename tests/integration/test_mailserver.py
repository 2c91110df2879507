"""The real local mail server harness (Dovecot + aiosmtpd) behaves like an académie server."""

from __future__ import annotations

import ast
import email
import smtplib
import ssl
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from imapclient import IMAPClient
from imapclient.exceptions import LoginError

from tests.support.mailserver import MailServer
from tests.support.seed import seed_demo_mailbox

pytestmark = pytest.mark.integration

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture(scope="module")
def server() -> Iterator[MailServer]:
    with MailServer() as srv:
        srv.add_account("jdupont", "Mot-de-passe-1", "jean.dupont@acmail.test", pin="4321", totp_secret=SECRET)
        srv.add_account("collegue", "collegue-pw", "collegue@acmail.test")
        seed_demo_mailbox(srv, "jdupont")
        yield srv


def tls(server: MailServer) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(server.ca_pem_path))


def connect(server: MailServer, starttls: bool = False) -> IMAPClient:
    if starttls:
        client = IMAPClient(server.host, port=server.imap_port, ssl=False, timeout=10)
        client.starttls(tls(server))
        return client
    return IMAPClient(server.host, port=server.imaps_port, ssl=True, ssl_context=tls(server), timeout=10)


def login_error(server: MailServer, user: str, secret: str) -> str:
    client = connect(server)
    try:
        with pytest.raises(LoginError) as info:
            client.login(user, secret)
    finally:
        client.shutdown()
    text = info.value.args[0]  # imapclient gives str(bytes), e.g. "b'[AUTHENTICATIONFAILED] ...'"
    if isinstance(text, str) and text[:2] in ("b'", 'b"'):
        text = ast.literal_eval(text)
    return text.decode("utf-8") if isinstance(text, bytes) else str(text)


def test_password_login_implicit_tls_and_starttls(server: MailServer) -> None:
    for starttls in (False, True):
        client = connect(server, starttls=starttls)
        client.login("jdupont", "Mot-de-passe-1")
        caps = client.capabilities()
        for cap in (b"IDLE", b"MOVE", b"UIDPLUS", b"CONDSTORE", b"QRESYNC", b"QUOTA", b"SPECIAL-USE"):
            assert cap in caps
        client.logout()


def test_passcode_login_then_replay_refused(server: MailServer) -> None:
    server.reset_auth_log()
    passcode = server.fresh_passcode("jdupont")
    client = connect(server)
    client.login("jdupont", passcode)
    client.logout()
    assert "[AUTHENTICATIONFAILED]" in login_error(server, "jdupont", passcode)
    results = [a.result for a in server.auth_attempts("jdupont")]
    assert results == ["ok", "replayed"]


def test_wrong_password(server: MailServer) -> None:
    assert login_error(server, "jdupont", "faux") == "[AUTHENTICATIONFAILED] Authentication failed."


def test_locked_and_expired_replies(server: MailServer) -> None:
    server.set_locked("jdupont", True)
    try:
        text = login_error(server, "jdupont", "Mot-de-passe-1")
    finally:
        server.set_locked("jdupont", False)
    assert text == (
        "[UNAVAILABLE] Compte verrouillé après trop d'échecs d'authentification. Réessayez dans 15 minutes."
    )
    server.set_password_expired("jdupont", True)
    try:
        text = login_error(server, "jdupont", "Mot-de-passe-1")
    finally:
        server.set_password_expired("jdupont", False)
    assert text == "[EXPIRED] Mot de passe expiré : changez-le sur le portail de l'académie."
    assert [a.result for a in server.auth_attempts("jdupont")][-2:] == ["locked", "expired"]


def test_special_use_and_seeded_messages(server: MailServer) -> None:
    client = connect(server)
    client.login("jdupont", "Mot-de-passe-1")
    folders = {name: flags for flags, _sep, name in client.list_folders()}
    for name, flag in (
        ("Sent", b"\\Sent"),
        ("Drafts", b"\\Drafts"),
        ("Trash", b"\\Trash"),
        ("Junk", b"\\Junk"),
        ("Archive", b"\\Archive"),
    ):
        assert flag in folders[name]
    assert "Classes/6eB" in folders
    assert "Classes/6eB" in {name for _flags, _sep, name in client.list_sub_folders()}
    info = client.select_folder("INBOX", readonly=True)
    assert info[b"EXISTS"] == 40
    uids = client.search(["ALL"])
    data = client.fetch(uids[:5], ["ENVELOPE", "RFC822.SIZE", "FLAGS"])
    assert all(d[b"RFC822.SIZE"] > 0 for d in data.values())
    assert client.select_folder("Sent", readonly=True)[b"EXISTS"] == 5
    client.logout()


def test_smtp_both_ports_deliver_to_inbox(server: MailServer) -> None:
    before = len(server.smtp_messages)
    raw = (
        "From: Jean Dupont <jean.dupont@acmail.test>\r\nTo: collegue@acmail.test\r\n"
        "Subject: =?utf-8?q?Essai_=C3=A9t=C3=A9?=\r\n\r\nBonjour\r\n"
    )
    with smtplib.SMTP(server.host, server.submission_port, timeout=10) as smtp:
        smtp.starttls(context=tls(server))
        smtp.login("jdupont", "Mot-de-passe-1")
        assert smtp.esmtp_features["size"] == str(10 * 1024 * 1024)
        smtp.sendmail("jean.dupont@acmail.test", ["collegue@acmail.test"], raw.encode())
    with smtplib.SMTP_SSL(server.host, server.smtps_port, context=tls(server), timeout=10) as smtp:
        smtp.login("jdupont", server.fresh_passcode("jdupont"))
        with pytest.raises(smtplib.SMTPRecipientsRefused):
            smtp.sendmail("jean.dupont@acmail.test", ["inconnu@acmail.test"], raw.encode())
        smtp.sendmail("jean.dupont@acmail.test", ["collegue@local"], raw.encode())
    assert len(server.smtp_messages) == before + 2
    client = connect(server)
    client.login("collegue", "collegue-pw")
    client.select_folder("INBOX")
    uids = client.search(["ALL"])
    assert len(uids) >= 2
    msg = email.message_from_bytes(client.fetch(uids[-1:], ["RFC822"])[uids[-1]][b"RFC822"])
    assert msg["To"] == "collegue@acmail.test"
    client.logout()
    assert {a.service for a in server.auth_attempts("jdupont")} >= {"imap", "smtp"}


def test_smtp_hooks(server: MailServer) -> None:
    server.smtp_fail_next(451, "4.7.0 Rate limit exceeded, try again later")
    with smtplib.SMTP_SSL(server.host, server.smtps_port, context=tls(server), timeout=10) as smtp:
        smtp.login("collegue", "collegue-pw")
        with pytest.raises(smtplib.SMTPDataError) as info:
            smtp.sendmail("collegue@acmail.test", ["jean.dupont@acmail.test"], b"Subject: x\r\n\r\ny\r\n")
        assert info.value.smtp_code == 451
    server.smtp_drop_after_data()
    before = len(server.smtp_messages)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        smtp = smtplib.SMTP_SSL(server.host, server.smtps_port, context=tls(server), timeout=10)
        smtp.login("collegue", "collegue-pw")
        smtp.sendmail("collegue@acmail.test", ["jean.dupont@acmail.test"], b"Subject: x\r\n\r\ny\r\n")
    assert len(server.smtp_messages) == before + 1  # accepted, but the reply never came


def test_quota_per_user(server: MailServer) -> None:
    server.set_quota("collegue", 1)
    client = connect(server)
    client.login("collegue", "collegue-pw")
    assert client.get_quota_root("INBOX")[1][0].limit == 1
    client.logout()
    server.set_quota("collegue", None)


def test_provider_file(server: MailServer, tmp_path: Path) -> None:
    path = server.write_provider_file(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert f"<port>{server.imaps_port}</port>" in text
    assert f"<port>{server.submission_port}</port>" in text
    assert '<acmail:academie id="local"/>' in text


def test_clock_skew(server: MailServer) -> None:
    server.set_clock_skew(120)  # beyond valid_window=1
    try:
        passcode = server.passcode("jdupont")
        assert "[AUTHENTICATIONFAILED]" in login_error(server, "jdupont", passcode)
    finally:
        server.set_clock_skew(0)
    assert time.time() > 0
