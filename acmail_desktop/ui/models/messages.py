"""Message list model (columns: read, flag, attachment, From, Subject, Date, Size)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt

from acmail_desktop.core.summary import MessageSummary
from acmail_desktop.ui.roles import Roles

COLUMNS = ("read", "flag", "attachment", "from", "subject", "date", "size")


class MessageListModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[MessageSummary] = []
        self._locale = QLocale()  # the default locale, French when the UI is French (ui/app.py)

    def set_messages(self, rows: list[MessageSummary]) -> None:
        self.beginResetModel()
        self._rows = sorted(rows, key=lambda r: r.uid, reverse=True)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
                   ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        labels = ("", "", "", self.tr("From"), self.tr("Subject"), self.tr("Date"), self.tr("Size"))
        return labels[section] if 0 <= section < len(labels) else None

    def summary(self, row: int) -> MessageSummary:
        return self._rows[row]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        message = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "read":
                return "" if message.seen else "●"
            if column == "flag":
                return "★" if message.flagged else ""
            if column == "attachment":
                return "📎" if message.has_attachments else ""
            if column == "from":
                return message.from_name or message.from_addr
            if column == "subject":
                return message.subject or self.tr("(no subject)")
            if column == "date":
                return self._locale.toString(message.date, "dd/MM/yyyy HH:mm") if message.date else ""
            if column == "size":
                return self._locale.formattedDataSize(message.size, 0)
        if role == Qt.ItemDataRole.ToolTipRole and column == "from":
            return f"{message.from_name} <{message.from_addr}>" if message.from_name else message.from_addr
        if role == Qt.ItemDataRole.AccessibleTextRole:
            state = self.tr("unread") if not message.seen else self.tr("read", "message state")
            return f"{state}, {message.from_name or message.from_addr}, {message.subject}"
        if role == Qt.ItemDataRole.FontRole and not message.seen:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        if role == Roles.Uid:
            return message.uid
        if role == Roles.Seen:
            return message.seen
        if role == Roles.Flagged:
            return message.flagged
        return None
