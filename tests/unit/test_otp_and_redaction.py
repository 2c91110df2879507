import base64
import logging

import pyotp
import pytest

from acmail_desktop.core import log
from acmail_desktop.core.errors import InputError
from acmail_desktop.core.otp import (
    Secret,
    TotpGenerator,
    passcode_credential,
    passcode_problems,
    password_credential,
)


def test_passcode_is_pin_then_code_and_single_use() -> None:
    credential = passcode_credential("fdurand", "1234", "123 456")
    assert credential.secret.reveal() == "1234123456"
    assert credential.single_use
    assert not password_credential("fdurand", "x").single_use


@pytest.mark.parametrize(("pin", "code", "problems"), [
    ("12", "123456", ["pin_shape"]), ("1234", "12345", ["code_shape"]),
    ("1234", "abcdef", ["code_shape"]), ("", "", ["pin_shape", "code_shape"]), ("1234", "654321", []),
])
def test_passcode_shape(pin: str, code: str, problems: list[str]) -> None:
    assert passcode_problems(pin, code) == problems


def test_bad_passcode_raises_typed_error() -> None:
    with pytest.raises(InputError):
        passcode_credential("u", "1", "2")


def test_secret_never_prints_itself() -> None:
    secret = Secret("hunter2-very-secret")
    assert "hunter2" not in repr(secret) and "hunter2" not in f"{secret}" and "hunter2" not in str([secret])


def test_totp_generator_matches_pyotp_and_uri() -> None:
    raw = pyotp.random_base32()
    generator = TotpGenerator.from_uri(f"otpauth://totp/AcMail:fdurand?secret={raw}&issuer=AcMail")
    assert generator.code(1_700_000_000) == pyotp.TOTP(raw).at(1_700_000_000)
    assert 1 <= generator.seconds_left(1_700_000_000) <= 30
    # The last fraction of a step is one second left, never zero (a flaky countdown showed "0 s").
    assert generator.seconds_left(1_700_000_009.5) == 1
    assert generator.seconds_left(1_700_000_010.0) == 30
    with pytest.raises(InputError):
        TotpGenerator("not base32 !!")
    with pytest.raises(InputError):
        TotpGenerator.from_uri("otpauth://hotp/x?secret=" + raw)


def test_redaction_of_values_base64_and_protocol_lines(caplog: pytest.LogCaptureFixture) -> None:
    secret = "Tr0ub4dor&3-unique"
    log.redactor.register(secret, username="fdurand")
    plain_blob = base64.b64encode(f"\0fdurand\0{secret}".encode()).decode()
    text = log.redactor.redact(f'a1 LOGIN fdurand "{secret}" / AUTH PLAIN {plain_blob} / {secret}')
    assert secret not in text and plain_blob not in text
    assert "fdurand" in text
    record = logging.LogRecord("acmail.test", logging.INFO, __file__, 1, "pw=%s", (secret,), None)
    log.RedactingFilter().filter(record)
    assert secret not in record.getMessage()


def test_login_line_masks_any_password_even_unregistered() -> None:
    assert "zzz-unknown" not in log.redactor.redact("A001 LOGIN bob zzz-unknown")


def test_redaction_keeps_ordinary_text_readable() -> None:
    """Masking must not eat user names or capability lists the help desk needs to read."""
    assert log.redactor.redact("login as fdurand (password)") == "login as fdurand (password)"
    text = "connected to SMTP x:587, mechanisms: LOGIN PLAIN, size limit: 10485760"
    assert log.redactor.redact(text) == text
    assert log.redactor.redact("a7 LOGIN fdurand s3cr3t") == "a7 LOGIN fdurand «masqué»"
    assert log.redactor.redact("AUTH PLAIN AGZkdXJhbmQAczNjcmV0") == "AUTH PLAIN «masqué»"
