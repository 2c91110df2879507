"""Bodies ready before the click (#23), on the real Dovecot: the prefetcher's second connection stays
within its budget, stops when asked, pauses, and never marks a message read."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from acmail_desktop.core.imap.prefetch import BodyPrefetcher, candidates
from acmail_desktop.core.imap.sync import FolderSync
from acmail_desktop.core.otp import password_credential
from acmail_desktop.core.store import Store
from tests.support.accounts import account_of
from tests.support.sync_helpers import other_client

pytestmark = pytest.mark.integration


def _message(n: int, body_bytes: int) -> bytes:
    return (f"From: Paul Durand <paul.durand@ac-local.fr>\r\nTo: prof@acmail.test\r\n"
            f"Subject: Conseil {n}\r\nDate: Mon, 2 Nov 2026 08:{n % 60:02d}:00 +0100\r\n"
            f"Message-ID: <p{n}@ac-local.fr>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n").encode() \
        + b"x" * body_bytes + b"\r\n"


@pytest.fixture
def synced(mail_server, make_account, local_provider, ssl_context, tmp_path: Path):  # type: ignore[no-untyped-def]
    """An account with 12 unread messages of ~2 KB, its headers synced into a fresh cache."""
    acc = make_account("prefetch")
    for n in range(12):
        mail_server.deliver(acc.identifiant, _message(n, 2000))
    account = account_of(local_provider, ssl_context, acc, timeout=15)
    store = Store(tmp_path / "cache.sqlite3")
    session = account.open_imap()
    sync = FolderSync(session, store)
    sync.sync("INBOX")
    yield acc, account, store, sync
    sync.session.logout()
    store.close()


def _unseen_on_server(mail_server, ssl_context, acc) -> list[int]:  # type: ignore[no-untyped-def]
    client = other_client(mail_server, ssl_context, acc)
    try:
        client.select_folder("INBOX", readonly=True)
        return sorted(client.search(["UNSEEN"]))
    finally:
        client.logout()


def test_prefetch_fills_the_cache_on_a_second_connection_and_never_marks_read(synced, mail_server, ssl_context
                                                                              ) -> None:  # type: ignore[no-untyped-def]
    acc, account, store, _session = synced
    unread_before = _unseen_on_server(mail_server, ssl_context, acc)
    assert len(unread_before) == 12
    opened: list[object] = []

    def open_session():  # type: ignore[no-untyped-def]
        opened.append(account.open_imap())
        return opened[-1]

    prefetcher = BodyPrefetcher(open_session, store, budget_bytes=10_000_000)
    wanted = candidates(store, "INBOX", newest_unread=5)
    assert len(wanted) == 5 and wanted == sorted(wanted, reverse=True)  # newest first
    prefetcher.start()
    prefetcher.want("INBOX", wanted)
    assert prefetcher.wait_idle(20)
    assert [uid for _f, uid in prefetcher.fetched] == wanted
    assert all(store.has_body("INBOX", uid) for uid in wanted)
    assert b"Subject: Conseil" in (store.body("INBOX", wanted[0]) or b"")
    assert len(opened) == 1  # its own connection, opened once
    assert candidates(store, "INBOX", newest_unread=5) == []  # cached bodies are not fetched again
    prefetcher.stop()
    # Checked by another client on the real server: BODY.PEEK left every message unread.
    assert _unseen_on_server(mail_server, ssl_context, acc) == unread_before
    # The prefetcher EXAMINEs (read-only), which alone would hide a non-PEEK fetch; so the fetch it
    # uses is also checked on a read-write SELECT: still unread afterwards.
    writable = account.open_imap()
    writable.select("INBOX")
    assert writable.fetch_body(wanted[0]) is not None
    writable.logout()
    assert _unseen_on_server(mail_server, ssl_context, acc) == unread_before


def test_prefetch_respects_its_byte_budget(synced) -> None:  # type: ignore[no-untyped-def]
    _acc, account, store, _session = synced
    size = store.message_size("INBOX", candidates(store, "INBOX")[0]) or 0
    prefetcher = BodyPrefetcher(account.open_imap, store, budget_bytes=int(size * 3.5))
    prefetcher.start()
    prefetcher.want("INBOX", candidates(store, "INBOX", newest_unread=12))
    assert prefetcher.wait_idle(20)
    assert len(prefetcher.fetched) == 3 and prefetcher.fetched_bytes <= prefetcher.budget_bytes
    prefetcher.stop()
    assert sum(store.has_body("INBOX", uid) for uid in range(1, 13)) == 3


def test_a_message_larger_than_the_cap_is_left_for_the_click(synced, mail_server) -> None:  # type: ignore[no-untyped-def]
    acc, account, store, sync = synced
    mail_server.deliver(acc.identifiant, _message(99, 300_000))
    sync.sync("INBOX")
    big = max(candidates(store, "INBOX", newest_unread=20), key=lambda uid: store.message_size("INBOX", uid) or 0)
    prefetcher = BodyPrefetcher(account.open_imap, store, budget_bytes=10_000_000, max_message_bytes=100_000)
    prefetcher.start()
    prefetcher.want("INBOX", [big])
    assert prefetcher.wait_idle(20)
    prefetcher.stop()
    assert not store.has_body("INBOX", big) and prefetcher.fetched_bytes == 0


def test_prefetch_waits_while_paused_and_stops_when_asked(synced) -> None:  # type: ignore[no-untyped-def]
    _acc, account, store, _session = synced
    opened: list[object] = []
    prefetcher = BodyPrefetcher(lambda: opened.append(account.open_imap()) or opened[-1],  # type: ignore[func-returns-value]
                                store, budget_bytes=10_000_000)
    prefetcher.start()
    prefetcher.pause()  # the user is waiting on something
    prefetcher.want("INBOX", candidates(store, "INBOX", newest_unread=12))
    time.sleep(0.5)
    assert prefetcher.fetched == [] and opened == []
    prefetcher.stop()
    prefetcher.resume()  # too late: stopped means stopped
    assert prefetcher._thread is not None and not prefetcher._thread.is_alive()
    assert prefetcher.fetched == [] and opened == []

    resumed = BodyPrefetcher(account.open_imap, store, budget_bytes=10_000_000)
    resumed.start()
    resumed.pause()
    resumed.want("INBOX", candidates(store, "INBOX", newest_unread=12))
    resumed.resume()
    assert resumed.wait_idle(20)
    resumed.stop()
    assert len(resumed.fetched) == 12


def test_prefetch_is_off_without_budget(synced) -> None:  # type: ignore[no-untyped-def]
    _acc, account, store, _session = synced
    prefetcher = BodyPrefetcher(account.open_imap, store, budget_bytes=0)
    prefetcher.start()
    prefetcher.want("INBOX", candidates(store, "INBOX"))
    assert prefetcher._thread is None and prefetcher.fetched == []


def test_a_plan_fetches_the_neighbours_of_the_selection_first(synced) -> None:  # type: ignore[no-untyped-def]
    _acc, account, store, _sync = synced
    order = [row[1] for row in store.page("INBOX", "date", True, 0, 12)]  # as the list shows them
    selected = order[5]
    assert candidates(store, "INBOX", selected=selected, newest_unread=0) == \
        [order[6], order[7], order[8], order[4], order[3], order[2]]
    prefetcher = BodyPrefetcher(account.open_imap, store, budget_bytes=10_000_000)
    prefetcher.start()
    prefetcher.plan("INBOX", selected)
    assert prefetcher.wait_idle(20)
    prefetcher.stop()
    fetched = [uid for _f, uid in prefetcher.fetched]
    assert fetched[:6] == [order[6], order[7], order[8], order[4], order[3], order[2]]
    assert store.has_body("INBOX", order[6])


def test_prefetch_stops_mid_run_when_asked(synced, mail_server, ssl_context) -> None:  # type: ignore[no-untyped-def]
    """Stopped while fetching (not only while paused): the message in flight ends, nothing after it
    starts, and the connection is logged out. A 50 ms link (bench.linkproxy) in front of the real
    Dovecot makes each fetch last long enough to stop in the middle of twelve."""
    from acmail_desktop.core.imap.session import ImapSession
    from bench.linkproxy import LinkProfile, LinkProxy
    from tests.support.scripted import Endpoint

    acc, _account, store, _sync = synced
    with LinkProxy(mail_server.imaps_port, LinkProfile("slow", 0.05, 1e9, 1e9)) as proxy:
        def open_session() -> ImapSession:
            session = ImapSession(Endpoint("127.0.0.1", proxy.port, "implicit"), ssl_context, timeout=15)
            session.connect()
            session.login(password_credential(acc.identifiant, acc.password))
            return session

        prefetcher = BodyPrefetcher(open_session, store, budget_bytes=10_000_000)
        prefetcher.start()
        prefetcher.want("INBOX", candidates(store, "INBOX", newest_unread=12))
        deadline = time.monotonic() + 20
        while not prefetcher.fetched and time.monotonic() < deadline:
            time.sleep(0.005)
        prefetcher.stop()
        assert prefetcher._thread is not None and not prefetcher._thread.is_alive()
        stopped_at = len(prefetcher.fetched)
        assert 1 <= stopped_at < 12
        assert prefetcher._session is None  # logged out
        time.sleep(0.3)
        assert len(prefetcher.fetched) == stopped_at
        assert sum(store.has_body("INBOX", uid) for uid in range(1, 13)) == stopped_at


def test_body_access_prepared_once_per_select_and_nothing_marked_read(synced, mail_server, ssl_context
                                                                      ) -> None:  # type: ignore[no-untyped-def]
    """The server's first-body cost of a SELECT is paid after the sync, not by the click (#23):
    one byte of the newest message with BODY.PEEK, once per opening of the folder."""
    acc, _account, store, sync = synced
    unread_before = _unseen_on_server(mail_server, ssl_context, acc)
    assert sync.prepare_body_access("INBOX")
    assert not sync.prepare_body_access("INBOX")  # once per SELECT
    assert not sync.prepare_body_access("Trash")  # not the selected folder: nothing to prepare
    sync.sync("INBOX")  # a new SELECT: the server forgets, so does the client
    assert sync.prepare_body_access("INBOX")
    assert not store.has_body("INBOX", store.max_uid("INBOX"))  # one byte is not a cached body
    assert _unseen_on_server(mail_server, ssl_context, acc) == unread_before
    assert sync.fetch_body("INBOX", store.max_uid("INBOX"))  # the connection is in step
