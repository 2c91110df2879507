"""Every typed core error turned into a user message and a next step: a lookup in the one
catalogue (core/catalogue.py, keyed by error code), translated here with QCoreApplication.

English is the source language; the French users read comes from resources/translations/acmail_fr.ts.
The few strings that are not per-code (support contact, refused recipients, the server's words) are
literal `translate("ErrorMessages", ...)` calls so that pyside6-lupdate can extract them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from acmail_desktop.core import catalogue, errors
from acmail_desktop.core.providers import Provider

translate = QCoreApplication.translate


@dataclass(frozen=True)
class UserMessage:
    title: str
    text: str
    action: str
    offer_diagnostics: bool = True
    ask_new_passcode: bool = False


def support_line(provider: Provider | None) -> str:
    if provider is None or not provider.support_name:
        return ""
    phone = f" ({provider.support_phone})" if provider.support_phone else ""
    return provider.support_name + phone


def support_reference(provider: Provider | None) -> str:
    """The support contact inside a sentence, translated (see core/catalogue.py)."""
    return catalogue.support_reference(provider, translate)


def app_password_message(provider: Provider) -> UserMessage:
    """The national messagerie refuses the usual password: the catalogue's `app_password_required`
    (the diagnostics' verdict says the same), with where to create one: the profile's webmail."""
    entry = catalogue.entry("app_password_required")
    url = provider.app_password_url or provider.webmail_url
    action = _tr(entry.action)
    if url:
        action += " " + translate("ErrorMessages", "Webmail: %1").replace("%1", url)
    return UserMessage(_tr(entry.title), _tr(entry.text), action, entry.offer_diagnostics)


def _tr(text: str) -> str:
    return translate(catalogue.CONTEXT, text) if text else ""


def describe_error(error: BaseException, provider: Provider | None = None) -> UserMessage:
    """A title, explanation and next action (translated) for any error shown to the user: the
    catalogue's entry for the error's code (core/catalogue.py), with the few cases that need the
    error's own data or the profile."""
    support = support_reference(provider)
    code = getattr(error, "code", "error")
    alert = getattr(error, "alert", None)
    if isinstance(error, errors.AuthFailed) and provider is not None and provider.is_national:
        msg = app_password_message(provider)
    else:
        entry = catalogue.entry(code if isinstance(code, str) else "error")
        text = _tr(entry.text)
        action = catalogue.fill(_tr(entry.action), support=support)
        if entry is catalogue.ENTRIES["error"]:
            text = text.replace("%1", str(code))
        elif isinstance(error, errors.RecipientsRefused):
            text = "\n".join(describe_refusal(*refusal) for refusal in error.refusals) or text
            return UserMessage(_tr(entry.title), text, action, entry.offer_diagnostics, entry.ask_new_passcode)
        elif isinstance(error, errors.PasswordExpired) and provider and provider.password_change_url:
            action = translate("ErrorMessages", "Change it on the académie portal: %1").replace(
                "%1", provider.password_change_url)
        msg = UserMessage(_tr(entry.title), text, action, entry.offer_diagnostics, entry.ask_new_passcode)
    if not alert and isinstance(error, errors.SmtpError) and getattr(error, "server_text", None):
        alert = error.server_text  # the SMTP server's own words explain a refusal best
    if alert:
        server_says = translate("ErrorMessages", "Message from the server: %1").replace("%1", alert)
        msg = UserMessage(msg.title, msg.text + "\n" + server_says,
                          msg.action, msg.offer_diagnostics, msg.ask_new_passcode)
    return msg


def describe_code(code: str | None) -> str:
    """A code recorded earlier (an outbox entry's `last_error`) as one line: its catalogue title and
    explanation; "" for a code with no entry of its own (the caller's generic sentence says enough)."""
    if not code or not catalogue.has_entry(code) or catalogue.entry(code) is catalogue.ENTRIES["error"]:
        return ""
    entry = catalogue.entry(code)
    return f"{_tr(entry.title)} : {_tr(entry.text)}" if _tr(entry.title) else _tr(entry.text)


_ENHANCED_STATUS = re.compile(r"^\s*([245]\.\d{1,3}\.\d{1,3})\b")


def refusal_reason(address: str, code: int, server_text: str) -> str:
    """The server's answer without the address it repeats: "550 5.1.1 User unknown"."""
    text = server_text.replace("\n", " ")
    text = re.sub(r"<[^<>]*>:?", " ", text).replace(address, " ")
    text = re.sub(r"(?i)\brecipient address rejected:", " ", text)
    return " ".join(f"{code} {text}".split())


def describe_refusal(address: str, code: int, server_text: str) -> str:
    """One refused recipient, named, with the reason the server gave (its code kept for the help desk)."""
    enhanced = _ENHANCED_STATUS.match(server_text)
    status = enhanced.group(1) if enhanced else ""
    reason = refusal_reason(address, code, server_text)
    lowered = server_text.lower()
    if 400 <= code < 500:
        text = translate("ErrorMessages", "The address %1 is refused for the moment (%2).")
    elif status in ("5.1.1", "5.1.6", "5.1.10") or "unknown" in lowered or "does not exist" in lowered:
        text = translate("ErrorMessages", "The address %1 does not exist (%2).")
    elif status == "5.1.2":
        text = translate("ErrorMessages", "The domain of the address %1 does not exist (%2).")
    elif status == "5.2.2" or code == 552:
        text = translate("ErrorMessages", "The mailbox of %1 is full (%2).")
    elif status.startswith("5.7"):
        text = translate("ErrorMessages", "The server does not allow sending to %1 (%2).")
    else:
        text = translate("ErrorMessages", "The server refused the address %1 (%2).")
    return text.replace("%1", address).replace("%2", reason)
