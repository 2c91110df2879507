"""Facts for the About window and the help desk: versions, licences, paths; never a secret."""

from __future__ import annotations

import importlib.metadata as metadata
import platform
import re
import sys
from dataclasses import dataclass
from typing import Any

from acmail_desktop import __version__
from acmail_desktop.core.paths import AppPaths

# When AcMail's own metadata is absent (a frozen build), the runtime dependencies as of writing.
BUNDLED = ("PySide6_Essentials", "shiboken6", "IMAPClient", "keyring", "pyotp", "html2text", "nh3",
           "platformdirs", "dnspython", "segno", "cryptography", "confusable-homoglyphs", "authres")


def bundled_names() -> list[str]:
    """Every runtime dependency (pyproject's, read from AcMail's installed metadata, so a new one
    is listed without anyone remembering to), plus shiboken6 which PySide6 brings."""
    try:
        requires = metadata.distribution("acmail_desktop").requires or []
    except metadata.PackageNotFoundError:
        return list(BUNDLED)
    names = [re.split(r"[\s;<>=!~\[(]", item, maxsplit=1)[0] for item in requires if "extra ==" not in item]
    return [*names, "shiboken6"] if names else list(BUNDLED)


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
    return text[0][:60] if text else ""


# Phrases that name a licence in its own text, most specific first: some packages (IMAPClient)
# declare no licence field at all, only a License-File, and the About window showed "?".
_LICENCE_PHRASES = (
    ("GNU LESSER GENERAL PUBLIC LICENSE", "LGPL"),
    ("GNU GENERAL PUBLIC LICENSE", "GPL"),
    ("Mozilla Public License", "MPL-2.0"),
    ("Apache License", "Apache-2.0"),
    ("Neither the name", "BSD-3-Clause"),
    ("Redistribution and use in source and binary forms", "BSD-2-Clause"),
    ("Permission is hereby granted, free of charge", "MIT"),
    ("Permission to use, copy, modify, and/or distribute", "ISC"),
)


def _licence_from_files(dist: metadata.Distribution) -> str:
    """Recognise the licence from the licence file the package ships (License-File)."""
    meta: Any = dist.metadata
    for declared in meta.get_all("License-File") or []:
        candidates = [f for f in dist.files or [] if f.name == declared.rsplit("/", 1)[-1]]
        for path in candidates:
            try:
                text = " ".join(path.read_text(encoding="utf-8").split())
            except (OSError, UnicodeDecodeError):
                continue
            for phrase, name in _LICENCE_PHRASES:
                if phrase in text:
                    return name
    return ""


def components() -> list[Component]:
    result = []
    for name in bundled_names():
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        meta: Any = dist.metadata
        licence = _licence(meta) or _licence_from_files(dist) or "?"
        result.append(Component(meta.get("Name", name), meta.get("Version", "?"), licence))
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
