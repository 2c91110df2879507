"""Servers that never stop talking, or talk too slowly: every read bounded, every operation timed.

Scripted peers on 127.0.0.1 (over real TLS), for what no real server does on demand: a literal of
99,999,999,999 bytes in the greeting or a LIST answer, a flood of untagged responses, rows for
UIDs nobody asked for, and a peer that trickles one byte at a time so the socket timeout (which
restarts on every byte) never fires. Deadlines here are small (0.6 s) to keep the suite fast.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import pytest

from acmail_desktop.core import errors
from acmail_desktop.core.imap.session import ImapSession
from acmail_desktop.core.otp import password_credential
from acmail_desktop.core.smtp import SmtpSubmission
from tests.support.scripted import Endpoint, Peer, ScriptedServer, imap_command_loop, server_tls_context

pytestmark = pytest.mark.integration

TIMEOUT = 0.6  # the session's timeout: per recv, and the base of each operation's deadline
TRICKLE = 0.05  # one byte every 50 ms: the per-recv timeout alone would never fire


@pytest.fixture(scope="module")
def ca(mail_server):  # type: ignore[no-untyped-def]
    return mail_server.ca


def _trickle(peer: Peer, data: bytes, *, for_at_most: float = 4.0) -> None:
    """Send `data` one byte at a time, then keep trickling spaces until `for_at_most` passed."""
    started = time.monotonic()
    stream = iter(data)
    while time.monotonic() - started < for_at_most:
        byte = next(stream, 0x20)
        try:
            peer.send(bytes([byte]))
        except OSError:
            return  # the client gave up: what the tests want
        time.sleep(TRICKLE)


def _ok(text: bytes = b"done") -> Callable[[Peer, bytes, str], None]:
    return lambda peer, tag, _rest: peer.send(tag + b" OK " + text + b"\r\n")


def _select(peer: Peer, tag: bytes, _rest: str) -> None:
    peer.send(b"* 3 EXISTS\r\n* OK [UIDVALIDITY 7] v\r\n* OK [UIDNEXT 10] n\r\n" + tag
              + b" OK [READ-WRITE] selected\r\n")


def _imap(ca, handlers: dict[str, Callable[[Peer, bytes, str], None]],  # type: ignore[no-untyped-def]
          greeting: bytes = b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n") -> ScriptedServer:
    def script(peer: Peer) -> None:
        peer.send(greeting)
        imap_command_loop(peer, {"LOGIN": _ok(), "SELECT": _select, "EXAMINE": _select, **handlers})

    return ScriptedServer(script, tls=server_tls_context(ca))


def _session(server: ScriptedServer, client_context, *, login: bool = True) -> ImapSession:  # type: ignore[no-untyped-def]
    session = ImapSession(Endpoint("127.0.0.1", server.port, "implicit"), client_context, timeout=TIMEOUT)
    session.connect()
    if login:
        session.login(password_credential("fdurand", "Mdp-Assez-Long-9"))
    return session


# --- deadlines: a trickle is cut after the operation's time, in core ---------------------------------
def test_imap_greeting_trickled_byte_by_byte_times_out(ca, ssl_context) -> None:  # type: ignore[no-untyped-def]
    def script(peer: Peer) -> None:
        _trickle(peer, b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] " + b"x" * 200)

    with ScriptedServer(script, tls=server_tls_context(ca)) as server:
        started = time.monotonic()
        with pytest.raises(errors.ConnectionTimeout):
            _session(server, ssl_context, login=False)
        elapsed = time.monotonic() - started
    assert elapsed < TIMEOUT + 1.0, elapsed


def test_imap_body_fetch_trickled_times_out(ca, ssl_context) -> None:  # type: ignore[no-untyped-def]
    def uid(peer: Peer, tag: bytes, rest: str) -> None:
        if "BODY.PEEK[]" in rest:
            _trickle(peer, b"* 1 FETCH (UID 5 BODY[] {100000}\r\nFrom: a@b\r\n\r\n")

    with _imap(ca, {"UID": uid}) as server:
        session = _session(server, ssl_context)
        session.select("INBOX")
        started = time.monotonic()
        with pytest.raises(errors.ConnectionTimeout):
            session.fetch_body(5)
        elapsed = time.monotonic() - started
    # The announced 100 kB earn ~12 s at the minimum rate only as they arrive, not in advance.
    assert elapsed < TIMEOUT + 1.0, elapsed


def test_imap_list_trickled_through_imapclient_times_out(ca, ssl_context) -> None:  # type: ignore[no-untyped-def]
    def list_(peer: Peer, tag: bytes, _rest: str) -> None:
        _trickle(peer, b'* LIST () "/" "INBOX"\r\n* LIST () "/" "' + b"a" * 300)

    with _imap(ca, {"LIST": list_}) as server:
        session = _session(server, ssl_context)
        started = time.monotonic()
        with pytest.raises(errors.ConnectionTimeout):
            session.list_folders()
        assert time.monotonic() - started < TIMEOUT + 1.0


def test_imap_login_answer_trickled_times_out(ca, ssl_context) -> None:  # type: ignore[no-untyped-def]
    def login(peer: Peer, tag: bytes, _rest: str) -> None:
        _trickle(peer, b"* OK still thinking " + b"." * 200)

    with _imap(ca, {"LOGIN": login}) as server:
        session = _session(server, ssl_context, login=False)
        started = time.monotonic()
        with pytest.raises(errors.ConnectionTimeout):
            session.login(password_credential("fdurand", "Mdp-Assez-Long-9"))
        assert time.monotonic() - started < TIMEOUT + 1.0


def _smtp(ca, on_line: Callable[[Peer, bytes], bool], greeting: bytes = b"220 hostile ESMTP\r\n"  # type: ignore[no-untyped-def]
          ) -> ScriptedServer:
    def script(peer: Peer) -> None:
        if greeting:
            peer.send(greeting)
        while True:
            line = peer.readline()
            if not line or not on_line(peer, line.strip().upper()):
                return

    return ScriptedServer(script, tls=server_tls_context(ca))


def _ehlo_then(action: Callable[[Peer, bytes], bool]) -> Callable[[Peer, bytes], bool]:
    def on_line(peer: Peer, line: bytes) -> bool:
        if line.startswith(b"EHLO"):
            peer.send(b"250-hostile\r\n250 AUTH PLAIN\r\n")
            return True
        if line.startswith(b"AUTH"):
            peer.send(b"235 ok\r\n")
            return True
        return action(peer, line)

    return on_line


def test_smtp_greeting_trickled_times_out(ca, ssl_context) -> None:  # type: ignore[no-untyped-def]
    def script(peer: Peer) -> None:
        _trickle(peer, b"220-" + b"w" * 300)

    with ScriptedServer(script, tls=server_tls_context(ca)) as server:
        started = time.monotonic()
        with pytest.raises(errors.ConnectionTimeout):
            SmtpSubmission(Endpoint("127.0.0.1", server.port, "implicit"), ssl_context, timeout=TIMEOUT).connect()
        assert time.monotonic() - started < TIMEOUT + 1.0


def test_smtp_transaction_trickled_times_out_before_data(ca, ssl_context) -> None:  # type: ignore[no-untyped-def]
    def mail_from(peer: Peer, line: bytes) -> bool:
        if line.startswith(b"MAIL"):
            _trickle(peer, b"250-" + b"k" * 300)
            return False
        peer.send(b"250 ok\r\n")
        return True

    with _smtp(ca, _ehlo_then(mail_from)) as server:
        submission = SmtpSubmission(Endpoint("127.0.0.1", server.port, "implicit"), ssl_context, timeout=TIMEOUT)
        submission.connect()
        submission.login(password_credential("fdurand", "Mdp-Assez-Long-9"))
        started = time.monotonic()
        with pytest.raises(errors.ConnectionTimeout):
            submission.send(b"Subject: x\r\n\r\nbody\r\n", "a@acmail.test", ["b@acmail.test"])
        assert time.monotonic() - started < TIMEOUT + 1.0
        submission.close()


def test_smtp_reply_flood_is_a_protocol_error(ca, ssl_context) -> None:  # type: ignore[no-untyped-def]
    def script(peer: Peer) -> None:
        line = b"220-" + b"f" * 1000 + b"\r\n"
        started = time.monotonic()
        try:
            while time.monotonic() - started < 4:  # continuation lines, never a last line
                peer.send(line * 64)
        except OSError:
            pass

    with ScriptedServer(script, tls=server_tls_context(ca)) as server:
        started = time.monotonic()
        with pytest.raises(errors.ProtocolError):
            SmtpSubmission(Endpoint("127.0.0.1", server.port, "implicit"), ssl_context, timeout=5).connect()
        assert time.monotonic() - started < 2  # cut at 1 MiB, not when the server tires


# --- bounded reads through imaplib: typed errors, never MemoryError ------------------------------------
@pytest.mark.parametrize("greeting", [
    b"* OK {99999999999}\r\n",
    b"* OK [CAPABILITY IMAP4rev1] {5000000}\r\n" + b"x" * 1000,
    b"* OK " + b"y" * 1_100_000 + b"\r\n",
    b"* OK {" + b"9" * 5000 + b"}\r\n",
])
def test_hostile_greeting_is_a_protocol_error(greeting: bytes, ca, ssl_context) -> None:  # type: ignore[no-untyped-def]
    def script(peer: Peer) -> None:
        try:
            peer.send(greeting)
            peer.readline()
        except OSError:
            pass

    with ScriptedServer(script, tls=server_tls_context(ca)) as server, pytest.raises(errors.ProtocolError):
        _session(server, ssl_context, login=False)


@pytest.mark.parametrize("answer", [
    b'* LIST () "/" {99999999999}\r\n',
    b'* LIST () "/" {3000000}\r\n' + b"n" * 4096,
    b"* STATUS INBOX (MESSAGES " + b"1" * 1_100_000 + b")\r\n",
])
def test_hostile_list_and_status_answers_are_protocol_errors(answer: bytes, ca, ssl_context) -> None:  # type: ignore[no-untyped-def]
    def reply(peer: Peer, tag: bytes, _rest: str) -> None:
        try:
            peer.send(answer + tag + b" OK done\r\n")
        except OSError:
            pass

    with _imap(ca, {"LIST": reply, "STATUS": reply}) as server:
        session = _session(server, ssl_context)
        with pytest.raises(errors.ProtocolError):
            session.list_folders() if answer.startswith(b"* LIST") else session.status("INBOX")


def test_flood_of_unsolicited_responses_is_cut(ca, ssl_context, monkeypatch, caplog) -> None:  # type: ignore[no-untyped-def]
    # A smaller cap than the real one (200,000), and imaplib's debug trace off (another test may
    # have left it on: one log record per response), keep this fast.
    from acmail_desktop.core import wire

    monkeypatch.setattr(wire, "MAX_UNTAGGED", 20_000)
    for name in ("imapclient", "imapclient.imaplib"):
        caplog.set_level(logging.WARNING, logger=name)

    finished = threading.Event()

    def flood(peer: Peer, tag: bytes, _rest: str) -> None:
        burst = b"* 1 RECENT\r\n" * 10_000
        try:
            for _ in range(3):  # 30,000 responses to one SEARCH
                peer.send(burst)
            peer.send(b"* SEARCH 1\r\n" + tag + b" OK done\r\n")
        except OSError:
            pass
        finally:
            finished.set()

    with _imap(ca, {"UID": flood}) as server:
        session = _session(server, ssl_context)
        session.select("INBOX")
        started = time.monotonic()
        with pytest.raises(errors.ProtocolError):
            session.search_uids()
        assert time.monotonic() - started < 10
        # The server may still be blocked writing: let it fail on the closed connection before the
        # scripted server closes its socket (a thread left inside SSL_write on a closed, reused fd
        # would write into the next test's connection).
        session.close()
        assert finished.wait(5)


@pytest.mark.parametrize("where", ["greeting", "LIST"])
def test_a_lying_literal_size_allocates_nothing(where: str, ca, ssl_context) -> None:  # type: ignore[no-untyped-def]
    """imaplib asked its reader for the announced size at once: 2 GB here (MemoryError where the
    system does not overcommit, 2 GB of address space where it does). Refused before any read."""
    import tracemalloc

    literal = b"{2000000000}\r\n" + b"z" * 1000

    def reply(peer: Peer, tag: bytes, _rest: str) -> None:
        peer.send(b'* LIST () "/" ' + literal)

    greeting = (b"* OK " + literal) if where == "greeting" else b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n"
    with _imap(ca, {"LIST": reply}, greeting=greeting) as server:
        tracemalloc.start()
        try:
            with pytest.raises(errors.ProtocolError):
                session = _session(server, ssl_context, login=where != "greeting")
                session.list_folders()
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 64 << 20, peak


def test_rows_not_asked_for_never_reach_the_cache(ca, ssl_context, tmp_path, caplog) -> None:  # type: ignore[no-untyped-def]
    """A one-message FETCH answered with 2,000 rows: the cache keeps the one asked for, the log
    says it once (a full sync by sequence numbers, then an incremental one by UID)."""
    from acmail_desktop.core.imap.sync import FolderSync
    from acmail_desktop.core.store import Store

    selects = iter([(1, 2), (2, 3)])

    def select(peer: Peer, tag: bytes, _rest: str) -> None:
        exists, uidnext = next(selects)
        peer.send(b"* %d EXISTS\r\n* OK [UIDVALIDITY 7] v\r\n* OK [UIDNEXT %d] n\r\n%s OK [READ-WRITE] s\r\n"
                  % (exists, uidnext, tag))

    def uid(peer: Peer, tag: bytes, rest: str) -> None:
        rows = []
        for n in range(1, 2001):
            header = b"From: a%d@b.fr\r\nSubject: flood %d\r\n\r\n" % (n, n)
            rows.append(b'* %d FETCH (UID %d FLAGS () INTERNALDATE "01-Dec-2026 10:00:00 +0000" RFC822.SIZE 99 '
                        b"BODY[HEADER.FIELDS (FROM SUBJECT)] {%d}\r\n%s)\r\n" % (n, n, len(header), header))
        peer.send(b"".join(rows) + tag + b" OK done\r\n")

    store = Store(tmp_path / "cache.sqlite3")
    try:
        with _imap(ca, {"SELECT": select, "EXAMINE": select, "UID": uid, "FETCH": uid}) as server:
            session = ImapSession(Endpoint("127.0.0.1", server.port, "implicit"), ssl_context, timeout=5)
            session.connect()
            session.login(password_credential("fdurand", "Mdp-Assez-Long-9"))
            sync = FolderSync(session, store)
            with caplog.at_level(logging.WARNING, logger="acmail.imap"):
                sync.sync("INBOX")
                assert store.uids("INBOX") == [1]
                sync.sync("INBOX")
                assert store.uids("INBOX") == [1, 2]
            session.close()
    finally:
        store.close()
    warnings = [r.getMessage() for r in caplog.records if "beyond what was asked for" in r.getMessage()]
    assert len(warnings) == 2 and "1999" in warnings[0] and "1998" in warnings[1], warnings
