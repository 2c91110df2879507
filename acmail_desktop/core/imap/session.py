"""The only imapclient importer: one IMAP connection, with every failure turned into our errors.

Rules enforced here rather than trusted to callers: TLS is verified (context from core.tls); with
STARTTLS, no credential is sent before the handshake succeeded; a plaintext PREAUTH is refused;
a login is attempted once, and its rejection is classified from RFC 5530 codes and the server text.
A session is used by one thread only (its owner worker).
"""

from __future__ import annotations

import ast
import imaplib
import re
import socket
import ssl
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any, Protocol

from imapclient import IMAPClient
from imapclient import exceptions as imap_exc

from acmail_desktop.core import errors, log
from acmail_desktop.core.otp import Credential

SPECIAL_USES = ("\\Sent", "\\Drafts", "\\Trash", "\\Junk", "\\Archive", "\\All", "\\Flagged")
_CODE = re.compile(r"^\s*\[([A-Za-z0-9-]+)(?:\s[^\]]*)?\]\s*(.*)$", re.S)
_LOCK_WORDS = re.compile(r"(?i)lock|verrouill|bloqu|suspend|disabled|désactiv")
_FETCH_BATCH = 500


class Endpoint(Protocol):
    hostname: str
    port: int
    security: str  # "implicit" | "starttls"


@dataclass(frozen=True)
class FolderInfo:
    name: str
    delimiter: str
    flags: tuple[str, ...]

    @property
    def special_use(self) -> str | None:
        for flag in self.flags:
            if flag.lower() in {s.lower() for s in SPECIAL_USES}:
                return next(s for s in SPECIAL_USES if s.lower() == flag.lower())
        if self.name.upper() == "INBOX":
            return "\\Inbox"
        return None

    @property
    def selectable(self) -> bool:
        return not any(f.lower() in ("\\noselect", "\\nonexistent") for f in self.flags)


@dataclass(frozen=True)
class FolderStatus:
    uidvalidity: int
    exists: int
    uidnext: int | None
    highestmodseq: int | None


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _server_text(exc: BaseException) -> str:
    """imaplib puts the server's bytes in the exception: b'[CODE] text' -> '[CODE] text'."""
    text = str(exc)
    if re.fullmatch(r"b(['\"]).*\1", text, re.S):
        try:
            value = ast.literal_eval(text)  # a bytes literal only: safe, and undoes the escapes
        except (ValueError, SyntaxError):
            return text
        if isinstance(value, bytes):
            return value.decode("utf-8", "replace")
    return text


def classify_auth_rejection(server_text: str, credential: Credential | None, alert: str | None
                            ) -> errors.AuthError:
    """Map a refused LOGIN to a typed error from its response code and text (RFC 5530)."""
    match = _CODE.match(server_text)
    code = match.group(1).upper() if match else ""
    text = match.group(2) if match else server_text
    # The server's own words are shown to the user unless they are the generic failure line.
    shown = alert or (text.strip() if code != "AUTHENTICATIONFAILED" and text.strip() else None)
    kw: dict[str, Any] = {"server_text": server_text, "alert": shown}
    locked = bool(_LOCK_WORDS.search(server_text) or (alert and _LOCK_WORDS.search(alert)))
    if code == "EXPIRED":
        return errors.PasswordExpired("password expired", **kw)
    if locked:
        return errors.AccountLocked("account locked", **kw)
    if code in ("UNAVAILABLE",):
        return errors.ServerUnavailable("authentication service unavailable", **kw)
    if code == "CONTACTADMIN":
        return errors.ContactAdmin("server asks to contact the administrator", **kw)
    if code == "PRIVACYREQUIRED":
        return errors.PrivacyRequired("server requires a private channel", **kw)
    if code in ("LIMIT", "INUSE"):
        return errors.TooManyConnections("too many connections", **kw)
    if code == "OVERQUOTA":
        return errors.AuthFailed("over quota", **kw)
    if credential is not None and credential.single_use:
        return errors.OtpRejected("PassCode refused", **kw)
    return errors.AuthFailed("credentials refused", **kw)


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


class ImapSession:
    """One authenticated IMAP connection, owned by one worker thread."""

    def __init__(self, endpoint: Endpoint, ssl_context: ssl.SSLContext, *, timeout: float = 20.0) -> None:
        self.endpoint = endpoint
        self.ssl_context = ssl_context
        self.timeout = timeout
        self._client: IMAPClient | None = None
        self.capabilities: frozenset[str] = frozenset()
        self.greeting = ""
        self.credential_spent = False
        self.selected: str | None = None
        self._aborted = False

    @property
    def where(self) -> str:
        return f"IMAP {self.endpoint.hostname}:{self.endpoint.port}"

    @property
    def client(self) -> IMAPClient:
        if self._client is None:
            raise errors.SessionLost(f"{self.where}: not connected")
        return self._client

    @contextmanager
    def _translated(self, what: str) -> Iterator[None]:
        try:
            yield
        except errors.AcmailError:
            raise
        except imap_exc.IMAPClientAbortError as exc:
            raise errors.SessionLost(f"{self.where}: {what}: connection lost") from exc
        except imaplib.IMAP4.abort as exc:
            raise errors.SessionLost(f"{self.where}: {what}: connection lost") from exc
        except (OSError, EOFError) as exc:
            raise translate_network_error(exc, self.where) from exc
        except imap_exc.IMAPClientError as exc:
            text = _server_text(exc)
            if "OVERQUOTA" in text.upper():
                raise errors.QuotaExceeded(f"{self.where}: {what}: over quota", server_text=text) from exc
            raise errors.ProtocolError(f"{self.where}: {what} refused: {log.redactor.redact(text)}",
                                       server_text=text) from exc
        except ValueError as exc:  # imapclient's parser on hostile or broken responses
            raise errors.ProtocolError(f"{self.where}: {what}: unparsable response") from exc

    # --- connection ------------------------------------------------------------------------------
    def connect(self) -> None:
        """Open the connection and make it private (implicit TLS or mandatory STARTTLS)."""
        implicit = self.endpoint.security == "implicit"
        log.imap.info("connecting to %s (%s)", self.where, self.endpoint.security)
        with self._translated("connect"):
            try:
                client = IMAPClient(self.endpoint.hostname, port=self.endpoint.port, ssl=implicit,
                                    ssl_context=self.ssl_context if implicit else None,
                                    timeout=self.timeout)
            except imaplib.IMAP4.error as exc:
                # Garbage or empty greeting, or no CAPABILITY: not an IMAP server we can trust.
                raise errors.ProtocolError(f"{self.where}: unexpected greeting") from exc
            self._client = client
            if self._aborted:
                self.close()
                raise errors.Cancelled("connection cancelled")
            self.greeting = _text(client.welcome or b"")
            if not implicit:
                self._starttls(client)
            if client._imap.state != "NONAUTH":
                # PREAUTH means the server authenticated us by other means; for a mail account that
                # is a downgrade or a hijack, never a feature we rely on.
                self.close()
                raise errors.ProtocolError(f"{self.where}: unexpected PREAUTH greeting")
            self.capabilities = frozenset(_text(c).upper() for c in client.capabilities())

    def _starttls(self, client: IMAPClient) -> None:
        if client._imap.state != "NONAUTH":
            self.close()
            raise errors.ProtocolError(f"{self.where}: PREAUTH on a connection without TLS")
        before = {_text(c).upper() for c in client.capabilities()}
        if "STARTTLS" not in before:
            self.close()
            raise errors.StartTlsMissing(f"{self.where}: STARTTLS not offered")
        try:
            client.starttls(self.ssl_context)
        except (ssl.SSLError, OSError):
            self.close()
            raise
        except imap_exc.IMAPClientError as exc:
            self.close()
            raise errors.StartTlsMissing(f"{self.where}: STARTTLS refused") from exc
        # Capabilities learnt before TLS may have been injected: ask again (RFC 3501 6.2.1).
        client._cached_capabilities = None
        client._imap.capabilities = ()
        typ, data = client._imap.capability()
        if typ == "OK" and data and data[-1]:
            client._imap.capabilities = tuple(_text(data[-1]).upper().split())

    def login(self, credential: Credential) -> None:
        """Authenticate once. A rejection is final: no retry, no other mechanism, no variation."""
        if self._aborted:
            self.close()
            raise errors.Cancelled("connection cancelled")
        client = self.client
        if "LOGINDISABLED" in self.capabilities:
            raise errors.PrivacyRequired(f"{self.where}: LOGIN disabled by the server")
        log.imap.info("login as %s (%s)", credential.username, credential.kind)
        self.credential_spent = credential.single_use
        try:
            client.login(credential.username, credential.secret.reveal())
        except imap_exc.LoginError as exc:
            text = log.redactor.redact(_server_text(exc))
            alert = client._imap.untagged_responses.pop("ALERT", None)
            alert_text = log.redactor.redact(_text(alert[-1])) if alert else None
            error = classify_auth_rejection(text, credential, alert_text)
            log.imap.warning("login refused for %s: %s (%s)", credential.username, error.code, text)
            self.close()
            raise error from None
        except (OSError, EOFError, imaplib.IMAP4.abort) as exc:
            self.close()
            raise translate_network_error(exc, self.where) from None
        with self._translated("capability"):
            self.capabilities = frozenset(_text(c).upper() for c in client.capabilities())
        log.imap.info("logged in as %s", credential.username)

    def abort(self) -> None:
        """Cancel from another thread: no credential is sent after this, the socket is shut down."""
        self._aborted = True
        client = self._client
        if client is not None:
            with suppress(Exception):
                client._imap.sock.shutdown(socket.SHUT_RDWR)

    def has(self, capability: str) -> bool:
        return capability.upper() in self.capabilities

    def logout(self) -> None:
        if self._client is None:
            return
        try:
            self._client.logout()
        except Exception:  # already gone: closing is all that is left to do
            pass
        self.close()

    def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            try:
                client.shutdown()
            except Exception:
                pass

    # --- folders ---------------------------------------------------------------------------------
    def list_folders(self) -> list[FolderInfo]:
        with self._translated("LIST"):
            rows = self.client.list_folders()
        result = []
        for flags, delimiter, name in rows:
            result.append(FolderInfo(
                name=_text(name),
                delimiter=_text(delimiter) if delimiter else "",
                flags=tuple(_text(f) for f in flags),
            ))
        return result

    def select(self, folder: str, *, readonly: bool = False) -> FolderStatus:
        check_mailbox_name(folder)
        with self._translated("SELECT"):
            info = self.client.select_folder(folder, readonly=readonly)
        self.selected = folder
        return FolderStatus(
            uidvalidity=int(info.get(b"UIDVALIDITY", 0)),
            exists=int(info.get(b"EXISTS", 0)),
            uidnext=int(info[b"UIDNEXT"]) if b"UIDNEXT" in info else None,
            highestmodseq=int(info[b"HIGHESTMODSEQ"]) if b"HIGHESTMODSEQ" in info else None,
        )

    def search_uids(self, criteria: Sequence[str] = ("ALL",)) -> list[int]:
        with self._translated("SEARCH"):
            return sorted(int(u) for u in self.client.search(list(criteria)))

    def fetch(self, uids: Iterable[int], items: Sequence[str]) -> dict[int, dict[bytes, Any]]:
        """UID FETCH in bounded batches (imapclient 4.1 cannot take `1:*`; see MAIL-SERVER-NOTES)."""
        uid_list = list(uids)
        result: dict[int, dict[bytes, Any]] = {}
        with self._translated("FETCH"):
            for start in range(0, len(uid_list), _FETCH_BATCH):
                batch = uid_list[start:start + _FETCH_BATCH]
                result.update(self.client.fetch(batch, list(items)))
        return result

    def fetch_message(self, uid: int) -> bytes | None:
        with self._translated("FETCH body"):
            data = self.client.fetch([uid], ["BODY.PEEK[]"])
        row = data.get(uid)
        if not row:
            return None
        return row.get(b"BODY[]")


_MAILBOX_FORBIDDEN = re.compile(r"[\r\n\x00]")


def check_mailbox_name(name: str) -> str:
    """Mailbox names go on the command line: CR/LF/NUL would inject commands."""
    if _MAILBOX_FORBIDDEN.search(name):
        raise errors.ProtocolError("mailbox name contains a line break or NUL")
    return name
