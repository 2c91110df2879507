"""The settings dialog: one widget per key of the typed schema, grouped in pages.

A setting the administrator's policy locks is shown with its imposed value, disabled, with
"Locked by the administrator" beside it; it is never written back, even if its widget were changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from acmail_desktop.core import log
from acmail_desktop.core.context import AppContext
from acmail_desktop.core.errors import SettingLocked
from acmail_desktop.core.settings import SCHEMA

# (page id, keys) in display order; keys not listed here are internal (first-run flag, shared mode).
PAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("account", ("account.academie", "account.messagerie", "account.identifiant", "account.auth_mode",
                 "account.remember", "sending.display_name", "sending.signature", "sending.plain_text")),
    ("display", ("display.theme", "display.font_size", "display.conversation_view", "display.plain_text")),
    ("privacy", ("privacy.mark_read_delay_s", "attachments.save_dir", "security.idle_logout_minutes")),
    ("notifications", ("notifications.new_mail",)),
    ("network", ("network.timeout_s", "network.condstore", "network.compress", "network.prefetch_mb",
                 "security.min_tls_version",
                 "security.extra_ca_files", "diagnostics.allow_login")),
    ("language", ("general.language",)),
)


class SettingsDialog(QDialog):
    settings_applied = Signal(list)  # keys whose value changed

    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 sending_servers: Sequence[QWidget] = ()) -> None:
        super().__init__(parent)
        self.context = context
        # One "Sending server" box per signed-in account whose profile only guesses its SMTP
        # server (ui/sending_server.py), on the Account page.
        self.sending_servers = list(sending_servers)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("AcMail — Settings"))
        self.editors: dict[str, QWidget] = {}
        self.lock_labels: dict[str, QLabel] = {}
        self._getters: dict[str, Callable[[], Any]] = {}
        self._build()
        self.load()

    # --- texts -------------------------------------------------------------------------------
    def locked_text(self) -> str:
        return self.tr("Locked by the administrator")

    def page_title(self, page: str) -> str:
        return {
            "account": self.tr("Account"), "display": self.tr("Display"), "privacy": self.tr("Privacy"),
            "notifications": self.tr("Notifications"), "network": self.tr("Network"),
            "language": self.tr("Language"),
        }[page]

    def label_for(self, key: str) -> str:
        return {
            "account.academie": self.tr("Académie:"),
            "account.messagerie": self.tr("Mail system:"),
            "account.identifiant": self.tr("Identifiant:"),
            "account.auth_mode": self.tr("Log in with:"),
            "account.remember": self.tr("Remember my password"),
            "sending.signature": self.tr("Signature:"),
            "sending.display_name": self.tr("Display name:"),
            "sending.plain_text": self.tr("Write in plain text (no formatting)"),
            "display.theme": self.tr("Theme:"),
            "display.font_size": self.tr("Message font size:"),
            "display.conversation_view": self.tr("Group messages by conversation"),
            "display.plain_text": self.tr("Show messages as plain text"),
            "privacy.mark_read_delay_s": self.tr("Mark as read after:"),
            "attachments.save_dir": self.tr("Save attachments in:"),
            "security.idle_logout_minutes": self.tr("Log out after inactivity:"),
            "notifications.new_mail": self.tr("Notify me of new mail"),
            "network.timeout_s": self.tr("Connection timeout:"),
            "network.condstore": self.tr("Fast synchronisation (CONDSTORE/QRESYNC)"),
            "network.compress": self.tr("Compress the traffic (COMPRESS=DEFLATE)"),
            "network.prefetch_mb": self.tr("Download ahead of the click:"),
            "security.min_tls_version": self.tr("Minimum TLS version:"),
            "security.extra_ca_files": self.tr("Extra certificate authorities:"),
            "diagnostics.allow_login": self.tr("Diagnostics may try to log in"),
            "general.language": self.tr("Interface language:"),
        }.get(key, key)

    def choice_text(self, key: str, value: Any) -> str:
        texts = {
            "password": self.tr("Password"), "passcode": self.tr("PassCode OTP"),
            "system": self.tr("Same as the system"), "light": self.tr("Light"), "dark": self.tr("Dark"),
            "fr": "Français", "en": "English",
            "academique": self.tr("Messagerie académique (former)"), "nationale": self.tr("Messagerie nationale"),
        }
        if key == "account.messagerie" and value == "":
            return self.tr("As the académie's profile says (both offered when unsure)")
        return texts.get(value, str(value))

    # --- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        for page, keys in PAGES:
            widget = QWidget()
            widget.setObjectName(f"page_{page}")
            page_layout = QVBoxLayout(widget)
            form = QFormLayout()
            page_layout.addLayout(form)
            if page == "account":
                for box in self.sending_servers:
                    page_layout.addWidget(box)
            page_layout.addStretch(1)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
            for key in keys:
                if key not in SCHEMA:
                    continue
                editor = self._make_editor(key)
                editor.setObjectName(f"setting:{key}")
                self.editors[key] = editor
                row = QWidget()
                # A check box carries its own (long) label: the lock note goes under it, not beside.
                row_layout = QVBoxLayout(row) if isinstance(editor, QCheckBox) else QHBoxLayout(row)
                row_layout.setContentsMargins(0, 0, 0, 0)
                row_layout.addWidget(editor, 1)
                lock = QLabel(self.tr("Locked by the administrator"))
                lock.setObjectName(f"locked:{key}")
                lock.setStyleSheet("color: #8a5a00; font-style: italic; font-weight: 600;")
                lock.setVisible(False)
                self.lock_labels[key] = lock
                row_layout.addWidget(lock)
                if isinstance(editor, QCheckBox):
                    form.addRow("", row)
                else:
                    label = QLabel(self.label_for(key))
                    label.setBuddy(editor)
                    # The label and the editor are not siblings (the editor sits in `row` with its
                    # lock note), so Qt cannot take the name from the buddy: a screen reader said
                    # nothing, or the value, for these fields.
                    editor.setAccessibleName(self.label_for(key).replace("&", "").rstrip(" :\u00a0"))
                    form.addRow(label, row)
                editor.setToolTip(SCHEMA[key].description)
            self.tabs.addTab(widget, self.page_title(page))
        outer.addWidget(self.tabs)
        if self.context.shared_machine:
            note = QLabel(self.tr("Shared computer: your settings are forgotten when you log out."))
            note.setObjectName("sharedMachineNote")
            note.setWordWrap(True)
            outer.addWidget(note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Apply
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)
        outer.addWidget(self.buttons)
        self.setMinimumWidth(620)

    def _make_editor(self, key: str) -> QWidget:
        setting = SCHEMA[key]
        if key == "account.academie":
            combo = QComboBox()
            for provider in self.context.providers.academies():
                combo.addItem(provider.display_name, provider.id)
            self._getters[key] = combo.currentData
            return combo
        if setting.type is bool:
            box = QCheckBox(self.label_for(key))
            self._getters[key] = box.isChecked
            return box
        if setting.choices is not None:
            combo = QComboBox()
            for choice in setting.choices:
                combo.addItem(self.choice_text(key, choice), choice)
            self._getters[key] = combo.currentData
            return combo
        if setting.type is int:
            spin = QSpinBox()
            spin.setRange(0, {"security.idle_logout_minutes": 1440, "network.prefetch_mb": 500}.get(key, 72))
            if key == "network.prefetch_mb":
                spin.setSuffix(self.tr(" MB"))
                spin.setSpecialValueText(self.tr("Off"))
            elif key == "security.idle_logout_minutes":
                spin.setSuffix(self.tr(" min"))
                spin.setSpecialValueText(self.tr("Never"))
            elif key == "display.font_size":
                spin.setSuffix(self.tr(" pt"))
                spin.setSpecialValueText(self.tr("System size"))
            self._getters[key] = spin.value
            return spin
        if setting.type is float:
            dspin = QDoubleSpinBox()
            dspin.setRange(0.0, 600.0)
            dspin.setDecimals(1)
            dspin.setSuffix(self.tr(" s"))
            self._getters[key] = dspin.value
            return dspin
        if setting.type is list:
            text = QPlainTextEdit()
            text.setPlaceholderText(self.tr("One file per line"))
            text.setFixedHeight(64)
            self._getters[key] = lambda: [line.strip() for line in text.toPlainText().splitlines()
                                          if line.strip()]
            return text
        if key == "sending.signature":
            sig = QPlainTextEdit()
            sig.setFixedHeight(72)
            self._getters[key] = sig.toPlainText
            return sig
        line = QLineEdit()
        self._getters[key] = line.text
        return line

    # --- values ------------------------------------------------------------------------------
    def _set_editor(self, key: str, value: Any) -> None:
        editor = self.editors[key]
        if isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findData(value))  # -1 (nothing) when unset, never a guess
        elif isinstance(editor, QSpinBox | QDoubleSpinBox):
            editor.setValue(value)
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText("\n".join(value) if isinstance(value, list) else str(value))
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value))

    def load(self) -> None:
        settings = self.context.settings
        self._loaded: dict[str, Any] = {}
        for key, editor in self.editors.items():
            self._set_editor(key, settings.get(key))
            self._loaded[key] = self.value(key)
            locked = settings.is_locked(key)
            if key == "account.remember" and not locked and not self.context.policy_allows_remember:
                locked = True
            editor.setEnabled(not locked)
            self.lock_labels[key].setVisible(locked)
            if locked:
                editor.setToolTip(self.tr("Locked by the administrator"))
                editor.setAccessibleDescription(self.tr("Locked by the administrator"))

    def value(self, key: str) -> Any:
        return self._getters[key]()

    def is_locked(self, key: str) -> bool:
        return not self.editors[key].isEnabled()

    def apply(self) -> list[str]:
        """Write the changed, unlocked values; a locked one is skipped whatever its widget shows."""
        settings = self.context.settings
        changed: list[str] = []
        for key in self.editors:
            if self.is_locked(key) or settings.is_locked(key):
                continue
            value = self.value(key)
            if value is None or value == self._loaded.get(key) or value == settings.get(key):
                continue  # untouched by the user: a policy default stays a default
            try:
                settings.set(key, value)
            except SettingLocked:
                continue
            except Exception:
                log.ui.exception("setting %s not saved", key)
                continue
            changed.append(key)
        self._loaded.update({key: self.value(key) for key in changed})
        for box in self.sending_servers:
            if box.apply():  # type: ignore[attr-defined]
                changed.append("sending.smtp_by_account")
        if changed:
            log.ui.info("settings changed: %s", ", ".join(changed))
            self.settings_applied.emit(changed)
        return changed

    def accept(self) -> None:
        self.apply()
        super().accept()


def locked_reason_shown(dialog: SettingsDialog, key: str) -> bool:
    """For tests and accessibility checks: the lock text is on screen for `key`."""
    label = dialog.lock_labels[key]
    return label.isVisibleTo(dialog) and label.text() == dialog.locked_text()


