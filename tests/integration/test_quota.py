"""A full mailbox against the real Dovecot with its quota plugin: the figure, the warnings, and
archive-on-this-computer that deletes on the server only what was written and read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from acmail_desktop.core.imap.sync import FolderSync
from acmail_desktop.core.quota import (
    ArchiveItem,
    Level,
    _mbox_form,
    delete_archived,
    export_eml,
    export_mbox,
    read_mboxrd,
    storage_usage,
)
from acmail_desktop.core.search import SearchQuery, search_local, search_server
from acmail_desktop.core.store import Store
from tests.support.accounts import account_of

pytestmark = pytest.mark.integration


def _big(n: int, kib: int) -> bytes:
    filler = ("Ligne de remplissage pour occuper de la place. From the start.\r\n" * (kib * 16))
    return (f"From: Labo <labo@ac-local.fr>\r\nTo: prof@acmail.test\r\nSubject: Gros message {n}\r\n"
            f"Date: Mon, 2 Nov 2026 08:00:00 +0100\r\nMessage-ID: <big{n}@ac-local.fr>\r\n\r\n"
            f"From here on, a line that mbox must escape.\r\n{filler}").encode()


def _usage(session):  # type: ignore[no-untyped-def]
    return storage_usage(session.quota_root("INBOX"))


def test_usage_and_warnings_follow_the_server_quota(mail_server, local_provider, ssl_context,
                                                    make_account) -> None:  # type: ignore[no-untyped-def]
    acc = make_account("quota")
    mail_server.set_quota(acc.identifiant, 200)  # KiB
    mail_server.deliver(acc.identifiant, _big(1, 100))
    session = account_of(local_provider, ssl_context, acc).open_imap()
    try:
        usage = _usage(session)
        assert usage is not None and usage.limit == 200 * 1024
        assert 0.45 < usage.ratio < 0.65 and usage.level == Level.OK
        session.append("INBOX", _big(2, 65))
        assert _usage(session).level == Level.WARN
        session.append("INBOX", _big(3, 25))
        usage = _usage(session)
        assert usage.level == Level.CRITICAL and usage.ratio >= 0.95
    finally:
        session.logout()


@pytest.fixture
def full_mailbox(mail_server, local_provider, ssl_context, make_account, tmp_path):  # type: ignore[no-untyped-def]
    acc = make_account("full")
    mail_server.set_quota(acc.identifiant, 400)
    mail_server.deliver(acc.identifiant, _big(1, 120))
    mail_server.deliver(acc.identifiant, _big(2, 100), folder="Classes/3eA")
    mail_server.deliver(acc.identifiant, _big(3, 90), folder="Archive")
    mail_server.deliver(acc.identifiant, b"Subject: petit\r\n\r\nx\r\n")
    session = account_of(local_provider, ssl_context, acc).open_imap()
    store = Store(tmp_path / "full.sqlite3")
    sync = FolderSync(session, store, use_helpers=False)
    sync.start()
    folders = [f.name for f in sync.sync_folders() if f.selectable]
    try:
        yield session, store, sync, folders
    finally:
        store.close()
        session.logout()


def _largest(session, store, sync, folders):  # type: ignore[no-untyped-def]
    """The 'Libérer de l'espace' list: messages over 50 KiB in every folder, largest first."""
    query = SearchQuery(larger=50 * 1024)
    search_server(session, store, query, folders, fetch_missing=sync.sync)
    return search_local(store, query, largest_first=True)


def test_largest_messages_across_folders(full_mailbox) -> None:  # type: ignore[no-untyped-def]
    hits = _largest(*full_mailbox)
    assert [(h.subject, h.folder) for h in hits] == [
        ("Gros message 1", "INBOX"), ("Gros message 2", "Classes/3eA"), ("Gros message 3", "Archive")]
    assert hits[0].size > hits[1].size > hits[2].size


def test_export_eml_then_delete_frees_space_and_deletes_only_what_was_verified(
        full_mailbox, tmp_path) -> None:  # type: ignore[no-untyped-def]
    session, store, sync, folders = full_mailbox
    hits = _largest(session, store, sync, folders)
    before = _usage(session).used
    items = [ArchiveItem(h.folder, h.uid, h.subject) for h in hits]
    # One of them disappears on the server before the export: it cannot be archived.
    gone = items[1]
    sync.delete(gone.folder, [gone.uid], permanently=True)
    target = tmp_path / "archive"
    target.mkdir()
    result = export_eml(items, lambda item: sync.fetch_body(item.folder, item.uid), target)
    assert [i.subject for i in result.verified] == ["Gros message 1", "Gros message 3"]
    assert [(i.subject, why) for i, why in result.failed] == [("Gros message 2", "gone")]
    files = sorted(target.iterdir())
    assert len(files) == 2 and all(f.suffix == ".eml" for f in files)
    assert {f.read_bytes() for f in files} == {_big(1, 120), _big(3, 90)}
    assert delete_archived(sync, result) == 2
    assert _usage(session).used < before - 200 * 1024
    session.select("INBOX", readonly=True)
    assert len(session.search_uids()) == 1  # the small one stays


def test_nothing_is_deleted_when_the_archive_cannot_be_written(full_mailbox, tmp_path) -> None:  # type: ignore[no-untyped-def]
    session, store, sync, folders = full_mailbox
    items = [ArchiveItem(h.folder, h.uid, h.subject) for h in _largest(session, store, sync, folders)]
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    eml = export_eml(items, lambda item: sync.fetch_body(item.folder, item.uid), blocker)
    mbox = export_mbox(items, lambda item: sync.fetch_body(item.folder, item.uid), blocker / "a.mbox")
    assert eml.verified == [] and mbox.verified == [] and len(eml.failed) == len(mbox.failed) == 3
    assert delete_archived(sync, eml) == 0 and delete_archived(sync, mbox) == 0
    assert len(_largest(session, store, sync, folders)) == 3


def test_export_mbox_reads_back_exactly_then_deletes(full_mailbox, tmp_path) -> None:  # type: ignore[no-untyped-def]
    session, store, sync, folders = full_mailbox
    items = [ArchiveItem(h.folder, h.uid, h.subject) for h in _largest(session, store, sync, folders)]
    path = tmp_path / "ancien courrier.mbox"
    path.write_bytes(b"")
    result = export_mbox(items[:2], lambda item: sync.fetch_body(item.folder, item.uid), path)
    assert len(result.verified) == 2
    # appended later to the same file: the earlier entries are kept, the new one verified
    more = export_mbox(items[2:], lambda item: sync.fetch_body(item.folder, item.uid), path)
    assert len(more.verified) == 1
    entries = read_mboxrd(path.read_bytes())
    assert entries == [_mbox_form(_big(1, 120)), _mbox_form(_big(2, 100)), _mbox_form(_big(3, 90))]
    assert b"\n>From here on" in path.read_bytes()  # escaped in the file, not in what reads back
    # the standard library reads it too (the user's other mail programs will)
    import mailbox
    assert [m["Subject"] for m in mailbox.mbox(str(path))] == ["Gros message 1", "Gros message 2", "Gros message 3"]
    assert delete_archived(sync, result) + delete_archived(sync, more) == 3
    assert _largest(session, store, sync, folders) == []


def test_a_tampered_archive_is_not_verified(tmp_path: Path) -> None:
    """The read-back is a real comparison: an entry that changed on disk does not count."""
    path = tmp_path / "a.mbox"
    items = [ArchiveItem("INBOX", 1, "a"), ArchiveItem("INBOX", 2, "b")]
    raws = {1: b"Subject: a\r\n\r\nun\r\n", 2: b"Subject: b\r\n\r\ndeux\r\n"}
    real_write = Path.read_bytes

    def read_back_corrupted(self: Path) -> bytes:
        return real_write(self).replace(b"deux", b"DEUX")

    result = export_mbox(items[:1], lambda i: raws[i.uid], path)
    assert [i.uid for i in result.verified] == [1]
    Path.read_bytes = read_back_corrupted  # type: ignore[method-assign]
    try:
        result = export_mbox(items[1:], lambda i: raws[i.uid], path)
    finally:
        Path.read_bytes = real_write  # type: ignore[method-assign]
    assert result.verified == [] and result.failed[0][1] == "read back differs"
