"""Hostile or broken servers (issue 8, items 1-5): TLS is never bypassed and no credential leaves.

Scripted peers on 127.0.0.1 record every byte the client sends; the assertions check the outcome
*and* that no LOGIN/AUTH reached a server that did not earn it.
"""

from __future__ import annotations

import datetime as dt

import pytest
import trustme

from acmail_desktop.core import errors
from acmail_desktop.core.imap.session import ImapSession
from acmail_desktop.core.otp import password_credential
from acmail_desktop.core.smtp import SmtpSubmission
from acmail_desktop.core.tls import make_ssl_context
from tests.support.scripted import Endpoint, Peer, ScriptedServer, imap_command_loop, server_tls_context

pytestmark = pytest.mark.integration
PASSWORD = "Hostile-Test-Secret-42"


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def client_context(ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return make_ssl_context([path])


def _imap_login(port: int, security: str, context) -> ImapSession:  # type: ignore[no-untyped-def]
    session = ImapSession(Endpoint("127.0.0.1", port, security), context, timeout=5)
    session.connect()
    session.login(password_credential("victim", PASSWORD))
    return session


def _no_credentials(data: bytes) -> None:
    assert b"LOGIN" not in data.upper() and b"AUTH" not in data.upper()
    assert PASSWORD.encode() not in data


# --- 1. untrusted certificates --------------------------------------------------------------------
BAD_CERTS = {
    "self_signed": (lambda ca: server_tls_context(trustme.CA()), errors.TlsUntrusted),
    "wrong_host": (lambda ca: server_tls_context(ca, "mail.example.org"), errors.TlsHostnameMismatch),
    "expired": (lambda ca: server_tls_context(
        ca, not_before=dt.datetime(2020, 1, 1, tzinfo=dt.UTC), not_after=dt.datetime(2021, 1, 1, tzinfo=dt.UTC)),
        errors.TlsExpired),
}


@pytest.mark.parametrize("case", sorted(BAD_CERTS))
def test_untrusted_certificate_imap(case: str, ca, client_context) -> None:  # type: ignore[no-untyped-def]
    make_context, expected = BAD_CERTS[case]

    def script(peer: Peer) -> None:
        peer.send(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n")
        imap_command_loop(peer, {})

    with ScriptedServer(script, tls=make_context(ca)) as server, pytest.raises(expected):
        _imap_login(server.port, "implicit", client_context)
    _no_credentials(server.received)


@pytest.mark.parametrize("case", sorted(BAD_CERTS))
def test_untrusted_certificate_smtp(case: str, ca, client_context) -> None:  # type: ignore[no-untyped-def]
    make_context, expected = BAD_CERTS[case]

    def script(peer: Peer) -> None:
        peer.send(b"220 smtp ready\r\n")
        while peer.readline():
            peer.send(b"250 ok\r\n")

    with ScriptedServer(script, tls=make_context(ca)) as server, pytest.raises(expected):
        SmtpSubmission(Endpoint("127.0.0.1", server.port, "implicit"), client_context, timeout=5).connect()
    _no_credentials(server.received)


# --- 2. STARTTLS missing or refused -----------------------------------------------------------------
def test_imap_starttls_not_offered(client_context) -> None:  # type: ignore[no-untyped-def]
    def script(peer: Peer) -> None:
        peer.send(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] no tls here\r\n")
        imap_command_loop(peer, {"CAPABILITY": lambda p, tag, _r: p.send(
            b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n" + tag + b" OK done\r\n")})

    with ScriptedServer(script) as server, pytest.raises(errors.StartTlsMissing):
        _imap_login(server.port, "starttls", client_context)
    _no_credentials(server.received)


def test_imap_starttls_answered_bad(client_context) -> None:  # type: ignore[no-untyped-def]
    def script(peer: Peer) -> None:
        peer.send(b"* OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] ready\r\n")
        imap_command_loop(peer, {"STARTTLS": lambda p, tag, _r: p.send(tag + b" BAD not now\r\n")},
                          capabilities=b"IMAP4rev1 STARTTLS AUTH=PLAIN")

    with ScriptedServer(script) as server, pytest.raises(errors.StartTlsMissing):
        _imap_login(server.port, "starttls", client_context)
    _no_credentials(server.received)


def test_smtp_starttls_not_offered(client_context) -> None:  # type: ignore[no-untyped-def]
    def script(peer: Peer) -> None:
        peer.send(b"220 smtp ready\r\n")
        while line := peer.readline():
            if line.upper().startswith(b"EHLO"):
                peer.send(b"250-smtp\r\n250-AUTH PLAIN LOGIN\r\n250 SIZE 1000000\r\n")
            else:
                peer.send(b"250 ok\r\n")

    with ScriptedServer(script) as server, pytest.raises(errors.StartTlsMissing):
        SmtpSubmission(Endpoint("127.0.0.1", server.port, "starttls"), client_context, timeout=5).connect()
    _no_credentials(server.received)


def test_smtp_starttls_refused(client_context) -> None:  # type: ignore[no-untyped-def]
    def script(peer: Peer) -> None:
        peer.send(b"220 smtp ready\r\n")
        while line := peer.readline():
            if line.upper().startswith(b"EHLO"):
                peer.send(b"250-smtp\r\n250-STARTTLS\r\n250 AUTH PLAIN\r\n")
            elif line.upper().startswith(b"STARTTLS"):
                peer.send(b"454 4.7.0 TLS not available\r\n")
            else:
                peer.send(b"250 ok\r\n")

    with ScriptedServer(script) as server, pytest.raises(errors.StartTlsMissing):
        SmtpSubmission(Endpoint("127.0.0.1", server.port, "starttls"), client_context, timeout=5).connect()
    _no_credentials(server.received)


# --- 3. STARTTLS response injection ------------------------------------------------------------------
def test_imap_starttls_injection_is_discarded(ca, client_context) -> None:  # type: ignore[no-untyped-def]
    tls = server_tls_context(ca)
    plaintext_before_tls: list[bytes] = []

    def script(peer: Peer) -> None:
        peer.send(b"* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready\r\n")
        while line := peer.readline():
            tag, _, rest = line.decode().strip().partition(" ")
            command = rest.split(" ")[0].upper()
            if command == "CAPABILITY":
                peer.send(b"* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\n" + tag.encode() + b" OK done\r\n")
            elif command == "STARTTLS":
                # The injected line rides in the same TCP segment as the OK (CVE-2011-0411 style).
                peer.send(tag.encode() + b" OK Begin TLS\r\n* CAPABILITY IMAP4rev1 AUTH=PLAIN INJECTED\r\n")
                plaintext_before_tls.extend(peer.received)
                peer.start_tls(tls)
                break
        imap_command_loop(peer, {
            "CAPABILITY": lambda p, tag, _r: p.send(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n" + tag + b" OK done\r\n"),
            "LOGIN": lambda p, tag, _r: p.send(tag + b" OK logged in\r\n"),
        })

    with ScriptedServer(script) as server:
        try:
            session = _imap_login(server.port, "starttls", client_context)
        except errors.TlsError:
            session = None  # aborting is also safe: the injected bytes were never believed
        if session is not None:
            assert "INJECTED" not in session.capabilities
            assert "LOGINDISABLED" not in session.capabilities
            session.logout()
    _no_credentials(b"".join(plaintext_before_tls))


# --- 4. PREAUTH where TLS was expected; 5. garbage or empty greeting --------------------------------
def test_plaintext_preauth_is_refused(client_context) -> None:  # type: ignore[no-untyped-def]
    def script(peer: Peer) -> None:
        peer.send(b"* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] welcome, you are logged in\r\n")
        imap_command_loop(peer, {"CAPABILITY": lambda p, tag, _r: p.send(
            b"* CAPABILITY IMAP4rev1 STARTTLS\r\n" + tag + b" OK done\r\n")})

    with ScriptedServer(script) as server, pytest.raises(errors.ProtocolError):
        _imap_login(server.port, "starttls", client_context)
    assert b"SELECT" not in server.received.upper() and b"LIST" not in server.received.upper()
    _no_credentials(server.received)


def test_preauth_over_tls_is_refused_too(ca, client_context) -> None:  # type: ignore[no-untyped-def]
    def script(peer: Peer) -> None:
        peer.send(b"* PREAUTH [CAPABILITY IMAP4rev1] hello\r\n")
        imap_command_loop(peer, {})

    with ScriptedServer(script, tls=server_tls_context(ca)) as server, pytest.raises(errors.ProtocolError):
        _imap_login(server.port, "implicit", client_context)
    _no_credentials(server.received)


@pytest.mark.parametrize("greeting", [b"HTTP/1.1 400 Bad Request\r\n\r\n", b"", b"\x00\xff garbage\r\n",
                                      b"* BYE go away\r\n"])
def test_garbage_or_empty_greeting(greeting: bytes, ca, client_context) -> None:  # type: ignore[no-untyped-def]
    def script(peer: Peer) -> None:
        if greeting:  # an empty greeting: the server closes at once
            peer.send(greeting)
            imap_command_loop(peer, {})

    with ScriptedServer(script, tls=server_tls_context(ca)) as server, \
            pytest.raises((errors.ProtocolError, errors.SessionLost)):
        _imap_login(server.port, "implicit", client_context)
    _no_credentials(server.received)


def test_server_that_never_greets_times_out(ca, client_context) -> None:  # type: ignore[no-untyped-def]
    import time

    def script(peer: Peer) -> None:
        peer.readline()  # silent until the client gives up

    with ScriptedServer(script, tls=server_tls_context(ca)) as server:
        started = time.monotonic()
        with pytest.raises(errors.ConnectionTimeout):
            session = ImapSession(Endpoint("127.0.0.1", server.port, "implicit"), client_context, timeout=1.5)
            session.connect()
        assert time.monotonic() - started < 5
    _no_credentials(server.received)


@pytest.mark.parametrize("greeting", [b"* OK imap server\r\n", b"554 go away\r\n", b""])
def test_smtp_bad_greeting(greeting: bytes, ca, client_context) -> None:  # type: ignore[no-untyped-def]
    def script(peer: Peer) -> None:
        if greeting:
            peer.send(greeting)
        while peer.readline():
            peer.send(b"500 what\r\n")

    # A server that never greets is a timeout (the deadline or the socket's, whichever comes first).
    expected = (errors.ProtocolError, errors.SessionLost) if greeting else errors.ConnectionTimeout
    with ScriptedServer(script, tls=server_tls_context(ca)) as server, pytest.raises(expected):
        SmtpSubmission(Endpoint("127.0.0.1", server.port, "implicit"), client_context, timeout=2).connect()
    _no_credentials(server.received)
