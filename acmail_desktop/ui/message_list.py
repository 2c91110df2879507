"""The message list of the main window: its view, its quick filter, and the selection kept by UID.

`MessagePane` shows one folder of the cache through the lazy `MessageTableModel`. When the model
is reset (a sync landed, a message moved), the selection, the current message and the scroll
position follow the UIDs, never the row numbers. It does no mail work: the window's message
actions (`ui/message_actions.py`) and the reader listen to it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QStyle,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from acmail_desktop.core.settings import Settings
from acmail_desktop.core.store import MessageFilter, Store
from acmail_desktop.ui.focus import mark_pane
from acmail_desktop.ui.models.messages import COLUMNS, MessageTableModel
from acmail_desktop.ui.roles import Roles

RESELECT_LIMIT = 200
_MOVE_KEYS = frozenset({Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_PageUp,
                        Qt.Key.Key_PageDown})


class MessageListView(QTableView):
    """The message list. Rows appended below what is on screen (a sync batch) only move the
    scroll bar: Qt would repaint the whole list for them, and that repaint is what the event loop
    waited for during a cold sync (GUI stall benchmark: ~15-35 ms per batch offscreen when idle,
    40-60 ms on a machine busy with the sync). Anything else the model does (reset, sort, rows
    removed or inserted where they show) keeps Qt's full relayout and repaint."""

    def __init__(self) -> None:
        super().__init__()
        self._appended_below: bool | None = None  # None: no row insertion since the last layout
        self.setTabKeyNavigation(False)  # Tab leaves the list for the next pane, as in a mail client

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """A move key always leaves a message selected: tabbing into the list makes the first row
        current without selecting it, and Home there changed nothing a person could see."""
        super().keyPressEvent(event)
        current = self.currentIndex()
        if (event.key() in _MOVE_KEYS and current.isValid() and self.selectionModel() is not None
                and not self.selectionModel().hasSelection()):
            self.selectionModel().select(current, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                         | QItemSelectionModel.SelectionFlag.Rows)

    def moveCursor(self, action: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """Home and End go to the first and the last message (a table would go to the first and the
        last column of the row)."""
        model = self.model()
        ends = (QAbstractItemView.CursorAction.MoveHome, QAbstractItemView.CursorAction.MoveEnd)
        if action in ends and model is not None and model.rowCount() > 0:
            row = 0 if action == QAbstractItemView.CursorAction.MoveHome else model.rowCount() - 1
            return model.index(row, max(self.currentIndex().column(), 0))
        return super().moveCursor(action, modifiers)

    def setModel(self, model: Any) -> None:
        super().setModel(model)
        for signal in (model.modelReset, model.layoutChanged, model.rowsRemoved, model.rowsMoved,
                       model.columnsInserted, model.columnsRemoved):
            signal.connect(self._needs_full_layout)

    def _needs_full_layout(self, *_args: Any) -> None:
        self._appended_below = False

    def rowsInserted(self, parent: QModelIndex | QPersistentModelIndex, start: int, end: int) -> None:
        last_shown = self.rowAt(self.viewport().height() - 1)
        below = not parent.isValid() and 0 <= last_shown < start
        self._appended_below = below if self._appended_below is None else (self._appended_below and below)
        super().rowsInserted(parent, start, end)

    def doItemsLayout(self) -> None:
        appended_below, self._appended_below = self._appended_below, None
        if appended_below:
            self.updateGeometries()  # the scroll range; the rows on screen have not changed
            return
        super().doItemsLayout()


class MessagePane(QWidget):
    """Quick filter bar over the message list of one folder."""

    selection_changed = Signal()   # the selected messages changed (or the shown one left the list)
    filter_changed = Signal()      # the quick filter or the unread/flagged toggles applied

    def __init__(self, store: Store, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = MessageTableModel(store, self)
        self.model.conversations = bool(settings.get("display.conversation_view"))
        self._stash: tuple[list[int], int | None, int] = ([], None, 0)
        self._filter_timer = QTimer(self)
        self._shown_folder: str | None = None
        self.view = view = MessageListView()
        view.setObjectName("messageList")
        view.setAccessibleName(self.tr("Message list"))
        view.setAccessibleDescription(
            self.tr("Messages of the selected folder; Enter opens, Delete moves to the trash"))
        view.setModel(self.model)
        self.model.modelAboutToBeReset.connect(self._before_reset)
        self.model.modelReset.connect(self._after_reset)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setShowGrid(False)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setIconSize(QSize(14, 14))
        view.setDragEnabled(True)
        view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        view.setSortingEnabled(True)
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(24)
        for column, width in enumerate((26, 26, 26, 210, 380, 130, 80)):
            header.resizeSection(column, width)
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COLUMNS.index("subject"), QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(COLUMNS.index("date"), Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._sorted)
        if self.model.conversations:
            view.setSortingEnabled(False)
            header.setSortIndicatorShown(False)
        view.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed.emit())
        mark_pane(view)

        filter_bar = QWidget()
        filter_bar.setObjectName("filterBar")
        filters = QHBoxLayout(filter_bar)
        filters.setContentsMargins(6, 6, 6, 4)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("quickFilter")
        self.filter_edit.setPlaceholderText(self.tr("Filter: sender, subject… (Ctrl+F)"))
        self.filter_edit.setAccessibleName(self.tr("Quick filter"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.addAction(self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView),
                                   QLineEdit.ActionPosition.LeadingPosition)
        self.filter_edit.textChanged.connect(lambda _t: self._filter_timer.start())
        self.filter_edit.returnPressed.connect(self.apply_filter)
        self.unread_toggle = QCheckBox(self.tr("&Unread"))
        self.unread_toggle.setObjectName("unreadOnly")
        self.unread_toggle.toggled.connect(lambda _b: self.apply_filter())
        self.flagged_toggle = QCheckBox(self.tr("Fla&gged"))
        self.flagged_toggle.setObjectName("flaggedOnly")
        self.flagged_toggle.toggled.connect(lambda _b: self.apply_filter())
        self.body_search_button = QToolButton()
        self.body_search_button.setObjectName("bodySearchButton")
        self.body_search_button.setText(self.tr("Search message te&xt"))
        self.body_search_button.setToolTip(self.tr("Search the text of the messages on the server"))
        filters.addWidget(self.filter_edit, 1)
        filters.addWidget(self.unread_toggle)
        filters.addWidget(self.flagged_toggle)
        filters.addWidget(self.body_search_button)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(150)
        self._filter_timer.timeout.connect(self.apply_filter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(filter_bar)
        layout.addWidget(view, 1)

    # --- which folder, which filter ------------------------------------------------------------------
    def show_folder(self, name: str, *, show_recipients: bool) -> None:
        """Another folder: the text filter cleared, the unread/flagged toggles kept."""
        self.filter_edit.blockSignals(True)
        self.filter_edit.clear()
        self.filter_edit.blockSignals(False)
        self.model.filter = MessageFilter(unread_only=self.unread_toggle.isChecked(),
                                          flagged_only=self.flagged_toggle.isChecked())
        self.model.show_recipients = show_recipients
        self.model.set_folder(name)

    def apply_filter(self) -> None:
        self._filter_timer.stop()
        flt = MessageFilter(text=self.filter_edit.text(), unread_only=self.unread_toggle.isChecked(),
                            flagged_only=self.flagged_toggle.isChecked())
        if flt == self.model.filter and self.model.restrict_uids is None:
            return
        self.model.restrict_uids = None
        self.model.set_filter(flt)
        self.filter_changed.emit()

    def set_conversations(self, on: bool) -> None:
        """Threads together, newest conversation first; column sorting is off meanwhile."""
        self.view.setSortingEnabled(not on)
        self.view.horizontalHeader().setSortIndicatorShown(not on)
        self.model.set_conversations(on)

    def stop(self) -> None:
        self._filter_timer.stop()

    # --- selection by UID ----------------------------------------------------------------------------
    def selected_uids(self) -> list[int]:
        rows = self.view.selectionModel().selectedRows()
        return [int(i.data(Roles.Uid)) for i in rows if i.data(Roles.Uid) is not None]

    def current_uid(self) -> int | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        uid = index.siblingAtColumn(0).data(Roles.Uid)
        return int(uid) if uid is not None else None

    def select_uid(self, uid: int) -> bool:
        """Make `uid` the one selected, current and visible message of the list (it is then shown)."""
        row = self.model.row_of(uid)
        if row is None:
            return False
        index = self.model.index(row, COLUMNS.index("subject"))
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(index)
        return True

    def uid_after(self, uids: list[int]) -> int | None:
        """The message to select once `uids` leave the list: the first one below them, else the
        last one above (what a person expects after Delete or Move)."""
        model, gone = self.model, set(uids)
        rows = sorted(r for r in (model.row_of(u) for u in uids[:RESELECT_LIMIT]) if r is not None)
        if not rows:
            return None
        for row in (*range(rows[-1] + 1, model.rowCount()), *range(rows[0] - 1, -1, -1)):
            uid = model.uid_at(row)
            if uid is not None and uid not in gone:
                return uid
        return None

    def refresh(self) -> None:
        """Reload the lazy model: rows added below the first page without a reset (sync batches);
        else a reset, after which the selection and the current message follow by UID (below)."""
        rows = [i.row() for i in self.view.selectionModel().selectedRows()]
        current = self.view.currentIndex()
        if current.isValid():
            rows.append(current.row())
        if rows and max(rows) >= self.model.stable_rows():
            self.model.refresh()
        else:
            self.model.update()

    def _before_reset(self) -> None:
        if self.model.folder != self._shown_folder:
            self._stash = ([], None, 0)  # another folder: its UIDs name other messages
        else:
            self._stash = (self.selected_uids()[:RESELECT_LIMIT], self.current_uid(),
                           self.view.verticalScrollBar().value())
        self.view.selectionModel().blockSignals(True)

    def _after_reset(self) -> None:
        selected, current, scroll = self._stash
        self._stash = ([], None, 0)
        self._shown_folder = self.model.folder
        try:
            self._reselect(selected, current)
        finally:
            self.view.selectionModel().blockSignals(False)
        self.view.verticalScrollBar().setValue(scroll)
        if current is not None and self.current_uid() != current:
            self.selection_changed.emit()  # the shown message is gone (moved, deleted, filtered out)

    def _reselect(self, uids: list[int], current: int | None) -> None:
        model, selection = self.model, self.view.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for uid in uids:
            row = model.row_of(uid)
            if row is not None:
                selection.select(model.index(row, 0), flags)
        if current is not None:
            row = model.row_of(current)
            if row is not None:
                selection.setCurrentIndex(model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)

    def _sorted(self, _column: int, _order: Qt.SortOrder) -> None:
        # The model was re-sorted and the selection put back: show it where it went.
        if self.view.currentIndex().isValid():
            self.view.scrollTo(self.view.currentIndex())
