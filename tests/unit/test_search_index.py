"""The cache's body-text index and the local search over it (no server needed)."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from acmail_desktop.core import rows as fp
from acmail_desktop.core.bodytext import searchable_text
from acmail_desktop.core.imap.session import FolderInfo
from acmail_desktop.core.search import SearchQuery, merge_hits, refresh_hits, search_local, server_criteria
from acmail_desktop.core.store import Store


def _row(uid: int, subject: str, sender: str = "Anne Martin", addr: str = "anne@ac-local.fr",
         when: int = 1_790_000_000) -> tuple[object, ...]:
    return (uid, 0, "", when, 100, subject, sender, addr, "moi@acmail.test", when, f"<u{uid}@x>", "", "",
            f"<u{uid}@x>", False, fp.subject_sort_key(subject), fp.sender_sort_key(sender, addr))


HTML_WITH_ATTACHMENT = (
    b"From: a@x\r\nSubject: s\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n"
    b"--B\r\nContent-Type: text/html; charset=iso-8859-1\r\n\r\n<p>Le <b>conseil</b> p\xe9dagogique"
    b"<script>secretscript()</script></p>\r\n"
    b"--B\r\nContent-Type: application/pdf; name=\"=?utf-8?q?proc=C3=A8s-verbal.pdf?=\"\r\n"
    b"Content-Disposition: attachment\r\n\r\nxx\r\n--B--\r\n")


def test_searchable_text_reads_html_without_markup_and_names_attachments() -> None:
    found = searchable_text(HTML_WITH_ATTACHMENT)
    assert "conseil" in found.text and "pédagogique" in found.text
    assert "secretscript" not in found.text and "<b>" not in found.text
    assert found.attachments == "procès-verbal.pdf"
    assert searchable_text(b"\xff\xfe garbage") is not None


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "a.sqlite3")
    s.upsert_folders([FolderInfo("INBOX", "/", ()), FolderInfo("Archive", "/", ("\\Archive",))])
    s.put_headers("INBOX", [_row(1, "Réunion"), _row(2, "Sortie", when=1_800_000_000)])
    yield s
    s.close()


def test_body_words_and_attachment_names_are_found_and_follow_the_row(store: Store) -> None:
    store.put_body("INBOX", 1, HTML_WITH_ATTACHMENT, searchable=searchable_text(HTML_WITH_ATTACHMENT))
    hits = search_local(store, SearchQuery(text="pedagogique"), account="acc1")
    assert [(h.account, h.folder, h.uid) for h in hits] == [("acc1", "INBOX", 1)]
    assert search_local(store, SearchQuery(attachment="proces verbal"))[0].uid == 1
    assert search_local(store, SearchQuery(attachment="conseil")) == []
    store.move_rows("INBOX", "Archive", {1: 7})
    assert [(h.folder, h.uid) for h in refresh_hits(store, hits)] == [("Archive", 7)]
    assert [(h.folder, h.uid) for h in search_local(store, SearchQuery(body="conseil"))] == [("Archive", 7)]
    store.remove_uids("Archive", [7])
    assert refresh_hits(store, hits) == []
    assert search_local(store, SearchQuery(text="pedagogique")) == []  # no ghost left in the index
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("SELECT count(*) FROM body_text").fetchone()[0] == 0


def test_a_replaced_body_replaces_its_words(store: Store) -> None:
    for raw in (b"Subject: x\r\n\r\nancien texte\r\n", b"Subject: x\r\n\r\nnouveau texte\r\n"):
        store.put_body("INBOX", 2, raw, searchable=searchable_text(raw))
    assert search_local(store, SearchQuery(body="ancien")) == []
    assert [h.uid for h in search_local(store, SearchQuery(body="nouveau"))] == [2]


def test_fields_dates_and_order(store: Store) -> None:
    assert [h.uid for h in search_local(store, SearchQuery(sender="anne"))] == [2, 1]  # newest first
    assert [h.uid for h in search_local(store, SearchQuery(since=date(2027, 1, 1)))] == [2]
    assert [h.uid for h in search_local(store, SearchQuery(before=date(2027, 1, 1)))] == [1]
    assert search_local(store, SearchQuery()) == []
    assert search_local(store, SearchQuery(text='"OR NEAR( *')) == []  # no FTS5 syntax injection
    assert [h.uid for h in merge_hits(search_local(store, SearchQuery(sender="anne")),
                                      search_local(store, SearchQuery(subject="sortie")))] == [2, 1]


def test_server_criteria_one_key_per_word() -> None:
    criteria = server_criteria(SearchQuery(sender="anne martin", attachment="pv.pdf", since=date(2026, 9, 1),
                                           unread_only=True))
    assert criteria == [("FROM", "anne"), ("FROM", "martin"), ("TEXT", "pv.pdf"),
                        ("SENTSINCE", date(2026, 9, 1)), ("UNSEEN", None)]


def test_a_cache_from_before_the_index_opens_unchanged_and_catches_up(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with Store(path) as old:
        old.upsert_folders([FolderInfo("INBOX", "/", ())])
        old.put_headers("INBOX", [_row(1, "Réunion")])
        old.put_body("INBOX", 1, b"Subject: x\r\n\r\nconvocation inspection\r\n",
                     searchable=searchable_text(b"Subject: x\r\n\r\nconvocation inspection\r\n"))
    conn = sqlite3.connect(path)  # what an AcMail from before the body index left on disk
    conn.executescript("DROP TABLE body_fts; DROP TABLE body_text;")
    conn.close()
    with Store(path) as store:
        assert not store.rebuilt
        assert store.body("INBOX", 1) is not None  # nothing downloaded again
        assert search_local(store, SearchQuery(body="convocation")) == []
        assert store.index_unindexed_bodies(searchable_text) == 1
        assert store.index_unindexed_bodies(searchable_text) == 0
        assert [h.uid for h in search_local(store, SearchQuery(body="convocation"))] == [1]
