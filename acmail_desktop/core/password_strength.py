"""A local password-strength estimate for the first-connection help: nothing leaves the machine.

A rough entropy estimate from the character classes used, with penalties for the patterns people
actually choose (repeats, sequences, the identifiant or a date inside); good enough to say
"weak / fair / strong", which is all the help page shows.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_SEQUENCES = ("abcdefghijklmnopqrstuvwxyz", "azertyuiop", "qwertyuiop", "0123456789")
# Words that guessers try first; each counts as about one character wherever it appears.
_COMMON_WORDS = ("motdepasse", "password", "azerty", "qwerty", "soleil", "bonjour", "academie",
                 "education", "college", "lycee", "ecole", "marseille", "france", "admin", "secret",
                 "loulou", "chouchou", "doudou", "123456")


@dataclass(frozen=True)
class Strength:
    score: int          # 0 (very weak) .. 4 (strong)
    bits: float
    problems: tuple[str, ...]  # stable codes the UI translates


def estimate(password: str, *, identifiant: str = "") -> Strength:
    problems: list[str] = []
    if len(password) < 12:
        problems.append("too_short")
    pool = 0
    pool += 26 if re.search(r"[a-z]", password) else 0
    pool += 26 if re.search(r"[A-Z]", password) else 0
    pool += 10 if re.search(r"\d", password) else 0
    pool += 33 if re.search(r"[^A-Za-z0-9]", password) else 0
    if pool < 60:
        problems.append("few_classes")
    lowered = password.lower()
    length = len(re.sub(r"(.)\1{2,}", r"\1\1", password))  # a run counts as two characters
    if length < len(password):
        problems.append("repeats")
    for sequence in _SEQUENCES:
        for i in range(len(sequence) - 3):
            if sequence[i:i + 4] in lowered:
                problems.append("sequence")
                length -= 3
                break
    for word in _COMMON_WORDS:
        if word in lowered:
            problems.append("common_word")
            length -= len(word) - 1
    if identifiant and len(identifiant) >= 3 and identifiant.lower() in lowered:
        problems.append("contains_identifiant")
        length -= len(identifiant)
    if re.search(r"(19|20)\d\d", password):
        problems.append("contains_year")
        length -= 3
    bits = max(length, 0) * math.log2(pool) if pool else 0.0
    score = 0 if bits < 28 else 1 if bits < 40 else 2 if bits < 60 else 3 if bits < 80 else 4
    if "contains_identifiant" in problems:
        score = min(score, 1)
    return Strength(score, round(bits, 1), tuple(dict.fromkeys(problems)))
