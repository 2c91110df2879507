"""Named loggers per subsystem, with secrets redacted before any handler sees a record.

Adapters register each secret they handle (`redactor.register`); every record is rewritten by a
filter that replaces those values (and their base64 forms, as sent by AUTH PLAIN/LOGIN) and masks
protocol lines that carry credentials, whatever logger produced them.
"""

from __future__ import annotations

import base64
import json
import logging
import logging.handlers
import re
import threading
from pathlib import Path

imap = logging.getLogger("acmail.imap")
smtp = logging.getLogger("acmail.smtp")
store = logging.getLogger("acmail.store")
diag = logging.getLogger("acmail.diag")
ui = logging.getLogger("acmail.ui")
auth = logging.getLogger("acmail.auth")
misc = logging.getLogger("acmail.misc")

MASK = "«masqué»"
# Protocol shapes only (upper-case commands as sent on the wire), so that ordinary sentences such
# as "login as fdurand" or a list of AUTH mechanisms stay readable:
# `<tag> LOGIN user password` keeps the user and masks the password; `AUTH PLAIN <base64>` masks it.
# Neither matches a list of mechanisms or capabilities ("AUTH LOGIN PLAIN | HELP", "AUTH PLAIN
# XOAUTH2"): the tag is not AUTH, the masked token is not a separator, and a SASL mechanism name
# long enough to look like base64 is not taken for a credential.
_MECHANISM = (r"(?:XOAUTH2?|OAUTHBEARER|GSSAPI|EXTERNAL|ANONYMOUS|KERBEROS|PLAIN|LOGIN|NTLM|SCRAM|"
              r"DIGEST|CRAM|GS2|SRP)(?![A-Za-z0-9+/=])")
_LOGIN_LINE = re.compile(r"(\b(?!AUTH\b)[A-Za-z0-9]+ LOGIN (?:\"[^\"]*\"|[^\s|]+) )(?!\|)(\"[^\"]*\"|\S+)")
_AUTH_LINE = re.compile(r"(\bAUTH(?:ENTICATE)? (?:PLAIN|LOGIN|XOAUTH2) )(?!" + _MECHANISM
                        + r")([A-Za-z0-9+/]{6,}={0,2})")


class SecretRedactor:
    """Knows the secrets of the running session and removes them from any text."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: set[str] = set()

    def register(self, secret: str, *, username: str | None = None) -> None:
        if not secret:
            return
        forms = {secret, _b64(secret)}
        if username is not None:
            forms.add(_b64(f"\0{username}\0{secret}"))
            forms.add(_b64(f"{username}\0{username}\0{secret}"))
        with self._lock:
            self._values.update(f for f in forms if len(f) >= 3)

    def forget(self, secret: str) -> None:
        with self._lock:
            self._values.discard(secret)
            self._values.discard(_b64(secret))

    def redact(self, text: str) -> str:
        text = _LOGIN_LINE.sub(lambda m: m.group(1) + MASK, text)
        text = _AUTH_LINE.sub(lambda m: m.group(1) + MASK, text)
        with self._lock:
            values = sorted(self._values, key=len, reverse=True)
        for value in values:
            if value in text:
                text = text.replace(value, MASK)
        return text


def mask_identifiant(identifiant: str) -> str:
    """`fdurand` -> `fd****d`: enough for the help desk to confirm, not enough to reuse."""
    value = identifiant.strip()
    if len(value) <= 2:
        return "*" * len(value)
    if len(value) <= 4:
        return value[0] + "*" * (len(value) - 1)
    return value[:2] + "*" * (len(value) - 3) + value[-1]


def mask_address(address: str) -> str:
    """`prenom.nom@ac-x.fr` -> `pr*******m@ac-x.fr`: the log says which domain, not who."""
    local, at, domain = address.strip().strip("<>").partition("@")
    return mask_identifiant(local) + at + domain


def _b64(value: str) -> str:
    return base64.b64encode(value.encode("utf-8")).decode("ascii")


redactor = SecretRedactor()


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redactor.redact(record.exc_text)
        record.msg = redactor.redact(message)
        record.args = None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for end-to-end tests that wait on log events."""

    def format(self, record: logging.LogRecord) -> str:
        data = {"t": record.created, "level": record.levelname, "logger": record.name,
                "msg": record.getMessage()}
        if record.exc_text:
            data["exc"] = record.exc_text
        return json.dumps(data, ensure_ascii=False)


_installed_filter = RedactingFilter()


def install_redaction(handler: logging.Handler) -> logging.Handler:
    handler.addFilter(_installed_filter)
    return handler


def setup_logging(log_file: Path | None, *, debug: bool = False, json_format: bool = False,
                  to_stderr: bool = False) -> None:
    """Configure the `acmail` logger tree; safe to call more than once."""
    root = logging.getLogger("acmail")
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    formatter: logging.Formatter = (
        JsonFormatter() if json_format
        else logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        file_handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
        file_handler.setFormatter(formatter)
        root.addHandler(install_redaction(file_handler))
    if to_stderr:
        stream = logging.StreamHandler()
        stream.setFormatter(formatter)
        root.addHandler(install_redaction(stream))
    # Library loggers (imaplib/imapclient debug output carries protocol lines) go through ours too.
    for name in ("imapclient", "imapclient.imaplib", "keyring", "aiosmtpd"):
        lib = logging.getLogger(name)
        lib.propagate = False
        for handler in root.handlers:
            lib.addHandler(handler)
