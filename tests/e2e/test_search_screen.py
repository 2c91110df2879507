"""Search everywhere on the real `acmail` (issue 21), Xvfb + openbox, 1024x600, keyboard only: Ctrl+Shift+F,
a word that only the body of a message in a subfolder holds (never downloaded), Return; the result
names its folder; Down + Return shows it in the main window. The screenshot of the result list is
kept in the artefacts (ACMAIL_DOCS_SHOTS copies it to docs/images)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from tests.support.desktop import AcmailApp, XDisplay


def test_search_everywhere_on_screen(acmail_factory: Callable[..., AcmailApp], make_account, mail_server,  # type: ignore[no-untyped-def]
                                     xdisplay: XDisplay, tmp_path: Path) -> None:
    me = make_account("cherche")
    for n, (folder, subject, body) in enumerate((
            ("INBOX", "Conseil de classe", "Ordre du jour du conseil."),
            ("Inspection/Convocations", "Visite de l'inspectrice", "Convocation salle polyvalente, jeudi 9 h."),
            ("Classes/3eA", "Sortie au musée", "Rendez-vous devant la salle polyvalente à 8 h."))):
        mail_server.deliver(me.identifiant, (
            f"From: Secrétariat <secretariat@ac-local.fr>\r\nTo: {me.email}\r\nSubject: {subject}\r\n"
            f"Date: Mon, {2 + n} Nov 2026 08:00:00 +0100\r\nMessage-ID: <e2e-search{n}@acmail.test>\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n").encode(), folder=folder)
    shots = tmp_path / "artefacts"

    def shot(name: str) -> Path:
        return xdisplay.artefact_shot(shots, name)

    app = acmail_factory(display=xdisplay, args=("--ca-file", str(mail_server.ca_pem_path)))
    app.prepare()
    mail_server.write_provider_file(app.xdg["XDG_CONFIG_HOME"] / "acmail" / "providers")
    app.start()
    main = app.sign_in_first_run("Serv", me.identifiant, me.password, me.email)

    xdisplay.key("ctrl+shift+f", window=main)
    search = app.wait_window("Rechercher partout", timeout=20)
    time.sleep(0.5)
    xdisplay.type_text("polyvalente", window=search)
    xdisplay.key("Return")
    match = app.wait_for_log(r"search finished: (\d+) result\(s\), with server", timeout=30)
    assert match.group(1) == "2"
    time.sleep(0.8)
    shot("search-results")
    app.stop()
