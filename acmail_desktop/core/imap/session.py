"""The only imapclient importer: one IMAP connection, with every failure turned into our errors.

Rules enforced here rather than trusted to callers: TLS is verified (context from core.tls); with
STARTTLS, no credential is sent before the handshake succeeded; a plaintext PREAUTH is refused;
a login is attempted once, and its rejection is classified from RFC 5530 codes and the server text.
A session is used by one thread only (its owner worker).
"""

from __future__ import annotations

import ast
import imaplib
import io
import re
import socket
import ssl
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from imapclient import IMAPClient
from imapclient import exceptions as imap_exc

from acmail_desktop.core import errors, log, wire
from acmail_desktop.core.folders import Namespace, guess_namespace, resolve_special_folders
from acmail_desktop.core.imap.auth import check_greeting, check_starttls_offered, classify_auth_rejection
from acmail_desktop.core.imap.bounded import BoundedIMAP4
from acmail_desktop.core.imap.uidset import parse_copyuid, uid_set
from acmail_desktop.core.imap.wire_reader import WireReader
from acmail_desktop.core.net import Endpoint, translate_network_error
from acmail_desktop.core.otp import Credential

SPECIAL_USES = ("\\Sent", "\\Drafts", "\\Trash", "\\Junk", "\\Archive", "\\All", "\\Flagged")
_FETCH_BATCH = 500
_MAX_LINE = wire.MAX_LINE  # one response line (without literals)
_TAGGED_STATUS = re.compile(rb"^(OK|NO|BAD)\b ?(.*)$", re.I | re.S)
# A completion that says a change was not made although its status is OK (Dovecot: "OK Store
# ignored with read-only mailbox"; RFC 3501 7.1: a [READ-ONLY] code means no change is possible).
_CHANGE_IGNORED = re.compile(rb"\[READ-ONLY\]|\bignored\b|\bread-only\b", re.I)
_CHANGE_REFUSED_READ_ONLY = re.compile(rb"\[READ-ONLY\]|read-only|permission denied", re.I)
_FLAG_ATOM = re.compile(r"^\\?[^\s(){%*\"\\\]\x00-\x1f\x7f]+$")
HEADER_LITERAL_MAX = wire.SMALL_LITERAL_MAX  # a header section bigger than 1 MiB is hostile
BODY_LITERAL_MAX = wire.BODY_LITERAL_MAX


class BoundedIMAPClient(IMAPClient):
    """IMAPClient over a BoundedIMAP4: every read capped, every operation under `deadline`."""

    def __init__(self, host: str, *, port: int, ssl: bool, ssl_context: ssl.SSLContext | None,
                 timeout: float, deadline: wire.Deadline) -> None:
        self._acmail_deadline = deadline
        super().__init__(host, port=port, ssl=ssl, ssl_context=ssl_context, timeout=timeout)

    def _create_IMAP4(self) -> BoundedIMAP4:  # imapclient's name
        context = (self.ssl_context or ssl.create_default_context()) if self.ssl else None
        return BoundedIMAP4(self.host, self.port, getattr(self._timeout, "connect", None),
                            self._acmail_deadline, context)


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


@dataclass(frozen=True)
class MailboxStatus:
    messages: int
    unseen: int
    uidnext: int | None
    uidvalidity: int
    highestmodseq: int | None


@dataclass(frozen=True)
class Quota:
    """One resource of a quota root (RFC 9208): usage and limit in the server's units (KiB for STORAGE)."""

    quota_root: str
    resource: str
    usage: int
    limit: int


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


class ImapSession:
    """One authenticated IMAP connection, owned by one worker thread."""

    def __init__(self, endpoint: Endpoint, ssl_context: ssl.SSLContext, *, timeout: float = 20.0,
                 compress: bool = False) -> None:
        """`compress`: ask for COMPRESS=DEFLATE after login when offered (not for IDLE connections:
        imapclient's idle_check polls the raw socket and would miss lines already inflated)."""
        self.endpoint = endpoint
        self.ssl_context = ssl_context
        self.timeout = timeout
        self.compress = compress
        self.compressed = False
        self._client: IMAPClient | None = None
        self.capabilities: frozenset[str] = frozenset()
        self.greeting = ""
        self.credential_spent = False
        self.selected: str | None = None
        self.selected_writable = False  # SELECT answered [READ-WRITE]; EXAMINE / [READ-ONLY] is False
        self.selects = 0  # SELECT/EXAMINE sent so far: tells one opening of a mailbox from the next
        self.last_completion = b""  # the tagged line of the last raw command (its OK text matters)
        # The account's choices of special folders (core.folders.effective_choices), for the
        # outbox and drafts that find Sent/Drafts through this session.
        self.special_choices: dict[str, str] = {}
        self._namespace: Namespace | None = None
        self._aborted = False
        # One overall limit per operation (connect, login, each command): see core.wire.
        self.deadline = wire.Deadline()
        self._wire = WireReader(_ClientChannel(self))  # raw commands (core/imap/wire_reader.py)

    @property
    def where(self) -> str:
        return f"IMAP {self.endpoint.hostname}:{self.endpoint.port}"

    @property
    def client(self) -> IMAPClient:
        if self._client is None:
            raise errors.SessionLost(f"{self.where}: not connected")
        return self._client

    @contextmanager
    def _translated(self, what: str, *, extra_seconds: float = 0.0) -> Iterator[None]:
        """One operation under its deadline, every failure as a typed error."""
        self.deadline.start(self.timeout + extra_seconds)
        try:
            with self._errors_translated(what):
                yield
        except errors.AcmailError as exc:
            raise self._timed_out(what, exc) from exc
        finally:
            self.deadline.stop()

    def _timed_out(self, what: str, exc: errors.AcmailError) -> errors.AcmailError:
        """Whatever broke once the deadline shut the socket is a timeout, not a lost session."""
        if self.deadline.expired and not isinstance(exc, errors.ConnectionTimeout):
            return errors.ConnectionTimeout(f"{self.where}: {what}: no complete answer in time")
        return exc

    @contextmanager
    def _errors_translated(self, what: str) -> Iterator[None]:
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
        except (ValueError, RecursionError, MemoryError) as exc:  # parsers on hostile responses
            raise errors.ProtocolError(f"{self.where}: {what}: unparsable response") from exc

    # --- connection ------------------------------------------------------------------------------
    def connect(self) -> None:
        """Open the connection and make it private (implicit TLS or mandatory STARTTLS)."""
        implicit = self.endpoint.security == "implicit"
        log.imap.info("connecting to %s (%s)", self.where, self.endpoint.security)
        try:
            self._connect(implicit)
        except BaseException:
            if self._client is None:  # never connected: close() will not run
                self.deadline.release()
            raise

    def _connect(self, implicit: bool) -> None:
        with self._translated("connect"):
            try:
                client = BoundedIMAPClient(self.endpoint.hostname, port=self.endpoint.port, ssl=implicit,
                                           ssl_context=self.ssl_context if implicit else None,
                                           timeout=self.timeout, deadline=self.deadline)
            except imaplib.IMAP4.error as exc:
                # Garbage or empty greeting, or no CAPABILITY: not an IMAP server we can trust.
                raise errors.ProtocolError(f"{self.where}: unexpected greeting") from exc
            self._client = client
            if self._aborted:
                self.close()
                raise errors.Cancelled("connection cancelled")
            self.greeting = _text(client.welcome or b"")
            try:
                check_greeting(self.greeting, self.where)
            except errors.AcmailError:
                self.close()
                raise
            if not implicit:
                self._starttls(client)
            self.capabilities = frozenset(_text(c).upper() for c in client.capabilities())

    def _starttls(self, client: IMAPClient) -> None:
        if client._imap.state != "NONAUTH":
            self.close()
            raise errors.ProtocolError(f"{self.where}: PREAUTH on a connection without TLS")
        try:
            check_starttls_offered(_text(c) for c in client.capabilities())
        except errors.StartTlsMissing as exc:
            self.close()
            raise errors.StartTlsMissing(f"{self.where}: {exc}") from None
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
        self.deadline.start(self.timeout)
        try:
            if credential.needs_utf8:
                self._authenticate_plain(credential)
            else:
                client.login(credential.username, credential.secret.reveal())
        except errors.AcmailError as exc:
            self.close()
            raise self._timed_out("LOGIN", exc) from None
        except imap_exc.LoginError as exc:
            if self.deadline.expired or isinstance(exc.__context__, imaplib.IMAP4.abort | OSError):
                # imapclient turns a connection lost during LOGIN into LoginError: not a refusal,
                # and never a reason to stop the account.
                self.close()
                lost = errors.SessionLost(f"{self.where}: connection lost during LOGIN")
                raise self._timed_out("LOGIN", lost) from None
            text = log.redactor.redact(_server_text(exc))
            alert = client._imap.untagged_responses.pop("ALERT", None)
            alert_text = log.redactor.redact(_text(alert[-1])) if alert else None
            error = classify_auth_rejection(text, credential, alert_text)
            log.imap.warning("login refused for %s: %s (%s)", credential.username, error.code, text)
            self.close()
            raise error from None
        except (OSError, EOFError, imaplib.IMAP4.abort) as exc:
            self.close()
            raise self._timed_out("LOGIN", translate_network_error(exc, self.where)) from None
        finally:
            self.deadline.stop()
        with self._translated("capability"):
            self.capabilities = frozenset(_text(c).upper() for c in client.capabilities())
        log.imap.info("logged in as %s", credential.username)
        if self.compress and self.has("COMPRESS=DEFLATE"):
            self._start_compression()

    def _authenticate_plain(self, credential: Credential) -> None:
        """AUTHENTICATE PLAIN in UTF-8 (RFC 4616), the initial response inline when SASL-IR is
        offered (RFC 4959): the only standard way to send é, ç or € in an IMAP credential. One
        command, one attempt; a NO is classified like a refused LOGIN by the caller."""
        if "AUTH=PLAIN" not in self.capabilities:
            raise errors.CredentialCharsetUnsupported(
                f"{self.where}: the credential is not ASCII and the server offers no AUTH=PLAIN")
        imap = self.client._imap
        token = credential.sasl_plain()
        try:
            if "SASL-IR" in self.capabilities:
                typ, data = imap._simple_command("AUTHENTICATE", "PLAIN", token)
            else:
                imap.literal = _PlainResponse(token).answer
                typ, data = imap._simple_command("AUTHENTICATE", "PLAIN")
        except imaplib.IMAP4.abort:
            raise
        except imaplib.IMAP4.error as exc:  # BAD: the server could not take the UTF-8 response
            raise errors.CredentialCharsetUnsupported(
                f"{self.where}: AUTHENTICATE PLAIN refused as malformed") from exc
        if typ != "OK":
            raise imap_exc.LoginError(_text(data[-1] if data else b""))
        imap.state = "AUTH"

    def abort(self) -> None:
        """Cancel from another thread: no credential is sent after this, the socket is shut down."""
        self._aborted = True
        client = self._client
        if client is not None:
            with suppress(Exception):
                client._imap.sock.shutdown(socket.SHUT_RDWR)

    def _start_compression(self) -> None:
        """RFC 4978: after the OK, both directions are a raw DEFLATE stream (no zlib header)."""
        imap = self.client._imap
        with self._translated("COMPRESS"):
            tag = imap._new_tag()
            imap.tagged_commands.pop(tag, None)
            imap.send(tag + b" COMPRESS DEFLATE\r\n")
            while True:
                line = imap.file.readline(_MAX_LINE + 1)
                if not line:
                    raise errors.SessionLost(f"{self.where}: COMPRESS: connection closed")
                if line.startswith(tag + b" "):
                    break
            status = _TAGGED_STATUS.match(line[len(tag) + 1:])
            if status is None or status.group(1).upper() != b"OK":
                log.imap.info("COMPRESS refused by %s; continuing uncompressed", self.where)
                return
        raw_socket = imap.sock
        compressor = zlib.compressobj(6, zlib.DEFLATED, -15)

        def send(data: bytes) -> None:
            raw_socket.sendall(compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH))

        imap.send = send
        imap.file = io.BufferedReader(_InflatingReader(wire.CountingReader(raw_socket, self.deadline)),
                                      buffer_size=65536)
        self.compressed = True
        log.imap.info("COMPRESS=DEFLATE active with %s", self.where)

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
        self.deadline.release()
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

    def personal_namespace(self, folders: Sequence[FolderInfo] | None = None) -> Namespace:
        """The personal namespace (RFC 2342) from NAMESPACE, asked once per session; without the
        capability, guessed from the folder list (`folders`, else LIST)."""
        if self._namespace is not None:
            return self._namespace
        found: Namespace | None = None
        if self.has("NAMESPACE"):
            with self._translated("NAMESPACE"):
                personal = self.client.namespace().personal
            if personal:
                prefix, delimiter = personal[0]
                found = Namespace(_text(prefix), _text(delimiter) if delimiter else "")
        if found is None:
            found = guess_namespace(folders if folders is not None else self.list_folders())
        self._namespace = found
        return found

    def special_folders(self, folders: Sequence[FolderInfo] | None = None) -> dict[str, str]:
        """Folder name -> special use by the one rule of `core.folders` (LIST when not given)."""
        listed = list(folders) if folders is not None else self.list_folders()
        return resolve_special_folders(listed, self.personal_namespace(listed), self.special_choices)

    def select(self, folder: str, *, readonly: bool = False) -> FolderStatus:
        """SELECT (read-write) or EXAMINE (`readonly`); the session remembers which, and whether
        the server opened it read-only anyway ([READ-ONLY] after SELECT)."""
        check_mailbox_name(folder)
        # A failed SELECT leaves no mailbox selected (RFC 3501 6.3.1): forget it before asking.
        self.selected, self.selected_writable = None, False
        self.selects += 1
        imap = self.client._imap
        with self._translated("SELECT"):
            try:
                info = self.client.select_folder(folder, readonly=readonly)
                writable = not readonly and b"READ-ONLY" not in info
            except imaplib.IMAP4.readonly:
                # imaplib raises when SELECT gets [READ-ONLY]; the mailbox is selected, read-only.
                imap.untagged_responses.pop("READ-ONLY", None)
                info = self.client._process_select_response(imap.untagged_responses)
                writable = False
        self.selected, self.selected_writable = folder, writable
        return FolderStatus(
            uidvalidity=int(info.get(b"UIDVALIDITY", 0)),
            exists=int(info.get(b"EXISTS", 0)),
            uidnext=int(info[b"UIDNEXT"]) if b"UIDNEXT" in info else None,
            highestmodseq=int(info[b"HIGHESTMODSEQ"]) if b"HIGHESTMODSEQ" in info else None,
        )

    def ensure_writable(self, folder: str) -> None:
        """Select `folder` read-write unless it already is. Every change to a mailbox goes through
        here: on an EXAMINEd mailbox a STORE is ignored (Dovecot answers OK) or refused."""
        if self.selected == folder and self.selected_writable:
            return
        self.select(folder)
        if not self.selected_writable:
            raise errors.MailboxReadOnly(f"{self.where}: {folder} is read-only")

    def _change(self, command: str, what: str) -> list[bytes]:
        """Send a command that changes the selected mailbox and return its responses' texts
        (the tagged one last). Refused locally on a read-only selection; a tagged OK whose code or
        text says the change was ignored raises ChangeNotApplied, never passes as a success."""
        if self.selected is None or not self.selected_writable:
            raise errors.ChangeNotApplied(f"{self.where}: {what} needs a read-write selection")
        try:
            texts = [text for text, _ in self.raw_command(command, what=what)]
        except errors.ProtocolError as exc:
            completion = self.last_completion
            if not completion[:3].upper() == b"NO ":
                raise
            # Refused (Cyrus: "NO Permission denied" on an EXAMINEd or read-only mailbox).
            if _CHANGE_REFUSED_READ_ONLY.search(completion):
                self.selected_writable = False
            raise errors.ChangeNotApplied(f"{self.where}: {what} refused: {_text(completion)[:200]}",
                                          server_text=_text(completion)) from exc
        completion = self.last_completion
        if _CHANGE_IGNORED.search(completion) or any(b"[READ-ONLY]" in t.upper() for t in texts):
            self.selected_writable = False
            raise errors.ChangeNotApplied(f"{self.where}: {what} ignored by the server: "
                                          f"{_text(completion)[:200]}", server_text=_text(completion))
        return [*texts, completion]

    def _mailbox_argument(self, folder: str) -> str:
        """A mailbox name as a command argument: modified UTF-7, quoted (imapclient's rules)."""
        check_mailbox_name(folder)
        return _text(self.client._normalise_folder(folder))

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

    # --- message operations (wrappers used by sync, compose and the outbox) ---------------------
    def _pop_code(self, name: str) -> list[bytes]:
        """Response codes (APPENDUID, COPYUID) that imaplib files under untagged_responses."""
        data = self.client._imap.untagged_responses.pop(name, None) or []
        return [d if isinstance(d, bytes) else str(d).encode() for d in data]

    def append(self, folder: str, raw: bytes, flags: Sequence[str] = (),
               when: datetime | None = None) -> int | None:
        """APPEND a message; returns its UID when the server says APPENDUID (UIDPLUS)."""
        check_mailbox_name(folder)
        if self.selected == folder and not self.selected_writable:
            # Some servers (Courier) refuse APPEND to the mailbox selected read-only: APPEND must
            # never depend on what is selected, so that mailbox is selected read-write first.
            with suppress(errors.AcmailError):
                self.select(folder)
        if self.has("LITERAL+") and all(_FLAG_ATOM.match(flag) for flag in flags):
            return self._append_literal_plus(folder, raw, flags, when)
        # The upload earns its time like a download: a 20 MB Sent copy on a slow link is not a stall.
        with self._translated("APPEND", extra_seconds=len(raw) / wire.MIN_RATE):
            self._pop_code("APPENDUID")
            response = self.client.append(folder, raw, flags=tuple(flags), msg_time=when)
            codes = self._pop_code("APPENDUID")
        for code in codes:
            match = re.match(rb"\s*\d+\s+(\d+)\s*$", code)
            if match:
                return int(match.group(1))
        text = response if isinstance(response, bytes) else _text(response).encode()
        match = re.search(rb"APPENDUID\s+\d+\s+(\d+)", text, re.I)
        return int(match.group(1)) if match else None

    def _append_literal_plus(self, folder: str, raw: bytes, flags: Sequence[str], when: datetime | None
                             ) -> int | None:
        """APPEND with a non-synchronizing literal (RFC 7888 LITERAL+): the message follows the
        command at once instead of after the server's "+" (one round trip less for every Sent
        copy and draft: 40 ms on a school's link, 100 ms on a rural one; issue 23)."""
        arguments = [self._mailbox_argument(folder)]
        if flags:
            arguments.append("(" + " ".join(flags) + ")")
        if when is not None:
            arguments.append(imaplib.Time2Internaldate(when))
        command = f"APPEND {' '.join(arguments)} {{{len(raw)}+}}"
        with self._wire.exchange(command, "APPEND", extra_seconds=len(raw) / wire.MIN_RATE) as exchange:
            exchange.send(raw + b"\r\n")
            while True:
                text, _literals = self._wire.read_response(exchange.file, HEADER_LITERAL_MAX, "APPEND")
                if text.startswith(b"* "):
                    if text[:6].upper() == b"* BYE ":
                        raise errors.SessionLost(f"{self.where}: APPEND: server said BYE")
                    continue
                if not text.startswith(exchange.tag_prefix):
                    raise errors.ProtocolError(f"{self.where}: APPEND: unexpected response line")
                status = text[len(exchange.tag_prefix):]
                exchange.finish(status)
                match = re.search(rb"APPENDUID\s+\d+\s+(\d+)", status, re.I)
                return int(match.group(1)) if match else None

    def add_flags(self, uids: Iterable[int], flags: Sequence[str]) -> None:
        """UID STORE +FLAGS.SILENT on the selected mailbox, which must be selected read-write."""
        self._store(uids, "+", flags)

    def remove_flags(self, uids: Iterable[int], flags: Sequence[str]) -> None:
        self._store(uids, "-", flags)

    def _store(self, uids: Iterable[int], sign: str, flags: Sequence[str]) -> None:
        uid_list = list(uids)
        if not uid_list:
            return
        names = [_text(f) for f in flags]
        if not names or not all(_FLAG_ATOM.match(f) for f in names):
            raise errors.ProtocolError("invalid flag name")
        self._change(f"UID STORE {uid_set(uid_list)} {sign}FLAGS.SILENT ({' '.join(names)})", "STORE")

    def move(self, uids: Iterable[int], dest: str) -> dict[int, int]:
        """MOVE (RFC 6851), else COPY + \\Deleted + UID EXPUNGE. Returns old UID -> new UID
        when the server reports COPYUID (UIDPLUS), else an empty dict."""
        check_mailbox_name(dest)
        uid_list = sorted(set(uids))
        if not uid_list:
            return {}
        mailbox = self._mailbox_argument(dest)
        if self.has("MOVE"):
            texts = self._change(f"UID MOVE {uid_set(uid_list)} {mailbox}", "MOVE")
        else:
            if not self.has("UIDPLUS"):
                # Without UID EXPUNGE a plain EXPUNGE would also remove other \Deleted mail.
                raise errors.ProtocolError(f"{self.where}: server has neither MOVE nor UIDPLUS")
            texts = self._change(f"UID COPY {uid_set(uid_list)} {mailbox}", "COPY")
            self.add_flags(uid_list, ["\\Deleted"])
            self.expunge(uid_list)
        for text in texts:
            if b"COPYUID" in text.upper():
                mapping = parse_copyuid(text)
                if mapping:
                    return mapping
        return {}

    def delete(self, uids: Iterable[int], trash_folder: str | None) -> dict[int, int]:
        """Move to the trash; inside the trash itself (or without one), delete for good."""
        uid_list = list(uids)
        if trash_folder and trash_folder != self.selected:
            return self.move(uid_list, trash_folder)
        self.add_flags(uid_list, ["\\Deleted"])
        self.expunge(uid_list)
        return {}

    def expunge(self, uids: Iterable[int]) -> None:
        """UID EXPUNGE of these messages only (UIDPLUS); refuses a folder-wide EXPUNGE."""
        uid_list = list(uids)
        if not uid_list:
            return
        if not self.has("UIDPLUS"):
            raise errors.ProtocolError(f"{self.where}: UID EXPUNGE needs UIDPLUS")
        self._change(f"UID EXPUNGE {uid_set(uid_list)}", "EXPUNGE")

    def search_header(self, name: str, value: str) -> list[int]:
        """UID SEARCH HEADER name value (e.g. Message-ID), for finding a message we appended."""
        if _MAILBOX_FORBIDDEN.search(name) or _MAILBOX_FORBIDDEN.search(value):
            raise errors.ProtocolError("search text contains a line break or NUL")
        charset = None if value.isascii() else "UTF-8"
        with self._translated("SEARCH"):
            return sorted(int(u) for u in self.client.search(["HEADER", name, value], charset))

    def search_text(self, text: str) -> list[int]:
        """UID SEARCH TEXT in the selected folder (headers and bodies, on the server), in UTF-8."""
        if _MAILBOX_FORBIDDEN.search(text):
            raise errors.ProtocolError("search text contains a line break or NUL")
        with self._translated("SEARCH"):
            return sorted(int(u) for u in self.client.search(["TEXT", text], charset="UTF-8"))

    def noop(self) -> None:
        """NOOP: a cheap question that lets the server report new mail and proves the link alive."""
        with self._translated("NOOP"):
            self.client.noop()

    def quota_root(self, folder: str) -> list[Quota]:
        """GETQUOTAROOT (RFC 9208): the quotas that apply to `folder` (empty when none)."""
        with self._translated("GETQUOTAROOT"):
            _roots, quotas = self.client.get_quota_root(folder)
        return [Quota(_text(q.quota_root), _text(q.resource), int(q.usage), int(q.limit)) for q in quotas]

    def search(self, criteria: Sequence[Any], charset: str | None = None) -> list[int]:
        """UID SEARCH with criteria as imapclient takes them (str, date); non-ASCII words go as
        literals with CHARSET (core/search.py)."""
        with self._translated("SEARCH"):
            return sorted(int(u) for u in self.client.search(list(criteria), charset))

    def create_folder(self, name: str) -> None:
        check_mailbox_name(name)
        with self._translated("CREATE"):
            self.client.create_folder(name)

    def rename_folder(self, old: str, new: str) -> None:
        check_mailbox_name(old)
        check_mailbox_name(new)
        with self._translated("RENAME"):
            self.client.rename_folder(old, new)

    def delete_folder(self, name: str) -> None:
        check_mailbox_name(name)
        with self._translated("DELETE"):
            self.client.delete_folder(name)

    def subscribe(self, name: str, subscribed: bool = True) -> None:
        check_mailbox_name(name)
        with self._translated("SUBSCRIBE"):
            if subscribed:
                self.client.subscribe_folder(name)
            else:
                self.client.unsubscribe_folder(name)

    def list_subscribed(self) -> set[str] | None:
        """The subscribed folder names (LSUB, RFC 3501 6.3.9); None when the server refuses LSUB
        (RFC 9051 dropped it for LIST (SUBSCRIBED): an IMAP4rev2-only server), so the caller treats
        every folder as shown rather than none. Names LIST does not return (a subscription kept
        for a deleted folder) are the caller's to ignore."""
        try:
            with self._translated("LSUB"):
                rows = self.client.list_sub_folders()
        except errors.ProtocolError:
            return None
        return {_text(name) for flags, _delimiter, name in rows
                if not any(_text(f).lower() == "\\nonexistent" for f in flags)}

    def status(self, folder: str) -> MailboxStatus:
        """STATUS without selecting (unread counts of the folder tree)."""
        check_mailbox_name(folder)
        what = ["MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN"]
        if self.has("CONDSTORE"):
            what.append("HIGHESTMODSEQ")
        with self._translated("STATUS"):
            info = self.client.folder_status(folder, what)
        return MailboxStatus(
            messages=int(info.get(b"MESSAGES", 0)),
            unseen=int(info.get(b"UNSEEN", 0)),
            uidnext=int(info[b"UIDNEXT"]) if b"UIDNEXT" in info else None,
            uidvalidity=int(info.get(b"UIDVALIDITY", 0)),
            highestmodseq=int(info[b"HIGHESTMODSEQ"]) if b"HIGHESTMODSEQ" in info else None,
        )


    # --- raw commands for the fast sync (imapclient's parser is too slow for 50,000 rows) --------
    # The wire reader (core/imap/wire_reader.py) does the reading; the session lends it its
    # connection through `_ClientChannel`, the only code here that touches imapclient's internals.
    def raw_command(self, command: str, *, max_literal: int = HEADER_LITERAL_MAX,
                    what: str = "FETCH") -> Iterator[tuple[bytes, list[bytes]]]:
        """Send one command and yield its untagged responses as (text, literals) (see WireReader.command)."""
        return self._wire.command(command, max_literal=max_literal, what=what)

    def raw_pipelined(self, commands: Sequence[str], *, what: str) -> tuple[list[bytes], list[bytes]]:
        """Commands sent in one write and answered in order (see WireReader.pipelined)."""
        return self._wire.pipelined(commands, what=what)

    def raw_command_chunks(self, command: str, *, max_literal: int = HEADER_LITERAL_MAX,
                           what: str = "FETCH", chunk_size: int = 1 << 18) -> Iterator[bytes]:
        """One command's untagged responses as wire bytes (see WireReader.chunks)."""
        return self._wire.chunks(command, max_literal=max_literal, what=what, chunk_size=chunk_size)

    def identify_and_enable(self, name: str, version: str, capabilities: Sequence[str]) -> list[str]:
        """ID then ENABLE in one round trip instead of two (issue 23: each is a 40 ms wait on a
        school's link, 100 ms on a rural one). ID is courtesy: its refusal changes nothing.
        Returns what the server enabled; a refused ENABLE raises, as `enable` does."""
        wanted = [c.upper() for c in capabilities if re.fullmatch(r"[A-Za-z0-9=+_-]+", c)]
        commands = []
        if self.has("ID"):
            values = ("name", name, "version", version)
            quoted = " ".join('"' + v.replace("\\", "").replace('"', "") + '"' for v in values)
            commands.append(f"ID ({quoted})")
        if wanted and self.has("ENABLE"):
            commands.append("ENABLE " + " ".join(wanted))
        if not commands:
            return []
        untagged, statuses = self.raw_pipelined(commands, what="ENABLE")
        if commands[-1].startswith("ENABLE"):
            self._check_tagged(statuses[-1], "ENABLE")
        enabled: list[str] = []
        for text in untagged:
            if text[:10].upper() == b"* ENABLED ":
                enabled.extend(_text(token).upper() for token in text[10:].split())
        return enabled

    def _check_tagged(self, status_line: bytes, what: str) -> None:
        """The tagged completion of a raw command: return on OK, raise the typed error otherwise."""
        self.last_completion = status_line
        status = _TAGGED_STATUS.match(status_line)
        if status and status.group(1).upper() == b"OK":
            return
        server_text = _text(status.group(2) if status else status_line)
        if "OVERQUOTA" in server_text.upper():
            raise errors.QuotaExceeded(f"{self.where}: {what}: over quota", server_text=server_text)
        raise errors.ProtocolError(f"{self.where}: {what} refused: {log.redactor.redact(server_text)}",
                                   server_text=server_text)

    def raw_uid_fetch(self, uid_set: str, items: str, modifiers: str = "", *,
                      max_literal: int = HEADER_LITERAL_MAX, by_uid: bool = True
                      ) -> Iterator[tuple[bytes, list[bytes]]]:
        """`UID FETCH <set> (<items>) [(<modifiers>)]`, responses unparsed (see raw_command)."""
        return self.raw_command(_fetch_command(uid_set, items, modifiers, by_uid), max_literal=max_literal,
                                what="FETCH")

    def raw_fetch_chunks(self, uid_set: str, items: str, *, by_uid: bool = True,
                         max_literal: int = HEADER_LITERAL_MAX) -> Iterator[bytes]:
        """The same FETCH, its responses as wire bytes (see raw_command_chunks)."""
        return self.raw_command_chunks(_fetch_command(uid_set, items, "", by_uid), max_literal=max_literal,
                                       what="FETCH")

    def fetch_body(self, uid: int, *, max_size: int = BODY_LITERAL_MAX) -> bytes | None:
        """The whole message with BODY.PEEK (not marked read), hostile sizes refused."""
        body: bytes | None = None
        for text, literals in self.raw_uid_fetch(str(int(uid)), "UID BODY.PEEK[]", max_literal=max_size):
            if b"FETCH" in text[:40].upper() and literals and re.search(
                    rb"UID " + str(int(uid)).encode() + rb"\b", text):
                body = literals[-1]
        return body

    def enable(self, *capabilities: str) -> list[str]:
        """ENABLE (RFC 5161), e.g. QRESYNC; returns what the server enabled."""
        if not self.has("ENABLE"):
            return []
        with self._translated("ENABLE"):
            return [_text(c).upper() for c in self.client.enable(*capabilities)]

    def identify(self, name: str, version: str) -> dict[str, str] | None:
        """ID (RFC 2971) after login: some académie servers log the client for support."""
        if not self.has("ID"):
            return None
        with self._translated("ID"):
            answer = self.client.id_({"name": name, "version": version})
        if not answer:
            return None
        items = list(answer) if not isinstance(answer, dict) else [x for kv in answer.items() for x in kv]
        return {_text(k): _text(v) for k, v in zip(items[::2], items[1::2], strict=False)}

    def idle_start(self) -> None:
        with self._translated("IDLE"):
            self.client.idle()

    def idle_check(self, timeout: float) -> list[tuple[Any, ...]]:
        """Untagged responses seen while idling (e.g. (5, b'EXISTS')); [] after `timeout`."""
        with self._translated("IDLE", extra_seconds=timeout):
            return list(self.client.idle_check(timeout=timeout))

    def idle_done(self) -> list[tuple[Any, ...]]:
        """End IDLE; returns the responses that arrived between the last check and DONE."""
        with self._translated("IDLE"):
            _, responses = self.client.idle_done()
        return list(responses)


def _fetch_command(uid_set: str, items: str, modifiers: str, by_uid: bool) -> str:
    if not re.fullmatch(r"[0-9:*,]+", uid_set):
        raise errors.ProtocolError("invalid UID set")
    command = f"{'UID ' if by_uid else ''}FETCH {uid_set} ({items})"
    return f"{command} ({modifiers})" if modifiers else command


class _PlainResponse:
    """imaplib's continuation callback for AUTHENTICATE (it must be a bound method): the PLAIN
    response once; a second challenge is cancelled with "*" (RFC 3501 6.2.2), never answered again."""

    def __init__(self, token: str) -> None:
        self._token: bytes | None = token.encode("ascii")

    def answer(self, _challenge: bytes) -> bytes:
        token, self._token = self._token, None
        return token if token is not None else b"*"


class _ClientChannel:
    """The session's connection as the wire reader sees it (wire_reader.Channel): imapclient's tag
    counter, socket and stream, the session's error translation, completion check and close."""

    def __init__(self, session: ImapSession) -> None:
        self._session = session

    @property
    def where(self) -> str:
        return self._session.where

    @property
    def file(self) -> Any:
        return self._session.client._imap.file

    def new_tag(self) -> bytes:
        imap = self._session.client._imap
        tag: bytes = imap._new_tag()
        imap.tagged_commands.pop(tag, None)  # ours: imaplib must not wait for it
        return tag

    def send(self, data: bytes) -> None:
        self._session.client._imap.send(data)

    def translated(self, what: str, *, extra_seconds: float = 0.0) -> AbstractContextManager[None]:
        return self._session._translated(what, extra_seconds=extra_seconds)

    def check_tagged(self, status_line: bytes, what: str) -> None:
        self._session._check_tagged(status_line, what)

    def close(self) -> None:
        self._session.close()


class _InflatingReader(io.RawIOBase):
    """The server's DEFLATE stream as plain bytes, inflated at most 1 MiB at a time so a small
    compressed bomb never becomes a huge buffer (literal limits still apply above it)."""

    def __init__(self, sock: Any) -> None:
        self._sock = sock
        self._inflate = zlib.decompressobj(-15)
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            tail = self._inflate.unconsumed_tail
            if tail:
                self._pending = self._inflate.decompress(tail, 1 << 20)
                continue
            chunk = self._sock.recv(65536)
            if not chunk:
                return 0
            try:
                self._pending = self._inflate.decompress(chunk, 1 << 20)
            except zlib.error as exc:
                raise errors.ProtocolError("corrupt compressed stream from the server") from exc
        count = min(len(buffer), len(self._pending))
        buffer[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count


_MAILBOX_FORBIDDEN = re.compile(r"[\r\n\x00]")


def check_mailbox_name(name: str) -> str:
    """Mailbox names go on the command line: CR/LF/NUL would inject commands."""
    if _MAILBOX_FORBIDDEN.search(name):
        raise errors.ProtocolError("mailbox name contains a line break or NUL")
    return name
