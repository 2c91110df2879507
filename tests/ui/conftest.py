"""GUI fixtures: an AppContext on an isolated profile that trusts the test CA."""

from __future__ import annotations

import pytest

from acmail_desktop.core.providers import ProviderRegistry
from acmail_desktop.core.secrets import SessionOnlyStore
from acmail_desktop.core.settings import Settings
from acmail_desktop.ui.context import AppContext


@pytest.fixture
def make_context(app_paths, registry: ProviderRegistry, mail_server):  # type: ignore[no-untyped-def]
    def factory(*, store=None, providers: ProviderRegistry | None = None, academie: str = "local"):  # type: ignore[no-untyped-def]
        settings = Settings(app_paths.settings_file)
        settings.set("account.academie", academie)
        return AppContext(app_paths, settings, providers or registry, store or SessionOnlyStore(),
                          extra_ca_files=[str(mail_server.ca_pem_path)])

    return factory
