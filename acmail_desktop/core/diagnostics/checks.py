"""The diagnostics checks, as data: one `CheckSpec` per step (id, title, the steps it needs, its
function), in the order of the numbered sections below (1 input … 10 clock).

Each function gets the run (its config, shared state and the other results) and the time it may
take, and returns a `Check`; running, ordering and time bounds are run.py's job.

User text (titles, findings, remedies) is English source marked with
`QT_TRANSLATE_NOOP("Diagnostics", …)`, the same mechanism as core/catalogue.py; the French is in
resources/translations/acmail_fr.ts. It is translated where the check is produced, through the run's
`translate` (`_t`), and values go into `%1`, `%2`… after translation. Technical details stay English.
"""

from __future__ import annotations

import re
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

from acmail_desktop.core import errors, log
from acmail_desktop.core.account import Account, AccountIdentity
from acmail_desktop.core.app_password import SecretShape, secret_shape
from acmail_desktop.core.bounded_run import RunTimedOut, run_bounded
from acmail_desktop.core.catalogue import QT_TRANSLATE_NOOP, Translate, untranslated
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

CONTEXT = "Diagnostics"  # the Qt context of the diagnostics' texts in the .ts

_HINT_TEXT = {
    Hint.EMPTY: QT_TRANSLATE_NOOP("Diagnostics", "the identifiant is empty"),
    Hint.TRIMMED: QT_TRANSLATE_NOOP("Diagnostics", "spaces at the start or at the end were removed"),
    Hint.INNER_SPACE: QT_TRANSLATE_NOOP("Diagnostics", "it contains a space"),
    Hint.LOWERCASED: QT_TRANSLATE_NOOP("Diagnostics", "capital letters were made lower case"),
    Hint.EMAIL_TYPED: QT_TRANSLATE_NOOP("Diagnostics", "it is an e-mail address, not the identifiant"),
    Hint.EMAIL_OTHER_DOMAIN: QT_TRANSLATE_NOOP("Diagnostics", "it is an e-mail address of another domain"),
    Hint.ACCENTS: QT_TRANSLATE_NOOP("Diagnostics", "it contains accents"),
    Hint.PATTERN_MISMATCH: QT_TRANSLATE_NOOP("Diagnostics", "it does not follow the usual form of the académie"),
    Hint.CONTROL_CHARS: QT_TRANSLATE_NOOP("Diagnostics", "it contains invisible characters"),
    Hint.ADDRESS_EXPECTED: QT_TRANSLATE_NOOP("Diagnostics", "it is not a complete e-mail address (prenom.nom@ac-….fr)"),
}


CheckFn = Callable[["DiagnosticsRun", float], Check]


@dataclass(frozen=True)
class CheckSpec:
    """A step as data: id, title (translated), the checks it needs to be meaningful, the function."""

    id: str
    title: str
    requires: tuple[str, ...]
    run: CheckFn


def specs(p: Provider, translate: Translate = untranslated) -> list[CheckSpec]:
    """The steps in order, as data: numbered like the sections below (1 input … 10 clock); titles
    through `translate` (English by default)."""
    def t(text: str, *values: object) -> str:
        return fill(translate(CONTEXT, text), *values)

    return [
        CheckSpec("input", t(QT_TRANSLATE_NOOP("Diagnostics", "Input")), (), _check_input),
        CheckSpec("network", t(QT_TRANSLATE_NOOP("Diagnostics", "Network")), (), _check_network),
        CheckSpec("dns_imap", t(QT_TRANSLATE_NOOP("Diagnostics", "IMAP DNS (%1)"),
            p.imap.hostname), ("network",), _dns("imap")),
        CheckSpec("dns_smtp", t(QT_TRANSLATE_NOOP("Diagnostics", "SMTP DNS (%1)"),
            p.smtp.hostname), ("network",), _dns("smtp")),
        CheckSpec("tcp_imap", t(QT_TRANSLATE_NOOP("Diagnostics", "IMAP port %1"),
            p.imap.port), ("dns_imap",), _tcp("imap")),
        CheckSpec("tls_imap", t(QT_TRANSLATE_NOOP("Diagnostics", "IMAP: TLS encryption")), ("tcp_imap",), _tls("imap")),
        CheckSpec("imap", t(QT_TRANSLATE_NOOP("Diagnostics", "IMAP: greeting and capabilities")),
                  ("tls_imap",), _check_imap),
        CheckSpec("auth", t(QT_TRANSLATE_NOOP("Diagnostics", "Authentication")), ("imap", "input"), _check_auth),
        CheckSpec("mailbox", t(QT_TRANSLATE_NOOP("Diagnostics", "Inbox and quota")), ("auth",), _check_mailbox),
        CheckSpec("tcp_smtp", t(QT_TRANSLATE_NOOP("Diagnostics", "SMTP port %1"),
            p.smtp.port), ("dns_smtp",), _tcp("smtp")),
        CheckSpec("tls_smtp", t(QT_TRANSLATE_NOOP("Diagnostics", "SMTP: TLS encryption")), ("tcp_smtp",), _tls("smtp")),
        CheckSpec("smtp", t(QT_TRANSLATE_NOOP("Diagnostics", "SMTP: greeting and capabilities")),
                  ("tls_smtp",), _check_smtp),
        CheckSpec("smtp_auth", t(QT_TRANSLATE_NOOP("Diagnostics", "SMTP: authentication")),
                  ("smtp", "auth"), _check_smtp_auth),
        CheckSpec("smtp_send", t(QT_TRANSLATE_NOOP("Diagnostics", "Test message")), ("smtp_auth",), _check_send),
        CheckSpec("clock", t(QT_TRANSLATE_NOOP("Diagnostics", "Clock")), ("network",), _check_clock),
    ]


def fill(text: str, *values: object) -> str:
    """Put `values` into a translated text's %1, %2… (one pass: a value is never read as a placeholder)."""
    return re.sub(r"%(\d)", lambda m: str(values[int(m.group(1)) - 1]), text)


def _t(run: DiagnosticsRun, text: str, *values: object) -> str:
    """`text` (an English source marked for the "Diagnostics" context) in the run's language, filled."""
    return fill(run.config.translate(CONTEXT, text), *values)


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
        return _check(Status.OK, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "No identifiant entered: only the servers "
                                                                          "will be tested.")))
    result = check_identifiant(raw, form=p.identifiant_form, case=p.identifiant_case,
                               pattern=p.identifiant_pattern, domains=p.domains)
    run.state.identifiant = result.normalised
    hints = [_t(run, _HINT_TEXT[h]) for h in result.hints]
    detail = f"identifiant hints: {', '.join(h.value for h in result.hints) or 'none'}"
    if result.blocking and Hint.ADDRESS_EXPECTED in result.hints:
        return _check(Status.FAIL, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Wrong address: %1."), "; ".join(hints)),
                      detail,
                      _t(run, QT_TRANSLATE_NOOP("Diagnostics", "The national messagerie signs in with the complete "
                                                               "e-mail address (prenom.nom@ac-….fr), not with the "
                                                               "identifiant.")),
                      "input_identifiant")
    if result.blocking:
        remedy = (_t(run, QT_TRANSLATE_NOOP("Diagnostics", "Enter the identifiant, not the e-mail address (perhaps "
                                                           "“%1”; check it)."), result.suggestion)
                  if result.suggestion else
                  _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Enter the identifiant, not the e-mail address.")))
        return _check(Status.FAIL, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Wrong identifiant: %1."),
                                      "; ".join(hints)), detail, remedy, "input_identifiant")
    if cfg.test_auth:
        secret = cfg.secret.reveal() if cfg.secret else ""
        if not secret:
            return _check(Status.FAIL, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "The password is empty.")), detail,
                          _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Enter your password.")), "input_password")
        if cfg.secret_kind == "passcode":
            pin, code = split_passcode(secret.replace(" ", ""))
            problems = passcode_problems(pin, code)
            if problems:
                return _check(Status.FAIL, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "The PassCode is not shaped PIN "
                                                                                    "+ 6-digit code.")),
                              detail + f"; passcode shape: {', '.join(problems)}",
                              _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Enter your PIN followed by the code shown by "
                                                                       "the token.")),
                              "input_password")
        elif secret != secret.strip():
            notes.append(_t(run, QT_TRANSLATE_NOOP("Diagnostics", "the password starts or ends with a space")))
        # The address of an address-login profile is what was typed (not "<it>@<domain>").
        username = p.imap.username_for(result.normalised, AccountIdentity(p, result.normalised).email)
        if p.is_national and cfg.secret_kind != "passcode":
            run.state.secret_shape = secret_shape(secret)
            if run.state.secret_shape is SecretShape.USUAL:
                notes.append(_t(run, QT_TRANSLATE_NOOP(
                    "Diagnostics", "the password entered looks like a usual password (chosen by a person), not "
                    "like an application password generated by the web messagerie")))
        value = secret.replace(" ", "") if cfg.secret_kind == "passcode" else secret
        run.state.credential = Credential(username, "passcode" if cfg.secret_kind == "passcode"
                                          else "password", Secret(value, username=username))
    if run.state.secret_shape is not None:
        detail += f"; secret shape: {run.state.secret_shape.value}"  # the shape only, never the value
    if run.state.secret_shape is SecretShape.USUAL:
        return _check(Status.WARN, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "To check: %1."), "; ".join(hints + notes)),
                      detail,
                      _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Create an application password in the web messagerie "
                                                               "(Préférences → Mots de passe sécurisés → Créer…) and "
                                                               "enter it instead.")), None)
    if hints or notes:
        return _check(Status.WARN, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Input corrected: %1."),
                                      "; ".join(hints + notes)), detail,
                      _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Check that it is really your identifiant.")), None)
    if raw.strip():
        return _check(Status.OK, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Identifiant of the expected form.")), detail)
    return _check(Status.OK, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Input correct.")), detail)


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
        return _check(Status.FAIL, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "No active network connection.")),
                      detail + "\nno default route",
                      _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Check the Wi-Fi or the network cable.")),
                      "network_down")
    if proxies:
        return _check(Status.OK, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Network active; a web proxy is configured "
                                                                          "(mail does not go through it).")), detail)
    return _check(Status.OK, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Network active.")), detail)


def _strip_userinfo(url: str) -> str:
    if "@" in url and "://" in url:
        scheme, _, rest = url.partition("://")
        return f"{scheme}://{log.MASK}@{rest.rpartition('@')[2]}"
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
            return _check(Status.FAIL, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "The DNS server does not answer for "
                                                                                "%1."), host),
                          f"getaddrinfo({host}) did not answer within {timeout:.1f} s",
                          _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Check the network connection.")), "dns_failure")
        except BaseException as exc:
            value = exc
        if isinstance(value, socket.gaierror):
            unreachable = value.errno in (socket.EAI_AGAIN, getattr(socket, "EAI_SYSTEM", -11))
            summary = (_t(run, QT_TRANSLATE_NOOP("Diagnostics", "The DNS server cannot be reached (name %1 cannot be "
                                                                "checked)."), host)
                       if unreachable else _t(run, QT_TRANSLATE_NOOP("Diagnostics", "The name %1 does not exist "
                                                                                    "(NXDOMAIN)."), host))
            return _check(Status.FAIL, summary, f"getaddrinfo({host}): {value}",
                          _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Check the network connection.")) if unreachable
                          else _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Check the académie chosen or the server's "
                                                                        "name.")),
                          "dns_failure")
        if isinstance(value, BaseException):
            return _check(Status.FAIL, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "%1 cannot be resolved."), host),
                          f"{type(value).__name__}: {value}",
                          _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Check the network connection.")), "dns_failure")
        if not value:
            return _check(Status.FAIL, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "The name %1 has no address."), host),
                          f"getaddrinfo({host}): []",
                          _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Check the server's name.")), "dns_failure")
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
            return _check(Status.OK, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Port %1 open on %2."),
                                        server.port, server.hostname), detail)
        working = [r for r in others if r.outcome == "open"]
        alt = (" " + _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Port %1 (%2) answers: the académie's profile may need "
                                                              "an update."),
                        working[0].port, 'TLS' if working[0].security == 'implicit' else 'STARTTLS')
               if working else "")
        if kind == "smtp":
            code = "smtp_blocked"
        else:
            code = {"refused": "connection_refused", "timeout": "connection_timeout",
                    "unreachable": "network_down"}.get(main.outcome, "connection_refused")
        if main.outcome == "refused":
            summary = _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Connection refused on port %1."), server.port)
        elif main.outcome == "timeout":
            summary = _t(run, QT_TRANSLATE_NOOP("Diagnostics", "No answer on port %1 (packets blocked by a "
                                                               "firewall?)."), server.port)
        else:
            summary = _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Port %1 unreachable."), server.port)
        return _check(Status.FAIL, summary + alt, detail,
                      _t(run, QT_TRANSLATE_NOOP("Diagnostics", "The school's network may be filtering this port; try "
                                                               "another network.")),
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
            return _check(Status.WARN, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Version %1 is obsolete."),
                                          talk.tls_version), detail,
                          _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Tell the support desk: the server must offer TLS "
                                                                   "1.2 or later.")),
                          "tls_old_version")
        if cert.not_after and (cert.not_after - datetime.fromtimestamp(run.config.now(), UTC)).days < 14:
            return _check(Status.WARN, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "%1, certificate valid but expiring "
                                                                                "soon (%2)."),
                                          talk.tls_version, f"{cert.not_after:%d/%m/%Y}"),
                          detail, "", None)
        return _check(Status.OK, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "%1, certificate valid for %2."),
                                    talk.tls_version, server.hostname), detail)
    return check


def _tls_failure(run: DiagnosticsRun, kind: str, exc: errors.AcmailError, talk: probes.Conversation,
                 deadline: float) -> Check:
    server = run.server(kind)
    transcript = "\n".join(talk.transcript)
    detail = f"{type(exc).__name__}: {exc}\n\ntranscript:\n{transcript}"
    if isinstance(exc, errors.UnexpectedPreauth):
        return _check(Status.FAIL, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "The server opens a session without "
                                                                            "asking for a password (PREAUTH): "
                                                                            "connection refused, as in AcMail.")),
                      detail,
                      _t(run, QT_TRANSLATE_NOOP("Diagnostics", "An académie's server does not behave like this: send "
                                                               "this report to the support desk.")),
                      "protocol_error")
    if isinstance(exc, errors.StartTlsMissing):
        before = " ".join(talk.before_tls) or "?"
        return _check(Status.FAIL, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "The server does not offer STARTTLS: "
                                                                            "unencrypted connection refused.")),
                      detail + f"\ncapabilities before TLS: {before}",
                      _t(run, QT_TRANSLATE_NOOP("Diagnostics", "The académie's profile must use an encrypted port.")),
                      "starttls_missing")
    if isinstance(exc, errors.ConnectionTimeout):
        what = (_t(run, QT_TRANSLATE_NOOP("Diagnostics", "the TLS negotiation")) if talk.stage == "tls"
                else _t(run, QT_TRANSLATE_NOOP("Diagnostics", "the server's greeting")))
        return _check(Status.FAIL, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "The server accepts the connection but "
                                                                            "does not answer (%1)."), what),
                      detail, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Try again later; a network device may be "
                                                                       "blocking the connection.")),
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
            hint = " " + _t(run, QT_TRANSLATE_NOOP("Diagnostics", "The issuer looks like a TLS inspection device "
                                                                  "(firewall, antivirus): the network decrypts the "
                                                                  "connections."))
        if code == "tls_expired":
            summary = (_t(run, QT_TRANSLATE_NOOP("Diagnostics", "Certificate expired since %1."),
                          f"{cert.not_after:%d/%m/%Y}")
                       if cert and cert.not_after else _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Certificate expired."))
                           )
        elif code == "tls_hostname_mismatch":
            summary = (_t(run, QT_TRANSLATE_NOOP("Diagnostics", "The certificate is not that of %1 (it covers: %2)."),
                          server.hostname, ', '.join(cert.names[:3]))
                       if cert and cert.names else
                       _t(run, QT_TRANSLATE_NOOP("Diagnostics", "The certificate is not that of %1."), server.hostname))
        elif code == "tls_untrusted":
            summary = _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Certificate not recognised (issuer: %1)."),
                cert.issuer if cert and cert.issuer else _t(run, QT_TRANSLATE_NOOP("Diagnostics", "unknown")))
        elif code == "tls_old_version":
            summary = (_t(run, QT_TRANSLATE_NOOP("Diagnostics", "The server accepts only an obsolete TLS version "
                                                                "(%1)."), lenient.tls_version)
                       if lenient and lenient.tls_version else
                       _t(run, QT_TRANSLATE_NOOP("Diagnostics", "The server accepts only an obsolete TLS version.")))
        else:
            summary = _t(run, QT_TRANSLATE_NOOP("Diagnostics", "TLS negotiation failed."))
        return _check(Status.FAIL, summary + hint, detail,
                      _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Do not bypass the warning; send this report to the "
                                                               "support desk.")), code)
    code = exc.code if exc.code in ("connection_refused", "network_down") else "protocol_error"
    if kind == "smtp" and code != "protocol_error":
        code = "smtp_blocked"
    if isinstance(exc, errors.ServerUnavailable):
        code = "server_unavailable"
    return _check(Status.FAIL, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "The server broke off the exchange before "
                                                                        "encryption."))
                  if talk.stage != "done" else _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Exchange interrupted.")),
                  detail,
                  _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Send this report to the support desk.")), code)


# --- 6. IMAP ---------------------------------------------------------------------------------
def _check_imap(run: DiagnosticsRun, _timeout: float) -> Check:
    talk = run.state.conversations["imap"]
    caps = talk.after_tls
    mechanisms = [c[5:] for c in caps if c.startswith("AUTH=")]
    detail = (f"greeting: {talk.greeting}\ncapabilities before TLS: {' '.join(talk.before_tls) or '-'}\n"
              f"capabilities after TLS: {' '.join(caps) or '-'}")
    if "IMAP4REV1" not in caps and "IMAP4REV2" not in caps:
        return _check(Status.FAIL, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "The server does not present itself as "
                                                                            "an IMAP server.")), detail,
                      _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Check the académie's profile.")), "protocol_error")
    if "LOGINDISABLED" in caps:
        return _check(Status.FAIL, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "The server refuses every password "
                                                                            "sign-in (LOGINDISABLED).")),
                      detail, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Send this report to the support desk.")),
                      "server_unavailable")
    summary = _t(run, QT_TRANSLATE_NOOP("Diagnostics", "IMAP server ready; authentication: %1."),
        ', '.join(mechanisms) or 'LOGIN')
    if talk.before_tls and talk.before_tls != caps:
        summary += " " + _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Capabilities updated after STARTTLS."))
    return _check(Status.OK, summary, detail)


# --- 7. authentication -----------------------------------------------------------------------
_AUTH_SUMMARY = {
    "auth_failed": QT_TRANSLATE_NOOP("Diagnostics", "Identifiant or password refused."),
    "account_locked": QT_TRANSLATE_NOOP("Diagnostics", "Account locked."),
    "password_expired": QT_TRANSLATE_NOOP("Diagnostics", "Password expired."),
    "otp_rejected": QT_TRANSLATE_NOOP("Diagnostics", "PassCode refused (wrong, expired or already used)."),
    "too_many_connections": QT_TRANSLATE_NOOP("Diagnostics", "Too many connections open for this account."),
    "server_unavailable": QT_TRANSLATE_NOOP("Diagnostics", "Authentication service unavailable."),
    "starttls_missing": QT_TRANSLATE_NOOP("Diagnostics", "The server requires an encrypted channel."),
    "credential_charset": QT_TRANSLATE_NOOP("Diagnostics", "The server cannot receive a password with accents or "
                                                           "symbols."),
    "app_password_required": QT_TRANSLATE_NOOP("Diagnostics", "Address or application password refused (the "
                                               "usual password does not work in a mail program)."),
}


def _check_auth(run: DiagnosticsRun, timeout: float) -> Check:
    cfg = run.config
    if not cfg.test_auth or run.state.credential is None:
        return _check(Status.SKIPPED, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Not tested (no password given or "
                                                                               "test not asked for).")))
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
        alert = " " + _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Message from the server: “%1”"),
            exc.alert) if exc.alert else ""
        summary = (_t(run, _AUTH_SUMMARY[code]) if code in _AUTH_SUMMARY
                   else _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Authentication refused.")))
        return _check(Status.FAIL, summary + alert,
                      f"LOGIN {run.state.credential.username} {log.MASK} -> NO {exc.server_text or ''}\n"
                      f"classified as {exc.code}" + (f"\n[ALERT] {exc.alert}" if exc.alert else ""),
                      _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Only one attempt was made; do not retry over and "
                                                               "over.")), code)
    except errors.AcmailError as exc:
        with run._lock:
            run.state.session = None
        return _check(Status.FAIL, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "The connection failed before "
                                                                            "authentication.")),
                      f"{type(exc).__name__}: {exc}", "", exc.code)
    return _check(Status.OK, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Authentication accepted (%1)."),
                                run.state.credential.kind),
                  f"LOGIN {run.state.credential.username} {log.MASK} -> OK")


# --- 8. mailbox ------------------------------------------------------------------------------
def _check_mailbox(run: DiagnosticsRun, timeout: float) -> Check:
    session = run.state.session
    if session is None:
        return _check(Status.SKIPPED, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Not tested (no session).")))
    status = session.select("INBOX", readonly=True)
    detail = f"SELECT INBOX (read-only): {status.exists} messages, UIDVALIDITY {status.uidvalidity}"
    if not session.has("QUOTA"):
        return _check(Status.OK, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Inbox accessible (%1 messages); quota not "
                                                                          "announced by the server."), status.exists),
                      detail)
    try:
        quotas = session.quota_root("INBOX")
    except Exception as exc:
        return _check(Status.WARN, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Mailbox accessible, but the quota could "
                                                                            "not be read.")),
                      detail + f"\nGETQUOTAROOT INBOX: {type(exc).__name__}", "", None)
    storage = [q for q in quotas if str(q.resource).upper() == "STORAGE" and q.limit]
    lines = [f"QUOTA {q.quota_root} {q.resource} {q.usage}/{q.limit}" for q in quotas]
    detail += "\n" + "\n".join(lines)
    if not storage:
        return _check(Status.OK, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Inbox accessible (%1 messages)."),
                                    status.exists), detail)
    q = storage[0]
    ratio = int(q.usage) / int(q.limit)
    text = _t(run, QT_TRANSLATE_NOOP("Diagnostics", "%1 used of %2 (%3 %)"),
        _size(run, int(q.usage)), _size(run, int(q.limit)), round(ratio * 100))
    if ratio >= 1:
        return _check(Status.FAIL, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Mailbox full: %1."), text), detail,
                      _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Delete large messages and empty the trash.")),
                      "quota_exceeded")
    if ratio >= QUOTA_WARN:
        return _check(Status.WARN, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Mailbox almost full: %1."), text), detail,
                      _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Make room before it refuses messages.")),
                      "quota_exceeded")
    return _check(Status.OK, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Inbox accessible; %1."), text), detail)


def _size(run: DiagnosticsRun, kib: int) -> str:
    """A size from KiB (QUOTA STORAGE units), its unit translated; a decimal comma, as French writes it
    (the only language the app ships)."""
    if kib < 1024:
        return _t(run, QT_TRANSLATE_NOOP("Diagnostics", "%1 KB"), kib)
    if kib < 1024 * 1024:
        return _t(run, QT_TRANSLATE_NOOP("Diagnostics", "%1 MB"), f"{kib / 1024:.1f}".replace(".", ","))
    return _t(run, QT_TRANSLATE_NOOP("Diagnostics", "%1 GB"), f"{kib / 1024 / 1024:.2f}".replace(".", ","))


# --- 9. SMTP ---------------------------------------------------------------------------------
def _check_smtp(run: DiagnosticsRun, _timeout: float) -> Check:
    talk = run.state.conversations["smtp"]
    features = talk.after_tls
    auth = next((f.split()[1:] for f in features if f.split()[:1] == ["AUTH"]), [])
    size = next((f.split()[1] for f in features if f.split()[:1] == ["SIZE"] and len(f.split()) > 1), "")
    detail = (f"greeting: {talk.greeting}\nEHLO before TLS: {' | '.join(talk.before_tls) or '-'}\n"
              f"EHLO after TLS: {' | '.join(features) or '-'}")
    if not auth:
        return _check(Status.FAIL, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "The sending server offers no "
                                                                            "authentication.")), detail,
                      _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Send this report to the support desk.")),
                      "smtp_blocked")
    if size.isdigit() and int(size):
        return _check(Status.OK, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Sending server ready; authentication: %1, "
                                                                          "maximum size %2."),
                                    ', '.join(auth), _size(run, int(size) // 1024)),
                      detail)
    return _check(Status.OK, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Sending server ready; authentication: %1."),
                                ', '.join(auth)), detail)


def _check_smtp_auth(run: DiagnosticsRun, timeout: float) -> Check:
    account = run.state.account
    if account is None or run.state.credential is None:
        return _check(Status.SKIPPED, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Not tested.")))
    if run.state.credential.single_use:
        return _check(Status.SKIPPED, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Not tested: the PassCode works only "
                                                                               "once and was used for IMAP.")))
    account.timeout = timeout
    try:
        submission = account.open_smtp()
    except errors.CredentialCharsetUnsupported as exc:
        return _check(Status.FAIL, _t(run, _AUTH_SUMMARY["credential_charset"]), f"AUTH -> {exc}", "",
                      "credential_charset")
    except errors.SmtpAuthFailed as exc:
        return _check(Status.FAIL, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "The sending server refuses the "
                                                                            "credentials.")),
                      f"AUTH -> {exc.server_text or exc}", "",
                      "app_password_required" if run.provider.is_national else "smtp_auth_failed")
    except errors.AcmailError as exc:
        return _check(Status.FAIL, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Cannot connect to the sending server.")),
                      f"{type(exc).__name__}: {exc}",
                      "", "smtp_blocked")
    run.state.__dict__["submission"] = submission
    return _check(Status.OK, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Sending authentication accepted.")),
                  "AUTH -> 235")


def _check_send(run: DiagnosticsRun, _timeout: float) -> Check:
    submission = run.state.__dict__.pop("submission", None)
    try:
        if not run.config.send_test or submission is None:
            return _check(Status.SKIPPED, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Not asked for.")))
        account = run.state.account
        assert account is not None
        message = EmailMessage()
        message["From"] = message["To"] = account.email
        message["Subject"] = _t(run, QT_TRANSLATE_NOOP("Diagnostics", "AcMail: diagnostics test message"))
        message.set_content(_t(run, QT_TRANSLATE_NOOP("Diagnostics", "This message was sent by the AcMail "
                                                                     "diagnostics. You can delete it.")) + "\n")
        try:
            submission.send(message.as_bytes(), account.email, [account.email])
        except errors.SmtpError as exc:
            return _check(Status.FAIL, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "The test message was refused.")),
                          f"{exc}: {exc.server_text or ''}",
                          _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Send this report to the support desk.")),
                          "smtp_blocked")
        return _check(Status.OK, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Test message sent to %1."),
                                    account.email), "MAIL/RCPT/DATA -> 250")
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
    return _check(Status.SKIPPED, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Server time not available: clock not "
                                                                           "compared.")),
                  "no server time source answered\n" + "\n".join(sources))


def _skew(run: DiagnosticsRun, server_ts: float, source: str, detail: str,
          *, local_time: float | None = None, uncertainty: float = 1.0) -> Check:
    local = run.config.now() if local_time is None else local_time
    skew = local - server_ts
    detail = (f"{detail}\nsource: {source}\nlocal clock: {datetime.fromtimestamp(local, UTC).isoformat()}\n"
              f"skew: {skew:+.1f} s (±{uncertainty:.1f} s)")
    if abs(skew) > CLOCK_LIMIT + uncertainty:
        summary = (_t(run, QT_TRANSLATE_NOOP("Diagnostics", "The computer's clock is %1 s ahead of the server's."),
                      f"{abs(skew):.0f}") if skew > 0
                   else _t(run, QT_TRANSLATE_NOOP("Diagnostics", "The computer's clock is %1 s behind the server's."),
                       f"{abs(skew):.0f}"))
        return _check(Status.FAIL, summary, detail,
                      _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Turn on the automatic setting of the date and time.")),
                      "clock_skew")
    return _check(Status.OK, _t(run, QT_TRANSLATE_NOOP("Diagnostics", "Clock on time (off by %1 s)."),
                                f"{abs(skew):.0f}"), detail)
