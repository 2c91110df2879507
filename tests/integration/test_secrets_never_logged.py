"""A full run of every login path with debug logging on: no secret may reach the log file.

imapclient logs each protocol line at debug level (LOGIN included) and smtplib's AUTH carries the
base64 of the password; the redacting filter must catch all of them.
"""

from __future__ import annotations

import base64
import logging
from pathlib import Path

import pytest

from acmail_desktop.core import errors, log
from acmail_desktop.core.otp import TotpGenerator, passcode_credential, password_credential
from tests.support.accounts import account_of

pytestmark = pytest.mark.integration


@pytest.fixture
def debug_log(tmp_path: Path):  # type: ignore[no-untyped-def]
    log_file = tmp_path / "acmail.log"
    log.setup_logging(log_file, debug=True)
    for name in ("imapclient", "imapclient.imaplib"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    yield log_file
    log.setup_logging(None)


def _forms(secret: str, username: str) -> set[str]:
    forms = {secret, base64.b64encode(secret.encode()).decode(),
             base64.b64encode(f"\0{username}\0{secret}".encode()).decode()}
    return {f for f in forms if len(f) >= 4}


def test_no_secret_in_debug_log_of_every_login_path(debug_log: Path, mail_server, local_provider,
                                                    ssl_context, make_account) -> None:  # type: ignore[no-untyped-def]
    acc = make_account()
    secrets: set[str] = set()

    def account(credential):  # type: ignore[no-untyped-def]
        return account_of(local_provider, ssl_context, acc, credential=credential, timeout=10)

    # Password: IMAP and SMTP.
    ok = account(password_credential(acc.identifiant, acc.password))
    ok.open_imap().logout()
    ok.open_smtp().close()
    secrets |= _forms(acc.password, acc.identifiant)
    # Wrong password on IMAP and on SMTP.
    for wrong, opener in (("Faux-mdp-IMAP-77", "open_imap"), ("Faux-mdp-SMTP-88", "open_smtp")):
        with pytest.raises(errors.AuthError):
            getattr(account(password_credential(acc.identifiant, wrong)), opener)()
        secrets |= _forms(wrong, acc.identifiant)
    # PassCode, then its replay.
    passcode = mail_server.fresh_passcode(acc.identifiant)
    credential = passcode_credential(acc.identifiant, passcode[:-6], passcode[-6:])
    account(credential).open_imap().logout()
    with pytest.raises(errors.OtpRejected):
        account(credential).open_imap()
    secrets |= _forms(passcode, acc.identifiant) | {passcode[:-6] + passcode[-6:]}
    # A TOTP secret handled by the generator.
    generator = TotpGenerator(acc.totp_secret)
    log.auth.debug("generated a code for %s with secret %s", acc.identifiant, acc.totp_secret)
    secrets.add(acc.totp_secret)
    assert generator.code()

    for handler in logging.getLogger("acmail").handlers:
        handler.flush()
    text = debug_log.read_text(encoding="utf-8")
    assert "LOGIN" in text, "the debug log must contain the protocol exchange for this test to mean anything"
    assert acc.identifiant in text
    leaked = sorted(s for s in secrets if s in text)
    assert leaked == [], "secrets found in the log"
