"""Oui to "replace the existing file?" replaces it (#19: it wrote "broken (2).pdf" instead)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from acmail_desktop.core.attachments import AttachmentSaveError, save_attachment


def test_replace_writes_the_chosen_file_and_nothing_beside_it(tmp_path: Path) -> None:
    (tmp_path / "broken.pdf").write_bytes(b"old")
    path = save_attachment(tmp_path, "broken.pdf", b"new", replace=True)
    assert path == tmp_path / "broken.pdf" and path.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.pdf"]  # no "(2)", no temporary left
    assert save_attachment(tmp_path, "broken.pdf", b"again").name == "broken (2).pdf"  # default: never


def test_replace_takes_the_place_of_a_symlink_not_its_target(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"keep me")
    folder = tmp_path / "saves"
    folder.mkdir()
    os.symlink(outside, folder / "note.txt")
    save_attachment(folder, "note.txt", b"attachment", replace=True)
    assert outside.read_bytes() == b"keep me"
    assert not (folder / "note.txt").is_symlink() and (folder / "note.txt").read_bytes() == b"attachment"


def test_replace_refuses_a_folder_of_that_name(tmp_path: Path) -> None:
    (tmp_path / "rapport.pdf").mkdir()
    with pytest.raises(AttachmentSaveError):
        save_attachment(tmp_path, "rapport.pdf", b"x", replace=True)
