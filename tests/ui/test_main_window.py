"""The main window with real widgets over the real Dovecot: folders, list, reader, operations."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from acmail_desktop.core.rows import FLAGGED, SEEN
from acmail_desktop.ui.models.folders import MESSAGES_MIME
from acmail_desktop.ui.roles import Roles
from tests.support.seed import seed_demo_mailbox
from tests.ui.mailbox_support import close_main, open_main, row_uids, select_row, subjects

pytestmark = [pytest.mark.gui, pytest.mark.integration]


def _flags(window, folder: str, uid: int) -> int:  # type: ignore[no-untyped-def]
    info = window.store.message(folder, uid)
    assert info is not None
    return int(info["flags"])


def test_seeded_mailbox_folders_list_sort_filter(qtbot, make_context, make_account, mail_server) -> None:  # type: ignore[no-untyped-def]
    acc = make_account("mw")
    seed_demo_mailbox(mail_server, acc.identifiant)
    window = open_main(qtbot, make_context(), acc)
    try:
        tree = window.folder_model
        top = [tree.index(r, 0).data() for r in range(tree.rowCount())]
        assert top[:6] == ["Boîte de réception", "Brouillons", "Envoyés", "Archives", "Indésirables",
                           "Corbeille"]
        assert "Classes" in top and tree.index_of("Classes/6eB").parent().data() == "Classes"
        assert window.message_model.rowCount() == 40
        assert window.windowTitle().startswith("(8) AcMail")
        assert tree.index_of("INBOX").data(Roles.Unread) == 8
        assert window.message_model.headerData(3, Qt.Orientation.Horizontal) == "De"
        assert window.online_label.text() == "en ligne"
        # Sort by subject, both ways, keeping the selected message selected.
        select_row(window, 5)
        chosen = window.selected_uids()
        window.message_view.sortByColumn(4, Qt.SortOrder.AscendingOrder)
        names = subjects(window)
        assert names == sorted(names, key=lambda s: s.removeprefix("Re: ").casefold()) or names[0] <= names[-1]
        assert window.selected_uids() == chosen
        window.message_view.sortByColumn(5, Qt.SortOrder.DescendingOrder)
        # Quick filter as you type (FTS over cached headers) and the unread toggle.
        qtbot.keyClicks(window.filter_edit, "brevet")
        qtbot.waitUntil(lambda: window.message_model.filter.text == "brevet", timeout=3000)
        assert 0 < window.message_model.rowCount() < 40
        assert all("brevet" in s.lower() for s in subjects(window))
        window.filter_edit.clear()
        window.unread_toggle.setChecked(True)
        assert window.message_model.rowCount() == 8
        window.unread_toggle.setChecked(False)
        assert window.message_model.rowCount() == 40
        # Conversation view (Affichage > Conversations): each thread's messages are together.
        window.conversation_action.setChecked(True)
        keys = [window.message_model.index(r, 0).data(Roles.ThreadKey) for r in range(40)]
        assert len([k for i, k in enumerate(keys) if i == 0 or keys[i - 1] != k]) == len(set(keys))
        assert window.context.settings.get("display.conversation_view") is True
        window.conversation_action.setChecked(False)
        # Server-side search in the bodies (not in the cached headers).
        window.filter_edit.setText("verrouillé")
        qtbot.waitUntil(lambda: window.message_model.filter.text == "verrouillé", timeout=3000)
        assert window.message_model.rowCount() == 0, "not in any subject or sender"
        with qtbot.waitSignal(window.operation_done, timeout=15000) as found:
            window.body_search_button.click()
        assert found.args == ["search"]
        hits = window.message_model.rowCount()
        assert 0 < hits < 40 and "trouvé" in window.statusBar().currentMessage()
        window.filter_edit.clear()
        qtbot.waitUntil(lambda: window.message_model.rowCount() == 40, timeout=3000)
        # Keyboard only: Down then Enter reads the message, Escape comes back to the list.
        window.message_view.setFocus()
        window.message_view.setCurrentIndex(window.message_model.index(0, 4))
        with qtbot.waitSignal(window.message_shown, timeout=15000):
            qtbot.keyClick(window.message_view, Qt.Key.Key_Down)
        qtbot.keyClick(window.message_view, Qt.Key.Key_Return)
        assert window.reader.body.hasFocus() or QApplication.focusWidget() is window.reader.body
        qtbot.keyClick(window.reader.body, Qt.Key.Key_Escape)
        assert QApplication.focusWidget() is window.message_view
        # Another folder.
        with qtbot.waitSignal(window.messages_loaded, timeout=15000):
            window.folder_view.setCurrentIndex(tree.index_of("Classes/6eB"))
        assert window.message_model.rowCount() == 4
        # Folder management (what the tree's context menu calls).
        with qtbot.waitSignal(window.folders_loaded, timeout=15000):
            window.folders.create_folder("Classes/3eC")
        assert window.folder_model.index_of("Classes/3eC").parent().data() == "Classes"
        with qtbot.waitSignal(window.folders_loaded, timeout=15000):
            window.folders.rename_folder("Classes/3eC", "Classes/3eD")
        assert not window.folder_model.index_of("Classes/3eC").isValid()
        assert window.folder_model.index_of("Classes/3eD").isValid()
        with qtbot.waitSignal(window.folders_loaded, timeout=15000):
            window.folders.delete_folder("Classes/3eD")
        assert not window.folder_model.index_of("Classes/3eD").isValid()
    finally:
        close_main(qtbot, window)


def test_read_flag_delete_undo_move_archive(qtbot, make_context, make_account, mail_server) -> None:  # type: ignore[no-untyped-def]
    acc = make_account("ops")
    seed_demo_mailbox(mail_server, acc.identifiant)
    window = open_main(qtbot, make_context(), acc)
    try:
        # Showing an unread message marks it read after the delay (setting), on the server too.
        unread_row = next(r for r in range(40) if not window.message_model.index(r, 0).data(Roles.Seen))
        uid = window.message_model.index(unread_row, 0).data(Roles.Uid)
        with qtbot.waitSignal(window.message_shown, timeout=15000):
            select_row(window, unread_row)
        with qtbot.waitSignal(window.operation_done, timeout=15000):
            pass
        assert _flags(window, "INBOX", uid) & SEEN
        assert window.windowTitle().startswith("(7)")
        with qtbot.waitSignal(window.operation_done, timeout=15000):
            window.mark_unread_action.trigger()
        assert not _flags(window, "INBOX", uid) & SEEN
        with qtbot.waitSignal(window.operation_done, timeout=15000):
            window.flag_action.trigger()
        assert _flags(window, "INBOX", uid) & FLAGGED
        assert window.selected_uids() == [uid], "the selection follows the message across refreshes"
        # Delete two (to the Corbeille), then undo.
        first_two = row_uids(window)[:2]
        ids = [window.message_model.index(r, 0).data(Roles.MessageId) for r in range(2)]
        window.message_view.selectRow(0)
        window.message_view.selectionModel().select(window.message_model.index(1, 0),
                                                    QItemSelectionModel.SelectionFlag.Select
                                                    | QItemSelectionModel.SelectionFlag.Rows)
        assert sorted(window.selected_uids()) == sorted(first_two)
        with qtbot.waitSignal(window.operation_done, timeout=15000) as done:
            qtbot.keyClick(window.message_view, Qt.Key.Key_Delete)
        assert done.args == ["delete"]
        assert window.message_model.rowCount() == 38
        assert window.folder_model.index_of("Trash").data(Roles.Total) == 3 + 2
        assert "Corbeille" in window.statusBar().currentMessage()
        with qtbot.waitSignal(window.operation_done, timeout=15000):
            qtbot.keyClick(window.message_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert window.message_model.rowCount() == 40
        back = {window.message_model.index(r, 0).data(Roles.MessageId) for r in range(40)}
        assert set(ids) <= back, "the same messages are back (with new UIDs)"
        assert window.folder_model.index_of("Trash").data(Roles.Total) == 3
        # Move by drag and drop onto a folder of the tree.
        select_row(window, 0)  # after Delete the next message stayed selected: select only this one
        moved = window.selected_uids()
        data = window.message_model.mimeData([window.message_model.index(0, 0)])
        target = window.folder_model.index_of("Classes/6eB")
        rect = window.folder_view.visualRect(target)
        drop = QDropEvent(rect.center().toPointF(), Qt.DropAction.MoveAction, data, Qt.MouseButton.LeftButton,
                          Qt.KeyboardModifier.NoModifier)
        with qtbot.waitSignal(window.operation_done, timeout=15000) as done:
            window.folder_view.dropEvent(drop)
        assert done.args == ["move"]
        assert moved[0] not in row_uids(window)
        assert window.folder_model.index_of("Classes/6eB").data(Roles.Total) == 5
        # Archive.
        select_row(window, 0)
        with qtbot.waitSignal(window.operation_done, timeout=15000) as done:
            window.archive_action.trigger()
        assert done.args == ["archive"] and window.message_model.rowCount() == 38
        assert window.folder_model.index_of("Archive").data(Roles.Total) == 7
        assert data.hasFormat(MESSAGES_MIME)
    finally:
        close_main(qtbot, window)


def _find_row(window, predicate) -> int:  # type: ignore[no-untyped-def]
    for row in range(window.message_model.rowCount()):
        if predicate(window.message_model.row_info(row)):
            return row
    raise AssertionError("no such message")


def test_screenshots_of_the_seeded_mailbox(shots, qtbot, make_context, make_account, mail_server) -> None:  # type: ignore[no-untyped-def]
    """Not a pixel comparison: the PNGs are looked at (issue 4); this checks what they must show."""
    acc = make_account("shot")
    seed_demo_mailbox(mail_server, acc.identifiant)
    window = open_main(qtbot, make_context(), acc)
    try:
        window.resize(1280, 800)
        # An HTML-only message, shown formatted.
        html_row = None
        for row in range(window.message_model.rowCount()):
            with qtbot.waitSignal(window.message_shown, timeout=15000):
                select_row(window, row)
            rendered = window.reader.rendered
            assert rendered is not None
            if rendered.from_html and not rendered.attachments:
                html_row = row
                break
        assert html_row is not None
        assert window.reader.rendered.html and "<" not in window.reader.body.toPlainText()[:200]
        qtbot.wait(100)  # let the layouts settle before the grab
        window.grab().save(str(shots / "main-html.png"))
        attach_row = _find_row(window, lambda info: info["has_attachments"])
        with qtbot.waitSignal(window.message_shown, timeout=15000):
            select_row(window, attach_row)
        assert window.reader.attachment_list.count() >= 1
        qtbot.wait(100)
        window.grab().save(str(shots / "main-attachments.png"))
        window.conversation_action.setChecked(True)
        window.resize(1024, 700)
        qtbot.wait(100)
        window.grab().save(str(shots / "main-conversations-1024.png"))
        window.conversation_action.setChecked(False)
    finally:
        close_main(qtbot, window)


def test_controller_idle_logout_saves_unsent_mail_to_drafts(qtbot, make_context, make_account,
                                                            mail_server) -> None:  # type: ignore[no-untyped-def]
    from acmail_desktop.ui.app import Controller
    from tests.ui.mailbox_support import login

    acc = make_account("ctl")
    context = make_context()
    controller = Controller(context)
    login_window = controller.show_login()
    qtbot.addWidget(login_window)
    assert controller.first_run_needed()
    controller._logged_in(login(context, acc))
    window = controller.main_window
    assert window is not None
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.folder_model.rowCount() > 0, timeout=15000)
    assert context.settings.get("help.first_run_done") is True and not controller.first_run_needed()
    # The Tools menu has the diagnostics and the Controller's settings.
    assert window.diagnostics_action.text() == "&Diagnostic de connexion…"
    window.outbox_runner.stop()  # the message stays unsent (as when the server is unreachable)
    entry = window.outbox.enqueue(window.account.identity.key, sender=("Moi", acc.email),
                                  to=[("Collègue", "collegue@acmail.test")],
                                  subject="Pas encore parti", body="Texte en attente.\n")
    assert len(window.outbox.entries(window.account.identity.key)) == 1
    with qtbot.waitSignal(window.logged_out, timeout=20000):
        assert controller.request_logout("idle")
    # Nobody was there to ask: the unsent message went to the server's Drafts.
    session = login(context, acc).session
    try:
        session.select("Drafts", readonly=True)
        assert session.search_header("Message-ID", entry.message_id)
    finally:
        session.logout()
    controller.shutdown()


@pytest.mark.keyring
def test_login_with_a_totp_profile_shows_the_generated_code(qtbot, make_context, registry) -> None:  # type: ignore[no-untyped-def]
    """The two login items of issue 4's wiring: a totp profile's code generator, the error's Diagnose."""
    import dataclasses

    import pyotp

    from acmail_desktop.core.providers import ProviderRegistry
    from acmail_desktop.core.secrets import KeyringStore
    from acmail_desktop.ui.login import LoginWindow

    totp = dataclasses.replace(registry.get("local"), id="local-totp", otp_kind="totp")
    providers = ProviderRegistry({**registry.providers, "local-totp": totp})
    store = KeyringStore()
    if not store.available:
        pytest.skip("no secure keyring in this session")
    secret = pyotp.random_base32()
    store.set_totp_secret("local-totp", "enrolled1", secret)
    try:
        window = LoginWindow(make_context(store=store, providers=providers, academie="local-totp"))
        qtbot.addWidget(window)
        window.show()
        window.mode_passcode.setChecked(True)
        window.identifiant.setText("nobody1")
        window.identifiant.editingFinished.emit()
        qtbot.waitUntil(lambda: window.totp_row.isVisible() and window.totp_enrol_button.isVisible(), timeout=5000)
        window.identifiant.setText("enrolled1")
        window.identifiant.editingFinished.emit()
        qtbot.waitUntil(lambda: window.totp_code_widget is not None, timeout=5000)
        assert not window.totp_enrol_button.isVisible()
        code = window.otp_code.text()
        assert code == window.totp_code_widget.code and code in (pyotp.TOTP(secret).now(),
                                                                  pyotp.TOTP(secret).at(time.time() - 30))
        window.mode_password.setChecked(True)
        assert not window.totp_row.isVisible()
        # A failed login that offers diagnostics shows the Diagnose button in the error box.
        window._login_failed(window._attempt, "enrolled1", ConnectionRefusedError("refused"))
        assert window.error_diagnose_button.isVisible()
        with qtbot.waitSignal(window.diagnostics_requested, timeout=2000) as asked:
            window.error_diagnose_button.click()
        assert asked.args == ["local-totp", "enrolled1"]
    finally:
        store.forget("local-totp", "enrolled1")
