"""Windows open at a comfortable size, never larger than the screen they open on.

Schools have 1024x600 netbooks and 1366x768 laptops at 125 % scaling: a window opened at its
preferred size there put *Se déconnecter*, the send button or the status bar off screen. Every
top-level window sizes itself through `fit_to_screen` (tests/ui/test_small_screens.py measures each
one against those two screens). `install_screen_fit` does it for every window the application shows.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
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
        geometry = window.frameGeometry()
        if not area.contains(geometry):
            window.move(max(area.left(), min(geometry.left(), area.right() - geometry.width())),
                        max(area.top(), min(geometry.top(), area.bottom() - geometry.height())))
    return size


class ScreenFitter(QObject):
    """Application event filter: any top-level window about to show larger than its screen allows
    (a window's preferred size, a dialog grown by its content, Qt's own dialogs) is shrunk to fit
    and moved inside it. One place for the whole class of window, not a resize per window."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            maximised = Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen
            if watched.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog) and not (
                    watched.windowState() & maximised):
                fit_to_screen(watched, watched.size())
        return False


def install_screen_fit(app: QApplication) -> ScreenFitter:
    """Once per application (tests create many windows, not many applications)."""
    fitter = app.findChild(ScreenFitter)
    if fitter is None:
        fitter = ScreenFitter(app)
        app.installEventFilter(fitter)
    return fitter
