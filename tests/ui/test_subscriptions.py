"""Folder subscriptions on the real Dovecot: folders created behind AcMail's back (another client, the
webmail) are listed unsubscribed in "Gérer les abonnements", a notice says they appeared, and
subscribing shows them in the tree; all by keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from acmail_desktop.ui.subscriptions import open_subscriptions
from tests.support.sync_helpers import other_client
from tests.ui.mailbox_support import close_main, open_main

pytestmark = [pytest.mark.gui, pytest.mark.integration]


def _dialog(qtbot, window, **kw):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.folders_loaded, timeout=15000):  # LIST + LSUB refresh the tree too
        dialog = open_subscriptions(window.mailbox, window, **kw)
    qtbot.waitUntil(lambda: bool(dialog.names()), timeout=15000)
    return dialog


def test_folders_made_elsewhere_appear_unsubscribed_and_subscribing_shows_them(
        qtbot, make_context, make_account, mail_server, ssl_context) -> None:  # type: ignore[no-untyped-def]
    acc = make_account("abo")
    mail_server.create_folder(acc.identifiant, "Projets")  # subscribed, as AcMail would
    window = open_main(qtbot, make_context(), acc)
    try:
        assert window.folder_model.index_of("Projets").isValid()
        # Another program (the webmail after a migration) creates folders without subscribing.
        client = other_client(mail_server, ssl_context, acc)
        try:
            client.create_folder("Zimbra-Archives")
            client.create_folder("Conseils")
            client.create_folder("Conseils/2026")
            client.subscribe_folder("Conseils")
        finally:
            client.logout()
        notice = window.new_folders_notice  # in the status bar, filled after each folder listing
        # The next folder listing (any refresh) finds them: the tree shows only the subscribed
        # ones, and the notice names the two that appeared hidden.
        with qtbot.waitSignal(window.folders_loaded, timeout=15000):
            window.mailbox.refresh_folders()
        assert not window.folder_model.index_of("Zimbra-Archives").isValid()
        assert window.folder_model.index_of("Conseils").isValid()
        assert notice.isVisible()
        assert sorted(notice.folders) == ["Conseils/2026", "Zimbra-Archives"]
        assert notice.text().startswith("2 nouveaux dossiers non affichés")
        # The folder menu's entry opens the dialog (it asks the server again), the new ones marked.
        with qtbot.waitSignal(window.folders_loaded, timeout=15000):
            dialog = window.subscriptions_dialog()
        qtbot.waitUntil(lambda: bool(dialog.names()), timeout=15000)
        assert not notice.isVisible()
        names = dialog.names()
        assert {"Projets", "Zimbra-Archives", "Conseils", "Conseils/2026"} <= set(names)
        assert "INBOX" not in names
        assert dialog.is_ticked("Projets") and dialog.is_ticked("Conseils")
        assert not dialog.is_ticked("Zimbra-Archives") and not dialog.is_ticked("Conseils/2026")
        texts = [dialog.model.item(r).text() for r in range(dialog.model.rowCount())]
        assert "Zimbra-Archives (nouveau)" in texts and "Conseils › 2026 (nouveau)" in texts
        assert "Projets" in texts
        # Keyboard only: search, go to the list, Space ticks, Enter confirms.
        qtbot.keyClicks(dialog.search, "zimb")
        assert dialog.names(visible_only=True) == ["Zimbra-Archives"]
        assert "1 correspond" in dialog.status.text()
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
        assert dialog.isVisible() and dialog.list.hasFocus()
        assert dialog.list.currentIndex().data() == "Zimbra-Archives (nouveau)"
        qtbot.keyClick(dialog.list, Qt.Key.Key_Space)
        assert dialog.is_ticked("Zimbra-Archives")
        assert dialog.changes() == [("Zimbra-Archives", True)]
        with qtbot.waitSignal(dialog.subscriptions_changed, timeout=15000), \
                qtbot.waitSignal(window.folders_loaded, timeout=15000):
            dialog.apply()
        assert window.folder_model.index_of("Zimbra-Archives").isValid()
        notice.check()
        assert not notice.isVisible(), "nothing new left to announce"
        # On the server too (another client sees the subscription), via LSUB.
        client = other_client(mail_server, ssl_context, acc)
        try:
            subscribed = {name for _f, _d, name in client.list_sub_folders()}
        finally:
            client.logout()
        assert "Zimbra-Archives" in subscribed and "Conseils/2026" not in subscribed
        # Unsubscribing hides it again; nothing is deleted.
        again = _dialog(qtbot, window)
        again.set_ticked("Projets", False)
        with qtbot.waitSignal(again.subscriptions_changed, timeout=15000), \
                qtbot.waitSignal(window.folders_loaded, timeout=15000):
            again.apply()
        assert not window.folder_model.index_of("Projets").isValid()
        assert "Projets" in [row[0] for row in window.store.server_folders()]
    finally:
        close_main(qtbot, window)
