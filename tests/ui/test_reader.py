"""The message view in the main window: HTML as text, attachments, spoofing warning, source."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QPlainTextEdit

from tests.ui.mailbox_support import close_main, open_main, select_row

pytestmark = [pytest.mark.gui, pytest.mark.integration]


def _deliver(mail_server, acc, msg: EmailMessage) -> None:  # type: ignore[no-untyped-def]
    mail_server.deliver(acc.identifiant, bytes(msg))


def _show_subject(qtbot, window, subject: str) -> None:  # type: ignore[no-untyped-def]
    model = window.message_model
    row = next(r for r in range(model.rowCount()) if model.index(r, 4).data() == subject)
    with qtbot.waitSignal(window.message_shown, timeout=15000):
        select_row(window, row)


def test_html_spoofing_attachments_and_source(qtbot, make_context, make_account, mail_server,
                                              tmp_path) -> None:  # type: ignore[no-untyped-def]
    acc = make_account("rd")
    html = EmailMessage()
    html["From"] = '"direction@ac-local.fr" <pirate@exemple-malveillant.test>'
    html["To"] = acc.email
    html["Subject"] = "Mise à jour de votre compte"
    html.set_content("<html><body><p>Cliquez <b>ici</b> <img src='http://tracker.test/x.png'>"
                     "<script>alert(1)</script></p></body></html>", subtype="html")
    _deliver(mail_server, acc, html)
    files = EmailMessage()
    files["From"] = "Élodie Marchand <elodie.marchand@ac-local.fr>"
    files["To"] = acc.email
    files["Subject"] = "Documents du conseil"
    files.set_content("Voici les documents.\n")
    files.add_attachment(b"%PDF-1.4 contenu", maintype="application", subtype="pdf", filename="compte-rendu.pdf")
    files.add_attachment(b"MZ\x90\x00programme", maintype="application", subtype="octet-stream",
                         filename="mise-a-jour.exe")
    _deliver(mail_server, acc, files)
    context = make_context()
    window = open_main(qtbot, context, acc)
    reader = window.reader
    opened: list[str] = []
    reader.open_url = lambda url: opened.append(url.toLocalFile())
    try:
        _show_subject(qtbot, window, "Mise à jour de votre compte")
        body = reader.body.toPlainText()
        assert "Cliquez" in body and "ici" in body
        assert "<script>" not in body and "alert(1)" not in body and "<b>" not in body
        # Formatted (bold kept), the tracker only ever reached the widget's loader, which served a
        # placeholder; the banner says an image was withheld.
        assert reader.body.document().toHtml().count("font-weight") >= 1
        assert any("tracker.test" in url for url in reader.body.requested)
        assert reader.notice_banner.isVisible() and "images distantes" not in reader.notice_banner.text() \
            and "image distante" in reader.notice_banner.text()
        assert reader.fields["from"][1].text().startswith("pirate@exemple-malveillant.test")
        assert reader.warning_banner.isVisible() and "Attention" in reader.warning_banner.text()
        # The source, as it came.
        with qtbot.waitSignal(reader.source_shown, timeout=5000):
            reader.source_button.click()
        assert "tracker.test/x.png" in reader.source_dialog.findChild(QPlainTextEdit, "sourceText").toPlainText()
        reader.source_dialog.close()

        _show_subject(qtbot, window, "Documents du conseil")
        assert not reader.warning_banner.isVisible()
        assert reader.attachment_list.count() == 2
        assert "compte-rendu.pdf" in reader.attachment_list.item(0).text()
        # Save twice into the same folder: the second never overwrites the first.
        target = tmp_path / "enregistres"
        target.mkdir()
        with qtbot.waitSignal(reader.attachment_saved, timeout=10000) as first:
            reader.save_attachment_to(0, target)
        with qtbot.waitSignal(reader.attachment_saved, timeout=10000) as second:
            reader.save_attachment_to(0, target)
        assert Path(first.args[0]).name == "compte-rendu.pdf"
        assert Path(second.args[0]).name == "compte-rendu (2).pdf"
        assert Path(first.args[0]).read_bytes() == b"%PDF-1.4 contenu"
        # A plain document opens at once from the opened-attachments folder.
        with qtbot.waitSignal(reader.attachment_opened, timeout=10000):
            reader.open_attachment(0)
        assert Path(opened[-1]).parent == context.opened_attachments_dir.resolve()
        # A program asks first; cancelling opens nothing.
        qtbot.waitUntil(lambda: True)
        reader.open_attachment(1)
        qtbot.waitUntil(lambda: reader.risk_box is not None, timeout=10000)
        assert "programme" in reader.risk_box.text()
        reader.risk_box.button(QMessageBox.StandardButton.Cancel).click()
        qtbot.wait(100)
        assert len(opened) == 1
        reader.open_attachment(1)
        qtbot.waitUntil(lambda: reader.risk_box is not None, timeout=10000)
        open_anyway = next(b for b in reader.risk_box.buttons() if b.text() == "Ouvrir quand même")
        with qtbot.waitSignal(reader.attachment_opened, timeout=10000):
            open_anyway.click()
        assert opened[-1].endswith("mise-a-jour.exe")
    finally:
        close_main(qtbot, window)
