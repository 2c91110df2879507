"""Credentials: a password, or a PassCode OTP (PIN followed by the token's 6-digit code).

A PassCode is single use: it is never stored and never replayed. For a `totp` profile the user can
enrol the RFC 6238 secret, and `TotpGenerator` makes the codes with pyotp.
"""

from __future__ import annotations

import base64
import math
import re
import time
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qs, urlparse

import pyotp

from acmail_desktop.core.errors import InputError
from acmail_desktop.core.log import redactor

CredentialKind = Literal["password", "passcode"]
_CODE = re.compile(r"^\d{6}$")
_PIN = re.compile(r"^\d{4,8}$")


class Secret:
    """A secret string that never shows itself in repr, str, f-strings or tracebacks."""

    __slots__ = ("_value",)

    def __init__(self, value: str, *, username: str | None = None) -> None:
        self._value = value
        redactor.register(value, username=username)

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret(«masqué»)"

    __str__ = __repr__

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(("secret", len(self._value)))


@dataclass(frozen=True)
class Credential:
    username: str
    kind: CredentialKind
    secret: Secret

    @property
    def single_use(self) -> bool:
        """A PassCode works once: a reconnection must ask the user for a new one."""
        return self.kind == "passcode"

    @property
    def needs_utf8(self) -> bool:
        """imaplib's LOGIN and smtplib's AUTH encode ASCII: anything else must travel as SASL PLAIN."""
        return not (self.username.isascii() and self.secret.reveal().isascii())

    def sasl_plain(self) -> str:
        """The RFC 4616 PLAIN response (empty authzid), UTF-8 then base64. The redactor learns it
        so that a protocol trace never shows it."""
        raw = b"\0" + self.username.encode("utf-8") + b"\0" + self.secret.reveal().encode("utf-8")
        token = base64.b64encode(raw).decode("ascii")
        redactor.register(self.secret.reveal(), username=self.username)
        return token


def password_credential(username: str, password: str) -> Credential:
    if not password:
        raise InputError("empty password")
    return Credential(username, "password", Secret(password, username=username))


def passcode_problems(pin: str, code: str) -> list[str]:
    """Shape checks for a PassCode, as stable codes the UI translates."""
    problems = []
    if not _PIN.match(pin or ""):
        problems.append("pin_shape")
    if not _CODE.match(code or ""):
        problems.append("code_shape")
    return problems


def passcode_credential(username: str, pin: str, code: str) -> Credential:
    pin, code = pin.strip(), code.replace(" ", "").strip()
    problems = passcode_problems(pin, code)
    if problems:
        raise InputError("PassCode shape: " + ", ".join(problems))
    return Credential(username, "passcode", Secret(pin + code, username=username))


def split_passcode(value: str) -> tuple[str, str]:
    """PIN and code from a PassCode typed as one string (the last 6 digits are the code)."""
    value = value.strip()
    return value[:-6], value[-6:]


class TotpGenerator:
    """RFC 6238 codes from a secret enrolled by the user (kept in the keyring, never in a file)."""

    def __init__(self, secret_b32: str, *, interval: int = 30, digits: int = 6) -> None:
        cleaned = secret_b32.replace(" ", "").upper()
        try:
            pyotp.TOTP(cleaned).now()
        except Exception as exc:  # pyotp raises binascii.Error / ValueError on bad base32
            raise InputError("invalid TOTP secret") from exc
        redactor.register(cleaned)
        self._totp = pyotp.TOTP(cleaned, interval=interval, digits=digits)
        self.interval = interval

    @classmethod
    def from_uri(cls, uri: str) -> TotpGenerator:
        parsed = urlparse(uri.strip())
        if parsed.scheme != "otpauth" or parsed.netloc != "totp":
            raise InputError("not an otpauth://totp/ URI")
        query = parse_qs(parsed.query)
        secret = (query.get("secret") or [""])[0]
        if not secret:
            raise InputError("otpauth URI without secret")
        if (query.get("algorithm") or ["SHA1"])[0].upper() != "SHA1":
            raise InputError("only SHA1 TOTP is supported")
        return cls(secret, interval=int((query.get("period") or ["30"])[0]),
                   digits=int((query.get("digits") or ["6"])[0]))

    def code(self, at: float | None = None) -> str:
        return self._totp.at(time.time() if at is None else at)

    def seconds_left(self, at: float | None = None) -> int:
        now = time.time() if at is None else at
        # Rounded up: the last fraction of a step still counts as one second, never as "0 s".
        return max(1, math.ceil(self.interval - (now % self.interval)))
