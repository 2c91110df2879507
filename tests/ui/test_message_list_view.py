"""MessageListView: rows appended below the screen move the scroll bar without a repaint of the
list (the cold-sync GUI stall of issue 10); every other change still repaints."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt

from acmail_desktop.ui.message_list import MessageListView


class _Rows(QAbstractTableModel):
    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count

    def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.count

    def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return f"row {index.row()}" if role == Qt.ItemDataRole.DisplayRole else None

    def insert(self, at: int, count: int) -> None:
        self.beginInsertRows(QModelIndex(), at, at + count - 1)
        self.count += count
        self.endInsertRows()


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _view(qtbot, rows: int) -> tuple[MessageListView, _Rows, _Paints]:  # type: ignore[no-untyped-def]
    model = _Rows(rows)
    view = MessageListView()
    view.setModel(model)
    view.verticalHeader().hide()  # as in the main window (row numbers would widen the margin)
    view.resize(600, 400)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    paints = _Paints()
    view.viewport().installEventFilter(paints)
    qtbot.wait(50)
    paints.count = 0
    return view, model, paints


def test_rows_appended_below_the_screen_only_move_the_scroll_bar(qtbot) -> None:  # type: ignore[no-untyped-def]
    view, model, paints = _view(qtbot, 200)
    before = view.verticalScrollBar().maximum()
    model.insert(200, 5000)
    qtbot.wait(50)
    assert paints.count == 0
    assert view.verticalScrollBar().maximum() > before
    view.scrollToBottom()  # the new rows are there when the user goes to them
    qtbot.wait(50)
    assert paints.count > 0
    last = view.rowAt(view.viewport().height() - 1)
    assert last >= 5100 and view.model().index(last, 0).data() == f"row {last}"


def test_rows_inserted_on_screen_and_resets_repaint(qtbot) -> None:  # type: ignore[no-untyped-def]
    _, model, paints = _view(qtbot, 200)
    model.insert(0, 10)  # new mail at the top of the list
    qtbot.wait(50)
    assert paints.count > 0
    paints.count = 0
    model.insert(200, 100)  # below the screen...
    model.beginResetModel()  # ...then a reset before the layout ran: a full repaint
    model.endResetModel()
    qtbot.wait(50)
    assert paints.count > 0


def test_a_short_list_repaints_for_appended_rows(qtbot) -> None:  # type: ignore[no-untyped-def]
    _, model, paints = _view(qtbot, 3)  # the rows do not fill the view: new rows show at once
    model.insert(3, 5)
    qtbot.wait(50)
    assert paints.count > 0
