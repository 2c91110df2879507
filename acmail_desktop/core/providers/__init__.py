"""Académie profiles: loading, validating and exporting the provider files.

A profile is a Thunderbird autoconfig ``clientConfig`` 1.1 file extended in the namespace
``urn:acmail:provider:1`` (see docs/dev/provider-format.md and docs/providers.md). The bundled
files live in ``resources/providers``; an administrator overrides one from ``/etc/acmail/providers``
and a user from ``<config>/providers``, matched by ``acmail:academie/@id``.

`model` is what a profile is, `reading` turns files into it (and refuses what is not plain data),
`writing` exports it; callers import from this package.
"""

from acmail_desktop.core.providers.model import (
    ACMAIL_NS,
    MAX_FILE_BYTES,
    NATIONAL_PROFILE_ID,
    CredentialKind,
    IdentifiantCase,
    IdentifiantForm,
    Messagerie,
    OtpKind,
    Provider,
    ProviderLoadProblem,
    ProviderRegistry,
    Security,
    ServerSettings,
)
from acmail_desktop.core.providers.reading import (
    bundled_providers_dir,
    load_providers,
    parse_provider,
    parse_provider_bytes,
)
from acmail_desktop.core.providers.writing import to_autoconfig_xml, to_profile_xml

__all__ = [
    "ACMAIL_NS", "MAX_FILE_BYTES", "NATIONAL_PROFILE_ID", "CredentialKind", "IdentifiantCase",
    "IdentifiantForm", "Messagerie", "OtpKind", "Provider",
    "ProviderLoadProblem", "ProviderRegistry", "Security", "ServerSettings", "bundled_providers_dir",
    "load_providers", "parse_provider", "parse_provider_bytes", "to_autoconfig_xml", "to_profile_xml",
]
