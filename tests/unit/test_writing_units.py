"""Pure pieces of issue 17: the proposed display name, the French refusal sentence, dot-stuffing."""

from __future__ import annotations

import io

import pytest

from acmail_desktop.core import log
from acmail_desktop.core.identity import propose_display_name
from acmail_desktop.core.smtp import STREAM_CHUNK, _stream_dot_stuffed


@pytest.mark.parametrize(("address", "name"), [
    ("prenom.nom@ac-aix-marseille.fr", "Prenom Nom"),
    ("jean-pierre.dupont2@ac-x.fr", ""),  # a digit: a homonym's counter, no guess rather than a wrong one
    ("jean-pierre.dupont@ac-x.fr", "Jean-Pierre Dupont"),
    ("ELISE.MARTIN@ac-x.fr", "Elise Martin"),
    ("marie_claire.durand@ac-x.fr", "Marie Claire Durand"),
    ("fdurand@ac-x.fr", ""),
    ("ce.0131234x@ac-x.fr", ""),
    ("", ""),
])
def test_proposed_display_name(address: str, name: str) -> None:
    assert propose_display_name(address) == name


def test_mask_address_keeps_the_domain_only() -> None:
    assert log.mask_address("personne.inconnue@acmail.test") == "pe**************e@acmail.test"
    assert log.mask_address("<ab@x.fr>") == "**@x.fr"


@pytest.mark.parametrize("offset", [0, 1, 2, STREAM_CHUNK - 2, STREAM_CHUNK - 1])
def test_dot_stuffing_wherever_a_chunk_ends(offset: int) -> None:
    raw = b"a" * offset + b"\r\n.one\r\n..two\r\n.\r\nend"
    sent: list[bytes] = []
    _stream_dot_stuffed(io.BytesIO(raw), sent.append)
    assert b"".join(sent) == b"a" * offset + b"\r\n..one\r\n...two\r\n..\r\nend\r\n"
    leading: list[bytes] = []
    _stream_dot_stuffed(io.BytesIO(b".first\r\n"), leading.append)
    assert b"".join(leading) == b"..first\r\n"
