"""A connection cut at 60 % of a 20 MB body (issue 8, item 8): nothing partial is kept as complete,
and fetching again afterwards works."""

from __future__ import annotations

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
SIZE = 20 * 1024 * 1024
BODY = (b"From: a@b.fr\r\nSubject: gros\r\n\r\n" + b"x" * 76 + b"\r\n") * (SIZE // 110)


def _server_script(cut_at: float | None):  # type: ignore[no-untyped-def]
    def select(peer: Peer, tag: bytes, _rest: str) -> None:
        peer.send(b"* 1 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT 2] ok\r\n"
                  + tag + b" OK [READ-WRITE] selected\r\n")

    def uid(peer: Peer, tag: bytes, rest: str) -> None:
        if "FETCH" not in rest.upper():
            peer.send(tag + b" BAD no\r\n")
            return
        peer.send(b"* 1 FETCH (UID 1 BODY[] {%d}\r\n" % len(BODY))
        if cut_at is not None:
            peer.send(BODY[:int(len(BODY) * cut_at)])
            raise OSError("cut on purpose")  # closes the connection mid-literal
        peer.send(BODY + b")\r\n" + tag + b" OK fetched\r\n")

    def script(peer: Peer) -> None:
        peer.send(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n")
        imap_command_loop(peer, {"LOGIN": lambda p, tag, _r: p.send(tag + b" OK in\r\n"),
                                 "SELECT": select, "EXAMINE": select, "UID": uid})

    return script


def _sync_for(port: int, context, store: Store) -> FolderSync:  # type: ignore[no-untyped-def]
    session = ImapSession(Endpoint("127.0.0.1", port, "implicit"), context, timeout=10)
    session.connect()
    session.login(password_credential("u", "p"))
    return FolderSync(session, store)


def test_cut_body_is_not_stored_and_retry_works(tmp_path: Path) -> None:
    ca = trustme.CA()
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    context = make_ssl_context([tmp_path / "ca.pem"])
    store = Store(tmp_path / "cache.sqlite3")
    try:
        store.ensure_folder("INBOX")
        store.put_headers("INBOX", [(1, 0, "", 0, len(BODY), "gros", "", "a@b.fr", "", 0, "<m@b.fr>", "", "",
                                     "<m@b.fr>", 0, "gros", "a@b.fr")])
        with ScriptedServer(_server_script(cut_at=0.6), tls=server_tls_context(ca)) as broken:
            sync = _sync_for(broken.port, context, store)
            with pytest.raises((errors.SessionLost, errors.ProtocolError, errors.NetworkError)):
                sync.fetch_body("INBOX", 1)
        assert store.body("INBOX", 1) is None, "a partial body must never be served as the message"
        with ScriptedServer(_server_script(cut_at=None), tls=server_tls_context(ca)) as healthy:
            sync = _sync_for(healthy.port, context, store)
            assert sync.fetch_body("INBOX", 1) == BODY
            sync.session.logout()
        assert store.body("INBOX", 1) == BODY
    finally:
        store.close()
