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
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from acmail_desktop.core import errors, log
from acmail_desktop.core.folders import move_account_choices
from acmail_desktop.core.outbox import Outbox
from acmail_desktop.core.paths import AppPaths
from acmail_desktop.core.policy import AccountsPolicy
from acmail_desktop.core.providers import NATIONAL_PROFILE_ID, ProviderRegistry
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
    label: str = ""           # the name in the folder tree; empty: the address
    predefined: bool = False  # listed by the administrator's policy (never written to accounts.json)

    @property
    def key(self) -> str:
        """The same key as AccountIdentity.key: names the cache file and the outbox rows."""
        return f"{self.provider_id}:{self.identifiant}"


def account_address(record: AccountRecord, providers: ProviderRegistry) -> str:
    """The address the account signs in with or is known by (as AccountIdentity.email)."""
    if "@" in record.identifiant:
        return record.identifiant
    provider = providers.providers.get(record.provider_id)
    domain = provider.domains[0] if provider is not None and provider.domains else "invalid"
    return f"{record.identifiant}@{domain}"


def check_account_allowed(record: AccountRecord, policy: AccountsPolicy, providers: ProviderRegistry, *,
                          adding: bool = True) -> None:
    """Raise when the administrator's policy refuses this account.

    `adding`: the user adds it beside accounts already there (refused when adding is forbidden);
    the first account signed in on a fresh profile is not "added". The domain rule holds for every
    account the user types, first or not; a predefined account is the administrator's own choice."""
    if record.predefined or any(p.academie == record.provider_id and p.identifiant == record.identifiant
                                for p in policy.predefined):
        return
    if adding and not policy.allow_adding:
        raise errors.AccountAddingForbidden(f"adding account {record.key} forbidden by the policy")
    if policy.academie_domains_only:
        domain = account_address(record, providers).rpartition("@")[2].lower()
        academie_domains = {d.lower() for p in providers.providers.values() for d in p.domains}
        if domain not in academie_domains:
            raise errors.AccountDomainNotAllowed(f"domain {domain!r} is not an académie domain")


class AccountRegistry:
    """The profile's account list (config_dir/accounts.json), first account first, then the
    accounts the administrator's policy predefines (`policy`), unless the user has them already."""

    def __init__(self, paths: AppPaths, settings: Settings, policy: AccountsPolicy | None = None,
                 providers: ProviderRegistry | None = None) -> None:
        self.paths = paths
        self.settings = settings
        self.policy = policy or AccountsPolicy()
        self.providers = providers
        self.path = paths.config_dir / ACCOUNTS_FILE

    def accounts(self) -> list[AccountRecord]:
        """What the account list shows: the user's accounts, then the policy's predefined ones."""
        records = self.load()
        known = {r.key for r in records}
        for entry in self.policy.predefined:
            record = AccountRecord(entry.academie, entry.identifiant, entry.auth_mode, False,
                                   entry.label, predefined=True)
            if record.key in known:
                records = [replace(r, label=r.label or entry.label, predefined=True) if r.key == record.key
                           else r for r in records]
            else:
                records.append(record)
                known.add(record.key)
        return records

    def may_add(self) -> bool:
        """Whether *Ajouter un compte* is offered."""
        return self.policy.allow_adding

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
        if self.settings.get("account.messagerie") == "nationale" and provider:
            provider = NATIONAL_PROFILE_ID  # the login screen keeps the académie; the account is national
        identifiant = str(self.settings.get("account.identifiant") or "")
        if not provider or not identifiant:
            return []
        return [AccountRecord(provider, identifiant, str(self.settings.get("account.auth_mode") or "password"),
                              bool(self.settings.get("account.remember")))]

    def save(self, records: Iterable[AccountRecord]) -> None:
        """Written to a temporary file, fsynced, then renamed: a crash leaves the old or the new list."""
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = self.path.with_suffix(".tmp")
        rows = [{k: v for k, v in asdict(r).items() if k != "predefined"} for r in records if not r.predefined]
        payload = json.dumps({"accounts": rows}, ensure_ascii=False, indent=1)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, payload.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, self.path)

    def add(self, record: AccountRecord) -> list[AccountRecord]:
        """Add an account the user typed; the policy may refuse it (typed errors, nothing written)."""
        records = self.load()
        if any(r.key == record.key for r in records):
            raise errors.InputError(f"account {record.key} is already in this profile")
        if self.providers is not None:
            check_account_allowed(record, self.policy, self.providers, adding=bool(records))
        elif not self.policy.allow_adding and records:
            raise errors.AccountAddingForbidden(f"adding account {record.key} forbidden by the policy")
        records.append(replace(record, predefined=False))
        self.save(records)
        return records

    def cache_files(self, record: AccountRecord) -> list[Path]:
        db = db_file_for(self.paths.cache_dir, record.key)
        return [Path(str(db) + suffix) for suffix in _CACHE_SUFFIXES] + [db.with_suffix(".lock")]

    def switch(self, old: AccountRecord, new: AccountRecord, secrets: CredentialStore,
               outbox: Outbox | None) -> list[AccountRecord]:
        """The account moves to another messagerie (its académie's servers -> the national one):
        `new` takes `old`'s place in the list with its label; its unsent mail, drafts and folder
        choices follow it; the old cache is dropped (another server: its UIDs and UIDVALIDITY say
        nothing about the new mailbox, which is read afresh into its own cache file); the old
        password leaves the keyring (it does not open the new messagerie). The old account must
        not be signed in (its cache would be open)."""
        if old.key == new.key:
            return self.load()
        records = self.load()
        if any(r.key == new.key for r in records):
            records = [r for r in records if r.key != new.key]  # already added: it takes old's place
        moved = replace(new, label=new.label or old.label, predefined=False)
        if any(r.key == old.key for r in records):
            records = [moved if r.key == old.key else r for r in records]
        else:
            records.append(moved)
        if outbox is not None:
            count = outbox.move_account(old.key, new.key)
            log.store.info("account switch: %d outbox rows and drafts follow the account", count)
        move_account_choices(self.settings, old.key, new.key)
        for path in self.cache_files(old):
            with suppress(FileNotFoundError):
                path.unlink()
        try:
            secrets.forget(old.provider_id, old.identifiant)
        except errors.AcmailError as exc:
            log.auth.warning("account switch: old keyring items not removed (%s)", exc.code)
        self.save(records)
        return records

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
        self.save(records)  # a predefined account stays listed (the administrator's), without its data
        if self.settings.get("account.identifiant") == record.identifiant and \
                self.settings.get("account.academie") == record.provider_id:
            self.settings.set("account.identifiant", "")  # the login screen no longer offers it
            self.settings.save()
        return records
