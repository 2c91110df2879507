"""The accounts of one AcMail profile, and removing one of them without leaving anything behind.

Why a registry: a profile used to hold one account, remembered as the login screen's last choice
(settings `account.*`). Several accounts need a list; each account keeps what already isolated it:
its own cache file (`store.db_file_for(cache_dir, key)`), its own keyring items (service AcMail,
item named by provider and identifiant), its own `Account` object (connections, lockout state),
its own outbox rows and drafts (the outbox's `account` column). An existing single-account
profile is read as the first account, its cache file untouched (same name, same bytes).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import asdict, dataclass
from pathlib import Path

from acmail_desktop.core import errors, log
from acmail_desktop.core.outbox import Outbox
from acmail_desktop.core.paths import AppPaths
from acmail_desktop.core.secrets import CredentialStore
from acmail_desktop.core.settings import Settings
from acmail_desktop.core.store import db_file_for

ACCOUNTS_FILE = "accounts.json"
_CACHE_SUFFIXES = ("", "-wal", "-shm", ".clean")


@dataclass(frozen=True)
class AccountRecord:
    """One account of the profile (never a secret)."""

    provider_id: str
    identifiant: str
    auth_mode: str = "password"  # "password" or "passcode": each account its own mode
    remember: bool = False

    @property
    def key(self) -> str:
        """The same key as AccountIdentity.key: names the cache file and the outbox rows."""
        return f"{self.provider_id}:{self.identifiant}"


class AccountRegistry:
    """The profile's account list (config_dir/accounts.json), first account first."""

    def __init__(self, paths: AppPaths, settings: Settings) -> None:
        self.paths = paths
        self.settings = settings
        self.path = paths.config_dir / ACCOUNTS_FILE

    def load(self) -> list[AccountRecord]:
        """The accounts; a profile from before several accounts yields its one account."""
        if self.path.exists():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                return [AccountRecord(**{k: v for k, v in row.items() if k in AccountRecord.__dataclass_fields__})
                        for row in data.get("accounts", [])]
            except (OSError, ValueError, TypeError) as exc:
                raise errors.ConfigError(f"{self.path.name} unreadable: {type(exc).__name__}") from exc
        provider = str(self.settings.get("account.academie") or "")
        identifiant = str(self.settings.get("account.identifiant") or "")
        if not provider or not identifiant:
            return []
        return [AccountRecord(provider, identifiant, str(self.settings.get("account.auth_mode") or "password"),
                              bool(self.settings.get("account.remember")))]

    def save(self, records: Iterable[AccountRecord]) -> None:
        """Written to a temporary file, fsynced, then renamed: a crash leaves the old or the new list."""
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = self.path.with_suffix(".tmp")
        payload = json.dumps({"accounts": [asdict(r) for r in records]}, ensure_ascii=False, indent=1)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, payload.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, self.path)

    def add(self, record: AccountRecord) -> list[AccountRecord]:
        records = self.load()
        if any(r.key == record.key for r in records):
            raise errors.InputError(f"account {record.key} is already in this profile")
        records.append(record)
        self.save(records)
        return records

    def cache_files(self, record: AccountRecord) -> list[Path]:
        db = db_file_for(self.paths.cache_dir, record.key)
        return [Path(str(db) + suffix) for suffix in _CACHE_SUFFIXES] + [db.with_suffix(".lock")]

    def remove(self, record: AccountRecord, secrets: CredentialStore, outbox: Outbox | None) -> list[AccountRecord]:
        """The account leaves the profile with its cache, outbox rows, drafts and keyring items.
        The other accounts keep theirs (their files are named by their own key)."""
        for path in self.cache_files(record):
            with suppress(FileNotFoundError):
                path.unlink()
        if outbox is not None:
            outbox.remove_account(record.key)
        try:
            secrets.forget(record.provider_id, record.identifiant)
        except errors.AcmailError as exc:
            log.auth.warning("account removal: keyring items not removed (%s)", exc.code)
            raise
        records = [r for r in self.load() if r.key != record.key]
        self.save(records)
        if self.settings.get("account.identifiant") == record.identifiant and \
                self.settings.get("account.academie") == record.provider_id:
            self.settings.set("account.identifiant", "")  # the login screen no longer offers it
            self.settings.save()
        return records
