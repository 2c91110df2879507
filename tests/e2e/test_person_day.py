"""A person's day on a real 1024x600 display, keyboard only (#19).

The real `acmail` on Xvfb + openbox through Qt's xcb plugin (a missing X library fails here, not
only on a user's machine): first start with the assistant, login, read, reply with an attachment
through Qt's file dialog, filter, move, sign out. Checked from outside, on the servers (flags, the
reply received, the moved message) and on the screen (window geometry); screenshots of each step are
kept in the test's artefacts folder (ACMAIL_DOCS_SHOTS=docs/screenshots copies the reference ones).
"""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Callable
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any

from tests.support.desktop import AcmailApp, XDisplay


def _message(sender: str, to: str, subject: str, body: str) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, to, subject
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain="acmail.test")
    msg.set_content(body)
    return bytes(msg)


def _maildir_messages(root: Path) -> list[tuple[Path, bytes]]:
    return [(p, p.read_bytes()) for d in ("new", "cur") if (root / d).is_dir() for p in sorted((root / d).iterdir())]


def _subject(raw: bytes) -> str:
    return str(message_from_bytes(raw, policy=default_policy)["Subject"] or "")


def _wait(predicate: Callable[[], Any], timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _inside_screen(display: XDisplay, window: str) -> None:
    """The window's client area lies on the screen (after the window manager placed it)."""
    def geometry() -> tuple[int, int, int, int]:
        # xwininfo, not `xdotool getwindowgeometry`: that one counts openbox's title bar twice.
        out = subprocess.run(["xwininfo", "-display", display.display, "-id", window], capture_output=True,
                             text=True, timeout=10).stdout
        value = {key: int(re.search(rf"{key}:\s+(-?\d+)", out).group(1))  # type: ignore[union-attr]
                 for key in ("Absolute upper-left X", "Absolute upper-left Y", "Width", "Height")}
        return (value["Absolute upper-left X"], value["Absolute upper-left Y"], value["Width"], value["Height"])

    def inside() -> bool:
        x, y, width, height = geometry()
        return x >= 0 and y >= 0 and x + width <= display.width and y + height <= display.height

    try:
        _wait(inside, 5, "placement")
    except AssertionError:
        raise AssertionError(f"window {display.title(window)!r} at {geometry()} "
                             f"on {display.width}x{display.height}") from None


def test_a_day_with_the_keyboard_on_a_small_screen(acmail_factory: Callable[..., AcmailApp], make_account,  # type: ignore[no-untyped-def]
                                                   mail_server, xdisplay: XDisplay, tmp_path: Path) -> None:
    me, colleague = make_account("jour"), make_account("coll")
    for subject, body in (("Sortie au musée", "Le car part à 8 h 15. Merci de confirmer."),
                          ("Conseil de classe", "Le conseil de la 4eA a lieu jeudi."),
                          ("Réunion parents-professeurs", "Salle 12, à partir de 17 h.")):
        mail_server.deliver(me.identifiant, _message(colleague.email, me.email, subject, body))
    mail_server.deliver(me.identifiant, _message(colleague.email, me.email, "Rangement", "..."), folder="Projets")
    shots = tmp_path / "artefacts"

    def shot(name: str) -> None:
        xdisplay.artefact_shot(shots, name)

    app = acmail_factory(args=("--ca-file", str(mail_server.ca_pem_path)))
    app.prepare()
    providers = app.xdg["XDG_CONFIG_HOME"] / "acmail" / "providers"
    mail_server.write_provider_file(providers)
    app.start()

    # First start: the assistant, its académie list focused; Suivant puts the cursor in each field.
    def filled_assistant(wizard: str) -> None:
        _inside_screen(xdisplay, wizard)
        shot("first-run")

    main = app.sign_in_first_run("Serv", me.identifiant, me.password, me.email, before_validate=filled_assistant)
    _inside_screen(xdisplay, main)

    # Filter, read (the message is marked read on the server after the delay).
    xdisplay.key("ctrl+f", window=main)
    xdisplay.type_text("mus")  # xdotool types no accented letter reliably on Xvfb's keymap
    time.sleep(0.6)
    xdisplay.key("Tab", "Home")
    inbox = mail_server.maildir(me.identifiant)
    _wait(lambda: any("Sortie au musée" in _subject(raw) and "S" in p.name.partition(":2,")[2]
                      for p, raw in _maildir_messages(inbox)), 20, "the message marked read on the server")
    shot("main")

    # Reply with an attachment, chosen in Qt's file dialog by typing its path.
    attachment = tmp_path / "autorisation-sortie.pdf"
    attachment.write_bytes(b"%PDF-1.4\n% autorisation\n")
    xdisplay.key("ctrl+r")
    compose = app.wait_window("Sortie au musée", timeout=20)
    _inside_screen(xdisplay, compose)
    xdisplay.type_text("Je confirme, voici l'autorisation.", window=compose)
    xdisplay.key("ctrl+shift+a")
    app.wait_window("Joindre", timeout=15)
    shot("file-dialog")
    app.choose_file("Joindre", attachment)
    shot("compose")
    xdisplay.key("ctrl+Return", window=compose)
    received = _wait(lambda: [raw for _p, raw in _maildir_messages(mail_server.maildir(colleague.identifiant))
                              if "Sortie au musée" in _subject(raw)], 30, "the reply in the colleague's inbox")
    reply = message_from_bytes(received[0], policy=default_policy)
    assert reply["Subject"].startswith("Re:") and "Sortie au musée" in reply["Subject"]
    assert [part.get_filename() for part in reply.iter_attachments()] == ["autorisation-sortie.pdf"]

    # Move the filtered message to Projets with the keyboard (Ctrl+Shift+M, type the folder's name).
    xdisplay.activate(main)
    xdisplay.key("ctrl+shift+m")
    move = app.wait_window("Déplacer", timeout=10)
    xdisplay.type_text("Projets", window=move)
    xdisplay.key("Return")
    projets = mail_server.maildir(me.identifiant) / ".Projets"
    _wait(lambda: any("Sortie au musée" in _subject(raw) for _p, raw in _maildir_messages(projets)), 20,
          "the message moved to Projets")

    # The help (F1), then sign out from the File menu (Alt+F, D): the login window comes back.
    xdisplay.key("F1", window=main)
    help_window = app.wait_window("Aide", timeout=15)
    _inside_screen(xdisplay, help_window)
    shot("help")
    app.wm_close(help_window)
    app.wait_no_window("Aide", timeout=10)
    xdisplay.key("alt+f", "d", window=main)
    login = app.wait_window("Connexion", timeout=30)
    app.wait_no_window(rf"AcMail — .*{me.email}", timeout=15)
    _inside_screen(xdisplay, login)
    shot("after-logout")
    app.wm_close(login)
    assert app.wait_exit(30) == 0
