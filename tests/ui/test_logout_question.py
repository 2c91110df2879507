"""The question before a logout with a compose window holding text, and what each answer does.

Real Controller, main window and compose window against the local Dovecot (normal mode here; the
shared-machine mode goes through the same check, see tests/e2e/test_shared_session_ends.py).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from acmail_desktop.ui.app import Controller, LogoutChoice
from tests.ui.mailbox_support import login

pytestmark = [pytest.mark.integration, pytest.mark.gui]


@pytest.fixture
def signed_in(qtbot: Any, make_context: Any, make_account: Any) -> Iterator[tuple[Controller, Any]]:
    account = make_account("bye")
    context = make_context()
    controller = Controller(context)
    controller.quit_requests = []  # type: ignore[attr-defined]
    controller.quit_application = lambda: controller.quit_requests.append("quit")  # type: ignore[attr-defined]
    qtbot.addWidget(controller.show_login())
    controller._logged_in(login(context, account))
    window = controller.main_window
    assert window is not None
    qtbot.waitUntil(lambda: window.folder_model.rowCount() > 0, timeout=15_000)
    yield controller, account
    controller.before_logout_checks.clear()  # nobody left to answer a question
    if controller.main_window is not None:
        controller.main_window.removeEventFilter(controller._close_guard)
    for widget in QApplication.topLevelWidgets():
        widget.close()
    controller.shutdown()


def write_a_draft(qtbot: Any, controller: Controller, subject: str) -> Any:
    window = controller.main_window
    assert window is not None
    compose = window.composer.compose_new()
    qtbot.addWidget(compose)
    compose.to_edit.setText("parent@exemple.test")
    compose.subject_edit.setText(subject)
    compose.body.setPlainText("Votre enfant était absent ce matin.")
    return compose


def answer(choice: str, seen: list[str]) -> None:
    """Click `choice` in the question when it comes (it runs a nested event loop)."""
    def click() -> None:
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == "beforeLogoutBox" and widget.isVisible():
                seen.append(widget.text())
                widget.choice_buttons[choice].click()  # type: ignore[attr-defined]
                return
        QTimer.singleShot(50, click)

    QTimer.singleShot(50, click)


def server_drafts(mail_server: Any, account: Any) -> list[bytes]:
    folder = mail_server.folder_path(account.identifiant, "Drafts")
    return [f.read_bytes() for sub in ("new", "cur") for f in (folder / sub).glob("*")]


def test_save_puts_the_draft_in_the_servers_drafts_and_closes_every_window(qtbot: Any, signed_in: Any,
                                                                           mail_server: Any) -> None:
    controller, account = signed_in
    compose = write_a_draft(qtbot, controller, "Absence de Lucas")
    seen: list[str] = []
    answer(LogoutChoice.SAVE, seen)
    assert controller.request_logout("user")
    assert seen and "1 brouillon" in seen[0]
    qtbot.waitUntil(lambda: controller.main_window is None, timeout=15_000)
    qtbot.waitUntil(lambda: any(b"Absence de Lucas" in raw for raw in server_drafts(mail_server, account)),
                    timeout=10_000)
    assert not compose.isVisible()
    # Back to a login window cleared of the session; nothing else of the previous user on screen.
    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert visible == [controller.login_window]
    assert controller.login_window.status.text() == ""
    assert controller.quit_requests == []  # type: ignore[attr-defined]


def test_discard_drops_the_text_everywhere(qtbot: Any, signed_in: Any, mail_server: Any) -> None:
    controller, account = signed_in
    compose = write_a_draft(qtbot, controller, "Brouillon à jeter")
    with qtbot.waitSignal(compose.draft_saved, timeout=5_000):
        compose.save_local_draft()
    database = controller.context.paths.data_dir / "outbox.sqlite3"
    assert local_drafts(database) == 1
    answer(LogoutChoice.DISCARD, [])
    assert controller.request_logout("user")
    qtbot.waitUntil(lambda: controller.main_window is None, timeout=15_000)
    assert not any("Brouillon à jeter".encode() in raw for raw in server_drafts(mail_server, account))
    assert not compose.isVisible()
    assert local_drafts(database) == 0


def test_stay_keeps_the_session_and_the_window(qtbot: Any, signed_in: Any) -> None:
    controller, _account = signed_in
    compose = write_a_draft(qtbot, controller, "Je reste")
    answer(LogoutChoice.CANCEL, [])
    assert not controller.request_logout("user")
    assert controller.main_window is not None and compose.isVisible()
    # Closing the main window (its × through the window manager) asks the same question.
    answer(LogoutChoice.CANCEL, [])
    controller.main_window.close()
    qtbot.wait(300)
    assert controller.main_window is not None and controller.main_window.isVisible()
    assert controller.quit_requests == []  # type: ignore[attr-defined]


def test_quit_asks_then_exits(qtbot: Any, signed_in: Any, mail_server: Any) -> None:
    controller, account = signed_in
    write_a_draft(qtbot, controller, "Avant de quitter")
    answer(LogoutChoice.SAVE, [])
    assert controller.request_quit("quit")
    qtbot.waitUntil(lambda: controller.quit_requests == ["quit"], timeout=15_000)  # type: ignore[attr-defined]
    assert any(b"Avant de quitter" in raw for raw in server_drafts(mail_server, account))
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == []


def test_nobody_there_saves_without_asking(qtbot: Any, signed_in: Any, mail_server: Any) -> None:
    """SIGTERM, SIGHUP, the desktop logging out: no question, the text goes to the server, then exit."""
    controller, account = signed_in
    write_a_draft(qtbot, controller, "Fin de session")
    controller.end_session("SIGTERM")
    qtbot.waitUntil(lambda: controller.quit_requests == ["quit"], timeout=15_000)  # type: ignore[attr-defined]
    assert any(b"Fin de session" in raw for raw in server_drafts(mail_server, account))


def local_drafts(database: Any) -> int:
    with contextlib.closing(sqlite3.connect(database)) as db:
        return int(db.execute("SELECT COUNT(*) FROM drafts").fetchone()[0])

