"""Reading a sender from a header, and showing it so that it cannot pretend to be someone else.

Parse first, decode after. The address is taken from the header as it arrived, encoded words still
encoded; only then is the display name decoded. So `=?utf-8?b?cmVjdGV1ckBhYy1wYXJpcy5mcg==?=
<attacker@evil.example>` is attacker@evil.example with the *name* "recteur@ac-paris.fr", and an
encoded word can never become an address. When there is an angle address, it is the address,
whatever comes before it (`recteur@ac-paris.fr <attacker@evil.example>` too). The message list
(rows written by the sync), the reader, replies and search all go through `parse_mailbox` /
`parse_mailboxes` and `describe_sender`.

`describe_sender` then says what is deceptive: a display name that holds another address, bidi
controls (which reorder what is shown), words or domain-like tokens that mix alphabets (Cyrillic
"е" among Latin letters), a domain that mixes alphabets or is made only of look-alikes of Latin
letters. Such senders are shown by their real address (the list column too) with a warning.
Scripts and look-alikes come from the Unicode data of `confusable_homoglyphs` (Scripts.txt and
UTS #39 confusables), imported only when a name or address is not plain ASCII.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any

_HEADER_SCAN_LIMIT = 1_000_000  # bytes searched for the end of the header block
MAX_ADDRESS_HEADER = 8192
# Characters of a display name shown and checked: the checks' regexes are quadratic on hostile
# input (8 KB of "a-" took 3.6 s), and a longer name is no one's real name.
MAX_NAME_SHOWN = 200  # characters of an address header read: a 135 KB To: header exists

# One mailbox in its usual shape: a quoted or plain name (anything but quotes, brackets, commas,
# semicolons, parentheses; an "@" is allowed: it stays in the name), then one angle address.
_SIMPLE_MAILBOX = re.compile(r'^\s*(?:"((?:[^"\\]|\\.)*)"|([^"<>,;()\\]*?))\s*<([^<>\s,;"]*)>\s*$')
_BARE_ADDRESS = re.compile(r"^\s*<?([^<>\s,;\"()]+@[^<>\s,;\"()]+)>?\s*$")
_GROUP_START = re.compile(r'^\s*[^"<>@,;:()]*:\s*')
# What a name must not carry into the list, a notification or a reply: line breaks and other
# control characters (an encoded CR/LF in the name) become spaces.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ADDRESS_IN_NAME = re.compile(r"[^\s<>\"'()\[\],;:]+@[^\s<>\"'()\[\],;:@]+\.[^\W\d_]{2,}")
_DOMAIN_IN_NAME = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")
_WORD = re.compile(r"\w+")
_ESCAPED_PAIR = re.compile(r"\\(.)")
# Scripts written together in one word by the languages that do so (Japanese, Korean, Chinese).
_SCRIPT_FAMILY = {"HAN": "CJK", "HIRAGANA": "CJK", "KATAKANA": "CJK", "HANGUL": "CJK", "BOPOMOFO": "CJK"}


class SenderWarning(StrEnum):
    NAME_HAS_OTHER_ADDRESS = "name_has_other_address"
    MIXED_SCRIPT_DOMAIN = "mixed_script_domain"
    INVALID_DOMAIN = "invalid_domain"
    BIDI_CONTROL = "bidi_control"
    MIXED_SCRIPT_NAME = "mixed_script_name"


@dataclass(frozen=True)
class SenderDisplay:
    name: str                # decoded, without control, bidi or invisible characters
    address: str             # what to show: punycode domain when the Unicode form is deceptive
    warnings: tuple[SenderWarning, ...]

    @property
    def text(self) -> str:
        return f"{self.name} <{self.address}>" if self.name else self.address

    @property
    def list_text(self) -> str:
        """The message list column: the name, except for a deceptive sender: its real address."""
        return self.address if self.warnings or not self.name else self.name

    @property
    def reply_name(self) -> str:
        """The name a reply keeps: none for a deceptive sender (the address alone is the truth)."""
        return "" if self.warnings else self.name


def decode_words(text: str) -> str:
    """RFC 2047 words of a display name, by the header sync's decoder (imported at the first call:
    that module reads its From headers through this one)."""
    global _decode_words
    if _decode_words is None:
        from acmail_desktop.core.imap.fetchparse import decode_words as decode

        _decode_words = decode
    return _decode_words(text) if "=?" in text else text


_decode_words: Callable[[str], str] | None = None


# --- parsing ---------------------------------------------------------------------------------------
def clean_name(name: str) -> str:
    """Control characters (an encoded CR/LF...) to spaces, spaces collapsed; bidi controls are kept
    for `describe_sender` to see them."""
    if name.isprintable():  # the usual case, without a regex pass (the header sync's hot path)
        return name if "  " not in name and name == name.strip() else " ".join(name.split())
    return " ".join(_CONTROLS.sub(" ", name).split())


def _unescape(quoted: str) -> str:
    """The text of a quoted string: backslash pairs undone."""
    return _ESCAPED_PAIR.sub(r"\1", quoted) if "\\" in quoted else quoted


def _split_items(value: str) -> list[str]:
    """Top-level commas only: not inside quotes, comments or angle brackets."""
    items: list[str] = []
    start = depth = 0
    quoted = angle = escaped = False
    for index, char in enumerate(value):
        if escaped:
            escaped = False
        elif char == "\\" and (quoted or depth):
            escaped = True
        elif quoted:
            quoted = char != '"'
        elif depth:
            depth += {"(": 1, ")": -1}.get(char, 0)
        elif char == '"':
            quoted = True
        elif char == "(":
            depth = 1
        elif char == "<":
            angle = True
        elif char == ">":
            angle = False
        elif char == "," and not angle:
            items.append(value[start:index])
            start = index + 1
    items.append(value[start:])
    return items


def _strip_comments(item: str) -> tuple[str, str]:
    """(the item with each comment replaced by a space, the first comment's text):
    `a@b.fr (Jean Dupont)`."""
    kept: list[str] = []
    comment: list[str] = []
    first = ""
    depth = 0
    quoted = escaped = False
    for char in item:
        if escaped:
            (comment if depth else kept).append(char)
            escaped = False
        elif char == "\\" and (quoted or depth):
            escaped = True
            if quoted:
                kept.append(char)
        elif quoted:
            kept.append(char)
            quoted = char != '"'
        elif char == "(":
            depth += 1
            if depth > 1:
                comment.append(char)
            else:
                kept.append(" ")  # a comment separates what is around it, never joins it
        elif char == ")" and depth:
            depth -= 1
            if depth:
                comment.append(char)
            elif not first:
                first = "".join(comment)
        elif depth:
            comment.append(char)
        else:
            kept.append(char)
            quoted = char == '"'
    return "".join(kept), first


def _unquote(text: str) -> str:
    return re.sub(r'"((?:[^"\\]|\\.)*)"', lambda m: _unescape(m.group(1)), text)


def _parse_item(item: str) -> tuple[str, str] | None:
    item = _GROUP_START.sub("", item).rstrip().rstrip(";")
    if not item.strip():
        return None
    match = _SIMPLE_MAILBOX.match(item)
    if match:
        quoted, plain, address = match.groups()
        name = _unescape(quoted) if quoted is not None else plain
        return name or "", address
    match = _BARE_ADDRESS.match(item)
    if match:
        return "", match.group(1)
    text, comment = _strip_comments(item)
    # The angle address wins over anything around it; the text before it is the name.
    angle = re.search(r'<([^<>"]*)>', _unquote_protected(text))
    if angle:
        # Comments and folding white space may stand around the dots of an address (RFC 5322 CFWS).
        return _unquote(text[:angle.start()]).strip(), "".join(text[angle.start(1):angle.end(1)].split())
    bare = text.strip()
    if " " in bare or "\t" in bare:
        words = bare.split()
        address = next((w for w in reversed(words) if "@" in w), words[-1])
        return " ".join(w for w in words if w is not address), address
    return comment, bare


def _unquote_protected(text: str) -> str:
    """The text with quoted strings blanked (same length), so brackets inside quotes are ignored."""
    return re.sub(r'"(?:[^"\\]|\\.)*"', lambda m: "_" * len(m.group(0)), text)


@lru_cache(maxsize=8192)
def parse_mailboxes(value: str) -> tuple[tuple[str, str], ...]:
    """Every mailbox of an address header (From, To, Cc, Reply-To) as it arrived -> (display name,
    address) pairs; names decoded after parsing and cleaned of line breaks. Never raises."""
    if not value:
        return ()
    value = value[:MAX_ADDRESS_HEADER]
    result = []
    for item in _split_items(value):
        parsed = _parse_item(item)
        if parsed is not None:
            name, address = parsed
            result.append((clean_name(decode_words(name)), address))
    return tuple(result)


@lru_cache(maxsize=8192)
def parse_mailbox(value: str) -> tuple[str, str]:
    """The first mailbox of a From header -> (display name, address); ("", "") when there is none."""
    match = _SIMPLE_MAILBOX.match(value)
    if match:  # the usual shape, without the list splitting (the header sync's hot path)
        quoted, plain, address = match.groups()
        name = _unescape(quoted) if quoted is not None else plain
        return clean_name(decode_words(name or "")), address
    match = _BARE_ADDRESS.match(value)
    if match:
        return "", match.group(1)
    found = parse_mailboxes(value)
    return found[0] if found else ("", "")


def header_fields(raw: bytes) -> dict[str, str]:
    """A whole message's header block -> lower-case name -> raw text (first occurrence wins), the
    same reading as the header sync's: the reader and replies see what the list saw. A byte-order
    mark or blank lines before the first header are skipped, as a lenient server does."""
    from acmail_desktop.core.imap.fetchparse import parse_header_block

    raw = raw.removeprefix(b"\xef\xbb\xbf").lstrip(b"\r\n")
    end = re.search(rb"\r?\n\r?\n", raw[:_HEADER_SCAN_LIMIT])
    return parse_header_block(raw[:end.start()] if end else raw[:_HEADER_SCAN_LIMIT])


# --- display ---------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _unicode_data() -> Any:
    from confusable_homoglyphs import categories, confusables

    return categories, confusables


def _is_latin_letter(char: str) -> bool:
    """A letter in the Latin script, known without the Unicode data: every letter whose name starts
    with "LATIN " is Latin in Scripts.txt (tests/unit/test_addresses.py checks all of them). French
    names ("Frédéric Lefèvre") then never load that data: its import (two JSON files, 40-180 ms
    holding the interpreter) happened on the GUI thread when the message list first painted such a
    name, and was the worst stall of a cold sync (issue 23)."""
    return char.isascii() or unicodedata.name(char, "").startswith("LATIN ")


def _scripts(text: str) -> set[str]:
    """Unicode scripts of the letters of `text` (Common and Inherited left out)."""
    found = set()
    for char in text:
        if not char.isalpha():
            continue
        if _is_latin_letter(char):
            found.add("LATIN")
            continue
        script = _unicode_data()[0].aliases_categories(char)[0]
        if script not in ("COMMON", "INHERITED", "UNKNOWN"):
            found.add(_SCRIPT_FAMILY.get(script, script))
    return found


def mixed_script(label: str) -> bool:
    """More than one script in one word or label (Japanese-style Han + kana counts as one)."""
    return not label.isascii() and len(_scripts(label)) > 1


def latin_lookalike(label: str) -> bool:
    """A non-Latin word made only of letters that look like ASCII letters ("асе" in Cyrillic)."""
    if label.isascii() or not any(c.isalpha() for c in label) or "LATIN" in _scripts(label):
        return False
    confusables = _unicode_data()[1]
    letters = {c for c in label if c.isalpha()}
    look_alikes = {entry["character"] for entry in confusables.is_confusable(
        "".join(sorted(letters)), greedy=True, preferred_aliases=["latin"]) or []
        if any(h["c"].isascii() and h["c"].isalpha() for h in entry["homoglyphs"])}
    return letters <= look_alikes


@lru_cache(maxsize=4096)
def _latin_look_alike(char: str) -> str:
    """The ASCII letter a non-Latin letter imitates ("е" -> "e"), else the letter itself."""
    found = _unicode_data()[1].is_confusable(char, greedy=True, preferred_aliases=["latin"]) or []
    for entry in found:
        for glyph in entry["homoglyphs"]:
            if glyph["c"].isascii() and glyph["c"].isalpha() and len(glyph["c"]) == 1:
                return str(glyph["c"])
    return char


def latin_skeleton(text: str) -> str:
    """The text with letters that only imitate ASCII letters replaced by them ("Rесtorat" in part
    Cyrillic -> "Rectorat"), so a word spelled with look-alikes is still recognised."""
    if text.isascii():
        return text
    return "".join(_latin_look_alike(c) if not c.isascii() and c.isalpha() else c for c in text)


def _deceptive_domain(domain: str) -> bool:
    """A label mixing scripts, or a non-Latin label of Latin look-alikes beside Latin labels."""
    labels = [label for label in domain.split(".") if label]
    if any(mixed_script(label) for label in labels):
        return True
    return any(latin_lookalike(label) for label in labels) and any("LATIN" in _scripts(label) for label in labels)


def _visible(text: str) -> str:
    """Invisible and control characters of an address written out (\\u202e), never applied."""
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c
                   for c in text)


@lru_cache(maxsize=8192)
def describe_sender(name: str, address: str) -> SenderDisplay:
    """What to show of a parsed mailbox, and why it may deceive. Cached: the list asks per repaint."""
    warnings: list[SenderWarning] = []
    local, at, domain = address.rpartition("@")
    if _BIDI_CONTROLS.search(name) or _BIDI_CONTROLS.search(address):
        warnings.append(SenderWarning.BIDI_CONTROL)
    shown_domain = domain
    try:
        unicode_domain = domain.encode("ascii").decode("idna") if domain.isascii() else domain
    except UnicodeError:
        unicode_domain = domain
        warnings.append(SenderWarning.INVALID_DOMAIN)
    if _deceptive_domain(unicode_domain):
        warnings.append(SenderWarning.MIXED_SCRIPT_DOMAIN)
        try:
            shown_domain = unicode_domain.encode("idna").decode("ascii")
        except UnicodeError:
            shown_domain = unicode_domain.encode("ascii", "backslashreplace").decode()
    elif not domain.isascii():
        shown_domain = unicode_domain
    shown = _visible(f"{local}@{shown_domain}" if at else address)
    shown_name = " ".join("".join(c for c in clean_name(name[:4 * MAX_NAME_SHOWN])
                                  if unicodedata.category(c) != "Cf").split())
    if len(shown_name) > MAX_NAME_SHOWN:  # what is not shown cannot deceive, and is not searched
        shown_name = shown_name[:MAX_NAME_SHOWN] + "…"
    # Compatibility forms folded (fullwidth "＠", mathematical letters) before looking for what the
    # name imitates: they display like the plain letters.
    folded = unicodedata.normalize("NFKC", shown_name)
    real = {address.casefold(), f"{local}@{unicode_domain}".casefold()}
    if any(found.rstrip(".").casefold() not in real for found in _ADDRESS_IN_NAME.findall(folded)):
        warnings.append(SenderWarning.NAME_HAS_OTHER_ADDRESS)
    if not folded.isascii() and (any(mixed_script(word) for word in _WORD.findall(folded))
                                 or any(_deceptive_domain(token) or mixed_script(token)
                                        for token in _DOMAIN_IN_NAME.findall(folded))):
        warnings.append(SenderWarning.MIXED_SCRIPT_NAME)
    return SenderDisplay(shown_name, shown, tuple(warnings))
