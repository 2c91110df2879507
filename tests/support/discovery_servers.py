"""Local stand-ins for discovery's network edges, on 127.0.0.1 only: an HTTP server serving
autoconfig documents (reached through the real https URLs) and a UDP DNS server answering SRV."""

from __future__ import annotations

import contextlib
import http.server
import socket
import threading
from collections.abc import Callable, Iterator

import dns.message
import dns.rcode
import dns.resolver
import dns.rrset

from acmail_desktop.core.discovery import fetch_url

LOOPBACK = "127.0.0.1"


# --- local HTTP -------------------------------------------------------------------------------
@contextlib.contextmanager
def http_server(routes: dict[str, tuple[int, bytes]]) -> Iterator[tuple[int, list[str]]]:
    """Serve `routes` (path -> status, body) on 127.0.0.1; yields the port and the paths asked."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            status, body = routes.get(self.path.split("?")[0], (404, b"not here"))
            self.send_response(status)
            self.send_header("Content-Type", "text/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer((LOOPBACK, 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def local_http_get(port: int) -> Callable[[str, float], bytes]:
    """Send the real https autoconfig URLs to the local plain-HTTP server, keeping host in the path."""

    def get(url: str, timeout: float) -> bytes:
        assert url.startswith("https://")
        rest = url.removeprefix("https://")
        host, _, path = rest.partition("/")
        return fetch_url(f"http://{LOOPBACK}:{port}/{host}/{path}", timeout, allow_http=True)

    return get


# --- local DNS --------------------------------------------------------------------------------
@contextlib.contextmanager
def dns_server(records: dict[str, str]) -> Iterator[dns.resolver.Resolver]:
    """A UDP responder answering SRV questions from `records` (name -> SRV rdata), NXDOMAIN else."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((LOOPBACK, 0))
    sock.settimeout(0.1)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                wire, peer = sock.recvfrom(4096)
            except TimeoutError:
                continue
            except OSError:
                return
            query = dns.message.from_wire(wire)
            response = dns.message.make_response(query)
            question = query.question[0]
            name = question.name.to_text()
            if name in records:
                response.answer.append(dns.rrset.from_text(name, 60, "IN", "SRV", records[name]))
            else:
                response.set_rcode(dns.rcode.NXDOMAIN)
            sock.sendto(response.to_wire(), peer)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = [LOOPBACK]
    resolver.port = sock.getsockname()[1]
    try:
        yield resolver
    finally:
        stop.set()
        thread.join(5)
        sock.close()
