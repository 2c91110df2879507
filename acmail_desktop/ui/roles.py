"""Every custom Qt item role, in one enum."""

from enum import IntEnum

from PySide6.QtCore import Qt


class Roles(IntEnum):
    FolderName = Qt.ItemDataRole.UserRole + 1
    SpecialUse = Qt.ItemDataRole.UserRole + 2
    Unread = Qt.ItemDataRole.UserRole + 3
    Total = Qt.ItemDataRole.UserRole + 4
    Uid = Qt.ItemDataRole.UserRole + 10
    Seen = Qt.ItemDataRole.UserRole + 11
    Flagged = Qt.ItemDataRole.UserRole + 12
    SortKey = Qt.ItemDataRole.UserRole + 13
    HasAttachment = Qt.ItemDataRole.UserRole + 14
    ThreadKey = Qt.ItemDataRole.UserRole + 15
    MessageId = Qt.ItemDataRole.UserRole + 16
