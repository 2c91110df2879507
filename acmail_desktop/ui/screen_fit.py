"""Windows open at a comfortable size, never larger than the screen they open on.

Schools have 1024x600 netbooks and 1366x768 laptops at 125 % scaling: a window opened at its
preferred size there put *Se déconnecter*, the send button or the status bar off screen. Every
top-level window sizes itself through `fit_to_screen` (tests/ui/test_small_screens.py measures each
one against those two screens). `install_screen_fit` does it for every window the application shows.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

# Room the window manager takes around a window: title bar and borders (openbox, GNOME, Xfce: 20-37
# px of title bar); the frame Qt reports is used instead once the window is shown.
DECORATION = QSize(12, 40)


def available_area(widget: QWidget) -> QRect:
    """The part of the widget's screen that windows may use (without the desktop panels)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 600)


def fit_to_screen(window: QWidget, preferred: QSize, area: QRect | None = None) -> QSize:
    """Resize `window` to `preferred`, shrunk to what `area` (default: its screen) leaves once the
    window manager's frame is counted; returns the size given."""
    area = area if area is not None else available_area(window)
    frame = window.frameGeometry().size() - window.geometry().size() if window.isVisible() else QSize()
    decoration = frame.expandedTo(DECORATION) if frame.isValid() else DECORATION
    room = area.size() - decoration
    size = QSize(min(preferred.width(), room.width()), min(preferred.height(), room.height()))
    if size != window.size():
        window.resize(size)
    if window.isVisible():
        keep_inside(window, area)
    return size


# The window manager's title bar: its icon and buttons (openbox, GNOME, Xfce: 90-140 px) and margins.
TITLE_BAR_EXTRA = 140


def title_width(window: QWidget) -> int:
    """Width a dialog needs for the window manager to show its whole title: a small dialog (an
    input box) had its title cut, "Nouve…dossier". The title bar's font is usually bold."""
    font = QFont(window.font())
    font.setBold(True)
    return QFontMetrics(font).horizontalAdvance(window.windowTitle()) + TITLE_BAR_EXTRA


def keep_inside(window: QWidget, area: QRect | None = None) -> None:
    """Move a shown window whose frame overflows its screen's free area back inside it."""
    area = area if area is not None else available_area(window)
    frame = window.frameGeometry()
    if area.contains(frame):
        return
    left = max(area.left(), min(frame.left(), area.right() + 1 - frame.width()))
    top = max(area.top(), min(frame.top(), area.bottom() + 1 - frame.height()))
    window.move(left, top)  # move() places the frame's top-left corner


class ScreenFitter(QObject):
    """Application event filter: any top-level window about to show larger than its screen allows
    (a window's preferred size, a dialog grown by its content, Qt's own dialogs) is shrunk to fit,
    and once the window manager has placed it (it moves it, often lower than the room left), it is
    moved back inside the screen. One place for the whole class of window, not a resize per window."""

    PLACEMENT_SECONDS = 2.0  # moves after a show that come from the window manager's placement

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._placing: dict[int, float] = {}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.Show, QEvent.Type.Move) or not isinstance(watched, QWidget) \
                or not watched.isWindow():
            return False
        maximised = Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen
        if watched.windowType() not in (Qt.WindowType.Window, Qt.WindowType.Dialog) or \
                watched.windowState() & maximised:
            return False
        if kind == QEvent.Type.Show:
            size = watched.size()
            if watched.windowType() == Qt.WindowType.Dialog:
                size = size.expandedTo(QSize(title_width(watched), 0))
            fit_to_screen(watched, size)
            self._placing[id(watched)] = time.monotonic() + self.PLACEMENT_SECONDS
        elif time.monotonic() < self._placing.get(id(watched), 0.0):
            keep_inside(watched)
        return False


def install_screen_fit(app: QApplication) -> ScreenFitter:
    """Once per application (tests create many windows, not many applications)."""
    fitter = app.findChild(ScreenFitter)
    if fitter is None:
        fitter = ScreenFitter(app)
        app.installEventFilter(fitter)
    return fitter
