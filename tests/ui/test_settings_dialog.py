"""Settings dialog over the typed schema: every page, locked settings shown locked and never changed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QSpinBox

from acmail_desktop.core.context import AppContext
from acmail_desktop.core.policy import Policy, PolicySettings
from acmail_desktop.core.providers import ProviderRegistry
from acmail_desktop.core.secrets import SessionOnlyStore
from acmail_desktop.core.settings import SCHEMA
from acmail_desktop.ui.settings_dialog import PAGES, SettingsDialog, locked_reason_shown

pytestmark = pytest.mark.gui

LOCKED = {"security.min_tls_version": "TLSv1.3", "diagnostics.allow_login": False,
          "security.idle_logout_minutes": 15, "account.remember": False}


@pytest.fixture
def policy_context(app_paths, registry: ProviderRegistry) -> AppContext:  # type: ignore[no-untyped-def]
    policy = Policy(source=Path("/etc/acmail/policy.json"), locked=dict(LOCKED),
                    defaults={"display.theme": "light"}, allow_remember_password=False)
    settings = PolicySettings(app_paths.settings_file, locked=policy.locked, defaults=policy.defaults)
    return AppContext(app_paths, settings, registry, SessionOnlyStore(), policy_allows_remember=False,
                      policy=policy)


def test_every_page_and_user_setting_has_an_editor(qtbot, policy_context: AppContext) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(policy_context)
    qtbot.addWidget(dialog)
    assert [page for page, _keys in PAGES] == ["account", "display", "privacy", "notifications", "network",
                                              "language"]
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        dialog.page_title(page) for page, _keys in PAGES]
    shown = {key for _page, keys in PAGES for key in keys}
    assert shown == set(dialog.editors)
    # Special folders are chosen on the folder itself (its context menu: "Utiliser comme"); a
    # discovered sending server in its own box per account (ui/sending_server.py).
    assert set(SCHEMA) - shown - {"folders.special", "folders.special_by_account", "sending.smtp_by_account"} == {
        "help.first_run_done", "general.shared_machine"}
    for key in shown - {"account.academie"}:
        assert dialog.value(key) == policy_context.settings.get(key), key
    assert dialog.value("account.academie") is None  # never chosen: no académie is guessed
    assert dialog.value("display.theme") == "light"  # the policy's default, unlocked


def test_locked_settings_are_shown_locked_and_cannot_change(qtbot, policy_context: AppContext) -> None:  # type: ignore[no-untyped-def]
    settings = policy_context.settings
    dialog = SettingsDialog(policy_context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for key, value in LOCKED.items():
        dialog.tabs.setCurrentWidget(dialog.editors[key].parentWidget().parentWidget())
        assert dialog.is_locked(key) and not dialog.editors[key].isEnabled(), key
        assert locked_reason_shown(dialog, key), key
        assert dialog.value(key) == value
    unlocked = [k for k in dialog.editors if k not in LOCKED]
    assert not any(dialog.is_locked(k) for k in unlocked)

    # Clicking a locked check box does nothing.
    box = dialog.editors["diagnostics.allow_login"]
    assert isinstance(box, QCheckBox)
    dialog.tabs.setCurrentIndex(4)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert not box.isChecked()
    # Even if a locked widget were changed behind the user's back, nothing is written.
    tls = dialog.editors["security.min_tls_version"]
    assert isinstance(tls, QComboBox)
    tls.setCurrentIndex(tls.findData("TLSv1.2"))
    idle = dialog.editors["security.idle_logout_minutes"]
    assert isinstance(idle, QSpinBox)
    idle.setValue(0)
    # An unlocked setting is saved.
    theme = dialog.editors["display.theme"]
    assert isinstance(theme, QComboBox)
    theme.setCurrentIndex(theme.findData("dark"))
    with qtbot.waitSignal(dialog.settings_applied) as signal:
        dialog.accept()
    assert signal.args == [["display.theme"]]
    assert settings.get("security.min_tls_version") == "TLSv1.3"
    assert settings.get("security.idle_logout_minutes") == 15
    assert settings.get("display.theme") == "dark"
    stored = json.loads(policy_context.paths.settings_file.read_text(encoding="utf-8"))
    assert stored == {"display.theme": "dark"}


def test_screenshot_with_a_locked_setting(qtbot, policy_context: AppContext, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(policy_context)
    qtbot.addWidget(dialog)
    dialog.resize(760, 460)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.tabs.setCurrentIndex(4)  # Network: min TLS and diagnostics locked
    target = Path(os.environ.get("ACMAIL_SCREENSHOT_DIR", tmp_path)) / "settings-network-locked.png"
    assert dialog.grab().save(str(target))
    assert target.stat().st_size > 5000


def test_controller_opens_settings_and_applies_idle_minutes(qtbot, app_paths, registry) -> None:  # type: ignore[no-untyped-def]
    from acmail_desktop.core.settings import Settings
    from acmail_desktop.ui.app import Controller

    context = AppContext(app_paths, Settings(app_paths.settings_file), registry, SessionOnlyStore())
    controller = Controller(context)
    try:
        assert not controller.idle.enabled
        dialog = controller.open_settings()
        qtbot.addWidget(dialog)
        spin = dialog.editors["security.idle_logout_minutes"]
        assert isinstance(spin, QSpinBox) and spin.isEnabled()
        spin.setValue(5)
        dialog.accept()
        assert context.settings.get("security.idle_logout_minutes") == 5
        assert controller.idle.enabled and controller.idle.interval_ms == 5 * 60_000
        assert controller.idle.remaining_ms() > 4 * 60_000  # running, restarted just now
    finally:
        controller.shutdown()
