"""Saving attachments safely: the name comes from the sender, so it is hostile until cleaned.

A saved file always lands inside the chosen folder (no path parts, no `..`, no drive or UNC prefix,
no NTFS stream), never replaces an existing file, and keeps no control or bidi characters that would
disguise its real extension. Executables and content that lies about its type are flagged.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from acmail_desktop.core.errors import AcmailError

DEFAULT_NAME = "piece-jointe"
MAX_NAME_BYTES = 200
# Device names Windows opens instead of a file, whatever follows the first dot and whatever trailing
# spaces or dots the stem has ("CON .txt", "lpt1.tar.gz"); superscript digits count too (COM¹).
_WINDOWS_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$",
                               *(f"{port}{digit}" for port in ("COM", "LPT") for digit in "0123456789¹²³")})
_BIDI_AND_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
EXECUTABLE_EXTENSIONS = frozenset("""
    exe com bat cmd scr pif msi msp mst cpl hta jar js jse vbs vbe wsf wsh ps1 psm1 lnk reg inf
    scf url gadget application appref-ms sh bash run app dmg pkg deb rpm apk docm xlsm pptm dotm
    xlam iso img vhd vhdx chm dll sys
""".split())  # noqa: SIM905 (a word list reads better)
_SIGNATURES: list[tuple[bytes, str]] = [
    (b"MZ", "application/x-msdownload"),
    (b"\x7fELF", "application/x-executable"),
    (b"%PDF", "application/pdf"),
    (b"PK\x03\x04", "application/zip"),
    (b"\x89PNG", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
    (b"#!", "text/x-script"),
]


class AttachmentSaveError(AcmailError):
    code = "attachment_save"


def safe_filename(name: str | None) -> str:
    """A file name that is only a name, readable, and safe on Windows, macOS and Linux."""
    text = unicodedata.normalize("NFC", name or "")
    text = _BIDI_AND_INVISIBLE.sub("", text)
    # Keep only the last path component, whatever the separator the sender used.
    text = re.split(r"[/\\]", text)[-1]
    text = text.split(":")[0] if ":" in text and not text.startswith(":") else text.replace(":", "")
    text = _FORBIDDEN.sub("_", text)
    text = text.strip().strip(".").strip()
    while text.startswith("."):
        text = text[1:]
    if not text or set(text) <= {"_", " "}:
        text = DEFAULT_NAME
    stem, dot, ext = text.rpartition(".")
    if not dot:
        stem, ext = text, ""
    ext = ext[:16]
    budget = MAX_NAME_BYTES - len(ext.encode()) - 1
    stem_bytes = stem.encode("utf-8")[:max(budget, 1)]
    stem = stem_bytes.decode("utf-8", "ignore").rstrip(". ") or DEFAULT_NAME
    result = f"{stem}.{ext}" if ext else stem
    # Checked on the finished name, after the last trimming step: every earlier step (strip, cut,
    # trailing dots and spaces) can turn "CON .txt" into "CON.txt".
    return "_" + result if is_windows_reserved(result) else result


def is_windows_reserved(name: str) -> bool:
    """True when Windows would open a device for this name (case-insensitive, any extension)."""
    return name.split(".", 1)[0].rstrip(" .").upper() in _WINDOWS_RESERVED


def is_executable(name: str) -> bool:
    return Path(name).suffix.lower().lstrip(".") in EXECUTABLE_EXTENSIONS


def sniff_type(head: bytes) -> str | None:
    for signature, content_type in _SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None


@dataclass(frozen=True)
class AttachmentVerdict:
    filename: str
    executable: bool
    type_mismatch: bool
    sniffed_type: str | None

    @property
    def risky(self) -> bool:
        return self.executable or self.type_mismatch


def assess(name: str | None, declared_type: str, head: bytes) -> AttachmentVerdict:
    """Say what a user must be warned about before opening an attachment."""
    filename = safe_filename(name)
    sniffed = sniff_type(head)
    declared = (declared_type or "").lower()
    mismatch = False
    if sniffed is not None:
        executable_bytes = sniffed in ("application/x-msdownload", "application/x-executable")
        disguised_program = executable_bytes and not is_executable(filename)
        fake_image = declared.startswith("image/") and not sniffed.startswith("image/")
        mismatch = disguised_program or fake_image
    executable = is_executable(filename) or sniffed in ("application/x-msdownload", "application/x-executable")
    return AttachmentVerdict(filename, executable, mismatch, sniffed)


def save_attachment(directory: Path, name: str | None, data: bytes, *, replace: bool = False) -> Path:
    """Write `data` under a cleaned name inside `directory`; never overwrite ("name (2).ext") unless
    `replace`: the user answered Oui to "replace the existing file?" and expects that very file, not
    a "name (2).ext" beside it."""
    directory = Path(directory).resolve()
    if not directory.is_dir():
        raise AttachmentSaveError(f"not a folder: {directory}")
    filename = safe_filename(name)
    if replace:
        return _replace_file(directory, filename, data)
    stem, dot, ext = filename.rpartition(".")
    if not dot:
        stem, ext = filename, ""
    for n in range(1, 1000):
        candidate_name = filename if n == 1 else (f"{stem} ({n}).{ext}" if ext else f"{stem} ({n})")
        if Path(candidate_name).name != candidate_name or candidate_name in (".", ".."):
            raise AttachmentSaveError("attachment name escapes the folder")
        candidate = directory / candidate_name  # O_EXCL below also refuses an existing symlink
        try:
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
                         | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        return candidate
    raise AttachmentSaveError("too many files with this name")


def _replace_file(directory: Path, filename: str, data: bytes) -> Path:
    """Write beside, then rename over the target: the old file stays whole until the new one is."""
    if Path(filename).name != filename or filename in (".", ".."):
        raise AttachmentSaveError("attachment name escapes the folder")
    target = directory / filename
    if target.is_dir():
        raise AttachmentSaveError(f"a folder has this name: {target}")
    fd, temporary = tempfile.mkstemp(prefix=".acmail-", suffix=".part", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, target)  # a symlink there is replaced itself, its target untouched
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return target
