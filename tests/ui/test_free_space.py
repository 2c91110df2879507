"""The quota in the status bar and "Libérer de l'espace" in the real main window, real Dovecot quota."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from acmail_desktop.core.quota import read_mboxrd
from tests.ui.mailbox_support import close_main, open_main

pytestmark = [pytest.mark.gui, pytest.mark.integration]


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


def test_quota_warning_then_archive_in_mbox_and_delete(shots, qtbot, make_context, make_account, mail_server,
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
        window.grab().save(str(shots / "free-space.png"))
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


def _with_attachments(n: int, files: list[tuple[str, int]]) -> bytes:
    import base64

    parts = "".join(
        f"--b1\r\nContent-Type: application/octet-stream; name=\"{name}\"\r\n"
        f"Content-Disposition: attachment;\r\n filename*=UTF-8''{name.replace(' ', '%20')}\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(bytes(range(256)) * (kib * 4)).decode().replace("\n", "\r\n") + "\r\n"
        for name, kib in files)
    return (f"From: Labo <labo@ac-local.fr>\r\nTo: prof@acmail.test\r\nSubject: Pièces {n}\r\n"
            f"Date: Mon, 2 Nov 2026 08:00:00 +0100\r\nMessage-ID: <fsa{n}@ac-local.fr>\r\nMIME-Version: 1.0\r\n"
            'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n'
            "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nCi-joint.\r\n" + parts + "--b1--\r\n").encode()


def test_large_attachments_are_listed_one_by_one_and_delete_their_message(shots, qtbot, make_context, make_account,
                                                                          mail_server) -> None:  # type: ignore[no-untyped-def]
    me = make_account("pj")
    mail_server.deliver(me.identifiant, _with_attachments(1, [("photos classe verte.zip", 300),
                                                              ("programme.pdf", 20)]))
    mail_server.deliver(me.identifiant, _with_attachments(2, [("film fête.mp4", 500)]), folder="Classes/3eA")
    mail_server.deliver(me.identifiant, _big(3, 150))  # large, no attachment
    main = open_main(qtbot, make_context(), me)
    try:
        window = main.quota_indicator.open_window()
        qtbot.waitUntil(lambda: window.attachment_list.topLevelItemCount() == 3, timeout=20000)
        rows = [[window.attachment_list.topLevelItem(i).text(c) for c in range(4)] for i in range(3)]
        assert [r[1] for r in rows] == ["film fête.mp4", "photos classe verte.zip", "programme.pdf"]
        assert [r[0] for r in rows] == ["500 Ko", "300 Ko", "20 Ko"]  # decoded sizes, not base64's
        assert [r[2] for r in rows] == ["Pièces 2", "Pièces 1", "Pièces 1"]
        assert window.tabs.tabText(1) == "&Pièces jointes (3)"
        assert window.list.topLevelItemCount() == 3  # the messages' list is still there
        window.tabs.setCurrentIndex(1)
        window.grab().save(str(shots / "free-space-attachments.png"))
        # Selecting the two attachments of message 1 deletes that one message, once.
        for i in (1, 2):
            window.attachment_list.topLevelItem(i).setSelected(True)
        assert [(i.subject) for i in window.selected_items()] == ["Pièces 1"]
        QTimer.singleShot(50, _answer_yes)
        window.delete_selected()
        qtbot.waitUntil(lambda: window.attachment_list.topLevelItemCount() == 1, timeout=20000)
        assert window.attachment_list.topLevelItem(0).text(1) == "film fête.mp4"
        assert sorted(window.list.topLevelItem(i).text(3) for i in range(window.list.topLevelItemCount())) == [
            "Gros message 3", "Pièces 2"]
    finally:
        close_main(qtbot, main)
