"""Several accounts in the real main window over the real Dovecot and SMTP server (issue 21): a folder
tree per account with its unread count, the window following the account whose folder is chosen, a
reply sent from the account that received the original (checked on the delivered From), search and
the unified inbox over every account, signing out of the first account while the second stays."""

from __future__ import annotations

import email
import email.header
import email.utils
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from acmail_desktop.ui.app import Controller
from tests.ui.mailbox_support import end_controller, login, select_row, subjects

pytestmark = [pytest.mark.gui, pytest.mark.integration]


def _mail(n: int, subject: str, to: str, body: str = "Bonjour.", day: int = 2) -> bytes:
    return (f"From: Inspection <ien.secteur@acmail.test>\r\nTo: {to}\r\nSubject: {subject}\r\n"
            f"Date: Mon, {day} Nov 2026 08:00:00 +0100\r\nMessage-ID: <win-acc{n}-{day}@acmail.test>\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n").encode()


@pytest.fixture
def two_accounts(qtbot, make_context, make_account, mail_server) -> Iterator[tuple[Controller, Any, Any]]:  # type: ignore[no-untyped-def]
    first, second = make_account("moi"), make_account("college")
    mail_server.deliver(first.identifiant, _mail(1, "Conseil de classe", first.email))
    mail_server.deliver(second.identifiant, _mail(2, "Enquête rectorat", second.email, day=3))
    mail_server.deliver(second.identifiant, _mail(3, "Convocation", second.email, "Salle polyvalente.", day=4),
                        folder="Inspection")
    context = make_context()
    context.settings.set("privacy.mark_read_delay_s", -1)
    controller = Controller(context)
    controller.quit_application = lambda: None
    qtbot.addWidget(controller.show_login())
    controller._logged_in(login(context, first))
    window = controller.main_window
    qtbot.waitUntil(lambda: window.folder_model.rowCount() > 0 and window.message_model.rowCount() == 1,
                    timeout=20000)
    entry = controller.add_account(login(context, second))
    view = window.accounts_view
    qtbot.waitUntil(lambda: entry.key in view.panes and view.panes[entry.key].model.rowCount() > 0, timeout=20000)
    yield controller, first, second
    end_controller(qtbot, controller)


def test_a_tree_per_account_and_the_window_follows_the_account_chosen(qtbot, two_accounts) -> None:  # type: ignore[no-untyped-def]
    controller, first, second = two_accounts
    window = controller.main_window
    view = window.accounts_view
    key1, key2 = f"local:{first.identifiant}", f"local:{second.identifiant}"
    headers = [view.pane.sections[k].header for k in (key1, key2)]
    window.show()
    qtbot.waitExposed(window)
    assert all(h.isVisible() for h in headers)
    qtbot.waitUntil(lambda: headers[1].text() == f"{second.email} (1)", timeout=15000)
    assert headers[0].text() == f"{first.email} (1)"
    tree2 = view.panes[key2]
    names = tree2.model.names()
    assert "Inspection" in names
    # choosing the second account's subfolder puts that account on screen
    tree2.select("Inspection")
    qtbot.waitUntil(lambda: subjects(window) == ["Convocation"], timeout=15000)
    assert view.active == key2 and window.account.identity.key == key2 and window.mailbox is tree2.mailbox
    assert window.server_status.text().startswith(second.email)
    assert window.windowTitle() == f"(1) AcMail — {second.email}"
    select_row(window, 0)
    qtbot.waitUntil(lambda: "polyvalente" in window.reader.body.toPlainText(), timeout=15000)
    # back to the first account's inbox
    view.panes[key1].select("INBOX")
    qtbot.waitUntil(lambda: subjects(window) == ["Conseil de classe"], timeout=15000)
    assert view.active == key1 and window.mailbox is view.panes[key1].mailbox
    # folding the second account leaves only its header
    qtbot.keyClick(headers[1], Qt.Key.Key_Space)
    assert not tree2.view.isVisible() and view.panes[key1].view.isVisible()


def test_reply_in_the_window_goes_from_the_receiving_account(qtbot, two_accounts, mail_server) -> None:  # type: ignore[no-untyped-def]
    controller, first, second = two_accounts
    window = controller.main_window
    view = window.accounts_view
    view.panes[f"local:{second.identifiant}"].select("INBOX")
    qtbot.waitUntil(lambda: subjects(window) == ["Enquête rectorat"], timeout=15000)
    select_row(window, 0)
    qtbot.waitUntil(lambda: window.reader.uid is not None, timeout=15000)
    before = len(window.compose_windows)
    window.reply_action.trigger()
    qtbot.waitUntil(lambda: len(window.compose_windows) == before + 1, timeout=15000)
    compose = window.compose_windows[-1]
    assert compose.account.identity.identifiant == second.identifiant
    assert compose.sender()[1] == second.email
    mail_server.smtp_messages.clear()
    compose.to_edit.setText(first.email)  # a mailbox the test SMTP server delivers to
    compose.body.setPlainText("Réponse du collège.")
    with qtbot.waitSignal(compose.sent_copy_done, timeout=30000):  # the copy in the second account's Sent
        compose.send()

    def replies() -> list[Any]:
        return [m for m in mail_server.smtp_messages
                if "Enquête" in str(email.header.make_header(email.header.decode_header(
                    email.message_from_bytes(m.raw)["Subject"] or "")))]

    qtbot.waitUntil(lambda: bool(replies()), timeout=30000)
    (sent,) = replies()
    assert email.utils.parseaddr(email.message_from_bytes(sent.raw)["From"])[1] == second.email
    assert sent.login == second.identifiant
    sent_folder = mail_server.folder_path(second.identifiant, "Sent")
    assert [f for sub in ("new", "cur") for f in (sent_folder / sub).glob("*")]  # its own Sent copy
    first_sent = mail_server.folder_path(first.identifiant, "Sent")
    assert not [f for sub in ("new", "cur") for f in (first_sent / sub).glob("*")]


def test_search_and_unified_inbox_from_the_window_cover_every_account(qtbot, two_accounts) -> None:  # type: ignore[no-untyped-def]
    controller, first, second = two_accounts
    window = controller.main_window
    view = window.accounts_view
    search = window.open_search()
    qtbot.addWidget(search)
    assert search.scope_combo.currentData() == "everything"
    assert {label for label, _mb in search.accounts} == {first.email, second.email}
    search.text_edit.setText("polyvalente")
    search.start_search()
    qtbot.waitUntil(lambda: search.results.topLevelItemCount() == 1 and "trouvé" in search.status_label.text()
                    and "serveur…" not in search.status_label.text(), timeout=20000)
    assert search.results.topLevelItem(0).text(4) == second.email
    # opening it puts the second account on screen, in its folder
    search.results.setCurrentItem(search.results.topLevelItem(0))
    qtbot.keyClick(search.results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "polyvalente" in window.reader.body.toPlainText(), timeout=15000)
    assert view.active == f"local:{second.identifiant}" and window.current_folder == "Inspection"
    search.close()
    view.unified_action.trigger()
    unified = view.unified_window
    qtbot.waitUntil(lambda: unified.results.topLevelItemCount() == 2, timeout=15000)
    assert [unified.results.topLevelItem(i).text(2) for i in range(2)] == ["Enquête rectorat", "Conseil de classe"]
    unified.close()


def test_signing_out_of_the_first_account_keeps_the_second_on_screen(qtbot, two_accounts, mail_server) -> None:  # type: ignore[no-untyped-def]
    controller, first, second = two_accounts
    window = controller.main_window
    view = window.accounts_view
    key1, key2 = f"local:{first.identifiant}", f"local:{second.identifiant}"
    first_mailbox = view.panes[key1].mailbox
    with qtbot.waitSignal(controller.accounts.removed, timeout=15000):
        assert controller.sign_out_account(key1)
    assert controller.main_window is window and view.active == key2 and window.mailbox is not first_mailbox
    assert first_mailbox.closed and list(view.panes) == [key2]
    # still listed, not signed in: its section offers to sign in again
    assert key1 in view.pane.sections
    qtbot.waitUntil(lambda: subjects(window) == ["Enquête rectorat"], timeout=15000)
    # the second account still gets its mail
    qtbot.waitUntil(lambda: window.mailbox.idle is not None and window.mailbox.idle.running, timeout=20000)
    mail_server.deliver(second.identifiant, _mail(9, "Après la déconnexion", second.email, day=9))
    qtbot.waitUntil(lambda: "Après la déconnexion" in subjects(window), timeout=20000)


def test_compose_from_is_the_account_on_screen_and_switchable(qtbot, two_accounts, mail_server) -> None:  # type: ignore[no-untyped-def]
    controller, first, second = two_accounts
    window = controller.main_window
    compose = window.composer.compose_new()
    combo = compose.from_combo
    assert combo.count() == 2 and combo.currentData() == f"local:{first.identifiant}"
    assert compose.sender()[1] == first.email
    combo.setCurrentIndex(1)  # from the school's mailbox instead
    assert compose.account.identity.identifiant == second.identifiant and compose.sender()[1] == second.email
    compose.to_edit.setText(first.email)
    compose.subject_edit.setText("Depuis la boîte du collège")
    compose.body.setPlainText("Bonjour.")
    mail_server.smtp_messages.clear()
    with qtbot.waitSignal(compose.sent_copy_done, timeout=30000):
        compose.send()
    (sent,) = mail_server.smtp_messages
    assert sent.login == second.identifiant
    assert email.utils.parseaddr(email.message_from_bytes(sent.raw)["From"])[1] == second.email
    sent_folder = mail_server.folder_path(second.identifiant, "Sent")
    assert [f for sub in ("new", "cur") for f in (sent_folder / sub).glob("*")]


def test_messages_dropped_on_another_accounts_tree_are_not_moved(qtbot, two_accounts) -> None:  # type: ignore[no-untyped-def]
    controller, first, second = two_accounts
    window = controller.main_window
    view = window.accounts_view
    key1, key2 = f"local:{first.identifiant}", f"local:{second.identifiant}"
    moved: list[tuple[str, list[int], str]] = []
    window.message_actions.move_messages = lambda source, uids, dest: moved.append((source, uids, dest))
    # the first account is on screen: a drop on the second account's tree does nothing
    view.panes[key2].model.messages_dropped.emit("INBOX", [1], "Inspection")
    assert moved == []
    view.panes[key1].model.messages_dropped.emit("INBOX", [1], "Archives")
    assert moved == [("INBOX", [1], "Archives")]
    view.panes[key2].select("INBOX")
    qtbot.waitUntil(lambda: view.active == key2, timeout=10000)
    view.panes[key1].model.messages_dropped.emit("INBOX", [1], "Archives")
    assert moved == [("INBOX", [1], "Archives")]


def test_the_window_opens_on_the_folder_tree_and_tab_goes_left_to_right(qtbot, two_accounts) -> None:  # type: ignore[no-untyped-def]
    """The accounts' trees are made after the other panes: without putting the tree back first, the
    window opened with the quick filter focused and Tab skipped the folders (seen on the real acmail)."""
    controller, _first, _second = two_accounts
    window = controller.main_window
    window.activateWindow()
    tree = window.accounts_view.panes[window.accounts_view.active].view
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tree, timeout=5000)
    pane = window.accounts_view.pane
    order = [tree]
    for _ in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    # The other account's header and tree, then the filter and the list, in that order.
    second = next(s for s in pane.sections.values() if s.view is not tree)
    assert order[1:5] == [second.header, second.view, window.filter_edit, window.message_view]
