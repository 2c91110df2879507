"""Each typed error shows its own French title and next step in the windows (ui/catalogue.py), and
each diagnostics verdict in the wizard, both through the one catalogue (core/catalogue.py).

A table, on purpose: swapping the texts of two errors keeps every text present and translated, so
only a per-error expectation catches it (issue 15). The phrase checked is the heart of the next step.
Errors grouped on purpose (the catalogue's ALIASES) share a title here too. A code both a window
and the diagnostics show has the same title in both (checked below).
"""

from __future__ import annotations

import inspect

import pytest
from PySide6.QtCore import QTranslator

from acmail_desktop.core import errors
from acmail_desktop.core.diagnostics.verdicts import CODES, entry_key, make
from acmail_desktop.core.providers import bundled_providers_dir, load_providers
from acmail_desktop.ui.catalogue import describe_error
from tests.support.catalogue_tables import VERDICTS

# error class: (French title, words that must be in the next step; "" when there is none)
EXPECTED: dict[str, tuple[str, str]] = {
    "AccountLocked": ('Compte bloqué', "N'essayez pas de nouveau tout de suite"),
    "AcmailError": ('Erreur', "Lancez le diagnostic ou contactez l'assistance de"),
    "AuthError": ('Erreur', "Lancez le diagnostic ou contactez l'assistance de"),
    "AuthFailed": ('Identifiant ou mot de passe incorrect', "Vérifiez l'identifiant (sans espace, en"),
    "Cancelled": ('Connexion annulée', ''),
    "ChangeNotApplied": ('Modification non effectuée', 'Réessayez dans un instant'),
    "ConfigError": ("Problème de profil d'académie", "Prévenez l'administrateur de l'ordinateur"),
    "ConnectionRefused": ('Connexion refusée', 'Le serveur de messagerie est peut-être arrêté ou'),
    "ConnectionTimeout": ('Le serveur ne répond pas', 'Vérifiez votre connexion'),
    "ContactAdmin": ('Service indisponible', "Réessayez plus tard ou appelez l'assistance de"),
    "CredentialCharsetUnsupported": ('Mot de passe non transmissible', "Prévenez l'assistance de votre académie"),
    "DiscoveryFailed": ('Réglages introuvables', 'Choisissez votre académie dans la liste, ou'),
    "SmtpNotFound": ("Serveur d'envoi introuvable", "Saisissez le serveur d'envoi dans Outils › Paramètres"),
    "DnsFailure": ('Serveur introuvable', "Vérifiez votre connexion à Internet et l'académie"),
    "HeaderInjection": ('Champ incorrect', 'Corrigez le champ signalé'),
    "InputError": ('Saisie incomplète', ''),
    "InvalidAddress": ('Adresse incorrecte', 'Utilisez la forme prenom'),
    "KeyringUnavailable": ('Trousseau indisponible', 'Vous devrez le saisir à chaque connexion'),
    "MailboxReadOnly": ('Dossier en lecture seule', 'Demandez l’accès en écriture au propriétaire du'),
    "MessageTooLarge": ('Message trop volumineux', 'Retirez ou réduisez des pièces jointes, ou'),
    "NetworkDown": ('Pas de réseau', 'Vérifiez le Wi-Fi ou le câble réseau'),
    "NetworkError": ('Connexion perdue', 'Réessayez dans un instant'),
    "NoTrashFolder": ('Pas de dossier Corbeille', 'Choisissez le dossier Corbeille (clic droit sur'),
    "OtpRejected": ('PassCode refusé', 'Attendez le code suivant sur votre token, puis'),
    "OutboxEntryMissing": ('Problème de cache local', 'Fermez puis rouvrez AcMail'),
    "PassCodeSpent": ('Nouveau PassCode nécessaire', 'Saisissez votre PIN et le code actuellement'),
    "PasswordExpired": ('Mot de passe expiré', 'Changez-le sur le portail de votre académie'),
    "PolicyError": ("Réglages de l'administrateur refusés", "Prévenez l'administrateur de l'ordinateur"),
    "PrivacyRequired": ('Connexion non sécurisée refusée', 'Lancez le diagnostic et transmettez le rapport à'),
    "AccountAddingForbidden": ("Ajout de comptes non autorisé", "Utilisez les comptes déjà proposés"),
    "AccountDomainNotAllowed": ("Adresse hors des académies", "Vérifiez l'adresse"),
    "ProfileInUse": ('AcMail est déjà ouvert', "Revenez à la fenêtre d'AcMail déjà ouverte, ou"),
    "ProviderFileError": ("Problème de profil d'académie", "Prévenez l'administrateur de l'ordinateur"),
    "ProtocolError": ('Réponse inattendue du serveur', 'Lancez le diagnostic et transmettez le rapport à'),
    "QuotaExceeded": ('Boîte aux lettres pleine', "Supprimez d'anciens messages avec de grosses"),
    "RecipientsRefused": ('Destinataire refusé', "Rien n'a été envoyé"),
    "SendingLimitReached": ("Limite d'envoi atteinte", 'Pour un envoi à beaucoup de personnes, envoyez-le en'),
    "SendUncertain": ('Envoi incertain', "Vérifiez auprès d'un destinataire ou dans le"),
    "ServerUnavailable": ('Service indisponible', "Réessayez plus tard ou appelez l'assistance de"),
    "SessionLost": ('Connexion perdue', 'Réessayez dans un instant'),
    "SettingLocked": ('Réglage verrouillé', ''),
    "SharedSessionError": ('Session privée indisponible', "Prévenez l'administrateur de l'ordinateur"),
    "SmtpAuthFailed": ('Envoi refusé : identifiants', 'Vérifiez votre identifiant et votre mot de passe'),
    "SmtpError": ('Erreur', "Lancez le diagnostic ou contactez l'assistance de"),
    "SmtpRejected": ('Message refusé', 'Vérifiez les adresses'),
    "SmtpSessionExpired": ("Connexion d'envoi expirée", 'Saisissez votre code PIN et un nouveau code'),
    "SmtpTemporaryFailure": ('Envoi différé', 'AcMail réessaiera automatiquement'),
    "StartTlsMissing": ('Connexion chiffrée non proposée', 'Lancez le diagnostic et transmettez le rapport à'),
    "StoreError": ('Problème de cache local', 'Fermez puis rouvrez AcMail'),
    "TlsError": ('Échec de la connexion sécurisée', 'Lancez le diagnostic'),
    "TlsExpired": ('Certificat expiré', 'Vérifiez la date de votre ordinateur, puis'),
    "TlsHostnameMismatch": ("Certificat d'un autre serveur", 'Ne saisissez pas votre mot de passe ailleurs'),
    "TlsOldVersion": ('Chiffrement obsolète', 'AcMail refuse cette connexion pour votre sécurité'),
    "TlsUntrusted": ('Certificat non reconnu', 'Ne saisissez pas votre mot de passe ailleurs'),
    "TooManyRecipients": ('Trop de destinataires', 'Répartissez les destinataires sur plusieurs messages'),
    "TooManyConnections": ('Trop de connexions', 'Fermez les autres logiciels de messagerie ouverts'),
    "UnexpectedPreauth": ('Connexion refusée par sécurité', 'Ne réessayez pas depuis ce réseau'),
    "UnknownProvider": ("Problème de profil d'académie", "Prévenez l'administrateur de l'ordinateur"),
}


def _errors_with_their_own_code() -> list[type[errors.AcmailError]]:
    return [cls for _name, cls in inspect.getmembers(errors, inspect.isclass)
            if issubclass(cls, errors.AcmailError) and "code" in cls.__dict__]


def test_the_table_covers_every_error_with_a_code() -> None:
    assert {cls.__name__ for cls in _errors_with_their_own_code()} <= set(EXPECTED) | {"AcmailError"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_error_shows_its_own_french_title_and_next_step(name: str,
                                                             french_translators: list[QTranslator]) -> None:
    title, step = EXPECTED[name]
    cls = getattr(errors, name)
    error = cls("academie.xml", 3, "bad") if cls is errors.ProviderFileError else cls("technical detail")
    message = describe_error(error, None)
    assert message.title == title
    assert step in message.action, (name, message.action)


def test_auth_failure_on_the_national_profile_explains_application_passwords(
    french_translators: list[QTranslator],
) -> None:
    """A migrated user typing the usual password gets the application-password steps, not "mot de
    passe incorrect"; the académie profiles keep the usual text."""

    registry = load_providers([bundled_providers_dir()])
    national = describe_error(errors.AuthFailed("refused"), registry.get("nationale"))
    assert national.title == "Mot de passe d'application nécessaire"
    assert "Préférences → Mots de passe sécurisés → Créer…" in national.action
    assert "https://messagerie.education.gouv.fr" in national.action
    assert "mot de passe habituel" in national.text
    assert describe_error(errors.AuthFailed("refused"), registry.get("reunion")).title == (
        "Identifiant ou mot de passe incorrect"
    )


@pytest.mark.parametrize("code", CODES)
def test_each_verdict_shows_its_own_french_title_and_next_step_in_the_wizard(
    code: str, french_translators: list[QTranslator],
) -> None:
    """The wizard's path: the verdict translated by the QApplication's translators."""
    from PySide6.QtCore import QCoreApplication

    aix = load_providers([bundled_providers_dir()]).get("aix-marseille")
    title, step = VERDICTS[code]
    verdict = make(code, aix, None, QCoreApplication.translate)
    assert verdict.title == title
    assert step in verdict.action, (code, verdict.action)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_case_shown_by_a_window_and_by_the_diagnostics_has_one_title(
    name: str, french_translators: list[QTranslator],
) -> None:
    code = getattr(errors, name).code
    shared = [verdict for verdict in CODES if entry_key(verdict) == code]
    if shared:
        assert EXPECTED[name][0] == VERDICTS[shared[0]][0], (name, code)
