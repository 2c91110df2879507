"""ImapSession message and folder operations against the real Dovecot (used by sync, compose, outbox)."""

from __future__ import annotations

import pytest

from acmail_desktop.core import errors
from acmail_desktop.core.imap.sync import FolderSync
from acmail_desktop.core.imap.uidset import expand_uid_set, parse_copyuid
from acmail_desktop.core.store import Store
from tests.support.accounts import account_of

pytestmark = pytest.mark.integration


def _open(local_provider, ssl_context, acc):  # type: ignore[no-untyped-def]
    account = account_of(local_provider, ssl_context, acc, timeout=10)
    return account.open_imap()


def _raw(n: int) -> bytes:
    return (f"From: a@acmail.test\r\nTo: b@acmail.test\r\nSubject: m{n}\r\n"
            f"Message-ID: <m{n}.ops@acmail.test>\r\n\r\nbody {n}\r\n").encode()


def test_append_flags_search_move_delete(mail_server, local_provider, ssl_context,
                                         make_account) -> None:  # type: ignore[no-untyped-def]
    acc = make_account()
    session = _open(local_provider, ssl_context, acc)
    try:
        uids = [session.append("INBOX", _raw(n), flags=["\\Seen"] if n == 0 else ()) for n in range(3)]
        assert all(isinstance(u, int) for u in uids) and len(set(uids)) == 3
        session.select("INBOX")
        assert session.search_header("Message-ID", "<m1.ops@acmail.test>") == [uids[1]]
        assert session.search_uids(["SEEN"]) == [uids[0]]
        session.add_flags([uids[1]], ["\\Flagged", "$Label1"])
        session.remove_flags([uids[0]], ["\\Seen"])
        rows = session.fetch(uids, ["FLAGS"])
        assert b"\\Flagged" in rows[uids[1]][b"FLAGS"] and b"$Label1" in rows[uids[1]][b"FLAGS"]
        assert b"\\Seen" not in rows[uids[0]][b"FLAGS"]
        mapping = session.move([uids[0], uids[1]], "Archive")
        assert set(mapping) == {uids[0], uids[1]}
        assert session.search_uids() == [uids[2]]
        moved = session.delete([uids[2]], "Trash")
        assert list(moved) == [uids[2]]
        assert session.search_uids() == []
        session.select("Trash")
        trash_uid = moved[uids[2]]
        assert session.search_uids() == [trash_uid]
        assert session.delete([trash_uid], "Trash") == {}  # inside the trash: gone for good
        assert session.search_uids() == []
        status = session.status("Archive")
        assert status.messages == 2 and status.unseen == 2 and status.uidvalidity > 0
        assert status.highestmodseq is not None  # Dovecot offers CONDSTORE
        session.select("Archive")
        assert session.search_uids() == sorted(mapping.values())
        session.expunge([])  # nothing to do: never a folder-wide EXPUNGE
    finally:
        session.logout()


def test_folder_operations_and_hostile_names(mail_server, local_provider, ssl_context,
                                             make_account) -> None:  # type: ignore[no-untyped-def]
    acc = make_account()
    session = _open(local_provider, ssl_context, acc)
    try:
        session.create_folder("Classes/6eB")
        session.rename_folder("Classes/6eB", "Classes/5eB")
        session.subscribe("Classes/5eB")
        names = {f.name for f in session.list_folders()}
        assert "Classes/5eB" in names and "Classes/6eB" not in names
        session.subscribe("Classes/5eB", subscribed=False)
        session.delete_folder("Classes/5eB")
        assert "Classes/5eB" not in {f.name for f in session.list_folders()}
        with pytest.raises(errors.ProtocolError):
            session.create_folder("x\r\nA1 LOGOUT")
        with pytest.raises(errors.ProtocolError):
            session.append("INBOX\r\n", b"x")
        with pytest.raises(errors.ProtocolError):
            session.search_header("Message-ID", "a\r\nb")
        with pytest.raises(errors.ProtocolError):
            session.select("Nope-does-not-exist")
        with pytest.raises(errors.ProtocolError):
            session.append("Nope-does-not-exist-either", _raw(9))
    finally:
        session.logout()


def test_folder_sync_folder_operations_keep_the_cache_in_step(mail_server, local_provider, ssl_context,
                                                             make_account, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Folder operations live in core (FolderSync), like move(): the server first, then the cache."""
    acc = make_account()
    session = _open(local_provider, ssl_context, acc)
    try:
        with Store(tmp_path / "c.sqlite3") as store:
            sync = FolderSync(session, store)
            sync.create_folder("Projets")
            sync.sync_folders()
            assert "Projets" in {row[0] for row in store.folders()}
            assert "Projets" in {name for _f, _d, name in session.client.list_sub_folders()}  # shown elsewhere too
            sync.rename_folder("Projets", "Projets 2027")
            names = {row[0] for row in store.folders()}
            assert "Projets 2027" in names and "Projets" not in names  # before any new LIST
            session.select("Projets 2027")
            sync.delete_folder("Projets 2027")  # selected: left first, then deleted
            assert "Projets 2027" not in {row[0] for row in store.folders()}
            assert "Projets 2027" not in {f.name for f in session.list_folders()}
            assert session.selected == "INBOX"
    finally:
        session.logout()


def test_noop_text_search_and_quota_go_through_the_session(mail_server, local_provider, ssl_context,
                                                           make_account) -> None:  # type: ignore[no-untyped-def]
    acc = make_account()
    session = _open(local_provider, ssl_context, acc)
    try:
        uid = session.append("INBOX", _raw(7).replace(b"body 7", "corps élève".encode()))
        session.select("INBOX")
        session.noop()
        assert session.search_text("élève") == [uid]
        assert session.search_text("absent-word") == []
        with pytest.raises(errors.ProtocolError):
            session.search_text("a\r\nA1 LOGOUT")
        storage = [q for q in session.quota_root("INBOX") if q.resource.upper() == "STORAGE"]
        assert storage and storage[0].limit > 0 and storage[0].usage >= 0
    finally:
        session.logout()


def test_folder_sync_relocate_says_moved_undoable_or_erased_and_searches_a_folder(
        mail_server, local_provider, ssl_context, make_account, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """What the main window says after Delete comes from core: moved to the Trash and undoable,
    or erased for good (never "moved"); a text search selects its folder itself."""
    acc = make_account()
    session = _open(local_provider, ssl_context, acc)
    try:
        uids = [session.append("INBOX", _raw(n)) for n in range(2)]
        session.append("Archive", _raw(9).replace(b"body 9", b"compte rendu"))
        with Store(tmp_path / "c.sqlite3") as store:
            sync = FolderSync(session, store)
            sync.sync_folders()
            sync.sync("INBOX")
            to_trash = sync.relocate(lambda: sync.delete("INBOX", [uids[0]]))
            assert to_trash.moved and to_trash.undoable and to_trash.can_undo
            trash = store.folder_by_use("\\Trash")
            assert trash
            in_trash = store.uids(trash)
            assert len(in_trash) == 1
            erased = sync.relocate(lambda: sync.delete(trash, in_trash))
            assert not erased.moved and not erased.undoable, "erased for good is never said to be moved"
            assert erased.can_undo, "the earlier move can still be undone"
            assert sync.search_text("Archive", "compte rendu") and session.selected == "Archive"
            assert sync.search_text("INBOX", "compte rendu") == []
    finally:
        session.logout()


def test_uid_set_helpers() -> None:
    assert expand_uid_set("1:3,7,9:8") == [1, 2, 3, 7, 8, 9]
    assert parse_copyuid(b"[COPYUID 17 4:5,9 20:22] Moved") == {4: 20, 5: 21, 9: 22}
    assert parse_copyuid(b"17 1 2:3") == {}
    with pytest.raises(errors.ProtocolError):
        expand_uid_set("1:99999999999")
