"""Low-level probes: name resolution, TCP, and a recorded IMAP/SMTP conversation up to TLS.

Why raw sockets rather than the IMAP/SMTP adapters: the help desk needs to see the greeting and the
capabilities *before* STARTTLS, the certificate even when it is refused, and a transcript of what was
sent and received. No credential is ever sent here: authentication goes through core.account.
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime

from acmail_desktop.core import errors
from acmail_desktop.core.imap.auth import check_greeting, check_starttls_offered
from acmail_desktop.core.net import translate_network_error

Resolver = Callable[[str], list[str]]
_INSPECTION = re.compile(
    r"(?i)fortinet|fortigate|stormshield|netasq|sophos|zscaler|palo ?alto|blue ?coat|symantec web|"
    r"cisco umbrella|websense|forcepoint|olfeo|ucopia|untangle|kaspersky|bitdefender|avast|eset|"
    r"mcafee web|barracuda|checkpoint|check point|watchguard|squid|mitm|inspection|ssl proxy|proxy ca")


def system_resolver(host: str) -> list[str]:
    """getaddrinfo, IPv4 first; raises socket.gaierror (EAI_NONAME = not found, EAI_AGAIN = resolver)."""
    infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    seen: list[str] = []
    for family in (socket.AF_INET, socket.AF_INET6):
        for info in infos:
            address = str(info[4][0])
            if info[0] == family and address not in seen:
                seen.append(address)
    return seen


@dataclass
class TcpResult:
    port: int
    security: str
    outcome: str  # "open" | "refused" | "timeout" | "unreachable" | "error"
    seconds: float
    error: errors.AcmailError | None = None


def tcp_probe(address: str, port: int, security: str, timeout: float,
              cancel: threading.Event | None = None) -> TcpResult:
    """Connect in 0.1 s slices so that a cancel does not wait for a dropped SYN's full timeout."""
    import errno
    import select

    started = time.monotonic()
    deadline = started + max(timeout, 0.05)
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setblocking(False)
        code = sock.connect_ex((address, port))
        while code in (errno.EINPROGRESS, errno.EWOULDBLOCK, errno.EALREADY):
            left = deadline - time.monotonic()
            if left <= 0 or (cancel is not None and cancel.is_set()):
                timed_out = errors.ConnectionTimeout(f"{address}:{port}: timed out")
                return TcpResult(port, security, "timeout", time.monotonic() - started, timed_out)
            _r, writable, _x = select.select([], [sock], [], min(left, 0.1))
            if writable:
                code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                break
        if code == 0:
            return TcpResult(port, security, "open", time.monotonic() - started)
        error = translate_network_error(OSError(code, os.strerror(code)) if code != errno.ECONNREFUSED
                                        else ConnectionRefusedError(code, os.strerror(code)),
                                        f"{address}:{port}")
        outcome = {"connection_refused": "refused", "connection_timeout": "timeout",
                   "network_down": "unreachable"}.get(error.code, "error")
        return TcpResult(port, security, outcome, time.monotonic() - started, error)


def tcp_probe_many(address: str, ports: list[tuple[int, str]], timeout: float,
                   cancel: threading.Event | None = None) -> list[TcpResult]:
    """All ports at once, so a firewall that drops every port costs one timeout, not one per port."""
    results: list[TcpResult | None] = [None] * len(ports)

    def one(i: int, port: int, security: str) -> None:
        results[i] = tcp_probe(address, port, security, timeout, cancel)

    threads = [threading.Thread(target=one, args=(i, p, s), daemon=True) for i, (p, s) in enumerate(ports)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout + 1.0)
    return [r or TcpResult(p, s, "timeout", timeout) for r, (p, s) in zip(results, ports, strict=True)]


# --- certificates ---------------------------------------------------------------------------
@dataclass
class CertInfo:
    subject: str = ""
    issuer: str = ""
    not_before: datetime | None = None
    not_after: datetime | None = None
    names: tuple[str, ...] = ()
    sha256: str = ""
    self_signed: bool = False

    @property
    def inspection_hint(self) -> bool:
        """The issuer looks like a firewall or antivirus that decrypts TLS (a school's proxy)."""
        return bool(_INSPECTION.search(self.issuer) or _INSPECTION.search(self.subject))

    def describe(self) -> str:
        def day(value: datetime | None) -> str:
            return value.strftime("%Y-%m-%d %H:%M UTC") if value else "?"

        fingerprint = ":".join(self.sha256[i:i + 2] for i in range(0, len(self.sha256), 2)).upper()
        return (f"certificate subject: {self.subject or '?'}\n"
                f"certificate issuer: {self.issuer or '?'}{' (self-signed)' if self.self_signed else ''}\n"
                f"valid from {day(self.not_before)} to {day(self.not_after)}\n"
                f"names: {', '.join(self.names) or '?'}\n"
                f"SHA-256 fingerprint: {fingerprint or '?'}")


def cert_info(der: bytes | None, parsed: dict[str, object] | None = None) -> CertInfo:
    """Certificate facts from the DER bytes (cryptography when available) or ssl's parsed dict."""
    if not der:
        return CertInfo()
    info = CertInfo(sha256=hashlib.sha256(der).hexdigest())
    try:
        from cryptography import x509  # optional: only richer detail depends on it
    except ImportError:  # pragma: no cover - the fallback below still gives names and dates
        x509 = None  # type: ignore[assignment]
    if x509 is not None:
        try:
            cert = x509.load_der_x509_certificate(der)
            info.subject = cert.subject.rfc4514_string()
            info.issuer = cert.issuer.rfc4514_string()
            info.not_before = cert.not_valid_before_utc
            info.not_after = cert.not_valid_after_utc
            info.self_signed = cert.subject == cert.issuer
            try:
                san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
                info.names = tuple(str(v) for v in san.get_values_for_type(x509.DNSName)) + tuple(
                    str(v) for v in san.get_values_for_type(x509.IPAddress))
            except x509.ExtensionNotFound:
                pass
            return info
        except ValueError:
            pass
    if parsed:
        def flat(rdns: object) -> str:
            return ", ".join(f"{k}={v}" for rdn in rdns or () for k, v in rdn)  # type: ignore[attr-defined]

        info.subject, info.issuer = flat(parsed.get("subject")), flat(parsed.get("issuer"))
        for key, attr in (("notBefore", "not_before"), ("notAfter", "not_after")):
            if parsed.get(key):
                setattr(info, attr, datetime.fromtimestamp(ssl.cert_time_to_seconds(str(parsed[key])), UTC))
        alt_names = parsed.get("subjectAltName") or ()
        info.names = tuple(str(v) for _k, v in alt_names)  # type: ignore[attr-defined]
    return info


def lenient_context() -> ssl.SSLContext:
    """Only to *look at* a refused certificate or an old protocol; never used to send anything."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        context.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED
        context.set_ciphers("DEFAULT:@SECLEVEL=0")
    except (ValueError, ssl.SSLError):
        pass
    return context


# --- recorded conversations -----------------------------------------------------------------
@dataclass
class Conversation:
    """What one probe saw: greeting, capabilities before and after TLS, the TLS facts, a transcript."""

    protocol: str
    greeting: str = ""
    before_tls: list[str] = field(default_factory=list)
    after_tls: list[str] = field(default_factory=list)
    tls_version: str = ""
    cipher: str = ""
    cert: CertInfo | None = None
    transcript: list[str] = field(default_factory=list)
    stage: str = "connect"  # where it stopped: connect, tls, greeting, capability, starttls, done
    tls_seconds: float = 0.0

    def log(self, direction: str, line: str) -> None:
        self.transcript.append(f"{direction} {line.rstrip()}"[:300])


class _Line:
    """A socket with a deadline and a line buffer; swapped for its TLS wrapper by `starttls`."""

    def __init__(self, sock: socket.socket, deadline: float, talk: Conversation) -> None:
        self.sock = sock
        self.deadline = deadline
        self.talk = talk
        self.buffer = b""

    def _timeout(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("deadline")
        return left

    def readline(self) -> str:
        while b"\n" not in self.buffer:
            self.sock.settimeout(self._timeout())
            chunk = self.sock.recv(4096)
            if not chunk:
                raise EOFError("connection closed by the server")
            self.buffer += chunk
            if len(self.buffer) > 65536:
                raise errors.ProtocolError("line too long")
        line, _, self.buffer = self.buffer.partition(b"\n")
        text = line.decode("utf-8", "replace").rstrip("\r")
        self.talk.log("S:", text)
        return text

    def send(self, line: str) -> None:
        self.talk.log("C:", line)
        self.sock.settimeout(self._timeout())
        self.sock.sendall(line.encode("ascii") + b"\r\n")

    def wrap(self, context: ssl.SSLContext, hostname: str) -> None:
        started = time.monotonic()
        self.sock.settimeout(self._timeout())
        wrapped = context.wrap_socket(self.sock, server_hostname=hostname)
        self.talk.tls_seconds = time.monotonic() - started
        self.sock = wrapped
        self.buffer = b""
        self.talk.tls_version = wrapped.version() or ""
        cipher = wrapped.cipher()
        self.talk.cipher = cipher[0] if cipher else ""
        parsed = wrapped.getpeercert() if context.verify_mode != ssl.CERT_NONE else None
        self.talk.cert = cert_info(wrapped.getpeercert(binary_form=True), parsed)  # type: ignore[arg-type]
        self.talk.log("--", f"TLS {self.talk.tls_version} {self.talk.cipher}")


def _imap_caps(conn: _Line, tag: str) -> list[str]:
    conn.send(f"{tag} CAPABILITY")
    caps: list[str] = []
    while True:
        line = conn.readline()
        if line.upper().startswith("* CAPABILITY"):
            caps = line.split()[2:]
        elif line.startswith(tag + " "):
            if not line[len(tag) + 1:].upper().startswith("OK"):
                raise errors.ProtocolError(f"CAPABILITY refused: {line[:120]}")
            return [c.upper() for c in caps]


@contextmanager
def _conversation(kind: str, address: str, hostname: str, port: int, security: str,
                  context: ssl.SSLContext, deadline: float,
                  on_socket: Callable[[socket.socket | None], None] | None
                  ) -> Iterator[tuple[Conversation, _Line]]:
    """Connect, hand the socket to `on_socket` (so Annuler can shut it), wrap TLS for implicit
    security, always close; any failure becomes a typed error carrying the partial conversation."""
    talk = Conversation(kind)
    where = f"{kind.upper()} {hostname}:{port}"
    try:
        sock = _connect(address, port, deadline, talk)
        if on_socket:
            on_socket(sock)
        conn = _Line(sock, deadline, talk)
        try:
            if security == "implicit":
                talk.stage = "tls"
                conn.wrap(context, hostname)
            yield talk, conn
        finally:
            if on_socket:
                on_socket(None)
            conn.sock.close()
    except (OSError, EOFError, errors.AcmailError) as exc:
        error = _typed(exc, talk, where)
        error.conversation = talk  # type: ignore[attr-defined]
        raise error from None


def probe_imap(address: str, hostname: str, port: int, security: str, context: ssl.SSLContext,
               deadline: float, on_socket: Callable[[socket.socket | None], None] | None = None
               ) -> Conversation:
    """Greeting, CAPABILITY, STARTTLS when configured, CAPABILITY again, LOGOUT. Raises typed errors,
    with the partial conversation attached as `exc.conversation`."""
    with _conversation("imap", address, hostname, port, security, context, deadline, on_socket) as (talk, conn):
        talk.stage = "greeting"
        talk.greeting = conn.readline()
        check_greeting(talk.greeting, f"IMAP {hostname}:{port}")  # the app's rule: PREAUTH refused
        talk.stage = "capability"
        caps = _imap_caps(conn, "a1")
        if security == "implicit":
            talk.after_tls = caps
        else:
            talk.before_tls = caps
            check_starttls_offered(caps)
            talk.stage = "starttls"
            conn.send("a2 STARTTLS")
            reply = conn.readline()
            if not reply.upper().startswith("A2 OK"):
                raise errors.StartTlsMissing(f"STARTTLS refused: {reply[:120]}")
            talk.stage = "tls"
            conn.wrap(context, hostname)
            talk.stage = "capability"
            talk.after_tls = _imap_caps(conn, "a3")
        talk.stage = "done"
        try:
            conn.send("a9 LOGOUT")
            conn.readline()
        except (OSError, EOFError, errors.AcmailError):
            pass
    return talk


def _smtp_reply(conn: _Line) -> tuple[int, list[str]]:
    lines: list[str] = []
    while True:
        line = conn.readline()
        if len(line) < 3 or not line[:3].isdigit():
            raise errors.ProtocolError(f"unexpected SMTP reply: {line[:120]}")
        lines.append(line[4:])
        if len(line) == 3 or line[3] != "-":
            return int(line[:3]), lines


def probe_smtp(address: str, hostname: str, port: int, security: str, context: ssl.SSLContext,
               deadline: float, on_socket: Callable[[socket.socket | None], None] | None = None
               ) -> Conversation:
    """Greeting, EHLO, STARTTLS when configured, EHLO again, QUIT; the EHLO keywords are recorded."""
    with _conversation("smtp", address, hostname, port, security, context, deadline, on_socket) as (talk, conn):
        talk.stage = "greeting"
        code, lines = _smtp_reply(conn)
        talk.greeting = f"{code} {' '.join(lines)}"
        if code != 220:
            raise errors.ServerUnavailable(f"SMTP greeting refused: {talk.greeting[:120]}")
        talk.stage = "capability"
        conn.send("EHLO acmail.localdomain")
        code, lines = _smtp_reply(conn)
        if code != 250:
            raise errors.ProtocolError(f"EHLO refused ({code})")
        features = [line.upper() for line in lines[1:]]
        if security == "implicit":
            talk.after_tls = features
        else:
            talk.before_tls = features
            if not any(f.split()[0] == "STARTTLS" for f in features if f):
                raise errors.StartTlsMissing("STARTTLS not offered by the SMTP server")
            talk.stage = "starttls"
            conn.send("STARTTLS")
            code, lines = _smtp_reply(conn)
            if code != 220:
                raise errors.StartTlsMissing(f"STARTTLS refused ({code})")
            talk.stage = "tls"
            conn.wrap(context, hostname)
            talk.stage = "capability"
            conn.send("EHLO acmail.localdomain")
            code, lines = _smtp_reply(conn)
            if code != 250:
                raise errors.ProtocolError(f"EHLO after STARTTLS refused ({code})")
            talk.after_tls = [line.upper() for line in lines[1:]]
        talk.stage = "done"
        try:
            conn.send("QUIT")
            _smtp_reply(conn)
        except (OSError, EOFError, errors.AcmailError):
            pass
    return talk


def _connect(address: str, port: int, deadline: float, talk: Conversation) -> socket.socket:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("deadline")
    talk.log("--", f"connect {address}:{port}")
    return socket.create_connection((address, port), timeout=left)


def _typed(exc: BaseException, talk: Conversation, where: str) -> errors.AcmailError:
    if isinstance(exc, errors.AcmailError):
        return exc
    if isinstance(exc, EOFError):
        return errors.SessionLost(f"{where}: connection closed by the server during {talk.stage}")
    return translate_network_error(exc, f"{where} ({talk.stage})")


_DATE = re.compile(r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),\s+)?\d{1,2}\s+[A-Z][a-z]{2}\s+\d{4}\s+"
                   r"\d{2}:\d{2}:\d{2}\s+(?:[+-]\d{4}|GMT|UTC|[A-Z]{3})")


def date_in(text: str) -> datetime | None:
    """A date in a greeting (Exchange and some Sendmail/Postfix banners carry one)."""
    from email.utils import parsedate_to_datetime

    match = _DATE.search(text or "")
    if not match:
        return None
    try:
        value = parsedate_to_datetime(match.group(0))
    except (TypeError, ValueError):
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def http_date(url: str, context: ssl.SSLContext, timeout: float) -> tuple[datetime, float, float]:
    """The Date header of a HEAD on `url` and the local monotonic window around it."""
    import http.client
    from email.utils import parsedate_to_datetime
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise ValueError("only https URLs")
    connection = http.client.HTTPSConnection(parts.hostname, parts.port or 443, timeout=timeout,
                                             context=context)
    try:
        sent = time.monotonic()
        connection.request("HEAD", parts.path or "/", headers={"User-Agent": "acmail-diagnose"})
        response = connection.getresponse()
        received = time.monotonic()
        header = response.getheader("Date")
    finally:
        connection.close()
    if not header:
        raise ValueError("no Date header")
    value = parsedate_to_datetime(header)
    return (value if value.tzinfo else value.replace(tzinfo=UTC)), sent, received
