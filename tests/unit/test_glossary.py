"""One term per concept (#19): the checkbox that keeps the password had three names, the token two.
docs/glossaire.md says which word to use and which to avoid; the French catalogue and the built-in
help must not use an avoided one."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[2]


def avoided_terms() -> list[str]:
    terms = []
    for line in (ROOT / "docs" / "glossaire.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("Concept", "---") or set(cells[0]) <= {"-"}:
            continue
        avoid = re.sub(r"\([^)]*\)", "", cells[2])
        terms += [t.strip() for t in avoid.split(",") if t.strip()]
    assert "jeton" in terms and "Se souvenir de moi" in terms
    return terms


def french_texts() -> list[tuple[str, str]]:
    tree = ElementTree.parse(ROOT / "resources" / "translations" / "acmail_fr.ts")
    texts = [(f"{ctx.findtext('name')}: {m.findtext('source')}", m.findtext("translation") or "")
             for ctx in tree.iter("context") for m in ctx.iter("message")]
    for page in sorted((ROOT / "resources" / "help" / "fr").glob("*")):
        texts.append((f"help/{page.name}", re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))))
    return texts


def test_no_avoided_term_in_the_french_interface_or_help() -> None:
    found = []
    for term in avoided_terms():
        pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE)
        found += [(term, where) for where, text in french_texts() if pattern.search(text.replace("&", ""))]
    assert found == []
