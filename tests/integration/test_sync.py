"""FolderSync and IdleWatcher against the real Dovecot: first sync, resync paths, ops, IDLE, offline."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from imapclient import IMAPClient

from acmail_desktop.core import errors
from acmail_desktop.core.imap import fetchparse as fp
from acmail_desktop.core.imap.sync import FolderSync, IdleWatcher
from acmail_desktop.core.mime import decode_header_value
from acmail_desktop.core.otp import passcode_credential, password_credential
from acmail_desktop.core.providers import bundled_providers_dir, load_providers
from acmail_desktop.core.store import PAGE_COLUMNS, Store
from acmail_desktop.core.tls import make_ssl_context
from tests.support.accounts import account_for, account_of
from tests.support.seed import seed_demo_mailbox
from tests.support.sync_helpers import other_client, sample_message

pytestmark = pytest.mark.integration
UID = PAGE_COLUMNS.index("uid")


def _server_state(client: IMAPClient, folder: str) -> dict[int, tuple[int, str]]:
    client.select_folder(folder)
    uids = client.search(["ALL"])
    rows = client.fetch(uids, ["FLAGS"]) if uids else {}
    return {uid: fp.flags_bits(tuple(row[b"FLAGS"])) for uid, row in rows.items()}


def test_first_sync_newest_first_and_headers_match_envelopes(mail_server, local_provider, ssl_context,
                                                             make_account, tmp_path) -> None:  # type: ignore[no-untyped-def]
    acc = make_account("sync")
    count = seed_demo_mailbox(mail_server, acc.identifiant)
    for n in range(130):
        mail_server.deliver(acc.identifiant, sample_message(n), fsync=False)
    session = account_of(local_provider, ssl_context, acc).open_imap()
    with Store(tmp_path / "c.sqlite3") as store:
        sync = FolderSync(session, store, first_batch=50, commit_every=100)
        folders = {f.name: f.special_use for f in sync.sync_folders()}
        assert folders["Trash"] == "\\Trash" and store.folder_by_use("\\Sent") == "Sent"
        announced: list[tuple[int, list[int]]] = []

        def on_batch(folder: str, stored: int) -> None:
            announced.append((stored, [r[UID] for r in store.page(folder, "uid", True, 0, 1000)]))

        result = sync.sync("INBOX", on_batch)
        total = store.count("INBOX")
        assert result.mode == "full" and result.new == total
        assert announced[0][0] == 50  # the first screenful, before the rest is fetched
        all_uids = session.search_uids()
        assert sorted(announced[0][1]) == sorted(all_uids)[-50:]  # ...and it is the newest 50
        assert [a[0] for a in announced] == sorted(a[0] for a in announced) and announced[-1][0] == total
        # Every row agrees with imapclient's own ENVELOPE parsing.
        envelopes = session.fetch(all_uids, ["ENVELOPE", "FLAGS"])
        for uid, row in envelopes.items():
            cached = store.message("INBOX", uid)
            env = row[b"ENVELOPE"]
            assert cached["subject"] == decode_header_value(env.subject)
            assert cached["from_addr"] == f"{env.from_[0].mailbox.decode()}@{env.from_[0].host.decode()}"
            assert cached["from_name"] == decode_header_value(env.from_[0].name)
            assert (cached["flags"], cached["keywords"]) == fp.flags_bits(tuple(row[b"FLAGS"]))
            if env.date:
                assert cached["date"] == int(env.date.timestamp())
        assert total == count_inbox(mail_server, ssl_context, acc)
        # Warm: nothing new on the server, one SELECT and no other command.
        again = sync.sync("INBOX")
        assert (again.mode, again.commands, again.new) == ("unchanged", 0, 0)
        # Headers are fetched with PEEK: nothing became \Seen.
        assert store.unread_count("INBOX") == sum(1 for r in envelopes.values() if b"\\Seen" not in r[b"FLAGS"])
    session.logout()
    assert count > 0


def count_inbox(mail_server, ssl_context, acc) -> int:  # type: ignore[no-untyped-def]
    client = other_client(mail_server, ssl_context, acc)
    try:
        return int(client.select_folder("INBOX", readonly=True)[b"EXISTS"])
    finally:
        client.logout()


def test_cold_load_in_helper_processes_equals_the_in_thread_load(mail_server, local_provider, ssl_context,
                                                                 make_account, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A large cold load goes through the two helper processes of `imap.loader`: same cache as the
    in-thread path, the first screenful still first, progress announced, no process left behind."""
    from acmail_desktop.core.imap import sync as sync_module
    from acmail_desktop.core.store import BULK_LOAD_MIN_ROWS
    from tests.support.imap_wire import loader_processes
    from tests.support.seed import seed_large_folder

    acc = make_account("helpers")
    count = BULK_LOAD_MIN_ROWS + 500  # a bulk load too: indexes dropped, rebuilt after the helpers
    seed_large_folder(mail_server, acc.identifiant, "INBOX", count)
    account = account_of(local_provider, ssl_context, acc)
    monkeypatch.setattr(sync_module, "LOADER_MIN_ROWS", 1_000)
    caches = {}
    for helpers in (True, False):
        session = account.open_imap()
        store = Store(tmp_path / f"helpers-{helpers}.sqlite3")
        announced: list[int] = []
        result = FolderSync(session, store, commit_every=600, use_helpers=helpers).sync(
            "INBOX", lambda _f, n, seen=announced: seen.append(n))
        assert (result.mode, result.new, result.commands) == ("full", count, 2)
        assert announced[0] == 50 and announced[-1] == count and announced == sorted(announced)
        assert len(announced) > 3  # progress while the helpers work, not only at the end
        caches[helpers] = [r[1:] for r in store.page("INBOX", "uid", False, 0, count)]
        assert store.count("INBOX", "réunion") == store._q(
            "SELECT count(*) FROM messages WHERE subject LIKE '%union%'")[0][0] > 0  # FTS filled
        indexes = {r[0] for r in store._q("SELECT name FROM sqlite_master WHERE type='index'")}
        assert {"messages_from", "messages_subject", "messages_thread"} <= indexes
        store.close()
        session.logout()
    assert caches[True] == caches[False] and len(caches[True]) == count
    assert loader_processes() == []


def test_incremental_paths_agree_with_the_server(mail_server, local_provider, ssl_context, make_account,
                                                 tmp_path) -> None:  # type: ignore[no-untyped-def]
    acc = make_account("inc")
    for n in range(60):
        mail_server.deliver(acc.identifiant, sample_message(n), fsync=False, seen=n % 2 == 0)
    account = account_of(local_provider, ssl_context, acc)
    session = account.open_imap()
    paths = {"qresync": {}, "condstore": {"use_qresync": False}, "fallback": {"use_condstore": False}}
    stores = {name: Store(tmp_path / name / "c.sqlite3") for name in paths}
    syncs = {name: FolderSync(session, stores[name], **kw) for name, kw in paths.items()}
    try:
        for name, sync in syncs.items():
            sync.start() if name == "qresync" else None
        # One session for the three caches: ENABLE QRESYNC is per connection, so the CONDSTORE and
        # fallback syncs each get their own connection below.
        others = {name: account.open_imap() for name in ("condstore", "fallback")}
        syncs["condstore"] = FolderSync(others["condstore"], stores["condstore"], use_qresync=False)
        syncs["fallback"] = FolderSync(others["fallback"], stores["fallback"], use_condstore=False)
        for sync in syncs.values():
            assert sync.sync("INBOX").mode == "full"
        client = other_client(mail_server, ssl_context, acc)
        client.select_folder("INBOX")
        uids = client.search(["ALL"])
        client.add_flags(uids[:5], [b"\\Flagged", b"$Label2"])
        client.remove_flags(uids[10:14], [b"\\Seen"])
        client.add_flags(uids[20:23], [b"\\Deleted"])
        client.uid_expunge(uids[20:23])
        for n in range(100, 104):
            client.append("INBOX", sample_message(n, "Nouveau"), flags=[b"\\Seen"] if n == 100 else [])
        truth = _server_state(client, "INBOX")
        client.logout()
        for name, sync in syncs.items():
            result = sync.sync("INBOX")
            assert result.mode == name
            assert result.new == 4 and result.vanished == 3 and result.changed >= 5 + 2
            assert stores[name].flags_of("INBOX") == truth, name
            assert stores[name].quick_filter("INBOX", "nouveau") != []
            assert stores[name].count("INBOX") == len(truth)
            assert stores[name].unread_count("INBOX") == sum(1 for b, _ in truth.values() if not b & fp.SEEN)
        # The three paths leave identical caches.
        dumps = {name: stores[name].page("INBOX", "uid", False, 0, 1000) for name in stores}
        strip = lambda rows: [r[1:] for r in rows]  # noqa: E731 - row ids differ per file
        assert strip(dumps["qresync"]) == strip(dumps["condstore"]) == strip(dumps["fallback"])
        for other in others.values():
            other.logout()
    finally:
        for store in stores.values():
            store.close()
        session.logout()


def test_uidvalidity_change_rebuilds_the_folder(mail_server, local_provider, ssl_context, make_account,
                                                tmp_path) -> None:  # type: ignore[no-untyped-def]
    acc = make_account("uidv")
    for n in range(5):
        mail_server.deliver(acc.identifiant, sample_message(n, "Ancien"), folder="Classes")
    session = account_of(local_provider, ssl_context, acc).open_imap()
    with Store(tmp_path / "c.sqlite3") as store:
        sync = FolderSync(session, store)
        sync.sync("Classes")
        old_validity = store.folder_state("Classes").uidvalidity
        # Another client deletes and recreates the folder: same name, new UIDVALIDITY, UIDs reused.
        client = other_client(mail_server, ssl_context, acc)
        client.delete_folder("Classes")
        time.sleep(1.1)  # Dovecot derives UIDVALIDITY from the clock
        client.create_folder("Classes")
        for n in range(3):
            client.append("Classes", sample_message(n, "Nouveau"))
        client.logout()
        session.select("INBOX")
        result = sync.sync("Classes")
        assert result.rebuilt and result.mode == "full"
        assert store.folder_state("Classes").uidvalidity != old_validity
        subjects = {r[PAGE_COLUMNS.index("subject")] for r in store.page("Classes")}
        assert subjects == {f"Nouveau n°{n}" for n in range(3)}
    session.logout()


def test_mark_move_delete_archive_undo(mail_server, local_provider, ssl_context, make_account,
                                       tmp_path) -> None:  # type: ignore[no-untyped-def]
    acc = make_account("ops")
    for n in range(6):
        mail_server.deliver(acc.identifiant, sample_message(n))
    session = account_of(local_provider, ssl_context, acc).open_imap()
    with Store(tmp_path / "c.sqlite3") as store:
        sync = FolderSync(session, store)
        sync.sync_folders()
        sync.sync("INBOX")
        uids = store.uids("INBOX")
        body = sync.fetch_body("INBOX", uids[0])
        assert body is not None and b"Corps 0" in body
        assert store.message("INBOX", uids[0])["flags"] & fp.SEEN == 0  # reading did not mark it seen
        sync.mark_seen("INBOX", uids[:2])
        sync.set_flagged("INBOX", [uids[2]])
        client = other_client(mail_server, ssl_context, acc)
        assert _server_state(client, "INBOX")[uids[0]][0] & fp.SEEN
        mapping = sync.delete("INBOX", uids[:2])
        assert set(mapping) == set(uids[:2])
        assert store.uids("Trash") == sorted(mapping.values()) and store.body("Trash", mapping[uids[0]]) == body
        archived = sync.archive("INBOX", [uids[3]])
        assert store.uids("Archive") == list(archived.values())
        record = sync.undo_last()
        assert record is not None and record.kind == "archive"
        record = sync.undo_last()
        assert record is not None and record.kind == "delete"
        server_inbox = _server_state(client, "INBOX")
        assert len(server_inbox) == 6 and _server_state(client, "Trash") == {}
        assert sorted(store.uids("INBOX")) == sorted(server_inbox)
        assert store.flags_of("INBOX") == server_inbox
        assert sync.undo_last() is None
        # Deleting inside the Trash is final.
        moved = sync.move("INBOX", [store.uids("INBOX")[0]], "Trash")
        sync.delete("Trash", list(moved.values()))
        assert store.uids("Trash") == [] and _server_state(client, "Trash") == {}
        client.logout()
        # The next resync agrees with what the operations left in the cache.
        for folder in ("INBOX", "Trash", "Archive"):
            sync.sync(folder)
        assert store.count("INBOX") == 5 and store.count("Trash") == 0 and store.count("Archive") == 0
    session.logout()


def test_idle_sees_mail_sent_through_smtp(mail_server, local_provider, ssl_context, make_account) -> None:  # type: ignore[no-untyped-def]
    acc = make_account("idle")
    account = account_of(local_provider, ssl_context, acc)
    changes: list[list[tuple[object, ...]]] = []
    arrived = threading.Event()

    def on_change(responses: list[tuple[object, ...]]) -> None:
        changes.append(responses)
        if any(r[1] == b"EXISTS" for r in responses):
            arrived.set()

    watcher = IdleWatcher(account, "INBOX", on_change, reissue_after=0.3, poll=0.1)
    watcher.start()
    try:
        deadline = time.monotonic() + 5
        while watcher.reissued < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert watcher.reissued >= 2  # IDLE re-issued on schedule, connection still fine
        watcher.reissue_after = 3600  # from now on only the server's push can report the message
        smtp = account.open_smtp()
        try:
            smtp.send(sample_message(1, "Par SMTP"), acc.email, [acc.email])
        finally:
            smtp.close()
        assert arrived.wait(10), changes
        assert watcher.error is None and watcher.running
    finally:
        watcher.stop()
    assert not watcher.running


def test_idle_never_replays_a_passcode(mail_server, local_provider, ssl_context, make_account) -> None:  # type: ignore[no-untyped-def]
    acc = make_account("idlepc")
    value = mail_server.fresh_passcode(acc.identifiant)
    account = account_of(local_provider, ssl_context, acc,
                         credential=passcode_credential(acc.identifiant, value[:-6], value[-6:]), timeout=10)
    session = account.open_imap()
    before = len(mail_server.auth_attempts(acc.identifiant))
    watcher = IdleWatcher(account, "INBOX", lambda r: None)
    with pytest.raises(errors.PassCodeSpent):
        watcher.start()
    watcher.stop()
    assert len(mail_server.auth_attempts(acc.identifiant)) == before
    session.logout()


def test_offline_read_after_the_server_is_gone(tmp_path: Path) -> None:
    from tests.support.mailserver import MailServer

    with MailServer() as server:
        server.add_account("hors", "Hors-Ligne-1!", "hors@acmail.test", pin="1234", totp_secret="JBSWY3DPEHPK3PXP")
        for n in range(8):
            server.deliver("hors", sample_message(n, "Hors ligne"))
        provider_dir = tmp_path / "providers"
        provider_dir.mkdir()
        server.write_provider_file(provider_dir)
        provider = load_providers([bundled_providers_dir(), provider_dir]).get("local")
        ctx = make_ssl_context([server.ca_pem_path])
        account = account_for(provider, ctx, "hors", password_credential("hors", "Hors-Ligne-1!"), timeout=5)
        session = account.open_imap()
        store = Store(tmp_path / "cache" / "c.sqlite3")
        sync = FolderSync(session, store)
        sync.sync("INBOX")
        first = store.uid_at("INBOX", 0)
        last = store.uid_at("INBOX", 7)
        body = sync.fetch_body("INBOX", first)
        server.stop()
        # The connection is dead: cached mail still reads, uncached bodies fail with a typed error.
        assert sync.fetch_body("INBOX", first) == body
        with pytest.raises(errors.NetworkError):
            sync.fetch_body("INBOX", last)
        session.close()
        store.close()
    with Store(tmp_path / "cache" / "c.sqlite3") as store:  # a later start, still offline
        assert store.count("INBOX") == 8
        assert store.body("INBOX", first) == body and b"Corps" in body
        assert len(store.quick_filter("INBOX", "hors ligne")) == 8
    with pytest.raises(errors.NetworkError):
        account_for(provider, ctx, "hors", password_credential("hors", "Hors-Ligne-1!"), timeout=5).open_imap()
