import pytest

from acmail_desktop.core import errors
from acmail_desktop.core.imap.auth import classify_auth_rejection
from acmail_desktop.core.otp import passcode_credential, password_credential

PASSWORD = password_credential("u", "p")
PASSCODE = passcode_credential("u", "1234", "123456")


@pytest.mark.parametrize(("text", "credential", "expected"), [
    ("[AUTHENTICATIONFAILED] Authentication failed.", PASSWORD, errors.AuthFailed),
    ("[AUTHENTICATIONFAILED] Authentication failed.", PASSCODE, errors.OtpRejected),
    ("[EXPIRED] Password expired", PASSWORD, errors.PasswordExpired),
    ("[UNAVAILABLE] Compte verrouillé après trop d'échecs", PASSWORD, errors.AccountLocked),
    ("[UNAVAILABLE] Temporary authentication failure", PASSWORD, errors.ServerUnavailable),
    ("[ALERT] Account locked for 15 minutes", PASSWORD, errors.AccountLocked),
    ("[CONTACTADMIN] Call us", PASSWORD, errors.ContactAdmin),
    ("[PRIVACYREQUIRED] Use TLS", PASSWORD, errors.PrivacyRequired),
    ("[LIMIT] Too many", PASSWORD, errors.TooManyConnections),
    ("[INUSE] busy", PASSWORD, errors.TooManyConnections),
    ("Login failed", PASSWORD, errors.AuthFailed),
])
def test_rfc5530_codes(text: str, credential, expected: type) -> None:  # type: ignore[no-untyped-def]
    error = classify_auth_rejection(text, credential, None)
    assert type(error) is expected
    assert error.server_text == text


def test_alert_text_is_kept_verbatim() -> None:
    error = classify_auth_rejection("[ALERT] Compte bloqué jusqu'à 14h", PASSWORD, None)
    assert error.alert == "Compte bloqué jusqu'à 14h"
