"""core/tls.py trusts the operating system's store (through truststore) plus the administrator's CA files.

On Linux the system store is OpenSSL's: /etc/ssl/certs, or SSL_CERT_FILE / SSL_CERT_DIR. Each test adds
a throw-away CA to a private store of that kind (never to the machine's) and does a real TLS handshake
with a local server whose certificate that CA issued.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme
import truststore

from acmail_desktop.core.tls import make_ssl_context

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the Linux system store is OpenSSL's")


@pytest.fixture
def school_ca() -> trustme.CA:
    return trustme.CA(organization_name="Academie de test - AC racine")


@contextlib.contextmanager
def serving(ca: trustme.CA) -> Iterator[int]:
    """A TLS server on localhost presenting a certificate issued by `ca`; yields its port."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("localhost").configure_cert(context)
    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return  # listener shut down
            try:
                with context.wrap_socket(connection, server_side=True) as tls:
                    tls.sendall(b"* OK ready\r\n")
            except (OSError, ssl.SSLError):
                connection.close()  # the client refused our certificate: expected in some tests

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        listener.shutdown(socket.SHUT_RDWR)
        listener.close()
        thread.join(timeout=10)


@pytest.fixture
def tls_server(school_ca: trustme.CA) -> Iterator[int]:
    with serving(school_ca) as port:
        yield port


def handshake(port: int, context: ssl.SSLContext) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw, \
            context.wrap_socket(raw, server_hostname="localhost") as tls:
        return tls.recv(64)


@pytest.fixture
def empty_system_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty private system store: the machine's real CAs play no part in these tests."""
    bundle = tmp_path / "system-ca-certificates.crt"
    bundle.write_text("")
    certs_dir = tmp_path / "system-certs"
    certs_dir.mkdir()
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    monkeypatch.setenv("SSL_CERT_DIR", str(certs_dir))
    return tmp_path


def test_a_ca_added_to_the_system_bundle_is_trusted(empty_system_store: Path, school_ca: trustme.CA,
                                                    tls_server: int) -> None:
    with pytest.raises(ssl.SSLCertVerificationError):
        handshake(tls_server, make_ssl_context())
    # What update-ca-certificates does: the CA appended to the system bundle.
    school_ca.cert_pem.write_to_path(str(empty_system_store / "system-ca-certificates.crt"))
    assert handshake(tls_server, make_ssl_context()) == b"* OK ready\r\n"


def test_a_ca_added_to_the_hashed_system_folder_is_trusted(empty_system_store: Path, school_ca: trustme.CA,
                                                           tls_server: int) -> None:
    # /etc/ssl/certs style: the CA under its subject-hash name, as `openssl rehash` makes it.
    pem = empty_system_store / "academie.pem"
    school_ca.cert_pem.write_to_path(str(pem))
    subject_hash = subprocess.run(["openssl", "x509", "-hash", "-noout", "-in", str(pem)], check=True,
                                  capture_output=True, text=True).stdout.strip()
    (empty_system_store / "system-certs" / f"{subject_hash}.0").symlink_to(pem)
    assert handshake(tls_server, make_ssl_context()) == b"* OK ready\r\n"
    # Removed from the store again: refused again (nothing was cached in AcMail).
    (empty_system_store / "system-certs" / f"{subject_hash}.0").unlink()
    with pytest.raises(ssl.SSLCertVerificationError):
        handshake(tls_server, make_ssl_context())


def test_the_administrators_extra_ca_file_adds_to_the_system_store(empty_system_store: Path,
                                                                   school_ca: trustme.CA, tls_server: int) -> None:
    other_ca = trustme.CA(organization_name="Autre autorite")
    other_ca.cert_pem.write_to_path(str(empty_system_store / "system-ca-certificates.crt"))
    extra = empty_system_store / "academie-ca.pem"
    school_ca.cert_pem.write_to_path(str(extra))
    context = make_ssl_context([extra])
    assert handshake(tls_server, context) == b"* OK ready\r\n"
    with serving(other_ca) as port:  # the system store is still in use next to the extra file
        assert handshake(port, context) == b"* OK ready\r\n"


def test_verification_stays_strict_with_the_system_store(empty_system_store: Path, school_ca: trustme.CA,
                                                         tls_server: int) -> None:
    school_ca.cert_pem.write_to_path(str(empty_system_store / "system-ca-certificates.crt"))
    context = make_ssl_context(min_version="TLSv1.3")
    assert isinstance(context, truststore.SSLContext)  # the OS store on Windows and macOS too
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert context.minimum_version == ssl.TLSVersion.TLSv1_3
    with socket.create_connection(("127.0.0.1", tls_server), timeout=10) as raw, \
            pytest.raises(ssl.SSLCertVerificationError), \
            context.wrap_socket(raw, server_hostname="mail.example.org"):
        pass  # a trusted CA but the wrong name: refused
