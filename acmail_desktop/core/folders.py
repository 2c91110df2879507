"""Which folder is the Trash, Sent, Drafts, Junk or Archive, and where new folders go: one answer
for the sync, the outbox, the drafts and the folder tree (issue 24).

Why one place: the tree once recognised "Corbeille" by name while the delete only trusted the
`\\Trash` attribute, so Delete erased mail while the screen said it went to the Trash. The rule:

1. SPECIAL-USE attributes (RFC 6154), wherever the folder is;
2. the administrator's locked choice (policy), then the user's choice for this account, then the
   policy's default choice: a folder named explicitly beats a guess;
3. known French and English names, only directly under the personal namespace (RFC 2342
   prefix, e.g. ``INBOX.Corbeille`` on Courier, ``Corbeille`` on Dovecot): ``Projets/Trash`` is
   the user's own folder, not the Trash.

No Qt here: the UI reads the answer from the store (`Store.folders()` special_use column).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

INBOX_USE = "\\Inbox"
# The uses a user or an administrator may assign, by their key in settings and policy files.
CHOICE_KEYS = {"sent": "\\Sent", "drafts": "\\Drafts", "trash": "\\Trash", "junk": "\\Junk",
               "archive": "\\Archive"}
ATTRIBUTE_USES = ("\\Sent", "\\Drafts", "\\Trash", "\\Junk", "\\Archive", "\\All", "\\Flagged")
# Names servers and other clients give them when LIST does not say (compared without case or
# accents; the first name in a list wins when several exist).
KNOWN_NAMES: dict[str, tuple[str, ...]] = {
    "\\Sent": ("Sent", "Envoyés", "Sent Items", "Sent Messages", "Sent Mail", "Éléments envoyés",
               "Messages envoyés", "Courrier envoyé"),
    "\\Drafts": ("Drafts", "Brouillons", "Draft", "Brouillon"),
    "\\Trash": ("Trash", "Corbeille", "Deleted Items", "Deleted Messages", "Éléments supprimés",
                "Messages supprimés", "Poubelle", "Bin"),
    "\\Junk": ("Junk", "Spam", "Indésirables", "Courrier indésirable", "Junk E-mail", "Junk Email",
               "Pourriels", "Pourriel", "Bulk Mail"),
    "\\Archive": ("Archive", "Archives"),
}


class FolderLike(Protocol):
    """What LIST gives (session.FolderInfo, or a store row turned into one)."""

    @property
    def name(self) -> str: ...
    @property
    def delimiter(self) -> str: ...
    @property
    def flags(self) -> tuple[str, ...]: ...


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().replace("-", " ").replace("_", " ").split())


_BY_NAME: dict[str, tuple[str, int]] = {
    _fold(name): (use, rank) for use, names in KNOWN_NAMES.items() for rank, name in enumerate(names)}


@dataclass(frozen=True)
class Namespace:
    """The personal namespace (RFC 2342): where the user's folders live and how they nest."""

    prefix: str = ""
    delimiter: str = "/"

    def relative(self, name: str) -> str:
        """The name as the user sees it: without the prefix ("INBOX.Projets" -> "Projets")."""
        if self.prefix and name.startswith(self.prefix) and len(name) > len(self.prefix):
            return name[len(self.prefix):]
        return name

    def is_top_level(self, name: str) -> bool:
        """Directly under the prefix (INBOX itself is top level too)."""
        if name.upper() == "INBOX":
            return True
        if self.prefix and not name.startswith(self.prefix):
            return False
        rest = self.relative(name)
        return not (self.delimiter and self.delimiter in rest)

    def child(self, parent: str | None, leaf: str, parent_delimiter: str | None = None) -> str:
        """The server name of a new folder `leaf` inside `parent` (None: at the top level, i.e.
        under the personal prefix with the server's separator)."""
        if not parent:
            return self.prefix + leaf
        return f"{parent}{parent_delimiter or self.delimiter}{leaf}"


def guess_namespace(folders: Iterable[FolderLike]) -> Namespace:
    """For servers without NAMESPACE: when every folder but INBOX is inside INBOX, the personal
    prefix is "INBOX" + separator (Courier, older Cyrus); else the top level."""
    listed = list(folders)
    items = [f for f in listed if f.name.upper() != "INBOX"]
    delimiter = next((f.delimiter for f in listed if f.delimiter), "/")
    prefix = f"INBOX{delimiter}"
    if items and all(f.name.upper().startswith(prefix.upper()) for f in items):
        inbox_prefix = next(f.name[:len(prefix)] for f in items)
        return Namespace(inbox_prefix, delimiter)
    return Namespace("", delimiter)


def attribute_use(flags: Iterable[str]) -> str | None:
    lowered = {f.lower() for f in flags}
    return next((use for use in ATTRIBUTE_USES if use.lower() in lowered), None)


def name_use(name: str, namespace: Namespace) -> str | None:
    """The use a known name gives a top-level folder ("INBOX.Corbeille" -> \\Trash), else None."""
    if name.upper() == "INBOX":
        return INBOX_USE
    if not namespace.is_top_level(name):
        return None
    found = _BY_NAME.get(_fold(namespace.relative(name)))
    return found[0] if found else None


def resolve_special_folders(folders: Iterable[FolderLike], namespace: Namespace,
                            choices: Mapping[str, str] | None = None) -> dict[str, str]:
    """Folder name -> special use (at most one folder per use), by the rule of this module.

    `choices`: use (``\\Trash`` or its key ``trash``) -> folder name, already ordered by the
    caller's precedence (see `effective_choices`); a choice naming no existing folder is ignored."""
    items = [f for f in folders if f.name]
    names = {f.name for f in items}
    result: dict[str, str] = {}
    taken: set[str] = set()
    for folder in items:
        if folder.name.upper() == "INBOX" and INBOX_USE not in taken:
            result[folder.name] = INBOX_USE
            taken.add(INBOX_USE)
    for folder in items:
        use = attribute_use(folder.flags)
        if use and use not in taken and folder.name not in result:
            result[folder.name] = use
            taken.add(use)
    for use_or_key, name in (choices or {}).items():
        use = CHOICE_KEYS.get(use_or_key.lower(), use_or_key)
        if use in CHOICE_KEYS.values() and use not in taken and name in names and name not in result:
            result[name] = use
            taken.add(use)
    ranked: dict[str, tuple[int, str]] = {}
    for folder in items:
        if folder.name in result or not namespace.is_top_level(folder.name):
            continue
        found = _BY_NAME.get(_fold(namespace.relative(folder.name)))
        if found is None or found[0] in taken:
            continue
        use, rank = found
        if use not in ranked or rank < ranked[use][0]:
            ranked[use] = (rank, folder.name)
    for use, (_, name) in ranked.items():
        result[name] = use
    return result


def folder_for(uses: Mapping[str, str], use: str) -> str | None:
    """The folder resolved for `use` (the inverse of `resolve_special_folders`)."""
    return next((name for name, found in uses.items() if found == use), None)


def effective_choices(account_key: str, user: Mapping[str, Mapping[str, str]] | None,
                      policy: Mapping[str, str] | None, policy_locked: bool) -> dict[str, str]:
    """One ordered use -> folder mapping from the settings: a locked policy choice, then the
    user's choice for this account, then the policy's default (later entries fill gaps only)."""
    ordered: dict[str, str] = {}

    def add(source: Mapping[str, str] | None) -> None:
        for key, name in (source or {}).items():
            use = CHOICE_KEYS.get(key.lower(), key)
            if use in CHOICE_KEYS.values() and use not in ordered and isinstance(name, str) and name:
                ordered[use] = name

    if policy_locked:
        add(policy)
    add((user or {}).get(account_key))
    add(policy)
    return ordered


class SettingsLike(Protocol):
    def get(self, key: str) -> Any: ...
    def set(self, key: str, value: Any) -> None: ...
    def is_locked(self, key: str) -> bool: ...


def choices_from_settings(settings: SettingsLike, account_key: str) -> dict[str, str]:
    """The account's choices from `folders.special_by_account` and the policy's `folders.special`."""
    return effective_choices(account_key, settings.get("folders.special_by_account"),
                             settings.get("folders.special"), settings.is_locked("folders.special"))


def move_account_choices(settings: SettingsLike, old_key: str, new_key: str) -> None:
    """The account's folder choices follow it to its new key (a move to another messagerie);
    a choice naming a folder the new server lacks is ignored there (`resolve_special_folders`)."""
    every = {account: dict(uses) for account, uses in (settings.get("folders.special_by_account") or {}).items()}
    if old_key not in every:
        return
    every[new_key] = {**every.pop(old_key), **every.get(new_key, {})}
    settings.set("folders.special_by_account", every)


def remember_choice(settings: SettingsLike, account_key: str, use: str, name: str | None) -> None:
    """The user says which folder is `use` for this account (None forgets the choice)."""
    key = next(k for k, v in CHOICE_KEYS.items() if v == use)
    every = {account: dict(uses) for account, uses in (settings.get("folders.special_by_account") or {}).items()}
    mine = every.setdefault(account_key, {})
    if name:
        mine[key] = name
    else:
        mine.pop(key, None)
    settings.set("folders.special_by_account", every)
