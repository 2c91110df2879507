"""The diagnostics checks, as data: one `CheckSpec` per step (id, French title, the steps it
needs, its function), in the order of the numbered sections below (1 input … 10 clock).

Each function gets the run (its config, shared state and the other results) and the time it may
take, and returns a `Check`; running, ordering and time bounds are run.py's job.
"""

from __future__ import annotations

import socket
import ssl
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING, Any

from acmail_desktop.core import errors
from acmail_desktop.core.account import Account, AccountIdentity
from acmail_desktop.core.app_password import SecretShape, secret_shape
from acmail_desktop.core.bounded_run import RunTimedOut, run_bounded
from acmail_desktop.core.diagnostics import probes
from acmail_desktop.core.diagnostics.model import Check, Status
from acmail_desktop.core.identity import Hint, check_identifiant
from acmail_desktop.core.otp import Credential, Secret, passcode_problems, split_passcode
from acmail_desktop.core.providers import Provider, ServerSettings

if TYPE_CHECKING:
    from acmail_desktop.core.diagnostics.run import DiagnosticsRun

CLOCK_LIMIT = 30.0
QUOTA_WARN = 0.9
IMAP_ALTERNATIVES = ((993, "implicit"), (143, "starttls"))
SMTP_ALTERNATIVES = ((465, "implicit"), (587, "starttls"))

_HINT_TEXT = {
    Hint.EMPTY: "l'identifiant est vide",
    Hint.TRIMMED: "des espaces au début ou à la fin ont été retirés",
    Hint.INNER_SPACE: "il contient une espace",
    Hint.LOWERCASED: "les majuscules ont été mises en minuscules",
    Hint.EMAIL_TYPED: "c'est une adresse e-mail, pas l'identifiant",
    Hint.EMAIL_OTHER_DOMAIN: "c'est une adresse e-mail d'un autre domaine",
    Hint.ACCENTS: "il contient des accents",
    Hint.PATTERN_MISMATCH: "il ne suit pas la forme habituelle de l'académie",
    Hint.CONTROL_CHARS: "il contient des caractères invisibles",
    Hint.ADDRESS_EXPECTED: "ce n'est pas une adresse électronique complète (prenom.nom@ac-….fr)",
}


CheckFn = Callable[["DiagnosticsRun", float], Check]


@dataclass(frozen=True)
class CheckSpec:
    """A step as data: id, French title, the checks it needs to be meaningful, the function."""

    id: str
    title: str
    requires: tuple[str, ...]
    run: CheckFn


def specs(p: Provider) -> list[CheckSpec]:
    """The steps in order, as data: numbered like the sections below (1 input … 10 clock)."""
    return [
        CheckSpec("input", "Saisie", (), _check_input),
        CheckSpec("network", "Réseau", (), _check_network),
        CheckSpec("dns_imap", f"DNS IMAP ({p.imap.hostname})", ("network",), _dns("imap")),
        CheckSpec("dns_smtp", f"DNS SMTP ({p.smtp.hostname})", ("network",), _dns("smtp")),
        CheckSpec("tcp_imap", f"Port IMAP {p.imap.port}", ("dns_imap",), _tcp("imap")),
        CheckSpec("tls_imap", "IMAP : chiffrement TLS", ("tcp_imap",), _tls("imap")),
        CheckSpec("imap", "IMAP : accueil et capacités", ("tls_imap",), _check_imap),
        CheckSpec("auth", "Authentification", ("imap", "input"), _check_auth),
        CheckSpec("mailbox", "Boîte de réception et quota", ("auth",), _check_mailbox),
        CheckSpec("tcp_smtp", f"Port SMTP {p.smtp.port}", ("dns_smtp",), _tcp("smtp")),
        CheckSpec("tls_smtp", "SMTP : chiffrement TLS", ("tcp_smtp",), _tls("smtp")),
        CheckSpec("smtp", "SMTP : accueil et capacités", ("tls_smtp",), _check_smtp),
        CheckSpec("smtp_auth", "SMTP : authentification", ("smtp", "auth"), _check_smtp_auth),
        CheckSpec("smtp_send", "Message de test", ("smtp_auth",), _check_send),
        CheckSpec("clock", "Horloge", ("network",), _check_clock),
    ]


def where(server: ServerSettings) -> str:
    return f"{server.hostname}:{server.port} ({'TLS' if server.security == 'implicit' else 'STARTTLS'})"


def _check(status: Status, summary: str, detail: str = "", remedy: str = "", code: str | None = None
           ) -> Check:
    return Check("", "", status, summary, detail, remedy, 0.0, code)


# --- 1. input -------------------------------------------------------------------------------
def _check_input(run: DiagnosticsRun, _timeout: float) -> Check:
    cfg, p = run.config, run.provider
    raw = cfg.identifiant
    notes: list[str] = []
    if not raw.strip() and not cfg.test_auth:
        run.state.identifiant = ""
        return _check(Status.OK, "Aucun identifiant saisi : seuls les serveurs seront testés.")
    result = check_identifiant(raw, form=p.identifiant_form, case=p.identifiant_case,
                               pattern=p.identifiant_pattern, domains=p.domains)
    run.state.identifiant = result.normalised
    hints = [_HINT_TEXT[h] for h in result.hints]
    detail = f"identifiant hints: {', '.join(h.value for h in result.hints) or 'none'}"
    if result.blocking and Hint.ADDRESS_EXPECTED in result.hints:
        return _check(Status.FAIL, "Adresse incorrecte : " + "; ".join(hints) + ".", detail,
                      "La messagerie nationale se connecte avec l'adresse électronique complète "
                      "(prenom.nom@ac-….fr), pas avec l'identifiant.", "input_identifiant")
    if result.blocking:
        remedy = "Saisissez l'identifiant, pas l'adresse e-mail"
        if result.suggestion:
            remedy += f" (peut-être « {result.suggestion} » ; vérifiez-le)"
        return _check(Status.FAIL, "Identifiant incorrect : " + "; ".join(hints) + ".", detail,
                      remedy + ".", "input_identifiant")
    if cfg.test_auth:
        secret = cfg.secret.reveal() if cfg.secret else ""
        if not secret:
            return _check(Status.FAIL, "Le mot de passe est vide.", detail,
                          "Saisissez votre mot de passe.", "input_password")
        if cfg.secret_kind == "passcode":
            pin, code = split_passcode(secret.replace(" ", ""))
            problems = passcode_problems(pin, code)
            if problems:
                return _check(Status.FAIL, "Le PassCode n'a pas la forme PIN + code à 6 chiffres.",
                              detail + f"; passcode shape: {', '.join(problems)}",
                              "Saisissez votre PIN suivi du code affiché par le token.", "input_password")
        elif secret != secret.strip():
            notes.append("le mot de passe commence ou finit par une espace")
        # The address of an address-login profile is what was typed (not "<it>@<domain>").
        username = p.imap.username_for(result.normalised, AccountIdentity(p, result.normalised).email)
        if p.is_national and cfg.secret_kind != "passcode":
            run.state.secret_shape = secret_shape(secret)
            if run.state.secret_shape is SecretShape.USUAL:
                notes.append("le mot de passe saisi ressemble à un mot de passe habituel (choisi par une "
                             "personne), pas à un mot de passe d'application généré par la messagerie web")
        value = secret.replace(" ", "") if cfg.secret_kind == "passcode" else secret
        run.state.credential = Credential(username, "passcode" if cfg.secret_kind == "passcode"
                                          else "password", Secret(value, username=username))
    if run.state.secret_shape is not None:
        detail += f"; secret shape: {run.state.secret_shape.value}"  # the shape only, never the value
    if run.state.secret_shape is SecretShape.USUAL:
        return _check(Status.WARN, "À vérifier : " + "; ".join(hints + notes) + ".", detail,
                      "Créez un mot de passe d'application dans la messagerie web (Préférences → Mots de "
                      "passe sécurisés → Créer…) et saisissez-le à la place.", None)
    if hints or notes:
        return _check(Status.WARN, "Saisie corrigée : " + "; ".join(hints + notes) + ".", detail,
                      "Vérifiez que c'est bien votre identifiant.", None)
    return _check(Status.OK, "Identifiant de la forme attendue." if raw.strip() else "Saisie correcte.",
                  detail)


# --- 2. network ------------------------------------------------------------------------------
def _default_route(targets: list[str]) -> bool:
    """Is there a route at all? Reads the routing table (no packet is sent)."""
    if all(t in ("localhost",) or t.startswith("127.") or t == "::1" for t in targets):
        return True
    try:
        for line in Path("/proc/net/route").read_text().splitlines()[1:]:
            fields = line.split()
            if len(fields) > 3 and fields[1] == "00000000" and int(fields[3], 16) & 1:
                return True
        for line in Path("/proc/net/ipv6_route").read_text().splitlines():
            if line.startswith("00000000000000000000000000000000 00"):
                return True
        return False
    except OSError:
        pass
    try:  # other systems: a UDP connect only consults the routing table
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.connect(("192.0.2.1", 9))
        return True
    except OSError:
        return False


def _check_network(run: DiagnosticsRun, _timeout: float) -> Check:
    targets = [run.provider.imap.hostname, run.provider.smtp.hostname]
    probe = run.config.route_probe or _default_route
    proxies = {k: _strip_userinfo(v) for k, v in urllib.request.getproxies().items() if k != "no"}
    detail = "proxy: " + (", ".join(f"{k}={v}" for k, v in sorted(proxies.items())) or "none")
    if not probe(targets):
        return _check(Status.FAIL, "Aucune connexion réseau active.", detail + "\nno default route",
                      "Vérifiez le Wi-Fi ou le câble réseau.", "network_down")
    if proxies:
        return _check(Status.OK, "Réseau actif ; un proxy web est configuré (la messagerie ne passe pas "
                      "par lui).", detail)
    return _check(Status.OK, "Réseau actif.", detail)


def _strip_userinfo(url: str) -> str:
    if "@" in url and "://" in url:
        scheme, _, rest = url.partition("://")
        return f"{scheme}://«masqué»@{rest.rpartition('@')[2]}"
    return url


# --- 3. DNS ----------------------------------------------------------------------------------
def _dns(kind: str) -> CheckFn:
    def check(run: DiagnosticsRun, timeout: float) -> Check:
        host = run.server(kind).hostname
        value: Any
        try:
            value = run_bounded(lambda: run.config.resolver(host), timeout, name="acmail-diag-dns",
                                cancelled=lambda: run.cancelled)
        except RunTimedOut:
            return _check(Status.FAIL, f"Le serveur DNS ne répond pas pour {host}.",
                          f"getaddrinfo({host}) did not answer within {timeout:.1f} s",
                          "Vérifiez la connexion réseau.", "dns_failure")
        except BaseException as exc:
            value = exc
        if isinstance(value, socket.gaierror):
            unreachable = value.errno in (socket.EAI_AGAIN, getattr(socket, "EAI_SYSTEM", -11))
            summary = (f"Le serveur DNS est injoignable (nom {host} non vérifiable)." if unreachable
                       else f"Le nom {host} n'existe pas (NXDOMAIN).")
            return _check(Status.FAIL, summary, f"getaddrinfo({host}): {value}",
                          "Vérifiez la connexion réseau." if unreachable
                          else "Vérifiez l'académie choisie ou le nom du serveur.", "dns_failure")
        if isinstance(value, BaseException):
            return _check(Status.FAIL, f"Résolution de {host} impossible.", f"{type(value).__name__}: {value}",
                          "Vérifiez la connexion réseau.", "dns_failure")
        if not value:
            return _check(Status.FAIL, f"Le nom {host} n'a pas d'adresse.", f"getaddrinfo({host}): []",
                          "Vérifiez le nom du serveur.", "dns_failure")
        run.state.addresses[kind] = value[0]
        return _check(Status.OK, f"{host} → {', '.join(value[:3])}", f"addresses: {', '.join(value)}")
    return check


# --- 4. TCP ----------------------------------------------------------------------------------
def _tcp(kind: str) -> CheckFn:
    def check(run: DiagnosticsRun, timeout: float) -> Check:
        server = run.server(kind)
        address = run.state.addresses[kind]
        alternatives = run.config.imap_alternatives if kind == "imap" else run.config.smtp_alternatives
        ports = [(server.port, server.security)] + [a for a in alternatives if a[0] != server.port]
        results = probes.tcp_probe_many(address, ports, min(timeout, 4.0), run._cancel)
        detail = "\n".join(f"{address}:{r.port} ({r.security}): {r.outcome} in {r.seconds * 1000:.0f} ms"
                           for r in results)
        main, others = results[0], results[1:]
        if main.outcome == "open":
            return _check(Status.OK, f"Port {server.port} ouvert sur {server.hostname}.", detail)
        working = [r for r in others if r.outcome == "open"]
        alt = (f" Le port {working[0].port} ({'TLS' if working[0].security == 'implicit' else 'STARTTLS'}) "
               f"répond : le profil de l'académie est peut-être à mettre à jour." if working else "")
        if kind == "smtp":
            code = "smtp_blocked"
        else:
            code = {"refused": "connection_refused", "timeout": "connection_timeout",
                    "unreachable": "network_down"}.get(main.outcome, "connection_refused")
        if main.outcome == "refused":
            summary = f"Connexion refusée sur le port {server.port}."
        elif main.outcome == "timeout":
            summary = f"Aucune réponse sur le port {server.port} (paquets bloqués par un pare-feu ?)."
        else:
            summary = f"Port {server.port} injoignable."
        return _check(Status.FAIL, summary + alt, detail,
                      "Le réseau de l'établissement filtre peut-être ce port ; essayez un autre réseau.",
                      code)
    return check


# --- 5. TLS ----------------------------------------------------------------------------------
def _tls(kind: str) -> CheckFn:
    def check(run: DiagnosticsRun, timeout: float) -> Check:
        server = run.server(kind)
        address = run.state.addresses[kind]
        probe = probes.probe_imap if kind == "imap" else probes.probe_smtp
        deadline = time.monotonic() + timeout
        try:
            talk = probe(address, server.hostname, server.port, server.security, run.config.ssl_context,
                         deadline, run._track(kind))
        except errors.AcmailError as exc:
            talk = getattr(exc, "conversation", None) or probes.Conversation(kind)
            run.state.conversations[kind] = talk
            return _tls_failure(run, kind, exc, talk, deadline)
        run.state.conversations[kind] = talk
        cert = talk.cert or probes.CertInfo()
        detail = (f"{talk.tls_version}, {talk.cipher}, handshake {talk.tls_seconds * 1000:.0f} ms\n"
                  f"{cert.describe()}\n\ntranscript:\n" + "\n".join(talk.transcript))
        if talk.tls_version in ("TLSv1", "TLSv1.1", "SSLv3"):
            return _check(Status.WARN, f"Version {talk.tls_version} obsolète.", detail,
                          "Prévenez le support : le serveur doit proposer TLS 1.2 ou plus.", "tls_old_version")
        if cert.not_after and (cert.not_after - datetime.fromtimestamp(run.config.now(), UTC)).days < 14:
            return _check(Status.WARN, f"{talk.tls_version}, certificat valide mais qui expire bientôt "
                          f"({cert.not_after:%d/%m/%Y}).", detail, "", None)
        return _check(Status.OK, f"{talk.tls_version}, certificat valide pour {server.hostname}.", detail)
    return check


def _tls_failure(run: DiagnosticsRun, kind: str, exc: errors.AcmailError, talk: probes.Conversation,
                 deadline: float) -> Check:
    server = run.server(kind)
    transcript = "\n".join(talk.transcript)
    detail = f"{type(exc).__name__}: {exc}\n\ntranscript:\n{transcript}"
    if isinstance(exc, errors.UnexpectedPreauth):
        return _check(Status.FAIL, "Le serveur ouvre une session sans demander de mot de passe (PREAUTH) : "
                      "connexion refusée, comme dans AcMail.", detail,
                      "Ce n'est pas le comportement d'un serveur d'académie : transmettez ce rapport au support.",
                      "protocol_error")
    if isinstance(exc, errors.StartTlsMissing):
        before = " ".join(talk.before_tls) or "?"
        return _check(Status.FAIL, "Le serveur ne propose pas STARTTLS : connexion non chiffrée refusée.",
                      detail + f"\ncapabilities before TLS: {before}",
                      "Le profil de l'académie doit utiliser un port chiffré.", "starttls_missing")
    if isinstance(exc, errors.ConnectionTimeout):
        what = "la négociation TLS" if talk.stage == "tls" else "l'accueil du serveur"
        return _check(Status.FAIL, f"Le serveur accepte la connexion mais ne répond pas ({what}).",
                      detail, "Réessayez plus tard ; un équipement réseau bloque peut-être la connexion.",
                      "connection_timeout")
    if isinstance(exc, errors.TlsError):
        # Look at what the server presents, with a context used for nothing else, to explain why.
        seen = ""
        lenient: probes.Conversation | None = None
        if deadline - time.monotonic() > 0.3:
            probe = probes.probe_imap if kind == "imap" else probes.probe_smtp
            try:
                lenient = probe(run.state.addresses[kind], server.hostname, server.port, server.security,
                                probes.lenient_context(), min(deadline, time.monotonic() + 3.0),
                                run._track(kind))
            except errors.AcmailError as again:
                lenient = getattr(again, "conversation", None)
        cert = lenient.cert if lenient and lenient.cert else None
        if lenient and lenient.tls_version:
            seen = f"\nserver offers: {lenient.tls_version} {lenient.cipher}"
        if cert:
            seen += "\n" + cert.describe()
        detail += seen
        code = exc.code
        if lenient and lenient.tls_version in ("TLSv1", "TLSv1.1", "SSLv3"):
            code = "tls_old_version"
        hint = ""
        if cert and cert.inspection_hint:
            hint = (" L'émetteur ressemble à un équipement d'inspection TLS (pare-feu, antivirus) : "
                    "le réseau déchiffre les connexions.")
        summary = {
            "tls_expired": "Certificat expiré" + (f" depuis le {cert.not_after:%d/%m/%Y}" if cert and
                                                  cert.not_after else "") + ".",
            "tls_hostname_mismatch": f"Le certificat n'est pas celui de {server.hostname}"
                                     + (f" (il couvre : {', '.join(cert.names[:3])})" if cert and cert.names
                                        else "") + ".",
            "tls_untrusted": "Certificat non reconnu (émetteur : "
                             + (cert.issuer if cert and cert.issuer else "inconnu") + ").",
            "tls_old_version": "Le serveur n'accepte qu'une version de TLS obsolète"
                               + (f" ({lenient.tls_version})" if lenient and lenient.tls_version else "") + ".",
        }.get(code, "Échec de la négociation TLS.")
        return _check(Status.FAIL, summary + hint, detail,
                      "Ne contournez pas l'avertissement ; transmettez ce rapport au support.", code)
    code = exc.code if exc.code in ("connection_refused", "network_down") else "protocol_error"
    if kind == "smtp" and code != "protocol_error":
        code = "smtp_blocked"
    if isinstance(exc, errors.ServerUnavailable):
        code = "server_unavailable"
    return _check(Status.FAIL, "Le serveur a interrompu l'échange avant le chiffrement."
                  if talk.stage != "done" else "Échange interrompu.", detail,
                  "Transmettez ce rapport au support.", code)


# --- 6. IMAP ---------------------------------------------------------------------------------
def _check_imap(run: DiagnosticsRun, _timeout: float) -> Check:
    talk = run.state.conversations["imap"]
    caps = talk.after_tls
    mechanisms = [c[5:] for c in caps if c.startswith("AUTH=")]
    detail = (f"greeting: {talk.greeting}\ncapabilities before TLS: {' '.join(talk.before_tls) or '-'}\n"
              f"capabilities after TLS: {' '.join(caps) or '-'}")
    if "IMAP4REV1" not in caps and "IMAP4REV2" not in caps:
        return _check(Status.FAIL, "Le serveur ne se présente pas comme un serveur IMAP.", detail,
                      "Vérifiez le profil de l'académie.", "protocol_error")
    if "LOGINDISABLED" in caps:
        return _check(Status.FAIL, "Le serveur refuse toute connexion par mot de passe (LOGINDISABLED).",
                      detail, "Transmettez ce rapport au support.", "server_unavailable")
    summary = f"Serveur IMAP prêt ; authentification : {', '.join(mechanisms) or 'LOGIN'}."
    if talk.before_tls and talk.before_tls != caps:
        summary += " Capacités mises à jour après STARTTLS."
    return _check(Status.OK, summary, detail)


# --- 7. authentication -----------------------------------------------------------------------
_AUTH_SUMMARY = {
    "auth_failed": "Identifiant ou mot de passe refusé.",
    "account_locked": "Compte bloqué.",
    "password_expired": "Mot de passe expiré.",
    "otp_rejected": "PassCode refusé (erroné, expiré ou déjà utilisé).",
    "too_many_connections": "Trop de connexions ouvertes pour ce compte.",
    "server_unavailable": "Service d'authentification indisponible.",
    "starttls_missing": "Le serveur exige un canal chiffré.",
    "credential_charset": "Le serveur ne sait pas recevoir un mot de passe avec accents ou symboles.",
    "app_password_required": "Adresse ou mot de passe d'application refusé (le mot de passe habituel ne "
                             "fonctionne pas dans un logiciel de messagerie).",
}


def _check_auth(run: DiagnosticsRun, timeout: float) -> Check:
    cfg = run.config
    if not cfg.test_auth or run.state.credential is None:
        return _check(Status.SKIPPED, "Non testée (mot de passe non fourni ou test non demandé).")
    identity = AccountIdentity(run.provider, run.state.identifiant)
    account = Account(identity, run.state.credential, cfg.ssl_context, timeout=timeout)
    run.state.account = account
    session = account.new_imap_session()
    with run._lock:
        run.state.session = session
    try:
        account.open_imap(session)  # one LOGIN, classified by the same code as the login window
    except errors.AuthError as exc:
        with run._lock:
            run.state.session = None
        code = {"contact_admin": "server_unavailable", "privacy_required": "starttls_missing",
                "passcode_needed": "otp_rejected"}.get(exc.code, exc.code)
        if code == "auth_failed" and run.provider.is_national:
            code = "app_password_required"  # the migrated user's usual password, most likely
        alert = f" Message du serveur : « {exc.alert} »" if exc.alert else ""
        return _check(Status.FAIL, _AUTH_SUMMARY.get(code, "Authentification refusée.") + alert,
                      f"LOGIN {run.state.credential.username} «masqué» -> NO {exc.server_text or ''}\n"
                      f"classified as {exc.code}" + (f"\n[ALERT] {exc.alert}" if exc.alert else ""),
                      "Une seule tentative a été faite ; ne réessayez pas en boucle.", code)
    except errors.AcmailError as exc:
        with run._lock:
            run.state.session = None
        return _check(Status.FAIL, "La connexion a échoué avant l'authentification.",
                      f"{type(exc).__name__}: {exc}", "", exc.code)
    return _check(Status.OK, f"Authentification acceptée ({run.state.credential.kind}).",
                  f"LOGIN {run.state.credential.username} «masqué» -> OK")


# --- 8. mailbox ------------------------------------------------------------------------------
def _check_mailbox(run: DiagnosticsRun, timeout: float) -> Check:
    session = run.state.session
    if session is None:
        return _check(Status.SKIPPED, "Non testée (pas de session).")
    status = session.select("INBOX", readonly=True)
    detail = f"SELECT INBOX (read-only): {status.exists} messages, UIDVALIDITY {status.uidvalidity}"
    if not session.has("QUOTA"):
        return _check(Status.OK, f"Boîte de réception accessible ({status.exists} messages) ; "
                      "quota non annoncé par le serveur.", detail)
    try:
        quotas = session.quota_root("INBOX")
    except Exception as exc:
        return _check(Status.WARN, "Boîte accessible, mais le quota n'a pas pu être lu.",
                      detail + f"\nGETQUOTAROOT INBOX: {type(exc).__name__}", "", None)
    storage = [q for q in quotas if str(q.resource).upper() == "STORAGE" and q.limit]
    lines = [f"QUOTA {q.quota_root} {q.resource} {q.usage}/{q.limit}" for q in quotas]
    detail += "\n" + "\n".join(lines)
    if not storage:
        return _check(Status.OK, f"Boîte de réception accessible ({status.exists} messages).", detail)
    q = storage[0]
    ratio = int(q.usage) / int(q.limit)
    text = f"{_size(int(q.usage))} utilisés sur {_size(int(q.limit))} ({round(ratio * 100)} %)"
    if ratio >= 1:
        return _check(Status.FAIL, f"Boîte aux lettres pleine : {text}.", detail,
                      "Supprimez des messages volumineux et videz la corbeille.", "quota_exceeded")
    if ratio >= QUOTA_WARN:
        return _check(Status.WARN, f"Boîte presque pleine : {text}.", detail,
                      "Faites de la place avant qu'elle ne refuse les messages.", "quota_exceeded")
    return _check(Status.OK, f"Boîte de réception accessible ; {text}.", detail)


def _size(kib: int) -> str:
    """French-formatted size from KiB (QUOTA STORAGE units)."""
    if kib < 1024:
        return f"{kib} Ko"
    if kib < 1024 * 1024:
        return f"{kib / 1024:.1f} Mo".replace(".", ",")
    return f"{kib / 1024 / 1024:.2f} Go".replace(".", ",")


# --- 9. SMTP ---------------------------------------------------------------------------------
def _check_smtp(run: DiagnosticsRun, _timeout: float) -> Check:
    talk = run.state.conversations["smtp"]
    features = talk.after_tls
    auth = next((f.split()[1:] for f in features if f.split()[:1] == ["AUTH"]), [])
    size = next((f.split()[1] for f in features if f.split()[:1] == ["SIZE"] and len(f.split()) > 1), "")
    detail = (f"greeting: {talk.greeting}\nEHLO before TLS: {' | '.join(talk.before_tls) or '-'}\n"
              f"EHLO after TLS: {' | '.join(features) or '-'}")
    size_text = f", taille maximale {_size(int(size) // 1024)}" if size.isdigit() and int(size) else ""
    if not auth:
        return _check(Status.FAIL, "Le serveur d'envoi ne propose aucune authentification.", detail,
                      "Transmettez ce rapport au support.", "smtp_blocked")
    return _check(Status.OK, f"Serveur d'envoi prêt ; authentification : {', '.join(auth)}{size_text}.",
                  detail)


def _check_smtp_auth(run: DiagnosticsRun, timeout: float) -> Check:
    account = run.state.account
    if account is None or run.state.credential is None:
        return _check(Status.SKIPPED, "Non testée.")
    if run.state.credential.single_use:
        return _check(Status.SKIPPED, "Non testée : le PassCode ne sert qu'une fois et a été utilisé "
                      "pour IMAP.")
    account.timeout = timeout
    try:
        submission = account.open_smtp()
    except errors.CredentialCharsetUnsupported as exc:
        return _check(Status.FAIL, _AUTH_SUMMARY["credential_charset"], f"AUTH -> {exc}", "",
                      "credential_charset")
    except errors.SmtpAuthFailed as exc:
        return _check(Status.FAIL, "Le serveur d'envoi refuse les identifiants.",
                      f"AUTH -> {exc.server_text or exc}", "",
                      "app_password_required" if run.provider.is_national else "smtp_auth_failed")
    except errors.AcmailError as exc:
        return _check(Status.FAIL, "Connexion au serveur d'envoi impossible.", f"{type(exc).__name__}: {exc}",
                      "", "smtp_blocked")
    run.state.__dict__["submission"] = submission
    return _check(Status.OK, "Authentification d'envoi acceptée.", "AUTH -> 235")


def _check_send(run: DiagnosticsRun, _timeout: float) -> Check:
    submission = run.state.__dict__.pop("submission", None)
    try:
        if not run.config.send_test or submission is None:
            return _check(Status.SKIPPED, "Non demandé.")
        account = run.state.account
        assert account is not None
        message = EmailMessage()
        message["From"] = message["To"] = account.email
        message["Subject"] = "AcMail : message de test du diagnostic"
        message.set_content("Ce message a été envoyé par le diagnostic d'AcMail. Vous pouvez le supprimer.\n")
        try:
            submission.send(message.as_bytes(), account.email, [account.email])
        except errors.SmtpError as exc:
            return _check(Status.FAIL, "Le message de test a été refusé.", f"{exc}: {exc.server_text or ''}",
                          "Transmettez ce rapport au support.", "smtp_blocked")
        return _check(Status.OK, f"Message de test envoyé à {account.email}.", "MAIL/RCPT/DATA -> 250")
    finally:
        if submission is not None:
            submission.close()


# --- 10. clock -------------------------------------------------------------------------------
def _check_clock(run: DiagnosticsRun, timeout: float) -> Check:
    cfg, p = run.config, run.provider
    sources: list[str] = []
    for kind in ("smtp", "imap"):
        talk = run.state.conversations.get(kind)
        if talk and probes.date_in(talk.greeting):
            server_time = probes.date_in(talk.greeting)
            assert server_time is not None
            return _skew(run, server_time.timestamp(), f"{kind.upper()} greeting date",
                         f"greeting: {talk.greeting}")
    urls = cfg.time_urls if cfg.time_urls is not None else tuple(
        u for u in (p.webmail_url, p.support_url, p.password_change_url, p.password_reset_url)
        if u and u.startswith("https://"))
    deadline = time.monotonic() + timeout
    for url in dict.fromkeys(urls):
        left = deadline - time.monotonic()
        if left < 0.2 or run.cancelled:
            break
        before = cfg.now()
        try:
            server_time, sent, received = probes.http_date(url, cfg.ssl_context, min(left, 2.5))
        except (OSError, ValueError, ssl.SSLError, errors.AcmailError) as exc:
            sources.append(f"{url}: {type(exc).__name__}")
            continue
        except Exception as exc:  # http.client raises its own family
            sources.append(f"{url}: {type(exc).__name__}")
            continue
        # The Date header has a 1 s resolution and was stamped somewhere inside the round trip.
        local = before + (received - sent) / 2
        return _skew(run, server_time.timestamp(), f"Date header of {url}",
                     f"HEAD {url} -> Date {server_time:%a, %d %b %Y %H:%M:%S} GMT",
                     local_time=local, uncertainty=0.5 + (received - sent) / 2)
    return _check(Status.SKIPPED, "Heure du serveur non disponible : horloge non comparée.",
                  "no server time source answered\n" + "\n".join(sources))


def _skew(run: DiagnosticsRun, server_ts: float, source: str, detail: str,
          *, local_time: float | None = None, uncertainty: float = 1.0) -> Check:
    local = run.config.now() if local_time is None else local_time
    skew = local - server_ts
    detail = (f"{detail}\nsource: {source}\nlocal clock: {datetime.fromtimestamp(local, UTC).isoformat()}\n"
              f"skew: {skew:+.1f} s (±{uncertainty:.1f} s)")
    direction = "en avance" if skew > 0 else "en retard"
    if abs(skew) > CLOCK_LIMIT + uncertainty:
        return _check(Status.FAIL, f"L'horloge de l'ordinateur est {direction} de {abs(skew):.0f} s sur "
                      "celle du serveur.", detail,
                      "Activez le réglage automatique de la date et de l'heure.", "clock_skew")
    return _check(Status.OK, f"Horloge à l'heure (écart {abs(skew):.0f} s).", detail)
