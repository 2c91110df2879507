"""Settings discovery against local stand-ins only: HTTP, DNS and TLS servers on 127.0.0.1."""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator

import dns.message
import dns.rcode
import dns.resolver
import dns.rrset
import pytest
import trustme

from acmail_desktop.core.discovery import DiscoveryResult, autoconfig_urls, discover, fetch_url
from acmail_desktop.core.errors import DiscoveryFailed
from tests.support.discovery_servers import LOOPBACK, dns_server, http_server, local_http_get

DOMAIN = "example.test"
EMAIL = f"jean.dupont@{DOMAIN}"

AUTOCONFIG = """<?xml version="1.0"?>
<clientConfig version="1.1">
  <emailProvider id="{domain}">
    <domain>{domain}</domain>
    <displayName>Example</displayName>
    <incomingServer type="imap">
      <hostname>imap.%EMAILDOMAIN%</hostname><port>143</port><socketType>plain</socketType>
      <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication>
    </incomingServer>
    <incomingServer type="imap">
      <hostname>imap.%EMAILDOMAIN%</hostname><port>993</port><socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.{domain}</hostname><port>587</port><socketType>STARTTLS</socketType>
      <username>%EMAILLOCALPART%</username><authentication>password-cleartext</authentication>
    </outgoingServer>
  </emailProvider>
</clientConfig>
"""


# --- local IMAP/SMTP over TLS -------------------------------------------------------------------
@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def client_context(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context()
    ca.configure_trust(context)
    return context


@pytest.fixture(scope="module")
def server_context(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(f"imap.{DOMAIN}", f"smtp.{DOMAIN}", f"mail.{DOMAIN}").configure_cert(context)
    return context


class MailServer:
    """A one-trick server: implicit TLS or STARTTLS, IMAP or SMTP greeting, nothing more."""

    def __init__(self, proto: str, security: str, context: ssl.SSLContext, offer_starttls: bool = True):
        self.proto, self.security, self.context, self.offer_starttls = proto, security, context, offer_starttls
        self.listener = socket.create_server((LOOPBACK, 0))
        self.listener.settimeout(0.1)
        self.port = self.listener.getsockname()[1]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self.handle, args=(conn,), daemon=True).start()

    def handle(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        greeting = b"* OK [CAPABILITY IMAP4rev1] ready\r\n" if self.proto == "imap" else b"220 smtp ESMTP\r\n"
        with contextlib.suppress(OSError), conn:
            if self.security == "implicit":
                with self.context.wrap_socket(conn, server_side=True) as tls:
                    tls.sendall(greeting)
                    tls.recv(100)
                return
            conn.sendall(greeting)
            reader = conn.makefile("rb")
            if self.proto == "imap":
                tag = reader.readline().split(b" ")[0]  # CAPABILITY
                caps = b"IMAP4rev1 STARTTLS" if self.offer_starttls else b"IMAP4rev1"
                conn.sendall(b"* CAPABILITY " + caps + b"\r\n" + tag + b" OK done\r\n")
                tag = reader.readline().split(b" ")[0]  # STARTTLS
                conn.sendall(tag + b" OK begin TLS\r\n")
            else:
                reader.readline()  # EHLO
                ext = b"250-STARTTLS\r\n" if self.offer_starttls else b""
                conn.sendall(b"250-smtp\r\n" + ext + b"250 AUTH PLAIN\r\n")
                reader.readline()  # STARTTLS
                conn.sendall(b"220 go ahead\r\n")
            with self.context.wrap_socket(conn, server_side=True) as tls:
                tls.recv(100)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(5)
        self.listener.close()


@pytest.fixture
def servers(server_context: ssl.SSLContext) -> Iterator[Callable[..., MailServer]]:
    started: list[MailServer] = []

    def start(proto: str, security: str, **kwargs: bool) -> MailServer:
        server = MailServer(proto, security, server_context, **kwargs)
        started.append(server)
        return server

    yield start
    for server in started:
        server.close()


@pytest.fixture
def closed_port() -> int:
    """A loopback port nobody listens on: connecting is refused at once."""
    with socket.create_server((LOOPBACK, 0)) as sock:
        return int(sock.getsockname()[1])


def mapping(table: dict[tuple[str, int], int], default_port: int) -> Callable[[str, int], tuple[str, int]]:
    """connect_host that sends every (host, port) to 127.0.0.1 on a test port."""

    def connect_host(host: str, port: int) -> tuple[str, int]:
        return LOOPBACK, table.get((host, port), default_port)

    return connect_host


def outcomes(result: DiscoveryResult, method: str) -> dict[str, str]:
    return {s.target: s.outcome for s in result.steps if s.method == method}


# --- autoconfig ---------------------------------------------------------------------------------
def test_autoconfig_urls_follow_thunderbird() -> None:
    assert autoconfig_urls("a.b+c@x.fr", "x.fr") == [
        "https://autoconfig.x.fr/mail/config-v1.1.xml?emailaddress=a.b%2Bc@x.fr",
        "https://x.fr/.well-known/autoconfig/mail/config-v1.1.xml",
    ]


def test_autoconfig_from_well_known_after_autoconfig_host_fails() -> None:
    body = AUTOCONFIG.format(domain=DOMAIN).encode()
    routes = {f"/{DOMAIN}/.well-known/autoconfig/mail/config-v1.1.xml": (200, body)}
    with http_server(routes) as (port, seen):
        result = discover(EMAIL, http_get=local_http_get(port), methods=("autoconfig",), timeout=2)
    assert result.method == "autoconfig"
    provider = result.raise_if_empty()
    # the plain IMAP entry is skipped, never used
    assert (provider.imap.hostname, provider.imap.port, provider.imap.security) == (f"imap.{DOMAIN}", 993, "implicit")
    assert (provider.smtp.port, provider.smtp.security) == (587, "starttls")
    assert provider.smtp.username_for("", EMAIL) == "jean.dupont"
    assert seen[0] == f"/autoconfig.{DOMAIN}/mail/config-v1.1.xml?emailaddress={EMAIL}"
    assert [s.outcome for s in result.steps] == ["not_found", "found"]
    assert "404" in result.steps[0].detail


def test_autoconfig_with_only_plain_servers_is_refused() -> None:
    body = AUTOCONFIG.format(domain=DOMAIN).replace("<socketType>SSL</socketType>", "<socketType>plain</socketType>")
    routes = {f"/autoconfig.{DOMAIN}/mail/config-v1.1.xml": (200, body.encode())}
    with http_server(routes) as (port, _seen):
        result = discover(EMAIL, http_get=local_http_get(port), methods=("autoconfig",), timeout=2)
    assert result.provider is None
    assert result.steps[0].outcome == "refused" and "plain" in result.steps[0].detail
    with pytest.raises(DiscoveryFailed, match="autoconfig"):
        result.raise_if_empty()


def test_autoconfig_garbage_and_entities_are_rejected() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><clientConfig>&a;</clientConfig>'
    routes = {
        f"/autoconfig.{DOMAIN}/mail/config-v1.1.xml": (200, bomb),
        f"/{DOMAIN}/.well-known/autoconfig/mail/config-v1.1.xml": (200, b"<html>hello</html>"),
    }
    with http_server(routes) as (port, _seen):
        result = discover(EMAIL, http_get=local_http_get(port), methods=("autoconfig",), timeout=2)
    assert result.provider is None
    assert [s.outcome for s in result.steps] == ["failed", "failed"]
    assert "not allowed" in result.steps[0].detail


def test_fetch_url_refuses_plain_http_by_default() -> None:
    with pytest.raises(ValueError, match="non-https"):
        fetch_url("http://127.0.0.1:9/x", 1)


# --- SRV --------------------------------------------------------------------------------------
def test_srv_records_prefer_implicit_tls() -> None:
    records = {
        f"_imaps._tcp.{DOMAIN}.": f"0 1 993 mx1.{DOMAIN}.",
        f"_imap._tcp.{DOMAIN}.": f"0 1 143 mx1.{DOMAIN}.",
        f"_submission._tcp.{DOMAIN}.": f"5 1 587 out.{DOMAIN}.",
    }
    with dns_server(records) as resolver:
        result = discover(EMAIL, resolver=resolver, methods=("srv",), timeout=2)
    provider = result.raise_if_empty()
    assert result.method == "srv"
    assert (provider.imap.hostname, provider.imap.port, provider.imap.security) == (f"mx1.{DOMAIN}", 993, "implicit")
    assert (provider.smtp.hostname, provider.smtp.port, provider.smtp.security) == (f"out.{DOMAIN}", 587, "starttls")
    assert "imap.username_template" in provider.unverified
    steps = outcomes(result, "srv")
    assert steps[f"_imaps._tcp.{DOMAIN}"] == "found"
    assert steps[f"_submissions._tcp.{DOMAIN}"] == "not_found"
    assert steps[f"_submission._tcp.{DOMAIN}"] == "found"


def test_srv_dot_target_means_not_offered() -> None:
    records = {f"_imaps._tcp.{DOMAIN}.": "0 0 0 .", f"_submissions._tcp.{DOMAIN}.": f"0 1 465 out.{DOMAIN}."}
    with dns_server(records) as resolver:
        result = discover(EMAIL, resolver=resolver, methods=("srv",), timeout=2)
    assert result.provider is None
    assert "explicitly not offered" in result.steps[0].detail


def test_srv_timeout_is_bounded() -> None:
    silent = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    silent.bind((LOOPBACK, 0))  # receives queries, never answers
    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = [LOOPBACK]
    resolver.port = silent.getsockname()[1]
    try:
        started = time.monotonic()
        result = discover(EMAIL, resolver=resolver, methods=("srv",), timeout=0.3, total_timeout=1.0)
        elapsed = time.monotonic() - started
    finally:
        silent.close()
    assert result.provider is None
    assert elapsed < 2.0
    assert {s.outcome for s in result.steps} <= {"timeout", "skipped"}


# --- guessing -------------------------------------------------------------------------------------
def test_guess_finds_implicit_imap_and_starttls_submission(
    servers: Callable[..., MailServer], client_context: ssl.SSLContext, closed_port: int
) -> None:
    imap = servers("imap", "implicit")
    smtp = servers("smtp", "starttls")
    connect = mapping({(f"imap.{DOMAIN}", 993): imap.port, (f"smtp.{DOMAIN}", 587): smtp.port}, closed_port)
    result = discover(EMAIL, methods=("guess",), connect_host=connect, ssl_context=client_context, timeout=2)
    provider = result.raise_if_empty()
    assert result.method == "guess"
    assert (provider.imap.hostname, provider.imap.port, provider.imap.security) == (f"imap.{DOMAIN}", 993, "implicit")
    assert (provider.smtp.hostname, provider.smtp.port, provider.smtp.security) == (f"smtp.{DOMAIN}", 587, "starttls")
    steps = outcomes(result, "guess")
    assert steps[f"imap imap.{DOMAIN}:993 (implicit)"] == "found"
    assert steps[f"smtp smtp.{DOMAIN}:465 (implicit)"] == "refused"
    assert steps[f"smtp smtp.{DOMAIN}:587 (starttls)"] == "found"
    assert len(steps) == 8


def test_guess_starttls_imap_and_never_plain(
    servers: Callable[..., MailServer], client_context: ssl.SSLContext, closed_port: int
) -> None:
    imap = servers("imap", "starttls")
    smtp_no_tls = servers("smtp", "starttls", offer_starttls=False)
    connect = mapping({(f"mail.{DOMAIN}", 143): imap.port, (f"smtp.{DOMAIN}", 587): smtp_no_tls.port}, closed_port)
    result = discover(EMAIL, methods=("guess",), connect_host=connect, ssl_context=client_context, timeout=2)
    assert result.provider is None  # IMAP found, but SMTP only in clear: refused
    steps = outcomes(result, "guess")
    assert steps[f"imap mail.{DOMAIN}:143 (starttls)"] == "found"
    assert steps[f"smtp smtp.{DOMAIN}:587 (starttls)"] == "refused"


def test_guess_rejects_untrusted_certificates(servers: Callable[..., MailServer], closed_port: int) -> None:
    imap = servers("imap", "implicit")
    smtp = servers("smtp", "implicit")
    connect = mapping({(f"imap.{DOMAIN}", 993): imap.port, (f"smtp.{DOMAIN}", 465): smtp.port}, closed_port)
    result = discover(EMAIL, methods=("guess",), connect_host=connect, timeout=2)  # system trust store
    assert result.provider is None
    step = next(s for s in result.steps if s.target == f"imap imap.{DOMAIN}:993 (implicit)")
    assert step.outcome == "failed" and "certificate" in step.detail


def test_guess_is_time_bounded_against_a_silent_server(client_context: ssl.SSLContext) -> None:
    with socket.create_server((LOOPBACK, 0), backlog=16) as black_hole:  # listens, never accepts
        port = black_hole.getsockname()[1]
        started = time.monotonic()
        result = discover(
            EMAIL,
            methods=("guess",),
            connect_host=lambda host, _port: (LOOPBACK, port),
            ssl_context=client_context,
            timeout=0.5,
            total_timeout=5,
        )
        elapsed = time.monotonic() - started
    assert result.provider is None
    assert elapsed < 2.0
    assert {s.outcome for s in result.steps} == {"timeout"}


def test_whole_run_respects_the_total_limit(client_context: ssl.SSLContext) -> None:
    def slow_get(url: str, timeout: float) -> bytes:
        time.sleep(timeout + 1)
        return b""

    with socket.create_server((LOOPBACK, 0)) as black_hole:
        port = black_hole.getsockname()[1]
        silent = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        silent.bind((LOOPBACK, 0))
        resolver = dns.resolver.Resolver(configure=False)
        resolver.nameservers = [LOOPBACK]
        resolver.port = silent.getsockname()[1]
        started = time.monotonic()
        try:
            result = discover(
                EMAIL,
                http_get=slow_get,
                resolver=resolver,
                connect_host=lambda host, _port: (LOOPBACK, port),
                ssl_context=client_context,
                timeout=0.4,
                total_timeout=1.2,
            )
        finally:
            silent.close()
        elapsed = time.monotonic() - started
    assert result.provider is None
    assert elapsed < 2.5
    assert [s.method for s in result.steps][:2] == ["autoconfig", "autoconfig"]
    assert result.steps[0].outcome == "timeout"
    assert result.steps[-1].outcome in ("skipped", "timeout")


def test_invalid_address() -> None:
    with pytest.raises(DiscoveryFailed):
        discover("not-an-address", methods=())
