"""Where to connect, and socket/TLS failures turned into typed errors.

Used by the IMAP and SMTP adapters and by the diagnostics; it sits below all of them so that
SMTP and the diagnostics do not depend on the IMAP session.
"""

from __future__ import annotations

import imaplib
import socket
import ssl
from typing import Protocol

from acmail_desktop.core import errors


class Endpoint(Protocol):
    """Where to connect; read-only, so the frozen ServerSettings of a profile fits."""

    @property
    def hostname(self) -> str: ...
    @property
    def port(self) -> int: ...
    @property
    def security(self) -> str: ...  # "implicit" | "starttls"


def translate_network_error(exc: BaseException, where: str) -> errors.AcmailError:
    """Socket/TLS exceptions to typed errors; used by the IMAP, SMTP and diagnostics adapters."""
    if isinstance(exc, errors.AcmailError):
        return exc
    if isinstance(exc, socket.gaierror):
        return errors.DnsFailure(f"{where}: name not resolved ({exc.strerror})")
    if isinstance(exc, ConnectionRefusedError):
        return errors.ConnectionRefused(f"{where}: connection refused")
    if isinstance(exc, TimeoutError | socket.timeout):
        return errors.ConnectionTimeout(f"{where}: timed out")
    if isinstance(exc, ssl.SSLCertVerificationError):
        verify_code = getattr(exc, "verify_code", None)
        message = f"{where}: certificate not accepted ({getattr(exc, 'verify_message', exc)})"
        if verify_code == 10:
            return errors.TlsExpired(message)
        if verify_code in (62, 63, 64):  # host name, e-mail or IP address mismatch
            return errors.TlsHostnameMismatch(message)
        return errors.TlsUntrusted(message)
    if isinstance(exc, ssl.SSLError):
        reason = (exc.reason or str(exc)).upper()
        if any(k in reason for k in ("UNSUPPORTED_PROTOCOL", "PROTOCOL_VERSION", "NO_PROTOCOLS")):
            return errors.TlsOldVersion(f"{where}: TLS version refused ({exc.reason})")
        return errors.TlsError(f"{where}: TLS failed ({exc.reason or exc})")
    if isinstance(exc, ConnectionResetError | BrokenPipeError | EOFError | imaplib.IMAP4.abort):
        return errors.SessionLost(f"{where}: connection lost ({type(exc).__name__})")
    if isinstance(exc, OSError) and exc.errno in (101, 113):  # ENETUNREACH, EHOSTUNREACH
        return errors.NetworkDown(f"{where}: network unreachable")
    if isinstance(exc, OSError):
        return errors.NetworkError(f"{where}: {exc.strerror or type(exc).__name__}")
    return errors.ProtocolError(f"{where}: {type(exc).__name__}")
