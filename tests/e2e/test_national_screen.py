"""The national messagerie on the real `acmail` (issue 20), Xvfb + openbox, keyboard only, at 1024x600
and 1920x1080: La Réunion's login screen offers the national messagerie (preselected, its profile says
so), the form asks for the address and an application password with the steps; signing in with them
reaches the mailbox. Screenshots kept in the artefacts (ACMAIL_DOCS_SHOTS copies them to docs/images)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from acmail_desktop.core.providers import bundled_providers_dir
from tests.support.desktop import AcmailApp, XDisplay


def national_profile_for(mail_server) -> str:  # type: ignore[no-untyped-def]
    """The shipped national profile with its servers replaced by the test servers (same id: it
    replaces the shipped one, as an administrator's corrected profile would)."""
    text = (bundled_providers_dir() / "nationale.xml").read_text(encoding="utf-8")
    for old, new in (("imap.education.gouv.fr", mail_server.host), ("smtp.education.gouv.fr", mail_server.host),
                     ('<port verified="false">993</port>', f'<port verified="false">{mail_server.imaps_port}</port>'),
                     ('<port verified="false">465</port>', f'<port verified="false">{mail_server.smtps_port}</port>')):
        assert old in text
        text = text.replace(old, new)
    return text


def prepare_national(app: AcmailApp, mail_server) -> None:  # type: ignore[no-untyped-def]
    app.prepare()
    config = app.xdg["XDG_CONFIG_HOME"] / "acmail"
    mail_server.write_provider_file(config / "providers")
    (config / "providers" / "nationale.xml").write_text(national_profile_for(mail_server), encoding="utf-8")
    (config / "settings.json").write_text(json.dumps({"help.first_run_done": True,
                                                     "account.academie": "reunion"}), encoding="utf-8")


@pytest.mark.parametrize("size", ["small", "large"])
def test_national_login_form_on_screen(acmail_factory: Callable[..., AcmailApp], make_national_account,  # type: ignore[no-untyped-def]
                                       mail_server, xdisplay: XDisplay, xdisplay_large: XDisplay,
                                       tmp_path: Path, size: str) -> None:
    display = xdisplay if size == "small" else xdisplay_large
    me = make_national_account()
    mail_server.deliver(me.email, (
        f"From: Rectorat <dsi@ac-reunion.fr>\r\nTo: {me.email}\r\nSubject: Bienvenue sur la messagerie nationale\r\n"
        "Date: Mon, 2 Nov 2026 08:00:00 +0100\r\nMessage-ID: <e2e-national@acmail.test>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\nVotre boîte a été transférée.\r\n").encode())
    app = acmail_factory(display=display, args=("--ca-file", str(mail_server.ca_pem_path)))
    prepare_national(app, mail_server)
    app.start()
    login = app.wait_window("AcMail — Connexion", timeout=30)
    time.sleep(1.0)
    # The keyboard is in the address field (the first to fill): type the address and the password.
    display.type_text(me.email, window=login)
    display.key("Tab", window=login)
    display.type_text(me.app_password, window=login)
    time.sleep(0.5)
    shot = display.artefact_shot(tmp_path / "artefacts", "connexion-messagerie-nationale")
    assert shot.stat().st_size > 10_000
    display.key("Return", window=login)
    app.wait_window(rf"AcMail — .*{me.email}", timeout=40)
    app.wait_for_log("first rows of the folder shown", timeout=30)
    assert [a.result for a in mail_server.auth_attempts(me.email)][:1] == ["ok"]
    app.stop()
