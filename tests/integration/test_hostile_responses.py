"""Hostile server responses after login (issue 8, items 6, 7 and 9): BYE in the middle of a
FETCH, impossible literal sizes, line breaks in names from the server or in search terms."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import trustme

from acmail_desktop.core import errors
from acmail_desktop.core.imap.session import ImapSession
from acmail_desktop.core.imap.sync import FolderSync
from acmail_desktop.core.otp import password_credential
from acmail_desktop.core.store import Store
from acmail_desktop.core.tls import make_ssl_context
from tests.support.scripted import Endpoint, Peer, ScriptedServer, imap_command_loop, server_tls_context

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    ca = trustme.CA()
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return ca, make_ssl_context([path])


def _server(fetch_answer: bytes, *, list_answer: bytes = b""):  # type: ignore[no-untyped-def]
    def select(peer: Peer, tag: bytes, _rest: str) -> None:
        peer.send(b"* 1 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT 2] ok\r\n"
                  + tag + b" OK [READ-WRITE] ok\r\n")

    def uid(peer: Peer, tag: bytes, _rest: str) -> None:
        peer.send(fetch_answer.replace(b"TAG", tag))

    def listing(peer: Peer, tag: bytes, _rest: str) -> None:
        peer.send(list_answer + tag + b" OK listed\r\n")

    def script(peer: Peer) -> None:
        peer.send(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n")
        imap_command_loop(peer, {"LOGIN": lambda p, tag, _r: p.send(tag + b" OK in\r\n"),
                                 "SELECT": select, "EXAMINE": select, "UID": uid, "LIST": listing})

    return script


def _session(port: int, context) -> ImapSession:  # type: ignore[no-untyped-def]
    session = ImapSession(Endpoint("127.0.0.1", port, "implicit"), context, timeout=5)
    session.connect()
    session.login(password_credential("u", "p"))
    return session


def _store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "cache.sqlite3")
    store.ensure_folder("INBOX")
    store.put_headers("INBOX", [(1, 0, "", 0, 10, "s", "", "a@b.fr", "", 0, "<m@b.fr>", "", "", "<m@b.fr>", 0,
                                 "s", "a@b.fr")])
    return store


@pytest.mark.parametrize("answer", [
    b"* 1 FETCH (UID 1 BODY[] {-1}\r\nabc)\r\nTAG OK done\r\n",
    b"* 1 FETCH (UID 1 BODY[] {2147483648}\r\nabc",
    b"* 1 FETCH (UID 1 BODY[] {99999999999}\r\n",
    b"* 1 FETCH (UID 1 BODY[] {12}\r\nonly a bit",
], ids=["negative", "2GiB", "huge-then-silence", "short-then-silence"])
def test_hostile_literals_are_bounded_and_not_stored(answer: bytes, tls, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ca, context = tls
    store = _store(tmp_path)
    try:
        with ScriptedServer(_server(answer), tls=server_tls_context(ca)) as server:
            sync = FolderSync(_session(server.port, context), store)
            started = time.monotonic()
            with pytest.raises((errors.ProtocolError, errors.SessionLost, errors.ConnectionTimeout)):
                sync.fetch_body("INBOX", 1)
            assert time.monotonic() - started < 15, "bounded by the socket timeout, never a hang"
        assert store.body("INBOX", 1) is None, "the message stays 'not downloaded'"
    finally:
        store.close()


def test_bye_in_the_middle_of_a_fetch(tls, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ca, context = tls
    store = _store(tmp_path)
    try:
        answer = b"* 1 FETCH (UID 1 FLAGS (\\Seen)\r\n* BYE server shutting down\r\n"
        with ScriptedServer(_server(answer), tls=server_tls_context(ca)) as server:
            sync = FolderSync(_session(server.port, context), store)
            with pytest.raises((errors.SessionLost, errors.ProtocolError)):
                sync.fetch_body("INBOX", 1)
        assert store.body("INBOX", 1) is None
        assert store.uids("INBOX") == [1], "the cache is unchanged by the aborted response"
    finally:
        store.close()


def test_folder_names_with_line_breaks_from_the_server_cannot_inject(tls) -> None:  # type: ignore[no-untyped-def]
    ca, context = tls
    name = b'Inbox\r\nA1 DELETE "Archive"'
    evil = b'* LIST () "/" {%d}\r\n%s\r\n' % (len(name), name)
    with ScriptedServer(_server(b"", list_answer=evil), tls=server_tls_context(ca)) as server:
        session = _session(server.port, context)
        names = [f.name for f in session.list_folders()]
        hostile = next(n for n in names if "\n" in n)
        with pytest.raises(errors.ProtocolError):
            session.select(hostile)
        session.logout()
    assert b"DELETE" not in server.received


def test_search_terms_with_line_breaks_are_refused(tls) -> None:  # type: ignore[no-untyped-def]
    ca, context = tls
    with ScriptedServer(_server(b""), tls=server_tls_context(ca)) as server:
        session = _session(server.port, context)
        for name, value in (("Subject", "x\r\nA2 LOGOUT"), ("X\r\nY", "z"), ("Subject", "a\x00b")):
            with pytest.raises(errors.ProtocolError):
                session.search_header(name, value)
        session.logout()
    assert b"A2 LOGOUT" not in server.received
