"""Authentication authority shared by the Dovecot checkpassword program and the SMTP servers.

Why a separate in-process authority: one-time codes must be single-use across IMAP and SMTP, and
tests need to flip account state (locked, expired, clock skew) and inspect attempts without
restarting Dovecot. The checkpassword program (run by Dovecot as user ``dovecot``) only forwards
``user``/``password`` over a Unix socket; every decision and all state live here.
"""

from __future__ import annotations

import hmac
import json
import os
import socketserver
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pyotp

DEFAULT_LOCKED_TEXT = "Compte verrouillé après trop d'échecs d'authentification. Réessayez dans 15 minutes."
EXPIRED_TEXT = "Mot de passe expiré : changez-le sur le portail de l'académie."
TOTP_STEP = 30
TOTP_DIGITS = 6


@dataclass(frozen=True)
class AuthAttempt:
    """One authentication decision; deliberately holds no secret."""

    service: str  # "imap" or "smtp"
    identifiant: str
    result: str  # "ok", "bad", "usual_password", "replayed", "locked", "expired"
    at: float


@dataclass
class Account:
    """A test account and its mutable authentication state."""

    identifiant: str
    password: str
    email: str
    pin: str | None = None
    totp_secret: str | None = None
    locked: bool = False
    alert_text: str = DEFAULT_LOCKED_TEXT
    expired: bool = False
    quota_kb: int | None = None
    # The national messagerie's shape: the login is the address and only application passwords
    # open the mailbox; the usual password is refused (recorded as "usual_password", never logged).
    app_passwords: tuple[str, ...] = ()
    used_codes: set[tuple[str, int]] = field(default_factory=set)


@dataclass(frozen=True)
class Decision:
    """What the authority answers for one login."""

    result: str
    identifiant: str
    reason: str | None = None  # IMAP reason text (sent by Dovecot as the NO text)
    code: str | None = None  # Dovecot auth failure code, e.g. "pass_expired" -> [EXPIRED]
    quota_kb: int | None = None

    @property
    def accepted(self) -> bool:
        """True only when the session may proceed."""
        return self.result == "ok"


def ascii_text(text: str) -> str:
    """Strip accents: aiosmtpd encodes replies as ASCII unless SMTPUTF8 is on."""
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii")


class AuthAuthority:
    """Thread-safe account store deciding password / PassCode logins for IMAP and SMTP."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._accounts: dict[str, Account] = {}
        self._attempts: list[AuthAttempt] = []
        self.clock_skew = 0
        self._server: _UnixServer | None = None
        self._thread: threading.Thread | None = None
        self.socket_path: Path | None = None

    # -- accounts -------------------------------------------------------------------------
    def add_account(self, account: Account) -> None:
        """Register (or replace) an account; the identifiant is matched case-insensitively."""
        with self._lock:
            self._accounts[account.identifiant.lower()] = account

    def account(self, identifiant: str) -> Account:
        """Return the account or raise KeyError with a readable message."""
        try:
            return self._accounts[identifiant.strip().lower()]
        except KeyError:
            raise KeyError(f"unknown account {identifiant!r}") from None

    def accounts(self) -> list[Account]:
        """Snapshot of all accounts."""
        with self._lock:
            return list(self._accounts.values())

    def find_by_address(self, address: str) -> Account | None:
        """Resolve an e-mail address, or ``identifiant@local``, to a local account."""
        address = address.strip().strip("<>").lower()
        with self._lock:
            for acc in self._accounts.values():
                if address in (acc.email.lower(), f"{acc.identifiant.lower()}@local"):
                    return acc
        return None

    # -- one-time codes -------------------------------------------------------------------
    def code_at(self, identifiant: str, at: float | None = None) -> str:
        """The 6-digit TOTP code the user's token shows at ``at`` (real clock by default)."""
        acc = self.account(identifiant)
        if not acc.totp_secret:
            raise ValueError(f"account {identifiant!r} has no TOTP secret")
        return pyotp.TOTP(acc.totp_secret).at(time.time() if at is None else at)

    def unused_code(self, identifiant: str) -> str:
        """A code the server would still accept now (the current step, else a neighbour).

        Why: tests that log in twice within 30 s would otherwise hit the replay guard.
        """
        acc = self.account(identifiant)
        server_now = time.time() + self.clock_skew
        totp = pyotp.TOTP(acc.totp_secret or "")
        for offset in (0, 1, -1):
            at = server_now + offset * TOTP_STEP
            code = totp.at(at)
            if (code, int(at // TOTP_STEP)) not in acc.used_codes:
                return code
        raise RuntimeError("every code of the validity window was already used")

    # -- decisions ------------------------------------------------------------------------
    def authenticate(self, service: str, user: str, secret: str) -> Decision:
        """Decide one login and record it (without the secret)."""
        ident = user.strip().lower()
        with self._lock:
            acc = self._accounts.get(ident)
            decision = self._decide(acc, ident, secret)
            self._attempts.append(AuthAttempt(service, ident, decision.result, time.time()))
        return decision

    def _decide(self, acc: Account | None, ident: str, secret: str) -> Decision:
        if acc is None:
            return Decision("bad", ident)
        if acc.locked:
            # Like the académie servers: a locked account is refused whatever was typed.
            return Decision("locked", acc.identifiant, reason=f"[UNAVAILABLE] {acc.alert_text}")
        verdict = self._check_secret(acc, secret)
        if verdict != "ok":
            return Decision(verdict, acc.identifiant)
        if acc.expired:
            return Decision("expired", acc.identifiant, reason=EXPIRED_TEXT, code="pass_expired")
        return Decision("ok", acc.identifiant, quota_kb=acc.quota_kb)

    def _check_secret(self, acc: Account, secret: str) -> str:
        if acc.app_passwords:
            if any(hmac.compare_digest(secret.encode(), p.encode()) for p in acc.app_passwords):
                return "ok"
            return "usual_password" if hmac.compare_digest(secret.encode(), acc.password.encode()) else "bad"
        if hmac.compare_digest(secret.encode(), acc.password.encode()):
            return "ok"
        if not (acc.pin and acc.totp_secret):
            return "bad"
        pin, code = secret[:-TOTP_DIGITS], secret[-TOTP_DIGITS:]
        if len(secret) != len(acc.pin) + TOTP_DIGITS or not code.isdigit():
            return "bad"
        if not hmac.compare_digest(pin.encode(), acc.pin.encode()):
            return "bad"
        totp = pyotp.TOTP(acc.totp_secret)
        now = time.time() + self.clock_skew
        for offset in (0, -1, 1):  # valid_window=1
            at = now + offset * TOTP_STEP
            if hmac.compare_digest(totp.at(at), code):
                key = (code, int(at // TOTP_STEP))
                if key in acc.used_codes:
                    return "replayed"
                acc.used_codes.add(key)
                return "ok"
        return "bad"

    # -- attempts log ---------------------------------------------------------------------
    def attempts(self, identifiant: str | None = None) -> list[AuthAttempt]:
        """Recorded attempts, optionally for one identifiant."""
        with self._lock:
            items = list(self._attempts)
        if identifiant is None:
            return items
        ident = identifiant.lower()
        return [a for a in items if a.identifiant == ident]

    def reset_attempts(self) -> None:
        """Forget recorded attempts."""
        with self._lock:
            self._attempts.clear()

    # -- Unix socket service for checkpassword ----------------------------------------------
    def serve(self, socket_path: Path) -> None:
        """Listen on ``socket_path`` (mode 0666 so user dovecot can connect) in a thread."""
        if socket_path.exists():
            socket_path.unlink()
        server = _UnixServer(str(socket_path), _Handler)
        server.authority = self
        os.chmod(socket_path, 0o666)
        self._server = server
        self.socket_path = socket_path
        self._thread = threading.Thread(target=server.serve_forever, name="acmail-auth-authority", daemon=True)
        self._thread.start()

    def close(self) -> None:
        """Stop the socket service."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self.socket_path is not None and self.socket_path.exists():
            self.socket_path.unlink()


class _UnixServer(socketserver.ThreadingUnixStreamServer):
    daemon_threads = True
    authority: AuthAuthority


class _Handler(socketserver.StreamRequestHandler):
    """One JSON line in, one JSON line out."""

    def handle(self) -> None:
        self.request.settimeout(10)
        try:
            line = self.rfile.readline(65536)
            request = json.loads(line)
            authority: AuthAuthority = self.server.authority  # type: ignore[attr-defined]
            decision = authority.authenticate(
                str(request.get("service") or "imap"),
                str(request["user"]),
                str(request["password"]),
            )
            reply: dict[str, object] = {
                "result": decision.result,
                "user": decision.identifiant,
                "reason": decision.reason,
                "code": decision.code,
                "quota_kb": decision.quota_kb,
            }
        except (ValueError, KeyError, OSError) as exc:
            reply = {"result": "error", "error": type(exc).__name__}
        try:
            self.wfile.write(json.dumps(reply).encode() + b"\n")
        except (TimeoutError, BrokenPipeError):
            pass
