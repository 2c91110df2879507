"""The académie's settings for other devices: Thunderbird autoconfig, Apple profile, QR code.

Nothing exported ever contains a password: the Apple profile leaves it for the device to ask, and
the QR code carries only servers, ports, security and the identifiant.
"""

from __future__ import annotations

import plistlib
import uuid
from dataclasses import dataclass

import segno

from acmail_desktop.core.providers import Provider, ServerSettings, to_autoconfig_xml

# How phones and other clients name the two security modes in their settings screens.
SECURITY_LABELS = {"implicit": "SSL/TLS", "starttls": "STARTTLS"}


@dataclass(frozen=True)
class PlainSettings:
    """What a person types into a phone's mail settings, in the order phones ask for it."""

    email: str
    username: str
    imap_host: str
    imap_port: int
    imap_security: str
    smtp_host: str
    smtp_port: int
    smtp_security: str

    def as_text(self) -> str:
        return "\n".join([
            f"Adresse : {self.email}",
            f"Nom d'utilisateur : {self.username}",
            f"Serveur de réception (IMAP) : {self.imap_host}, port {self.imap_port}, {self.imap_security}",
            f"Serveur d'envoi (SMTP) : {self.smtp_host}, port {self.smtp_port}, {self.smtp_security}, "
            "authentification par mot de passe",
        ])


def plain_settings(provider: Provider, identifiant: str, email: str) -> PlainSettings:
    return PlainSettings(
        email=email,
        username=provider.imap.username_for(identifiant, email),
        imap_host=provider.imap.hostname, imap_port=provider.imap.port,
        imap_security=SECURITY_LABELS[provider.imap.security],
        smtp_host=provider.smtp.hostname, smtp_port=provider.smtp.port,
        smtp_security=SECURITY_LABELS[provider.smtp.security],
    )


def thunderbird_autoconfig(provider: Provider, identifiant: str | None) -> str:
    return to_autoconfig_xml(provider, identifiant)


def apple_mobileconfig(provider: Provider, identifiant: str, email: str, *, display_name: str = ""
                       ) -> bytes:
    """An unsigned configuration profile with one Mail payload; iOS/macOS ask for the password."""

    def ssl(server: ServerSettings) -> bool:
        return server.security in ("implicit", "starttls")

    payload_uuid, profile_uuid = str(uuid.uuid4()).upper(), str(uuid.uuid4()).upper()
    mail = {
        "PayloadType": "com.apple.mail.managed",
        "PayloadVersion": 1,
        "PayloadIdentifier": f"fr.acmail.mail.{provider.id}.{payload_uuid}",
        "PayloadUUID": payload_uuid,
        "PayloadDisplayName": provider.display_name,
        "EmailAccountDescription": provider.display_name,
        "EmailAccountName": display_name or email,
        "EmailAccountType": "EmailTypeIMAP",
        "EmailAddress": email,
        "IncomingMailServerAuthentication": "EmailAuthPassword",
        "IncomingMailServerHostName": provider.imap.hostname,
        "IncomingMailServerPortNumber": provider.imap.port,
        "IncomingMailServerUseSSL": ssl(provider.imap),
        "IncomingMailServerUsername": provider.imap.username_for(identifiant, email),
        "OutgoingMailServerAuthentication": "EmailAuthPassword",
        "OutgoingMailServerHostName": provider.smtp.hostname,
        "OutgoingMailServerPortNumber": provider.smtp.port,
        "OutgoingMailServerUseSSL": ssl(provider.smtp),
        "OutgoingMailServerUsername": provider.smtp.username_for(identifiant, email),
        "OutgoingPasswordSameAsIncomingPassword": True,
        "PreventMove": False,
        "SMIMEEnabled": False,
    }
    profile = {
        "PayloadContent": [mail],
        "PayloadDisplayName": f"Messagerie — {provider.display_name}",
        "PayloadDescription": "Réglages de messagerie préparés par AcMail (sans mot de passe).",
        "PayloadIdentifier": f"fr.acmail.profile.{provider.id}",
        "PayloadOrganization": provider.display_name,
        "PayloadRemovalDisallowed": False,
        "PayloadType": "Configuration",
        "PayloadUUID": profile_uuid,
        "PayloadVersion": 1,
    }
    return plistlib.dumps(profile, fmt=plistlib.FMT_XML)


def qr_payload(provider: Provider, identifiant: str, email: str) -> str:
    """No standard QR format exists for mail settings: a short text any phone camera can show."""
    settings = plain_settings(provider, identifiant, email)
    return (f"{provider.display_name}\n{settings.as_text()}\n"
            "Mot de passe : celui de votre compte académique (jamais dans ce code)")


def qr_png(payload: str, *, scale: int = 5) -> bytes:
    import io

    buffer = io.BytesIO()
    segno.make(payload, error="m", micro=False, encoding="utf-8").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()
