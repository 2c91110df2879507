"""The folder pane of several accounts: a header per account (hidden with one), folding, counts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeView

from acmail_desktop.ui.account_pane import AccountsPane


def test_headers_appear_with_a_second_account_and_fold_its_tree(qtbot) -> None:  # type: ignore[no-untyped-def]
    pane = AccountsPane()
    qtbot.addWidget(pane)
    first, second = QTreeView(), QTreeView()
    pane.add_account("local:moi", "francois.durand@ac-aix-marseille.fr", first)
    pane.show()
    qtbot.waitExposed(pane)
    assert not pane.sections["local:moi"].header.isVisible()  # one account: the pane as before
    pane.add_account("local:ce", "Collège Jean Moulin", second)
    header = pane.sections["local:ce"].header
    assert header.isVisible() and pane.sections["local:moi"].header.isVisible()
    pane.set_unread("local:ce", 3)
    assert header.text() == "Collège Jean Moulin (3)"
    assert header.accessibleName() == "Collège Jean Moulin, 3 non lus, déplié"
    header.setFocus()
    qtbot.keyClick(header, Qt.Key.Key_Space)
    assert not second.isVisible() and first.isVisible() and not pane.is_expanded("local:ce")
    assert header.accessibleName() == "Collège Jean Moulin, 3 non lus, replié"
    qtbot.keyClick(header, Qt.Key.Key_Space)
    assert second.isVisible()
    pane.set_unread("local:ce", 0)
    assert header.text() == "Collège Jean Moulin"
    pane.set_expanded("local:ce", False)
    pane.remove_account("local:ce")  # back to one account: its header goes, nothing stays folded
    assert list(pane.sections) == ["local:moi"] and not pane.sections["local:moi"].header.isVisible()
    assert first.isVisible()
