"""COMPRESS=DEFLATE (RFC 4978) against the real Dovecot (imap_zlib): the main connection
compresses when asked and everything still works through it; IDLE connections never compress."""

from __future__ import annotations

import pytest

from acmail_desktop.core.imap.sync import FolderSync, IdleWatcher
from acmail_desktop.core.store import Store
from tests.support.accounts import account_of
from tests.support.seed import seed_large_folder

pytestmark = pytest.mark.integration


def test_compressed_session_syncs_like_a_plain_one(tmp_path, mail_server, local_provider, ssl_context,
                                                   make_account) -> None:  # type: ignore[no-untyped-def]
    acc = make_account("zip")
    seed_large_folder(mail_server, acc.identifiant, "INBOX", count=600)
    account = account_of(local_provider, ssl_context, acc, timeout=20, compress=True)
    session = account.open_imap()
    try:
        assert "COMPRESS=DEFLATE" in session.capabilities
        assert session.compressed
        with Store(tmp_path / "cache.sqlite3") as store:
            sync = FolderSync(session, store)
            sync.start()
            sync.sync("INBOX")
            assert store.count("INBOX") == 600
            uid = store.uids("INBOX")[0]
            body = sync.fetch_body("INBOX", uid)
            assert body and b"Subject:" in body
            session.select("INBOX", readonly=True)
            assert session.search_uids() == store.uids("INBOX")
            assert [f.name for f in session.list_folders()]
    finally:
        session.logout()


def test_plain_session_stays_plain_and_idle_never_compresses(mail_server, local_provider, ssl_context,
                                                             make_account) -> None:  # type: ignore[no-untyped-def]
    acc = make_account("zipidle")
    plain = account_of(local_provider, ssl_context, acc, timeout=20)
    session = plain.open_imap()
    assert not session.compressed
    session.logout()
    compressing = account_of(local_provider, ssl_context, acc, timeout=20, compress=True)
    watcher = IdleWatcher(compressing, "INBOX", lambda _changes: None)
    watcher.start()
    try:
        assert watcher._session is not None and not watcher._session.compressed
    finally:
        watcher.stop()
