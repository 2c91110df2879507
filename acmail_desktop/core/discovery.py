"""Finding IMAP/SMTP settings for an address whose domain has no académie profile.

Thunderbird's order where it applies, minus anything that would leak the address to a third party
(no ISPDB) or lower security:

1. the domain's own autoconfig documents, over HTTPS only;
2. RFC 6186 SRV records (``_imaps``/``_imap``, ``_submissions``/``_submission``) via dnspython;
3. guessing ``imap.``/``mail.`` and ``smtp.``/``mail.`` hosts by connecting: a verified TLS
   handshake for implicit TLS, greeting + STARTTLS + handshake for 143/587. Plain is never offered.

Every step is bounded in time and recorded in `DiscoveryResult.steps` so the UI can show how the
settings were found (or why they were not). The network edges (URL fetch, DNS resolver, the address
actually connected to, the TLS context) are injectable so tests run against 127.0.0.1 only.
"""

from __future__ import annotations

import re
import socket
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import dns.exception
import dns.resolver

from acmail_desktop.core.bounded_run import run_bounded
from acmail_desktop.core.errors import DiscoveryFailed, ProviderFileError
from acmail_desktop.core.providers import Provider, Security, ServerSettings, parse_provider_bytes
from acmail_desktop.core.tls import make_ssl_context

Method = Literal["autoconfig", "srv", "guess"]
Outcome = Literal["found", "not_found", "refused", "timeout", "failed", "skipped"]
HttpGet = Callable[[str, float], bytes]
ConnectHost = Callable[[str, int], tuple[str, int]]

MAX_AUTOCONFIG_BYTES = 256 * 1024
_EMAIL_RE = re.compile(r"^[^@\s]+@([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)$")


@dataclass(frozen=True)
class DiscoveryStep:
    """One attempt: what was tried (`target`), how it ended, and English technical detail."""

    method: Method
    target: str
    outcome: Outcome
    detail: str = ""
    elapsed: float = 0.0


@dataclass
class DiscoveryResult:
    """The settings found (None if nothing worked) and every step taken, in order."""

    provider: Provider | None
    method: Method
    steps: list[DiscoveryStep] = field(default_factory=list)

    def raise_if_empty(self) -> Provider:
        """The provider, or DiscoveryFailed summarising the steps for the log."""
        if self.provider is None:
            tried = "; ".join(f"{s.method} {s.target}: {s.outcome}" for s in self.steps) or "nothing tried"
            raise DiscoveryFailed(f"no settings found ({tried})")
        return self.provider


class _HttpsOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to https: an autoconfig must never be fetched in clear."""

    def __init__(self, allow_http: bool):
        super().__init__()
        self.allow_http = allow_http

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        scheme = urllib.parse.urlsplit(newurl).scheme.lower()
        if scheme != "https" and not (self.allow_http and scheme == "http"):
            raise urllib.error.URLError(f"refused redirect to non-https URL {newurl}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_url(
    url: str, timeout: float, *, ssl_context: ssl.SSLContext | None = None, allow_http: bool = False
) -> bytes:
    """GET `url` (https only unless `allow_http`, which exists for tests), at most 256 KiB."""
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme != "https" and not (allow_http and scheme == "http"):
        raise ValueError(f"refusing to fetch non-https URL {url}")
    context = ssl_context or make_ssl_context()
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context), _HttpsOnlyRedirects(allow_http))
    request = urllib.request.Request(url, headers={"User-Agent": "AcMail autoconfig", "Accept": "text/xml"})
    with opener.open(request, timeout=timeout) as response:
        data: bytes = response.read(MAX_AUTOCONFIG_BYTES + 1)
    if len(data) > MAX_AUTOCONFIG_BYTES:
        raise ValueError("autoconfig document too large")
    return data


def autoconfig_urls(email: str, domain: str) -> list[str]:
    """The domain's own autoconfig locations, in Thunderbird's order (HTTPS variants only)."""
    quoted = urllib.parse.quote(email, safe="@")
    return [
        f"https://autoconfig.{domain}/mail/config-v1.1.xml?emailaddress={quoted}",
        f"https://{domain}/.well-known/autoconfig/mail/config-v1.1.xml",
    ]


# --- the three methods -----------------------------------------------------------------------
class _Run:
    """One discovery: the shared deadline, the injected edges and the step log."""

    def __init__(
        self,
        email: str,
        domain: str,
        http_get: HttpGet | None,
        resolver: dns.resolver.Resolver | None,
        connect_host: ConnectHost | None,
        ssl_context: ssl.SSLContext | None,
        timeout: float,
        total_timeout: float,
        keep_imap: ServerSettings | None = None,
    ):
        self.keep_imap = keep_imap  # given: only the sending server is looked for
        self.email = email
        self.domain = domain
        self.ssl_context = ssl_context or make_ssl_context()
        self.http_get: HttpGet = http_get or (lambda url, t: fetch_url(url, t, ssl_context=self.ssl_context))
        self.resolver = resolver
        self.connect_host: ConnectHost = connect_host or (lambda host, port: (host, port))
        self.timeout = timeout
        self.deadline = time.monotonic() + total_timeout
        self.steps: list[DiscoveryStep] = []

    def budget(self) -> float:
        """Time for the next step: the per-step timeout, cut to what is left overall."""
        return max(0.0, min(self.timeout, self.deadline - time.monotonic()))

    def log(self, method: Method, target: str, outcome: Outcome, detail: str, started: float) -> None:
        self.steps.append(DiscoveryStep(method, target, outcome, detail, round(time.monotonic() - started, 3)))

    # 1. autoconfig
    def autoconfig(self) -> Provider | None:
        for url in autoconfig_urls(self.email, self.domain):
            started = time.monotonic()
            budget = self.budget()
            if budget <= 0:
                self.log("autoconfig", url, "skipped", "overall time limit reached", started)
                return None
            try:
                data = run_bounded(lambda u=url, b=budget: self.http_get(u, b),  # type: ignore[misc]
                                   budget, name="acmail-discovery")
            except TimeoutError as exc:
                self.log("autoconfig", url, "timeout", str(exc), started)
                continue
            except Exception as exc:  # any fetch failure just means "not here"
                self.log("autoconfig", url, "not_found", _describe(exc), started)
                continue
            try:
                provider = parse_provider_bytes(
                    data, Path(f"<autoconfig:{self.domain}>"), strict=False, email_domain=self.domain
                )
            except ProviderFileError as exc:
                outcome: Outcome = "refused" if "plain" in exc.detail else "failed"
                where = f" (line {exc.line})" if exc.line else ""
                self.log("autoconfig", url, outcome, f"unusable document{where}: {exc.detail}", started)
                continue
            if self.keep_imap is not None:
                provider = _discovered(self.domain, self.keep_imap, provider.smtp, "autoconfig",
                                       guessed=frozenset(provider.unverified), keep_imap=True)
            self.log("autoconfig", url, "found", _summary(provider), started)
            return provider
        return None

    # 2. SRV
    def srv(self) -> Provider | None:
        started = time.monotonic()
        try:
            resolver = self.resolver or dns.resolver.Resolver()
        except Exception as exc:
            self.log("srv", self.domain, "failed", f"no DNS resolver: {_describe(exc)}", started)
            return None
        imap = self.keep_imap or self._srv_pair(resolver, [("_imaps._tcp", "implicit"), ("_imap._tcp", "starttls")])
        smtp = self._srv_pair(resolver, [("_submissions._tcp", "implicit"), ("_submission._tcp", "starttls")])
        if imap is None or smtp is None:
            return None
        return _discovered(self.domain, imap, smtp, "srv", keep_imap=self.keep_imap is not None)

    def _srv_pair(self, resolver: dns.resolver.Resolver, services: list[tuple[str, Security]]) -> ServerSettings | None:
        """The first service (in preference order) whose SRV record names a real target."""
        for label, security in services:
            name = f"{label}.{self.domain}"
            started = time.monotonic()
            budget = self.budget()
            if budget <= 0:
                self.log("srv", name, "skipped", "overall time limit reached", started)
                return None
            try:
                answer = resolver.resolve(name, "SRV", lifetime=budget, search=False)
            except dns.resolver.NXDOMAIN:
                self.log("srv", name, "not_found", "no such name", started)
                continue
            except dns.resolver.NoAnswer:
                self.log("srv", name, "not_found", "no SRV record", started)
                continue
            except dns.exception.Timeout:
                self.log("srv", name, "timeout", f"no DNS answer within {budget:.1f} s", started)
                continue
            except Exception as exc:
                self.log("srv", name, "failed", _describe(exc), started)
                continue
            records = sorted(answer, key=lambda r: (r.priority, -r.weight))
            best = records[0]
            target = best.target.to_text(omit_final_dot=True)
            if target in ("", ".") or best.port == 0:
                self.log("srv", name, "not_found", "service explicitly not offered (target '.')", started)
                continue
            self.log("srv", name, "found", f"{target}:{best.port} ({security})", started)
            return ServerSettings(target.lower(), int(best.port), security, "%EMAILADDRESS%", "password-cleartext")
        return None

    # 3. guess
    def guess(self) -> Provider | None:
        d = self.domain
        imap_candidates: list[tuple[str, int, Security]] = [
            (f"imap.{d}", 993, "implicit"),
            (f"mail.{d}", 993, "implicit"),
            (f"imap.{d}", 143, "starttls"),
            (f"mail.{d}", 143, "starttls"),
        ]
        smtp_candidates: list[tuple[str, int, Security]] = [
            (f"smtp.{d}", 465, "implicit"),
            (f"mail.{d}", 465, "implicit"),
            (f"smtp.{d}", 587, "starttls"),
            (f"mail.{d}", 587, "starttls"),
        ]
        budget = self.budget()
        probes = [("smtp", c) for c in smtp_candidates]
        if self.keep_imap is None:
            probes = [("imap", c) for c in imap_candidates] + probes
        if budget <= 0:
            for proto, (host, port, security) in probes:
                self.log("guess", f"{proto} {host}:{port} ({security})", "skipped", "overall time limit", 0)
            return None
        results: dict[int, tuple[Outcome, str, float]] = {}
        lock = threading.Lock()
        deadline = time.monotonic() + budget

        def work(index: int, proto: str, host: str, port: int, security: Security) -> None:
            started = time.monotonic()
            outcome, detail = _probe(proto, host, port, security, self.connect_host, self.ssl_context, deadline)
            with lock:
                results[index] = (outcome, detail, time.monotonic() - started)

        threads = [
            threading.Thread(target=work, args=(i, proto, *cand), daemon=True, name="acmail-guess")
            for i, (proto, cand) in enumerate(probes)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()) + 0.2)
        found: dict[str, ServerSettings] = {}
        with lock:
            for index, (proto, (host, port, security)) in enumerate(probes):
                outcome, detail, elapsed = results.get(index, ("timeout", "no answer in time", budget))
                target = f"{proto} {host}:{port} ({security})"
                self.steps.append(DiscoveryStep("guess", target, outcome, detail, round(elapsed, 3)))
                if outcome == "found" and proto not in found:
                    found[proto] = ServerSettings(host, port, security, "%EMAILADDRESS%", "password-cleartext")
        if self.keep_imap is not None and "smtp" in found:
            return _discovered(d, self.keep_imap, found["smtp"], "guess", keep_imap=True)
        if "imap" not in found or "smtp" not in found:
            return None
        return _discovered(d, found["imap"], found["smtp"], "guess")


def _discovered(domain: str, imap: ServerSettings, smtp: ServerSettings, method: Method, *,
                guessed: frozenset[str] = frozenset({"imap.username_template", "smtp.username_template",
                                                     "imap.authentication", "smtp.authentication"}),
                keep_imap: bool = False) -> Provider:
    """A Provider for settings found in DNS or by probing: the login form is a guess. With
    `keep_imap` the IMAP server is the caller's own (only the sending server was looked for)."""
    if not keep_imap:
        imap = ServerSettings(imap.hostname, imap.port, imap.security, imap.username_template,
                              imap.authentication, False)
    smtp = ServerSettings(smtp.hostname, smtp.port, smtp.security, smtp.username_template, smtp.authentication, False)
    ident = re.sub(r"[^a-z0-9]+", "-", domain.lower()).strip("-") or "discovered"
    return Provider(
        id=ident,
        display_name=domain,
        short_name=domain,
        domains=(domain,),
        imap=imap,
        smtp=smtp,
        identifiant_form="email",
        identifiant_case="preserve",
        identifiant_pattern=None,
        otp_kind="none",
        password_reset_url=None,
        password_change_url=None,
        webmail_url=None,
        webmail_name=None,
        support_name=None,
        support_phone=None,
        support_url=None,
        quota_hint_mb=None,
        sent_copy_by_server=False,
        is_default=False,
        unverified=frozenset(guessed),
        source=Path(f"<{method}:{domain}>"),
        emailprovider_id=domain,
    )


# --- probing a server --------------------------------------------------------------------------
class _ProbeError(Exception):
    def __init__(self, outcome: Outcome, detail: str):
        super().__init__(detail)
        self.outcome = outcome
        self.detail = detail


class _Lines:
    """Line reader over a (TLS) socket that honours the probe's deadline and caps line length."""

    def __init__(self, sock: socket.socket, deadline: float):
        self.sock = sock
        self.deadline = deadline
        self.buffer = b""

    def readline(self) -> str:
        while b"\n" not in self.buffer:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no answer in time")
            self.sock.settimeout(left)
            chunk = self.sock.recv(4096)
            if not chunk:
                raise _ProbeError("failed", "connection closed by the server")
            self.buffer += chunk
            if len(self.buffer) > 16384:
                raise _ProbeError("failed", "overlong line from the server")
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line.rstrip(b"\r").decode("ascii", "replace")

    def send(self, text: str) -> None:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("no time left")
        self.sock.settimeout(left)
        self.sock.sendall(text.encode("ascii"))


def _probe(
    proto: str,
    host: str,
    port: int,
    security: Security,
    connect_host: ConnectHost,
    context: ssl.SSLContext,
    deadline: float,
) -> tuple[Outcome, str]:
    """Connect and check the server speaks `proto` over verified TLS; never continues in clear."""
    try:
        address, real_port = connect_host(host, port)
        left = deadline - time.monotonic()
        if left <= 0:
            return "skipped", "overall time limit reached"
        with socket.create_connection((address, real_port), timeout=left) as raw:
            if security == "implicit":
                raw.settimeout(max(0.01, deadline - time.monotonic()))
                with context.wrap_socket(raw, server_hostname=host) as tls:
                    greeting = _Lines(tls, deadline).readline()
                    _check_greeting(proto, greeting)
                    return "found", f"TLS {tls.version()}; greeting {greeting[:60]!r}"
            lines = _Lines(raw, deadline)
            greeting = lines.readline()
            _check_greeting(proto, greeting)
            if proto == "imap":
                _imap_starttls(lines, greeting)
            else:
                _smtp_starttls(lines)
            raw.settimeout(max(0.01, deadline - time.monotonic()))
            with context.wrap_socket(raw, server_hostname=host) as tls:
                return "found", f"STARTTLS then TLS {tls.version()}"
    except _ProbeError as exc:
        return exc.outcome, exc.detail
    except ssl.SSLCertVerificationError as exc:
        return "failed", f"certificate not accepted: {exc.verify_message or exc.reason}"
    except ssl.SSLError as exc:
        return "failed", f"TLS failed: {exc.reason or exc}"
    except TimeoutError:
        return "timeout", "no answer in time"
    except ConnectionRefusedError:
        return "refused", "connection refused"
    except (OSError, ValueError, UnicodeError) as exc:
        return "failed", _describe(exc)


def _check_greeting(proto: str, greeting: str) -> None:
    if proto == "imap" and not re.match(r"^\* (OK|PREAUTH)\b", greeting, re.IGNORECASE):
        raise _ProbeError("failed", f"not an IMAP greeting: {greeting[:60]!r}")
    if proto == "smtp" and not greeting.startswith("220"):
        raise _ProbeError("failed", f"not an SMTP greeting: {greeting[:60]!r}")


def _imap_starttls(lines: _Lines, greeting: str) -> None:
    caps = greeting.upper()
    lines.send("a1 CAPABILITY\r\n")
    while True:
        line = lines.readline()
        if line.lower().startswith("a1 "):
            if not line[3:].upper().startswith("OK"):
                raise _ProbeError("failed", f"CAPABILITY refused: {line[:60]!r}")
            break
        caps += " " + line.upper()
    if "STARTTLS" not in caps.split():
        raise _ProbeError("refused", "server does not offer STARTTLS (plain is never used)")
    lines.send("a2 STARTTLS\r\n")
    while True:
        line = lines.readline()
        if line.lower().startswith("a2 "):
            if not line[3:].upper().startswith("OK"):
                raise _ProbeError("refused", f"STARTTLS refused: {line[:60]!r}")
            return


def _smtp_starttls(lines: _Lines) -> None:
    lines.send("EHLO acmail.invalid\r\n")
    keywords: list[str] = []
    while True:
        line = lines.readline()
        if not line.startswith("250"):
            raise _ProbeError("failed", f"EHLO refused: {line[:60]!r}")
        keywords.append(line[4:].split(" ")[0].upper())
        if line[3:4] != "-":
            break
    if "STARTTLS" not in keywords:
        raise _ProbeError("refused", "server does not offer STARTTLS (plain is never used)")
    lines.send("STARTTLS\r\n")
    line = lines.readline()
    if not line.startswith("220"):
        raise _ProbeError("refused", f"STARTTLS refused: {line[:60]!r}")


def _describe(exc: BaseException) -> str:
    text = str(exc) or exc.__class__.__name__
    return f"{exc.__class__.__name__}: {text}"[:200]


def _summary(provider: Provider) -> str:
    i, s = provider.imap, provider.smtp
    return f"IMAP {i.hostname}:{i.port} ({i.security}), SMTP {s.hostname}:{s.port} ({s.security})"


# --- entry point -----------------------------------------------------------------------------
def discover(
    email: str,
    *,
    http_get: HttpGet | None = None,
    resolver: dns.resolver.Resolver | None = None,
    connect_host: ConnectHost | None = None,
    ssl_context: ssl.SSLContext | None = None,
    timeout: float = 3.0,
    total_timeout: float = 20.0,
    methods: Sequence[Method] = ("autoconfig", "srv", "guess"),
    keep_imap: ServerSettings | None = None,
    guess: bool = True,
) -> DiscoveryResult:
    """Find settings for `email`; `provider` is None when every method failed (see `steps`).

    `timeout` bounds each step, `total_timeout` the whole run. `http_get(url, timeout) -> bytes`,
    `resolver` (a dnspython Resolver) and `connect_host(host, port) -> (address, port)` replace the
    network edges; `ssl_context` decides which certificates are trusted (default: the system's).
    With `keep_imap` (a profile that knows its IMAP server but only guesses its SMTP one) only the
    sending server is looked for: no IMAP SRV lookup, no IMAP probe; the result's imap is `keep_imap`.
    `guess=False` leaves out the probing of usual names (the UI asks the user's consent first).
    """
    if not guess:
        methods = [m for m in methods if m != "guess"]
    match = _EMAIL_RE.match(email.strip())
    if not match:
        raise DiscoveryFailed(f"not an email address: {email!r}")
    domain = match.group(1).lower()
    run = _Run(email.strip(), domain, http_get, resolver, connect_host, ssl_context, timeout, total_timeout,
               keep_imap)
    last: Method = methods[0] if methods else "autoconfig"
    for method in methods:
        last = method
        provider = {"autoconfig": run.autoconfig, "srv": run.srv, "guess": run.guess}[method]()
        if provider is not None:
            return DiscoveryResult(provider, method, run.steps)
    return DiscoveryResult(None, last, run.steps)
