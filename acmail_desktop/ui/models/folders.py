"""Folder tree model: hierarchy from the server's delimiter, French names and icons for the special
folders whatever the server calls them, unread counts; messages dropped on a folder are moved."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from acmail_desktop.core.collation import french_sort_key
from acmail_desktop.core.folders import Namespace, name_use
from acmail_desktop.ui.models.icons import folder_icon
from acmail_desktop.ui.roles import Roles

translate = QCoreApplication.translate
MESSAGES_MIME = "application/x-acmail-messages"  # {"folder": name, "uids": [...]}

# Unread drafts or sent copies mean nothing to the user: no count shown for them.
_NO_UNREAD_COUNT = ("\\Drafts", "\\Sent")
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


def guess_special_use(name: str, namespace: Namespace, declared: str | None) -> str | None:
    """The store's answer (core.folders resolved it after LIST); for a row without one, the
    same module's name rule, so the tree never disagrees with the delete or the outbox."""
    return declared or name_use(name, namespace)


@dataclass
class FolderNode:
    name: str  # the full server name ("" for the invisible root)
    label: str
    special_use: str | None = None
    selectable: bool = True
    unread: int = 0
    total: int = 0
    parent: FolderNode | None = None
    children: list[FolderNode] = field(default_factory=list)
    qualified: bool = False  # label followed by the server name (see FolderTreeModel._qualify)

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent is not None else 0


class FolderTreeModel(QAbstractItemModel):
    """Rows come from `Store.folders()`: (name, delimiter, flags, special_use, unread, total)."""

    messages_dropped = Signal(str, list, str)  # source folder, uids, destination folder

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._root = FolderNode("", "")
        self._by_name: dict[str, FolderNode] = {}

    # --- content -------------------------------------------------------------------------------
    def set_folders(self, rows: Iterable[Sequence[Any]], namespace: Namespace | None = None) -> None:
        """Rebuild the tree (a folder list changes rarely: create / rename / delete / first LIST).
        Names are shown without the personal namespace prefix ("INBOX.Projets" is a top-level
        "Projets" beside INBOX, as the user thinks of it)."""
        namespace = namespace or Namespace()
        root = FolderNode("", "")
        by_name: dict[str, FolderNode] = {}
        items = sorted(rows, key=lambda r: r[0])
        given = {row[3] for row in items if row[3]}  # one folder per use: the store's answer first
        for name, delimiter, flags, special, unread, total in items:
            flags_list = flags.split() if isinstance(flags, str) else list(flags)
            if not special:
                guessed = guess_special_use(name, namespace, None)
                special = guessed if guessed not in given else None
                if special:
                    given.add(special)
            shown = name if name.upper() == "INBOX" else namespace.relative(name)
            hidden = name[:len(name) - len(shown)]  # the prefix, kept in every server name
            parts = shown.split(delimiter) if delimiter else [shown]
            parent = root
            for depth in range(len(parts) - 1):  # intermediate folders the server did not list
                prefix = hidden + delimiter.join(parts[:depth + 1])
                node = by_name.get(prefix)
                if node is None:
                    node = FolderNode(prefix, parts[depth], selectable=False, parent=parent)
                    parent.children.append(node)
                    by_name[prefix] = node
                parent = node
            node = by_name.get(name)
            if node is None:
                node = FolderNode(name, parts[-1], parent=parent)
                parent.children.append(node)
                by_name[name] = node
            node.special_use = special
            node.selectable = not any(f.lower() in ("\\noselect", "\\nonexistent") for f in flags_list)
            node.unread, node.total = int(unread or 0), int(total or 0)
        self._sort(root)
        self._qualify(root)
        self.beginResetModel()
        self._root, self._by_name = root, by_name
        self.endResetModel()

    def _qualify(self, node: FolderNode) -> None:
        """A special folder whose French name is also another folder's name beside it ("Trash"
        shown as Corbeille next to a real "Corbeille") shows its server name too."""
        plain = {child.label.casefold() for child in node.children if not child.special_use}
        for child in node.children:
            special = special_folder_name(child.special_use)
            child.qualified = bool(special and special.casefold() in plain)
            self._qualify(child)

    def _sort(self, node: FolderNode) -> None:
        def order(child: FolderNode) -> tuple[int, str]:
            special = child.special_use
            rank = _SPECIAL_ORDER.index(special) if special in _SPECIAL_ORDER else len(_SPECIAL_ORDER)
            return rank, french_sort_key(child.label)  # "Élèves" before "Zèbre", French names

        node.children.sort(key=order)
        for child in node.children:
            self._sort(child)

    def update_counts(self, counts: dict[str, tuple[int, int]]) -> None:
        """New unread / total numbers without rebuilding the tree (keeps expansion and selection)."""
        for name, (unread, total) in counts.items():
            node = self._by_name.get(name)
            if node is None or (node.unread, node.total) == (unread, total):
                continue
            node.unread, node.total = unread, total
            index = self.index_of(name)
            self.dataChanged.emit(index, index)

    def names(self) -> list[str]:
        """Selectable folders in the order the tree shows them (special folders first, then the
        French order of the names shown), so *Déplacer vers* lists them as the tree does."""
        found: list[str] = []

        def walk(node: FolderNode) -> None:
            for child in node.children:
                if child.selectable and child.name in self._by_name:
                    found.append(child.name)
                walk(child)

        walk(self._root)
        return found

    def index_of(self, name: str) -> QModelIndex:
        node = self._by_name.get(name)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.row(), 0, node)

    def display_name(self, name: str) -> str:
        node = self._by_name.get(name)
        return self._label(node) if node is not None else name

    def folder_by_use(self, special_use: str) -> str | None:
        for name, node in self._by_name.items():
            if node.special_use == special_use:
                return name
        return None

    def unread(self, name: str) -> int:
        node = self._by_name.get(name)
        return node.unread if node is not None else 0

    @staticmethod
    def _label(node: FolderNode) -> str:
        special = special_folder_name(node.special_use)
        if special and node.qualified:
            return f"{special} ({node.label})"
        return special or node.label

    # --- QAbstractItemModel ----------------------------------------------------------------------
    def _node(self, index: QModelIndex | QPersistentModelIndex) -> FolderNode:
        return index.internalPointer() if index.isValid() else self._root  # type: ignore[no-any-return]

    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()  # noqa: B008
              ) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        node = self._node(parent)
        if row >= len(node.children):
            return QModelIndex()
        return self.createIndex(row, 0, node.children[row])

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node = self._node(index).parent
        if node is None or node is self._root:
            return QModelIndex()
        return self.createIndex(node.row(), 0, node)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._node(index)
        if role in (Qt.ItemDataRole.FontRole, Roles.Unread, Qt.ItemDataRole.AccessibleTextRole) \
                and node.special_use in _NO_UNREAD_COUNT:
            node = FolderNode(node.name, node.label, node.special_use, node.selectable, 0, node.total)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._label(node)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            label = self._label(node)
            if node.unread == 1:
                return translate("Folders", "%1, 1 unread").replace("%1", label)
            if node.unread:
                return translate("Folders", "%1, %2 unread").replace("%1", label).replace("%2", str(node.unread))
            return label
        if role == Qt.ItemDataRole.ToolTipRole:
            return translate("Folders", "%1: %2 messages, %3 unread").replace("%1", node.name).replace(
                "%2", str(node.total)).replace("%3", str(node.unread))
        if role == Qt.ItemDataRole.DecorationRole:
            return folder_icon(node.special_use)
        if role == Qt.ItemDataRole.FontRole and node.unread:
            font = QFont()
            font.setBold(True)
            return font
        if role == Roles.FolderName:
            return node.name
        if role == Roles.SpecialUse:
            return node.special_use
        if role == Roles.Unread:
            return node.unread
        if role == Roles.Total:
            return node.total
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        node = self._node(index)
        if not node.selectable:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled

    # --- drag and drop of messages -----------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MESSAGES_MIME]

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not data.hasFormat(MESSAGES_MIME) or not parent.isValid():
            return False
        node = self._node(parent)
        source = json.loads(bytes(data.data(MESSAGES_MIME).data()).decode()).get("folder")
        return node.selectable and node.name != source

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        payload = json.loads(bytes(data.data(MESSAGES_MIME).data()).decode())
        self.messages_dropped.emit(payload["folder"], [int(u) for u in payload["uids"]], self._node(parent).name)
        # The move happens on the worker; returning False keeps the view from deleting source rows.
        return False


class FolderDelegate(QStyledItemDelegate):
    """Draws the unread count right-aligned in a pill, like the mail clients people know."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        unread = int(index.data(Roles.Unread) or 0)
        if not unread:
            super().paint(painter, option, index)
            return
        text = str(unread)
        metrics = option.fontMetrics
        bold = QFont(option.font)
        bold.setBold(True)
        width = QFontMetrics(bold).horizontalAdvance(text) + 12
        rect = option.rect
        pill = QRect(rect.right() - width - 6, rect.top() + (rect.height() - metrics.height() - 2) // 2,
                     width, metrics.height() + 2)
        style = option.widget.style() if option.widget is not None else None
        if style is not None:  # the selection / hover background over the whole row, pill included
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        shrunk = QStyleOptionViewItem(option)
        shrunk.rect = QRect(rect.left(), rect.top(), rect.width() - width - 10, rect.height())
        super().paint(painter, shrunk, index)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setBrush(QColor("white") if selected else QColor("#1a73e8"))
        painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
        painter.setPen(QColor("#1a73e8") if selected else QColor("white"))
        painter.setFont(bold)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
