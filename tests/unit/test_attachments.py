"""Hostile attachment names (issue 8, item 13) and content that lies about its type."""

from __future__ import annotations

from email import message_from_bytes
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from acmail_desktop.core.attachments import (
    DEFAULT_NAME,
    assess,
    is_executable,
    safe_filename,
    save_attachment,
)


@pytest.mark.parametrize(("hostile", "expected"), [
    ("../../x", "x"),
    ("..\\..\\Windows\\System32\\evil.dll", "evil.dll"),
    ("/etc/passwd", "passwd"),
    ("C:\\Users\\Public\\run.bat", "run.bat"),
    ("\\\\server\\share\\doc.pdf", "doc.pdf"),
    ("facture\u202efdp.exe", "facturefdp.exe"),
    ("ligne\nnouvelle.txt", "ligne_nouvelle.txt"),
    ("CON.txt", "_CON.txt"),
    ("lpt1", "_lpt1"),
    ("rapport.pdf:ads.exe", "rapport.pdf"),
    ("trailing.", "trailing"),
    (".bashrc", "bashrc"),
    ("", DEFAULT_NAME),
    ("....", DEFAULT_NAME),
    ('a<b>c:"d|e?f*.txt', "a_b_c"),
])
def test_hostile_names(hostile: str, expected: str) -> None:
    assert safe_filename(hostile) == expected


def test_long_name_is_cut_but_keeps_extension() -> None:
    name = safe_filename("é" * 500 + ".pdf")
    assert name.endswith(".pdf") and len(name.encode()) <= 205


def test_rfc2231_encoded_traversal_is_neutralised(tmp_path: Path) -> None:
    raw = (b"Content-Type: application/octet-stream\r\n"
           b"Content-Disposition: attachment; filename*=utf-8''%2e%2e%2f%2e%2e%2fescape.txt\r\n\r\nx")
    name = message_from_bytes(raw).get_filename()
    assert name == "../../escape.txt"
    saved = save_attachment(tmp_path, name, b"x")
    assert saved.parent == tmp_path.resolve() and saved.name == "escape.txt"


def test_never_overwrites(tmp_path: Path) -> None:
    first = save_attachment(tmp_path, "note.txt", b"1")
    second = save_attachment(tmp_path, "note.txt", b"2")
    third = save_attachment(tmp_path, "../note.txt", b"3")
    assert [p.name for p in (first, second, third)] == ["note.txt", "note (2).txt", "note (3).txt"]
    assert first.read_bytes() == b"1"


def test_symlink_in_the_way_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep")
    folder = tmp_path / "dl"
    folder.mkdir()
    (folder / "a.txt").symlink_to(outside)
    saved = save_attachment(folder, "a.txt", b"new")
    assert saved.name == "a (2).txt" and outside.read_text() == "keep"


def test_executables_and_spoofed_types_are_flagged() -> None:
    assert is_executable("setup.EXE") and is_executable("macro.docm") and not is_executable("cours.pdf")
    spoofed = assess("photo.jpg", "image/jpeg", b"MZ\x90\x00rest")
    assert spoofed.type_mismatch and spoofed.executable and spoofed.risky
    fake_image = assess("photo.png", "image/png", b"%PDF-1.7")
    assert fake_image.type_mismatch
    honest = assess("photo.png", "image/png", b"\x89PNG\r\n")
    assert not honest.risky


@settings(max_examples=300)
@given(st.text(max_size=600))
def test_any_name_saves_inside_the_folder(tmp_path_factory: pytest.TempPathFactory, name: str) -> None:
    folder = tmp_path_factory.mktemp("dl")
    cleaned = safe_filename(name)
    assert cleaned and "/" not in cleaned and "\\" not in cleaned and ":" not in cleaned
    assert not cleaned.startswith(".") and cleaned == cleaned.strip()
    saved = save_attachment(folder, name, b"data")
    assert saved.parent == folder.resolve()
