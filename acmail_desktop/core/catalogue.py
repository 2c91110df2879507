"""The one catalogue of user text: each error or verdict code → title, explanation, next step.

Design (issue 15). The *data* lives here, in core, because both users of it are core-shaped: the
windows look an error up by its `code` (core/errors.py), the diagnostics turn a verdict code into a
`Verdict` (core/diagnostics/verdicts.py), and the Qt-free CLI `acmail-diagnose` prints that verdict.
Core never imports Qt, so the strings here are English source text, marked with
`QT_TRANSLATE_NOOP("ErrorMessages", …)` — an identity function that pyside6-lupdate recognises —
and the French lives in resources/translations/acmail_fr.ts like every other string. *Translation
happens at the edge*, through a `Translate` function handed in by the caller:
`QCoreApplication.translate` in the windows (ui/catalogue.py, the diagnostics wizard), a
`QTranslator` loaded with the compiled .qm in the CLI (QtCore only: no display needed). Core's
default is `untranslated` (English), so nothing in core depends on where the French comes from.

One entry per case. A code that both a window and the diagnostics show has ONE title and ONE
explanation; only the next step may differ (`report_action`), because inside the diagnostics report
"run the diagnostics" is no advice. Placeholders, filled by the caller: `%1` the support contact
as a phrase with its article (`support_reference`: "l'assistance de votre académie", "l'assistance
(Centre de services Verdon, 04 42 91 70 00)"), `%2` the password portal (" : https://…", or empty),
`%3` a number of minutes.

To add a case: add an entry below (English), its French to the i18n JSON, run scripts/i18n_merge.py,
and add the code's expected French title and next step to tests/unit/test_catalogue.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from acmail_desktop.core.providers import Provider

CONTEXT = "ErrorMessages"

#: (context, English source) → the text to show; `untranslated` when no translation is wanted.
Translate = Callable[[str, str], str]


def untranslated(_context: str, text: str) -> str:
    return text


def QT_TRANSLATE_NOOP(_context: str, text: str) -> str:  # the name lupdate looks for
    """Marks `text` for extraction into the .ts; translated later, at the edge."""
    return text


@dataclass(frozen=True)
class Entry:
    """What the user reads for one code. Texts are English sources; empty action = no next step."""

    title: str
    text: str
    action: str
    report_action: str = ""  # the next step inside the diagnostics report, when it differs
    offer_diagnostics: bool = True
    ask_new_passcode: bool = False


def _e(title: str, text: str, action: str, report_action: str = "", *, diagnostics: bool = True,
       passcode: bool = False) -> Entry:
    return Entry(title, text, action, report_action, diagnostics, passcode)


ENTRIES: dict[str, Entry] = {
    # --- sign-in -------------------------------------------------------------------------------
    "otp_rejected": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "PassCode rejected"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The PIN or the code shown by your token was not accepted. A code works "
                          "only once and is valid for about one minute."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Wait for the next code on your token, then enter your PIN and that new "
                          "code."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Wait for the next code on the token, then enter your PIN and that new "
                          "code. If it happens again, call %1."), passcode=True),
    "passcode_needed": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "New PassCode needed"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The connection has to be re-established and a PassCode works only once."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Enter your PIN and the code currently shown by your token."),
        diagnostics=False, passcode=True),
    "smtp_session_expired": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Sending connection expired"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The sending connection expired (the server closes it after a while, or "
                          "the network changed). A PassCode works only once."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Type your PIN and a new code to send."), diagnostics=False, passcode=True),
    "account_locked": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Account locked"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The server says your account is locked, usually after several wrong "
                          "passwords."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Do not try again right away: wait until the lock expires or call %1."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Do not try again for now: wait until the lock expires or call %1."),
        diagnostics=False),
    "password_expired": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Password expired"),
        QT_TRANSLATE_NOOP("ErrorMessages", "Your password has expired, or it is a temporary password that must be "
                          "changed."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Change it on your académie's portal."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Change your password on the académie portal%2, then sign in again."),
        diagnostics=False),
    "credential_charset": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Password cannot be sent"),
        QT_TRANSLATE_NOOP("ErrorMessages", "Your password or identifiant contains accented letters or symbols (é, ç, "
                          "œ, €…) and this server offers no sign-in method that carries them."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Tell %1; meanwhile choose a password without accents or symbols on your "
                          "académie's portal."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Send this report to %1; meanwhile choose a password without accents or "
                          "symbols on the académie portal%2.")),
    "auth_failed": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Wrong identifiant or password"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The server rejected the identifiant or the password."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Check the identifiant (no spaces, lower case) and the password (capital "
                          "letters, Caps Lock). After several failures the account may be locked."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Check the identifiant and the password (capital letters, Caps Lock). "
                          "Forgotten password: reset it on the académie portal%2. Beware, several failures lock the "
                          "account.")),
    # The national messagerie's refusal: the login window (with the profile's webmail address added,
    # ui/catalogue.app_password_message) and the diagnostics' verdict.
    "app_password_required": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Application password required"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The national messagerie refused the address or the password. It does "
                          "not accept your usual password (nor a PassCode) in a mail program: it wants your full "
                          "e-mail address and an application password created for this computer."),
        QT_TRANSLATE_NOOP("ErrorMessages", "In the national messagerie's webmail: Préférences → Mots de passe "
                          "sécurisés → Créer…, then type the generated password with your full address. One "
                          "attempt only was made; do not retry in a loop, several failures lock the account.")),
    "smtp_auth_failed": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Sending refused: credentials"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The outgoing mail server did not accept your credentials."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Check your identifiant and your password."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Check the identifiant and the password; if receiving works, send this "
                          "report to %1.")),
    "too_many_connections": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Too many connections"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The server refuses one more connection for this account."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Close the other mail programs open on this account, then try again."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Close the other mail programs open on this account (phone, other "
                          "computer), wait a few minutes and try again.")),
    "server_unavailable": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Service unavailable"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The mail server cannot sign you in at the moment."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Try again later or call %1."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Try again in 15 minutes; if it persists, call %1.")),
    "privacy_required": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Insecure connection refused"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The server did not offer an encrypted connection: AcMail never sends "
                          "your password in clear text."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Run the diagnostics and send the report to %1.")),
    "unexpected_preauth": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Connection refused for your safety"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The server opened a session without asking for your password (PREAUTH). "
                          "A genuine mail server never does this: the connection may have been diverted. Nothing was "
                          "sent."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Do not retry from this network; run the diagnostics and send the report "
                          "to %1.")),
    # --- network and TLS -------------------------------------------------------------------------
    "starttls_missing": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Encrypted connection not offered"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The server did not offer an encrypted connection: AcMail never sends "
                          "your password in clear text."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Run the diagnostics and send the report to %1."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Check the académie profile; send this report to %1.")),
    "tls_expired": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Certificate expired"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The server's certificate has expired. The connection was closed to "
                          "protect your password."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Check your computer's date, then tell %1."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Check the computer's date and time, then tell %1.")),
    "tls_untrusted": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Certificate not recognised"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The server did not present a trusted certificate for this name. This may "
                          "be network filtering or an interception attempt."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Do not type your password anywhere else; run the diagnostics and tell %1."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Do not type your password anywhere else; send this report to %1.")),
    "tls_hostname_mismatch": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Certificate of another server"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The certificate presented does not match the name of the server asked "
                          "for."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Do not type your password anywhere else; run the diagnostics and tell %1."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Check the académie chosen; do not go on, and tell %1.")),
    "tls_old_version": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Obsolete encryption"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The server only offers a TLS version that is too old (below 1.2, or "
                          "below the minimum set by the administrator)."),
        QT_TRANSLATE_NOOP("ErrorMessages", "AcMail refuses this connection for your safety; tell %1.")),
    "tls_error": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Secure connection failed"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The TLS negotiation with the server failed."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Run the diagnostics."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Send this report to %1.")),
    "dns_failure": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Server not found"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The mail server's name could not be resolved."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Check your Internet connection and the académie you chose."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Check the académie chosen and the Internet connection; if other sites "
                          "work, call %1.")),
    "connection_refused": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Connection refused"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The mail server refuses the connection on its port: most often the "
                          "service is stopped or under maintenance; more rarely a firewall refuses it."),
        QT_TRANSLATE_NOOP("ErrorMessages", "The mail server may be stopped or under maintenance: try again in a few "
                          "minutes. If it persists, run the diagnostics."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Try again in a few minutes; if it persists, send this report to %1 (the "
                          "details say whether another port answers).")),
    "connection_timeout": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "The server is not responding"),
        QT_TRANSLATE_NOOP("ErrorMessages", "No answer from the server within the time limit."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Check your connection; a firewall may be blocking email."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Try again in a few minutes; if it persists, try another network or send "
                          "this report to %1.")),
    "network_down": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "No network"),
        QT_TRANSLATE_NOOP("ErrorMessages", "This computer is not connected to the network."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Check the Wi-Fi or the network cable."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Check the Wi-Fi or the network cable, then run the diagnostics again.")),
    "protocol_error": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Unexpected server answer"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The server did not answer like a mail server should; AcMail stopped "
                          "without sending your password."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Run the diagnostics and send the report to %1."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Send this report to %1.")),
    "network_error": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Connection lost"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The connection to the server was interrupted."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Try again in a moment.")),
    # --- sending --------------------------------------------------------------------------------
    "send_uncertain": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Sending uncertain"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The connection was cut just after the message was handed to the server: "
                          "it may have been sent. AcMail will not send it again on its own."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Check with a recipient or in the webmail, then choose in the outbox: "
                          "send again or mark as sent."), diagnostics=False),
    "sending_limit": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Sending limit reached"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The server limits how many recipients you may write to per minute and "
                          "per hour (each address counts, even in copy), to stop a hacked account from sending spam. "
                          "The message is kept in the outbox."),
        QT_TRANSLATE_NOOP("ErrorMessages", "AcMail will retry later on its own. For a large mailing, send it in "
                          "several smaller batches or use a mailing list."), diagnostics=False),
    "too_many_recipients": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Too many recipients"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The server accepts only a limited number of recipients for one message. "
                          "Nothing was sent."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Split the recipients into several messages, or use a mailing list."),
        diagnostics=False),
    "smtp_temporary": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Sending postponed"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The server asked to try again later (sending limit or temporary "
                          "problem). The message is kept in the outbox."),
        QT_TRANSLATE_NOOP("ErrorMessages", "AcMail will retry automatically; you can follow it in the outbox."),
        diagnostics=False),
    "message_too_large": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Message too large"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The message with its attachments is larger than the server accepts."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Remove or shrink attachments, or share large files through your "
                          "académie's file-sharing service."), diagnostics=False),
    "recipients_refused": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Recipient refused"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The server refused one of the recipients."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Nothing was sent. Correct or remove the address, then send again."),
        diagnostics=False),
    # SmtpRejected keeps the code "smtp_blocked" (stored in the outbox as last_error); the
    # diagnostics' "smtp_blocked" verdict is another case, "smtp_unreachable" below.
    "smtp_blocked": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Message refused"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The sending server refused the message or one of its recipients."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Check the addresses; the server's answer is shown below."),
        diagnostics=False),
    "smtp_unreachable": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Sending blocked"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The sending server (SMTP) cannot be reached or refuses to send: the "
                          "school's network may be blocking the sending ports."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Try from another network; otherwise send the diagnostics report to %1."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Try from another network; otherwise send this report to %1.")),
    # --- mailbox -------------------------------------------------------------------------------
    "quota_exceeded": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Mailbox full"),
        QT_TRANSLATE_NOOP("ErrorMessages", "Your mailbox has reached its size limit: new mail may be refused."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Delete old messages with large attachments and empty the Trash."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Delete large messages and empty the Trash, or ask %1 for more space."),
        diagnostics=False),
    "no_trash_folder": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "No Trash folder"),
        QT_TRANSLATE_NOOP("ErrorMessages", "This account has no Trash folder: deleting would erase the messages for "
                          "good. Nothing was deleted."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Choose the Trash folder (right-click a folder), or confirm that the "
                          "messages must be erased."), diagnostics=False),
    "mailbox_read_only": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Folder is read-only"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The server opens this folder read-only: the change was not made."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Ask the folder's owner or %1 for write access."), diagnostics=False),
    "change_not_applied": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Change not made"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The server did not apply the change; the list shows the messages as they "
                          "are on the server."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Try again in a moment.")),
    # --- this computer ---------------------------------------------------------------------------
    "header_injection": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Invalid field"),
        QT_TRANSLATE_NOOP("ErrorMessages", "A recipient, the subject or an attachment name contains a line break or "
                          "an ambiguous address."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Correct the highlighted field."), diagnostics=False),
    "account_adding_forbidden": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Adding accounts is not allowed"),
        QT_TRANSLATE_NOOP("ErrorMessages", "On this computer the administrator does not allow adding mail "
                          "accounts."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Use the accounts already listed, or ask %1."), diagnostics=False),
    "account_domain_not_allowed": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Address outside the académies"),
        QT_TRANSLATE_NOOP("ErrorMessages", "On this computer only académie addresses may be added (the domains "
                          "of the académie profiles)."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Check the address, or ask %1."), diagnostics=False),
    "profile_in_use": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "AcMail is already open"),
        QT_TRANSLATE_NOOP("ErrorMessages", "Another AcMail window uses this profile."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Switch to the AcMail window already open, or close it first."),
        diagnostics=False),
    "shared_session": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Private session unavailable"),
        QT_TRANSLATE_NOOP("ErrorMessages", "On this shared computer AcMail could not prepare its private temporary "
                          "folder."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Tell the computer's administrator."), diagnostics=False),
    "policy_error": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Administrator settings refused"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The settings file installed by the administrator is invalid: AcMail runs "
                          "in its safest mode (nothing stored)."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Tell the computer's administrator."), diagnostics=False),
    "attachment_save": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Attachment not saved"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The attachment could not be written to the chosen folder."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Choose another folder, or check that it is not full or read-only."),
        diagnostics=False),
    "discovery_failed": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Settings not found"),
        QT_TRANSLATE_NOOP("ErrorMessages", "AcMail could not find the mail servers of this address automatically."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Choose your académie in the list, or ask %1 for the server names.")),
    "smtp_not_found": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Sending server not found"),
        QT_TRANSLATE_NOOP("ErrorMessages", "AcMail could not find the sending (SMTP) server of this address. "
                          "Receiving mail works; messages wait in the outbox until a sending server is set."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Type the sending server in Tools › Settings, Account tab (ask %1 for its "
                          "name); the profile's guess is offered there, marked as a guess."),
        diagnostics=False),
    "setting_locked": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Setting locked"),
        QT_TRANSLATE_NOOP("ErrorMessages", "This setting is locked by the administrator of this computer."), "",
        diagnostics=False),
    "config_error": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Académie profile problem"),
        QT_TRANSLATE_NOOP("ErrorMessages", "A settings or académie profile file is invalid or missing."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Tell the computer's administrator; the technical details are in the log."),
        diagnostics=False),
    "store_error": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Local cache problem"),
        QT_TRANSLATE_NOOP("ErrorMessages", "AcMail could not read or write its local copy of your mail; nothing is "
                          "lost on the server."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Close and reopen AcMail; the cache is rebuilt if needed."),
        diagnostics=False),
    "keyring_unavailable": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Keyring unavailable"),
        QT_TRANSLATE_NOOP("ErrorMessages", "No secure keyring is available: the password will not be remembered."),
        QT_TRANSLATE_NOOP("ErrorMessages", "You will have to type it each time you sign in."), diagnostics=False),
    "cancelled": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Connection cancelled"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The connection was cancelled."), "", diagnostics=False),
    "invalid_address": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Invalid address"),
        QT_TRANSLATE_NOOP("ErrorMessages", "An address is not written correctly."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Use the form prenom.nom@ac-academie.fr, one address per recipient, "
                          "separated by commas."),
        diagnostics=False),
    "input_incomplete": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Incomplete entry"),
        QT_TRANSLATE_NOOP("ErrorMessages", "Check the fields of the form."), "", diagnostics=False),
    "error": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Error"),
        QT_TRANSLATE_NOOP("ErrorMessages", "An unexpected error occurred (%1)."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Run the diagnostics or contact %1.")),
    # --- diagnostics verdicts only ---------------------------------------------------------------
    "ok": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Everything works"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The académie's servers answer and every check passed."),
        QT_TRANSLATE_NOOP("ErrorMessages", "You can sign in. If a problem persists, send this report to %1.")),
    "ok_without_login": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "The servers answer"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The académie's servers answer and the checks made passed; your "
                          "identifiant and your password were not tested."),
        QT_TRANSLATE_NOOP("ErrorMessages", "To check them too, tick “Also test my password” and run again. If a "
                          "problem persists, send this report to %1.")),
    "input_identifiant": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Identifiant mistyped"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The identifiant typed does not have the expected form (e-mail address "
                          "instead of the identifiant, a space, an accent…)."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Correct the identifiant: the first name's initial followed by the "
                          "surname, in lower case, without spaces (e.g. fdurand), then run the diagnostics again.")),
    "input_password": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Password or PassCode missing"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The password is empty, or the PassCode is not a PIN followed by 6 digits."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Type your password, or your PIN followed by the token's 6-digit code.")),
    "clock_skew": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Computer clock off"),
        QT_TRANSLATE_NOOP("ErrorMessages", "This computer's time differs from the server's by more than 30 seconds: "
                          "one-time codes and certificates may be refused."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Set the computer's date and time (automatic setting), then run the "
                          "diagnostics again.")),
    "diagnostics_cancelled": _e(
        QT_TRANSLATE_NOOP("ErrorMessages", "Diagnostics interrupted"),
        QT_TRANSLATE_NOOP("ErrorMessages", "The diagnostics were cancelled before the end."),
        QT_TRANSLATE_NOOP("ErrorMessages", "Run the diagnostics again to get a result.")),
}

#: Codes shown with another code's entry: cases the user cannot tell apart, or a sub-case.
ALIASES: dict[str, str] = {
    "contact_admin": "server_unavailable",
    "session_lost": "network_error",
    "provider_file": "config_error",
    "unknown_provider": "config_error",
    "outbox_entry_missing": "store_error",
    "auth_error": "error",
    "smtp_error": "error",
}

#: Account lock with the server's duration (report only): %3 = minutes, %1 = support.
LOCKED_FOR_MINUTES = QT_TRANSLATE_NOOP("ErrorMessages", "Do not try again for %3 minutes, then sign in again; if the "
                                       "lock persists, call %1.")


def support_reference(provider: Provider | None, translate: Translate = untranslated, *,
                      with_url: bool = False) -> str:
    """The support contact as it reads inside a sentence ("…or call %1"): "the support desk (Centre
    de services Verdon, 04 42 91 70 00)", so that French gets its article whatever the name is. The
    report adds the support's web address."""
    if provider is None or not provider.support_name:
        return translate(CONTEXT, QT_TRANSLATE_NOOP("ErrorMessages", "your académie's support desk"))
    parts = [provider.support_name, provider.support_phone, provider.support_url if with_url else ""]
    template = translate(CONTEXT, QT_TRANSLATE_NOOP("ErrorMessages", "the support desk (%1)"))
    return template.replace("%1", ", ".join(p for p in parts if p))


def entry(code: str) -> Entry:
    """The entry for `code` (through ALIASES); the generic "error" entry for an unknown code."""
    return ENTRIES.get(ALIASES.get(code, code), ENTRIES["error"])


def has_entry(code: str) -> bool:
    return ALIASES.get(code, code) in ENTRIES


def fill(text: str, *, support: str = "", portal: str = "", minutes: str = "") -> str:
    """Put the caller's values into a translated text's %1 (support), %2 (portal), %3 (minutes)."""
    return text.replace("%1", support).replace("%2", portal).replace("%3", minutes)
