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


def test_rich_blocks_to_text_and_html() -> None:
    from acmail_desktop.core.richtext import Block, Run, is_formatted, to_html, to_plain_text

    blocks = [
        Block([Run("Bonjour "), Run("à tous", bold=True), Run(",")]),
        Block([Run("sortie "), Run("jeudi", italic=True, underline=True)], "ul"),
        Block([Run("voir le "), Run("programme", href="https://ac-test.fr/prog?a=1&b=2")], "ul"),
        Block([Run("premier")], "ol"),
        Block([Run("second")], "ol"),
        Block([]),
        Block([Run("cité "), Run("x@ac-test.fr", href="mailto:x@ac-test.fr")], quote_depth=1),
        Block([Run("piège", href="javascript:alert(1)")]),
    ]
    assert is_formatted(blocks) and not is_formatted([Block([Run("juste du texte")])])
    assert to_plain_text(blocks) == ("Bonjour à tous,\n- sortie jeudi\n- voir le programme "
                                     "<https://ac-test.fr/prog?a=1&b=2>\n1. premier\n2. second\n\n"
                                     "> cité x@ac-test.fr\npiège\n")
    html = to_html(blocks)
    assert "<p>Bonjour <strong>à tous</strong>,</p>" in html
    assert "<ul>\n<li>sortie <em><u>jeudi</u></em></li>" in html
    assert '<a href="https://ac-test.fr/prog?a=1&amp;b=2">programme</a></li>\n</ul>\n<ol>' in html
    assert "<p><br></p>" in html and '<blockquote type="cite">\n<p>cité' in html
    assert "javascript" not in html and "<p>piège</p>" in html
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html


@pytest.mark.parametrize("offset", [0, 1, STREAM_CHUNK - 2, STREAM_CHUNK - 1, STREAM_CHUNK])
def test_bare_line_ends_become_crlf_wherever_a_chunk_ends(offset: int) -> None:
    """A message with LF ends (EmailMessage.as_bytes()) hung the diagnostics' test send: the end of
    DATA was "\\n.\\r\\n". Bare LF and bare CR become CRLF; a CRLF split across chunks stays one."""
    raw = b"a" * offset + b"\r\nx\n.dot\rlast\r"
    sent: list[bytes] = []
    _stream_dot_stuffed(io.BytesIO(raw), sent.append)
    assert b"".join(sent) == b"a" * offset + b"\r\nx\r\n..dot\r\nlast\r\n"


def test_french_spelling_flags_unknown_words_only() -> None:
    from acmail_desktop.core.spelling import load_checker

    checker = load_checker()
    if checker is None:
        pytest.skip("no French dictionary: install libenchant-2-2 and hunspell-fr (scripts/bootstrap.sh)")
    text = ("Bonjur à tous, l'élève est aujourd’hui au collège ; peut-être qu'il viendra. "
            "Voir https://ac-test.fr/progamme ou prenom.nom@ac-test.fr, salle B12, ENT, eleve.")
    assert [text[s:s + n] for s, n in checker.misspelled(text)] == ["Bonjur", "eleve"]
    assert "bonjour" in [w.lower() for w in checker.suggestions("Bonjur")]
    assert "élève" in checker.suggestions("eleve")


def test_policy_presets_the_display_name_and_plain_text(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json
    from pathlib import Path

    from acmail_desktop.core.errors import PolicyError
    from acmail_desktop.core.policy import PolicySettings, parse_policy

    document = {"version": 1, "display_name": "Secrétariat du collège Jean Moulin",
                "plain_text": {"value": True, "locked": False}}
    policy = parse_policy(json.dumps(document).encode(), Path("policy.json"))
    assert policy.locked["sending.display_name"] == "Secrétariat du collège Jean Moulin"
    assert policy.defaults["sending.plain_text"] is True
    settings = PolicySettings(tmp_path / "settings.json", locked=policy.locked, defaults=policy.defaults)
    assert settings.is_locked("sending.display_name") and settings.get("sending.plain_text") is True
    settings.set("sending.plain_text", False)  # a default: the user may change it
    assert settings.get("sending.plain_text") is False
    with pytest.raises(PolicyError):  # a line break cannot reach the From header through the policy
        parse_policy(json.dumps({"version": 1, "display_name": "A\nBcc: x@y.fr"}).encode(), Path("p.json"))
