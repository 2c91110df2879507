"""Fuzzing the address parsers: what the user types (issue 8, item 20: only our typed errors, never a
smuggled recipient) and From headers as they arrive (issue 14: never an exception, the address
shown is the address parsed)."""

import base64
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from acmail_desktop.core import compose, errors
from acmail_desktop.core.addresses import describe_sender, parse_mailbox, parse_mailboxes
from acmail_desktop.core.imap.fetchparse import row_from_items
from acmail_desktop.core.mime import parse_address_list
from acmail_desktop.core.render import InProcessConverter, render
from acmail_desktop.core.rows import ROW_FIELDS

PIECES = st.sampled_from(["alice", "@", "ac-x.fr", "<", ">", "(", ")", '"', ",", ";", ":", " ", "\r\n",
                          "bob@evil.tld", "Élise", "\\", "[", "]", ".", "xn--bcher-kva.de", "\t"])


@settings(max_examples=500)
@given(st.lists(PIECES, max_size=12).map("".join) | st.text(max_size=80))
def test_parser_only_raises_typed_errors(text: str) -> None:
    try:
        addresses = parse_address_list(text)
    except (errors.InvalidAddress, errors.HeaderInjection):
        return
    for address in addresses:
        rendered = str(address)
        assert "\r" not in rendered and "\n" not in rendered
        assert rendered.count("@") >= 1


# --- From headers as they arrive (issue 14): parsed first, the name decoded after ------------------
def _word(text: str) -> str:
    return "=?utf-8?b?" + base64.b64encode(text.encode()).decode() + "?="


FROM_PIECES = st.sampled_from([
    "recteur@ac-paris.fr", " ", "<", ">", "attacker@evil.example", '"', ",", "(", ")", "\\", ":", ";",
    _word("recteur@ac-paris.fr"), _word("<boss@ac-lyon.fr>"), _word("a@b.fr, c@d.fr"), _word("\r\nBcc: x@y.fr"),
    "=?utf-8?q?Rectorat=0D=0A?=", "=?utf-8?q?=E2=80=AE?=", "\u202e", "Élodie", "\u0430c-aix-marseille.fr",
    "=?bogus?x?zz?=", "=?utf-8?b?!!!?=", "\t", "é@ï.fr", "xn--80ak6aa92e.com", "@", ".",
])


@settings(max_examples=600)
@given(st.lists(FROM_PIECES, max_size=14).map("".join) | st.text(max_size=120))
def test_from_header_never_raises_and_shows_the_parsed_address(header: str) -> None:
    name, address = parse_mailbox(header)
    without_cfws = "".join(re.sub(r"\((?:[^()\\]|\\.)*\)", " ", header).split())
    assert address in header or address in without_cfws, \
        "the address is taken from the header as it came (comments and spaces dropped), never from a decoded word"
    assert "\r" not in name and "\n" not in name
    shown = describe_sender(name, address)
    plain = address.isascii() and address.isprintable() and address.count("@") == 1 \
        and all(part for part in address.split("@"))
    if plain and not address.rpartition("@")[2].lower().startswith("xn--"):
        assert shown.address == address
    if shown.warnings:
        assert shown.list_text == shown.address
    raw = f"From: {header}\r\nSubject: s\r\nMessage-ID: <f@x.fr>\r\n\r\nb\r\n".encode("utf-8", "surrogatepass")
    rendered = render(raw, converter=InProcessConverter())
    # One parser: the reader shows what the list row holds.
    row = dict(zip(ROW_FIELDS, row_from_items(1, (), None, len(raw), raw.split(b"\r\n\r\n")[0] + b"\r\n"),
                   strict=True))
    list_address = describe_sender(row["from_name"], row["from_addr"]).address
    assert rendered.sender.address == list_address or not row["from_addr"]
    draft = compose.reply(raw, own_addresses=[])
    assert all(to_address in header for _n, to_address in draft.to)
    assert len(draft.to) <= len(parse_mailboxes(header))
