"""Switching an account from its académie's servers to the national messagerie, end to end on the
real Dovecot, SMTP server and gnome-keyring: the list keeps its place and label, unsent mail and
drafts follow and leave through the national servers, folder choices follow, the old cache (another
server, another UIDVALIDITY) and the old password are gone, the new mailbox is read afresh."""

from __future__ import annotations

import time

import pytest

from acmail_desktop.core.account import Account
from acmail_desktop.core.accounts import AccountRecord, AccountRegistry
from acmail_desktop.core.folders import choices_from_settings, remember_choice
from acmail_desktop.core.imap.sync import FolderSync
from acmail_desktop.core.otp import password_credential
from acmail_desktop.core.outbox import Outbox
from acmail_desktop.core.secrets import KeyringStore
from acmail_desktop.core.settings import Settings
from acmail_desktop.core.store import Store, db_file_for
from tests.support.accounts import account_for, account_of

pytestmark = pytest.mark.integration


def _mail(subject: str) -> bytes:
    return f"From: x@ac-local.fr\r\nSubject: {subject}\r\nMessage-ID: <{subject}@x>\r\n\r\ncorps\r\n".encode()


def _read_all(account: Account, store: Store) -> dict[str, int]:
    """Sign in, read every folder into the cache; the UIDVALIDITY of each folder."""
    session = account.open_imap()
    try:
        sync = FolderSync(session, store, use_helpers=False)
        for folder in sync.sync_folders():
            if folder.selectable:
                sync.sync(folder.name)
        return {name: store.folder_state(name).uidvalidity for name, *_ in store.folders()}  # type: ignore[union-attr]
    finally:
        session.logout()


def test_switch_from_academique_to_nationale_end_to_end(
        mail_server, local_provider, national_provider, ssl_context, make_account, make_national_account,
        app_paths) -> None:  # type: ignore[no-untyped-def]
    old_acc, new_acc, colleague = make_account("avant"), make_national_account(), make_account("collegue")
    mail_server.deliver(old_acc.identifiant, _mail("ancien-serveur"))
    mail_server.deliver(new_acc.email, _mail("nouveau-serveur"))
    settings = Settings(app_paths.settings_file)
    registry = AccountRegistry(app_paths, settings)
    secrets = KeyringStore()
    outbox = Outbox(app_paths.data_dir)
    other = AccountRecord("local", colleague.identifiant)
    old = AccountRecord("local", old_acc.identifiant, label="Mon compte du collège", remember=True)
    new = AccountRecord("nationale", new_acc.email)
    registry.save([old, other])
    try:
        # Life on the académie's servers: a cache, a remembered password, a folder choice, unsent
        # mail (written offline) and a draft.
        old_store = Store.for_account(app_paths.cache_dir, old.key)
        old_validity = _read_all(account_of(local_provider, ssl_context, old_acc, timeout=15), old_store)
        old_store.close()
        assert db_file_for(app_paths.cache_dir, old.key).exists()
        secrets.set_password("local", old_acc.identifiant, old_acc.password)
        remember_choice(settings, old.key, "\\Archive", "Classes")
        entry = outbox.enqueue(old.key, sender=("Prof", new_acc.email), to=[("", colleague.email)],
                               subject="Conseil de classe", body="À jeudi.\n")
        draft_id = outbox.save_draft(old.key, {"subject": "brouillon en cours"})

        registry.switch(old, new, secrets, outbox)

        # The list: same place, same label, the other account untouched.
        records = registry.load()
        assert [r.key for r in records] == [new.key, other.key]
        assert records[0].label == "Mon compte du collège"
        # Unsent mail and drafts follow; folder choices follow.
        assert [e.id for e in outbox.entries(new.key)] == [entry.id] and outbox.entries(old.key) == []
        assert [d.id for d in outbox.local_drafts(new.key)] == [draft_id]
        assert choices_from_settings(settings, new.key) == {"\\Archive": "Classes"}
        assert choices_from_settings(settings, old.key) == {}
        # The old cache is gone (every file of it), and the old password with it.
        assert not any(path.exists() for path in registry.cache_files(old))
        assert secrets.get_password("local", old_acc.identifiant) is None

        # The national account: the mailbox read afresh into its own cache, the unsent mail leaves
        # through the national SMTP with the application password.
        national = account_for(national_provider, ssl_context, new_acc.email,
                               password_credential(new_acc.email, new_acc.app_password))
        new_store = Store.for_account(app_paths.cache_dir, new.key)
        try:
            assert new_store.folders() == [], "a new cache file, nothing carried over"
            _read_all(national, new_store)
            subjects = {r[4] for name, *_ in new_store.folders() for r in new_store.page(name)}
            assert subjects == {"nouveau-serveur"}, "nothing of the old server's cache"
            assert new_store.folder_state("INBOX").uidvalidity is not None  # type: ignore[union-attr]
        finally:
            new_store.close()
        assert old_validity["INBOX"] > 0
        sent = outbox.send_step(entry.id, national)
        assert sent.state in ("accepted", "sent")
        inbox = mail_server.maildir(colleague.identifiant) / "new"
        deadline = time.monotonic() + 5
        while not any(inbox.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert b"Conseil de classe" in next(inbox.iterdir()).read_bytes()
        assert ("smtp", "ok") in [(a.service, a.result) for a in mail_server.auth_attempts(new_acc.email)]
        assert all(a.identifiant != old_acc.identifiant or a.service != "smtp"
                   for a in mail_server.auth_attempts())
    finally:
        outbox.close()
        secrets.forget("local", old_acc.identifiant)
