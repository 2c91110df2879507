"""The main window after its split into panes (issue 15), on the real `acmail` (Xvfb + openbox, xcb),
keyboard only, at 1024x600 and 1920x1080: the folder pane, the list and the reader laid out as before,
a message read with the keyboard, the folder pane's menu (Menu key) and a move through the message
actions (Ctrl+Shift+M) checked on the server. Screenshots go to the test's artefacts."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.desktop import AcmailApp, XDisplay


def _server_subjects(mail_server, identifiant: str, folder: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Subjects of a top-level Maildir++ folder, read on the server's side."""
    root = mail_server.maildir(identifiant) / f".{folder}"
    found = []
    for path in [*(root / "new").glob("*"), *(root / "cur").glob("*")]:
        found += [line[9:] for line in path.read_bytes().decode("utf-8", "replace").splitlines()
                  if line.startswith("Subject: ")]
    return found


def _wait(predicate: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


@pytest.mark.parametrize("size", ["small", "large"])
def test_main_window_panes_on_screen(size: str, acmail_factory: Callable[..., AcmailApp], make_account,  # type: ignore[no-untyped-def]
                                     mail_server, xdisplay: XDisplay, xdisplay_large: XDisplay,
                                     tmp_path: Path) -> None:
    display = xdisplay if size == "small" else xdisplay_large
    me = make_account("panes")
    for n, subject in enumerate(("Conseil de classe du 3e trimestre", "Sortie au musée", "Réunion parents-profs")):
        mail_server.deliver(me.identifiant, (
            f"From: Secrétariat <secretariat@ac-local.fr>\r\nTo: {me.email}\r\nSubject: {subject}\r\n"
            f"Date: Mon, {2 + n} Nov 2026 08:00:00 +0100\r\nMessage-ID: <e2e-panes{n}@acmail.test>\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\nBonjour,\r\n\r\n{subject} : voir le document joint.\r\n"
        ).encode())
    shots = tmp_path / "artefacts"
    app = acmail_factory(display=display, args=("--ca-file", str(mail_server.ca_pem_path)))
    app.prepare()
    mail_server.write_provider_file(app.xdg["XDG_CONFIG_HOME"] / "acmail" / "providers")
    app.start()
    main = app.sign_in_first_run("Serv", me.identifiant, me.password, me.email)
    time.sleep(2.0)  # the inbox listed (sign_in_first_run waited for the window)
    x, y, width, height = display.geometry(main)
    assert x >= 0 and y >= 0 and x + width <= display.width and y + height <= display.height, (x, y, width, height)

    # After sign-in the folder pane has the focus: its menu first (the Menu key), then Tab, Tab to the list.
    display.key("Menu", window=main)
    time.sleep(0.8)
    display.artefact_shot(shots, "folder-menu")
    display.key("Escape", window=main)
    time.sleep(0.3)
    display.key("Tab", "Tab", window=main)
    time.sleep(0.3)
    display.key("Home", window=main)  # the newest message selected and shown in the reader
    time.sleep(1.5)
    display.artefact_shot(shots, "main-window")
    display.key("ctrl+shift+m", window=main)
    chooser = app.wait_window("Déplacer", timeout=15)
    time.sleep(0.5)
    display.type_text("Arch", window=chooser)
    time.sleep(0.3)
    display.artefact_shot(shots, "move-chooser")
    display.key("Return")
    assert _wait(lambda: "Réunion parents-profs" in _server_subjects(mail_server, me.identifiant, "Archive"), 20), \
        "the newest message moved to Archive on the server"
    time.sleep(1.0)
    display.artefact_shot(shots, "after-move")
    app.stop()
