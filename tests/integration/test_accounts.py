"""Several accounts in one profile against the real Dovecot and the real gnome-keyring: both signed
in at once, isolated lockout, removal leaving nothing of the removed one, migration of an old profile."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from acmail_desktop.core import errors
from acmail_desktop.core.account import Account
from acmail_desktop.core.accounts import AccountRecord, AccountRegistry
from acmail_desktop.core.imap.session import FolderInfo
from acmail_desktop.core.imap.sync import FolderSync
from acmail_desktop.core.outbox import Outbox
from acmail_desktop.core.secrets import KeyringStore
from acmail_desktop.core.settings import Settings
from acmail_desktop.core.store import Store, db_file_for
from tests.support.accounts import account_of

pytestmark = pytest.mark.integration


def _mail(subject: str) -> bytes:
    return f"From: x@ac-local.fr\r\nSubject: {subject}\r\nMessage-ID: <{subject}@x>\r\n\r\ncorps\r\n".encode()


def test_two_accounts_signed_in_at_once_each_its_own_cache(mail_server, local_provider, ssl_context,
                                                           make_account, app_paths) -> None:  # type: ignore[no-untyped-def]
    first, second = make_account("perso"), make_account("fonct")
    mail_server.deliver(first.identifiant, _mail("pour-perso"))
    mail_server.deliver(second.identifiant, _mail("pour-fonct"), folder="Classes/6eB")
    accounts = [account_of(local_provider, ssl_context, a) for a in (first, second)]
    sessions = [a.open_imap() for a in accounts]
    stores = [Store.for_account(app_paths.cache_dir, a.identity.key) for a in accounts]
    try:
        assert len({s.path for s in stores}) == 2
        for session, store in zip(sessions, stores, strict=True):
            sync = FolderSync(session, store, use_helpers=False)
            for folder in sync.sync_folders():
                if folder.selectable:
                    sync.sync(folder.name)
        subjects = [{r[4] for name, *_ in s.folders() for r in s.page(name)} for s in stores]
        assert subjects == [{"pour-perso"}, {"pour-fonct"}]
    finally:
        for store in stores:
            store.close()
        for session in sessions:
            session.logout()


def test_one_wrong_password_never_stops_the_other_and_reaches_the_server_once(
        mail_server, local_provider, ssl_context, make_account) -> None:  # type: ignore[no-untyped-def]
    good, bad = make_account("ok"), make_account("faux")
    wrong = account_of(local_provider, ssl_context, bad, password="pas-le-bon")
    right = account_of(local_provider, ssl_context, good)
    mail_server.reset_auth_log()
    results: dict[str, object] = {}

    def sign_in(name: str, account: Account) -> None:
        try:
            results[name] = account.open_imap()
        except errors.AcmailError as exc:
            results[name] = exc

    threads = [threading.Thread(target=sign_in, args=(n, a)) for n, a in (("wrong", wrong), ("right", right))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert isinstance(results["wrong"], errors.AuthFailed)
    session = results["right"]
    try:
        for _ in range(3):  # the app retrying (reconnect, IDLE, outbox) is refused locally
            with pytest.raises(errors.AuthFailed):
                wrong.open_imap()
        with pytest.raises(errors.AuthFailed):
            wrong.open_smtp()
        assert [a.result for a in mail_server.auth_attempts(bad.identifiant)] == ["bad"]
        assert right.rejected is None
        session.select("INBOX")  # type: ignore[union-attr]
        second = right.open_imap()  # the good account opens more connections (IDLE) freely
        second.logout()
    finally:
        session.logout()  # type: ignore[union-attr]


def test_removing_an_account_leaves_no_file_and_no_keyring_item(local_provider, app_paths) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(app_paths.settings_file)
    registry = AccountRegistry(app_paths, settings)
    keep, gone = AccountRecord("local", "perso1"), AccountRecord("local", "fonct1", "passcode")
    registry.add(keep)
    registry.add(gone)
    secrets = KeyringStore()
    assert secrets.available
    outbox = Outbox(app_paths.data_dir)
    try:
        for record in (keep, gone):
            secrets.set_password(record.provider_id, record.identifiant, f"secret-{record.identifiant}")
            secrets.set_totp_secret(record.provider_id, record.identifiant, "JBSWY3DPEHPK3PXP")
            with Store.for_account(app_paths.cache_dir, record.key) as store:
                store.upsert_folders([FolderInfo("INBOX", "/", ())])
            outbox.enqueue(record.key, sender=("", f"{record.identifiant}@acmail.test"),
                           to=[("", "x@acmail.test")], subject="en attente", body="corps")
            outbox.save_draft(record.key, {"subject": "brouillon"})
        spool_before = set((app_paths.data_dir / "outbox-spool").iterdir())
        assert len(spool_before) == 2
        remaining = registry.remove(gone, secrets, outbox)
        assert remaining == [keep] and registry.load() == [keep]
        everything = [p for d in app_paths.all_dirs() for p in d.rglob("*")]
        assert not [p for p in everything if "fonct1" in p.name]
        assert secrets.get_password("local", "fonct1") is None
        assert secrets.get_totp_secret("local", "fonct1") is None
        assert outbox.entries(gone.key, ("queued", "failed", "uncertain", "sending", "accepted", "sent",
                                         "cancelled")) == []
        assert outbox.local_drafts(gone.key) == []
        # the other account keeps everything
        assert secrets.get_password("local", "perso1") == "secret-perso1"
        assert db_file_for(app_paths.cache_dir, keep.key).exists()
        assert len(outbox.entries(keep.key)) == 1 and len(outbox.local_drafts(keep.key)) == 1
        assert len(list((app_paths.data_dir / "outbox-spool").iterdir())) == 1
    finally:
        outbox.close()
        secrets.forget("local", "perso1")


def test_a_single_account_profile_opens_unchanged_as_the_first_account(app_paths: Path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(app_paths.settings_file)
    settings.set("account.academie", "local")
    settings.set("account.identifiant", "ancien7")
    settings.set("account.auth_mode", "passcode")
    settings.save()
    with Store.for_account(app_paths.cache_dir, "local:ancien7") as store:
        store.upsert_folders([FolderInfo("INBOX", "/", ())])
    cache = db_file_for(app_paths.cache_dir, "local:ancien7")
    before = cache.read_bytes()
    registry = AccountRegistry(app_paths, Settings(app_paths.settings_file))
    (first,) = registry.load()
    assert first == AccountRecord("local", "ancien7", "passcode", False)
    assert db_file_for(app_paths.cache_dir, first.key) == cache and cache.read_bytes() == before
    registry.add(AccountRecord("local", "second8"))
    assert [r.identifiant for r in registry.load()] == ["ancien7", "second8"]
    with pytest.raises(errors.InputError):
        registry.add(AccountRecord("local", "second8"))
