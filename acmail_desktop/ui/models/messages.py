"""Lazy message list over the cache: rows are read from SQLite a page at a time, never all at once.

A 100,000-message folder costs one `count()` and one 200-row page to show; sorting and filtering
run in SQLite (`Store.page`). Only a few pages are kept in memory.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from functools import lru_cache
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QDateTime,
    QLocale,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from acmail_desktop.core.addresses import describe_sender
from acmail_desktop.core.collation import french_sort_key
from acmail_desktop.core.institution import InstitutionRules
from acmail_desktop.core.rows import ANSWERED, FLAGGED, FORWARDED, PAGE_COLUMNS, SEEN
from acmail_desktop.core.store import MessageFilter, Store
from acmail_desktop.ui.models.folders import MESSAGES_MIME
from acmail_desktop.ui.models.icons import paperclip_icon, star_icon, unread_icon, warning_icon
from acmail_desktop.ui.roles import Roles

COLUMNS = ("read", "flag", "attachment", "from", "subject", "date", "size")
SORT_KEYS = ("seen", "flagged", "attachment", "from", "subject", "date", "size")
PAGE_SIZE = 200
MAX_PAGES = 8
_C = {name: i for i, name in enumerate(PAGE_COLUMNS)}
_FLAGS, _SUBJECT, _FROM_NAME, _FROM_ADDR, _DATE, _SIZE = (
    _C[name] for name in ("flags", "subject", "from_name", "from_addr", "date", "size"))
_R = Qt.ItemDataRole
_DISPLAY, _DECORATION, _FONT, _FOREGROUND, _ALIGNMENT, _TOOLTIP, _ACCESSIBLE = (int(r) for r in (
    _R.DisplayRole, _R.DecorationRole, _R.FontRole, _R.ForegroundRole, _R.TextAlignmentRole, _R.ToolTipRole,
    _R.AccessibleTextRole))
_HANDLED_ROLES = frozenset({_DISPLAY, _DECORATION, _FONT, _FOREGROUND, _ALIGNMENT, _TOOLTIP, _ACCESSIBLE,
                            *(int(r) for r in Roles)})
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
_RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@lru_cache(maxsize=4096)
def _suspicion(rules: InstitutionRules, name: str, address: str, subject: str) -> str | None:
    """None for an ordinary row; else the institutional word it borrows, or "" for a deceptive
    sender. Cached: the list asks for every visible cell on every repaint."""
    if describe_sender(name, address).warnings:
        return ""
    return rules.impersonation(name, address, subject or "")


@lru_cache(maxsize=1)
def _bold_font() -> QFont:
    """Unread rows are bold (made once: the list asks for it per visible cell)."""
    font = QFont()
    font.setBold(True)
    return font


@lru_cache(maxsize=1)
def _secondary_colour() -> QColor:
    return QColor("#5f6368")


class MessageTableModel(QAbstractTableModel):
    """One folder of one Store; `refresh()` after the store changed (sync batch, flag, move)."""

    def __init__(self, store: Store | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.folder: str | None = None
        self.sort_key = "date"
        self.descending = True
        self.filter = MessageFilter()
        self.restrict_uids: list[int] | None = None  # server-side search results
        self.conversations = False  # threads together, newest thread first (display.conversation_view)
        # Sent and Drafts: the people column shows the recipients ("To"), not one's own address.
        self.show_recipients = False
        self.institution = InstitutionRules()  # the account's académie words and domains (main window)
        self._count = 0
        self._pages: OrderedDict[int, list[tuple[Any, ...]]] = OrderedDict()
        self._locale = QLocale()  # the default locale, French when the UI is French (ui/app.py)
        self._dates_day = QDate()
        self._dates: dict[int, str] = {}
        self.page_loads = 0

    # --- state -----------------------------------------------------------------------------------
    def set_store(self, store: Store | None) -> None:
        self.store = store
        self.refresh()

    def set_folder(self, folder: str | None) -> None:
        self.folder = folder
        self.restrict_uids = None
        self.refresh()

    def set_filter(self, flt: MessageFilter) -> None:
        self.filter = flt
        self.refresh()

    def set_conversations(self, on: bool) -> None:
        self.conversations = on
        self.refresh()

    def _threaded(self) -> bool:
        """Conversation order applies to the whole folder or an unread / flagged view (not to text
        filters or server search results, which are short lists in date order)."""
        return self.conversations and self.restrict_uids is None and not self.filter.text.strip()

    def _thread_page(self, offset: int, limit: int) -> list[tuple[Any, ...]]:
        assert self.store is not None and self.folder is not None
        return self.store.thread_page(self.folder, offset, limit, self.filter)

    def _thread_row_of(self, uid: int) -> int | None:
        assert self.store is not None and self.folder is not None
        return self.store.thread_row_of(self.folder, uid, self.filter)

    def set_uid_restriction(self, uids: list[int] | None) -> None:
        """Show only these UIDs (a server body search); None shows the whole folder again."""
        self.restrict_uids = sorted(set(uids), reverse=True) if uids is not None else None
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._pages.clear()
        self._count = self._compute_count()
        self.endResetModel()

    def stable_rows(self) -> int:
        """Rows `update()` keeps in place (the first page, as read); the rest may be re-read."""
        first = self._pages.get(0)
        return len(first) if first is not None else 0

    def update(self) -> None:
        """After the store changed: when the first page (what a freshly opened folder shows) is
        unchanged, the new rows are announced as inserted after it, without a reset: the visible
        rows are not repainted and the selection stays. Anything else (flags or rows changed in the
        first page, rows removed, a search) is a full refresh.

        Why: a reset repaints every visible cell, and each `data()` call then waits for the
        interpreter the sync worker is busy with; measured on a 50,000-message cold sync, a reset
        per batch made the event loop stall 100-260 ms. The caller refreshes instead when the
        selection lies beyond `stable_rows()` (rows there may have shifted)."""
        old = self._count
        first = self._pages.get(0)
        if old == 0 or first is None or self.store is None or self.folder is None or self.restrict_uids is not None:
            self.refresh()
            return
        new = self._compute_count()
        if new < old:
            self.refresh()
            return
        probe = self._fetch(0, len(first))
        key = (_C["uid"], _C["flags"])
        if [tuple(r[k] for k in key) for r in probe] != [tuple(r[k] for k in key) for r in first]:
            self.refresh()
            return
        others = [page for page in self._pages if page != 0]
        for page in others:
            del self._pages[page]
        if new > old:
            self.beginInsertRows(QModelIndex(), len(first), len(first) + new - old - 1)
            self._count = new
            self.endInsertRows()
        if others and old > len(first):  # rows further down were shown: re-read them
            self.dataChanged.emit(self.index(len(first), 0), self.index(self._count - 1, len(COLUMNS) - 1))

    def _fetch(self, offset: int, limit: int) -> list[tuple[Any, ...]]:
        assert self.store is not None and self.folder is not None
        if self._threaded():
            return self._thread_page(offset, limit)
        return self.store.page(self.folder, self.sort_key, self.descending, offset, limit,
                               None if self.filter.is_empty() else self.filter)

    def _compute_count(self) -> int:
        if self.store is None or self.folder is None:
            return 0
        if self.restrict_uids is not None:
            return len(self._restricted_rows())
        return self.store.count(self.folder, None if self.filter.is_empty() else self.filter)

    def _restricted_rows(self) -> list[tuple[Any, ...]]:
        """Search results are few: read them all, in the chosen order."""
        assert self.store is not None and self.folder is not None and self.restrict_uids is not None
        rows = []
        for uid in self.restrict_uids:
            info = self.store.message(self.folder, uid)
            if info is not None:
                rows.append(tuple(info.get(c) for c in PAGE_COLUMNS))
        key = {"seen": "flags", "flagged": "flags", "attachment": "has_attachments", "from": "from_name",
               "subject": "subject", "date": "date", "size": "size"}.get(self.sort_key, "date")
        rows.sort(key=lambda r: (r[_C[key]] or 0) if key not in ("from_name", "subject")
                  else french_sort_key(str(r[_C[key]])), reverse=self.descending)
        return rows

    def _row_data(self, row: int) -> tuple[Any, ...] | None:
        if not 0 <= row < self._count or self.store is None or self.folder is None:
            return None
        page = row // PAGE_SIZE
        rows = self._pages.get(page)
        if rows is None:
            self.page_loads += 1
            if self.restrict_uids is not None:
                rows = self._restricted_rows()[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
            elif self._threaded():
                rows = self._thread_page(page * PAGE_SIZE, PAGE_SIZE)
            else:
                rows = self.store.page(self.folder, self.sort_key, self.descending, page * PAGE_SIZE, PAGE_SIZE,
                                       None if self.filter.is_empty() else self.filter)
            self._pages[page] = rows
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        offset = row - page * PAGE_SIZE
        if offset >= len(rows) and len(rows) < PAGE_SIZE:  # a short page read before rows were added
            del self._pages[page]
            rows = self._pages[page] = self._fetch(page * PAGE_SIZE, PAGE_SIZE)
        return rows[offset] if offset < len(rows) else None

    @property
    def cached_rows(self) -> int:
        return sum(len(rows) for rows in self._pages.values())

    def uid_at(self, row: int) -> int | None:
        data = self._row_data(row)
        return int(data[_C["uid"]]) if data is not None else None

    def row_info(self, row: int) -> dict[str, Any] | None:
        data = self._row_data(row)
        return dict(zip(PAGE_COLUMNS, data[:len(PAGE_COLUMNS)], strict=True)) if data is not None else None

    def row_of(self, uid: int) -> int | None:
        if self.store is None or self.folder is None:
            return None
        if self.restrict_uids is not None:
            for row, data in enumerate(self._restricted_rows()):
                if data[_C["uid"]] == uid:
                    return row
            return None
        if self._threaded():
            return self._thread_row_of(uid)
        return self.store.row_of(self.folder, uid, self.sort_key, self.descending,
                                 None if self.filter.is_empty() else self.filter)

    def sort_column(self) -> int:
        return SORT_KEYS.index(self.sort_key)

    # --- Qt model --------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
                   ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        column = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return {"from": self.tr("To") if self.show_recipients else self.tr("From"), "subject": self.tr("Subject"),
                    "date": self.tr("Date"), "size": self.tr("Size")}.get(column, "")
        if role == Qt.ItemDataRole.DecorationRole:
            return {"read": unread_icon(), "flag": star_icon(True), "attachment": paperclip_icon()}.get(column)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return {"read": self.tr("Read / unread"), "flag": self.tr("Flagged"),
                    "attachment": self.tr("Attachments"),
                    "from": self.tr("To") if self.show_recipients else self.tr("From"), "subject": self.tr("Subject"),
                    "date": self.tr("Date"), "size": self.tr("Size")}[column]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def _date_text(self, epoch: int | None) -> str:
        """Today's messages show the time only. Texts are cached per epoch for the current day
        (a repaint asks for each visible date several times; the cache is emptied at midnight)."""
        if not epoch:
            return ""
        today = QDate.currentDate()
        if today != self._dates_day:
            self._dates_day, self._dates = today, {}
        text = self._dates.get(epoch)
        if text is None:
            moment = QDateTime.fromSecsSinceEpoch(int(epoch))
            text = self._locale.toString(moment, "HH:mm" if moment.date() == today else "dd/MM/yyyy HH:mm")
            if len(self._dates) > 4096:
                self._dates.clear()
            self._dates[epoch] = text
        return text

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Called ~1,300 times per repaint of the list (every visible cell, every role Qt asks):
        roles are compared as plain ints, unknown roles return at once, and fonts, colours and
        dates are made once (measured, 1200x800 list offscreen: a repaint took 26-28 ms, now 9-17)."""
        role = int(role)
        if role not in _HANDLED_ROLES or not index.isValid():
            return None
        row = self._row_data(index.row())
        if row is None:
            return None
        column = COLUMNS[index.column()]
        if role == _DISPLAY:
            if column == "from":
                if self.show_recipients:
                    return row[_C["to_addrs"]]
                return describe_sender(row[_FROM_NAME], row[_FROM_ADDR]).list_text
            if column == "subject":
                subject = row[_SUBJECT] or self.tr("(no subject)")
                if len(row) > len(PAGE_COLUMNS):  # conversation view: (tdate, pos, n) follow
                    pos, count = row[-2], row[-1]
                    if pos > 1:
                        return "    \u21b3 " + subject
                    if count > 1:
                        return f"{subject}  ({count})"
                return subject
            if column == "date":
                return self._date_text(row[_DATE])
            if column == "size":
                return self._locale.formattedDataSize(int(row[_SIZE] or 0), 0,
                                                      QLocale.DataSizeFormat.DataSizeSIFormat)
            return None
        flags = int(row[_FLAGS] or 0)
        if role == _FONT:
            return _bold_font() if not flags & SEEN else None
        if role == _DECORATION:
            if column == "read" and not flags & SEEN:
                return unread_icon()
            if column == "flag" and flags & FLAGGED:
                return star_icon(True)
            if column == "attachment" and row[_C["has_attachments"]]:
                return paperclip_icon()
            if column == "from" and not self.show_recipients and self._suspicious(row):
                return warning_icon()
            return None
        if role == _FOREGROUND:
            return _secondary_colour() if column in ("date", "size") else None
        if role == _ALIGNMENT:
            return _RIGHT_ALIGNED if column == "size" else None
        seen, flagged = bool(flags & SEEN), bool(flags & FLAGGED)
        if role == _TOOLTIP:
            if column == "from":
                if self.show_recipients:
                    return row[_C["to_addrs"]]
                text = describe_sender(row[_FROM_NAME], row[_FROM_ADDR]).text
                return f"{text}\n{self._suspicion_text(row)}" if self._suspicious(row) else text
            if column == "subject":
                return row[_SUBJECT]
            return None
        if role == _ACCESSIBLE:
            return self._accessible(row, column, seen, flagged)
        if role == Roles.Uid:
            return int(row[_C["uid"]])
        if role == Roles.Seen:
            return seen
        if role == Roles.Flagged:
            return flagged
        if role == Roles.HasAttachment:
            return bool(row[_C["has_attachments"]])
        if role == Roles.ThreadKey:
            return row[_C["thread_key"]]
        if role == Roles.MessageId:
            return row[_C["message_id"]]
        if role == Roles.SortKey:
            return row[_C[{"read": "flags", "flag": "flags", "attachment": "has_attachments",
                           "from": "from_name"}.get(column, column)]]
        return None

    def _suspicious(self, row: tuple[Any, ...]) -> bool:
        """A deceptive sender, or a message that presents itself as the institution from outside."""
        return _suspicion(self.institution, row[_FROM_NAME], row[_FROM_ADDR], row[_SUBJECT]) is not None

    def _suspicion_text(self, row: tuple[Any, ...]) -> str:
        word = _suspicion(self.institution, row[_FROM_NAME], row[_FROM_ADDR], row[_SUBJECT])
        if word:
            return self.tr("Claims to come from the institution (“%1”) but its address is outside it.") \
                .replace("%1", word)
        return self.tr("The sender's name is deceptive: the real address is shown.")

    def _accessible(self, row: tuple[Any, ...], column: str, seen: bool, flagged: bool) -> str:
        if column == "read":
            return self.tr("unread") if not seen else self.tr("read", "message state")
        if column == "flag":
            return self.tr("flagged") if flagged else ""
        if column == "attachment":
            return self.tr("with attachments") if row[_C["has_attachments"]] else ""
        parts = [self.tr("unread") if not seen else self.tr("read", "message state")]
        if flagged:
            parts.append(self.tr("flagged"))
        if int(row[_C["flags"]] or 0) & ANSWERED:
            parts.append(self.tr("answered"))
        if int(row[_C["flags"]] or 0) & FORWARDED:
            parts.append(self.tr("forwarded"))
        if row[_C["has_attachments"]]:
            parts.append(self.tr("with attachments"))
        people = row[_C["to_addrs"]] if self.show_recipients \
            else describe_sender(row[_FROM_NAME], row[_FROM_ADDR]).list_text
        if not self.show_recipients and self._suspicious(row):
            parts.append(self._suspicion_text(row))
        parts += [people, row[_C["subject"]] or self.tr("(no subject)"), self._date_text(row[_C["date"]])]
        return ", ".join(p for p in parts if p)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(SORT_KEYS):
            return
        self.sort_key = SORT_KEYS[column]
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()  # the view keeps the selection by UID (row_of)

    # --- drag of messages onto a folder ---------------------------------------------------------------
    def mimeTypes(self) -> list[str]:
        return [MESSAGES_MIME]

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        uids = sorted({int(i.data(Roles.Uid)) for i in indexes if i.isValid() and i.data(Roles.Uid) is not None})
        data = QMimeData()
        data.setData(MESSAGES_MIME, json.dumps({"folder": self.folder, "uids": uids}).encode())
        return data
