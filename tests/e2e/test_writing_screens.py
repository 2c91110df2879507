"""Writing mail on the real `acmail` (issue 17), on Xvfb + openbox, at 1024x600 and 1920x1080, keyboard
only: a formatted message (Ctrl+B, a bulleted list) to one colleague and one address that does not
exist; the server refuses it, nothing is sent, the compose window names the address. Screenshots of
the formatted compose window and of the refusal are kept in the test's artefacts folder
(ACMAIL_DOCS_SHOTS copies them)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.desktop import AcmailApp, XDisplay


@pytest.mark.parametrize("size", ["small", "large"])
def test_formatted_message_and_refused_recipient_on_screen(size: str, acmail_factory: Callable[..., AcmailApp],  # type: ignore[no-untyped-def]
                                                           make_account, mail_server, xdisplay: XDisplay,
                                                           xdisplay_large: XDisplay, tmp_path: Path) -> None:
    display = xdisplay if size == "small" else xdisplay_large
    me, colleague = make_account("ecr"), make_account("ecrcol")
    mail_server.deliver(me.identifiant, (f"From: {colleague.email}\r\nTo: {me.email}\r\nSubject: Sortie\r\n"
                                         "Message-ID: <e2e-writing@acmail.test>\r\n\r\nJeudi ?\r\n").encode())
    shots = tmp_path / "artefacts"

    def shot(name: str) -> Path:
        return display.artefact_shot(shots, name)

    app = acmail_factory(display=display, args=("--ca-file", str(mail_server.ca_pem_path)))
    app.prepare()
    mail_server.write_provider_file(app.xdg["XDG_CONFIG_HOME"] / "acmail" / "providers")
    app.start()
    main = app.sign_in_first_run("Serv", me.identifiant, me.password, me.email)

    display.key("ctrl+n", window=main)
    compose = app.wait_window("Rédaction", timeout=20)
    time.sleep(0.5)
    display.type_text(f"{colleague.email}, eleve.inconnu@acmail.test", window=compose)
    display.key("Tab", "Tab", "Tab")  # Cc, Cci, Objet
    display.type_text("Sortie du jeudi")
    display.key("Tab")
    display.type_text("Bonjour, voici le ")
    display.key("ctrl+b")
    display.type_text("programme")
    display.key("ctrl+b")
    display.type_text(" :")
    display.key("Return", "ctrl+shift+8")
    display.type_text("depart a 8 h 15")
    display.key("Return")
    display.type_text("retour vers 17 h")
    time.sleep(0.5)
    shot("compose-formatting")

    display.key("ctrl+Return", window=compose)
    app.wait_for_log("refused for 1 recipient", timeout=30)
    time.sleep(0.8)
    shot("compose-refusal")
    assert not [m for m in mail_server.smtp_messages if colleague.email in m.rcpt_tos]  # nothing sent
    assert app.window_ids("Rédaction")  # the window stays open for the user to decide
    app.stop()
