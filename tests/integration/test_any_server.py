"""AcMail against several IMAP server personalities (issue 24): what is changed on the server is
checked from a second connection, never from AcMail's own cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from imapclient import IMAPClient

from acmail_desktop.core.imap import fetchparse as fp
from acmail_desktop.core.imap.sync import FolderSync
from acmail_desktop.core.outbox import save_draft_to_server
from acmail_desktop.core.store import Store
from tests.support.accounts import account_of

pytestmark = pytest.mark.integration


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
    session = account_of(personality.provider, personality.ssl_context, acc).open_imap()
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
    session = account_of(personality.provider, personality.ssl_context, acc).open_imap()
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


# What each personality's special folders are called on the server (none of them marked by an
# attribute except on "dovecot").
EXPECTED_SPECIAL = {
    "dovecot": {"\\Trash": "Trash", "\\Sent": "Sent", "\\Drafts": "Drafts", "\\Archive": "Archive"},
    "courier": {"\\Trash": "INBOX.Trash", "\\Sent": "INBOX.Sent", "\\Drafts": "INBOX.Drafts"},
    "oracle": {"\\Trash": "Corbeille", "\\Sent": "Éléments envoyés", "\\Drafts": "Brouillons"},
    "cyrus": {"\\Trash": "INBOX.Trash", "\\Sent": "INBOX.Sent", "\\Drafts": "INBOX.Drafts"},
}


def test_special_folders_and_delete_to_that_trash_then_undo(personality, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Delete moves to the Trash the tree shows, whether the server marks it or only names it
    (INBOX.Trash, Corbeille), and the undo brings the message back; the server says so."""
    acc = personality.add_account()
    for n in range(3):
        personality.server.deliver(acc.identifiant, _msg(n))
    session = account_of(personality.provider, personality.ssl_context, acc).open_imap()
    other = _second_connection(personality, acc)
    try:
        with Store(tmp_path / "c.sqlite3") as store:
            sync = FolderSync(session, store)
            sync.sync_folders()
            for use, name in EXPECTED_SPECIAL[personality.name].items():
                assert store.folder_by_use(use) == name, use
            assert store.folder_by_use("\\Inbox") == "INBOX"
            assert store.namespace().prefix == personality.server.prefix
            trash = EXPECTED_SPECIAL[personality.name]["\\Trash"]
            sync.sync("INBOX")
            uids = store.uids("INBOX")
            mapping = sync.delete("INBOX", [uids[0]])
            assert set(mapping) == {uids[0]}, "moved with COPYUID, so it can be undone"
            assert sorted(_server_flags(other, "INBOX")) == uids[1:]
            assert sorted(_server_flags(other, trash)) == [mapping[uids[0]]]
            record = sync.undo_last()
            assert record is not None and record.kind == "delete" and record.dest == trash
            assert len(_server_flags(other, "INBOX")) == 3 and _server_flags(other, trash) == {}
            result = sync.sync("INBOX")
            assert result.new == 0, "the message brought back is not announced as new mail"
            assert store.count("INBOX") == 3 and store.count(trash) == 0
    finally:
        other.logout()
        session.logout()


@pytest.mark.parametrize("personality", ["bare"], indirect=True)
def test_without_any_trash_nothing_is_erased_without_a_yes(personality, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from acmail_desktop.core import errors

    acc = personality.add_account()
    personality.server.deliver(acc.identifiant, _msg(1))
    session = account_of(personality.provider, personality.ssl_context, acc).open_imap()
    other = _second_connection(personality, acc)
    try:
        with Store(tmp_path / "c.sqlite3") as store:
            sync = FolderSync(session, store)
            sync.sync_folders()
            assert store.folder_by_use("\\Trash") is None
            sync.sync("INBOX")
            uid = store.uids("INBOX")[0]
            with pytest.raises(errors.NoTrashFolder):
                sync.delete("INBOX", [uid])
            assert list(_server_flags(other, "INBOX")) == [uid] and store.uids("INBOX") == [uid]
            assert sync.delete("INBOX", [uid], permanently=True) == {}
            assert _server_flags(other, "INBOX") == {} and store.uids("INBOX") == []
            assert sync.undo_last() is None, "an erased message is never offered to undo"
    finally:
        other.logout()
        session.logout()


def test_sync_flags_move_and_a_new_top_level_folder(personality, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The everyday operations on each personality (no CONDSTORE / MOVE on Courier: the fallback
    resync and COPY + UID EXPUNGE), and a folder created at the top level goes under the personal
    prefix with the server's separator."""
    acc = personality.add_account()
    for n in range(12):
        personality.server.deliver(acc.identifiant, _msg(n), seen=n % 2 == 0)
    session = account_of(personality.provider, personality.ssl_context, acc).open_imap()
    other = _second_connection(personality, acc)
    try:
        with Store(tmp_path / "c.sqlite3") as store:
            sync = FolderSync(session, store)
            sync.sync_folders()
            result = sync.sync("INBOX")
            assert result.mode == "full" and store.count("INBOX") == 12
            namespace = store.namespace()
            new_folder = namespace.child(None, "Projets 2026")
            assert new_folder == personality.server.prefix + "Projets 2026"
            session.create_folder(new_folder)
            child = namespace.child(new_folder, "Sorties")
            session.create_folder(child)
            listed = {name for _, _, name in other.list_folders()}
            assert {new_folder, child} <= listed
            sync.sync_folders()
            uids = store.uids("INBOX")
            sync.set_flagged("INBOX", uids[:3])
            sync.mark_seen("INBOX", uids[1:4], False)
            mapping = sync.move("INBOX", uids[-2:], child)
            assert set(mapping) == set(uids[-2:])
            server = _server_flags(other, "INBOX")
            assert store.flags_of("INBOX") == server and len(server) == 10
            assert sorted(_server_flags(other, child)) == sorted(mapping.values())
            # Another client changes flags and expunges: the resync follows, whatever the path.
            other.select_folder("INBOX")
            other.add_flags([uids[5]], [b"\\Flagged"])
            other.delete_messages([uids[6]])
            other.expunge()
            result = sync.sync("INBOX")
            assert result.mode in ("qresync", "condstore", "fallback")
            assert result.mode == {"courier": "fallback", "oracle": "condstore"}.get(personality.name, result.mode)
            assert store.flags_of("INBOX") == _server_flags(other, "INBOX")
    finally:
        other.logout()
        session.logout()


def test_sent_copy_made_without_appending_to_a_mailbox_selected_read_only(personality, tmp_path: Path,
                                                                          app_paths) -> None:  # type: ignore[no-untyped-def]
    """The Sent copy lands in the personality's Sent folder, once; on the wire, no APPEND goes to
    the mailbox the session has selected read-only (Courier refuses it: "Current box is selected
    READ-ONLY", and the copy was never made)."""
    from acmail_desktop.core.outbox import ACCEPTED, SENT_COPY_DONE, Outbox

    acc = personality.add_account()
    rcpt = personality.add_account("rcpt")
    account = account_of(personality.provider, personality.ssl_context, acc)
    outbox = Outbox(app_paths.data_dir)
    entry = outbox.enqueue(account.identity.key, sender=("Prof", acc.email), to=[("", rcpt.email)], cc=[],
                           bcc=[], subject="Sortie au musée", body="Bonjour,\n")
    if personality.name == "cyrus":
        outbox._set(entry.id, ACCEPTED)  # no SMTP beside the real Cyrus: the submission is not the point
    else:
        outbox.send_step(entry.id, account)
    session = account.open_imap()
    try:
        sent = session.special_folders()
        sent_name = next(name for name, use in sent.items() if use == "\\Sent")
        assert sent_name == EXPECTED_SPECIAL[personality.name]["\\Sent"]
        session.select(sent_name, readonly=True)  # as the main window may have left it
        assert outbox.sent_copy_step(entry.id, session).state == SENT_COPY_DONE
        assert session.selected == sent_name and not session.selected_writable, "selection restored"
        outbox._set(entry.id, ACCEPTED)
        outbox.sent_copy_step(entry.id, session)  # again (a restart): never a second copy
    finally:
        session.logout()
    other = _second_connection(personality, acc)
    try:
        other.select_folder(sent_name, readonly=True)
        assert len(other.search(["HEADER", "Message-ID", entry.message_id])) == 1
    finally:
        other.logout()
    if personality.name != "dovecot":  # the rawlog of what AcMail sent
        for commands in personality.server.client_commands(acc.identifiant):
            examined = None
            for command in commands:
                verb, _, rest = command.partition(" ")
                if verb.upper() in ("SELECT", "EXAMINE"):
                    examined = rest if verb.upper() == "EXAMINE" else None
                elif verb.upper() == "APPEND":
                    assert examined is None or not rest.startswith(examined), \
                        f"APPEND to the mailbox selected read-only: {command}"


OBSOLETE_HEADERS = [
    # RFC 5322 4.5: spaces or a tab between the field name and its colon, a two-digit year and a
    # named zone, a value that starts on the continuation line, a phrase with a dot.
    b"Return-Path: <jean.dupont@ac-local.fr>\r\nFrom  : \"Jean Q. Dupont\" <jean.dupont@ac-local.fr>\r\n"
    b"To : parent@acmail.test\r\nSubject     : =?utf-8?q?R=C3=A9union?= de rentr\xc3\xa9e\r\n"
    b"Date\t: Mon, 2 Nov 26 08:15 EST\r\nMessage-ID  : <obs1@ac-local.fr>\r\n"
    b"In-Reply-To : <prev@ac-local.fr>\r\nReferences :\r\n <a@ac-local.fr> <prev@ac-local.fr>\r\n\r\ncorps\r\n",
    b"From: Jean Q. Dupont <jean.dupont@ac-local.fr>\r\nSubject:\r\n\tConseil de classe\r\n"
    b"Date: 3 Nov 2026 10:00:00 GMT\r\nMessage-ID: <obs2@ac-local.fr>\r\n\r\ncorps\r\n",
]


def test_obsolete_header_syntax_is_read_as_the_server_envelope_reads_it(personality, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from email.utils import parsedate_to_datetime

    from acmail_desktop.core.render import render

    if personality.name == "cyrus":
        pytest.skip("Cyrus refuses such messages at APPEND ('Message contains invalid header'): "
                    "they never reach a Cyrus mailbox")
    acc = personality.add_account()
    for raw in OBSOLETE_HEADERS:
        personality.server.deliver(acc.identifiant, raw)
    session = account_of(personality.provider, personality.ssl_context, acc).open_imap()
    other = _second_connection(personality, acc)
    try:
        other.select_folder("INBOX", readonly=True)
        envelopes = {uid: row[b"ENVELOPE"] for uid, row in other.fetch(other.search(["ALL"]),
                                                                      ["ENVELOPE", "BODY.PEEK[]"]).items()}
        with Store(tmp_path / "c.sqlite3") as store:
            sync = FolderSync(session, store)
            sync.sync_folders()
            sync.sync("INBOX")
            for uid, envelope in envelopes.items():
                row = store.message("INBOX", uid)
                assert row is not None
                subject = fp.decode_words(envelope.subject.decode("utf-8"))  # the field the server read
                assert row["subject"] == subject and subject, (row["subject"], subject)
                sender = envelope.from_[0]
                assert row["from_addr"] == f"{sender.mailbox.decode()}@{sender.host.decode()}"
                assert row["from_name"] == sender.name.decode()
                assert row["message_id"] == envelope.message_id.decode()
                assert row["in_reply_to"] == (envelope.in_reply_to or b"").decode()
                raw_date = next(line.split(b":", 1)[1] for line in OBSOLETE_HEADERS[uid - 1].split(b"\r\n")
                                if line.lower().startswith(b"date"))
                assert row["date"] == int(parsedate_to_datetime(raw_date.decode().strip()).timestamp())
                shown = render(sync.fetch_body("INBOX", uid) or b"")
                assert shown.subject == subject, "the reader shows what the list shows"
                assert "Subject" not in shown.text and "Message-ID" not in shown.text
    finally:
        other.logout()
        session.logout()
