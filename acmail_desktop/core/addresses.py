"""How to show a sender so that it cannot pretend to be someone else.

The real address is always shown beside the display name; a display name that contains another
address, and a domain mixing scripts (a Cyrillic "а" among Latin letters), are flagged, and such a
domain is shown in its punycode form.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

_ADDRESS_IN_NAME = re.compile(r"[^\s<>\"']+@[^\s<>\"']+\.[A-Za-z]{2,}")


class SenderWarning(StrEnum):
    NAME_HAS_OTHER_ADDRESS = "name_has_other_address"
    MIXED_SCRIPT_DOMAIN = "mixed_script_domain"
    INVALID_DOMAIN = "invalid_domain"


@dataclass(frozen=True)
class SenderDisplay:
    name: str
    address: str             # what to show: punycode domain when the Unicode form is deceptive
    warnings: tuple[SenderWarning, ...]

    @property
    def text(self) -> str:
        return f"{self.name} <{self.address}>" if self.name else self.address


def _script(char: str) -> str | None:
    if not char.isalpha():
        return None
    try:
        return unicodedata.name(char).split(" ")[0]
    except ValueError:
        return None


def mixed_script(label: str) -> bool:
    return len({s for s in map(_script, label) if s}) > 1


def describe_sender(name: str, address: str) -> SenderDisplay:
    warnings: list[SenderWarning] = []
    local, _, domain = address.rpartition("@")
    shown_domain = domain
    try:
        unicode_domain = domain.encode("ascii").decode("idna") if domain.isascii() else domain
    except UnicodeError:
        unicode_domain = domain
        warnings.append(SenderWarning.INVALID_DOMAIN)
    if any(mixed_script(label) for label in unicode_domain.split(".")):
        warnings.append(SenderWarning.MIXED_SCRIPT_DOMAIN)
        try:
            shown_domain = unicode_domain.encode("idna").decode("ascii")
        except UnicodeError:
            shown_domain = unicode_domain.encode("ascii", "backslashreplace").decode()
    elif not domain.isascii():
        shown_domain = unicode_domain
    shown = f"{local}@{shown_domain}" if local else address
    clean_name = "".join(c for c in name if unicodedata.category(c) not in ("Cc", "Cf")).strip()
    for found in _ADDRESS_IN_NAME.findall(clean_name):
        if found.lower() != address.lower():
            warnings.append(SenderWarning.NAME_HAS_OTHER_ADDRESS)
            break
    return SenderDisplay(clean_name, shown, tuple(warnings))
