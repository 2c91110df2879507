"""The verdict codes, their French explanation and the next action, from the académie's profile.

Codes are stable (scripts and the help desk key on them); see docs/diagnostics.md. Support names,
phones and portal links come from the profile, never from code.
"""

from __future__ import annotations

from acmail_desktop.core.diagnostics.model import Check, Status, Verdict
from acmail_desktop.core.imap.auth import lock_minutes
from acmail_desktop.core.providers import Provider

CODES = (
    "ok", "ok_without_login", "input_identifiant", "input_password", "network_down", "dns_failure",
    "connection_refused",
    "connection_timeout", "tls_untrusted", "tls_expired", "tls_hostname_mismatch", "tls_old_version",
    "tls_error", "starttls_missing", "auth_failed", "app_password_required", "account_locked", "password_expired",
    "otp_rejected",
    "clock_skew", "too_many_connections", "server_unavailable", "quota_exceeded", "smtp_auth_failed",
    "credential_charset", "smtp_blocked", "protocol_error", "cancelled",
)

# When several checks fail, these causes explain the others (a wrong clock makes certificates look
# expired and one-time codes wrong).
_EXPLAINS_OTHERS = ("clock_skew",)


def support_text(provider: Provider) -> str:
    """"support de votre académie (name, phone, url)" from the profile; templates add "le"/"au"."""
    parts = [v for v in (provider.support_name, provider.support_phone, provider.support_url) if v]
    return "support de votre académie" + (f" ({', '.join(parts)})" if parts else "")


def choose(checks: list[Check], provider: Provider, *, cancelled: bool = False) -> Verdict:
    """The most likely cause: the first failure in check order, unless a cause explains the others."""
    if cancelled:
        return make("cancelled", provider, None)
    failed = [c for c in checks if c.status is Status.FAIL and c.code]
    for check in failed:
        if check.code in _EXPLAINS_OTHERS:
            return make(check.code, provider, check)
    if failed:
        return make(failed[0].code or "protocol_error", provider, failed[0])
    warned = [c for c in checks if c.status is Status.WARN and c.code in ("tls_old_version",)]
    if warned:
        return make(warned[0].code or "ok", provider, warned[0])
    # "Tout fonctionne… tous les contrôles ont réussi" would be untrue when the password was not tried.
    if any(c.id == "auth" and c.status is Status.SKIPPED for c in checks):
        return make("ok_without_login", provider, None)
    return make("ok", provider, None)


def make(code: str, provider: Provider, check: Check | None) -> Verdict:
    support = support_text(provider)
    portal = provider.password_change_url or provider.password_reset_url
    portal_text = f" : {portal}" if portal else ""
    server_words = check.detail if check else ""
    title, explanation, action = _TEXTS.get(code, _TEXTS["protocol_error"])
    if code == "account_locked":
        minutes = lock_minutes(server_words)
        action = (f"N'essayez plus pendant {minutes} minutes, puis reconnectez-vous ; si le blocage "
                  f"persiste, appelez le {support}." if minutes else action)
    return Verdict(code, title, explanation, action.format(support=support, portal=portal_text),
                   check.id if check else None)


_TEXTS: dict[str, tuple[str, str, str]] = {
    "ok": ("Tout fonctionne",
           "Les serveurs de l'académie répondent et tous les contrôles ont réussi.",
           "Vous pouvez vous connecter. Si un problème persiste, envoyez ce rapport au {support}."),
    "ok_without_login": ("Les serveurs répondent",
                         "Les serveurs de l'académie répondent et les contrôles effectués ont réussi ; "
                         "votre identifiant et votre mot de passe n'ont pas été testés.",
                         "Pour les vérifier aussi, cochez « Tester aussi mon mot de passe » "
                         "et relancez. Si un problème persiste, envoyez ce rapport au {support}."),
    "input_identifiant": ("Identifiant mal saisi",
                          "L'identifiant saisi n'a pas la forme attendue (adresse e-mail au lieu de "
                          "l'identifiant, espace, accent…).",
                          "Corrigez l'identifiant : l'initiale du prénom suivie du nom, en minuscules, "
                          "sans espace (ex. : fdurand), puis relancez le diagnostic."),
    "input_password": ("Mot de passe ou PassCode manquant",
                       "Le mot de passe est vide, ou le PassCode n'a pas la forme PIN + 6 chiffres.",
                       "Saisissez votre mot de passe, ou votre PIN suivi du code à 6 chiffres du token."),
    "network_down": ("Pas de réseau",
                     "Cet ordinateur n'a aucune route vers le réseau.",
                     "Vérifiez le Wi-Fi ou le câble réseau, puis relancez le diagnostic."),
    "dns_failure": ("Serveur introuvable",
                    "Le nom du serveur de messagerie n'a pas pu être résolu (DNS).",
                    "Vérifiez l'académie choisie et la connexion à Internet ; si d'autres sites "
                    "fonctionnent, appelez le {support}."),
    "connection_refused": ("Connexion refusée",
                           "Le serveur de messagerie refuse la connexion sur son port : le plus souvent, le "
                           "service est arrêté ou en maintenance ; plus rarement, un pare-feu la refuse.",
                           "Réessayez dans quelques minutes ; si cela persiste, transmettez ce rapport au "
                           "{support} (le détail indique si un autre port répond)."),
    "connection_timeout": ("Le serveur ne répond pas",
                           "La connexion n'aboutit pas ou le serveur ne répond pas dans le délai "
                           "(souvent un pare-feu qui bloque silencieusement).",
                           "Réessayez dans quelques minutes ; si cela persiste, essayez un autre réseau "
                           "ou transmettez ce rapport au {support}."),
    "tls_untrusted": ("Certificat non reconnu",
                      "Le serveur présente un certificat qui n'est pas signé par une autorité de "
                      "confiance. Il peut s'agir d'un filtrage du réseau ou d'une interception.",
                      "Ne saisissez votre mot de passe nulle part ailleurs ; transmettez ce rapport "
                      "au {support}."),
    "tls_expired": ("Certificat expiré",
                    "Le certificat du serveur est expiré (ou la date de cet ordinateur est fausse).",
                    "Vérifiez la date et l'heure de l'ordinateur, puis prévenez le {support}."),
    "tls_hostname_mismatch": ("Certificat d'un autre serveur",
                              "Le certificat présenté ne correspond pas au nom du serveur demandé.",
                              "Vérifiez l'académie choisie ; ne continuez pas et prévenez le {support}."),
    "tls_old_version": ("Chiffrement obsolète",
                        "Le serveur ne propose qu'une version de TLS trop ancienne (inférieure à 1.2, ou au "
                        "minimum imposé par l'administrateur).",
                        "AcMail refuse cette connexion pour votre sécurité ; prévenez le {support}."),
    "tls_error": ("Échec de la connexion sécurisée",
                  "La négociation TLS avec le serveur a échoué.",
                  "Transmettez ce rapport au {support}."),
    "starttls_missing": ("Connexion chiffrée non proposée",
                         "Le serveur ne propose pas de chiffrement (STARTTLS) : AcMail n'envoie jamais "
                         "votre mot de passe en clair.",
                         "Vérifiez le profil de l'académie ; transmettez ce rapport au {support}."),
    "auth_failed": ("Identifiant ou mot de passe incorrect",
                    "Le serveur a refusé l'identifiant ou le mot de passe.",
                    "Vérifiez l'identifiant et le mot de passe (majuscules, verrouillage des majuscules). "
                    "Mot de passe oublié : réinitialisez-le sur le portail de l'académie{portal}. "
                    "Attention, plusieurs échecs bloquent le compte."),
    "account_locked": ("Compte bloqué",
                       "Le serveur indique que le compte est bloqué, en général après plusieurs mots de "
                       "passe erronés.",
                       "N'essayez plus pour le moment : attendez la fin du blocage ou appelez le {support}."),
    "password_expired": ("Mot de passe expiré",
                         "Le mot de passe a expiré ou est un mot de passe provisoire à changer.",
                         "Changez votre mot de passe sur le portail de l'académie{portal}, puis "
                         "reconnectez-vous."),
    "otp_rejected": ("PassCode refusé",
                     "Le PIN ou le code du token n'a pas été accepté. Un code ne sert qu'une fois et "
                     "n'est valable qu'environ une minute.",
                     "Attendez le code suivant sur le token, puis saisissez votre PIN et ce nouveau code. "
                     "Si cela se répète, appelez le {support}."),
    "clock_skew": ("Horloge de l'ordinateur décalée",
                   "L'heure de cet ordinateur diffère de plus de 30 secondes de celle du serveur : les "
                   "codes à usage unique et les certificats peuvent être refusés.",
                   "Réglez la date et l'heure de l'ordinateur (réglage automatique), puis relancez le "
                   "diagnostic."),
    "too_many_connections": ("Trop de connexions",
                             "Le serveur refuse une connexion de plus pour ce compte.",
                             "Fermez les autres logiciels de messagerie ouverts sur ce compte (téléphone, "
                             "autre ordinateur), attendez quelques minutes et réessayez."),
    "server_unavailable": ("Service indisponible",
                           "Le serveur de messagerie ne peut pas vous connecter pour le moment.",
                           "Réessayez dans 15 minutes ; si cela persiste, appelez le {support}."),
    "quota_exceeded": ("Boîte aux lettres pleine",
                       "L'espace de votre boîte aux lettres est plein ou presque : les nouveaux messages "
                       "peuvent être refusés.",
                       "Supprimez des messages volumineux et videz la corbeille, ou demandez plus "
                       "d'espace au {support}."),
    "app_password_required": ("Mot de passe d'application nécessaire",
                              "La messagerie nationale a refusé l'adresse ou le mot de passe. Elle n'accepte "
                              "pas votre mot de passe habituel (ni un PassCode) dans un logiciel de messagerie : "
                              "elle demande votre adresse électronique complète et un mot de passe "
                              "d'application créé pour cet ordinateur.",
                              "Dans la messagerie web de la messagerie nationale : Préférences → Mots de passe "
                              "sécurisés → Créer…, puis saisissez le mot de passe généré avec votre adresse "
                              "complète. Une seule tentative a été faite ; ne réessayez pas en boucle, plusieurs "
                              "échecs bloquent le compte."),
    "smtp_auth_failed": ("Envoi refusé : identifiants",
                         "Le serveur d'envoi n'a pas accepté vos identifiants.",
                         "Vérifiez l'identifiant et le mot de passe ; si la réception fonctionne, "
                         "transmettez ce rapport au {support}."),
    "credential_charset": ("Mot de passe non transmissible",
                           "Le mot de passe (ou l'identifiant) contient des lettres accentuées ou des "
                           "symboles (é, ç, œ, €…) et le serveur ne propose aucune méthode de connexion "
                           "qui les transmette (AUTH PLAIN en UTF-8), ou les a refusés.",
                           "Transmettez ce rapport au {support} ; en attendant, choisissez sur le portail "
                           "de l'académie{portal} un mot de passe sans accent ni symbole."),
    "smtp_blocked": ("Envoi bloqué",
                     "Le serveur d'envoi (SMTP) est injoignable ou refuse l'envoi : le réseau de "
                     "l'établissement bloque peut-être les ports d'envoi.",
                     "Essayez depuis un autre réseau ; sinon transmettez ce rapport au {support}."),
    "protocol_error": ("Réponse inattendue du serveur",
                       "Le serveur n'a pas répondu comme un serveur de messagerie.",
                       "Transmettez ce rapport au {support}."),
    "cancelled": ("Diagnostic interrompu",
                  "Le diagnostic a été annulé avant la fin.",
                  "Relancez le diagnostic pour obtenir un résultat."),
}
