"""Fault-injection servers on 127.0.0.1, beside the real Dovecot/aiosmtpd, for the diagnostics tests.

Each one produces a cause the diagnostics must name: a name that does not resolve, a refused port,
a port that accepts but never greets, a port that drops connection attempts, TLS with a self-signed,
expired, wrong-host or TLS-inspection certificate, a TLS 1.0-only server, plaintext IMAP without
STARTTLS, and an HTTPS server whose Date header gives the server time. Only what no real server does
on demand is scripted here (guide, habit 8).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import http.server
import socket
import ssl
import tempfile
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import trustme

LOOPBACK = "127.0.0.1"


def refused_port() -> int:
    """A port nobody listens on: bind it, then close it (the kernel answers RST)."""
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


class FaultResolver:
    """Injected resolver: known names to 127.0.0.1, `.invalid` as NXDOMAIN (RFC 6761), and names
    listed in `unreachable` as a resolver that does not answer (EAI_AGAIN)."""

    def __init__(self, names: dict[str, str] | None = None, unreachable: tuple[str, ...] = ()) -> None:
        self.names = {"localhost": LOOPBACK, LOOPBACK: LOOPBACK, **(names or {})}
        self.unreachable = unreachable
        self.asked: list[str] = []

    def __call__(self, host: str) -> list[str]:
        self.asked.append(host)
        if host in self.unreachable:
            raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
        if host.endswith(".invalid") or host not in self.names:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [self.names[host]]


class _Server:
    """A listening socket on 127.0.0.1 with an accept thread calling `handle` per connection."""

    def __init__(self, backlog: int = 16) -> None:
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((LOOPBACK, 0))
        self.sock.listen(backlog)
        self.port = int(self.sock.getsockname()[1])
        self._stop = threading.Event()
        self._conns: list[socket.socket] = []
        self._thread = threading.Thread(target=self._loop, daemon=True, name=type(self).__name__)
        self._thread.start()

    def _loop(self) -> None:
        self.sock.settimeout(0.2)
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self._conns.append(conn)
            threading.Thread(target=self._guarded, args=(conn,), daemon=True).start()

    def _guarded(self, conn: socket.socket) -> None:
        try:
            self.handle(conn)
        except (OSError, ssl.SSLError, ValueError):
            pass
        finally:
            with contextlib.suppress(OSError):
                conn.close()

    def handle(self, conn: socket.socket) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()
        for conn in self._conns:
            with contextlib.suppress(OSError):
                conn.close()

    def __enter__(self) -> _Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class SilentServer(_Server):
    """Accepts the connection and never says a word (no greeting, no TLS handshake)."""

    def handle(self, conn: socket.socket) -> None:
        while not self._stop.wait(0.1):
            pass


class DroppingPort:
    """A listening socket that never accepts, its one-slot queue already full: new SYNs are dropped,
    so a client's connect() times out like behind a firewall that drops packets."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind((LOOPBACK, 0))
        self.sock.listen(0)
        self.port = int(self.sock.getsockname()[1])
        self._fillers: list[socket.socket] = []
        for _ in range(8):
            filler = socket.socket()
            filler.settimeout(0.3)
            try:
                filler.connect((LOOPBACK, self.port))
            except OSError:
                filler.close()
                break
            self._fillers.append(filler)
        else:  # pragma: no cover - a kernel that never drops would make the tests meaningless
            raise RuntimeError("could not fill the listen queue")

    def close(self) -> None:
        for filler in self._fillers:
            filler.close()
        self.sock.close()

    def __enter__(self) -> DroppingPort:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class MiniImapServer(_Server):
    """Just enough IMAP for a probe: greeting, CAPABILITY, LOGOUT; over TLS when given a context.

    `starttls=False` with no TLS context is the "plaintext server without STARTTLS" fault.
    """

    def __init__(self, tls: ssl.SSLContext | None = None, capabilities: str = "IMAP4rev1 AUTH=PLAIN") -> None:
        self.tls = tls
        self.capabilities = capabilities
        super().__init__()

    def handle(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        stream: socket.socket = self.tls.wrap_socket(conn, server_side=True) if self.tls else conn
        stream.sendall(b"* OK fault IMAP server ready\r\n")
        reader = stream.makefile("rb")
        for raw in reader:
            parts = raw.decode("ascii", "replace").split()
            if len(parts) < 2:
                continue
            tag, command = parts[0], parts[1].upper()
            if command == "CAPABILITY":
                stream.sendall(f"* CAPABILITY {self.capabilities}\r\n{tag} OK done\r\n".encode())
            elif command == "LOGOUT":
                stream.sendall(f"* BYE bye\r\n{tag} OK done\r\n".encode())
                return
            else:
                stream.sendall(f"{tag} BAD not here\r\n".encode())


class MiniSmtpServer(_Server):
    """Implicit-TLS SMTP that offers AUTH and refuses every credential (535): SMTP authentication
    failing while IMAP accepts the same password, which no real single-authority server does."""

    def __init__(self, tls: ssl.SSLContext) -> None:
        self.tls = tls
        super().__init__()

    def handle(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        stream = self.tls.wrap_socket(conn, server_side=True)
        stream.sendall(b"220 fault.smtp ESMTP\r\n")
        for raw in stream.makefile("rb"):
            command = raw.decode("ascii", "replace").strip().upper()
            if command.startswith("EHLO"):
                stream.sendall(b"250-fault.smtp\r\n250-SIZE 1000000\r\n250 AUTH PLAIN LOGIN\r\n")
            elif command.startswith("AUTH"):
                stream.sendall(b"535 5.7.8 Authentication credentials invalid\r\n")
            elif command.startswith("QUIT"):
                stream.sendall(b"221 bye\r\n")
                return
            else:
                stream.sendall(b"502 5.5.2 not here\r\n")


def _server_context(cert: trustme.LeafCert | None = None, *, self_signed_ca: trustme.CA | None = None,
                    tls10_only: bool = False) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    if cert is not None:
        cert.configure_cert(context)
    elif self_signed_ca is not None:  # the CA certificate itself as the server's: truly self-signed
        with tempfile.TemporaryDirectory() as tmp:
            cert_path, key_path = Path(tmp) / "c.pem", Path(tmp) / "k.pem"
            self_signed_ca.cert_pem.write_to_path(str(cert_path))
            self_signed_ca.private_key_pem.write_to_path(str(key_path))
            context.load_cert_chain(str(cert_path), str(key_path))
    if tls10_only:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            context.set_ciphers("DEFAULT:@SECLEVEL=0")
            context.minimum_version = ssl.TLSVersion.TLSv1
            context.maximum_version = ssl.TLSVersion.TLSv1
    return context


def tls_fault_context(kind: str, trusted_ca: trustme.CA) -> ssl.SSLContext:
    """Server TLS contexts for each certificate fault; `trusted_ca` is the CA the client trusts."""
    now = dt.datetime.now(dt.UTC)
    if kind == "self_signed":
        return _server_context(self_signed_ca=trustme.CA(organization_name="Serveur autosigne"))
    if kind == "expired":
        return _server_context(trusted_ca.issue_cert(LOOPBACK, "localhost", not_before=now - dt.timedelta(days=400),
                                                     not_after=now - dt.timedelta(days=3)))
    if kind == "wrong_host":
        return _server_context(trusted_ca.issue_cert("wrong-host.example"))
    if kind == "inspection":
        proxy = trustme.CA(organization_name="Stormshield SSL Proxy")
        return _server_context(proxy.issue_cert(LOOPBACK, "localhost"))
    if kind == "tls10":
        return _server_context(trusted_ca.issue_cert(LOOPBACK, "localhost"), tls10_only=True)
    if kind == "valid":
        return _server_context(trusted_ca.issue_cert(LOOPBACK, "localhost"))
    raise ValueError(kind)


def tls10_possible(trusted_ca: trustme.CA) -> bool:
    """Whether this OpenSSL can still speak TLS 1.0 at all (both ends, security level 0)."""
    with MiniImapServer(tls_fault_context("tls10", trusted_ca)) as server:
        client = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        client.check_hostname, client.verify_mode = False, ssl.CERT_NONE
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            try:
                client.minimum_version = ssl.TLSVersion.TLSv1
                client.set_ciphers("DEFAULT:@SECLEVEL=0")
                with socket.create_connection((LOOPBACK, server.port), timeout=3) as raw, \
                        client.wrap_socket(raw, server_hostname=LOOPBACK) as tls:
                    return tls.version() == "TLSv1"
            except (OSError, ssl.SSLError, ValueError):
                return False


class DateServer:
    """HTTPS on 127.0.0.1 answering every request with a Date header `offset` seconds from now:
    the server-time source of the clock check (a profile's web URL)."""

    def __init__(self, trusted_ca: trustme.CA, offset: float = 0.0) -> None:
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_HEAD(self) -> None:
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_HEAD  # noqa: N815 - http.server's naming

            def date_time_string(self, timestamp: float | None = None) -> str:
                return super().date_time_string(time.time() + outer.offset)

            def log_message(self, *args: object) -> None:
                pass

        self.offset = offset
        self.httpd = http.server.ThreadingHTTPServer((LOOPBACK, 0), Handler)
        self.httpd.daemon_threads = True
        context = tls_fault_context("valid", trusted_ca)
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.port = int(self.httpd.server_address[1])
        self.url = f"https://{LOOPBACK}:{self.port}/"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True, name="date-server")
        self._thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> DateServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextlib.contextmanager
def fault(kind: str, trusted_ca: trustme.CA) -> Iterator[int]:
    """The port of a running fault of `kind` (IMAP-side faults), closed on exit."""
    if kind == "refused":
        yield refused_port()
        return
    server: _Server | DroppingPort
    if kind == "silent":
        server = SilentServer()
    elif kind == "drop":
        server = DroppingPort()
    elif kind == "plaintext":
        server = MiniImapServer(None, "IMAP4rev1 AUTH=PLAIN LOGINDISABLED")
    else:
        server = MiniImapServer(tls_fault_context(kind, trusted_ca))
    try:
        yield server.port
    finally:
        server.close()


# --- scenarios: one per verdict, shared by the CLI and wizard tests ---------------------------------
class Scenario:
    """What a test must point the diagnostics at to produce `expected` (a verdict code)."""

    def __init__(self, name: str, expected: str) -> None:
        self.name = name
        self.expected = expected
        self.imap: dict[str, object] = {}
        self.smtp: dict[str, object] = {}
        self.identifiant = ""
        self.secret: str | None = None
        self.passcode = False
        self.clock_offset = 0.0
        self.time_url: str | None = None
        self.timeout = 2.0
        self.skip_reason: str | None = None

    def now(self) -> float:
        return time.time() + self.clock_offset

    def __repr__(self) -> str:
        return f"Scenario({self.name} -> {self.expected})"


SCENARIOS = {
    "ok": "ok", "identifiant_is_email": "input_identifiant", "unresolvable": "dns_failure",
    "refused": "connection_refused", "never_greets": "connection_timeout", "drops": "connection_timeout",
    "self_signed": "tls_untrusted", "inspection_proxy": "tls_untrusted", "expired_cert": "tls_expired",
    "wrong_host_cert": "tls_hostname_mismatch", "tls10_only": "tls_old_version",
    "no_starttls": "starttls_missing", "wrong_password": "auth_failed", "locked": "account_locked",
    "password_expired": "password_expired", "replayed_passcode": "otp_rejected", "clock_skew": "clock_skew",
    "smtp_closed": "smtp_blocked", "over_quota": "quota_exceeded", "login_disabled": "server_unavailable",
    "smtp_auth_refused": "smtp_auth_failed",
}


@contextlib.contextmanager
def scenario(name: str, mail_server: object, make_account: object) -> Iterator[Scenario]:
    """Start what the named fault needs (fault servers, account state) and describe it."""
    s = Scenario(name, SCENARIOS[name])
    ms = mail_server
    ca: trustme.CA = ms.ca  # type: ignore[attr-defined]
    with contextlib.ExitStack() as stack:
        date_server = stack.enter_context(DateServer(ca))
        s.time_url = date_server.url
        if name == "ok":
            acc = make_account("diagok")  # type: ignore[operator]
            s.identifiant, s.secret = acc.identifiant, acc.password
        elif name == "identifiant_is_email":
            s.identifiant = "Francois.Durand@acmail.test"
        elif name == "unresolvable":
            s.imap = {"hostname": "imap.acmail.invalid"}
            s.smtp = {"hostname": "smtp.acmail.invalid"}
        elif name in ("refused", "never_greets", "drops", "self_signed", "inspection_proxy", "expired_cert",
                      "wrong_host_cert", "tls10_only", "no_starttls"):
            kind = {"refused": "refused", "never_greets": "silent", "drops": "drop", "self_signed": "self_signed",
                    "inspection_proxy": "inspection", "expired_cert": "expired", "wrong_host_cert": "wrong_host",
                    "tls10_only": "tls10", "no_starttls": "plaintext"}[name]
            if kind == "tls10" and not tls10_possible(ca):
                s.skip_reason = "this OpenSSL cannot speak TLS 1.0 even at security level 0"
            port = stack.enter_context(fault(kind, ca))
            s.imap = {"port": port, "security": "starttls" if kind == "plaintext" else "implicit"}
            s.timeout = 1.0
        elif name in ("wrong_password", "locked", "password_expired"):
            acc = make_account("diagauth")  # type: ignore[operator]
            s.identifiant, s.secret = acc.identifiant, acc.password
            if name == "wrong_password":
                s.secret = acc.password + "x"
            elif name == "locked":
                ms.set_locked(acc.identifiant, True)  # type: ignore[attr-defined]
            else:
                ms.set_password_expired(acc.identifiant, True)  # type: ignore[attr-defined]
        elif name == "replayed_passcode":
            acc = make_account("diagotp")  # type: ignore[operator]
            passcode = ms.fresh_passcode(acc.identifiant)  # type: ignore[attr-defined]
            ms.authority.authenticate("imap", acc.identifiant, passcode)  # type: ignore[attr-defined]
            s.identifiant, s.secret, s.passcode = acc.identifiant, passcode, True
        elif name == "clock_skew":
            s.clock_offset = 300.0
        elif name == "login_disabled":
            server = stack.enter_context(MiniImapServer(tls_fault_context("valid", ca),
                                                        "IMAP4rev1 LOGINDISABLED"))
            s.imap = {"port": server.port, "security": "implicit"}
        elif name == "smtp_auth_refused":
            acc = make_account("diagsmtp")  # type: ignore[operator]
            s.identifiant, s.secret = acc.identifiant, acc.password
            smtp = stack.enter_context(MiniSmtpServer(tls_fault_context("valid", ca)))
            s.smtp = {"port": smtp.port, "security": "implicit"}
        elif name == "smtp_closed":
            s.smtp = {"port": refused_port()}
        elif name == "over_quota":
            acc = make_account("diagquota")  # type: ignore[operator]
            ms.set_quota(acc.identifiant, 64)  # type: ignore[attr-defined]
            body = ("x" * 76 + "\r\n") * 1200  # ~94 KiB, beyond the 64 KiB quota
            ms.deliver(acc.identifiant, f"From: a@acmail.test\r\nSubject: gros\r\n\r\n{body}".encode())  # type: ignore[attr-defined]
            s.identifiant, s.secret = acc.identifiant, acc.password
        yield s
