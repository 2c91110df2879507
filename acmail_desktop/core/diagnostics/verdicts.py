"""The verdict codes, and the choice of one verdict for a run; its texts come from core/catalogue.py.

Codes are stable (scripts and the help desk key on them); see docs/diagnostics.md. Support names,
phones and portal links come from the profile, never from code.
"""

from __future__ import annotations

from acmail_desktop.core import catalogue
from acmail_desktop.core.catalogue import Translate, untranslated
from acmail_desktop.core.diagnostics.model import Check, Status, Verdict
from acmail_desktop.core.imap.auth import lock_minutes
from acmail_desktop.core.providers import Provider

CODES = (
    "ok", "ok_without_login", "input_identifiant", "input_password", "network_down", "dns_failure",
    "connection_refused",
    "connection_timeout", "tls_untrusted", "tls_expired", "tls_hostname_mismatch", "tls_old_version",
    "tls_error", "starttls_missing", "auth_failed", "app_password_required", "account_locked", "password_expired",
    "otp_rejected",
    "clock_skew", "too_many_connections", "server_unavailable", "quota_exceeded", "smtp_auth_failed",
    "credential_charset", "smtp_blocked", "protocol_error", "cancelled",
)

# When several checks fail, these causes explain the others (a wrong clock makes certificates look
# expired and one-time codes wrong).
_EXPLAINS_OTHERS = ("clock_skew",)


#: Verdict codes whose case is not the error of the same code (see core/catalogue.py).
ENTRY_KEYS = {"cancelled": "diagnostics_cancelled", "smtp_blocked": "smtp_unreachable"}


def entry_key(code: str) -> str:
    """The catalogue key of a verdict code."""
    return ENTRY_KEYS.get(code, code)


def choose(checks: list[Check], provider: Provider, *, cancelled: bool = False,
           translate: Translate = untranslated) -> Verdict:
    """The most likely cause: the first failure in check order, unless a cause explains the others."""
    if cancelled:
        return make("cancelled", provider, None, translate)
    failed = [c for c in checks if c.status is Status.FAIL and c.code]
    for check in failed:
        if check.code in _EXPLAINS_OTHERS:
            return make(check.code, provider, check, translate)
    if failed:
        return make(failed[0].code or "protocol_error", provider, failed[0], translate)
    warned = [c for c in checks if c.status is Status.WARN and c.code in ("tls_old_version",)]
    if warned:
        return make(warned[0].code or "ok", provider, warned[0], translate)
    # "Tout fonctionne… tous les contrôles ont réussi" would be untrue when the password was not tried.
    if any(c.id == "auth" and c.status is Status.SKIPPED for c in checks):
        return make("ok_without_login", provider, None, translate)
    return make("ok", provider, None, translate)


def make(code: str, provider: Provider, check: Check | None,
         translate: Translate = untranslated) -> Verdict:
    """The verdict for `code`, its texts from the catalogue through `translate` (English by default)."""
    key = entry_key(code)
    entry = catalogue.entry(key if catalogue.has_entry(key) else "protocol_error")

    def tr(text: str) -> str:
        return translate(catalogue.CONTEXT, text) if text else ""

    support = catalogue.support_reference(provider, translate, with_url=True)
    portal = provider.password_change_url or provider.password_reset_url
    action = tr(entry.report_action or entry.action)
    minutes = lock_minutes(check.detail) if code == "account_locked" and check else None
    if minutes:
        action = tr(catalogue.LOCKED_FOR_MINUTES)
    return Verdict(code, tr(entry.title), tr(entry.text),
                   catalogue.fill(action, support=support, portal=f" : {portal}" if portal else "",
                                  minutes=str(minutes or "")),
                   check.id if check else None)
