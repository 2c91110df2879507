"""The help window: every topic, search, keyboard, the three set-up exports, the diagnostics entry."""

from __future__ import annotations

import plistlib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from acmail_desktop.core.providers import bundled_providers_dir, load_providers, parse_provider_bytes
from acmail_desktop.ui.help_window import HelpWindow

pytestmark = pytest.mark.gui
AIX = load_providers([bundled_providers_dir()]).get("aix-marseille")


@pytest.fixture
def window(qtbot):  # type: ignore[no-untyped-def]
    help_window = HelpWindow(AIX, "fdurand", "francois.durand@ac-aix-marseille.fr")
    qtbot.addWidget(help_window)
    help_window.show()
    return help_window


def test_every_topic_opens_with_the_academie_data(window: HelpWindow) -> None:
    assert window.topic_list.count() == 16
    for row in range(window.topic_list.count()):
        window.topic_list.setCurrentRow(row)
        text = window.page.toPlainText()
        assert text.strip() and "$" not in text, window.current_topic
    window.open_topic("compte-bloque")
    assert "04 42 91 70 00" in window.page.toPlainText()
    window.open_topic("mot-de-passe-oublie")
    assert AIX.password_reset_url in window.page.toHtml()
    window.open_topic("autres-appareils")
    assert AIX.imap.hostname in window.page.toPlainText() and "fdurand" in window.page.toPlainText()


def test_search_is_accent_insensitive_and_says_when_nothing_matches(window: HelpWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(window.search, "bloque")
    visible = [window.topic_list.item(r).data(Qt.ItemDataRole.UserRole)
               for r in range(window.topic_list.count()) if not window.topic_list.item(r).isHidden()]
    assert "compte-bloque" in visible and "webmail" not in visible
    assert window.current_topic is not None and window.current_topic.id in visible
    window.search.setText("xyzzy introuvable")
    assert window.no_result.isVisible()


def test_keyboard_navigation(window: HelpWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.topic_list.setFocus()
    window.topic_list.setCurrentRow(0)
    qtbot.keyClick(window.topic_list, Qt.Key.Key_Down)
    assert window.current_topic.id == "premiere-connexion"
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()


def test_strength_meter_is_local(window: HelpWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.open_topic("premiere-connexion")
    qtbot.keyClicks(window.strength_input, "fdurand2024")
    assert window.strength_bar.value() <= 1 and "identifiant" in window.strength_label.text()
    window.strength_input.setText("Vélo-Orange;Cactus_91-lune")
    assert window.strength_bar.value() >= 3


def test_exports_parse_back(window: HelpWindow, tmp_path: Path) -> None:
    window.open_topic("autres-appareils")
    xml = window.export_autoconfig(tmp_path / "config-v1.1.xml").read_bytes()
    parsed = parse_provider_bytes(xml, tmp_path / "config-v1.1.xml", strict=False)
    assert parsed.imap.hostname == AIX.imap.hostname and parsed.imap.username_template == "fdurand"
    profile = plistlib.loads(window.export_mobileconfig(tmp_path / "m.mobileconfig").read_bytes())
    assert profile["PayloadContent"][0]["IncomingMailServerHostName"] == AIX.imap.hostname
    window.copy_settings()
    assert AIX.smtp.hostname in QApplication.clipboard().text()
    window.show_qr()
    assert not window.qr_label.pixmap().isNull()
    assert AIX.imap.hostname in window.qr_payload()


def test_connection_topic_runs_the_diagnostics(window: HelpWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton

    window.open_topic("connexion-echoue")
    button = window.findChild(QPushButton, "runDiagnostics")
    with qtbot.waitSignal(window.diagnostics_requested) as signal:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert signal.args == ["aix-marseille", "fdurand"]


@pytest.mark.integration
def test_connection_topic_opens_and_runs_the_real_wizard(qtbot, make_context, make_account) -> None:  # type: ignore[no-untyped-def]
    """Aide > 'Que vérifier quand la connexion échoue' > the button: the real wizard runs to a verdict."""
    from PySide6.QtWidgets import QPushButton

    from acmail_desktop.ui.diagnostics_wizard import DiagnosticsWizard
    from tests.ui.mailbox_support import close_main, open_main

    acc = make_account()
    window = open_main(qtbot, make_context(), acc)
    help_window = window.open_help()
    help_window.open_topic("connexion-echoue")
    help_window.findChild(QPushButton, "runDiagnostics").click()
    wizard = next(w for w in QApplication.topLevelWidgets() if isinstance(w, DiagnosticsWizard) and w.isVisible())
    assert wizard.provider.id == "local"
    with qtbot.waitSignal(wizard.run_finished, timeout=25000):
        wizard.next()
    wizard.close()
    help_window.close()
    close_main(qtbot, window)


@pytest.mark.parametrize("query,topic", [
    ("pièce jointe", "pieces-jointes"), ("piece jointe", "pieces-jointes"), ("déplacer", "dossiers"),
    ("rechercher", "rechercher"), ("hors ligne", "hors-ligne"), ("répondre", "ecrire"), ("non lu", "lire"),
    ("poste partagé", "poste-partage"), ("salle informatique", "poste-partage")])
def test_everyday_questions_are_found_by_the_help_search(window: HelpWindow, query: str, topic: str) -> None:
    """#19: the help answered login questions only; "pièce jointe" found nothing."""
    window.search.setText(query)
    shown = [window.topic_list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(window.topic_list.count())
             if not window.topic_list.item(r).isHidden()]
    assert topic in shown
    assert window.current_topic is not None and window.current_topic.id in shown


def test_national_messagerie_topic_says_how_to_make_an_application_password(window: HelpWindow) -> None:
    window.open_topic("messagerie-nationale")
    text = window.page.toPlainText()
    assert "Préférences → Mots de passe sécurisés → Créer…" in text
    assert "prenom.nom@ac-aix-marseille.fr" in text and "Gérer les abonnements" in text
