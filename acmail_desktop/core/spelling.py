"""French spell checking for the compose window, offline, through Enchant (pyenchant).

On Linux Enchant uses the system's Hunspell dictionary (Debian: libenchant-2-2 and hunspell-fr); the
Windows wheels of pyenchant carry Enchant and its dictionaries. When the library or the French
dictionary is missing, `load_checker` returns None and the window simply does not underline:
spelling is a help, never a reason to stop writing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from acmail_desktop.core import log

# A word: letters (accents included), with inner apostrophes or hyphens (aujourd'hui, peut-être).
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Spans never checked: addresses, links, and words with a digit or an underscore around them.
_SKIPPED = re.compile(r"\S+@\S+|\b(?:https?://|www\.)\S+|\w*[\d_]\w*")
_ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’]", re.IGNORECASE)


class SpellChecker:
    """One Enchant dictionary; answers are cached (the same words come back on every keystroke)."""

    def __init__(self, dictionary: Any, language: str) -> None:
        self._dictionary = dictionary
        self.language = language
        self.check = lru_cache(maxsize=20_000)(self._check)

    def _check(self, word: str) -> bool:
        if word.isupper() and len(word) > 1:  # acronyms: ENT, CPE, EPS
            return True
        candidates = [word.replace("’", "'")]
        stripped = _ELISION.sub("", candidates[0])
        if stripped != candidates[0]:
            candidates.append(stripped)
        try:
            return any(self._dictionary.check(candidate) for candidate in candidates if candidate)
        except Exception:  # a word Enchant cannot take (odd characters): not ours to flag
            return True

    def misspelled(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, length) of each unknown word in `text`."""
        skipped = [match.span() for match in _SKIPPED.finditer(text)]
        for match in _WORD.finditer(text):
            start, end = match.span()
            if any(s <= start < e for s, e in skipped):
                continue
            if not self.check(match.group()):
                yield start, end - start

    def suggestions(self, word: str, limit: int = 6) -> list[str]:
        try:
            return list(self._dictionary.suggest(word.replace("’", "'")))[:limit]
        except Exception:
            return []


def load_checker(personal_dir: Path | None = None,
                 languages: tuple[str, ...] = ("fr_FR", "fr")) -> SpellChecker | None:
    """The French checker, or None when Enchant or its French dictionary is not installed.

    Enchant writes a personal word list (`fr_FR.dic`, `.exc`) into its configuration folder when a
    dictionary opens: `personal_dir` keeps it inside AcMail's own folders (`ENCHANT_CONFIG_DIR`), so a
    shared machine's wipe takes it along and nothing lands in ~/.config/enchant.
    """
    if personal_dir is not None:
        personal_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.environ["ENCHANT_CONFIG_DIR"] = str(personal_dir)
    try:
        import enchant
    except (ImportError, OSError) as exc:  # OSError: pyenchant present, libenchant missing
        log.ui.info("spell checking unavailable: %s", type(exc).__name__)
        return None
    for language in languages:
        try:
            if enchant.dict_exists(language):
                return SpellChecker(enchant.Dict(language), language)
        except Exception as exc:
            log.ui.info("spell checking: dictionary %s unusable (%s)", language, type(exc).__name__)
    log.ui.info("spell checking unavailable: no French dictionary")
    return None
