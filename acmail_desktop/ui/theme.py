"""The colour theme setting (display.theme: system, light, dark) applied to the whole application.

"system" keeps the platform's style and palette; "light" and "dark" use Qt's Fusion style with a
palette of our own, so the choice looks the same on every desktop. HTML mail is drawn on a light
page whatever the theme (`MessageBrowser`): it is designed for one, and inverting its colours
would make text the sender coloured for a white page unreadable.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

_system: tuple[str, QPalette] | None = None


def _palette(dark: bool) -> QPalette:
    palette = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    colours = {
        role.Window: "#2b2d30" if dark else "#f3f3f3",
        role.WindowText: "#e8eaed" if dark else "#202124",
        role.Base: "#1f2023" if dark else "#ffffff",
        role.AlternateBase: "#2a2c30" if dark else "#f5f7fa",
        role.Text: "#e8eaed" if dark else "#202124",
        role.Button: "#3a3c40" if dark else "#f0f0f0",
        role.ButtonText: "#e8eaed" if dark else "#202124",
        role.Highlight: "#4c8bf5" if dark else "#1a73e8",
        role.HighlightedText: "#ffffff",
        role.Link: "#8ab4f8" if dark else "#1a0dab",
        role.LinkVisited: "#c58af9" if dark else "#681da8",
        role.ToolTipBase: "#3c4043" if dark else "#ffffe1",
        role.ToolTipText: "#e8eaed" if dark else "#202124",
        role.PlaceholderText: "#9aa0a6" if dark else "#80868b",
        role.Mid: "#5f6368" if dark else "#c4c7c5",
        role.Dark: "#9aa0a6" if dark else "#5f6368",
        role.Light: "#4a4d52" if dark else "#ffffff",
        role.Shadow: "#000000",
        role.BrightText: "#ff8a80",
    }
    for colour_role, value in colours.items():
        palette.setColor(colour_role, QColor(value))
    for colour_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(group.Disabled, colour_role, QColor("#7f8388" if dark else "#a0a4a8"))
    return palette


def apply_theme(app: QApplication, theme: str) -> None:
    """Apply `theme` now to every window, open or future (the focus style is kept)."""
    from acmail_desktop.ui.focus import FocusStyle

    global _system
    if _system is None:
        _system = (app.style().name(), app.palette())
    if theme in ("light", "dark"):
        app.setStyle(FocusStyle("Fusion"))
        app.setPalette(_palette(theme == "dark"))
    else:
        name, palette = _system
        app.setStyle(FocusStyle(name))
        app.setPalette(palette)
    # Style sheets resolve palette(...) when they are applied: apply them again.
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet("")
            widget.setStyleSheet(sheet)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128
