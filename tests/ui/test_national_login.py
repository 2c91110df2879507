"""The login screen's choice between an académie's own servers and the national messagerie, and the
form it adapts (address, application password, no PassCode), against the real test Dovecot."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from acmail_desktop.core.context import AppContext
from acmail_desktop.core.providers import ProviderRegistry
from acmail_desktop.core.secrets import SessionOnlyStore
from acmail_desktop.core.settings import Settings
from acmail_desktop.ui.login import LoginWindow

pytestmark = [pytest.mark.gui, pytest.mark.integration]


@pytest.fixture
def migrated_registry(national_registry: ProviderRegistry) -> ProviderRegistry:
    """The local test académie, migrated like La Réunion (its profile says current="nationale")."""
    local = national_registry.get("local")
    migrated = replace(local, id="migree", display_name="Académie migrée (test)", domains=("ac-migree.fr",),
                       messagerie_current="nationale")
    return ProviderRegistry({**national_registry.providers, "migree": migrated})


def _window(qtbot, app_paths, mail_server, providers, academie, locked=None) -> LoginWindow:  # type: ignore[no-untyped-def]
    settings = Settings(app_paths.settings_file, locked=locked)
    settings.set("account.academie", academie)
    context = AppContext(app_paths, settings, providers, SessionOnlyStore(),
                         extra_ca_files=[str(mail_server.ca_pem_path)])
    window = LoginWindow(context)
    qtbot.addWidget(window)
    window.show()
    return window


def test_national_messagerie_is_not_listed_as_an_academie(qtbot, app_paths, mail_server, registry) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, app_paths, mail_server, registry, "versailles")
    names = [window.academie.itemText(i) for i in range(window.academie.count())]
    assert "Messagerie nationale" not in names
    assert window.academie.findData("nationale") < 0
    assert "Académie de La Réunion" in names


def test_choice_offered_per_academie(qtbot, app_paths, mail_server, registry) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, app_paths, mail_server, registry, "reunion")
    # La Réunion's profile says it moved: both offered, the national one preselected.
    assert window.messagerie_row.isVisible()
    assert window.messagerie_academique.text() == "Messagerie a&cadémique (ancienne)"
    assert window.messagerie_nationale.isChecked() and window.provider.id == "nationale"
    # Versailles: unknown (not public) -> both offered, its own servers preselected.
    window.academie.setCurrentIndex(window.academie.findData("versailles"))
    assert window.messagerie_row.isVisible() and window.messagerie_academique.isChecked()
    assert window.provider.id == "versailles"
    # A server that is no académie's (the local test server, acmail.test): no choice.
    window.academie.setCurrentIndex(window.academie.findData("local"))
    assert not window.messagerie_row.isVisible() and window.provider.id == "local"


def test_the_form_adapts_to_the_national_messagerie(qtbot, app_paths, mail_server, registry) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, app_paths, mail_server, registry, "versailles")
    assert window.identifiant_label.text() == "&Identifiant :"
    assert window.mode_widget.isVisible(), "Versailles' own servers take a PassCode"
    qtbot.mouseClick(window.messagerie_nationale, Qt.MouseButton.LeftButton)
    assert window.provider.id == "nationale"
    assert window.identifiant_label.text() == "&Adresse électronique :"
    assert window.identifiant.placeholderText() == "ex. : prenom.nom@ac-versailles.fr"
    assert window.secret_label.text() == "Mot de passe d'a&pplication :"
    assert not window.mode_widget.isVisible() and not window.mode_label.isVisible(), "no PassCode here"
    steps = window.app_password_steps.text()
    assert window.app_password_steps.isVisible()
    assert "Préférences → Mots de passe sécurisés → Créer…" in steps
    assert 'href="https://messagerie.education.gouv.fr"' in steps
    assert "imap.education.gouv.fr:993 (non confirmé)" in window.server_label.text()
    assert not window.forgot_link.isVisible(), "the académie's password reset is not this password"
    # Back to the académie's servers: everything as before.
    qtbot.mouseClick(window.messagerie_academique, Qt.MouseButton.LeftButton)
    assert window.identifiant_label.text() == "&Identifiant :" and window.mode_widget.isVisible()
    assert not window.app_password_steps.isVisible()


def test_an_identifiant_typed_instead_of_the_address_is_stopped(qtbot, app_paths, mail_server,
                                                              migrated_registry) -> None:  # type: ignore[no-untyped-def]
    mail_server.reset_auth_log()
    window = _window(qtbot, app_paths, mail_server, migrated_registry, "migree")
    window.identifiant.setText("fdurand")
    window.password.setText("quelque-chose")
    qtbot.mouseClick(window.submit_button, Qt.MouseButton.LeftButton)
    assert window.error_frame.isVisible() and not window.busy
    assert "adresse électronique complète" in window.error_text.text()
    assert mail_server.auth_attempts() == [], "nothing sent to the server"


def test_policy_fixes_the_choice(qtbot, app_paths, mail_server, registry) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, app_paths, mail_server, registry, "versailles",
                     locked={"account.messagerie": "nationale"})
    assert not window.messagerie_row.isVisible(), "the administrator chose: nothing to offer"
    assert window.provider.id == "nationale"
    window.academie.setCurrentIndex(window.academie.findData("lyon"))
    assert window.provider.id == "nationale"
    fixed_old = _window(qtbot, app_paths, mail_server, registry, "reunion",
                        locked={"account.messagerie": "academique"})
    assert not fixed_old.messagerie_row.isVisible() and fixed_old.provider.id == "reunion"


def test_sign_in_through_the_national_form(qtbot, app_paths, mail_server, migrated_registry,
                                           make_national_account) -> None:  # type: ignore[no-untyped-def]
    acc = make_national_account()
    window = _window(qtbot, app_paths, mail_server, migrated_registry, "migree")
    assert window.messagerie_nationale.isChecked()
    window.identifiant.setText(acc.email.upper())
    window.password.setText(acc.app_password)
    with qtbot.waitSignal(window.login_succeeded, timeout=15000) as signal:
        qtbot.mouseClick(window.submit_button, Qt.MouseButton.LeftButton)
    result = signal.args[0]
    try:
        assert result.account.provider.id == "nationale" and result.account.email == acc.email
        assert [a.result for a in mail_server.auth_attempts(acc.email)] == ["ok"]
        settings = window.context.settings
        assert settings.get("account.academie") == "migree" and settings.get("account.messagerie") == "nationale"
    finally:
        result.session.logout()


def test_usual_password_on_the_national_form_explains_application_passwords(
        qtbot, app_paths, mail_server, migrated_registry, make_national_account) -> None:  # type: ignore[no-untyped-def]
    acc = make_national_account()
    window = _window(qtbot, app_paths, mail_server, migrated_registry, "migree")
    window.identifiant.setText(acc.email)
    window.password.setText(acc.usual_password)
    qtbot.mouseClick(window.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.error_frame.isVisible() and not window.busy, timeout=15000)
    assert window.error_title.text() == "Mot de passe d'application nécessaire"
    assert "mot de passe habituel" in window.error_text.text()
    assert "Mots de passe sécurisés" in window.error_action.text()
    # Counted at the server: the refused login reached it exactly once (no retry, no second try
    # with another user name), so a mistyped password never costs the account two failures.
    assert [a.result for a in mail_server.auth_attempts(acc.email)] == ["usual_password"]
    assert window.password.hasFocus()


def test_signing_in_to_the_national_messagerie_replaces_the_academie_account(
        qtbot, make_context, migrated_registry, make_national_account) -> None:  # type: ignore[no-untyped-def]
    """The login screen, then the Controller's question: the académie account of the list is
    replaced (its place, its outbox and drafts kept; its cache deleted)."""
    from acmail_desktop.core.accounts import AccountRecord
    from acmail_desktop.core.outbox import Outbox
    from acmail_desktop.core.store import Store, db_file_for
    from acmail_desktop.ui.app import Controller

    acc = make_national_account()
    context = make_context(providers=migrated_registry, academie="migree")
    old = AccountRecord("migree", "fdurand", label="Collège")
    controller = Controller(context)
    controller.registry.save([old])
    Store.for_account(context.paths.cache_dir, old.key).close()
    outbox = Outbox(context.paths.data_dir)
    try:
        draft = outbox.save_draft(old.key, {"subject": "brouillon d'avant"})
    finally:
        outbox.close()
    asked: list[tuple[str, str]] = []
    controller.ask_switch = lambda o, n: asked.append((o.key, n.key)) or True  # type: ignore[method-assign]
    try:
        window = controller.show_login()
        qtbot.addWidget(window)
        assert window.messagerie_nationale.isChecked()
        window.identifiant.setText(acc.email)
        window.password.setText(acc.app_password)
        qtbot.mouseClick(window.submit_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: controller.main_window is not None, timeout=15000)
        main = controller.main_window
        qtbot.addWidget(main)
        new_key = f"nationale:{acc.email}"
        assert asked == [(old.key, new_key)]
        records = controller.registry.load()
        assert [(r.key, r.label) for r in records] == [(new_key, "Collège")]
        assert not db_file_for(context.paths.cache_dir, old.key).exists()
        assert [d.id for d in main.outbox.local_drafts(new_key)] == [draft]
        qtbot.waitUntil(lambda: main.folder_model.rowCount() > 0, timeout=15000)
        with qtbot.waitSignal(main.logged_out, timeout=15000):
            assert controller.request_logout("user")
    finally:
        controller.shutdown()


def test_a_first_national_sign_in_asks_nothing(qtbot, make_context, migrated_registry,
                                               make_national_account) -> None:  # type: ignore[no-untyped-def]
    """No saved account list: the login screen's own last choice (just written by this sign-in:
    the académie and the address) is no account to replace (the real acmail asked it, #20)."""
    from acmail_desktop.ui.app import Controller

    acc = make_national_account()
    context = make_context(providers=migrated_registry, academie="migree")
    controller = Controller(context)
    asked: list[object] = []
    controller.ask_switch = lambda o, n: asked.append(o) or True  # type: ignore[method-assign]
    try:
        window = controller.show_login()
        qtbot.addWidget(window)
        window.identifiant.setText(acc.email)
        window.password.setText(acc.app_password)
        qtbot.mouseClick(window.submit_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: controller.main_window is not None, timeout=15000)
        main = controller.main_window
        qtbot.addWidget(main)
        assert asked == []
        assert [r.key for r in controller.registry.load()] == [f"nationale:{acc.email}"]
        qtbot.waitUntil(lambda: main.folder_model.rowCount() > 0, timeout=15000)
        with qtbot.waitSignal(main.logged_out, timeout=15000):
            assert controller.request_logout("user")
    finally:
        controller.shutdown()
