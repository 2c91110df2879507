"""The sending server of an account whose profile only guesses it (``<acmail:smtpDiscovery/>``).

The national messagerie's SMTP host is confirmed nowhere public, so its profile says so in data and
AcMail discovers the server for the address's domain at the first sign-in (core/discovery.py, SMTP
only). What was found, or what the user typed in the account settings, is kept per account in the
setting ``sending.smtp_by_account`` and stays marked unverified: nobody confirmed it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import cast

from acmail_desktop.core.account import AccountIdentity
from acmail_desktop.core.folders import SettingsLike
from acmail_desktop.core.identity import check_identifiant
from acmail_desktop.core.providers import Provider, Security, ServerSettings

SETTING = "sending.smtp_by_account"
Method = str  # "autoconfig", "srv", "guess" (core.discovery) or "typed" (the account settings)


def stored_smtp(settings: SettingsLike, account_key: str, provider: Provider) -> ServerSettings | None:
    """The server kept for this account, unverified, with the profile's login form; None if none."""
    entry = (settings.get(SETTING) or {}).get(account_key)
    if not isinstance(entry, dict):
        return None
    try:
        port = int(entry.get("port", ""))
        security = entry.get("security", "")
        hostname = entry.get("hostname", "").strip().lower()
    except (TypeError, ValueError):
        return None
    if not hostname or not 1 <= port <= 65535 or security not in ("implicit", "starttls"):
        return None
    return replace(provider.smtp, hostname=hostname, port=port, security=cast(Security, security), verified=False)


def stored_method(settings: SettingsLike, account_key: str) -> Method | None:
    """How the kept server was obtained ("autoconfig", "srv", "guess", "typed"), None if none kept."""
    entry = (settings.get(SETTING) or {}).get(account_key)
    return entry.get("method") if isinstance(entry, dict) else None


def remember_smtp(settings: SettingsLike, account_key: str, server: ServerSettings, method: Method) -> None:
    """Keep `server` as this account's sending server (found by `method`)."""
    every = {key: dict(value) for key, value in (settings.get(SETTING) or {}).items()}
    every[account_key] = {"hostname": server.hostname, "port": str(server.port), "security": server.security,
                          "method": method}
    settings.set(SETTING, every)


def needs_discovery(settings: SettingsLike, account_key: str, provider: Provider) -> bool:
    """Whether the account's sending server must still be discovered (or typed) before sending."""
    return provider.smtp_discover and stored_smtp(settings, account_key, provider) is None


def sending_server(settings: SettingsLike, account_key: str, provider: Provider) -> ServerSettings | None:
    """The server an Account should send through instead of the profile's: the kept one for a
    profile that only guesses its SMTP, else None (use the profile's)."""
    return stored_smtp(settings, account_key, provider) if provider.smtp_discover else None


def provider_for_account(settings: SettingsLike, provider: Provider, identifiant: str) -> Provider:
    """The profile as this account really uses it: for a profile that only guesses its SMTP, the
    server kept for the account replaces the guess (the diagnostics must test where mail goes, not
    the guess). `identifiant` is normalised by the profile's rules, as the login window does."""
    if not provider.smtp_discover:
        return provider
    check = check_identifiant(identifiant, form=provider.identifiant_form, case=provider.identifiant_case,
                              pattern=provider.identifiant_pattern, domains=provider.domains)
    kept = stored_smtp(settings, AccountIdentity(provider, check.normalised).key, provider)
    return replace(provider, smtp=kept) if kept is not None else provider
