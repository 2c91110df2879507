"""Helpers for the main-window tests: a logged-in MainWindow over the real Dovecot."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel

from acmail_desktop.ui.login import LoginResult
from acmail_desktop.ui.main_window import MainWindow
from acmail_desktop.ui.roles import Roles
from tests.support.accounts import account_of


def login(context: Any, acc: Any) -> LoginResult:
    provider = context.providers.get("local")
    account = account_of(provider, context.ssl_context(), acc, timeout=15)
    return LoginResult(account, account.open_imap())


def open_main(qtbot: Any, context: Any, acc: Any, *, show: bool = True) -> MainWindow:
    context.settings.set("privacy.mark_read_delay_s", 0.2)
    window = MainWindow(context, login(context, acc))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.messages_loaded, timeout=20000):
        if show:
            window.show()
    return window


def close_main(qtbot: Any, window: MainWindow) -> None:
    """Sign out as the application does: its compose windows close first (the question about their
    text is the logout's), so none is left to write a draft into an outbox closed with the session."""
    for compose in list(window.compose_windows):
        if not compose.sending:
            compose.close_without_saving()
    if not window.closing:
        with qtbot.waitSignal(window.logged_out, timeout=15000):
            window.logout()


def row_uids(window: MainWindow) -> list[int]:
    model = window.message_model
    return [model.index(r, 0).data(Roles.Uid) for r in range(model.rowCount())]


def subjects(window: MainWindow) -> list[str]:
    model = window.message_model
    return [model.index(r, 4).data() for r in range(model.rowCount())]


def select_row(window, row: int) -> None:  # type: ignore[no-untyped-def]
    """Click a row of the message list (current index and row selection, as a person does)."""
    view = window.message_view
    view.setCurrentIndex(window.message_model.index(row, 4))
    view.selectionModel().select(window.message_model.index(row, 0),
                                 QItemSelectionModel.SelectionFlag.ClearAndSelect
                                 | QItemSelectionModel.SelectionFlag.Rows)


def end_controller(qtbot: Any, controller: Any) -> None:
    """Quit a test's Controller as the application does, with nobody left to answer a question:
    signed out of every account, every window closed, its workers stopped."""
    from PySide6.QtWidgets import QApplication

    controller.before_logout_checks.clear()
    if controller.main_window is not None:
        controller.main_window.removeEventFilter(controller._close_guard)
        with qtbot.waitSignal(controller.main_window.logged_out, timeout=15000, raising=False):
            controller._logout("quit", quit_after=True)
    for widget in QApplication.topLevelWidgets():
        widget.close()
    controller.shutdown()
