"""Facts for the About window and the help desk: versions, licences, paths; never a secret."""

from __future__ import annotations

import importlib.metadata as metadata
import platform
import sys
from dataclasses import dataclass
from typing import Any

from acmail_desktop import __version__
from acmail_desktop.core.paths import AppPaths

BUNDLED = ("PySide6_Essentials", "shiboken6", "IMAPClient", "keyring", "pyotp", "html2text",
           "platformdirs", "dnspython", "segno")


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str


def _licence(meta: Any) -> str:  # an email.message.Message at run time (typeshed's protocol has no .get)
    expression = meta.get("License-Expression")
    if expression:
        return expression
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License")]
    if classifiers:
        return ", ".join(classifiers)
    text = (meta.get("License") or "").strip().splitlines()
    return text[0][:60] if text else "?"


def components() -> list[Component]:
    result = []
    for name in BUNDLED:
        try:
            meta: Any = metadata.metadata(name)
        except metadata.PackageNotFoundError:
            continue
        result.append(Component(meta.get("Name", name), meta.get("Version", "?"), _licence(meta)))
    return result


def technical_information(paths: AppPaths, *, provider_id: str = "", servers: str = "",
                          keyring_backend: str = "", extra: dict[str, str] | None = None) -> str:
    """A block the user can paste into a support ticket: no identifiant, password or code."""
    lines = [
        f"AcMail {__version__}",
        f"Python {sys.version.split()[0]} ({platform.python_implementation()})",
        f"Système : {platform.system()} {platform.release()} ({platform.machine()})",
    ]
    lines += [f"{c.name} {c.version}" for c in components()]
    if provider_id:
        lines.append(f"Académie : {provider_id}")
    if servers:
        lines.append(f"Serveurs : {servers}")
    if keyring_backend:
        lines.append(f"Trousseau : {keyring_backend}")
    lines += [f"Réglages : {paths.config_dir}", f"Cache : {paths.cache_dir}",
              f"Données : {paths.data_dir}", f"Journal : {paths.log_file}"]
    for key, value in (extra or {}).items():
        lines.append(f"{key} : {value}")
    return "\n".join(lines)
