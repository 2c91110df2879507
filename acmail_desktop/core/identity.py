"""Identifiant normalisation and the input checks the académie guides ask users to make by hand.

The académie login is the short identifiant (first-name initial + surname, e.g. ``fdurand``), not
the e-mail address; trimming, case and a typed address are the classic mistakes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum


class Hint(StrEnum):
    """What was noticed about the identifiant; the UI turns each into a French sentence."""

    EMPTY = "empty"
    TRIMMED = "trimmed"                  # leading/trailing spaces removed
    INNER_SPACE = "inner_space"          # a space inside: cannot be an identifiant
    LOWERCASED = "lowercased"            # capitals folded (the profile says case does not matter)
    EMAIL_TYPED = "email_typed"          # an address typed where the short identifiant is expected
    EMAIL_OTHER_DOMAIN = "email_other_domain"
    ACCENTS = "accents"                  # accented letters: identifiants are ASCII
    PATTERN_MISMATCH = "pattern_mismatch"
    CONTROL_CHARS = "control_chars"
    ADDRESS_EXPECTED = "address_expected"  # the profile logs in with the full address (national messagerie)


BLOCKING = {Hint.EMPTY, Hint.INNER_SPACE, Hint.EMAIL_TYPED, Hint.EMAIL_OTHER_DOMAIN,
            Hint.CONTROL_CHARS, Hint.ADDRESS_EXPECTED}

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class IdentifiantCheck:
    raw: str
    normalised: str
    hints: tuple[Hint, ...] = field(default_factory=tuple)
    suggestion: str | None = None        # e.g. the local part of a typed address, to confirm

    @property
    def blocking(self) -> bool:
        return any(h in BLOCKING for h in self.hints)


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def check_identifiant(raw: str, *, form: str = "short", case: str = "lower",
                      pattern: str | None = None, domains: tuple[str, ...] = ()) -> IdentifiantCheck:
    """Normalise what the user typed and say what was changed or looks wrong."""
    hints: list[Hint] = []
    suggestion: str | None = None
    if any(unicodedata.category(c) == "Cc" for c in raw):
        hints.append(Hint.CONTROL_CHARS)
        raw_clean = "".join(c for c in raw if unicodedata.category(c) != "Cc")
    else:
        raw_clean = raw
    text = raw_clean.strip()
    if text != raw_clean:
        hints.append(Hint.TRIMMED)
    if not text:
        return IdentifiantCheck(raw, "", (*hints, Hint.EMPTY))
    if any(c.isspace() for c in text):
        hints.append(Hint.INNER_SPACE)
    if case == "lower" and text != text.lower():
        hints.append(Hint.LOWERCASED)
        text = text.lower()
    if form == "short" and "@" in text:
        local, _, domain = text.partition("@")
        if _EMAIL.match(text) and (not domains or domain.lower() in domains):
            hints.append(Hint.EMAIL_TYPED)
        else:
            hints.append(Hint.EMAIL_OTHER_DOMAIN)
        # The address is prenom.nom; the identifiant is usually the initial + nom, but namesakes get
        # a digit, so we only suggest, never substitute.
        parts = strip_accents(local).split(".")
        if len(parts) >= 2 and all(parts):
            suggestion = (parts[0][0] + "".join(parts[1:])).lower()
    if form == "email" and not _EMAIL.match(text):
        hints.append(Hint.ADDRESS_EXPECTED)
    if strip_accents(text) != text:
        hints.append(Hint.ACCENTS)
    if pattern and Hint.EMAIL_TYPED not in hints and Hint.EMAIL_OTHER_DOMAIN not in hints:
        try:
            if not re.fullmatch(pattern, text):
                hints.append(Hint.PATTERN_MISMATCH)
        except re.error:
            pass
    return IdentifiantCheck(raw, text, tuple(hints), suggestion)


_NAME_PART = re.compile(r"[a-zà-ÿ]+", re.IGNORECASE)


def propose_display_name(address: str) -> str:
    """`prenom.nom@ac-x.fr` -> "Prenom Nom", `jean-pierre.dupont2@…` -> "Jean-Pierre Dupont".

    Only a proposal shown at first use (the user edits it, accents included): an address without a
    separator (`fdurand`, `ce.0131234x`) gives no guess rather than a wrong one.
    """
    local = address.partition("@")[0]
    words = [w for w in re.split(r"[._]+", local) if w]
    if len(words) < 2:
        return ""
    names = []
    for word in words:
        pieces = [p for p in word.split("-") if p]
        if not pieces or not all(_NAME_PART.fullmatch(p) for p in pieces):
            return ""  # digits or codes in a part (a functional mailbox): no guess
        names.append("-".join(p[:1].upper() + p[1:].lower() for p in pieces))
    return " ".join(names)
