"""The folder pane of several accounts: one collapsible section per account, each holding that
account's own folder tree (issue 21).

Why sections rather than one merged tree: each account keeps its own `FolderPane` (its model, its
folder operations on its own connection), unchanged; this widget only stacks them under a header
naming the account with its unread count. The header is a button: Space or a click folds the
account's tree away, and the keyboard moves from one header to the tree below it with Tab. With a
single account the header is hidden and the pane looks as it always did.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QSizePolicy, QToolButton, QVBoxLayout, QWidget


@dataclass
class AccountSection:
    key: str
    title: str
    header: QToolButton
    view: QWidget
    unread: int = 0


class AccountsPane(QWidget):
    """Stacked account sections, first signed in first."""

    section_toggled = Signal(str, bool)  # account key, expanded
    header_menu_requested = Signal(str, QPoint)  # account key, where (right-click or the Menu key)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountsPane")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.sections: dict[str, AccountSection] = {}

    def add_account(self, key: str, title: str, view: QWidget) -> AccountSection:
        """Add an account's tree under its header (at the end: accounts keep their sign-in order)."""
        header = QToolButton(self)
        header.setObjectName("accountHeader")
        header.setCheckable(True)
        header.setChecked(True)
        header.setAutoRaise(True)
        header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        header.setArrowType(Qt.ArrowType.DownArrow)
        header.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        header.setStyleSheet("QToolButton#accountHeader { font-weight: 600; text-align: left; padding: 3px; }")
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(lambda pos, key=key: self.header_menu_requested.emit(key, pos))
        section = AccountSection(key, title, header, view)
        header.toggled.connect(lambda expanded, key=key: self.set_expanded(key, expanded))
        view.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self._layout.addWidget(header)
        self._layout.addWidget(view, 1)
        self.sections[key] = section
        self._refresh_header(section)
        self._update_headers()
        return section

    def remove_account(self, key: str) -> None:
        section = self.sections.pop(key, None)
        if section is None:
            return
        for widget in (section.header, section.view):
            self._layout.removeWidget(widget)
            widget.hide()
            widget.setParent(None)  # type: ignore[call-overload]
            widget.deleteLater()
        self._update_headers()

    def set_title(self, key: str, title: str) -> None:
        section = self.sections.get(key)
        if section is not None:
            section.title = title
            self._refresh_header(section)

    def set_unread(self, key: str, unread: int) -> None:
        section = self.sections.get(key)
        if section is not None and section.unread != unread:
            section.unread = unread
            self._refresh_header(section)

    def set_expanded(self, key: str, expanded: bool) -> None:
        section = self.sections.get(key)
        if section is None:
            return
        if section.header.isChecked() != expanded:
            section.header.setChecked(expanded)  # comes back here through toggled
            return
        section.view.setVisible(expanded)
        section.header.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        # The stretch goes to the open trees; closed ones leave only their header.
        self._layout.setStretchFactor(section.view, 1 if expanded else 0)
        self._refresh_header(section)
        self.section_toggled.emit(key, expanded)

    def is_expanded(self, key: str) -> bool:
        section = self.sections.get(key)
        return section is not None and section.header.isChecked()

    def _refresh_header(self, section: AccountSection) -> None:
        state = self.tr("expanded") if section.header.isChecked() else self.tr("collapsed")
        if section.unread:
            text = self.tr("%1 (%2)").replace("%1", section.title).replace("%2", str(section.unread))
            spoken = self.tr("%1, %2 unread, %3").replace("%1", section.title).replace(
                "%2", str(section.unread)).replace("%3", state)
        else:
            text = section.title
            spoken = self.tr("%1, %2").replace("%1", section.title).replace("%2", state)
        section.header.setText(text)
        section.header.setAccessibleName(spoken)
        section.header.setToolTip(self.tr("Show or hide the folders of %1").replace("%1", section.title))

    def _update_headers(self) -> None:
        """One account: no header (the pane as before). Several: every account named."""
        several = len(self.sections) > 1
        for section in self.sections.values():
            section.header.setVisible(several)
            if not several and not section.header.isChecked():
                section.header.setChecked(True)
