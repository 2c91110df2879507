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


# Windows opens a device for these stems, whatever the case, extension, trailing spaces or dots.
DEVICE_STEMS = ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$",
                *(f"{port}{digit}" for port in ("COM", "LPT") for digit in "0123456789¹²³")]


def _opens_a_device(name: str) -> bool:
    """Reference rule, written apart from the code under test: the part before the first dot with
    trailing spaces and dots removed, compared without case."""
    return name.split(".", 1)[0].rstrip(" .").upper() in DEVICE_STEMS


@pytest.mark.parametrize(("hostile", "expected"), [
    ("CON .txt", "_CON.txt"),
    ("LPT1 .log", "_LPT1.log"),
    ("COM¹", "_COM¹"),
    ("COM²", "_COM²"),
    ("com³.pdf", "_com³.pdf"),
    ("CONIN$", "_CONIN$"),
    ("conout$.txt", "_conout$.txt"),
    ("CLOCK$ .log", "_CLOCK$.log"),
    ("con . .txt", "_con.txt"),
    ("Aux..", "_Aux"),
    ("nul  ", "_nul"),
    ("COM0.tar.gz", "_COM0.tar.gz"),
    ("lpt9 . .", "_lpt9"),
])
def test_windows_device_names_after_trimming(hostile: str, expected: str) -> None:
    assert safe_filename(hostile) == expected


@pytest.mark.parametrize("honest", ["console.txt", "COM10.txt", "comma.log", "CONIN.txt", "auxiliaire.pdf",
                                    "lpt.doc", "nul-part.txt"])
def test_names_that_only_start_like_a_device_are_kept(honest: str) -> None:
    assert safe_filename(honest) == honest


@settings(max_examples=400)
@given(st.sampled_from(DEVICE_STEMS), st.sampled_from(["lower", "upper", "title"]),
       st.text(alphabet=" .", max_size=4), st.text(alphabet=st.characters(codec="utf-8"), max_size=8))
def test_no_cleaned_name_opens_a_device(stem: str, case: str, padding: str, tail: str) -> None:
    name = getattr(stem, case)() + padding + tail
    assert not _opens_a_device(safe_filename(name))


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
    assert not _opens_a_device(cleaned)
    saved = save_attachment(folder, name, b"data")
    assert saved.parent == folder.resolve()
