"""TOTP enrolment: the secret goes to the real Secret Service and the generated codes match."""

from __future__ import annotations

import os

import pyotp
import pytest
from PySide6.QtWidgets import QDialogButtonBox

from acmail_desktop.core.secrets import KeyringStore, SessionOnlyStore
from acmail_desktop.ui.totp import TotpCodeWidget, TotpEnrolDialog, generator_from_text

pytestmark = pytest.mark.gui


def test_generator_accepts_uri_and_plain_secret() -> None:
    secret = pyotp.random_base32()
    at = 1_800_000_000
    assert generator_from_text(f"  otpauth://totp/AcMail:x?secret={secret}  ").code(at) == pyotp.TOTP(secret).at(at)
    spaced = " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)).lower()
    assert generator_from_text(spaced).code(at) == pyotp.TOTP(secret).at(at)


def test_code_widget_shows_current_code_and_countdown(qtbot) -> None:  # type: ignore[no-untyped-def]
    import time

    secret = pyotp.random_base32()
    before = time.time()
    widget = TotpCodeWidget(generator_from_text(secret))
    qtbot.addWidget(widget)
    after = time.time()
    # The code of some moment while the widget was made (on a loaded machine that can span a step).
    assert widget.code in {pyotp.TOTP(secret).at(before), pyotp.TOTP(secret).at(after)}
    assert widget.code_label.text().replace(" ", "") == widget.code
    assert 1 <= widget.remaining.value() <= 30


def test_enrolment_refused_without_keyring(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = TotpEnrolDialog(SessionOnlyStore(), "local", "fdurand")
    qtbot.addWidget(dialog)
    assert not dialog.secret.isEnabled()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()


def test_invalid_secret_cannot_be_saved(qtbot) -> None:  # type: ignore[no-untyped-def]
    class Available(SessionOnlyStore):
        available = True

    dialog = TotpEnrolDialog(Available(), "local", "fdurand")
    qtbot.addWidget(dialog)
    dialog.secret.setText("not a secret!")
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    assert "otpauth" in dialog.preview.text()


@pytest.mark.keyring
@pytest.mark.skipif(not os.environ.get("ACMAIL_SECRET_SERVICE"),
                    reason="needs the gnome-keyring Secret Service started by scripts/run-tests.sh")
def test_enrolment_stores_secret_in_secret_service(qtbot) -> None:  # type: ignore[no-untyped-def]
    store = KeyringStore()
    secret = pyotp.random_base32()
    dialog = TotpEnrolDialog(store, "local", "totpuser")
    qtbot.addWidget(dialog)
    dialog.secret.setText(f"otpauth://totp/AcMail:totpuser?secret={secret}&issuer=AcMail")
    assert pyotp.TOTP(secret).now() in dialog.preview.text() or "Code" in dialog.preview.text()
    with qtbot.waitSignal(dialog.enrolled, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert store.get_totp_secret("local", "totpuser") == secret
    assert dialog.secret.text() == ""
    store.forget("local", "totpuser")
    assert store.get_totp_secret("local", "totpuser") is None
