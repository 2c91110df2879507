"""What every window needs: paths, settings, académie profiles, credential store, TLS context, policy."""

from __future__ import annotations

import dataclasses
import ssl
import threading
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from acmail_desktop.core import log
from acmail_desktop.core.errors import PolicyError, ProviderFileError
from acmail_desktop.core.paths import AppPaths
from acmail_desktop.core.policy import Policy, PolicySettings
from acmail_desktop.core.providers import (
    Provider,
    ProviderRegistry,
    bundled_providers_dir,
    load_providers,
    parse_provider,
)
from acmail_desktop.core.secrets import CredentialStore, KeyringStore, SessionOnlyStore
from acmail_desktop.core.settings import Settings
from acmail_desktop.core.shared_session import SharedSession
from acmail_desktop.core.tls import make_ssl_context

SYSTEM_PROVIDERS_DIR = Path("/etc/acmail/providers")


@dataclass
class AppContext:
    paths: AppPaths
    settings: Settings
    providers: ProviderRegistry
    credential_store: CredentialStore
    policy_allows_remember: bool = True
    shared_machine: bool = False
    extra_ca_files: list[str] = field(default_factory=list)
    policy: Policy = field(default_factory=Policy)
    shared_session: SharedSession | None = None

    _ssl_cache: tuple[tuple[object, ...], ssl.SSLContext] | None = field(default=None, init=False, repr=False)
    _ssl_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def ssl_context(self) -> ssl.SSLContext:
        """Built once per trust setting: loading the system CAs costs ~50 ms, too long for the GUI
        thread (the login window warms it on its worker at start). Thread-safe."""
        files = tuple(self.extra_ca_files) + tuple(self.settings.get("security.extra_ca_files"))
        key = (files, self.settings.get("security.min_tls_version"))
        with self._ssl_lock:
            if self._ssl_cache is None or self._ssl_cache[0] != key:
                self._ssl_cache = (key, make_ssl_context(list(files), str(key[1])))
            return self._ssl_cache[1]

    @property
    def opened_attachments_dir(self) -> Path:
        """Where an attachment is written to be opened: inside the wiped folder on a shared machine."""
        if self.shared_session is not None:
            return self.shared_session.attachments_dir
        return self.paths.cache_dir / "attachments"

    @property
    def attachments_save_dir(self) -> Path:
        """The folder proposed when saving an attachment: the policy's or the user's choice, else
        Downloads — on a shared machine Documents (the user's own, often a network home), never the
        session folder, which is wiped at logout with whatever was saved into it."""
        chosen = self.settings.get("attachments.save_dir")
        if chosen:
            return Path(chosen).expanduser()
        if self.shared_session is not None:
            return Path(platformdirs.user_documents_dir())
        return Path.home() / "Downloads"

    def make_settings(self) -> Settings:
        """Settings for this profile with the policy's locks and defaults."""
        return policy_settings(self.paths.settings_file, self.policy)

    def reset_after_wipe(self) -> None:
        """After a shared-machine logout: fresh settings, so nothing of the last user shows."""
        self.settings = self.make_settings()

    @classmethod
    def create(cls, paths: AppPaths, *, use_keyring: bool = True, policy: Policy | None = None,
               shared_session: SharedSession | None = None) -> AppContext:
        policy = policy or Policy()
        paths.ensure()
        shared = policy.shared_machine or shared_session is not None
        providers = app_providers(paths, policy, shared=shared)
        store: CredentialStore = KeyringStore() if use_keyring and not shared else SessionOnlyStore()
        return cls(paths, policy_settings(paths.settings_file, policy), providers, store,
                   policy_allows_remember=policy.allow_remember_password and not shared,
                   shared_machine=shared, extra_ca_files=list(policy.extra_ca_files), policy=policy,
                   shared_session=shared_session)


def app_providers(paths: AppPaths, policy: Policy, *, shared: bool) -> ProviderRegistry:
    """The académie profiles AcMail uses (and acmail-diagnose, so both see the same servers):
    bundled, the administrator's /etc/acmail/providers, the user's own (not on a shared machine,
    which takes profiles from the administrator only), then the policy's custom profile and support."""
    dirs = [bundled_providers_dir(), SYSTEM_PROVIDERS_DIR]
    if not shared:
        dirs.append(paths.user_providers_dir)
    return apply_policy_to_providers(load_providers(dirs), policy)


def policy_settings(path: Path, policy: Policy) -> PolicySettings:
    return PolicySettings(path, locked=policy.locked, defaults=policy.settings_defaults())


def check_policy_resources(policy: Policy) -> Policy:
    """Check what the policy points to (profile file, CA files, académie) before anything is applied.

    Returns the policy with the custom profile resolved, or `Policy.safest` naming the problem: a
    policy is applied in full or not at all.
    """
    if policy.broken or not policy.present:
        return policy
    try:
        for ca_file in policy.extra_ca_files:
            make_ssl_context([ca_file])
        wanted = policy.locked.get("account.academie") or policy.defaults.get("account.academie")
        if policy.custom_profile is not None:
            parse_provider(policy.custom_profile)
        predefined = [(f"/accounts/predefined/{i}/academie", entry.academie)
                      for i, entry in enumerate(policy.accounts.predefined)]
        if wanted or predefined:
            known = load_providers([bundled_providers_dir(), SYSTEM_PROVIDERS_DIR])
            custom_id = parse_provider(policy.custom_profile).id if policy.custom_profile else None
            for pointer, profile_id in ([("/academie", wanted)] if wanted else []) + predefined:
                if profile_id not in known.providers and profile_id != custom_id:
                    raise PolicyError(f"{pointer}: no académie profile with id {profile_id!r}")
    except ProviderFileError as exc:
        return _refuse(policy, f"custom_profile: {exc.path}:{exc.line or '?'}: {exc.detail}")
    except PolicyError as exc:
        return _refuse(policy, str(exc))
    except Exception as exc:  # ConfigError from a CA file, unreadable files
        return _refuse(policy, str(exc))
    return policy


def _refuse(policy: Policy, problem: str) -> Policy:
    message = f"{policy.source}: {problem}"
    log.misc.error("administrator policy refused, starting in the safest mode: %s", message)
    return Policy.safest(policy.source, message)


def apply_policy_to_providers(providers: ProviderRegistry, policy: Policy) -> ProviderRegistry:
    """Add the policy's custom profile (locked as the académie unless the policy says otherwise)
    and put the policy's support contact in every profile, so every screen shows the local one."""
    if policy.custom_profile is not None:
        custom = parse_provider(policy.custom_profile)
        providers.providers.pop(custom.id, None)
        providers.providers[custom.id] = custom
        if "account.academie" not in policy.locked and "account.academie" not in policy.defaults:
            policy.locked["account.academie"] = custom.id
    if policy.support is not None:
        support = policy.support
        phone = support.phone or (support.email if support.email else None)
        for key, provider in list(providers.providers.items()):
            providers.providers[key] = _with_support(provider, support.name, phone, support.url)
    return providers


def _with_support(provider: Provider, name: str, phone: str | None, url: str | None) -> Provider:
    return dataclasses.replace(provider, support_name=name, support_phone=phone, support_url=url)
