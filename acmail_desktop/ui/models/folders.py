"""Folder list model: translated names for the special folders, whatever the server calls them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from acmail_desktop.core.imap.session import FolderInfo
from acmail_desktop.ui.roles import Roles

translate = QCoreApplication.translate

_SPECIAL_ORDER = ["\\Inbox", "\\Drafts", "\\Sent", "\\Archive", "\\Junk", "\\Trash"]


def special_folder_name(special_use: str | None) -> str | None:
    """The user's name for a special folder (translated), whatever the server calls it."""
    names = {
        "\\Inbox": translate("Folders", "Inbox"),
        "\\Sent": translate("Folders", "Sent"),
        "\\Drafts": translate("Folders", "Drafts"),
        "\\Trash": translate("Folders", "Trash"),
        "\\Junk": translate("Folders", "Junk"),
        "\\Archive": translate("Folders", "Archive"),
    }
    return names.get(special_use or "")


class FolderListModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._folders: list[FolderInfo] = []

    def set_folders(self, folders: list[FolderInfo]) -> None:
        def order(folder: FolderInfo) -> tuple[int, str]:
            special = folder.special_use
            rank = _SPECIAL_ORDER.index(special) if special in _SPECIAL_ORDER else len(_SPECIAL_ORDER)
            return rank, folder.name.lower()

        self.beginResetModel()
        self._folders = sorted((f for f in folders if f.selectable), key=order)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._folders)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._folders):
            return None
        folder = self._folders[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            special = special_folder_name(folder.special_use)
            if special:
                return special
            return folder.name.replace(folder.delimiter or "/", " / ") if folder.delimiter else folder.name
        if role == Roles.FolderName:
            return folder.name
        if role == Roles.SpecialUse:
            return folder.special_use
        return None

    def display_name(self, name: str) -> str:
        """The name shown for a folder (special folders translated); the raw name if unknown."""
        row = self.row_of(name)
        shown = self.data(self.index(row), Qt.ItemDataRole.DisplayRole) if row >= 0 else None
        return shown or name

    def row_of(self, name: str) -> int:
        for row, folder in enumerate(self._folders):
            if folder.name == name:
                return row
        return -1
