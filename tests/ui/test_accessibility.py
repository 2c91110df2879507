"""Every interactive widget of every window has an accessible name and a role (#19): a screen reader
(Orca, NVDA) can say what each field and button is. The test walks each window through QAccessible,
as an assistive technology does, not through our own attributes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

pytestmark = [pytest.mark.gui, pytest.mark.integration]
INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QTextEdit, QPlainTextEdit,
               QAbstractSpinBox, QAbstractSlider, QTabBar)


def unnamed(window: QWidget) -> list[str]:
    """Interactive widgets the accessibility tree gives no name or no role, described for a person."""
    problems = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(window):
            continue
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus and not isinstance(widget, QAbstractButton):
            continue
        if type(widget).__name__ in ("QScrollBar",) or widget.objectName().startswith("qt_") or \
                isinstance(widget.parentWidget(), QLineEdit):
            continue  # a view's own scroll bars, Qt's internal helpers, a field's clear button (mouse only)
        iface = QAccessible.queryAccessibleInterface(widget)
        name = iface.text(QAccessible.Text.Name).strip() if iface is not None else ""
        role = iface.role() if iface is not None else QAccessible.Role.NoRole
        if not name or role in (QAccessible.Role.NoRole, QAccessible.Role.Client):
            parent = widget.parentWidget()
            problems.append(f"{type(widget).__name__}#{widget.objectName()} in "
                            f"{type(parent).__name__ if parent else '-'}#{parent.objectName() if parent else ''}")
    return problems


def test_every_window_names_its_controls(qtbot, make_context, make_account, mail_server, app_paths) -> None:  # type: ignore[no-untyped-def]
    from acmail_desktop.core.providers import bundled_providers_dir, load_providers
    from acmail_desktop.ui.about import AboutDialog
    from acmail_desktop.ui.diagnostics_wizard import DiagnosticsWizard
    from acmail_desktop.ui.first_run import FirstRunWizard
    from acmail_desktop.ui.help_window import HelpWindow
    from acmail_desktop.ui.login import LoginWindow
    from acmail_desktop.ui.settings_dialog import SettingsDialog
    from tests.support.seed import seed_demo_mailbox
    from tests.ui.mailbox_support import close_main, open_main

    context = make_context()
    provider = load_providers([bundled_providers_dir()]).get("aix-marseille")
    windows: dict[str, QWidget] = {
        "login": LoginWindow(context),
        "first-run": FirstRunWizard(context),
        "settings": SettingsDialog(context),
        "diagnostics": DiagnosticsWizard(context, "local", "fdurand"),
        "about": AboutDialog(app_paths, provider_id="local", servers="imap.x:993", keyring_backend="x"),
        "help": HelpWindow(provider, "fdurand", "f.durand@ac-aix-marseille.fr"),
    }
    acc = make_account("a11y")
    seed_demo_mailbox(mail_server, acc.identifiant)
    main = open_main(qtbot, make_context(), acc)
    found: dict[str, list[str]] = {}
    try:
        model = main.message_model
        with qtbot.waitSignal(main.message_shown, timeout=15000):
            main.select_uid(model.uid_at(0))
        windows["main"] = main
        windows["compose"] = main.composer.compose_new()
        for name, window in windows.items():
            if name != "main":
                qtbot.addWidget(window)
            window.show()
            QApplication.processEvents()
            problems = unnamed(window)
            if name == "first-run":  # each page of the assistant in turn
                for _ in range(2):
                    window.next()  # type: ignore[attr-defined]
                    QApplication.processEvents()
                    problems += unnamed(window)
            if problems:
                found[name] = problems
        # List rows say sender, subject, date, unread and attachment state as text.
        row = next(r for r in range(model.rowCount()) if model.row_info(r)["has_attachments"])
        text = model.index(row, 4).data(Qt.ItemDataRole.AccessibleTextRole)
        info = model.row_info(row)
        assert info["subject"] in text and (info["from_name"] or info["from_addr"]) in text
        assert "pièce" in text and ("non lu" in text or "lu" in text), text
    finally:
        windows.get("compose") and windows["compose"].close()  # type: ignore[func-returns-value]
        close_main(qtbot, main)
    assert found == {}
