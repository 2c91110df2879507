"""The quota in the status bar and "Libérer de l'espace" in the real main window, real Dovecot quota."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from acmail_desktop.core.quota import read_mboxrd
from tests.ui.mailbox_support import close_main, open_main

pytestmark = [pytest.mark.gui, pytest.mark.integration]
SHOTS = Path("/tmp/shots")


def _big(n: int, kib: int) -> bytes:
    return (f"From: Labo <labo@ac-local.fr>\r\nTo: prof@acmail.test\r\nSubject: Gros message {n}\r\n"
            f"Date: Mon, 2 Nov 2026 08:00:00 +0100\r\nMessage-ID: <fs{n}@ac-local.fr>\r\n\r\n"
            + "Du texte pour occuper de la place dans la boite.\r\n" * (kib * 21)).encode()


def _answer_yes() -> None:
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        box.button(QMessageBox.StandardButton.Yes).click()
    else:
        QTimer.singleShot(50, _answer_yes)


def test_quota_warning_then_archive_in_mbox_and_delete(qtbot, make_context, make_account, mail_server,
                                                       tmp_path) -> None:  # type: ignore[no-untyped-def]
    me = make_account("space")
    mail_server.set_quota(me.identifiant, 300)
    mail_server.deliver(me.identifiant, _big(1, 150))
    mail_server.deliver(me.identifiant, _big(2, 110), folder="Classes/3eA")
    main = open_main(qtbot, make_context(), me)
    try:
        indicator = main.quota_indicator
        qtbot.waitUntil(lambda: indicator.isVisible(), timeout=15000)
        assert indicator.text().startswith("Espace : 8") and indicator.text().endswith("de 0,3 Mo")
        assert indicator.level == "warn"
        assert "Votre boîte est pleine à 8" in main.statusBar().currentMessage()
        window = indicator.open_window()
        qtbot.waitUntil(lambda: window.list.topLevelItemCount() == 2 and "volumineux" in window.status_label.text(),
                        timeout=15000)
        assert [window.list.topLevelItem(i).text(3) for i in range(2)] == ["Gros message 1", "Gros message 2"]
        SHOTS.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(SHOTS / "free-space.png"))
        window.list.selectAll()
        target = tmp_path / "archive.mbox"
        QTimer.singleShot(50, _answer_yes)
        window.archive("mbox", target)
        qtbot.waitUntil(lambda: "supprimés du serveur" in window.status_label.text(), timeout=20000)
        assert len(read_mboxrd(target.read_bytes())) == 2
        qtbot.waitUntil(lambda: window.list.topLevelItemCount() == 0, timeout=15000)
        qtbot.waitUntil(lambda: indicator.level == "ok", timeout=15000)
    finally:
        close_main(qtbot, main)
