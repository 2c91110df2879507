"""What a refused LOGIN means (RFC 5530 codes and the server's words) and the greeting rules.

Shared by the session and the diagnostics so that both reach one verdict for one server answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from acmail_desktop.core import errors
from acmail_desktop.core.otp import Credential

_CODE = re.compile(r"^\s*\[([A-Za-z0-9-]+)(?:\s[^\]]*)?\]\s*(.*)$", re.S)
_LOCK_WORDS = re.compile(r"(?i)lock|verrouill|bloqu|suspend|disabled|désactiv")
_LOCK_DURATION = re.compile(r"(\d{1,4})\s*(?:min|minute)", re.IGNORECASE)


def lock_minutes(server_text: str) -> int | None:
    """The lock's length when the server says it ("Réessayez dans 15 minutes"), else None."""
    match = _LOCK_DURATION.search(server_text or "")
    return int(match.group(1)) if match and 0 < int(match.group(1)) <= 1440 else None


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
        locked_error = errors.AccountLocked("account locked", **kw)
        locked_error.retry_minutes = lock_minutes(f"{alert or ''} {server_text}")
        return locked_error
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


def check_greeting(greeting: str, where: str) -> None:
    """The greeting rule of the app and the diagnostics (one verdict): `* OK` only. PREAUTH means
    the server authenticated us by other means; for a mail account that is a downgrade or a
    hijack, never a feature we rely on, with or without TLS."""
    head = greeting.lstrip().upper()
    if head.startswith("* PREAUTH"):
        raise errors.UnexpectedPreauth(f"{where}: PREAUTH greeting refused")
    if not head.startswith("* OK"):
        raise errors.ProtocolError(f"{where}: unexpected IMAP greeting")


def check_starttls_offered(capabilities: Iterable[str]) -> None:
    """On a STARTTLS port, no STARTTLS capability means no credential will ever be sent."""
    if "STARTTLS" not in {c.upper() for c in capabilities}:
        raise errors.StartTlsMissing("STARTTLS not offered")
