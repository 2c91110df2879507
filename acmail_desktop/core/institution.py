"""Académie impersonation: a message that presents itself as the institution from outside it.

Phishing aimed at académie staff signs as "Rectorat", "DSDEN", "Service informatique" or
"Messagerie académique" from an address anywhere. A message whose display name or subject uses
one of the institution's words while its real address is outside the académie and ministry domains
is flagged, and so are its links that lead outside those domains.

Everything here is data from the académie profiles (`<acmail:institution>`, see docs/providers.md):
the words of the user's profile, and as trusted domains the domains of every loaded profile that
describes its institution (the académies), plus the ministry domains the user's profile lists.
Nothing is hard-coded.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from acmail_desktop.core.addresses import latin_skeleton
from acmail_desktop.core.providers import Provider, ProviderRegistry

_URL_IN_TEXT = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'()\[\]]+", re.IGNORECASE)


def fold(text: str) -> str:
    """Accents, case, compatibility forms and typographic apostrophes folded, spaces collapsed, and
    letters that only imitate Latin ones (Cyrillic "е", Greek "ο") read as the Latin ones."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").replace("ʼ", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(latin_skeleton(plain).casefold().split())


def ascii_host(host: str) -> str:
    """A host or mail domain as compared here: lower-case punycode, no trailing dot."""
    host = host.strip().rstrip(".").lower()
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


@lru_cache(maxsize=64)
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    folded = sorted({fold(w) for w in words if fold(w)}, key=len, reverse=True)
    if not folded:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in folded) + r")(?!\w)")


@dataclass(frozen=True)
class InstitutionRules:
    """The institution's words and trusted domains for one account (hashable: cached per list row)."""

    words: tuple[str, ...] = ()
    domains: frozenset[str] = frozenset()
    authserv_ids: frozenset[str] = frozenset()

    @classmethod
    def for_provider(cls, provider: Provider, registry: ProviderRegistry | None = None) -> InstitutionRules:
        # Académie profiles are those that describe their institution: a profile saved for some
        # other domain (automatic discovery) never makes that domain trusted.
        academies = [p for p in (registry.providers.values() if registry else ()) if p.institution_words]
        academies.append(provider)
        domains = {ascii_host(d) for p in academies for d in p.domains}
        domains |= {ascii_host(d) for d in provider.institution_domains}
        return cls(tuple(provider.institution_words), frozenset(domains),
                   frozenset(a.lower() for a in provider.authserv_ids))

    def trusts(self, host_or_address: str) -> bool:
        """True for a trusted domain or any of its subdomains (dsden13.ac-aix-marseille.fr)."""
        host = ascii_host(host_or_address.rpartition("@")[2])
        return bool(host) and any(host == d or host.endswith("." + d) for d in self.domains)

    def claimed_word(self, *texts: str) -> str | None:
        """The first institutional word found in the texts (as the profile writes it), else None."""
        pattern = _words_pattern(self.words)
        if pattern is None:
            return None
        for text in texts:
            found = pattern.search(fold(text or ""))
            if found:
                return next((w for w in self.words if fold(w) == found.group(0)), found.group(0))
        return None

    def impersonation(self, name: str, address: str, subject: str) -> str | None:
        """The institutional word a message from outside the institution uses, else None."""
        if not self.words or self.trusts(address):
            return None
        return self.claimed_word(name, subject)

    def outside_hosts(self, urls: Iterable[str]) -> list[str]:
        """Hosts (and mail domains) of links that lead outside the trusted domains, in order."""
        hosts: list[str] = []
        for url in urls:
            host = link_host(url)
            if host and not self.trusts(host) and host not in hosts:
                hosts.append(host)
        return hosts


def link_host(url: str) -> str:
    """The host a link leads to, or the domain of a mailto: address; "" when there is none."""
    url = url.strip()
    if url.lower().startswith("mailto:"):
        address = unquote(url[7:].split("?", 1)[0])
        return ascii_host(address.rpartition("@")[2]) if "@" in address else ""
    if url.lower().startswith("www."):
        url = "https://" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return ascii_host(host)


def urls_in(text: str, links: Iterable[str] = ()) -> list[str]:
    """Every link target of a message: its HTML links and the web addresses written in its text."""
    return [*links, *(m.group(0).rstrip(".,;:!?") for m in _URL_IN_TEXT.finditer(text or ""))]
