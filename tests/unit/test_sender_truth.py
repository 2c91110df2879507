"""Sender truth (issue 14): the address is parsed before the display name is decoded, everywhere a
sender appears (list rows written by the sync, the reader, replies), and a name that deceives is
shown by its real address with a warning."""

from __future__ import annotations

import base64
import time

import pytest

from acmail_desktop.core import compose
from acmail_desktop.core.addresses import SenderWarning, describe_sender, parse_mailbox, parse_mailboxes
from acmail_desktop.core.imap.fetchparse import row_from_items
from acmail_desktop.core.render import InProcessConverter, render
from acmail_desktop.core.rows import ROW_FIELDS

ATTACKER = "attacker@evil.example"
CYRILLIC_A, CYRILLIC_E, CYRILLIC_ES = "\u0430", "\u0435", "\u0441"


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


# (From header as it arrives, the name it shows once decoded, the warning it must raise)
FORGED = [
    pytest.param("=?utf-8?b?cmVjdGV1ckBhYy1wYXJpcy5mcg==?= <attacker@evil.example>", "recteur@ac-paris.fr",
                 SenderWarning.NAME_HAS_OTHER_ADDRESS, id="b-encoded-address-in-name"),
    pytest.param("=?iso-8859-1?q?recteur=40ac-paris=2Efr?= <attacker@evil.example>", "recteur@ac-paris.fr",
                 SenderWarning.NAME_HAS_OTHER_ADDRESS, id="q-encoded-address-in-name"),
    pytest.param("recteur@ac-paris.fr <attacker@evil.example>", "recteur@ac-paris.fr",
                 SenderWarning.NAME_HAS_OTHER_ADDRESS, id="unquoted-at-in-name"),
    pytest.param('"Rectorat <recteur@ac-paris.fr>" <attacker@evil.example>', "Rectorat <recteur@ac-paris.fr>",
                 SenderWarning.NAME_HAS_OTHER_ADDRESS, id="quoted-angle-address-in-name"),
    pytest.param("=?utf-8?q?Rectorat=0D=0ABcc:_recteur@ac-paris.fr?= <attacker@evil.example>",
                 "Rectorat Bcc: recteur@ac-paris.fr", SenderWarning.NAME_HAS_OTHER_ADDRESS, id="encoded-crlf"),
    pytest.param("=?utf-8?b?UmVjdGV1cu+8oGFjLXBhcmlzLmZy?= <attacker@evil.example>", "Recteur＠ac-paris.fr",
                 SenderWarning.NAME_HAS_OTHER_ADDRESS, id="fullwidth-at"),
    pytest.param("=?utf-8?q?Service_=E2=80=AErf=2Eslessim-ca?= <attacker@evil.example>",
                 "Service rf.slessim-ca", SenderWarning.BIDI_CONTROL, id="rtl-override"),
    pytest.param("=?utf-8?q?Service=E2=81=A7_informatique?= <attacker@evil.example>",
                 "Service informatique", SenderWarning.BIDI_CONTROL, id="rtl-isolate"),
    pytest.param(f"R{CYRILLIC_E}{CYRILLIC_ES}torat <attacker@evil.example>", f"R{CYRILLIC_E}{CYRILLIC_ES}torat",
                 SenderWarning.MIXED_SCRIPT_NAME, id="homoglyph-name-8bit"),
    pytest.param(f"=?utf-8?b?{_b64(f'Rectorat {CYRILLIC_A}c-aix-marseille.fr')}?= <attacker@evil.example>",
                 f"Rectorat {CYRILLIC_A}c-aix-marseille.fr",
                 SenderWarning.MIXED_SCRIPT_NAME, id="homoglyph-domain-in-name"),
]


@pytest.mark.parametrize(("header", "name", "warning"), FORGED)
def test_forged_sender_is_parsed_first_and_flagged(header: str, name: str, warning: SenderWarning) -> None:
    parsed_name, address = parse_mailbox(header)
    assert address == ATTACKER
    shown = describe_sender(parsed_name, address)
    assert shown.name == name
    assert warning in shown.warnings
    assert shown.address == ATTACKER and shown.list_text == ATTACKER
    assert "\r" not in parsed_name and "\n" not in parsed_name


@pytest.mark.parametrize(("header", "name", "warning"), FORGED)
def test_the_list_row_written_by_the_sync_holds_the_real_address(header: str, name: str,
                                                                 warning: SenderWarning) -> None:
    block = f"From: {header}\r\nSubject: Bulletin de salaire\r\n".encode()
    row = dict(zip(ROW_FIELDS, row_from_items(7, (b"\\Seen",), None, len(block), block), strict=True))
    assert row["from_addr"] == ATTACKER
    assert describe_sender(row["from_name"], row["from_addr"]).list_text == ATTACKER


@pytest.mark.parametrize(("header", "name", "warning"), FORGED)
def test_reader_and_replies_see_the_same_sender(header: str, name: str, warning: SenderWarning) -> None:
    raw = (f"From: {header}\r\nTo: moi@ac-aix-marseille.fr\r\nSubject: Bulletin\r\n"
           "Message-ID: <m1@evil.example>\r\n\r\nBonjour\r\n").encode()
    rendered = render(raw, converter=InProcessConverter())
    assert rendered.sender.address == ATTACKER and warning in rendered.sender.warnings
    for draft in (compose.reply(raw, own_addresses=["moi@ac-aix-marseille.fr"]),
                  compose.reply(raw, own_addresses=["moi@ac-aix-marseille.fr"], reply_all=True)):
        assert draft.to == [("", ATTACKER)] and draft.cc == []
    assert f"De : {rendered.sender.text}" in compose.forward(raw).body


def test_an_encoded_comma_in_a_recipient_name_adds_no_recipient() -> None:
    raw = (b"From: Paul <paul@ac-lyon.fr>\r\n"
           b"To: =?utf-8?q?pirate@evil.example=2C_?= <moi@ac-lyon.fr>, Anne <anne@ac-lyon.fr>\r\n"
           b"Cc: =?utf-8?b?ZXNwaW9uQGV2aWwuZXhhbXBsZSw=?= <cc@ac-lyon.fr>\r\n"
           b"Subject: s\r\n\r\nb\r\n")
    draft = compose.reply(raw, own_addresses=["moi@ac-lyon.fr"], reply_all=True)
    recipients = [address for _name, address in draft.to + draft.cc]
    assert recipients == ["paul@ac-lyon.fr", "anne@ac-lyon.fr", "cc@ac-lyon.fr"]
    rendered = render(raw, converter=InProcessConverter())
    assert "pirate@evil.example, <moi@ac-lyon.fr>" in rendered.to and rendered.to.count("<") == 2


def test_reply_to_is_honoured_and_shown() -> None:
    raw = (b"From: =?utf-8?q?Rectorat?= <info@ac-aix-marseille.fr>\r\n"
           b"Reply-To: =?utf-8?q?recteur=40ac-aix-marseille=2Efr?= <collecte@evil.example>\r\n"
           b"Subject: s\r\n\r\nb\r\n")
    draft = compose.reply(raw, own_addresses=[])
    assert draft.to == [("", "collecte@evil.example")]
    rendered = render(raw, converter=InProcessConverter())
    assert rendered.reply_to == "recteur@ac-aix-marseille.fr <collecte@evil.example>"


@pytest.mark.parametrize(("name", "address"), [
    ("Élodie Martin", "elodie.martin@ac-lyon.fr"),
    ("MARTIN Élodie", "elodie.martin@ac-aix-marseille.fr"),
    ("Jean-François d'Aubigné (DSDEN 13)", "jf.daubigne@ac-aix-marseille.fr"),
    ("Иван Петров", "ivan@example.ru"),
    ("山田 太郎", "taro@example.jp"),
    ("Ελένη Παπαδοπούλου", "eleni@example.gr"),
    ("x@ac-lyon.fr", "X@ac-lyon.fr"),
    ("", "contact@éducation.fr"),
])
def test_ordinary_names_raise_no_warning(name: str, address: str) -> None:
    shown = describe_sender(name, address)
    assert shown.warnings == ()
    assert shown.list_text == (name or shown.address)


def test_homoglyph_domains_of_the_address() -> None:
    mixed = describe_sender("Rectorat", f"dsden@{CYRILLIC_A}c-aix-marseille.fr")
    whole = describe_sender("Rectorat", f"info@{CYRILLIC_A}{CYRILLIC_ES}{CYRILLIC_E}.fr")  # "асе.fr"
    for shown in (mixed, whole):
        assert SenderWarning.MIXED_SCRIPT_DOMAIN in shown.warnings
        assert "@xn--" in shown.address and shown.list_text == shown.address
    # A real Cyrillic domain whose letters do not all imitate Latin ones is left alone.
    assert describe_sender("", "info@пример.рф").warnings == ()


def test_parsing_keeps_names_and_addresses_apart() -> None:
    assert parse_mailboxes('"Dupont, Élise" <e.dupont@ac-lyon.fr>, b@x.fr (Bob), Groupe: c@x.fr, d@x.fr;') == (
        ("Dupont, Élise", "e.dupont@ac-lyon.fr"), ("Bob", "b@x.fr"), ("", "c@x.fr"), ("", "d@x.fr"))
    assert parse_mailbox('"Jean" Dupont <jd@x.fr> (prof)') == ("Jean Dupont", "jd@x.fr")
    # RFC 5322 appendix A.5: comments and spaces inside the address.
    assert parse_mailbox("Pete(A wonderful \\) chap) <pete(his account)@silly.test(his host)>")[1] == "pete@silly.test"
    assert parse_mailbox("John Doe <jdoe@machine(comment).  example>") == ("John Doe", "jdoe@machine.example")
    assert parse_mailbox("=?utf-8?q?a@b.fr?=") == ("", "=?utf-8?q?a@b.fr?=")  # never decoded into an address
    assert parse_mailbox("") == ("", "")
    assert parse_mailbox('<"">') == ("", '""')  # found by the fuzzer: quotes inside the brackets kept


@pytest.mark.parametrize("name", ["a-" * 4000 + "é", "é" + "a" * 8000, "a@" * 4000, "x" * 8000])
def test_hostile_names_are_cut_and_checked_quickly(name: str) -> None:
    """describe_sender runs on the GUI thread (the list asks for it): 8 KB names took seconds."""
    describe_sender.cache_clear()
    started = time.perf_counter()
    shown = describe_sender(name, "a@b.fr")
    assert time.perf_counter() - started < 0.2
    assert len(shown.name) <= 201 and shown.list_text
