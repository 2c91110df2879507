"""Passwords with accents, symbols and spaces against the real Dovecot and SMTP server.

imaplib's LOGIN and smtplib's AUTH encode ASCII, so `Zz-Sécret-9876` used to end in an untyped
UnicodeEncodeError whose text shows the character and its position. Such a credential now travels as
SASL PLAIN in UTF-8 (RFC 4616), one attempt, one mechanism; a server that cannot take it gives a typed
error, never a traceback and never a character of the password.
"""

from __future__ import annotations

import base64
import io
import itertools
import json
import logging
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from acmail_desktop import cli
from acmail_desktop.core import errors, log
from acmail_desktop.core.imap.session import ImapSession
from acmail_desktop.core.otp import password_credential
from acmail_desktop.core.smtp import SmtpSubmission
from tests.support.accounts import account_for
from tests.support.faults import FaultResolver
from tests.support.scripted import Endpoint, ScriptedServer, imap_command_loop, server_tls_context

pytestmark = pytest.mark.integration

PASSWORDS = ("Zz-Sécret-9876", "ça marche œuvre 12€", "Été ç € œ")
_counter = itertools.count(1)


def _utf8_account(mail_server, password: str) -> str:  # type: ignore[no-untyped-def]
    identifiant = f"utf8user{next(_counter)}"
    mail_server.add_account(identifiant, password, f"{identifiant}@acmail.test")
    return identifiant


def _forms(secret: str, username: str) -> set[str]:
    return {secret, base64.b64encode(secret.encode()).decode(),
            base64.b64encode(f"\0{username}\0{secret}".encode()).decode()}


@pytest.mark.parametrize("password", PASSWORDS)
@pytest.mark.parametrize("security", ["implicit", "starttls"])
def test_accented_password_logs_in_to_imap_and_smtp(mail_server, local_provider, ssl_context, password,
                                                    security) -> None:  # type: ignore[no-untyped-def]
    identifiant = _utf8_account(mail_server, password)
    imap_port = mail_server.imaps_port if security == "implicit" else mail_server.imap_port
    smtp_port = mail_server.smtps_port if security == "implicit" else mail_server.submission_port
    provider = replace(local_provider, imap=replace(local_provider.imap, port=imap_port, security=security),
                       smtp=replace(local_provider.smtp, port=smtp_port, security=security))
    account = account_for(provider, ssl_context, identifiant, password_credential(identifiant, password), timeout=10)
    session = account.open_imap()
    try:
        assert session.select("INBOX", readonly=True).uidvalidity > 0
    finally:
        session.logout()
    account.open_smtp().close()
    attempts = mail_server.auth_attempts(identifiant)
    assert [a.service for a in attempts] == ["imap", "smtp"], attempts  # one attempt each


def test_accented_password_without_sasl_ir_uses_the_continuation(mail_server, local_provider,
                                                                  ssl_context) -> None:  # type: ignore[no-untyped-def]
    """Dovecot offers SASL-IR; a server that does not gets the PLAIN response after its `+`."""
    password = "Zz-Sécret-9876"
    identifiant = _utf8_account(mail_server, password)
    session = ImapSession(local_provider.imap, ssl_context, timeout=10)
    session.connect()
    assert "SASL-IR" in session.capabilities
    session.capabilities -= {"SASL-IR"}
    try:
        session.login(password_credential(identifiant, password))
        assert session.select("INBOX", readonly=True).uidvalidity > 0
    finally:
        session.logout()


def test_wrong_accented_password_is_refused_once_and_classified(mail_server, local_provider,
                                                                ssl_context) -> None:  # type: ignore[no-untyped-def]
    identifiant = _utf8_account(mail_server, "Zz-Sécret-9876")
    account = account_for(local_provider, ssl_context, identifiant, password_credential(identifiant, "Zz-Secret-9876é"),
                          timeout=10)
    with pytest.raises(errors.AuthFailed) as caught:
        account.open_imap()
    assert "é" not in str(caught.value)
    with pytest.raises(errors.AuthFailed):  # the account stops without touching the network again
        account.open_smtp()
    assert len(mail_server.auth_attempts(identifiant)) == 1


# --- servers that cannot take UTF-8: a typed error, nothing of the password sent ---------------------
def _imap_server(ca, capabilities: bytes, authenticate=None):  # type: ignore[no-untyped-def]
    def script(peer):  # type: ignore[no-untyped-def]
        peer.send(b"* OK [CAPABILITY " + capabilities + b"] ready\r\n")
        handlers = {"AUTHENTICATE": authenticate} if authenticate else {}
        imap_command_loop(peer, handlers, capabilities=capabilities)

    return ScriptedServer(script, tls=server_tls_context(ca))


@pytest.mark.parametrize("password", PASSWORDS)
def test_imap_server_without_auth_plain_gets_no_utf8_password(mail_server, ssl_context, password
                                                              ) -> None:  # type: ignore[no-untyped-def]
    with _imap_server(mail_server.ca, b"IMAP4rev1 AUTH=LOGIN") as server:
        session = ImapSession(Endpoint("127.0.0.1", server.port, "implicit"), ssl_context, timeout=5)
        session.connect()
        with pytest.raises(errors.CredentialCharsetUnsupported) as caught:
            session.login(password_credential("fdurand", password))
        received = server.received.decode("latin-1")
    assert caught.value.code == "credential_charset"
    for form in _forms(password, "fdurand"):
        assert form not in received and form not in str(caught.value)
    assert "LOGIN fdurand" not in received and "AUTHENTICATE" not in received


def test_imap_server_answering_bad_to_utf8_plain_is_typed(mail_server, ssl_context) -> None:  # type: ignore[no-untyped-def]
    def bad(peer, tag, _rest):  # type: ignore[no-untyped-def]
        peer.send(tag + b" BAD [CANNOT] invalid base64 or charset\r\n")

    with _imap_server(mail_server.ca, b"IMAP4rev1 AUTH=PLAIN SASL-IR", bad) as server:
        session = ImapSession(Endpoint("127.0.0.1", server.port, "implicit"), ssl_context, timeout=5)
        session.connect()
        with pytest.raises(errors.CredentialCharsetUnsupported):
            session.login(password_credential("fdurand", "Zz-Sécret-9876"))
        commands = [line for line in server.received.split(b"\r\n") if b"AUTHENTICATE" in line]
    assert len(commands) == 1  # one attempt, no fallback to another mechanism


def test_smtp_server_with_only_auth_login_gets_no_utf8_password(mail_server, ssl_context) -> None:  # type: ignore[no-untyped-def]
    def script(peer):  # type: ignore[no-untyped-def]
        peer.send(b"220 legacy ESMTP\r\n")
        while True:
            line = peer.readline().strip().upper()
            if not line or line.startswith(b"QUIT"):
                peer.send(b"221 bye\r\n")
                return
            if line.startswith(b"EHLO"):
                peer.send(b"250-legacy\r\n250 AUTH LOGIN\r\n")
            else:
                peer.send(b"535 no\r\n")

    with ScriptedServer(script, tls=server_tls_context(mail_server.ca)) as server:
        submission = SmtpSubmission(Endpoint("127.0.0.1", server.port, "implicit"), ssl_context, timeout=5)
        submission.connect()
        with pytest.raises(errors.CredentialCharsetUnsupported):
            submission.login(password_credential("fdurand", "Zz-Sécret-9876"))
        submission.close()
        received = server.received
    assert b"AUTH" not in received.upper()


# --- the diagnostics CLI: same code path, no traceback, nothing of the password ------------------------
def _cli_base(tmp_path: Path, mail_server) -> Path:  # type: ignore[no-untyped-def]
    base = tmp_path / "base"
    mail_server.write_provider_file(base / "config" / "providers")
    return base


def test_cli_accepts_an_accented_password_and_never_shows_it(tmp_path, capsys, mail_server) -> None:  # type: ignore[no-untyped-def]
    password = "ça marche œuvre 12€"
    identifiant = _utf8_account(mail_server, password)
    log_file = tmp_path / "acmail.log"
    log.setup_logging(log_file, debug=True)
    for name in ("imapclient", "imapclient.imaplib"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        argv = ["--academie", "local", "--base-dir", str(_cli_base(tmp_path, mail_server)), "--ca-file",
                str(mail_server.ca_pem_path), "--json", "--quiet", "--timeout", "5", "--identifiant",
                identifiant, "--password-stdin"]
        rc = cli.main(argv, resolver=FaultResolver(), stdin=io.StringIO(password + "\n"))
    finally:
        log.setup_logging(None)
    out, err = capsys.readouterr()
    data = json.loads(out)
    statuses = {c["id"]: c["status"] for c in data["checks"]}
    assert statuses["auth"] == "ok" and statuses["smtp_auth"] == "ok", json.dumps(data, ensure_ascii=False)
    assert rc in (0, 1)
    text = out + err + log_file.read_text(encoding="utf-8")
    assert f"logged in as {identifiant}" in log_file.read_text(encoding="utf-8")
    for form in _forms(password, identifiant):
        assert form not in text
    assert "Traceback" not in text and "UnicodeEncodeError" not in text and "position" not in text


def test_cli_process_reports_a_server_without_plain_in_french(tmp_path, mail_server) -> None:  # type: ignore[no-untyped-def]
    """The real `acmail-diagnose` process: a typed verdict, exit 2, no traceback on stderr."""
    password = "Zz-Sécret-9876"
    with _imap_server(mail_server.ca, b"IMAP4rev1 AUTH=LOGIN") as server:
        argv = [sys.executable, "-m", "acmail_desktop.cli", "--academie", "local", "--base-dir",
                str(_cli_base(tmp_path, mail_server)), "--ca-file", str(mail_server.ca_pem_path),
                "--imap-port", str(server.port), "--imap-security", "implicit", "--timeout", "3",
                "--identifiant", "fdurand", "--password-stdin"]
        done = subprocess.run(argv, input=password + "\n", capture_output=True, text=True, timeout=60)
        received = server.received.decode("latin-1")
    output = done.stdout + done.stderr
    assert done.returncode == 2, output
    assert "[credential_charset]" in output and "accents" in output
    assert "Traceback" not in output and "position" not in output
    for form in _forms(password, "fdurand"):
        assert form not in output and form not in received
