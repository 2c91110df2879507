"""The only smtplib user: SMTP submission with verified TLS and exactly one AUTH attempt.

smtplib's own `login()` tries every mechanism in turn when one is refused, which multiplies failed
attempts against an account that locks: we call AUTH once, with one mechanism. STARTTLS is never
skipped: if the server does not offer it, we stop before any credential is sent. A connection that
drops after the message data was sent makes the delivery *uncertain*, never "failed".
"""

from __future__ import annotations

import functools
import io
import os
import re
import smtplib
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from acmail_desktop.core import errors, log, wire
from acmail_desktop.core.net import Endpoint, translate_network_error
from acmail_desktop.core.otp import Credential


@dataclass(frozen=True)
class SmtpCapabilities:
    features: frozenset[str]
    auth_mechanisms: tuple[str, ...]
    size_limit: int | None
    greeting: str


class _BoundedSMTP(smtplib.SMTP):
    """smtplib with its socket handed to the deadline as soon as it exists (before any TLS
    handshake) and each reply read through a capped, counting reader (see core.wire)."""

    deadline: wire.Deadline

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        sock = super()._get_socket(host, port, timeout)  # type: ignore[misc]
        if not isinstance(sock, ssl.SSLSocket):
            self.deadline.attach(sock)
        return sock

    def getreply(self) -> tuple[int, bytes]:
        if self.file is None:
            self._reader = wire.CountingReader(self.sock, self.deadline)
            self.file = io.BufferedReader(self._reader)  # type: ignore[assignment]
        self._reader.budget = wire.SMTP_REPLY_MAX
        return super().getreply()


class _BoundedSMTPSSL(smtplib.SMTP_SSL, _BoundedSMTP):
    """Implicit TLS: SMTP_SSL wraps the socket that `_BoundedSMTP._get_socket` attached."""


_Method = TypeVar("_Method", bound=Callable[..., Any])


def _under_deadline(method: _Method) -> _Method:
    """Run one SMTP step (connect, AUTH, a transaction) under the submission's deadline: its
    timeout plus the time to send the message at wire.MIN_RATE. A step cut by the deadline is a
    timeout, except a send that reached DATA, which stays *uncertain*."""

    @functools.wraps(method)
    def timed(self: SmtpSubmission, *args: Any, **kwargs: Any) -> Any:
        planned = args[1] if len(args) > 1 and isinstance(args[1], int) else 0  # send_stream's size
        self.deadline.start(self.timeout, planned_bytes=planned)
        try:
            return method(self, *args, **kwargs)
        except errors.SendUncertain:
            raise
        except errors.AcmailError as exc:
            if self.deadline.expired and not isinstance(exc, errors.ConnectionTimeout):
                raise errors.ConnectionTimeout(f"{self.where}: no complete answer in time") from exc
            raise
        finally:
            self.deadline.stop()

    return timed  # type: ignore[return-value]


class SmtpSubmission:
    """One submission connection; use as a context manager."""

    def __init__(self, endpoint: Endpoint, ssl_context: ssl.SSLContext, *, timeout: float = 20.0,
                 local_hostname: str = "acmail.localdomain") -> None:
        self.endpoint = endpoint
        self.ssl_context = ssl_context
        self.timeout = timeout
        self.local_hostname = local_hostname
        self._smtp: smtplib.SMTP | None = None
        self.capabilities: SmtpCapabilities | None = None
        self.deadline = wire.Deadline()

    @property
    def where(self) -> str:
        return f"SMTP {self.endpoint.hostname}:{self.endpoint.port}"

    def __enter__(self) -> SmtpSubmission:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @_under_deadline
    def connect(self) -> SmtpCapabilities:
        host, port = self.endpoint.hostname, self.endpoint.port
        try:
            smtp: _BoundedSMTP
            if self.endpoint.security == "implicit":
                smtp = _BoundedSMTPSSL(local_hostname=self.local_hostname, timeout=self.timeout,
                                       context=self.ssl_context)
            else:
                smtp = _BoundedSMTP(local_hostname=self.local_hostname, timeout=self.timeout)
            smtp.deadline, smtp._host = self.deadline, host  # type: ignore[attr-defined]
            self._smtp = smtp
            code, message = smtp.connect(host, port)
            if code != 220:
                raise smtplib.SMTPConnectError(code, message)
            code, _ = smtp.ehlo()
            if code != 250:
                raise errors.ProtocolError(f"{self.where}: EHLO refused ({code})")
            if self.endpoint.security != "implicit":
                if not smtp.has_extn("starttls"):
                    raise errors.StartTlsMissing(f"{self.where}: STARTTLS not offered")
                code, _ = smtp.starttls(context=self.ssl_context)
                if code != 220:
                    raise errors.StartTlsMissing(f"{self.where}: STARTTLS refused ({code})")
                smtp.ehlo()  # capabilities again, from inside TLS
        except errors.AcmailError:
            self.close()
            raise
        except smtplib.SMTPNotSupportedError as exc:
            self.close()
            raise errors.StartTlsMissing(f"{self.where}: STARTTLS not offered") from exc
        except smtplib.SMTPResponseException as exc:
            self.close()
            if exc.smtp_code == 454:
                raise errors.StartTlsMissing(f"{self.where}: STARTTLS refused") from exc
            raise errors.ProtocolError(f"{self.where}: greeting refused ({exc.smtp_code})") from exc
        except smtplib.SMTPServerDisconnected as exc:
            self.close()
            if isinstance(exc.__context__, TimeoutError):  # smtplib hides a silent server's timeout
                raise errors.ConnectionTimeout(f"{self.where}: no greeting in time") from exc
            raise errors.ProtocolError(f"{self.where}: connection closed during greeting") from exc
        except (TimeoutError, OSError) as exc:
            self.close()
            raise translate_network_error(exc, self.where) from exc
        features = frozenset(k.lower() for k in smtp.esmtp_features)
        mechanisms = tuple(smtp.esmtp_features.get("auth", "").upper().split())
        size_text = smtp.esmtp_features.get("size", "").strip()
        self.capabilities = SmtpCapabilities(features, mechanisms,
                                             int(size_text) if size_text.isdigit() and int(size_text) else None,
                                             "")
        log.smtp.info("connected to %s, mechanisms: %s, size limit: %s", self.where, " ".join(mechanisms) or "-",
                      self.capabilities.size_limit)
        return self.capabilities

    @property
    def smtp(self) -> smtplib.SMTP:
        if self._smtp is None:
            raise errors.SessionLost(f"{self.where}: not connected")
        return self._smtp

    @_under_deadline
    def login(self, credential: Credential) -> None:
        """One AUTH, one mechanism: PLAIN (UTF-8, RFC 4616) when offered, else LOGIN for an ASCII
        credential; a credential with é, ç or € and no PLAIN is refused before anything is sent."""
        caps = self.capabilities
        if caps is None:
            raise errors.SessionLost(f"{self.where}: not connected")
        mechanism = next((m for m in ("PLAIN", "LOGIN") if m in caps.auth_mechanisms), None)
        if mechanism is None:
            raise errors.SmtpAuthFailed(f"{self.where}: no supported AUTH mechanism offered")
        if mechanism == "LOGIN" and credential.needs_utf8:
            raise errors.CredentialCharsetUnsupported(
                f"{self.where}: the credential is not ASCII and the server offers no AUTH PLAIN")
        smtp = self.smtp
        response: bytes | str
        try:
            if mechanism == "PLAIN":
                code, response = self._auth_plain(credential)
            else:
                smtp.user, smtp.password = credential.username, credential.secret.reveal()
                code, response = smtp.auth("LOGIN", smtp.auth_login, initial_response_ok=True)
        except smtplib.SMTPAuthenticationError as exc:
            code, response = exc.smtp_code, exc.smtp_error
        except smtplib.SMTPException as exc:
            raise errors.SmtpError(f"{self.where}: AUTH failed ({type(exc).__name__})") from None
        except OSError as exc:
            raise translate_network_error(exc, self.where) from None
        finally:
            smtp.password = ""
        if code in (235, 503):
            log.smtp.info("authenticated as %s", credential.username)
            return
        text = log.redactor.redact(_as_text(response))
        log.smtp.warning("AUTH refused for %s: %s %s", credential.username, code, text)
        if code in (501, 504) and credential.needs_utf8:  # "cannot decode": the UTF-8 was refused
            raise errors.CredentialCharsetUnsupported(f"{self.where}: AUTH PLAIN refused as malformed ({code})",
                                                      server_text=text)
        raise errors.SmtpAuthFailed(f"{self.where}: authentication refused ({code})", server_text=text)

    def _auth_plain(self, credential: Credential) -> tuple[int, bytes]:
        """AUTH PLAIN with the initial response (RFC 4954), or after an empty 334 challenge."""
        smtp = self.smtp
        token = credential.sasl_plain()
        code, response = smtp.docmd("AUTH", "PLAIN " + token)
        if code == 334:
            code, response = smtp.docmd(token)
        return code, response

    def send(self, message_bytes: bytes, sender: str, recipients: list[str]) -> list[RcptAnswer]:
        """Small messages (tests, tools): the same path as `send_file`."""
        return self.send_stream(io.BytesIO(message_bytes), len(message_bytes), sender, recipients)

    def send_file(self, path: Path, sender: str, recipients: list[str]) -> list[RcptAnswer]:
        """The spooled message goes from disk to the socket in chunks: memory does not grow with it."""
        with open(path, "rb") as source:
            return self.send_stream(source, os.fstat(source.fileno()).st_size, sender, recipients)

    @_under_deadline
    def send_stream(self, source: BinaryIO, size: int, sender: str, recipients: list[str]) -> list[RcptAnswer]:
        """MAIL, every RCPT, then DATA streamed, step by step, so that

        - a recipient refused before DATA stops everything (RSET): nothing goes to a subset silently;
        - a drop before the final dot is a lost connection (not accepted, retried), after it *uncertain*.

        `source` holds the message with CRLF line ends (what `core.mime` writes). Returns every RCPT answer.
        """
        smtp = self.smtp
        options = []
        if self.capabilities and "size" in self.capabilities.features:
            options.append(f"SIZE={size}")
        if self.capabilities and self.capabilities.size_limit and size > self.capabilities.size_limit:
            raise errors.MessageTooLarge(f"{self.where}: message larger than the server's limit")
        answers: list[RcptAnswer] = []
        try:
            code, response = smtp.mail(sender, options)
            self._check(code, response, "MAIL FROM")
            for recipient in recipients:
                code, response = smtp.rcpt(recipient)
                answers.append(RcptAnswer(recipient, code, _as_text(response)))
            self._refuse_if_any(answers)
            smtp.putcmd("data")
            code, response = smtp.getreply()
            if code != 354:
                self._check(code if code >= 400 else 554, response, "DATA")
            _stream_dot_stuffed(source, smtp.send)
        except smtplib.SMTPServerDisconnected as exc:
            self.close()
            raise errors.SessionLost(f"{self.where}: connection lost before the end of DATA") from exc
        except OSError as exc:
            self.close()
            raise translate_network_error(exc, self.where) from exc
        try:
            smtp.send(b".\r\n")
            code, response = smtp.getreply()
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            self.close()
            raise errors.SendUncertain(f"{self.where}: connection lost after the message was sent") from exc
        self._check(code, response, "DATA")
        log.smtp.info("message accepted by %s for %d recipient(s)", self.where, len(recipients))
        return answers

    def _refuse_if_any(self, answers: list[RcptAnswer]) -> None:
        """Any refused recipient: RSET, and say who and why (every refusal logged, addresses masked)."""
        refused = [a for a in answers if not a.accepted]
        if not refused:
            return
        self._reset()
        for answer in refused:
            masked = log.mask_address(answer.address)
            log.smtp.warning("RCPT %s refused by %s: %d %s", masked, self.where, answer.code,
                             log.redactor.redact(answer.text).replace(answer.address, masked))
        refusals = tuple((a.address, a.code, a.text) for a in refused)
        for answer in refused:
            limit = classify_limit(answer.code, answer.text)
            if limit is not None:
                raise limit(f"{self.where}: RCPT refused by a sending limit ({answer.code}); nothing sent",
                            server_text=answer.text)
        if all(400 <= a.code < 500 for a in refused):
            raise errors.SmtpTemporaryFailure(f"{self.where}: {len(refused)} recipient(s) deferred",
                                              server_text=refused[0].text)
        raise errors.RecipientsRefused(f"{self.where}: {len(refused)} of {len(answers)} recipient(s) refused",
                                       refusals=refusals, server_text=refused[0].text)

    @_under_deadline
    def noop(self) -> None:
        """Keep an idle connection alive (within the server's idle limit); SessionLost when it is gone."""
        try:
            code, _ = self.smtp.noop()
        except (smtplib.SMTPException, OSError) as exc:
            self.close()
            raise errors.SessionLost(f"{self.where}: connection gone") from exc
        if code != 250:
            self.close()
            raise errors.SessionLost(f"{self.where}: NOOP refused ({code})")

    @_under_deadline
    def reset(self) -> None:
        """RSET before reusing a kept connection: a clean transaction, and a check that it still lives."""
        try:
            code, _ = self.smtp.rset()
        except (smtplib.SMTPException, OSError) as exc:
            self.close()
            raise errors.SessionLost(f"{self.where}: connection gone") from exc
        if code != 250:
            self.close()
            raise errors.SessionLost(f"{self.where}: RSET refused ({code})")

    @property
    def connected(self) -> bool:
        return self._smtp is not None

    def _check(self, code: int, response: bytes | str, stage: str) -> None:
        if 200 <= code < 400:
            return
        text = _as_text(response)
        self._reset()
        limit = classify_limit(code, text)
        if limit is not None:
            log.smtp.warning("%s refused by %s as a sending limit (%d)", stage, self.where, code)
            raise limit(f"{self.where}: {stage} refused by a sending limit ({code})", server_text=text)
        if 400 <= code < 500:
            raise errors.SmtpTemporaryFailure(f"{self.where}: {stage} deferred ({code})", server_text=text)
        raise errors.SmtpRejected(f"{self.where}: {stage} refused ({code})", server_text=text)

    def _reset(self) -> None:
        try:
            self.smtp.rset()
        except Exception:
            pass

    @_under_deadline
    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except Exception:
            try:
                smtp.close()
            except Exception:
                pass
        self.deadline.release()


@dataclass(frozen=True)
class RcptAnswer:
    """The server's answer to one RCPT TO, kept so a refusal can name the address and the reason."""

    address: str
    code: int
    text: str

    @property
    def accepted(self) -> bool:
        return 200 <= self.code < 300


STREAM_CHUNK = 64 * 1024
_DOT_AFTER_LF = re.compile(rb"(?<=\n)\.")
_EOL = re.compile(rb"\r\n|\r|\n")


def _stream_dot_stuffed(source: BinaryIO, send: Callable[[bytes], None]) -> None:
    """RFC 5321 4.5.2 transparency over chunks: a line starting with "." gets a second one, whether the
    line starts inside a chunk or at its first byte. Bare LF and bare CR become CRLF on the way (as
    smtplib's sendmail does): a message written with LF ends (the email package's default) would
    otherwise end in "\n.\r\n", which no server reads as the end of DATA. Ends with CRLF so the
    final dot is on its own line."""
    at_line_start = True
    held_cr = b""  # a CR at the end of a chunk may be the first half of a CRLF split across chunks
    while chunk := source.read(STREAM_CHUNK):
        chunk = held_cr + chunk
        held_cr = b"\r" if chunk.endswith(b"\r") else b""
        if held_cr:
            chunk = chunk[:-1]
        if chunk:
            at_line_start = _send_stuffed(_EOL.sub(b"\r\n", chunk), at_line_start, send)
    if held_cr:
        at_line_start = _send_stuffed(b"\r\n", at_line_start, send)
    if not at_line_start:
        send(b"\r\n")


def _send_stuffed(normalized: bytes, at_line_start: bool, send: Callable[[bytes], None]) -> bool:
    """Send one CRLF-normalised piece dot-stuffed; whether the next piece starts a line."""
    stuffed = _DOT_AFTER_LF.sub(b"..", normalized)
    if at_line_start and stuffed[:1] == b".":
        stuffed = b"." + stuffed
    send(stuffed)
    return normalized.endswith(b"\n")


_ENHANCED_STATUS = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")
# A rate or a time window ("per hour", "in the last 10 minutes", "daily", "/h"), English and French
_RATE_WORDS = re.compile(
    r"rate.?limit|\brate\b|throttl|quota d'envoi|limite d'envoi|\bper (second|minute|hour|day)\b"
    r"|\bin the last\b|\b(hourly|daily)\b|/(min|h|hour|day)\b|par (minute|heure|jour)"
    r"|too many (messages|mails|e-?mails|connections|sends)|trop de (messages|courriels)",
    re.IGNORECASE,
)
_TOO_MANY_RECIPIENTS = re.compile(r"too many recipients|recipient limit|trop de destinataires", re.IGNORECASE)
_LIMIT_WORDS = re.compile(r"send(ing)? (limit|quota)|limit (exceeded|reached)|exceeded .{0,40}limit", re.IGNORECASE)


def classify_limit(code: int, text: str) -> type[errors.SmtpError] | None:
    """Whether a 4xx/5xx answer is a sending limit, and which kind, from its codes and wording.

    Servers disagree on codes (Postfix 452 4.5.3, Exchange 4.7.x / 5.7.x with "rate", policy services
    4.7.1, Gmail 4.7.28 / 5.4.5 ...): a rate or a time window means a sending limit over time (retried
    later), whatever the class; otherwise x.5.3 or "too many recipients" means too many recipients for
    one message (to split); other "limit exceeded" wording is a limit over time. Anything else is None.
    """
    if not 400 <= code < 600:
        return None
    enhanced = _ENHANCED_STATUS.search(text)
    subject_detail = (enhanced.group(2), enhanced.group(3)) if enhanced else None
    if subject_detail == ("7", "28") or _RATE_WORDS.search(text):
        return errors.SendingLimitReached
    if subject_detail == ("5", "3") or _TOO_MANY_RECIPIENTS.search(text):
        return errors.TooManyRecipients
    if _LIMIT_WORDS.search(text):
        return errors.SendingLimitReached
    return None


def _as_text(reply: bytes | str) -> str:
    """smtplib hands server replies as bytes, but as str in a few of its own error paths."""
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
