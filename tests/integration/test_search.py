"""Search across folders against the real Dovecot: local index first, the server's SEARCH next."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from acmail_desktop.core import errors
from acmail_desktop.core.imap.sync import FolderSync
from acmail_desktop.core.search import SearchQuery, refresh_hits, search_local, search_server
from acmail_desktop.core.store import Store
from tests.support.accounts import account_of

pytestmark = pytest.mark.integration

SUBFOLDER = "Inspection/Convocations"


def _plain(n: int, subject: str, body: str, day: int = 2) -> bytes:
    return (f"From: Inspection <ien.secteur@ac-local.fr>\r\nTo: prof@acmail.test\r\n"
            f"Subject: {subject}\r\nDate: Mon, {day} Nov 2026 08:00:00 +0100\r\n"
            f"Message-ID: <search{n}@ac-local.fr>\r\nContent-Type: text/plain; charset=utf-8\r\n"
            f"Content-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n").encode()


def _with_attachment(n: int, filename: str, day: int = 3) -> bytes:
    return (f"From: Secretariat <secretariat@ac-local.fr>\r\nTo: prof@acmail.test\r\n"
            f"Subject: Documents\r\nDate: Tue, {day} Nov 2026 09:00:00 +0100\r\n"
            f"Message-ID: <search{n}@ac-local.fr>\r\nMIME-Version: 1.0\r\n"
            f'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n'
            f"--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nCi-joint.\r\n"
            f"--b1\r\nContent-Type: application/pdf\r\n"
            f'Content-Disposition: attachment; filename="{filename}"\r\n'
            f"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b1--\r\n").encode()


@pytest.fixture
def second_account(mail_server, local_provider, ssl_context, make_account, tmp_path):  # type: ignore[no-untyped-def]
    """The second account of a two-account profile, its subfolder holding the wanted messages."""
    make_account("first")  # the other mailbox exists beside it; nothing of it must be found
    acc = make_account("second")
    mail_server.deliver(acc.identifiant, _plain(1, "Réunion", "Ordre du jour sans intérêt"))
    mail_server.deliver(acc.identifiant, _plain(2, "Visite", "Votre convocation pour l'inspection "
                                                "du jeudi, salle polyvalente"), folder=SUBFOLDER)
    mail_server.deliver(acc.identifiant, _plain(3, "Rappel", "Le barème de notation révisé",
                                                day=20), folder=SUBFOLDER)
    mail_server.deliver(acc.identifiant, _with_attachment(4, "grille_evaluation_2026.pdf"),
                        folder=SUBFOLDER)
    session = account_of(local_provider, ssl_context, acc).open_imap()
    store = Store(tmp_path / "second.sqlite3")
    engine = FolderSync(session, store, use_helpers=False)
    engine.start()
    engine.sync_folders()
    for folder in ("INBOX", SUBFOLDER):
        engine.sync(folder)
    try:
        yield acc, session, store, engine
    finally:
        store.close()
        session.logout()


def _uid(store: Store, subject: str) -> int:
    (hit,) = search_local(store, SearchQuery(subject=subject))
    return hit.uid


def _subjects(hits) -> set[str]:  # type: ignore[no-untyped-def]
    return {h.subject for h in hits}


def test_body_word_found_in_a_subfolder_cached_then_not_cached(second_account) -> None:  # type: ignore[no-untyped-def]
    acc, session, store, engine = second_account
    query = SearchQuery(text="polyvalente")
    # Body not cached: the local index cannot know it, the server's SEARCH finds it.
    assert search_local(store, query, account=acc.identifiant) == []
    outcome = search_server(session, store, query, ["INBOX", SUBFOLDER], account=acc.identifiant)
    assert [(h.folder, h.subject, h.source) for h in outcome.hits] == [(SUBFOLDER, "Visite", "server")]
    assert not outcome.offline
    # Once the body was read (cached), the local index finds it, accents folded, by prefix.
    engine.fetch_body(SUBFOLDER, outcome.hits[0].uid)
    local = search_local(store, SearchQuery(body="POLYVAL"), account=acc.identifiant)
    assert [(h.folder, h.subject, h.account) for h in local] == [(SUBFOLDER, "Visite", acc.identifiant)]
    assert _subjects(search_local(store, SearchQuery(text="bareme"))) == set()  # not cached yet
    engine.fetch_body(SUBFOLDER, _uid(store, "Rappel"))
    assert _subjects(search_local(store, SearchQuery(text="bareme notation"))) == {"Rappel"}
    # The server stage does not repeat what the local stage found.
    again = search_server(session, store, SearchQuery(body="polyvalente"), [SUBFOLDER], known=local)
    assert again.hits == []


def test_evicted_body_stays_searchable(second_account) -> None:  # type: ignore[no-untyped-def]
    _acc, _session, store, engine = second_account
    uid = _uid(store, "Visite")
    engine.fetch_body(SUBFOLDER, uid)
    store.body_budget = 0  # the next body evicts every other one
    engine.fetch_body("INBOX", store.uids("INBOX")[0])
    assert store.body(SUBFOLDER, uid) is None
    assert _subjects(search_local(store, SearchQuery(text="polyvalente"))) == {"Visite"}


def test_found_by_attachment_name_locally_and_on_the_server(second_account) -> None:  # type: ignore[no-untyped-def]
    _acc, session, store, engine = second_account
    query = SearchQuery(attachment="grille_evaluation")
    outcome = search_server(session, store, query, ["INBOX", SUBFOLDER])
    assert [(h.folder, h.subject, h.has_attachments) for h in outcome.hits] == [(SUBFOLDER, "Documents", True)]
    engine.fetch_body(SUBFOLDER, outcome.hits[0].uid)
    for local_query in (query, SearchQuery(attachment="evaluation"), SearchQuery(text="grille")):
        assert _subjects(search_local(store, local_query)) == {"Documents"}
    assert search_local(store, SearchQuery(attachment="ordre")) == []  # body words are not file names


def test_date_range_locally_and_on_the_server(second_account) -> None:  # type: ignore[no-untyped-def]
    _acc, session, store, _engine = second_account
    query = SearchQuery(since=date(2026, 11, 3), before=date(2026, 11, 21))
    assert _subjects(search_local(store, query)) == {"Rappel", "Documents"}
    assert _subjects(search_local(store, SearchQuery(sender="inspection", before=date(2026, 11, 3)))) == {
        "Réunion", "Visite"}
    # The server agrees (nothing new to add: the headers are all cached).
    assert search_server(session, store, query, ["INBOX", SUBFOLDER],
                         known=search_local(store, query)).hits == []
    server_only = search_server(session, store, query, ["INBOX", SUBFOLDER])
    assert _subjects(server_only.hits) == {"Rappel", "Documents"}


def test_scope_folders_and_flags(second_account) -> None:  # type: ignore[no-untyped-def]
    _acc, _session, store, engine = second_account
    query = SearchQuery(sender="ien.secteur")
    assert _subjects(search_local(store, query)) == {"Réunion", "Visite", "Rappel"}
    assert _subjects(search_local(store, query, folders=["INBOX"])) == {"Réunion"}
    uid = _uid(store, "Rappel")
    engine.set_flagged(SUBFOLDER, [uid])
    assert _subjects(search_local(store, SearchQuery(flagged_only=True))) == {"Rappel"}
    engine.mark_seen(SUBFOLDER, [uid])
    assert "Rappel" not in _subjects(search_local(store, SearchQuery(sender="ien", unread_only=True)))


def test_results_follow_a_move_and_a_delete(second_account) -> None:  # type: ignore[no-untyped-def]
    _acc, session, store, engine = second_account
    hits = search_local(store, SearchQuery(sender="inspection"))
    visite = next(h for h in hits if h.subject == "Visite")
    engine.move(SUBFOLDER, [visite.uid], "Archive")
    moved = {h.subject: h for h in refresh_hits(store, hits)}
    assert moved["Visite"].folder == "Archive"
    # The new place is the real one: the server has it there.
    session.select("Archive", readonly=True)
    assert moved["Visite"].uid in session.search_uids()
    engine.delete("INBOX", [moved["Réunion"].uid])  # to the Trash: the result follows it there
    trashed = {h.subject: h for h in refresh_hits(store, hits)}
    assert trashed["Réunion"].folder == "Trash"
    engine.delete("Trash", [trashed["Réunion"].uid])  # inside the Trash: gone for good
    assert "Réunion" not in _subjects(refresh_hits(store, hits))
    assert _subjects(search_local(store, SearchQuery(sender="inspection"))) == {"Visite", "Rappel"}


def test_offline_search_is_local_and_says_so(second_account) -> None:  # type: ignore[no-untyped-def]
    _acc, session, store, _engine = second_account
    local = search_local(store, SearchQuery(subject="visite"))
    assert _subjects(local) == {"Visite"}
    session.abort()  # the network is gone
    outcome = search_server(session, store, SearchQuery(subject="visite"), ["INBOX", SUBFOLDER], known=local)
    assert outcome.offline and outcome.hits == [] and outcome.failed_folders == ["INBOX"]


def test_hostile_text_never_reaches_the_server_as_a_command(second_account) -> None:  # type: ignore[no-untyped-def]
    _acc, session, store, _engine = second_account
    with pytest.raises(errors.ProtocolError):
        search_server(session, store, SearchQuery(text="a\x00b"), ["INBOX"])
    # line breaks only separate words: no second command reaches the server
    assert search_server(session, store, SearchQuery(text="a\r\nA1 LOGOUT"), ["INBOX"]).hits == []
    assert session.search_uids() != []  # still logged in
    # quotes and backslashes are searched for, literally
    assert search_server(session, store, SearchQuery(text='"\\'), ["INBOX"]).hits == []
    assert Path(store.path).exists()


def test_non_ascii_words_on_the_server_and_locally(second_account) -> None:  # type: ignore[no-untyped-def]
    _acc, session, store, engine = second_account
    query = SearchQuery(text="intérêt")
    outcome = search_server(session, store, query, ["INBOX", SUBFOLDER])
    assert _subjects(outcome.hits) == {"Réunion"}
    engine.fetch_body("INBOX", outcome.hits[0].uid)
    assert _subjects(search_local(store, SearchQuery(text="interet"))) == {"Réunion"}
    assert _subjects(search_local(store, SearchQuery(subject="réunion"))) == {"Réunion"}
