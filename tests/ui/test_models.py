"""The Qt models pass qtmodeltester and stay lazy over a large cache."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt

from acmail_desktop.core.store import MessageFilter, Store
from acmail_desktop.ui.models.folders import FolderTreeModel
from acmail_desktop.ui.models.messages import PAGE_SIZE, MessageTableModel
from acmail_desktop.ui.roles import Roles

pytestmark = pytest.mark.gui

FOLDERS = [
    ("INBOX", "/", "\\HasNoChildren", None, 3, 10),
    ("Envoyés-perso", "/", "", "\\Sent", 0, 4),
    ("Deleted Items", "/", "", None, 0, 2),
    ("Classes/6eB", "/", "", None, 1, 4),
    ("Classes/4eA", "/", "", None, 0, 2),
    ("Projets/2026/Énergies", "/", "", None, 0, 1),
    ("Junk", "/", "\\Junk", "\\Junk", 0, 0),
]


def _rows(n: int, start: int = 1) -> list[tuple]:
    # fetchparse.ROW_FIELDS order
    return [(uid, 1 if uid % 3 else 0, "", 1_700_000_000 + uid, 1000 + uid, f"Sujet {uid}", f"Nom {uid % 50}",
             f"n{uid % 50}@ac-local.fr", "moi@acmail.test", 1_700_000_000 + uid * 60, f"<m{uid}@x>", "", "",
             f"t{uid % 100}", uid % 10 == 0, f"sujet {uid}", f"nom {uid % 50}")
            for uid in range(start, start + n)]


def test_folder_tree_model(qtmodeltester, qapp) -> None:  # type: ignore[no-untyped-def]
    model = FolderTreeModel()
    model.set_folders(FOLDERS)
    qtmodeltester.check(model)
    top = [model.index(r, 0).data() for r in range(model.rowCount())]
    # Special folders first, in French whatever the server calls them, then the others by name.
    assert top[:4] == ["Boîte de réception", "Envoyés", "Indésirables", "Corbeille"]
    assert top[4:] == ["Classes", "Projets"]
    classes = model.index_of("Classes/6eB")
    assert classes.data() == "6eB" and classes.parent().data() == "Classes"
    assert not (classes.parent().flags() & Qt.ItemFlag.ItemIsSelectable)  # not listed by the server
    inbox = model.index_of("INBOX")
    assert inbox.data(Roles.Unread) == 3 and inbox.data(Qt.ItemDataRole.FontRole).bold()
    assert "3 non lus" in inbox.data(Qt.ItemDataRole.AccessibleTextRole)
    assert model.folder_by_use("\\Trash") == "Deleted Items"
    model.update_counts({"INBOX": (0, 10)})
    assert model.index_of("INBOX").data(Roles.Unread) == 0
    qtmodeltester.check(model)


def test_message_model_is_lazy_sorts_and_filters(qtmodeltester, qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with Store(tmp_path / "c.sqlite3") as store:
        store.put_headers("INBOX", _rows(20_000))
        model = MessageTableModel(store)
        started = time.perf_counter()
        model.set_folder("INBOX")
        for row in range(40):  # one screenful
            model.index(row, 4).data()
        opened = time.perf_counter() - started
        assert model.rowCount() == 20_000
        assert model.cached_rows == PAGE_SIZE, "only one page is read to show a screenful"
        assert opened < 1.0, opened
        assert model.index(0, 4).data() == "Sujet 20000"  # newest first
        model.sort(4, Qt.SortOrder.AscendingOrder)
        assert model.index(0, 4).data() == "Sujet 1"
        model.sort(6, Qt.SortOrder.DescendingOrder)
        assert model.index(0, 0).data(Roles.Uid) == 20_000
        model.set_filter(MessageFilter(text="Sujet 19999"))
        assert model.rowCount() == 1
        model.set_filter(MessageFilter(unread_only=True))
        assert model.rowCount() == len([u for u in range(1, 20_001) if u % 3 == 0])
        model.set_filter(MessageFilter())
        model.index(19_999, 4).data()
        assert model.cached_rows <= 8 * PAGE_SIZE
        assert model.row_of(20_000) == 0
        model.set_uid_restriction([5, 7, 9])
        assert model.rowCount() == 3
        qtmodeltester.check(model)
        model.set_uid_restriction(None)
        # qtmodeltester walks every cell: keep it to a folder of a few pages
        store.put_headers("Petit", _rows(450))
        model.set_folder("Petit")
        qtmodeltester.check(model)
        assert model.mimeData([model.index(0, 0)]).hasFormat("application/x-acmail-messages")
        # Conversation view: each thread's messages together, oldest first inside, newest thread first.
        model.set_conversations(True)
        keys = [model.index(r, 0).data(Roles.ThreadKey) for r in range(model.rowCount())]
        assert model.rowCount() == 450
        groups = [k for i, k in enumerate(keys) if i == 0 or keys[i - 1] != k]
        assert len(groups) == len(set(keys)) == 100, "every thread is contiguous"
        assert keys[0] == "t50"  # uid 450 is the newest message
        assert model.index(0, 4).data().endswith("(5)") and "\u21b3" in model.index(1, 4).data()
        assert model.row_of(450) == 4 and model.index(4, 0).data(Roles.Uid) == 450
        qtmodeltester.check(model)


def test_update_appends_without_reset_and_resets_otherwise(qtmodeltester, qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Sync batches of older messages are row insertions (no repaint of the visible rows)."""
    with Store(tmp_path / "c.sqlite3") as store:
        store.put_headers("INBOX", _rows(50, start=1000))
        model = MessageTableModel(store)
        model.set_folder("INBOX")
        model.index(0, 4).data()
        resets: list[int] = []
        inserted: list[tuple[int, int]] = []
        model.modelReset.connect(lambda: resets.append(1))
        model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
        store.put_headers("INBOX", _rows(500, start=1))  # older: they go after the first 50
        model.update()
        assert inserted == [(50, 549)] and not resets
        assert model.rowCount() == 550 and model.index(549, 0).data(Roles.Uid) == 1
        store.put_headers("INBOX", _rows(300, start=501))  # older than the first 50, newer than the rest
        model.update()
        assert inserted[-1] == (50, 349) and not resets
        assert [model.index(r, 0).data(Roles.Uid) for r in (49, 50, 349, 350, 849)] == [1000, 800, 501, 500, 1]
        store.put_headers("INBOX", _rows(1, start=5000))  # newer: at the top, everything shifts
        model.update()
        assert resets and model.index(0, 0).data(Roles.Uid) == 5000
        store.change_flags("INBOX", [5000], add=4)
        resets.clear()
        model.update()
        assert resets and model.index(0, 0).data(Roles.Flagged)
        qtmodeltester.check(model)
