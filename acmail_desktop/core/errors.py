"""Typed errors with stable codes.

Adapters (IMAP, SMTP, keyring, store) turn their library's exceptions into these; each `code` has
one user message and next step in a single place (core/catalogue.py, translated in the windows by
ui/catalogue.py). Messages here are English technical text and never contain a secret.
"""

from __future__ import annotations

from pathlib import Path


class AcmailError(Exception):
    """Base of every error AcMail raises on purpose."""

    code = "error"

    def __init__(self, message: str = "", *, server_text: str | None = None, alert: str | None = None):
        super().__init__(message or self.__class__.__name__)
        self.server_text = server_text
        self.alert = alert

    @property
    def message(self) -> str:
        return str(self.args[0])


class Cancelled(AcmailError):
    code = "cancelled"


class InputError(AcmailError):
    code = "input_incomplete"  # the diagnostics' "input_identifiant" verdict is a narrower case


class ConfigError(AcmailError):
    code = "config_error"


class ProviderFileError(ConfigError):
    """A profile file is unreadable or breaks the schema; names the file and the line."""

    code = "provider_file"

    def __init__(self, path: Path | str, line: int | None, message: str):
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")
        self.path = Path(path)
        self.line = line
        self.detail = message


class UnknownProvider(ConfigError):
    code = "unknown_provider"


class DiscoveryFailed(AcmailError):
    code = "discovery_failed"


class SmtpNotFound(DiscoveryFailed):
    """A profile that only guesses its SMTP server (acmail:smtpDiscovery): none was found for
    the address, and none was typed in the account settings."""

    code = "smtp_not_found"


class PolicyError(ConfigError):
    code = "policy_error"


class AccountAddingForbidden(ConfigError):
    """The administrator's policy forbids adding accounts on this computer."""

    code = "account_adding_forbidden"


class AccountDomainNotAllowed(ConfigError):
    """The policy limits accounts to the académie domains and this address is outside them."""

    code = "account_domain_not_allowed"


# --- network -------------------------------------------------------------------------------
class NetworkError(AcmailError):
    code = "network_error"


class NetworkDown(NetworkError):
    code = "network_down"


class DnsFailure(NetworkError):
    code = "dns_failure"


class ConnectionRefused(NetworkError):
    code = "connection_refused"


class ConnectionTimeout(NetworkError):
    code = "connection_timeout"


class SessionLost(NetworkError):
    """The server closed the connection (BYE, reset) after it was set up."""

    code = "session_lost"


class ProtocolError(NetworkError):
    """The peer does not speak the protocol we expect (garbage greeting, hostile literal...)."""

    code = "protocol_error"


# --- TLS -------------------------------------------------------------------------------------
class UnexpectedPreauth(ProtocolError):
    """The IMAP greeting says PREAUTH: authenticated by other means, which for a mail account is a
    downgrade or a hijack (refused by the app and the diagnostics alike)."""

    code = "unexpected_preauth"


class TlsError(NetworkError):
    code = "tls_error"


class TlsUntrusted(TlsError):
    code = "tls_untrusted"


class TlsExpired(TlsError):
    code = "tls_expired"


class TlsHostnameMismatch(TlsError):
    code = "tls_hostname_mismatch"


class TlsOldVersion(TlsError):
    code = "tls_old_version"


class StartTlsMissing(TlsError):
    """STARTTLS was required but not offered or refused: we never continue in clear text."""

    code = "starttls_missing"


# --- authentication (RFC 5530 response codes) -------------------------------------------------
class AuthError(AcmailError):
    """The server rejected the credentials or the login; never retried automatically."""

    code = "auth_error"


class AuthFailed(AuthError):
    code = "auth_failed"


class OtpRejected(AuthError):
    """A PassCode was refused: wrong, expired or already used. Ask the user for a fresh one."""

    code = "otp_rejected"


class AccountLocked(AuthError):
    code = "account_locked"
    retry_minutes: int | None = None  # the lock's length when the server says it ("dans 15 minutes")


class PasswordExpired(AuthError):
    code = "password_expired"


class TooManyConnections(AuthError):
    code = "too_many_connections"


class ServerUnavailable(AuthError):
    code = "server_unavailable"


class PrivacyRequired(AuthError):
    code = "privacy_required"


class ContactAdmin(AuthError):
    code = "contact_admin"


class CredentialCharsetUnsupported(AuthError):
    """The credential has characters outside ASCII (é, ç, €) and the server offers no mechanism that
    carries UTF-8 (no AUTH=PLAIN), or refused the UTF-8 form as malformed."""

    code = "credential_charset"


class QuotaExceeded(AcmailError):
    code = "quota_exceeded"


class ChangeNotApplied(AcmailError):
    """The server did not apply a change to a mailbox (flags, move, delete): refused, or a tagged
    OK that says it was ignored (Dovecot: "Store ignored with read-only mailbox")."""

    code = "change_not_applied"


class MailboxReadOnly(ChangeNotApplied):
    """The mailbox can only be opened read-only (shared folder, server policy): no change possible."""

    code = "mailbox_read_only"


class NoTrashFolder(AcmailError):
    """Delete was asked where no Trash is known: erasing for good needs the user's explicit yes."""

    code = "no_trash_folder"


class PassCodeSpent(AuthError):
    """The session's PassCode was already used and cannot be replayed (e.g. for a reconnect)."""

    code = "passcode_needed"


class SmtpSessionExpired(PassCodeSpent):
    """The kept sending connection of a PassCode session is gone (server idle limit, network): a new
    code is needed, and the user is told why."""

    code = "smtp_session_expired"


# --- SMTP ------------------------------------------------------------------------------------
class SmtpError(AcmailError):
    code = "smtp_error"


class SmtpAuthFailed(SmtpError, AuthError):
    code = "smtp_auth_failed"


class SmtpRejected(SmtpError):
    """Permanent refusal (5xx) of the sender, a recipient or the message."""

    code = "smtp_blocked"


class RecipientsRefused(SmtpRejected):
    """Some recipients were refused before DATA: nothing was sent (RSET), the user decides.

    `refusals` keeps each refused RCPT answer as (address, code, server text).
    """

    code = "recipients_refused"

    def __init__(self, message: str = "", *, refusals: tuple[tuple[str, int, str], ...] = (),
                 server_text: str | None = None) -> None:
        super().__init__(message, server_text=server_text)
        self.refusals = refusals


class SmtpTemporaryFailure(SmtpError):
    """4xx: rate limit, greylisting, server busy; the outbox retries later."""

    code = "smtp_temporary"


class SendingLimitReached(SmtpTemporaryFailure):
    """The server refused because the sender reached its sending limit (messages or recipients per
    minute / hour / day, 4.7.x or 5.7.x with rate wording): the outbox waits and retries; splitting a
    large mailing helps (core/smtp.classify_limit)."""

    code = "sending_limit"


class TooManyRecipients(SmtpRejected):
    """Too many recipients for one message (452 4.5.3, 552 5.5.3 ...): nothing was sent (RSET); the
    message must be split, so it is not retried as it is."""

    code = "too_many_recipients"


class SendUncertain(SmtpError):
    """The connection dropped after DATA: the message may have been accepted. Never resent blindly."""

    code = "send_uncertain"


class MessageTooLarge(SmtpError):
    code = "message_too_large"


# --- local -----------------------------------------------------------------------------------
class KeyringUnavailable(AcmailError):
    code = "keyring_unavailable"


class StoreError(AcmailError):
    code = "store_error"


class ProfileInUse(AcmailError):
    code = "profile_in_use"


class HeaderInjection(AcmailError):
    """CR/LF or an ambiguous address in a header we generate: refused before sending."""

    code = "header_injection"


class InvalidAddress(InputError):
    """An address the user typed is not a valid, unambiguous e-mail address (compose window)."""

    code = "invalid_address"


class OutboxEntryMissing(StoreError):
    """The outbox entry or draft asked for no longer exists (cancelled, already sent)."""

    code = "outbox_entry_missing"


class SharedSessionError(AcmailError):
    """The private folder of shared-machine mode cannot be made safe (wrong owner, permissions)."""

    code = "shared_session"


class SettingLocked(ConfigError):
    """The administrator's policy fixes this setting; the UI shows it locked."""

    code = "setting_locked"
