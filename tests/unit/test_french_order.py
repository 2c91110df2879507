"""French order (#19): "Élodie" before "Sophie" in the list sorted by sender or subject, served by
the sort indexes; folders (tree and *Déplacer vers*) in the French order of the names shown."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from acmail_desktop.core.collation import _general_key, french_sort_key
from acmail_desktop.core.imap import fetchparse as fp
from acmail_desktop.core.store import PAGE_COLUMNS, SCHEMA_VERSION, Store

FROM = PAGE_COLUMNS.index("from_name")
SUBJECT = PAGE_COLUMNS.index("subject")
SENDERS = ["Sophie Lambert", "Élodie Marchand", "zoé Bernard", "Émile Zola", "Nathalie Œhler",
           "Anaïs Rousseau", "Océane Petit", "Ophélie Martin", "édouard Roux"]


def _header(uid: int, name: str, subject: str) -> tuple[object, ...]:
    block = (f"From: {name} <u{uid}@ac-local.fr>\r\nSubject: {subject}\r\n"
             "Date: Mon, 1 Dec 2025 10:00:00 +0100\r\n\r\n").encode()
    return fp.row_from_items(uid, (b"\\Seen",), None, 100, block)


def test_the_key_orders_like_a_french_dictionary() -> None:
    words = ["Sophie", "Élodie", "élodie", "Elodie", "cote", "côte", "coté", "Œuvre", "ode", "Zoé", "zebre",
             "Ça va", "cab"]
    # Spaces count, as in ICU's French order (alternate = non-ignorable): "Ça va" before "cab".
    assert sorted(words, key=french_sort_key) == [
        "Ça va", "cab", "cote", "coté", "côte", "Elodie", "Élodie", "élodie", "ode", "Œuvre", "Sophie", "zebre",
        "Zoé"]


def test_sender_and_subject_sorts_follow_french_order_from_real_headers(tmp_path: Path) -> None:
    with Store(tmp_path / "c.sqlite3") as store:
        store.put_headers("INBOX", [_header(uid, name, f"Re: {name.split()[0]} et le conseil")
                                    for uid, name in enumerate(SENDERS, 1)])
        by_sender = [row[FROM] for row in store.page("INBOX", "from", False, 0, 100)]
        assert by_sender == ["Anaïs Rousseau", "édouard Roux", "Élodie Marchand", "Émile Zola", "Nathalie Œhler",
                             "Océane Petit", "Ophélie Martin", "Sophie Lambert", "zoé Bernard"]
        by_subject = [row[SUBJECT].split()[1] for row in store.page("INBOX", "subject", False, 0, 100)]
        assert by_subject == [name.split()[0] for name in by_sender]
        assert store.row_of("INBOX", 2, "from", False) == 2  # Élodie, third
        plan = " ".join(str(r) for r in store.conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM messages WHERE folder_id=1 ORDER BY from_sort, uid"))
        assert "messages_from" in plan and "TEMP B-TREE" not in plan


def test_a_cache_of_the_previous_version_gets_french_keys_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with Store(path) as store:
        store.put_headers("INBOX", [_header(uid, name, name) for uid, name in enumerate(SENDERS, 1)])
    conn = sqlite3.connect(path)  # as version 3 wrote it: keys compared byte by byte
    conn.execute("UPDATE messages SET from_sort = lower(from_name), subject_sort = lower(subject)")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert not store.rebuilt and store.count("INBOX") == len(SENDERS), "no download again"
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        names = [row[FROM] for row in store.page("INBOX", "from", False, 0, 100)]
        assert names.index("Élodie Marchand") < names.index("Sophie Lambert")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_the_ascii_shortcut_gives_the_general_key(text: str) -> None:
    """The fast path for ASCII names and subjects (most of a sync) must not change the order."""
    assert french_sort_key(text) == _general_key(text)
