"""The redactor masks credentials on protocol lines, and leaves lists of mechanisms and
capabilities readable (the diagnostics report showed `AUTH LOGIN PLAIN «masqué» HELP`)."""

from __future__ import annotations

import pytest

from acmail_desktop.core.diagnostics.model import Report
from acmail_desktop.core.diagnostics.report import _scrub
from acmail_desktop.core.log import MASK, redactor

KEPT = [
    "EHLO after TLS: SIZE 10485760 | 8BITMIME | SMTPUTF8 | AUTH LOGIN PLAIN | HELP",
    "250-AUTH PLAIN XOAUTH2",
    "AUTH LOGIN OAUTHBEARER",
    "AUTH PLAIN GSSAPI KERBEROS_V4 SCRAM-SHA-256 EXTERNAL ANONYMOUS",
    "* CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE AUTH=PLAIN AUTH=LOGIN",
    "login as fdurand (password)",
]
MASKED = [
    ("a1 LOGIN fdurand Mdp-Assez-Long-9", "a1 LOGIN fdurand " + MASK),
    ('C: a1 LOGIN "fdurand" "avec espace"', 'C: a1 LOGIN "fdurand" ' + MASK),
    ("> b'A001 LOGIN fdurand Zz-9'", "> b'A001 LOGIN fdurand " + MASK),
    ("AUTH PLAIN AGZkdXJhbmQAWnotU8OpY3JldC05ODc2", "AUTH PLAIN " + MASK),
    ("a2 AUTHENTICATE PLAIN AGZkdXJhbmQAWnotU8OpY3JldC05ODc2", "a2 AUTHENTICATE PLAIN " + MASK),
    ("AUTH PLAIN AEFCAENE", "AUTH PLAIN " + MASK),  # upper-case base64 is still a credential
]


@pytest.mark.parametrize("line", KEPT)
def test_protocol_words_are_not_masked(line: str) -> None:
    assert redactor.redact(line) == line


@pytest.mark.parametrize(("line", "expected"), MASKED)
def test_credentials_on_protocol_lines_are_masked(line: str, expected: str) -> None:
    assert redactor.redact(line) == expected


def test_identifiant_is_masked_as_a_word_only() -> None:
    report = Report(academie="aix-marseille", academie_name="Aix-Marseille", identifiant="plain",
                    imap="", smtp="", started_at="")
    text = "login as plain; AUTH=PLAIN AUTH PLAIN LOGIN; plain@ac-aix-marseille.fr; plainly"
    scrubbed = _scrub(text, report, False, [])
    assert scrubbed.startswith("login as pl**n;")
    assert "pl**n@ac-aix-marseille.fr" in scrubbed and "plainly" in scrubbed
