"""What every window needs: paths, settings, académie profiles, credential store, TLS context."""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field
from pathlib import Path

from acmail_desktop.core.paths import AppPaths
from acmail_desktop.core.providers import ProviderRegistry, bundled_providers_dir, load_providers
from acmail_desktop.core.secrets import CredentialStore, KeyringStore, SessionOnlyStore
from acmail_desktop.core.settings import Settings
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

    def ssl_context(self) -> ssl.SSLContext:
        files = list(self.extra_ca_files) + list(self.settings.get("security.extra_ca_files"))
        return make_ssl_context(files, self.settings.get("security.min_tls_version"))

    @classmethod
    def create(cls, paths: AppPaths, *, use_keyring: bool = True) -> AppContext:
        paths.ensure()
        settings = Settings(paths.settings_file)
        providers = load_providers([bundled_providers_dir(), SYSTEM_PROVIDERS_DIR, paths.user_providers_dir])
        store: CredentialStore = KeyringStore() if use_keyring else SessionOnlyStore()
        return cls(paths, settings, providers, store)
