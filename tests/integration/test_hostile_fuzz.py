"""Fuzzing the server side of the greeting, CAPABILITY, LIST and STATUS paths (hypothesis).

Whatever a server sends there, the IMAP adapter answers with its result or a typed AcmailError:
never MemoryError, RecursionError, UnicodeError, ValueError or any other untyped exception (the
issue found `{99999999999}` ending in MemoryError). Answers are built from IMAP-shaped fragments
(literals with lying sizes, deep parentheses, response codes, NUL, CR/LF, non-UTF-8 bytes) and
raw bytes; one scripted TLS server on 127.0.0.1 serves the current example.
"""

from __future__ import annotations

import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acmail_desktop.core import errors
from acmail_desktop.core.imap.session import ImapSession
from acmail_desktop.core.otp import password_credential
from tests.support.scripted import Endpoint, Peer, ScriptedServer, imap_command_loop, server_tls_context

pytestmark = pytest.mark.integration

FRAGMENTS = [
    b"*", b"OK", b"NO", b"BAD", b"BYE", b"PREAUTH", b"CAPABILITY", b"IMAP4rev1", b"AUTH=PLAIN", b"LIST",
    b"STATUS", b"INBOX", b"MESSAGES", b"UIDNEXT", b"UIDVALIDITY", b"UNSEEN", b"HIGHESTMODSEQ", b"NIL",
    b"(", b")", b"[", b"]", b"\"", b"\\", b"\\Noselect", b"\\HasChildren", b"\"/\"", b"{0}\r\n",
    b"{5}\r\nabcde", b"{99999999999}", b"{18446744073709551617}\r\n", b"{" + b"9" * 5000 + b"}",
    b"{3}\r\n", b"\r\n", b"\n", b"\x00", b"\xff\xfe", "é€œ".encode(), "é".encode("latin-1"),
    b"-1", b"99999999999999999999", b"[ALERT]", b"[CAPABILITY IMAP4rev1 AUTH=PLAIN]", b"+ ", b"a1",
]
TIMEOUT = 1.0


def _answer() -> st.SearchStrategy[bytes]:
    pieces = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.binary(max_size=12)), max_size=24)
    nested = st.integers(min_value=0, max_value=3000).map(lambda depth: b"(" * depth)
    return st.tuples(pieces, nested).map(lambda t: t[1] + b" ".join(t[0]))


class _Current:
    """What the scripted server says for the example being run."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.greeting = b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n"
        self.answers: dict[str, bytes] = {}


@pytest.fixture(scope="module")
def fuzz_server(mail_server):  # type: ignore[no-untyped-def]
    current = _Current()

    def answer(name: str):  # type: ignore[no-untyped-def]
        def handler(peer: Peer, tag: bytes, _rest: str) -> None:
            peer.send(current.answers.get(name, b"") + b"\r\n" + tag + b" OK done\r\n")
        return handler

    def script(peer: Peer) -> None:
        peer.sock.settimeout(0.2)  # a client stuck on a lying literal gets EOF, not a long wait
        with current.lock:
            greeting = current.greeting
        peer.send(greeting)
        handlers = {name: answer(name) for name in ("LIST", "STATUS", "CAPABILITY")}
        handlers["LOGIN"] = lambda p, tag, _r: p.send(tag + b" OK in\r\n")
        imap_command_loop(peer, handlers)

    with ScriptedServer(script, tls=server_tls_context(mail_server.ca)) as server:
        yield server, current


def _run(server: ScriptedServer, ssl_context, action: str) -> None:  # type: ignore[no-untyped-def]
    session = ImapSession(Endpoint("127.0.0.1", server.port, "implicit"), ssl_context, timeout=TIMEOUT)
    try:
        session.connect()
        if action == "connect":
            return
        session.login(password_credential("fdurand", "Mdp-Assez-Long-9"))
        if action == "LIST":
            session.list_folders()
        elif action == "STATUS":
            session.status("INBOX")
    except errors.AcmailError:
        pass  # typed: what the UI knows how to say
    finally:
        session.close()


FUZZ = settings(max_examples=50, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@FUZZ
@given(answer=_answer())
def test_greeting_fuzz(fuzz_server, ssl_context, answer: bytes) -> None:  # type: ignore[no-untyped-def]
    server, current = fuzz_server
    with current.lock:
        current.greeting = b"* OK " + answer + b"\r\n"
    _run(server, ssl_context, "connect")


@FUZZ
@given(answer=_answer())
def test_capability_fuzz(fuzz_server, ssl_context, answer: bytes) -> None:  # type: ignore[no-untyped-def]
    server, current = fuzz_server
    with current.lock:
        current.greeting = b"* OK ready\r\n"  # no capabilities in the greeting: imaplib asks
        current.answers["CAPABILITY"] = b"* CAPABILITY " + answer
    try:
        _run(server, ssl_context, "connect")
    finally:
        current.answers.pop("CAPABILITY", None)


@FUZZ
@given(answer=_answer())
def test_list_fuzz(fuzz_server, ssl_context, answer: bytes) -> None:  # type: ignore[no-untyped-def]
    server, current = fuzz_server
    with current.lock:
        current.greeting = b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n"
        current.answers["LIST"] = b"* LIST " + answer
    _run(server, ssl_context, "LIST")


@FUZZ
@given(answer=_answer())
def test_status_fuzz(fuzz_server, ssl_context, answer: bytes) -> None:  # type: ignore[no-untyped-def]
    server, current = fuzz_server
    with current.lock:
        current.greeting = b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n"
        current.answers["STATUS"] = b"* STATUS INBOX " + answer
    _run(server, ssl_context, "STATUS")


@pytest.mark.parametrize(("action", "answer"), [
    ("connect", b"* OK {99999999999}"),
    ("LIST", b'* LIST () "/" {99999999999}'),
    ("LIST", b"* LIST " + b"(" * 5000),
    ("STATUS", b"* STATUS INBOX (MESSAGES \xff\xfe " + b"(" * 3000 + b")"),
])
def test_known_hostile_answers_are_typed(fuzz_server, ssl_context, action: str, answer: bytes) -> None:  # type: ignore[no-untyped-def]
    server, current = fuzz_server
    with current.lock:
        current.greeting = (answer + b"\r\n") if action == "connect" else \
            b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n"
        current.answers[action] = answer
    session = ImapSession(Endpoint("127.0.0.1", server.port, "implicit"), ssl_context, timeout=TIMEOUT)
    try:
        with pytest.raises(errors.AcmailError):
            session.connect()
            session.login(password_credential("fdurand", "Mdp-Assez-Long-9"))
            if action == "LIST":
                session.list_folders()
            elif action == "STATUS":
                session.status("INBOX")
    finally:
        session.close()
