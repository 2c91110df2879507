"""The sanitizer's allow-list, the phishing-link check, format=flowed and the text view's layout."""

from __future__ import annotations

import pytest

from acmail_desktop.core.charsets import decode_text, python_codec
from acmail_desktop.core.htmlsafe import link_warning, reflow_flowed, sanitize_html, text_to_html


def test_sanitizer_keeps_formatting_and_drops_everything_active() -> None:
    safe = sanitize_html(
        '<html><head><title>t</title><style>p{background:url(http://x/a)}</style>'
        '<link rel=stylesheet href="http://x/b.css"><meta http-equiv="refresh" content="0;url=http://x/r">'
        '</head><body onload="evil()"><h1>Titre</h1><p style="color:#c00;background-image:url(http://x/c);'
        'position:absolute">Rouge <b>gras</b></p><ul><li>un</li></ul><table><tr><td bgcolor="#eee">c</td>'
        '</tr></table><script>alert(1)</script><iframe src="http://x/f"></iframe>'
        '<object data="http://x/o"></object><svg><image href="http://x/s"/></svg>'
        '<img src="http://x/p.gif" srcset="http://x/p2.gif 2x" width="1" height="1">'
        '<img src="cid:logo@x"><a href="javascript:alert(1)">js</a><form action="http://x/f"><input></form>'
        '<a href="https://ac-aix-marseille.fr/">site</a></body></html>')
    out = safe.html
    for gone in ("script", "alert", "iframe", "object", "svg", "srcset", "onload", "url(", "position",
                 "<style", "<link", "refresh", "<title", "javascript", "<form", "<input", "x/b.css"):
        assert gone not in out, gone
    for kept in ("<h1>Titre</h1>", "color:#c00", "<b>gras</b>", "<li>un</li>", 'bgcolor="#eee"',
                 'src="cid:logo@x"', 'href="https://ac-aix-marseille.fr/"'):
        assert kept in out, kept
    assert safe.remote_images == 1 and safe.cid_refs == ["logo@x"]
    assert safe.links == {"https://ac-aix-marseille.fr/": ["site"]}


@pytest.mark.parametrize(("text", "href", "claimed"), [
    ("www.ac-aix-marseille.fr", "https://phish.example/login", "www.ac-aix-marseille.fr"),
    ("https://www.impots.gouv.fr/portail", "http://impots-gouv.example.net/", "www.impots.gouv.fr"),
    ("ac-lyon.fr", "https://www.ac-lyon.fr/page", None),
    ("www.ac-lyon.fr", "https://ac-lyon.fr/", None),
    ("Cliquez ici", "https://anything.example/", None),
    ("jean.dupont@ac-nice.fr", "mailto:pirate@evil.example", "jean.dupont@ac-nice.fr"),
    ("jean.dupont@ac-nice.fr", "mailto:Jean.Dupont@ac-nice.fr", None),
    ("messagerie.ac-nice.fr", "https://messagerie.ac-nice.fr.evil.example/", "messagerie.ac-nice.fr"),
])
def test_link_text_that_names_another_site_is_flagged(text: str, href: str, claimed: str | None) -> None:
    assert link_warning(text, href) == claimed


def test_format_flowed_is_reflowed() -> None:
    flowed = "Bonjour, voici une \nphrase coupée \nen trois.\n> cité \n> suite\n-- \nSignature"
    assert reflow_flowed(flowed) == "Bonjour, voici une phrase coupée en trois.\n> cité suite\n-- \nSignature"
    assert reflow_flowed("mot- \ncoupé", delsp=True) == "mot-coupé"
    assert reflow_flowed(" >pas une citation") == ">pas une citation"  # space-stuffed


def test_text_view_links_and_quotes() -> None:
    rich = text_to_html("Voir https://eduscol.education.fr/x?a=1&b=2.\n> cité <b>\n>> plus profond")
    assert '<a href="https://eduscol.education.fr/x?a=1&amp;b=2">' in rich
    assert "&lt;b&gt;" in rich and rich.count("<table") == 1 + 2  # one quote level, then two nested


@pytest.mark.parametrize(("label", "data", "expected"), [
    ("gb2312", "镕".encode("gbk"), "镕"),                 # GBK character under a gb2312 label
    ("iso-8859-1", "€ “ok”".encode("cp1252"), "€ “ok”"),
    ("us-ascii", "é".encode("cp1252"), "é"),
    ("ks_c_5601-1987", "똠".encode("cp949"), "똠"),
    ("x-unknown", "déjà".encode(), "déjà"),
    (None, "déjà".encode("cp1252"), "déjà"),
])
def test_whatwg_supersets(label: str | None, data: bytes, expected: str) -> None:
    assert decode_text(data, label) == expected


def test_non_charset_codecs_are_refused() -> None:
    assert python_codec("base64") is None and python_codec("rot13") is None and python_codec("bogus") is None


def test_long_markup_is_cut_into_well_formed_pieces() -> None:
    from acmail_desktop.core.htmlsafe import chunk_html

    rows = "".join(f"<tr><td>ligne {i}</td></tr>" for i in range(2000))
    markup = f'<div style="color:#333"><table border="1">{rows}</table><p>fin</p></div>'
    pieces = chunk_html(markup, 5000)
    assert len(pieces) > 5 and all(len(p) < 6000 for p in pieces)
    assert all(p.startswith('<div style="color:#333">') for p in pieces)
    assert all(p.count("<table") == p.count("</table>") for p in pieces)
    assert "".join(pieces).count("ligne ") == 2000 and pieces[-1].endswith("<p>fin</p></div>")


def test_absurd_nesting_is_flattened_text_kept() -> None:
    safe = sanitize_html("<blockquote>" * 5000 + "au fond" + "</blockquote>" * 5000)
    assert safe.html.count("<blockquote>") <= 48 and "au fond" in safe.html


def test_charset_label_with_a_nul_is_unusable_not_an_error() -> None:
    assert python_codec("utf\x008") is None and decode_text(b"caf\xc3\xa9", "\x00") == "café"


def test_deeply_nested_layout_tables_are_flattened_content_kept() -> None:
    nested = "<table><tr><td>" * 8 + "au centre" + "</td></tr></table>" * 8
    safe = sanitize_html(nested + "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>")
    assert safe.html.count("<table>") == 4 + 1 and "au centre" in safe.html
    assert "<td>a</td><td>b</td>" in safe.html  # a table that is not nested keeps its cells


def test_html_as_text_has_no_markdown() -> None:
    from acmail_desktop.core.mime import html_to_text

    text = html_to_text('<h2>Action requise</h2><p>Voir <b>ici</b> <a href="http://x.fr/a">le site</a> ou '
                        '<a href="https://y.fr">https://y.fr</a></p><table><tr><td>a</td><td>b</td></tr></table>')
    assert "Action requise" in text and "le site <http://x.fr/a>" in text and "https://y.fr" in text
    for markdown in ("##", "**", "](", "| "):
        assert markdown not in text


def test_text_view_link_in_angle_brackets_stops_at_the_bracket() -> None:
    rich = text_to_html("Valider sur le site <http://phish.example.net/login> avant ce soir.")
    assert '<a href="http://phish.example.net/login">http://phish.example.net/login</a>&gt; avant' in rich


def test_a_character_cut_between_two_encoded_words_is_whole_again() -> None:
    import base64

    from acmail_desktop.core.imap.fetchparse import decode_words

    data = "Réunion déléguée".encode()
    cut = data.index("é".encode()) + 1  # inside the two bytes of "é"
    words = " ".join(f"=?UTF-8?B?{base64.b64encode(part).decode()}?=" for part in (data[:cut], data[cut:]))
    assert decode_words(words) == "Réunion déléguée"
    assert decode_words("=?utf-8?q?R=C3=A9union?= (12) =?iso-8859-1?q?=E9t=E9?=") == "Réunion (12) été"


def test_the_list_cuts_a_huge_encoded_subject_before_decoding() -> None:
    import time

    from acmail_desktop.core.imap.fetchparse import row_from_items

    block = ("Subject: " + " ".join(["=?utf-8?q?r=C3=A9union?="] * 250_000) + "\r\n\r\n").encode()  # 5.8 MB
    started = time.monotonic()
    row = row_from_items(1, (), None, len(block), block)
    assert time.monotonic() - started < 1.0 and row[5].startswith("réunion") and len(row[5]) < 20_000
