"""Set-up exports for other devices parse back, and never carry a password."""

from __future__ import annotations

import plistlib
import shutil
import subprocess
from pathlib import Path

import pytest

from acmail_desktop.core.password_strength import estimate
from acmail_desktop.core.providers import bundled_providers_dir, load_providers, parse_provider_bytes
from acmail_desktop.core.setup_export import (
    apple_mobileconfig,
    plain_settings,
    qr_payload,
    qr_png,
    thunderbird_autoconfig,
)

REGISTRY = load_providers([bundled_providers_dir()])
AIX = REGISTRY.get("aix-marseille")


def test_thunderbird_autoconfig_reads_back_with_our_reader() -> None:
    xml = thunderbird_autoconfig(AIX, "fdurand")
    parsed = parse_provider_bytes(xml.encode(), Path("export.xml"), strict=False)
    assert (parsed.imap.hostname, parsed.imap.port, parsed.imap.security) == (
        AIX.imap.hostname, AIX.imap.port, AIX.imap.security)
    assert (parsed.smtp.hostname, parsed.smtp.port) == (AIX.smtp.hostname, AIX.smtp.port)
    assert parsed.imap.username_template == "fdurand"
    assert "password" not in xml.lower().replace("password-cleartext", "")


def test_apple_profile_has_servers_and_no_password() -> None:
    data = apple_mobileconfig(AIX, "fdurand", "francois.durand@ac-aix-marseille.fr")
    profile = plistlib.loads(data)
    mail = profile["PayloadContent"][0]
    assert mail["PayloadType"] == "com.apple.mail.managed"
    assert mail["IncomingMailServerHostName"] == AIX.imap.hostname
    assert mail["IncomingMailServerUsername"] == "fdurand"
    assert mail["OutgoingMailServerPortNumber"] == AIX.smtp.port
    assert not any("Password" in key and key != "OutgoingPasswordSameAsIncomingPassword" for key in mail)


def test_qr_code_carries_the_settings(tmp_path: Path) -> None:
    payload = qr_payload(AIX, "fdurand", "francois.durand@ac-aix-marseille.fr")
    settings = plain_settings(AIX, "fdurand", "francois.durand@ac-aix-marseille.fr")
    assert settings.imap_host in payload and str(settings.smtp_port) in payload and "fdurand" in payload
    png = tmp_path / "qr.png"
    png.write_bytes(qr_png(payload))
    assert png.read_bytes().startswith(b"\x89PNG")
    if shutil.which("zbarimg") is None:
        pytest.skip("zbarimg (Debian zbar-tools) not installed: payload checked, image not decoded")
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sbinary", str(png)], capture_output=True,
                             check=True).stdout.decode("utf-8").rstrip("\n")
    assert decoded == payload


@pytest.mark.parametrize(("password", "max_score", "problem"), [
    ("azerty", 0, "too_short"),
    ("fdurand2024!", 1, "contains_identifiant"),
    ("Motdepasse", 0, "common_word"),
    ("Bonjour2023", 1, "contains_year"),
    ("aaaaaaaaaaaaaaaa", 0, "repeats"),
])
def test_weak_passwords(password: str, max_score: int, problem: str) -> None:
    strength = estimate(password, identifiant="fdurand")
    assert strength.score <= max_score and problem in strength.problems


def test_strong_password() -> None:
    strength = estimate("Vélo-Orange;Cactus_91-lune", identifiant="fdurand")
    assert strength.score >= 3 and not strength.problems
