"""Every typed core error turned into French text and a next step, in one place."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from acmail_desktop.core import errors
from acmail_desktop.core.providers import Provider


def _t(text: str) -> str:
    return QCoreApplication.translate("ErrorMessages", text)


@dataclass(frozen=True)
class UserMessage:
    title: str
    text: str
    action: str
    offer_diagnostics: bool = True
    ask_new_passcode: bool = False


def support_line(provider: Provider | None) -> str:
    if provider is None or not provider.support_name:
        return ""
    phone = f" ({provider.support_phone})" if provider.support_phone else ""
    return provider.support_name + phone


def describe_error(error: BaseException, provider: Provider | None = None) -> UserMessage:
    """A French title, explanation and next action for any error shown to the user."""
    support = support_line(provider) or _t("le support de votre académie")
    code = getattr(error, "code", "error")
    alert = getattr(error, "alert", None)
    if isinstance(error, errors.OtpRejected):
        msg = UserMessage(_t("PassCode refusé"),
                          _t("Le code PIN ou le code affiché par votre token n'a pas été accepté. "
                             "Un code ne sert qu'une fois et n'est valable qu'environ une minute."),
                          _t("Attendez le code suivant sur votre token, puis saisissez votre PIN et "
                             "ce nouveau code."), ask_new_passcode=True)
    elif isinstance(error, errors.PassCodeSpent):
        msg = UserMessage(_t("Nouveau PassCode nécessaire"),
                          _t("La connexion doit être rétablie et un PassCode ne peut servir qu'une "
                             "fois."),
                          _t("Saisissez votre PIN et le code actuellement affiché par votre token."),
                          offer_diagnostics=False, ask_new_passcode=True)
    elif isinstance(error, errors.AccountLocked):
        msg = UserMessage(_t("Compte bloqué"),
                          _t("Le serveur indique que votre compte est bloqué, en général après "
                             "plusieurs mots de passe erronés."),
                          _t("N'essayez pas de nouveau tout de suite : attendez la fin du blocage "
                             "ou appelez %1.").replace("%1", support), offer_diagnostics=False)
    elif isinstance(error, errors.PasswordExpired):
        portal = provider.password_change_url if provider and provider.password_change_url else ""
        msg = UserMessage(_t("Mot de passe expiré"),
                          _t("Votre mot de passe a expiré ou est un mot de passe provisoire qui doit "
                             "être changé."),
                          (_t("Changez-le sur le portail de l'académie : %1").replace("%1", portal)
                           if portal else _t("Changez-le sur le portail de votre académie.")),
                          offer_diagnostics=False)
    elif isinstance(error, errors.SmtpAuthFailed):
        msg = UserMessage(_t("Envoi refusé : identifiants"),
                          _t("Le serveur d'envoi n'a pas accepté vos identifiants."),
                          _t("Vérifiez votre identifiant et votre mot de passe."))
    elif isinstance(error, errors.AuthFailed):
        msg = UserMessage(_t("Identifiant ou mot de passe incorrect"),
                          _t("Le serveur a refusé l'identifiant ou le mot de passe."),
                          _t("Vérifiez l'identifiant (sans espace, en minuscules) et le mot de passe "
                             "(majuscules, verrouillage des majuscules). Après plusieurs échecs, le "
                             "compte peut être bloqué."))
    elif isinstance(error, errors.TooManyConnections):
        msg = UserMessage(_t("Trop de connexions"),
                          _t("Le serveur refuse une connexion de plus pour ce compte."),
                          _t("Fermez les autres logiciels de messagerie ouverts sur ce compte, puis "
                             "réessayez."))
    elif isinstance(error, errors.ServerUnavailable | errors.ContactAdmin):
        msg = UserMessage(_t("Service indisponible"),
                          _t("Le serveur de messagerie ne peut pas vous connecter pour le moment."),
                          _t("Réessayez plus tard ou appelez %1.").replace("%1", support))
    elif isinstance(error, errors.PrivacyRequired | errors.StartTlsMissing):
        msg = UserMessage(_t("Connexion non sécurisée refusée"),
                          _t("Le serveur n'a pas proposé de connexion chiffrée : AcMail n'envoie "
                             "jamais votre mot de passe en clair."),
                          _t("Lancez le diagnostic et transmettez le rapport à %1.").replace("%1", support))
    elif isinstance(error, errors.TlsExpired):
        msg = UserMessage(_t("Certificat expiré"),
                          _t("Le certificat du serveur a expiré. La connexion a été interrompue pour "
                             "protéger votre mot de passe."),
                          _t("Vérifiez la date de votre ordinateur, puis prévenez %1.").replace("%1", support))
    elif isinstance(error, errors.TlsHostnameMismatch | errors.TlsUntrusted):
        msg = UserMessage(_t("Certificat non reconnu"),
                          _t("Le serveur n'a pas présenté un certificat de confiance pour ce nom. Il "
                             "peut s'agir d'un filtrage réseau ou d'une tentative d'interception."),
                          _t("Ne saisissez pas votre mot de passe ailleurs ; lancez le diagnostic et "
                             "prévenez %1.").replace("%1", support))
    elif isinstance(error, errors.TlsError):
        msg = UserMessage(_t("Échec de la connexion sécurisée"),
                          _t("La négociation TLS avec le serveur a échoué."),
                          _t("Lancez le diagnostic."))
    elif isinstance(error, errors.DnsFailure):
        msg = UserMessage(_t("Serveur introuvable"),
                          _t("Le nom du serveur de messagerie n'a pas pu être résolu."),
                          _t("Vérifiez votre connexion à Internet et l'académie choisie."))
    elif isinstance(error, errors.ConnectionRefused):
        msg = UserMessage(_t("Connexion refusée"),
                          _t("Le serveur a refusé la connexion sur ce port."),
                          _t("Le réseau de l'établissement filtre peut-être ce port : lancez le "
                             "diagnostic."))
    elif isinstance(error, errors.ConnectionTimeout):
        msg = UserMessage(_t("Le serveur ne répond pas"),
                          _t("Aucune réponse du serveur dans le délai imparti."),
                          _t("Vérifiez votre connexion ; un pare-feu bloque peut-être la messagerie."))
    elif isinstance(error, errors.NetworkDown):
        msg = UserMessage(_t("Pas de réseau"), _t("Cet ordinateur n'est pas connecté au réseau."),
                          _t("Vérifiez le Wi-Fi ou le câble réseau."))
    elif isinstance(error, errors.SessionLost | errors.NetworkError):
        msg = UserMessage(_t("Connexion perdue"), _t("La connexion au serveur a été interrompue."),
                          _t("Réessayez dans un instant."))
    elif isinstance(error, errors.KeyringUnavailable):
        msg = UserMessage(_t("Trousseau indisponible"),
                          _t("Aucun trousseau sécurisé n'est disponible : le mot de passe ne sera pas "
                             "mémorisé."),
                          _t("Vous devrez le saisir à chaque connexion."), offer_diagnostics=False)
    elif isinstance(error, errors.Cancelled):
        msg = UserMessage(_t("Connexion annulée"), _t("La connexion a été annulée."), "",
                          offer_diagnostics=False)
    elif isinstance(error, errors.InputError):
        msg = UserMessage(_t("Saisie incomplète"), _t("Vérifiez les champs du formulaire."), "",
                          offer_diagnostics=False)
    else:
        msg = UserMessage(_t("Erreur"), _t("Une erreur inattendue s'est produite (%1).").replace("%1", code),
                          _t("Lancez le diagnostic ou contactez %1.").replace("%1", support))
    if alert:
        msg = UserMessage(msg.title, msg.text + "\n" + _t("Message du serveur : %1").replace("%1", alert),
                          msg.action, msg.offer_diagnostics, msg.ask_new_passcode)
    return msg
