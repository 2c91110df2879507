"""Académie profiles: the model (a provider, its servers, the registry of every profile found)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from acmail_desktop.core.errors import UnknownProvider

Security = Literal["implicit", "starttls"]
IdentifiantForm = Literal["short", "email"]
IdentifiantCase = Literal["lower", "preserve"]
OtpKind = Literal["none", "passcode", "totp"]
Messagerie = Literal["nationale", "academique"]
CredentialKind = Literal["password", "application-password"]
NATIONAL_PROFILE_ID = "nationale"  # resources/providers/nationale.xml: the national (Zimbra) messagerie

ACMAIL_NS = "urn:acmail:provider:1"
MAX_FILE_BYTES = 256 * 1024  # a profile is ~3 KiB; anything huge is a mistake or an attack

_SOCKET_NAMES: dict[Security, str] = {"implicit": "SSL", "starttls": "STARTTLS"}
_ARTICLE_RE = re.compile(r"^(academie|region academique)\s+(de la |de l'|d'|de |du |des )?")


# --- model -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ServerSettings:
    """One IMAP or SMTP endpoint; `verified` is False when any of its values is unconfirmed."""

    hostname: str
    port: int
    security: Security
    username_template: str
    authentication: str
    verified: bool = True

    def username_for(self, identifiant: str, email: str | None = None) -> str:
        """The login to send, from the template; an address-based template needs `email`."""
        value = self.username_template
        if "%IDENTIFIANT%" in value:
            value = value.replace("%IDENTIFIANT%", identifiant)
        if any(p in value for p in ("%EMAILADDRESS%", "%EMAILLOCALPART%", "%EMAILDOMAIN%")):
            if not email or "@" not in email:
                raise ValueError(f"username template {self.username_template!r} needs an email address")
            local, _, domain = email.rpartition("@")
            value = (
                value.replace("%EMAILADDRESS%", email)
                .replace("%EMAILLOCALPART%", local)
                .replace("%EMAILDOMAIN%", domain)
            )
        return value


@dataclass(frozen=True)
class Provider:
    """One académie's settings, as loaded from a profile file."""

    id: str
    display_name: str
    short_name: str
    domains: tuple[str, ...]
    imap: ServerSettings
    smtp: ServerSettings
    identifiant_form: IdentifiantForm
    identifiant_case: IdentifiantCase
    identifiant_pattern: str | None
    otp_kind: OtpKind
    password_reset_url: str | None
    password_change_url: str | None
    webmail_url: str | None
    webmail_name: str | None
    support_name: str | None
    support_phone: str | None
    support_url: str | None
    quota_hint_mb: int | None
    sent_copy_by_server: bool
    is_default: bool
    unverified: frozenset[str]
    source: Path
    # Additions to the agreed API (defaults keep positional construction working):
    password_reset_label: str | None = None  # the link text the académie's own portal uses
    identifiant_hint: str | None = None  # free text shown under the identifiant field
    emailprovider_id: str = ""  # the clientConfig emailProvider/@id, kept for export
    # <acmail:institution>: words that present a message as the institution's, and the domains
    # (beside the académies') allowed to use them; <acmail:authenticationResults authservId>: the
    # receiving servers whose Authentication-Results header is trusted (core/institution.py).
    institution_words: tuple[str, ...] = ()
    institution_domains: tuple[str, ...] = ()
    authserv_ids: tuple[str, ...] = ()
    # <acmail:messagerie current=...>: which system the académie's staff use now (None: not known, the
    # login screen then offers both); <acmail:credential kind=... url=...>: what the password field
    # takes (the national messagerie wants an application password created in its webmail, at url);
    # <acmail:sendingLimit>: the recipients a sender may reach per minute / per hour, when published.
    messagerie_current: Messagerie | None = None
    credential_kind: CredentialKind = "password"
    app_password_url: str | None = None
    sending_limit_per_minute: int | None = None
    sending_limit_per_hour: int | None = None
    # <acmail:smtpDiscovery/>: the profile's SMTP server is only a guess; the sending server is
    # discovered for the address's domain and kept per account (core/smtp_choice.py).
    smtp_discover: bool = False

    @property
    def is_national(self) -> bool:
        """Whether this is the national messagerie's profile (address + application password)."""
        return self.credential_kind == "application-password"

    def normalize_identifiant(self, raw: str) -> str:
        """The identifiant as the server expects it (trimmed, lower-cased if the académie says so)."""
        value = raw.strip()
        return value.lower() if self.identifiant_case == "lower" else value

    def identifiant_looks_valid(self, raw: str) -> bool:
        """Whether the (normalised) identifiant matches the académie's pattern; True without one."""
        if not self.identifiant_pattern:
            return True
        return re.fullmatch(self.identifiant_pattern, self.normalize_identifiant(raw)) is not None

    def is_verified(self, field_name: str) -> bool:
        return field_name not in self.unverified


@dataclass(frozen=True)
class ProviderLoadProblem:
    """A file that could not be loaded, or a conflict between files; English technical text."""

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


def _sort_key(provider: Provider) -> tuple[str, str]:
    """French-ish collation: accents folded, case ignored, the leading "Académie de" skipped."""
    folded = _fold(provider.display_name)
    return (_ARTICLE_RE.sub("", folded), folded)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


@dataclass
class ProviderRegistry:
    """Every loaded profile by académie id, plus what went wrong while loading."""

    providers: dict[str, Provider] = field(default_factory=dict)
    problems: list[ProviderLoadProblem] = field(default_factory=list)

    def default(self) -> Provider:
        """The profile marked default (a later folder's mark wins), else Aix-Marseille, else the first."""
        marked = [p for p in self.providers.values() if p.is_default]
        if marked:
            return marked[-1]
        if "aix-marseille" in self.providers:
            return self.providers["aix-marseille"]
        ordered = self.sorted()
        if not ordered:
            raise UnknownProvider("no académie profile is loaded")
        return ordered[0]

    def get(self, provider_id: str) -> Provider:
        try:
            return self.providers[provider_id]
        except KeyError:
            raise UnknownProvider(f"no académie profile with id {provider_id!r}") from None

    def for_domain(self, domain: str) -> Provider | None:
        """The profile serving this mail domain (an address is accepted too), or None."""
        wanted = domain.strip().rpartition("@")[2].strip().rstrip(".").lower()
        if not wanted:
            return None
        found = None
        for provider in self.providers.values():  # insertion order: later overrides come last
            if wanted in provider.domains:
                found = provider
        return found

    def sorted(self) -> list[Provider]:
        return sorted(self.providers.values(), key=_sort_key)

    def academies(self) -> list[Provider]:
        """The académies' profiles, sorted: every profile but the national messagerie, which is not
        an académie (the login screen offers it per académie, beside the académie's own servers)."""
        return [p for p in self.sorted() if p.id != NATIONAL_PROFILE_ID]

    def national(self) -> Provider | None:
        """The national messagerie's profile, when loaded."""
        return self.providers.get(NATIONAL_PROFILE_ID)
