"""A keyboard focus you can see from across the room.

Fusion's focus rectangle is a faint 1-pixel line and its item views show no focus at all, so a
person using the keyboard loses track of where the next key goes. `FocusStyle` draws every focus
rectangle as a 2-pixel outline in the highlight colour (buttons, check boxes, list items), and the
panes of a window (`mark_pane`) get a 2-pixel highlight border while they hold the focus.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

FOCUS_WIDTH = 2


def _always_shown(option: QStyleOption) -> None:
    """Fusion draws a focus only after a Tab key press in that window: a field focused for the
    user (the next page of the assistant, the login window after it) showed none. With focus, the
    indicator is drawn, whatever moved it there."""
    if option.state & QStyle.StateFlag.State_HasFocus:
        option.state |= QStyle.StateFlag.State_KeyboardFocusChange


class FocusStyle(QProxyStyle):
    """The application's style with a thick, always drawn focus rectangle."""

    def drawComplexControl(self, control: QStyle.ComplexControl, option: QStyleOption,  # type: ignore[override]
                           painter: QPainter, widget: QWidget | None = None) -> None:
        _always_shown(option)
        super().drawComplexControl(control, option, painter, widget)  # type: ignore[arg-type]

    def drawControl(self, element: QStyle.ControlElement, option: QStyleOption, painter: QPainter,
                    widget: QWidget | None = None) -> None:
        _always_shown(option)
        super().drawControl(element, option, painter, widget)

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter,
                      widget: QWidget | None = None) -> None:
        _always_shown(option)
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect:
            if not option.state & QStyle.StateFlag.State_HasFocus and widget is not None \
                    and not widget.hasFocus():
                return
            painter.save()
            pen = QPen(option.palette.color(QPalette.ColorRole.Highlight), FOCUS_WIDTH)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
            painter.restore()
            return
        super().drawPrimitive(element, option, painter, widget)


def install_focus_style(app: QApplication) -> None:
    """Wrap the current style once (idempotent: tests create windows many times)."""
    if not isinstance(app.style(), FocusStyle):
        app.setStyle(FocusStyle(app.style().name()))


def pane_style(selector: str, extra: str = "") -> str:
    """Style sheet for a pane: a border kept transparent (no jump) that turns to the highlight
    colour while the pane has the focus."""
    return (f"{selector} {{ border: {FOCUS_WIDTH}px solid transparent; }} "
            f"{selector}:focus {{ border: {FOCUS_WIDTH}px solid palette(highlight); }} {extra}")


def mark_pane(widget: QWidget, extra: str = "") -> None:
    name = widget.objectName()
    assert name, "a pane needs an objectName for its style sheet"
    widget.setStyleSheet(pane_style(f"#{name}", extra))
