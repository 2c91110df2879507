"""The one place TLS contexts are made: verification always on, TLS 1.2 at least.

`imaplib`/`smtplib` verify nothing unless given a context; every connection AcMail opens gets one
from here. Extra CA files (a school's own CA, the test CA) are added to the system trust, never
substituted for verification.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterable
from pathlib import Path

from acmail_desktop.core.errors import ConfigError

_VERSIONS = {"TLSv1.2": ssl.TLSVersion.TLSv1_2, "TLSv1.3": ssl.TLSVersion.TLSv1_3}


def _system_trust_context() -> ssl.SSLContext:
    try:
        import truststore
    except ImportError:  # a distribution's own package set without it: OpenSSL's defaults
        return ssl.create_default_context(ssl.Purpose.SERVER_AUTH)
    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def make_ssl_context(extra_ca_files: Iterable[str | Path] = (), min_version: str = "TLSv1.2"
                     ) -> ssl.SSLContext:
    context = _system_trust_context()
    context.check_hostname = True
    context.verify_mode = ssl.CERT_REQUIRED
    try:
        context.minimum_version = _VERSIONS[min_version]
    except KeyError:
        raise ConfigError(f"unsupported minimum TLS version {min_version!r}") from None
    for ca_file in extra_ca_files:
        try:
            context.load_verify_locations(cafile=str(ca_file))
        except (OSError, ssl.SSLError) as exc:
            raise ConfigError(f"cannot load CA file {ca_file}: {exc}") from exc
    return context
