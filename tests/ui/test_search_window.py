"""The search window (Ctrl+Shift+F) in the real main window against the real Dovecot."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.mailbox_support import close_main, open_main

pytestmark = [pytest.mark.gui, pytest.mark.integration]
SUBFOLDER = "Inspection/Convocations"


def _raw(n: int, subject: str, body: str) -> bytes:
    return (f"From: Inspection <ien.secteur@ac-local.fr>\r\nTo: prof@acmail.test\r\nSubject: {subject}\r\n"
            f"Date: Mon, 2 Nov 2026 08:0{n}:00 +0100\r\nMessage-ID: <win{n}@ac-local.fr>\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n").encode()


def _rows(window) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    tree = window.results
    return [(tree.topLevelItem(i).text(2), tree.topLevelItem(i).text(3)) for i in range(tree.topLevelItemCount())]


def test_search_everywhere_finds_a_body_word_in_a_subfolder_opens_it_and_follows_a_move(shots,
        qtbot, make_context, make_account, mail_server) -> None:  # type: ignore[no-untyped-def]
    me = make_account("find")
    mail_server.deliver(me.identifiant, _raw(1, "Ordre du jour", "Rien de particulier"))
    mail_server.deliver(me.identifiant, _raw(2, "Visite", "Convocation salle polyvalente"), folder=SUBFOLDER)
    main = open_main(qtbot, make_context(), me)
    try:
        qtbot.keyClick(main, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        window = main._search_window
        qtbot.waitUntil(window.isVisible, timeout=5000)
        assert window.scope_combo.currentData() == "account"
        window.text_edit.setText("polyvalente")
        qtbot.keyClick(window.text_edit, Qt.Key.Key_Return)
        # The body was never downloaded: the server's SEARCH finds it (headers synced on the way).
        qtbot.waitUntil(lambda: "trouvé" in window.status_label.text(), timeout=20000)
        assert _rows(window) == [("Visite", "Inspection › Convocations")]
        assert window.status_label.text() == "1 message trouvé."
        window.grab().save(str(shots / "search-results.png"))
        # Opening it shows it in the main window, in its folder.
        window.results.setFocus()
        window.results.setCurrentItem(window.results.topLevelItem(0))
        qtbot.keyClick(window.results, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "polyvalente" in main.reader.body.toPlainText(), timeout=15000)
        assert main.current_folder == SUBFOLDER and main.folder_view.currentIndex().data() == "Convocations"
        # Now cached: found locally; then moved to the archive, the result follows.
        uid = main.selected_uids()[0]
        main.message_actions.move_messages(SUBFOLDER, [uid], "Archive")
        qtbot.waitUntil(lambda: _rows(window) == [("Visite", "Archives")], timeout=10000)
        # Offline: local results only, said so.
        main.mailbox.session.abort()
        main.mailbox.go_offline()
        qtbot.waitUntil(lambda: not main.mailbox.online, timeout=10000)
        window.start_search()
        qtbot.waitUntil(lambda: "Hors connexion" in window.status_label.text(), timeout=10000)
        assert _rows(window) == [("Visite", "Archives")]
        window.close()
    finally:
        close_main(qtbot, main)


def test_a_failure_listing_the_inboxes_is_shown_in_the_window_not_only_logged(
        qtbot, make_context, make_account, mail_server) -> None:  # type: ignore[no-untyped-def]
    """The unified inbox's listing reads the caches on its own worker: when that fails (here the
    cache is closed under it), the window says so in the catalogue's words instead of waiting."""
    from acmail_desktop.ui.search_window import UnifiedInboxWindow

    me = make_account("allin")
    mail_server.deliver(me.identifiant, _raw(3, "Conseil", "Ordre du jour"))
    main = open_main(qtbot, make_context(), me)
    try:
        window = UnifiedInboxWindow([(me.email, main.mailbox)], main.mailbox, main)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: "boîte" in window.status_label.text(), timeout=10000)
        main.mailbox.store.close()
        window.status_label.clear()
        window.start_search()
        qtbot.waitUntil(lambda: bool(window.status_label.text()), timeout=10000)
        shown = window.status_label.text()
        assert " — " in shown and "cache" in shown and "boîtes de réception" not in shown, shown
        window.close()
    finally:
        close_main(qtbot, main)
