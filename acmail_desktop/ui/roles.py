"""Every custom Qt item role, in one enum."""

from enum import IntEnum

from PySide6.QtCore import Qt


class Roles(IntEnum):
    FolderName = Qt.ItemDataRole.UserRole + 1
    SpecialUse = Qt.ItemDataRole.UserRole + 2
    Uid = Qt.ItemDataRole.UserRole + 10
    Seen = Qt.ItemDataRole.UserRole + 11
    Flagged = Qt.ItemDataRole.UserRole + 12
    SortKey = Qt.ItemDataRole.UserRole + 13
