"""The SQLite cache: paging, sorting, quick filter, bodies, locking, corruption."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from acmail_desktop.core import errors
from acmail_desktop.core.collation import french_sort_key
from acmail_desktop.core.imap import fetchparse as fp
from acmail_desktop.core.imap.session import FolderInfo
from acmail_desktop.core.store import PAGE_COLUMNS, MessageFilter, Store, fts_query

UID, FLAGS, SUBJECT, FROM_NAME, DATE, SIZE = (PAGE_COLUMNS.index(c) for c in
                                              ("uid", "flags", "subject", "from_name", "date", "size"))
PEOPLE = [("Élodie Marchand", "elodie.marchand@ac-local.fr"), ("François Lefèvre", "f.lefevre@ac-local.fr"),
          ("anaïs rousseau", "anais@exemple.fr"), ("Karim Haddad", "k.haddad@exemple.fr")]
SUBJECTS = ["Conseil de classe", "Re: Réunion parents-professeurs", "Sortie pédagogique", "absence jeudi"]


def _row(uid: int, *, subject: str | None = None, person: int | None = None, flags: int = 0,
         size: int | None = None, date: int | None = None) -> tuple[object, ...]:
    name, addr = PEOPLE[person if person is not None else uid % len(PEOPLE)]
    subject = subject if subject is not None else f"{SUBJECTS[uid % len(SUBJECTS)]} {uid}"
    return (uid, flags, "", date or 1_700_000_000 + uid, size if size is not None else (uid * 37) % 1000,
            subject, name, addr, "moi <moi@acmail.test>", date or 1_700_000_000 + (uid * 7919) % 100_000,
            f"<m{uid}@x>", "", "", f"<m{uid}@x>", uid % 5 == 0, fp.subject_sort_key(subject),
            fp.sender_sort_key(name, addr))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "cache" / "acct.sqlite3")
    s.upsert_folders([FolderInfo("INBOX", "/", ()), FolderInfo("Trash", "/", ("\\Trash",)),
                      FolderInfo("Archive", "/", ("\\Archive",))])
    s.put_headers("INBOX", [_row(u, flags=fp.SEEN if u % 3 else 0) for u in range(1, 1001)])
    yield s
    s.close()


@pytest.mark.parametrize("column,key", [
    ("date", lambda r: (r[DATE], r[UID])),
    ("size", lambda r: (r[SIZE], r[UID])),
    ("subject", lambda r: (fp.subject_sort_key(r[SUBJECT]), r[UID])),
    ("from", lambda r: (french_sort_key(r[FROM_NAME]), r[UID])),
    ("seen", lambda r: (r[FLAGS] & 1, r[UID])),
])
@pytest.mark.parametrize("descending", [True, False])
def test_pages_are_slices_of_one_sorted_list(store: Store, column: str, key, descending: bool) -> None:  # type: ignore[no-untyped-def]
    everything = store.page("INBOX", column, descending, 0, 5000)
    assert len(everything) == store.count("INBOX") == 1000
    assert everything == sorted(everything, key=key, reverse=descending)
    pages = [row for offset in range(0, 1000, 128) for row in store.page("INBOX", column, descending, offset, 128)]
    assert pages == everything
    for position in (0, 1, 517, 999):
        uid = store.uid_at("INBOX", position, column, descending)
        assert uid == everything[position][UID]
        assert store.row_of("INBOX", uid, column, descending) == position
    assert store.uid_at("INBOX", 1000, column, descending) is None


def test_subject_sort_ignores_reply_prefixes(store: Store) -> None:
    store.put_headers("Archive", [_row(1, subject="Re: TR: Fwd: zèbre"), _row(2, subject="abeille"),
                                  _row(3, subject="RE : Mouton")])
    assert [r[SUBJECT] for r in store.page("Archive", "subject", False)] == ["abeille", "RE : Mouton",
                                                                          "Re: TR: Fwd: zèbre"]


def test_quick_filter_prefix_accents_and_flags(store: Store) -> None:
    def uids(flt: MessageFilter | str) -> set[int]:
        return {r[UID] for r in store.page("INBOX", "date", True, 0, 5000, flt)}

    elodie = {u for u in range(1, 1001) if u % 4 == 0}
    assert uids("elodie") == uids("Élo") == uids("marchand") == elodie  # accents and prefixes
    assert uids("reunion") == {u for u in range(1, 1001) if u % 4 == 1}
    assert uids("haddad@exemple") == {u for u in range(1, 1001) if u % 4 == 3}
    assert uids("élodie conseil") == elodie  # every word must match
    # FTS operators typed by the user are quoted terms, never a query error.
    assert store.count("INBOX", '") OR subject:* NEAR(') == 0
    assert fts_query('x" OR subject:*') == '"x"* "OR"* "subject"*'
    unread = {u for u in range(1, 1001) if u % 3 == 0}
    assert uids(MessageFilter(unread_only=True)) == unread
    assert uids(MessageFilter(text="elodie", unread_only=True)) == elodie & unread
    assert store.count("INBOX", MessageFilter(text="elodie", unread_only=True)) == len(elodie & unread)
    assert store.unread_count("INBOX") == len(unread)
    # Another folder's matches never count here, and the folder token is not searchable text.
    store.put_headers("Archive", [_row(u, person=0) for u in range(1, 30)])
    assert store.count("INBOX", "elodie") == len(elodie) and store.count("Archive", "elodie") == 29
    assert store.count("INBOX", "f1") == store.count("INBOX", '"f1"') == 0
    store.move_rows("Archive", "INBOX", {1: 5001})
    assert store.count("INBOX", "elodie") == len(elodie) + 1 and store.count("Archive", "elodie") == 28
    assert fts_query("  ") is None and fts_query('a"b') == '"a"* "b"*'


def test_updates_and_removals_reach_the_filter_index(store: Store) -> None:
    store.put_headers("INBOX", [_row(8, subject="Voyage en Espagne")])  # an existing UID: updated
    assert {r[UID] for r in store.quick_filter("INBOX", "espagne")} == {8}
    assert 8 not in {r[UID] for r in store.quick_filter("INBOX", "conseil")}
    store.remove_uids("INBOX", [8])
    assert store.quick_filter("INBOX", "espagne") == []
    assert store.count("INBOX") == 999


def test_flags_moves_and_reset(store: Store) -> None:
    store.change_flags("INBOX", [3, 6], remove=fp.SEEN)
    store.change_flags("INBOX", [1], add=fp.FLAGGED)
    assert store.message("INBOX", 1)["flags"] & fp.FLAGGED
    assert store.count("INBOX", MessageFilter(flagged_only=True)) == 1
    store.put_body("INBOX", 2, b"Subject: x\r\n\r\nbody")
    store.move_rows("INBOX", "Trash", {2: 50, 4: 51})
    assert store.message("INBOX", 2) is None and store.message("Trash", 50)["subject"].startswith("Sortie")
    assert store.body("Trash", 50) == b"Subject: x\r\n\r\nbody"  # the body follows the move
    assert store.folder_by_use("\\Trash") == "Trash"
    store.set_folder_state("INBOX", uidvalidity=9, uidnext=1001, highestmodseq=5, exists_count=998, synced=1)
    state = store.folder_state("INBOX")
    assert (state.uidvalidity, state.uidnext, state.highestmodseq, state.synced) == (9, 1001, 5, True)
    store.reset_folder("INBOX")
    assert store.count("INBOX") == 0 and store.quick_filter("INBOX", "elodie") == []
    assert store.folder_state("INBOX").uidvalidity is None
    assert {f[0]: f[5] for f in store.folders()} == {"Archive": 0, "INBOX": 0, "Trash": 2}


def test_bodies_budget_and_partial(tmp_path: Path) -> None:
    with Store(tmp_path / "b.sqlite3", body_budget=2500) as store:
        store.put_headers("INBOX", [_row(u) for u in range(1, 6)])
        assert store.put_body("INBOX", 99, b"x") is False  # unknown message
        store.put_body("INBOX", 1, b"a" * 1000, complete=False)
        assert store.body("INBOX", 1) is None  # a partial download is never the message
        store.put_body("INBOX", 1, b"a" * 1000)
        store.put_body("INBOX", 2, b"b" * 1000)
        assert store.body("INBOX", 1) == b"a" * 1000  # touch 1: 2 becomes least recently read
        store.put_body("INBOX", 3, b"c" * 1000)
        assert store.bodies_size() <= 2500
        assert store.body("INBOX", 2) is None and store.body("INBOX", 1) and store.body("INBOX", 3)


def test_second_process_on_the_profile_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    first = Store(path)
    with pytest.raises(errors.ProfileInUse):
        Store(path)
    first.close()
    Store(path).close()  # released on close


def test_corrupt_or_old_cache_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with Store(path) as store:
        store.put_headers("INBOX", [_row(1)])
    path.write_bytes(b"SQLite format 3\x00" + b"\xde\xad" * 4000)
    with Store(path) as store:
        assert store.rebuilt and store.count("INBOX") == 0
        store.put_headers("INBOX", [_row(1)])
        store.conn.execute("PRAGMA user_version = 99")
    with Store(path) as store:
        assert store.rebuilt and store.count("INBOX") == 0
    with Store(path) as store:
        assert not store.rebuilt


def test_readers_on_other_threads_while_writing(store: Store) -> None:
    seen: list[int] = []
    failures: list[BaseException] = []

    def reader() -> None:
        try:
            for _ in range(50):
                seen.append(store.count("INBOX"))
                store.page("INBOX", "date", True, 0, 50, "conseil")
        except BaseException as exc:  # reported below
            failures.append(exc)

    def writer() -> None:
        for start in range(1001, 3001, 250):
            store.put_headers("INBOX", [_row(u) for u in range(start, start + 250)])
        store.release_thread()

    threads = [threading.Thread(target=reader), threading.Thread(target=writer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert seen == sorted(seen) and store.count("INBOX") == 3000


def test_close_checkpoints_every_thread_connection(tmp_path: Path) -> None:
    """A copy of the main file alone (no -wal) must hold everything once the store is closed."""
    import shutil

    store = Store(tmp_path / "a.sqlite3")
    thread = threading.Thread(target=lambda: store.put_headers("INBOX", [_row(u) for u in range(1, 11)]))
    thread.start()
    thread.join()  # this thread's connection was never released: close() must still close it
    store.close()
    shutil.copy(tmp_path / "a.sqlite3", tmp_path / "b.sqlite3")
    with Store(tmp_path / "b.sqlite3") as copy:
        assert copy.count("INBOX") == 10


def test_rows_become_summaries_and_columns_stay_in_step(store: Store) -> None:
    from acmail_desktop.core import summary

    assert PAGE_COLUMNS.index("message_id") == summary.ROW_MESSAGE_ID
    assert PAGE_COLUMNS.index("has_attachments") == summary.ROW_ATTACHMENT
    store.change_flags("INBOX", [5], add=fp.FLAGGED)
    row = next(r for r in store.page("INBOX", "uid", False, 0, 10) if r[UID] == 5)
    result = summary.summary_from_row(row)
    assert result.uid == 5 and result.flagged and result.seen and result.has_attachments
    assert result.from_addr == PEOPLE[1][1] and result.date is not None and result.message_id == "<m5@x>"


def _index_names(store: Store) -> set[str]:
    return {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='index' "
                                             "AND name LIKE 'messages_%'")}


def test_cold_bulk_load_defers_indexes_and_rebuilds_them(tmp_path: Path) -> None:
    with Store(tmp_path / "bulk.sqlite3") as store:
        all_indexes = _index_names(store)
        assert not store.begin_bulk_load("INBOX", 100)  # too few rows to be worth it
        assert store.begin_bulk_load("INBOX", 5000)
        during = _index_names(store)
        assert {"messages_date", "messages_unread"} <= during < all_indexes  # the default sort stays indexed
        store.put_headers("INBOX", [_row(u) for u in range(1, 3001)])
        assert store.count("INBOX", "conseil") > 0  # the quick filter works during the load
        store.end_bulk_load()
        assert _index_names(store) == all_indexes
        assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL again
        by_uid = store.page("INBOX", "uid", False, 0, 3000)
        expected = sorted(by_uid, key=lambda r: (french_sort_key(r[FROM_NAME]), r[UID]))
        assert store.page("INBOX", "from", False, 0, 3000) == expected
        # A folder with rows, or a cache bigger than what arrives, is never bulk-loaded.
        assert not store.begin_bulk_load("INBOX", 5000)
        assert not store.begin_bulk_load("Archive", 2500)


def _fts_rowids(store: Store, folder_id: int, term: str) -> set[int]:
    return {r[0] for r in store.conn.execute(
        "SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?", (f'folder:"f{folder_id}" AND "{term}"*',))}


def test_indexes_built_after_the_load_and_the_list_answers_meanwhile(tmp_path: Path) -> None:
    """Issue 23: a cold load ends without its quick-filter and sort indexes (built afterwards);
    meanwhile every sort is right and the quick filter finds rows by exact spelling, and
    deleting or moving a row not indexed yet leaves the index consistent."""
    with Store(tmp_path / "deferred.sqlite3") as store:
        all_indexes = _index_names(store)
        store.put_headers("Archive", [_row(u) for u in range(1, 11)])  # indexed before the load
        assert store.begin_bulk_load("INBOX", 3000)
        store.put_headers("INBOX", [_row(u) for u in range(1, 3001)])
        store.end_bulk_load(build_indexes=False)
        assert store.indexes_pending() and _index_names(store) < all_indexes
        inbox = store.folder_state("INBOX")
        assert inbox is not None and _fts_rowids(store, inbox.id, "conseil") == set()  # not indexed yet
        by_uid = store.page("INBOX", "uid", False, 0, 3000)
        for column, key in (("from", lambda r: (french_sort_key(r[FROM_NAME]), r[UID])),
                            ("size", lambda r: (r[SIZE], r[UID]))):
            assert store.page("INBOX", column, False, 0, 3000) == sorted(by_uid, key=key)
        expected = {r[UID] for r in by_uid if "conseil" in r[SUBJECT].lower()}
        assert store.count("INBOX", "Conseil") == len(expected) == 750
        assert {r[UID] for r in store.page("INBOX", "date", True, 0, 3000, "Conseil")} == expected
        assert store.count("INBOX", MessageFilter(text="lefèvre", unread_only=True)) == 750
        assert store.count("Archive", "conseil") == 2  # rows indexed before the load: from the index
        # Changes to rows the index does not have yet (a delete, a move) must not touch it.
        store.remove_uids("INBOX", [4, 8])  # two "Conseil de classe" rows
        store.move_rows("INBOX", "Archive", {12: 1012})
        store.put_headers("INBOX", [_row(u) for u in range(3001, 3005)])  # new mail meanwhile

        stops = iter([False, True])
        assert store.build_deferred_indexes(batch=1000, should_stop=lambda: next(stops, True))
        assert store.indexes_pending()  # stopped when asked: the rest is built next time
        assert store.build_deferred_indexes(batch=1000)
        assert not store.indexes_pending() and _index_names(store) == all_indexes
        assert not store.build_deferred_indexes()  # nothing left
        assert _fts_rowids(store, inbox.id, "conseil") == {
            r[0] for r in store.conn.execute("SELECT id FROM messages WHERE folder_id=? AND subject LIKE 'conseil%'",
                                             (inbox.id,))}
        assert store.count("INBOX", "conseil") == 750 - 3 + 1  # 3004 is a "Conseil" row too
        assert store.count("Archive", "conseil") == 3
        store.conn.execute("INSERT INTO messages_fts(messages_fts) VALUES ('integrity-check')")
        assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL again


def test_old_cache_gets_the_guarded_quick_filter_triggers(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with Store(path) as store:
        store.conn.execute("DROP TRIGGER messages_ad")
        store.conn.execute("CREATE TRIGGER messages_ad AFTER DELETE ON messages BEGIN SELECT 1; END")
    with Store(path) as again:
        sql = again.conn.execute("SELECT sql FROM sqlite_master WHERE name='messages_ad'").fetchone()[0]
        assert "fts.indexed_to" in sql and "messages_fts" in sql


def test_interrupted_bulk_load_gets_its_indexes_back_on_open(tmp_path: Path) -> None:
    path = tmp_path / "cut.sqlite3"
    store = Store(path)
    all_indexes = _index_names(store)
    assert store.begin_bulk_load("INBOX", 5000)
    store.put_headers("INBOX", [_row(u) for u in range(1, 501)])
    store.close()  # as if killed before end_bulk_load
    with Store(path) as again:
        assert not again.rebuilt and again.count("INBOX") == 500
        assert _index_names(again) == all_indexes


def test_quick_check_only_after_an_unclean_close(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    with Store(path) as store:
        store.put_headers("INBOX", [_row(u) for u in range(1, 11)])
    marker = path.with_name(path.name + ".clean")
    assert marker.exists()  # closed cleanly: the next open skips the whole-file check
    store = Store(path)
    assert not marker.exists()  # open: a crash from now on leaves no marker
    store._lock.release()  # as if the process died without close()
    # A page damaged while nobody closed the cache is found by quick_check and the cache rebuilt.
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 2:page * 3] = b"\x0d" + b"\xff" * (page - 1)
    path.write_bytes(bytes(data))
    with Store(path) as again:
        assert again.rebuilt and again.count("INBOX") == 0


def test_every_sort_of_the_list_is_served_by_an_index(tmp_path: Path) -> None:
    """A sort without an index makes SQLite sort the whole folder for each page, on the GUI
    thread (flag / attachment sorts: 40-200 ms per page at 100,000 rows before they had one).
    Checked after a cold bulk load, which drops and rebuilds the secondary indexes."""
    from acmail_desktop.core.store import BULK_LOAD_MIN_ROWS, SORT_COLUMNS

    with Store(tmp_path / "c.sqlite3") as store:
        assert store.begin_bulk_load("INBOX", BULK_LOAD_MIN_ROWS)
        store.put_headers("INBOX", [_row(u, flags=fp.FLAGGED if u % 5 else 0) for u in range(1, 301)])
        store.end_bulk_load()
        where = store._where("INBOX", None)
        assert where is not None
        for key, column in SORT_COLUMNS.items():
            for direction in ("ASC", "DESC"):
                plan = " | ".join(str(r[-1]) for r in store._q(
                    f"EXPLAIN QUERY PLAN SELECT id FROM messages WHERE {where[0]} "
                    f"ORDER BY {column} {direction}, uid {direction} LIMIT 200 OFFSET 100", where[1]))
                assert "TEMP B-TREE" not in plan, (key, direction, plan)


def test_a_cache_from_before_an_index_was_added_gets_it_at_open(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with Store(path) as store:
        store.put_headers("INBOX", [_row(u) for u in range(1, 20)])
        store.conn.execute("DROP INDEX messages_flagged")
    with Store(path) as store:
        names = {r[0] for r in store._q("SELECT name FROM sqlite_master WHERE type='index'")}
        assert "messages_flagged" in names
        assert store.count("INBOX") == 19


def test_subscriptions_hide_folders_and_unannounced_ones_are_said_once(tmp_path: Path) -> None:
    s = Store(tmp_path / "subs.sqlite3")
    folders = [FolderInfo("INBOX", "/", ()), FolderInfo("Trash", "/", ("\\Trash",)),
               FolderInfo("Projets", "/", ()), FolderInfo("Zimbra", "/", ()), FolderInfo("Vieux", "/", ())]
    s.upsert_folders(folders, subscribed={"Projets", "Vieux"})
    # Shown: subscribed, INBOX and special folders even when not subscribed.
    assert [r[0] for r in s.folders()] == ["INBOX", "Projets", "Trash", "Vieux"]
    assert ("Zimbra", "/", "", False) in s.server_folders()
    s.set_subscribed("Zimbra", True)
    s.set_subscribed("Vieux", False)
    assert [r[0] for r in s.folders()] == ["INBOX", "Projets", "Trash", "Zimbra"]
    # A server that refuses LSUB: every folder shown, none hidden by mistake.
    s.upsert_folders(folders, subscribed=None)
    assert len(s.folders()) == 5
    s.upsert_folders(folders, subscribed={"Projets"})
    s.add_unannounced_folders(["Zimbra", "Vieux"])
    s.add_unannounced_folders(["Zimbra"])
    s.set_subscribed("Vieux", True)  # subscribed meanwhile: nothing to announce for it
    assert s.take_unannounced_folders() == ["Zimbra"]
    assert s.take_unannounced_folders() == []


def test_a_cache_from_before_subscriptions_gets_the_column_and_shows_everything(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    s = Store(path)
    s.upsert_folders([FolderInfo("INBOX", "/", ()), FolderInfo("Projets", "/", ())])
    with s.transaction() as conn:
        conn.execute("ALTER TABLE folders DROP COLUMN subscribed")
    s.close()
    reopened = Store(path)
    assert not reopened.rebuilt, "no rebuild (no download again) for a new column"
    assert [r[0] for r in reopened.folders()] == ["INBOX", "Projets"]
