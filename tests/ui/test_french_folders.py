"""Folders in the French order of the names shown, in the tree and in *Déplacer vers* (#19)."""

from __future__ import annotations

import pytest

from acmail_desktop.ui.models.folders import FolderTreeModel

pytestmark = pytest.mark.gui


def test_folders_follow_the_french_order_of_their_names(qapp) -> None:  # type: ignore[no-untyped-def]
    model = FolderTreeModel()
    model.set_folders([(name, "/", "", special, 0, 0) for name, special in (
        ("Zèbre", None), ("Élèves", None), ("INBOX", None), ("Administration", None), ("Trash", "\\Trash"),
        ("Classes/6eB", None), ("Classes/4eA", None), ("Écoles", None), ("ecole-ouverte", None))])
    names = model.names()
    assert names[0] == "INBOX" and names[1] == "Trash"  # special folders first, in their fixed order
    assert names[2:] == ["Administration", "Classes/4eA", "Classes/6eB", "ecole-ouverte", "Écoles", "Élèves",
                         "Zèbre"]
    top = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert top.index("Écoles") < top.index("Élèves") < top.index("Zèbre")
