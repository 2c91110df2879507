"""Messages from files (issue 16): Fichier > Ouvrir un message…, a dropped .eml, `acmail file.eml`;
printing to PDF with the headers; saving every attachment; an attached message opened as one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

from acmail_desktop.core.context import AppContext
from acmail_desktop.core.render import render
from acmail_desktop.core.secrets import SessionOnlyStore
from acmail_desktop.core.settings import Settings
from acmail_desktop.ui import message_window
from acmail_desktop.ui.reader import ReaderView
from tests.ui.mailbox_support import close_main, open_main

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


def _message(subject: str = "Conseil d'école du 12 mars") -> bytes:
    msg = EmailMessage()
    msg["From"] = "Direction <direction@ac-local.fr>"
    msg["To"] = "equipe@ac-local.fr"
    msg["Subject"] = subject
    msg.set_content("Ordre du jour ci-joint.\n")
    msg.add_alternative("<h1>Ordre du jour</h1><p>Voir <b>pièces jointes</b>.</p>", subtype="html")
    msg.add_attachment(b"%PDF-1.4 ordre du jour", maintype="application", subtype="pdf", filename="odj.pdf")
    msg.add_attachment(b"nom;classe\n", maintype="text", subtype="csv", filename="liste.csv")
    inner = EmailMessage()
    inner["From"] = "Mairie <mairie@ville.fr>"
    inner["Subject"] = "Salle polyvalente"
    inner.set_content("La salle est réservée.\n")
    msg.add_attachment(inner)
    return bytes(msg)


@pytest.fixture
def context(app_paths, registry) -> AppContext:  # type: ignore[no-untyped-def]
    return AppContext(app_paths, Settings(app_paths.settings_file), registry, SessionOnlyStore())


def _wait_window(qtbot, windows: list) -> message_window.MessageWindow:  # type: ignore[no-untyped-def]
    assert len(windows) == 1
    window = windows[0]
    qtbot.waitUntil(lambda: window.reader.rendered is not None, timeout=15000)
    return window


def test_open_by_menu_and_by_drop(qtbot, make_context, make_account, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "conseil.eml"
    path.write_bytes(_message())
    acc = make_account("eml")
    window = open_main(qtbot, make_context(), acc)
    try:
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(path)], ""))
        window.open_file_action.trigger()
        opened = _wait_window(qtbot, window.message_windows)
        assert opened.reader.subject_label.text() == "Conseil d'école du 12 mars"
        assert "Ordre du jour" in opened.reader.body.toPlainText()
        assert opened.reader.attachment_list.count() == 3
        opened.close()

        data = QMimeData()
        data.setUrls([QUrl.fromLocalFile(str(path))])
        event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton,
                           Qt.KeyboardModifier.NoModifier)
        window.dragEnterEvent(event)
        assert event.isAccepted()
        event.setAccepted(False)
        window.dropEvent(event)
        assert event.isAccepted()
        dropped = _wait_window(qtbot, window.message_windows)
        assert dropped.reader.fields["from"][1].text() == "Direction <direction@ac-local.fr>"
        dropped.close()
    finally:
        close_main(qtbot, window)


def test_command_line_opens_a_message_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "conseil.eml"
    path.write_bytes(_message())
    shot = tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "acmail_desktop", "--base-dir", str(tmp_path / "home"),
                             "--no-keyring", "--log-stderr", "--screenshot", str(shot), str(path)],
                            capture_output=True, text=True, timeout=60, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "message file shown: 3 attachment(s)" in result.stderr
    assert shot.is_file() and shot.stat().st_size > 1000
    assert "login window shown" not in result.stderr


def test_desktop_file_declares_messages() -> None:
    text = (ROOT / "resources" / "acmail.desktop").read_text(encoding="utf-8")
    assert "MimeType=message/rfc822;" in text.splitlines() and "Exec=acmail %F" in text.splitlines()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(ROOT / "resources" / "acmail.desktop")],
                               capture_output=True, text=True)
        # (this validator may predate the file's Version key; only our two keys are judged here)
        assert not [line for line in (check.stdout + check.stderr).splitlines()
                    if "error" in line and ("MimeType" in line or "Exec" in line)]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed")
def test_export_pdf_has_headers_and_body(qtbot, context, tmp_path) -> None:  # type: ignore[no-untyped-def]
    reader = ReaderView(context)
    qtbot.addWidget(reader)
    raw = _message()
    reader.show_message("", 0, raw, render(raw, view=reader.view))
    target = tmp_path / "message.pdf"
    with qtbot.waitSignal(reader.pdf_exported, timeout=10000):
        reader.export_pdf(target)
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Conseil d'école du 12 mars" in text or "Conseil d’école du 12 mars" in text
    assert "direction@ac-local.fr" in text and "Ordre du jour" in text


def test_save_all_attachments_and_open_the_attached_message(qtbot, context, tmp_path) -> None:  # type: ignore[no-untyped-def]
    reader = ReaderView(context)
    qtbot.addWidget(reader)
    raw = _message()
    reader.show_message("", 0, raw, render(raw, view=reader.view))
    assert [a.filename for a in reader.rendered.attachments] == ["odj.pdf", "liste.csv", "Salle polyvalente.eml"]
    (tmp_path / "odj.pdf").write_bytes(b"already here")
    with qtbot.waitSignal(reader.attachments_saved, timeout=10000) as saved:
        reader.save_all_attachments_to(tmp_path)
    names = sorted(Path(p).name for p in saved.args[0])
    assert names == ["Salle polyvalente.eml", "liste.csv", "odj (2).pdf"]
    assert (tmp_path / "odj.pdf").read_bytes() == b"already here"
    reader.open_attachment(2)
    window = reader.message_windows[-1]
    qtbot.waitUntil(lambda: window.reader.rendered is not None, timeout=15000)
    assert window.reader.subject_label.text() == "Salle polyvalente"
    assert "La salle est réservée." in window.reader.body.toPlainText()
    window.close()
