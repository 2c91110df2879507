"""The sending server an account really uses (issue 20): the diagnostics of a national account test
the server kept for it (discovered or typed), not the profile's guess."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from acmail_desktop.core.providers import Provider, bundled_providers_dir, load_providers
from acmail_desktop.core.settings import Settings
from acmail_desktop.core.smtp_choice import provider_for_account, remember_smtp


def _national() -> Provider:
    loaded = load_providers([bundled_providers_dir()])
    return loaded.get("nationale")


def test_the_kept_server_replaces_the_guess_for_that_account_only(tmp_path: Path) -> None:
    national = _national()
    assert national.smtp_discover
    settings = Settings(tmp_path / "settings.json")
    kept = replace(national.smtp, hostname="smtp.trouve.example", port=587, security="starttls")
    remember_smtp(settings, f"{national.id}:prof.nom@ac-reunion.fr", kept, "autoconfig")

    # Typed as a person would (spaces, capitals): normalised by the profile's rules first.
    used = provider_for_account(settings, national, "  Prof.Nom@ac-reunion.fr ")
    assert (used.smtp.hostname, used.smtp.port, used.smtp.security) == ("smtp.trouve.example", 587, "starttls")
    assert not used.smtp.verified
    assert used.imap == national.imap
    # Another account of the same profile keeps the guess (nothing was found for it yet).
    assert provider_for_account(settings, national, "autre.prof@ac-reunion.fr").smtp == national.smtp


def test_a_profile_that_knows_its_server_is_left_alone(tmp_path: Path) -> None:
    national = _national()
    confirmed = replace(national, smtp_discover=False)
    settings = Settings(tmp_path / "settings.json")
    remember_smtp(settings, f"{national.id}:prof.nom@ac-reunion.fr",
                  replace(national.smtp, hostname="ailleurs.example"), "typed")
    assert provider_for_account(settings, confirmed, "prof.nom@ac-reunion.fr") is confirmed
