"""On a real X display (xcb), what AcMail put on the clipboard goes with a shared-machine user."""

from __future__ import annotations

import subprocess
import sys

from tests.support.desktop import XDisplay

SCRIPT = """
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QApplication
from acmail_desktop.ui.app import forget_clipboard
app = QApplication([])
clipboard = QGuiApplication.clipboard()
for mode in (QClipboard.Mode.Clipboard, QClipboard.Mode.Selection):
    clipboard.setText("Conseil de classe : Durand, 3e B", mode)
app.processEvents()
forget_clipboard(shared_machine=False)
kept = clipboard.text()
forget_clipboard(shared_machine=True)
print(kept, clipboard.text(), clipboard.text(QClipboard.Mode.Selection), sep="|")
"""


def test_the_clipboard_is_emptied_on_a_shared_machine_only(xdisplay: XDisplay) -> None:
    env = dict(xdisplay.env, QT_QPA_PLATFORM="xcb")
    result = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Conseil de classe : Durand, 3e B||"
