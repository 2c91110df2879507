"""Outgoing messages: strict address parsing, encoding, no header injection, streamed attachments."""

from __future__ import annotations

import email
import email.policy
import io
import tracemalloc
from pathlib import Path

import pytest

from acmail_desktop.core import errors
from acmail_desktop.core.mime import (
    OutgoingAttachment,
    build_message,
    display_address,
    envelope_address,
    parse_address_list,
    spool_message,
    write_message,
)


def test_parse_display_names_several_addresses_and_idn() -> None:
    parsed = parse_address_list('Jean Dupont <jean.dupont@ac-x.fr>, "Martin, Élise" <e@ac-x.fr>; bob@école.fr')
    assert parsed == [("Jean Dupont", "jean.dupont@ac-x.fr"), ("Martin, Élise", "e@ac-x.fr"), ("", "bob@école.fr")]
    assert envelope_address("bob@école.fr") == "bob@xn--cole-9oa.fr"
    assert display_address("", "bob@xn--cole-9oa.fr") == "bob@école.fr"


@pytest.mark.parametrize("text", [
    "alice@ac-x.fr)<bob@evil.tld>", "alice@ac-x.fr <bob@evil.tld>", '"a" <a@x.fr> <b@y.fr>',
    "alice@ac-x.fr (commentaire) ", "a@b@c.fr", "<a@x.fr", "a@x.fr>", "Nom <a@x.fr>\r\nBcc: e@evil.tld",
    "a@x.fr\nbcc@evil.tld", "a@x.fr\x00", '"non fermé <a@x.fr>',
])
def test_ambiguous_or_injected_addresses_refused(text: str) -> None:
    with pytest.raises(errors.HeaderInjection):
        parse_address_list(text)


@pytest.mark.parametrize("text", ["pas-une-adresse", "a@localhost", "a..b@x.fr", "é@x.fr", "a@-x.fr"])
def test_invalid_addresses_refused(text: str) -> None:
    with pytest.raises(errors.InvalidAddress):
        parse_address_list(text)


@pytest.mark.parametrize("field, value", [
    ("subject", "Salut\r\nBcc: evil@evil.tld"), ("subject", "a\nb"), ("subject", "a\rb"),
    ("to_name", "Nom\r\nX-Evil: 1"), ("sender_name", "Moi\nBcc: e@e.fr"), ("in_reply_to", "<a@b>\r\nX: y"),
    ("references", "<a@b> <c@d>\nX: 1"), ("filename", "a\r\nContent-Type: text/html.txt"),
    ("subject", "a\u2028Bcc: e@e.fr"), ("subject", "a\x85b"), ("subject", "a\x0bb"), ("to_name", "a\x1cb"),
    ("filename", "a\u2029b"), ("content_type", "text/plain\r\nX: y"), ("content_type", "text/plain; x=y"),
])
def test_crlf_refused_in_every_generated_header(field: str, value: str) -> None:
    fields: dict = dict(sender=("Moi", "moi@ac-x.fr"), to=[("", "a@ac-x.fr")], subject="s", body="b")  # type: ignore[type-arg]
    if field == "subject":
        fields["subject"] = value
    elif field == "to_name":
        fields["to"] = [(value, "a@ac-x.fr")]
    elif field == "sender_name":
        fields["sender"] = (value, "moi@ac-x.fr")
    elif field == "filename":
        fields["attachments"] = [OutgoingAttachment(value, "text/plain", data=b"x")]
    elif field == "content_type":
        fields["attachments"] = [OutgoingAttachment("a.txt", value, data=b"x")]
    else:
        fields[field] = value
    with pytest.raises(errors.HeaderInjection):
        write_message(io.BytesIO(), **fields)


def test_non_ascii_names_subject_filename_encoded_and_parsed_back() -> None:
    out = io.BytesIO()
    message_id, rcpts = write_message(
        out, sender=("Frédérique Ébrard", "f@ac-x.fr"), to=[("Dupont, Élise", "e@école.fr")],
        cc=[("", "c@ac-x.fr")], bcc=[("", "secret@ac-x.fr"), ("", "E@école.fr")],
        subject="Réunion — ordre du jour « important »", body="Ligne 1\n.\nÉté\n",
        attachments=[OutgoingAttachment("résumé.pdf", "application/pdf", data=b"%PDF\x00\xff")])
    raw = out.getvalue()
    assert raw.isascii() and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert b"secret@" not in raw
    assert rcpts == ("e@xn--cole-9oa.fr", "c@ac-x.fr", "secret@ac-x.fr")
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["Subject"] == "Réunion — ordre du jour « important »"
    assert parsed["To"].addresses[0].display_name == "Dupont, Élise"
    assert parsed["From"].addresses[0].display_name == "Frédérique Ébrard"
    assert parsed["Message-ID"] == message_id and message_id.endswith("@ac-x.fr>")
    assert parsed.get_body(("plain",)).get_content().replace("\r\n", "\n") == "Ligne 1\n.\nÉté\n"
    [attachment] = list(parsed.iter_attachments())
    assert attachment.get_filename() == "résumé.pdf" and attachment.get_content() == b"%PDF\x00\xff"


def test_build_message_is_compatible() -> None:
    message = build_message(sender=("Frédérique", "f@ac-x.fr"), to=[("", "a@ac-x.fr")], subject="Été", body="x")
    assert message["Subject"] == "Été" and message["Message-ID"]


def test_large_attachment_streamed_not_held_in_memory(tmp_path: Path) -> None:
    big = tmp_path / "gros.bin"
    with open(big, "wb") as f:
        for i in range(20):
            f.write(bytes([i]) * (1024 * 1024))
    tracemalloc.start()
    try:
        spooled = spool_message(tmp_path / "out.eml", sender=("", "f@ac-x.fr"), to=[("", "a@ac-x.fr")],
                                subject="Gros", body="x", attachments=[big])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * 1024 * 1024, peak  # a few chunks, never the 20 MB file nor its 27 MB base64
    assert spooled.size > 20 * 1024 * 1024 * 4 // 3
    parsed = email.message_from_bytes(spooled.path.read_bytes(), policy=email.policy.default)
    assert next(parsed.iter_attachments()).get_content() == big.read_bytes()
