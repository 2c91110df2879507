"""core.folders: which folder is the Trash / Sent / Drafts... and where new folders go (issue 24)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from acmail_desktop.core.folders import (
    Namespace,
    choices_from_settings,
    effective_choices,
    folder_for,
    guess_namespace,
    remember_choice,
    resolve_special_folders,
)
from acmail_desktop.core.policy import PolicySettings, parse_policy


@dataclass(frozen=True)
class Folder:
    name: str
    delimiter: str = "."
    flags: tuple[str, ...] = ()


COURIER = [Folder("INBOX"), Folder("INBOX.Trash"), Folder("INBOX.Sent"), Folder("INBOX.Drafts"),
           Folder("INBOX.Projets"), Folder("INBOX.Projets.Trash")]


def test_attributes_first_then_known_names_under_the_personal_prefix() -> None:
    uses = resolve_special_folders(COURIER, Namespace("INBOX.", "."))
    assert folder_for(uses, "\\Trash") == "INBOX.Trash" and folder_for(uses, "\\Sent") == "INBOX.Sent"
    assert folder_for(uses, "\\Inbox") == "INBOX" and "INBOX.Projets.Trash" not in uses
    marked = [*COURIER[:-1], Folder("INBOX.Poubelle", flags=("\\HasNoChildren", "\\Trash"))]
    assert folder_for(resolve_special_folders(marked, Namespace("INBOX.", ".")), "\\Trash") == "INBOX.Poubelle"


def test_french_and_exchange_names_without_case_or_accents() -> None:
    folders = [Folder("INBOX", "/"), Folder("Éléments supprimés", "/"), Folder("ELEMENTS ENVOYES", "/"),
               Folder("brouillons", "/"), Folder("Courrier indésirable", "/"), Folder("Archives", "/")]
    uses = resolve_special_folders(folders, Namespace("", "/"))
    assert {use: folder_for(uses, use) for use in ("\\Trash", "\\Sent", "\\Drafts", "\\Junk", "\\Archive")} == {
        "\\Trash": "Éléments supprimés", "\\Sent": "ELEMENTS ENVOYES", "\\Drafts": "brouillons",
        "\\Junk": "Courrier indésirable", "\\Archive": "Archives"}


def test_an_explicit_choice_beats_a_name_never_an_attribute() -> None:
    folders = [*COURIER, Folder("INBOX.Poubelle"), Folder("INBOX.Envoi", flags=("\\Sent",))]
    uses = resolve_special_folders(folders, Namespace("INBOX.", "."),
                                   {"\\Trash": "INBOX.Poubelle", "sent": "INBOX.Sent", "\\Junk": "INBOX.Absent"})
    assert folder_for(uses, "\\Trash") == "INBOX.Poubelle" and uses.get("INBOX.Trash") is None
    assert folder_for(uses, "\\Sent") == "INBOX.Envoi"  # the server's attribute wins
    assert folder_for(uses, "\\Junk") is None  # a choice naming no folder is ignored


def test_namespace_child_relative_and_guess() -> None:
    ns = Namespace("INBOX.", ".")
    assert ns.child(None, "Projets") == "INBOX.Projets" and ns.child("INBOX.Projets", "2026") == "INBOX.Projets.2026"
    assert ns.relative("INBOX.Projets") == "Projets" and ns.relative("INBOX") == "INBOX"
    assert Namespace("", "/").child(None, "Projets") == "Projets"
    assert guess_namespace(COURIER) == Namespace("INBOX.", ".")
    assert guess_namespace([Folder("INBOX", "/"), Folder("Sent", "/")]) == Namespace("", "/")


def test_choices_per_account_and_the_policy(tmp_path: Path) -> None:
    policy = parse_policy(b'{"version": 1, "special_folders": {"trash": "INBOX.Corbeille", "sent": "INBOX.Sent"}}',
                          tmp_path / "policy.json")
    settings = PolicySettings(tmp_path / "settings.json", locked=policy.locked, defaults=policy.defaults)
    remember_choice(settings, "local:prof", "\\Trash", "INBOX.Poubelle")
    remember_choice(settings, "local:prof", "\\Drafts", "INBOX.Mes brouillons")
    assert choices_from_settings(settings, "local:prof") == {
        "\\Trash": "INBOX.Corbeille", "\\Sent": "INBOX.Sent", "\\Drafts": "INBOX.Mes brouillons"}  # locked wins
    assert choices_from_settings(settings, "local:other") == {"\\Trash": "INBOX.Corbeille", "\\Sent": "INBOX.Sent"}
    unlocked = parse_policy(b'{"version": 1, "special_folders": {"value": {"trash": "INBOX.Corbeille"}, '
                            b'"locked": false}}', tmp_path / "policy.json")
    settings = PolicySettings(tmp_path / "s2.json", locked=unlocked.locked, defaults=unlocked.defaults)
    remember_choice(settings, "local:prof", "\\Trash", "INBOX.Poubelle")
    assert choices_from_settings(settings, "local:prof") == {"\\Trash": "INBOX.Poubelle"}
    remember_choice(settings, "local:prof", "\\Trash", None)
    assert choices_from_settings(settings, "local:prof") == {"\\Trash": "INBOX.Corbeille"}
    assert effective_choices("a", {"a": {"junk": "Spam"}}, None, False) == {"\\Junk": "Spam"}
