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


def national_profile_for(mail_server, *, discover_smtp: bool = False) -> str:  # type: ignore[no-untyped-def]
    """The shipped national profile with its servers replaced by the test servers (same id: it
    replaces the shipped one, as an administrator's corrected profile would: its SMTP then known,
    so without <acmail:smtpDiscovery/> unless `discover_smtp`)."""
    text = (bundled_providers_dir() / "nationale.xml").read_text(encoding="utf-8")
    if not discover_smtp:
        assert "    <acmail:smtpDiscovery/>\n" in text
        text = text.replace("    <acmail:smtpDiscovery/>\n", "")
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


@pytest.mark.parametrize("size", ["small", "large"])
def test_subscriptions_dialog_on_screen(acmail_factory: Callable[..., AcmailApp], make_national_account,  # type: ignore[no-untyped-def]
                                        mail_server, xdisplay: XDisplay, xdisplay_large: XDisplay,
                                        tmp_path: Path, size: str) -> None:
    """After a migration the webmail's folders exist unsubscribed: the status bar says so; from the
    folder tree's menu (keyboard: Ctrl+F then Shift+Tab to the tree, the Menu key, the last entry) the dialog
    lists them unticked; searching, Space and Return subscribe one and the tree shows it."""
    display = xdisplay if size == "small" else xdisplay_large
    me = make_national_account()
    mail_server.create_folder(me.email, "Projets")
    mail_server.deliver(me.email, (
        f"From: Rectorat <dsi@ac-reunion.fr>\r\nTo: {me.email}\r\nSubject: Vos dossiers ont été transférés\r\n"
        "Date: Mon, 2 Nov 2026 08:00:00 +0100\r\nMessage-ID: <e2e-subs@acmail.test>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\nBonjour.\r\n").encode())
    for name in ("Conseils de classe", "Conseils de classe/2025-2026", "Zimbra-Archives", "Voyages scolaires"):
        mail_server.create_folder(me.email, name, subscribe=False)
    app = acmail_factory(display=display, args=("--ca-file", str(mail_server.ca_pem_path)))
    prepare_national(app, mail_server)
    app.start()
    login = app.wait_window("AcMail — Connexion", timeout=30)
    time.sleep(1.0)
    display.type_text(me.email, window=login)
    display.key("Tab", window=login)
    display.type_text(me.app_password, window=login)
    display.key("Return", window=login)
    main = app.wait_window(rf"AcMail — .*{me.email}", timeout=40)
    app.wait_for_log("first rows of the folder shown", timeout=30)
    time.sleep(1.0)
    display.artefact_shot(tmp_path / "artefacts", "nouveaux-dossiers-signales")  # the status-bar notice
    display.key("ctrl+f", window=main)     # the filter box; the folder tree is just before it
    display.key("shift+Tab", window=main)
    display.key("Menu", window=main)
    time.sleep(0.5)
    display.key("Up")
    display.key("Return")
    dialog = app.wait_window("Gérer les abonnements", timeout=20)
    time.sleep(1.5)
    display.type_text("conseil", window=dialog)
    time.sleep(0.5)
    display.artefact_shot(tmp_path / "artefacts", "gerer-les-abonnements")
    display.key("Return", window=dialog)   # from the search box to the list (first match)
    display.key("space", window=dialog)    # ticked
    display.key("Return", window=dialog)   # applied
    app.wait_no_window("Gérer les abonnements", timeout=20)
    deadline = time.monotonic() + 20
    subscriptions = mail_server.maildir(me.email) / "subscriptions"
    while "Conseils de classe\n" not in subscriptions.read_text() + "\n" and time.monotonic() < deadline:
        time.sleep(0.3)
    assert "Conseils de classe" in subscriptions.read_text().splitlines()
    time.sleep(1.0)
    display.artefact_shot(tmp_path / "artefacts", "abonnement-dossier-affiche")
    app.stop()
