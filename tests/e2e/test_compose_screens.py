"""Sending with an attachment and resuming a draft on the real `acmail` (issue 15, the one outbox driver),
on Xvfb + openbox, at 1024x600 and 1920x1080, keyboard only: Ctrl+N, the file dialog (Ctrl+Maj+A), Ctrl+Entrée;
the message arrives once with its file and the window closes; a second message saved (Ctrl+S) and closed
reopens from Brouillons (Entrée). Screenshots in the test's artefacts folder."""

from __future__ import annotations

import email
import email.policy
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.desktop import AcmailApp, XDisplay


def _wait(predicate: Callable[[], bool], timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


@pytest.mark.parametrize("size", ["small", "large"])
def test_send_with_attachment_and_resume_a_draft_on_screen(size: str, acmail_factory: Callable[..., AcmailApp],  # type: ignore[no-untyped-def]
                                                           make_account, mail_server, xdisplay: XDisplay,
                                                           xdisplay_large: XDisplay, tmp_path: Path) -> None:
    display = xdisplay if size == "small" else xdisplay_large
    me, colleague = make_account("cscr"), make_account("cscrcol")
    mail_server.deliver(me.identifiant, (f"From: {colleague.email}\r\nTo: {me.email}\r\nSubject: Conseil\r\n"
                                         "Message-ID: <e2e-compose@acmail.test>\r\n\r\nJeudi ?\r\n").encode())
    shots = tmp_path / "artefacts"
    report = tmp_path / "compte-rendu.txt"
    report.write_bytes(b"Compte rendu du conseil\n")
    app = acmail_factory(display=display, args=("--ca-file", str(mail_server.ca_pem_path)))
    app.prepare()
    mail_server.write_provider_file(app.xdg["XDG_CONFIG_HOME"] / "acmail" / "providers")
    app.start()
    main = app.sign_in_first_run("Serv", me.identifiant, me.password, me.email)

    display.key("ctrl+n", window=main)
    compose = app.wait_window("Rédaction", timeout=20)
    time.sleep(0.5)
    display.type_text(colleague.email, window=compose)
    display.key("Tab", "Tab", "Tab")  # Cc, Cci, Objet
    display.type_text("Conseil du jeudi")
    display.key("Tab")
    display.type_text("Bonjour, voici le compte rendu.")
    display.key("ctrl+shift+a")
    app.choose_file("Joindre|Attach", report)
    time.sleep(0.8)
    display.artefact_shot(shots, "compose-attachment")
    display.key("ctrl+Return", window=compose)
    assert _wait(lambda: any(colleague.email in m.rcpt_tos for m in mail_server.smtp_messages), 30), "sent"
    app.wait_no_window("Rédaction", timeout=20)  # the window closes once sent and copied, as before
    [sent] = [m for m in mail_server.smtp_messages if colleague.email in m.rcpt_tos]
    parsed = email.message_from_bytes(sent.raw, policy=email.policy.default)
    assert next(parsed.iter_attachments()).get_content().encode() == report.read_bytes()  # type: ignore[attr-defined]

    # A draft: saved to the server's Drafts (Ctrl+S), the window closed, then reopened from Brouillons.
    display.key("ctrl+n", window=main)
    compose = app.wait_window("Rédaction", timeout=20)
    time.sleep(0.5)
    display.type_text(colleague.email, window=compose)
    display.key("Tab", "Tab", "Tab")
    display.type_text("Brouillon a finir")
    display.key("Tab")
    display.type_text("Ordre du jour :")
    display.key("ctrl+s")
    drafts = mail_server.folder_path(me.identifiant, "Drafts")
    assert _wait(lambda: bool([f for sub in ("new", "cur") for f in (drafts / sub).glob("*")]), 20), "draft saved"
    app.wm_close(compose)
    app.wait_no_window("Rédaction", timeout=15)
    time.sleep(0.5)
    display.activate(main)
    # To the folder pane wherever the focus came back to (Ctrl+F: the filter, Shift+Tab: the folder
    # tree just before it), then type-ahead to Brouillons.
    display.key("ctrl+f", "shift+Tab", window=main)
    time.sleep(0.3)
    display.type_text("Br", window=main)
    time.sleep(2.0)
    display.artefact_shot(shots, "drafts-folder")
    display.key("Tab", "Tab", window=main)
    time.sleep(0.3)
    display.key("Home", "Return", window=main)
    resumed = app.wait_window("Rédaction", timeout=20)
    time.sleep(1.0)
    display.artefact_shot(shots, "draft-resumed")
    assert "Brouillon a finir" in display.title(resumed)
    app.stop()
