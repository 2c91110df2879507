"""Several accounts on the real `acmail` (issue 21), Xvfb + openbox, keyboard only, at 1024x600 and
1920x1080: the administrator's policy predefines the school's functional mailbox; the teacher signs
in, *Fichier › Ajouter un compte* proposes that mailbox, its password is typed, both accounts' trees
show with their unread counts; Ctrl+Shift+F finds a word in both accounts. The screenshots are kept in
the artefacts (ACMAIL_DOCS_SHOTS copies them to docs/images)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.desktop import AcmailApp, XDisplay


def _mail(n: int, to: str, subject: str, body: str, day: int) -> bytes:
    return (f"From: Secrétariat <secretariat@ac-local.fr>\r\nTo: {to}\r\nSubject: {subject}\r\n"
            f"Date: Mon, {day} Nov 2026 08:00:00 +0100\r\nMessage-ID: <e2e-acc{n}-{day}@acmail.test>\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n").encode()


@pytest.mark.parametrize("size", ["small", "large"])
def test_two_accounts_and_search_on_screen(size: str, acmail_factory: Callable[..., AcmailApp],
                                           e2e_policy_factory: Callable[..., Path], make_account, mail_server,  # type: ignore[no-untyped-def]
                                           xdisplay: XDisplay, xdisplay_large: XDisplay, tmp_path: Path) -> None:
    display = xdisplay if size == "small" else xdisplay_large
    me, school = make_account("prof"), make_account("ce")
    for n, (acc, folder, subject, body) in enumerate((
            (me, "INBOX", "Conseil de classe de 3eA", "Ordre du jour : bilan du trimestre."),
            (me, "INBOX", "Sortie au musée", "Rendez-vous devant le collège ; repas tiré du sac, pas de cantine."),
            (school, "INBOX", "Enquête rectorat", "Réponse attendue avant vendredi."),
            (school, "INBOX", "Menus de la cantine", "Les menus de décembre sont affichés."),
            (school, "Inspection", "Visite de l'inspectrice", "Convocation salle polyvalente, jeudi 9 h."))):
        mail_server.deliver(acc.identifiant, _mail(n, acc.email, subject, body, 2 + n), folder=folder)
    policy = e2e_policy_factory(shared_machine=False, accounts={"predefined": [
        {"academie": "local", "identifiant": school.identifiant, "label": "Collège Jean Moulin"}]})
    shots = tmp_path / "artefacts"
    app = acmail_factory(display=display, policy=policy)
    app.start()
    login = app.wait_window("Connexion")
    app.wait_for_log("login window shown")
    display.type_text(me.identifiant, window=login)
    display.key("alt+p")
    display.type_text(me.password)
    display.key("Return")
    main = app.wait_window(rf"AcMail — .*{me.email}", timeout=40)
    app.wait_for_log("first rows of the folder shown", timeout=30)
    # The predefined account is listed before anyone signed in to it: File > Add an account proposes it.
    display.key("alt+f", window=main)
    display.key("a")
    dialog = app.wait_window("Ajouter un compte", timeout=15)
    time.sleep(0.5)
    display.key("alt+o", window=dialog)  # "Proposé par l'administrateur"
    display.key("Down")
    display.key("alt+p")
    display.type_text(school.password)
    display.key("Return")
    app.wait_for_log("account added to the window", timeout=40)
    app.wait_no_window("Ajouter un compte")
    time.sleep(2.0)  # both trees with their counts
    display.artefact_shot(shots, "plusieurs-comptes")
    display.key("ctrl+shift+f", window=main)
    search = app.wait_window("Rechercher partout", timeout=20)
    time.sleep(0.5)
    display.type_text("cantine", window=search)
    display.key("Return")
    match = app.wait_for_log(r"search finished: (\d+) result\(s\), with server", timeout=30)
    assert match.group(1) == "2"
    time.sleep(0.8)
    display.artefact_shot(shots, "recherche-tous-comptes")
    display.key("Escape", window=search)
    app.stop()
