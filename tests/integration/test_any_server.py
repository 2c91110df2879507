"""AcMail against several IMAP server personalities (issue 24): what is changed on the server is
checked from a second connection, never from AcMail's own cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from imapclient import IMAPClient

from acmail_desktop.core.account import Account, AccountIdentity
from acmail_desktop.core.imap import fetchparse as fp
from acmail_desktop.core.imap.sync import FolderSync
from acmail_desktop.core.otp import password_credential
from acmail_desktop.core.outbox import save_draft_to_server
from acmail_desktop.core.store import Store

pytestmark = pytest.mark.integration


def _account(personality, acc) -> Account:  # type: ignore[no-untyped-def]
    return Account(AccountIdentity(personality.provider, acc.identifiant),
                   password_credential(acc.identifiant, acc.password), personality.ssl_context, timeout=15,
                   email=acc.email)


def _second_connection(personality, acc) -> IMAPClient:  # type: ignore[no-untyped-def]
    """What another client (webmail, phone) sees: the server's truth."""
    server = personality.server
    client = IMAPClient(server.host, port=server.imaps_port, ssl=True, ssl_context=personality.ssl_context)
    client.login(acc.identifiant, acc.password)
    return client


def _server_flags(client: IMAPClient, folder: str) -> dict[int, tuple[int, str]]:
    client.select_folder(folder, readonly=True)
    uids = client.search(["ALL"])
    rows = client.fetch(uids, ["FLAGS"]) if uids else {}
    return {uid: fp.flags_bits(tuple(row[b"FLAGS"])) for uid, row in rows.items()}


def _msg(n: int, subject: str = "Conseil de classe") -> bytes:
    return (f"From: =?utf-8?q?H=C3=A9l=C3=A8ne_Giraud?= <helene.giraud@ac-local.fr>\r\n"
            f"To: prof@acmail.test\r\nSubject: {subject} {n}\r\n"
            f"Date: Mon, 2 Nov 2026 08:{n % 60:02d}:00 +0100\r\nMessage-ID: <any{n}@ac-local.fr>\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\nCorps {n}\r\n").encode()


def _draft(n: int) -> bytes:
    return (f"From: prof@acmail.test\r\nTo: parent@acmail.test\r\nSubject: Brouillon v{n}\r\n"
            f"Message-ID: <draft{n}@acmail.test>\r\n\r\nversion {n}\r\n").encode()


def test_flag_change_after_two_draft_saves_reaches_the_server(personality, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The compose window saves the draft every minute on the main session; the selection it
    leaves behind must not turn the next flag changes into ignored (or refused) STOREs."""
    acc = personality.add_account()
    for n in range(3):
        personality.server.deliver(acc.identifiant, _msg(n))
    session = _account(personality, acc).open_imap()
    other = _second_connection(personality, acc)
    try:
        with Store(tmp_path / "c.sqlite3") as store:
            sync = FolderSync(session, store)
            sync.sync_folders()
            sync.sync("INBOX")
            uids = store.uids("INBOX")
            assert save_draft_to_server(session, _draft(1), "<draft1@acmail.test>", None)
            assert save_draft_to_server(session, _draft(2), "<draft2@acmail.test>", "<draft1@acmail.test>")
            sync.set_flagged("INBOX", [uids[0]])
            sync.mark_seen("INBOX", uids[1:])
            seen_by_other = _server_flags(other, "INBOX")
            assert seen_by_other[uids[0]][0] & fp.FLAGGED, "the flag never reached the server"
            assert all(seen_by_other[uid][0] & fp.SEEN for uid in uids[1:])
            assert store.flags_of("INBOX") == seen_by_other
            # A third save, then a move: it too goes out on a read-write selection.
            assert save_draft_to_server(session, _draft(3), "<draft3@acmail.test>", "<draft2@acmail.test>")
            sync.set_flagged("INBOX", [uids[0]], False)
            assert not _server_flags(other, "INBOX")[uids[0]][0] & fp.FLAGGED
    finally:
        other.logout()
        session.logout()


def test_a_store_the_server_ignores_is_an_error_and_the_cache_follows_the_server(
        personality, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Dovecot answers a STORE on an EXAMINEd mailbox with a tagged OK "Store ignored": that is a
    failure, and the cache is corrected from the server instead of showing the flag."""
    from acmail_desktop.core import errors

    acc = personality.add_account()
    personality.server.deliver(acc.identifiant, _msg(1))
    session = _account(personality, acc).open_imap()
    try:
        with Store(tmp_path / "c.sqlite3") as store:
            sync = FolderSync(session, store)
            sync.sync_folders()
            sync.sync("INBOX")
            uid = store.uids("INBOX")[0]
            session.select("INBOX", readonly=True)
            assert not session.selected_writable
            with pytest.raises(errors.ChangeNotApplied):
                session.add_flags([uid], ["\\Flagged"])  # refused before it is sent
            session.selected_writable = True  # as if the session had missed the EXAMINE
            with pytest.raises(errors.ChangeNotApplied):
                session.add_flags([uid], ["\\Flagged"])  # sent; the server's OK says "ignored"
            assert not session.selected_writable
            store.change_flags("INBOX", [uid], add=fp.FLAGGED)  # a cache ahead of the server...
            session.select("INBOX", readonly=True)
            session.selected_writable = True
            with pytest.raises(errors.ChangeNotApplied):
                sync.set_flagged("INBOX", [uid], False)
            assert store.flags_of("INBOX")[uid][0] & fp.FLAGGED == 0  # ...corrected from the server
            sync.set_flagged("INBOX", [uid])  # and the next change selects read-write by itself
            other = _second_connection(personality, acc)
            assert _server_flags(other, "INBOX")[uid][0] & fp.FLAGGED
            other.logout()
    finally:
        session.logout()
