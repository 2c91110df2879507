"""One declarative, typed settings schema, stored as JSON in the config dir.

Every setting has a key, a type, a default and a description; values an administrator's policy
locks are read from the policy and cannot be changed (`SettingLocked`).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from acmail_desktop.core.errors import ConfigError, SettingLocked


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    description: str
    choices: tuple[Any, ...] | None = None

    def validate(self, value: Any) -> Any:
        if self.type is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if self.type is list:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"setting {self.key}: expected a list of strings")
        elif self.type is dict:
            if not _string_tree(value):
                raise ConfigError(f"setting {self.key}: expected an object of strings")
        elif not isinstance(value, self.type) or (self.type is int and isinstance(value, bool)):
            raise ConfigError(f"setting {self.key}: expected {self.type.__name__}")
        if self.choices is not None and value not in self.choices:
            raise ConfigError(f"setting {self.key}: {value!r} not in {self.choices}")
        return value


def _string_tree(value: Any, depth: int = 2) -> bool:
    """A JSON object whose values are strings or (one level down) objects of strings."""
    if not isinstance(value, dict):
        return False
    return all(isinstance(k, str) and (isinstance(v, str) or (depth > 1 and _string_tree(v, depth - 1)))
               for k, v in value.items())


SCHEMA: dict[str, Setting] = {s.key: s for s in [
    Setting("account.academie", str, "", "Last académie chosen on the login screen (provider id)."),
    Setting("account.messagerie", str, "",
            "Which messagerie the académie's staff sign in to: \"academique\" (its own servers), "
            "\"nationale\" (the national platform, address + application password) or \"\" (follow "
            "the académie's profile, and offer both when it is unsure).", ("", "academique", "nationale")),
    Setting("account.identifiant", str, "", "Last identifiant used (never a password)."),
    Setting("account.auth_mode", str, "password", "Login with the password or a PassCode OTP.",
            ("password", "passcode")),
    Setting("account.remember", bool, False, "Keep the password in the OS keyring."),
    Setting("security.min_tls_version", str, "TLSv1.2", "Lowest TLS version accepted.",
            ("TLSv1.2", "TLSv1.3")),
    Setting("security.extra_ca_files", list, [], "Extra CA certificates to trust (PEM files)."),
    Setting("network.timeout_s", float, 20.0, "Socket timeout for IMAP and SMTP, in seconds."),
    Setting("network.condstore", bool, True, "Use CONDSTORE/QRESYNC when the server offers them."),
    Setting("network.compress", bool, True, "Compress IMAP traffic (COMPRESS=DEFLATE) when the server offers it."),
    Setting("network.prefetch_mb", int, 20,
            "Megabytes of messages downloaded ahead per session, on a second connection (0 = off)."),
    Setting("display.font_size", int, 0, "Font size in points for the message view (0 = system)."),
    Setting("display.theme", str, "system", "Colour theme.", ("system", "light", "dark")),
    Setting("display.plain_text", bool, False, "Show messages as plain text instead of formatted."),
    Setting("display.conversation_view", bool, False, "Group the message list by conversation."),
    Setting("privacy.mark_read_delay_s", float, 2.0, "Seconds before a shown message is marked read."),
    Setting("notifications.new_mail", bool, True, "Desktop notification when new mail arrives."),
    Setting("general.language", str, "fr", "Interface language (French by default).",
            ("system", "fr", "en")),
    Setting("folders.special", dict, {},
            "Special folders the server does not mark, for every account: {\"trash\": \"INBOX.Corbeille\", "
            "\"sent\": ..., \"drafts\", \"junk\", \"archive\"} (usually set by the policy)."),
    Setting("folders.special_by_account", dict, {},
            "The user's choice of special folders, per account: {account key: {use: folder name}}."),
    Setting("sending.signature", str, "", "Signature added to new messages."),
    Setting("sending.smtp_by_account", dict, {},
            "The sending server found or typed for an account whose profile only guesses it "
            "(acmail:smtpDiscovery): {account key: {hostname, port, security, method}}."),
    Setting("sending.plain_text", bool, False,
            "Write in plain text (\"Écrire en texte brut\"): no formatting toolbar, no HTML part sent."),
    Setting("sending.display_name", str, "",
            "Name shown to recipients beside the address (\"Nom affiché\"); proposed at first use."),
    Setting("help.first_run_done", bool, False, "The first-run assistant was completed."),
    # Policy-controlled settings (issue 7: shared lab machines).
    Setting("security.idle_logout_minutes", int, 0,
            "Minutes without input before automatic logout (0 = never)."),
    Setting("diagnostics.allow_login", bool, True, "The connection diagnostics may attempt a real login."),
    Setting("attachments.save_dir", str, "", "Folder proposed for saving attachments (empty = Downloads)."),
    Setting("general.shared_machine", bool, False,
            "Shared-machine mode: private temporary profile, nothing stored (set by the policy)."),
]}


class Settings:
    """Typed access to the settings file, with policy-locked values taking precedence."""

    def __init__(self, path: Path, locked: Mapping[str, Any] | None = None) -> None:
        self.path = path
        self._locked: dict[str, Any] = {}
        for key, value in (locked or {}).items():
            self._locked[key] = SCHEMA[key].validate(value)
        self._values: dict[str, Any] = {}
        self._load()

    def _load(self) -> None:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError):
            return  # a damaged settings file falls back to defaults rather than blocking start-up
        if not isinstance(raw, dict):
            return
        for key, value in raw.items():
            setting = SCHEMA.get(key)
            if setting is None:
                continue
            try:
                self._values[key] = setting.validate(value)
            except ConfigError:
                continue

    def get(self, key: str) -> Any:
        if key in self._locked:
            return self._locked[key]
        return self._values.get(key, SCHEMA[key].default)

    def is_locked(self, key: str) -> bool:
        return key in self._locked

    def set(self, key: str, value: Any) -> None:
        if key in self._locked:
            raise SettingLocked(f"setting {key} is locked by the administrator")
        self._values[key] = SCHEMA[key].validate(value)
        self.save()

    def save(self) -> None:
        """Write atomically so a crash never leaves half a settings file."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".settings-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(self._values, handle, ensure_ascii=False, indent=2, sort_keys=True)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
