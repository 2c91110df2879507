"""Every typed core error turned into a user message and a next step, in one place.

English is the source language; the French users read comes from resources/translations/acmail_fr.ts.
Each string is a literal `translate("ErrorMessages", ...)` call so that pyside6-lupdate can extract it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from acmail_desktop.core import errors
from acmail_desktop.core.attachments import AttachmentSaveError
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
    """The support contact as it reads inside a sentence ("…or call %1"): "the support desk (Centre
    de services Verdon, 04 42 91 70 00)", so that French gets its article whatever the name is."""
    if provider is None or not provider.support_name:
        return translate("ErrorMessages", "your académie's support desk")
    details = provider.support_name + (f", {provider.support_phone}" if provider.support_phone else "")
    return translate("ErrorMessages", "the support desk (%1)").replace("%1", details)


def app_password_message(provider: Provider) -> UserMessage:
    """The national messagerie refuses the usual password: say what it wants instead, and where."""
    url = provider.app_password_url or provider.webmail_url or ""
    steps = translate("ErrorMessages", "In the webmail (%1): Préférences → Mots de passe sécurisés → Créer…, "
                      "then copy the generated password here.").replace("%1", url or "messagerie nationale")
    return UserMessage(translate("ErrorMessages", "Application password required"),
                       translate("ErrorMessages", "The national messagerie does not accept your usual password "
                                 "(nor a PassCode) in a mail program: it wants your full e-mail address and an "
                                 "application password created for this computer."),
                       steps + " " + translate("ErrorMessages", "After several failures the account may be "
                                               "locked: check before trying again."))


def describe_error(error: BaseException, provider: Provider | None = None) -> UserMessage:
    """A title, explanation and next action (translated) for any error shown to the user."""
    support = support_reference(provider)
    code = getattr(error, "code", "error")
    alert = getattr(error, "alert", None)
    if isinstance(error, errors.OtpRejected):
        msg = UserMessage(translate("ErrorMessages", "PassCode rejected"),
                          translate("ErrorMessages", "The PIN or the code shown by your token was not accepted. "
                                    "A code works only once and is valid for about one minute."),
                          translate("ErrorMessages", "Wait for the next code on your token, then enter your PIN "
                                    "and that new code."), ask_new_passcode=True)
    elif isinstance(error, errors.PassCodeSpent):
        msg = UserMessage(translate("ErrorMessages", "New PassCode needed"),
                          translate("ErrorMessages", "The connection has to be re-established and a PassCode "
                                    "works only once."),
                          translate("ErrorMessages", "Enter your PIN and the code currently shown by your "
                                    "token."),
                          offer_diagnostics=False, ask_new_passcode=True)
    elif isinstance(error, errors.AccountLocked):
        msg = UserMessage(translate("ErrorMessages", "Account locked"),
                          translate("ErrorMessages", "The server says your account is locked, usually after "
                                    "several wrong passwords."),
                          translate("ErrorMessages", "Do not try again right away: wait until the lock expires "
                                    "or call %1.").replace("%1", support), offer_diagnostics=False)
    elif isinstance(error, errors.PasswordExpired):
        portal = provider.password_change_url if provider and provider.password_change_url else ""
        msg = UserMessage(translate("ErrorMessages", "Password expired"),
                          translate("ErrorMessages", "Your password has expired, or it is a temporary password "
                                    "that must be changed."),
                          (translate("ErrorMessages", "Change it on the académie portal: %1").replace("%1", portal)
                           if portal else translate("ErrorMessages", "Change it on your académie's portal.")),
                          offer_diagnostics=False)
    elif isinstance(error, errors.CredentialCharsetUnsupported):
        msg = UserMessage(translate("ErrorMessages", "Password cannot be sent"),
                          translate("ErrorMessages", "Your password or identifiant contains accented letters or "
                                    "symbols (é, ç, œ, €…) and this server offers no sign-in method that carries "
                                    "them."),
                          translate("ErrorMessages", "Tell %1; meanwhile choose a password without accents or "
                                    "symbols on your académie's portal.").replace("%1", support))
    elif isinstance(error, errors.AuthFailed) and provider is not None and provider.is_national:
        msg = app_password_message(provider)
    elif isinstance(error, errors.SmtpAuthFailed):
        msg = UserMessage(translate("ErrorMessages", "Sending refused: credentials"),
                          translate("ErrorMessages", "The outgoing mail server did not accept your credentials."),
                          translate("ErrorMessages", "Check your identifiant and your password."))
    elif isinstance(error, errors.AuthFailed):
        msg = UserMessage(translate("ErrorMessages", "Wrong identifiant or password"),
                          translate("ErrorMessages", "The server rejected the identifiant or the password."),
                          translate("ErrorMessages", "Check the identifiant (no spaces, lower case) and the "
                                    "password (capital letters, Caps Lock). After several failures the "
                                    "account may be locked."))
    elif isinstance(error, errors.TooManyConnections):
        msg = UserMessage(translate("ErrorMessages", "Too many connections"),
                          translate("ErrorMessages", "The server refuses one more connection for this account."),
                          translate("ErrorMessages", "Close the other mail programs open on this account, then "
                                    "try again."))
    elif isinstance(error, errors.ServerUnavailable | errors.ContactAdmin):
        msg = UserMessage(translate("ErrorMessages", "Service unavailable"),
                          translate("ErrorMessages", "The mail server cannot sign you in at the moment."),
                          translate("ErrorMessages", "Try again later or call %1.").replace("%1", support))
    elif isinstance(error, errors.PrivacyRequired | errors.StartTlsMissing):
        msg = UserMessage(translate("ErrorMessages", "Insecure connection refused"),
                          translate("ErrorMessages", "The server did not offer an encrypted connection: AcMail "
                                    "never sends your password in clear text."),
                          translate("ErrorMessages", "Run the diagnostics and send the report to %1.")
                          .replace("%1", support))
    elif isinstance(error, errors.TlsExpired):
        msg = UserMessage(translate("ErrorMessages", "Certificate expired"),
                          translate("ErrorMessages", "The server's certificate has expired. The connection was "
                                    "closed to protect your password."),
                          translate("ErrorMessages", "Check your computer's date, then tell %1.")
                          .replace("%1", support))
    elif isinstance(error, errors.TlsHostnameMismatch | errors.TlsUntrusted):
        msg = UserMessage(translate("ErrorMessages", "Certificate not recognised"),
                          translate("ErrorMessages", "The server did not present a trusted certificate for this "
                                    "name. This may be network filtering or an interception attempt."),
                          translate("ErrorMessages", "Do not type your password anywhere else; run the "
                                    "diagnostics and tell %1.").replace("%1", support))
    elif isinstance(error, errors.TlsError):
        msg = UserMessage(translate("ErrorMessages", "Secure connection failed"),
                          translate("ErrorMessages", "The TLS negotiation with the server failed."),
                          translate("ErrorMessages", "Run the diagnostics."))
    elif isinstance(error, errors.DnsFailure):
        msg = UserMessage(translate("ErrorMessages", "Server not found"),
                          translate("ErrorMessages", "The mail server's name could not be resolved."),
                          translate("ErrorMessages", "Check your Internet connection and the académie you "
                                    "chose."))
    elif isinstance(error, errors.ConnectionRefused):
        msg = UserMessage(translate("ErrorMessages", "Connection refused"),
                          translate("ErrorMessages", "The server refused the connection on this port."),
                          translate("ErrorMessages", "The mail server may be stopped or under maintenance: try "
                                    "again in a few minutes. If it persists, run the diagnostics."))
    elif isinstance(error, errors.ConnectionTimeout):
        msg = UserMessage(translate("ErrorMessages", "The server is not responding"),
                          translate("ErrorMessages", "No answer from the server within the time limit."),
                          translate("ErrorMessages", "Check your connection; a firewall may be blocking email."))
    elif isinstance(error, errors.NetworkDown):
        msg = UserMessage(translate("ErrorMessages", "No network"),
                          translate("ErrorMessages", "This computer is not connected to the network."),
                          translate("ErrorMessages", "Check the Wi-Fi or the network cable."))
    elif isinstance(error, errors.UnexpectedPreauth):
        msg = UserMessage(translate("ErrorMessages", "Connection refused for your safety"),
                          translate("ErrorMessages", "The server opened a session without asking for your "
                                    "password (PREAUTH). A genuine mail server never does this: the connection "
                                    "may have been diverted. Nothing was sent."),
                          translate("ErrorMessages", "Do not retry from this network; run the diagnostics and "
                                    "send the report to %1.").replace("%1", support))
    elif isinstance(error, errors.ProtocolError):
        msg = UserMessage(translate("ErrorMessages", "Unexpected server answer"),
                          translate("ErrorMessages", "The server did not answer like a mail server should; "
                                    "AcMail stopped without sending your password."),
                          translate("ErrorMessages", "Run the diagnostics and send the report to %1.")
                          .replace("%1", support))
    elif isinstance(error, errors.SendUncertain):
        msg = UserMessage(translate("ErrorMessages", "Sending uncertain"),
                          translate("ErrorMessages", "The connection was cut just after the message was handed "
                                    "to the server: it may have been sent. AcMail will not send it again on "
                                    "its own."),
                          translate("ErrorMessages", "Check with a recipient or in the webmail, then choose in "
                                    "the outbox: send again or mark as sent."), offer_diagnostics=False)
    elif isinstance(error, errors.SendingLimitReached):
        msg = UserMessage(translate("ErrorMessages", "Sending limit reached"),
                          translate("ErrorMessages", "The server limits how many recipients you may write to "
                                    "per minute and per hour (each address counts, even in copy), to stop a "
                                    "hacked account from sending spam. The message is kept in the outbox."),
                          translate("ErrorMessages", "AcMail will retry later on its own. For a large mailing, "
                                    "send it in several smaller batches or use a mailing list."),
                          offer_diagnostics=False)
    elif isinstance(error, errors.TooManyRecipients):
        msg = UserMessage(translate("ErrorMessages", "Too many recipients"),
                          translate("ErrorMessages", "The server accepts only a limited number of recipients "
                                    "for one message. Nothing was sent."),
                          translate("ErrorMessages", "Split the recipients into several messages, or use a "
                                    "mailing list."), offer_diagnostics=False)
    elif isinstance(error, errors.SmtpTemporaryFailure):
        msg = UserMessage(translate("ErrorMessages", "Sending postponed"),
                          translate("ErrorMessages", "The server asked to try again later (sending limit or "
                                    "temporary problem). The message is kept in the outbox."),
                          translate("ErrorMessages", "AcMail will retry automatically; you can follow it in the "
                                    "outbox."), offer_diagnostics=False)
    elif isinstance(error, errors.MessageTooLarge):
        msg = UserMessage(translate("ErrorMessages", "Message too large"),
                          translate("ErrorMessages", "The message with its attachments is larger than the "
                                    "server accepts."),
                          translate("ErrorMessages", "Remove or shrink attachments, or share large files "
                                    "through your académie's file-sharing service."), offer_diagnostics=False)
    elif isinstance(error, errors.SmtpSessionExpired):
        msg = UserMessage(translate("ErrorMessages", "Sending connection expired"),
                          translate("ErrorMessages", "The sending connection expired (the server closes it "
                                    "after a while, or the network changed). A PassCode works only once."),
                          translate("ErrorMessages", "Type your PIN and a new code to send."),
                          offer_diagnostics=False, ask_new_passcode=True)
    elif isinstance(error, errors.RecipientsRefused):
        msg = UserMessage(translate("ErrorMessages", "Recipient refused"),
                          "\n".join(describe_refusal(*refusal) for refusal in error.refusals)
                          or translate("ErrorMessages", "The server refused one of the recipients."),
                          translate("ErrorMessages", "Nothing was sent. Correct or remove the address, then "
                                    "send again."), offer_diagnostics=False)
        return msg
    elif isinstance(error, errors.SmtpRejected):
        msg = UserMessage(translate("ErrorMessages", "Message refused"),
                          translate("ErrorMessages", "The sending server refused the message or one of its "
                                    "recipients."),
                          translate("ErrorMessages", "Check the addresses; the server's answer is shown "
                                    "below."), offer_diagnostics=False)
    elif isinstance(error, errors.QuotaExceeded):
        msg = UserMessage(translate("ErrorMessages", "Mailbox full"),
                          translate("ErrorMessages", "Your mailbox has reached its size limit: new mail may be "
                                    "refused."),
                          translate("ErrorMessages", "Delete old messages with large attachments and empty the "
                                    "Trash."), offer_diagnostics=False)
    elif isinstance(error, errors.NoTrashFolder):
        msg = UserMessage(translate("ErrorMessages", "No Trash folder"),
                          translate("ErrorMessages", "This account has no Trash folder: deleting would erase "
                                    "the messages for good. Nothing was deleted."),
                          translate("ErrorMessages", "Choose the Trash folder (right-click a folder), or "
                                    "confirm that the messages must be erased."), offer_diagnostics=False)
    elif isinstance(error, errors.MailboxReadOnly):
        msg = UserMessage(translate("ErrorMessages", "Folder is read-only"),
                          translate("ErrorMessages", "The server opens this folder read-only: the change was "
                                    "not made."),
                          translate("ErrorMessages", "Ask the folder's owner or %1 for write access.").replace(
                              "%1", support), offer_diagnostics=False)
    elif isinstance(error, errors.ChangeNotApplied):
        msg = UserMessage(translate("ErrorMessages", "Change not made"),
                          translate("ErrorMessages", "The server did not apply the change; the list shows the "
                                    "messages as they are on the server."),
                          translate("ErrorMessages", "Try again in a moment."))
    elif isinstance(error, errors.HeaderInjection):
        msg = UserMessage(translate("ErrorMessages", "Invalid field"),
                          translate("ErrorMessages", "A recipient, the subject or an attachment name contains a "
                                    "line break or an ambiguous address."),
                          translate("ErrorMessages", "Correct the highlighted field."), offer_diagnostics=False)
    elif isinstance(error, errors.AccountAddingForbidden):
        msg = UserMessage(translate("ErrorMessages", "Adding accounts is not allowed"),
                          translate("ErrorMessages", "On this computer the administrator does not allow adding "
                                    "mail accounts."),
                          translate("ErrorMessages", "Use the accounts already listed, or ask %1.").replace(
                              "%1", support), offer_diagnostics=False)
    elif isinstance(error, errors.AccountDomainNotAllowed):
        msg = UserMessage(translate("ErrorMessages", "Address outside the académies"),
                          translate("ErrorMessages", "On this computer only académie addresses may be added "
                                    "(the domains of the académie profiles)."),
                          translate("ErrorMessages", "Check the address, or ask %1.").replace("%1", support),
                          offer_diagnostics=False)
    elif isinstance(error, errors.ProfileInUse):
        msg = UserMessage(translate("ErrorMessages", "AcMail is already open"),
                          translate("ErrorMessages", "Another AcMail window uses this profile."),
                          translate("ErrorMessages", "Switch to the AcMail window already open, or close it "
                                    "first."), offer_diagnostics=False)
    elif isinstance(error, errors.SharedSessionError):
        msg = UserMessage(translate("ErrorMessages", "Private session unavailable"),
                          translate("ErrorMessages", "On this shared computer AcMail could not prepare its "
                                    "private temporary folder."),
                          translate("ErrorMessages", "Tell the computer's administrator."),
                          offer_diagnostics=False)
    elif isinstance(error, errors.PolicyError):
        msg = UserMessage(translate("ErrorMessages", "Administrator settings refused"),
                          translate("ErrorMessages", "The settings file installed by the administrator is "
                                    "invalid: AcMail runs in its safest mode (nothing stored)."),
                          translate("ErrorMessages", "Tell the computer's administrator."),
                          offer_diagnostics=False)
    elif isinstance(error, AttachmentSaveError):
        msg = UserMessage(translate("ErrorMessages", "Attachment not saved"),
                          translate("ErrorMessages", "The attachment could not be written to the chosen "
                                    "folder."),
                          translate("ErrorMessages", "Choose another folder, or check that it is not full or "
                                    "read-only."), offer_diagnostics=False)
    elif isinstance(error, errors.DiscoveryFailed):
        msg = UserMessage(translate("ErrorMessages", "Settings not found"),
                          translate("ErrorMessages", "AcMail could not find the mail servers of this address "
                                    "automatically."),
                          translate("ErrorMessages", "Choose your académie in the list, or ask %1 for the "
                                    "server names.").replace("%1", support))
    elif isinstance(error, errors.SettingLocked):
        msg = UserMessage(translate("ErrorMessages", "Setting locked"),
                          translate("ErrorMessages", "This setting is locked by the administrator of this "
                                    "computer."), "", offer_diagnostics=False)
    elif isinstance(error, errors.ConfigError):
        msg = UserMessage(translate("ErrorMessages", "Académie profile problem"),
                          translate("ErrorMessages", "A settings or académie profile file is invalid or "
                                    "missing."),
                          translate("ErrorMessages", "Tell the computer's administrator; the technical "
                                    "details are in the log."), offer_diagnostics=False)
    elif isinstance(error, errors.StoreError):
        msg = UserMessage(translate("ErrorMessages", "Local cache problem"),
                          translate("ErrorMessages", "AcMail could not read or write its local copy of your "
                                    "mail; nothing is lost on the server."),
                          translate("ErrorMessages", "Close and reopen AcMail; the cache is rebuilt if needed."),
                          offer_diagnostics=False)
    elif isinstance(error, errors.SessionLost | errors.NetworkError):
        msg = UserMessage(translate("ErrorMessages", "Connection lost"),
                          translate("ErrorMessages", "The connection to the server was interrupted."),
                          translate("ErrorMessages", "Try again in a moment."))
    elif isinstance(error, errors.KeyringUnavailable):
        msg = UserMessage(translate("ErrorMessages", "Keyring unavailable"),
                          translate("ErrorMessages", "No secure keyring is available: the password will not be "
                                    "remembered."),
                          translate("ErrorMessages", "You will have to type it each time you sign in."),
                          offer_diagnostics=False)
    elif isinstance(error, errors.Cancelled):
        msg = UserMessage(translate("ErrorMessages", "Connection cancelled"),
                          translate("ErrorMessages", "The connection was cancelled."), "",
                          offer_diagnostics=False)
    elif isinstance(error, errors.InvalidAddress):
        msg = UserMessage(translate("ErrorMessages", "Invalid address"),
                          translate("ErrorMessages", "An address is not written correctly."),
                          translate("ErrorMessages", "Use the form prenom.nom@ac-academie.fr, one address per "
                                    "recipient, separated by commas."), offer_diagnostics=False)
    elif isinstance(error, errors.InputError):
        msg = UserMessage(translate("ErrorMessages", "Incomplete entry"),
                          translate("ErrorMessages", "Check the fields of the form."), "",
                          offer_diagnostics=False)
    else:
        msg = UserMessage(translate("ErrorMessages", "Error"),
                          translate("ErrorMessages", "An unexpected error occurred (%1).").replace("%1", code),
                          translate("ErrorMessages", "Run the diagnostics or contact %1.").replace("%1", support))
    if not alert and isinstance(error, errors.SmtpError) and getattr(error, "server_text", None):
        alert = error.server_text  # the SMTP server's own words explain a refusal best
    if alert:
        server_says = translate("ErrorMessages", "Message from the server: %1").replace("%1", alert)
        msg = UserMessage(msg.title, msg.text + "\n" + server_says,
                          msg.action, msg.offer_diagnostics, msg.ask_new_passcode)
    return msg


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
