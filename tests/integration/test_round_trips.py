"""Round trips per action on the real Dovecot, counted by the link proxy (issue 23): each one is a
40 ms wait on a school's link, 100 ms on a rural one."""

from __future__ import annotations

import ssl

import pytest

from acmail_desktop.core.imap.session import ImapSession
from acmail_desktop.core.imap.sync import FolderSync
from acmail_desktop.core.otp import password_credential
from acmail_desktop.core.store import Store
from bench.linkproxy import LinkProfile, LinkProxy
from tests.support.scripted import Endpoint

pytestmark = pytest.mark.integration
FAST = LinkProfile("counting only", 0.0, 1e10, 1e10)  # no delay: the proxy only counts turns


def _logged_in(port: int, ssl_context: ssl.SSLContext, acc) -> ImapSession:  # type: ignore[no-untyped-def]
    session = ImapSession(Endpoint("127.0.0.1", port, "implicit"), ssl_context, timeout=15)
    session.connect()
    session.login(password_credential(acc.identifiant, acc.password))
    return session


def test_id_and_enable_take_one_round_trip(mail_server, make_account, ssl_context, tmp_path) -> None:  # type: ignore[no-untyped-def]
    acc = make_account("rtt")
    with LinkProxy(mail_server.imaps_port, FAST) as proxy:
        one_by_one = _logged_in(proxy.port, ssl_context, acc)
        proxy.reset()
        one_by_one.identify("AcMail", "test")
        expected = sorted(one_by_one.enable("QRESYNC", "CONDSTORE"))
        assert proxy.reset().turns == 2 and "QRESYNC" in expected
        one_by_one.logout()

        session = _logged_in(proxy.port, ssl_context, acc)
        store = Store(tmp_path / "cache.sqlite3")
        try:
            proxy.reset()
            assert sorted(session.identify_and_enable("AcMail", "test", ["QRESYNC", "CONDSTORE"])) == expected
            assert proxy.reset().turns == 1  # pipelined
            # The connection is in step afterwards: a whole sync works on it.
            sync = FolderSync(session, store)
            sync._started = True
            sync.qresync = sync.condstore = True
            assert sync.sync("INBOX").mode == "full"
        finally:
            session.logout()
            store.close()

        fresh = _logged_in(proxy.port, ssl_context, acc)
        try:
            sync = FolderSync(fresh, Store(tmp_path / "other.sqlite3"))
            proxy.reset()
            sync.start()  # what every session does after login
            assert proxy.reset().turns == 1 and sync.qresync and sync.condstore
        finally:
            fresh.logout()
            sync.store.close()


def test_append_sends_the_message_without_waiting_for_the_server(mail_server, make_account, ssl_context
                                                                 ) -> None:  # type: ignore[no-untyped-def]
    """LITERAL+ (RFC 7888, Dovecot has it): a Sent copy or a draft is one round trip, not two; the
    message arrives whole, with its flags, and its UID comes back (APPENDUID)."""
    acc = make_account("append")
    message = (b"From: Moi <moi@acmail.test>\r\nTo: toi@acmail.test\r\nSubject: Copie envoy\xc3\xa9e\r\n"
               b"Message-ID: <lp@acmail.test>\r\n\r\n" + b"ligne du message\r\n" * 5000)
    with LinkProxy(mail_server.imaps_port, FAST) as proxy:
        session = _logged_in(proxy.port, ssl_context, acc)
        try:
            assert session.has("LITERAL+")
            proxy.reset()
            uid = session.append("INBOX", message, flags=["\\Seen"])
            assert proxy.reset().turns == 1  # was 2: the command, the server's "+", the message
            assert uid is not None
            session.select("INBOX", readonly=True)
            assert session.fetch_body(uid) == message
            assert b"\\Seen" in session.fetch([uid], ["FLAGS"])[uid][b"FLAGS"]
            # The session is in step: the next command works.
            assert session.append("INBOX", message) == uid + 1
        finally:
            session.logout()
