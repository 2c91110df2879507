"""Pinned French of the one catalogue (core/catalogue.py), shared by the CLI-path and window-path tests.

A table, on purpose: swapping the texts of two codes keeps every text present and translated, so
only a per-code expectation catches it (issue 15). The phrase checked is the heart of the next
step, not the whole sentence, so a rewording that keeps the advice passes.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"

# diagnostics verdict code: (French title, words that must be in the next step)
VERDICTS: dict[str, tuple[str, str]] = {
    "ok": ("Tout fonctionne", "Vous pouvez vous connecter"),
    "ok_without_login": ("Les serveurs répondent", "Tester aussi mon mot de passe"),
    "input_identifiant": ("Identifiant mal saisi", "Corrigez l'identifiant"),
    "input_password": ("Mot de passe ou PassCode manquant", "Saisissez votre mot de passe"),
    "network_down": ("Pas de réseau", "Wi-Fi ou le câble réseau"),
    "dns_failure": ("Serveur introuvable", "Vérifiez l'académie choisie et la connexion à Internet"),
    "connection_refused": ("Connexion refusée", "Réessayez dans quelques minutes"),
    "connection_timeout": ("Le serveur ne répond pas", "essayez un autre réseau"),
    "tls_untrusted": ("Certificat non reconnu", "Ne saisissez votre mot de passe nulle part ailleurs"),
    "tls_expired": ("Certificat expiré", "Vérifiez la date et l'heure"),
    "tls_hostname_mismatch": ("Certificat d'un autre serveur", "ne continuez pas"),
    "tls_old_version": ("Chiffrement obsolète", "AcMail refuse cette connexion pour votre sécurité"),
    "tls_error": ("Échec de la connexion sécurisée", "Transmettez ce rapport"),
    "starttls_missing": ("Connexion chiffrée non proposée", "Vérifiez le profil de l'académie"),
    "auth_failed": ("Identifiant ou mot de passe incorrect", "plusieurs échecs bloquent le compte"),
    "account_locked": ("Compte bloqué", "N'essayez plus pour le moment"),
    "password_expired": ("Mot de passe expiré", "Changez votre mot de passe sur le portail"),
    "otp_rejected": ("PassCode refusé", "Attendez le code suivant"),
    "clock_skew": ("Horloge de l'ordinateur décalée", "Réglez la date et l'heure"),
    "too_many_connections": ("Trop de connexions", "Fermez les autres logiciels de messagerie"),
    "server_unavailable": ("Service indisponible", "Réessayez dans 15 minutes"),
    "quota_exceeded": ("Boîte aux lettres pleine", "videz la corbeille"),
    "smtp_auth_failed": ("Envoi refusé : identifiants", "si la réception fonctionne"),
    "app_password_required": ("Mot de passe d'application nécessaire",
                              "Préférences → Mots de passe sécurisés → Créer…"),
    "credential_charset": ("Mot de passe non transmissible", "sans accent ni symbole"),
    "smtp_blocked": ("Envoi bloqué", "Essayez depuis un autre réseau"),
    "protocol_error": ("Réponse inattendue du serveur", "Transmettez ce rapport"),
    "cancelled": ("Diagnostic interrompu", "Relancez le diagnostic"),
}


def compile_translations() -> None:
    """Rebuild each stale .qm so the tests see the .ts as it is now (as scripts/bootstrap.sh does)."""
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    for ts in TRANSLATIONS.glob("*.ts"):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)
