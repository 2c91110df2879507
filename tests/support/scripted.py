"""Scripted misbehaving servers on 127.0.0.1, for what no real server does on demand.

Each connection runs a script (a function given a `Peer`); everything the client sends is recorded,
so a test can assert that no credential ever left the client.
"""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Endpoint:
    """What ImapSession / SmtpSubmission need to reach a scripted server."""

    hostname: str
    port: int
    security: str


@dataclass
class Peer:
    sock: socket.socket
    received: list[bytes] = field(default_factory=list)
    _buffer: bytes = b""

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def readline(self, limit: int = 65536) -> bytes:
        while b"\n" not in self._buffer:
            chunk = self.sock.recv(4096)
            if not chunk:
                line, self._buffer = self._buffer, b""
                if line:
                    self.received.append(line)
                return line
            self._buffer += chunk
            if len(self._buffer) > limit:
                raise ValueError("line too long")
        line, _, self._buffer = self._buffer.partition(b"\n")
        self.received.append(line + b"\n")
        return line + b"\n"

    def start_tls(self, context: ssl.SSLContext) -> None:
        self.sock = context.wrap_socket(self.sock, server_side=True)


Script = Callable[[Peer], None]


class ScriptedServer:
    """Accepts connections on a free loopback port and runs `script` for each, in a thread."""

    def __init__(self, script: Script, *, tls: ssl.SSLContext | None = None) -> None:
        self.script = script
        self.tls = tls
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(5)
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.peers: list[Peer] = []
        self.errors: list[BaseException] = []
        self._scripts: list[threading.Thread] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)
        self.listener.close()
        # Shut the connections down first and let the scripts end: closing a TLS socket under a
        # thread still inside SSL_read/SSL_write frees its fd while OpenSSL keeps using the number,
        # and the next test's connection (which gets that number) sees stolen or foreign records.
        for peer in self.peers:
            try:
                socket.socket.shutdown(peer.sock, socket.SHUT_RDWR)
            except OSError:
                pass
        for thread in self._scripts:
            thread.join(5)
        for peer in self.peers:
            try:
                peer.sock.close()
            except OSError:
                pass

    @property
    def received(self) -> bytes:
        return b"".join(b"".join(p.received) for p in self.peers)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except (TimeoutError, OSError):
                continue
            conn.settimeout(10)
            try:
                if self.tls is not None:
                    conn = self.tls.wrap_socket(conn, server_side=True)
            except (ssl.SSLError, OSError) as exc:
                self.errors.append(exc)
                conn.close()
                continue
            peer = Peer(conn)
            self.peers.append(peer)
            thread = threading.Thread(target=self._run, args=(peer,), daemon=True)
            self._scripts.append(thread)
            thread.start()

    def _run(self, peer: Peer) -> None:
        try:
            self.script(peer)
        except (OSError, ValueError, ssl.SSLError) as exc:
            self.errors.append(exc)
        finally:
            try:
                peer.sock.close()
            except OSError:
                pass


def server_tls_context(ca, hostname: str = "127.0.0.1", **issue_kwargs) -> ssl.SSLContext:  # type: ignore[no-untyped-def]
    """A server-side context with a certificate from `ca` (a trustme.CA)."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(hostname, **issue_kwargs).configure_cert(context)
    return context


def imap_command_loop(peer: Peer, handlers: dict[str, Callable[[Peer, bytes, str], None]],
                      capabilities: bytes = b"IMAP4rev1 AUTH=PLAIN") -> None:
    """Answer commands by name (CAPABILITY by default, as imaplib always asks); others get BAD."""
    handlers = {"CAPABILITY": lambda p, tag, _r: p.send(b"* CAPABILITY " + capabilities + b"\r\n" + tag
                                                        + b" OK done\r\n"), **handlers}
    while True:
        line = peer.readline()
        if not line:
            return
        tag, _, rest = line.decode("latin-1").strip().partition(" ")
        command = rest.split(" ", 1)[0].upper()
        handler = handlers.get(command)
        if handler is not None:
            handler(peer, tag.encode(), rest)
        elif command == "LOGOUT":
            peer.send(b"* BYE\r\n" + tag.encode() + b" OK bye\r\n")
            return
        else:
            peer.send(tag.encode() + b" BAD unknown\r\n")
