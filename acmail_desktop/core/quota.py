"""A full mailbox: how much of the quota is used, and archiving mail on this computer before deleting it.

Why the archive is verified before anything is deleted: a user frees space by moving old mail to
their disk; if a write failed silently (disk full, a USB key pulled out, a bad sector), deleting
on the server would lose the mail for good. So each message is written, flushed to disk, then read
back from the file and compared byte for byte; only messages that passed are ever deleted.

Formats: one `.eml` file per message (exact bytes), or one mbox file in the mboxrd variant (every
`>*From ` line gets one more `>`), which reads back exactly, unlike the older mboxo.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from acmail_desktop.core import errors, log
from acmail_desktop.core.attachments import safe_filename
from acmail_desktop.core.imap.session import Quota
from acmail_desktop.core.imap.sync import FolderSync

WARN_RATIO = 0.80
CRITICAL_RATIO = 0.95
_FROM_LINE = re.compile(rb"^(>*From )", re.M)
_ESCAPED_FROM_LINE = re.compile(rb"^>(>*From )", re.M)


class Level:
    OK = "ok"
    WARN = "warn"          # 80 % used
    CRITICAL = "critical"  # 95 % used: the server may soon refuse new mail


@dataclass(frozen=True)
class Usage:
    """Storage used and allowed, in bytes (RFC 9208 STORAGE is in KiB)."""

    used: int
    limit: int

    @property
    def ratio(self) -> float:
        return self.used / self.limit if self.limit else 0.0

    @property
    def level(self) -> str:
        if self.ratio >= CRITICAL_RATIO:
            return Level.CRITICAL
        if self.ratio >= WARN_RATIO:
            return Level.WARN
        return Level.OK


def storage_usage(quotas: Iterable[Quota]) -> Usage | None:
    """The STORAGE figure among a GETQUOTAROOT answer (`Quota` rows), the fullest root when
    there are several; None when the server sets no storage limit."""
    found = [Usage(q.usage * 1024, q.limit * 1024) for q in quotas
             if q.resource.upper() == "STORAGE" and q.limit > 0]
    return max(found, key=lambda u: u.ratio) if found else None


# --- archive on this computer ---------------------------------------------------------------------
@dataclass(frozen=True)
class ArchiveItem:
    folder: str
    uid: int
    subject: str = ""


@dataclass
class ArchiveResult:
    """What was written and verified (safe to delete on the server) and what was not."""

    verified: list[ArchiveItem] = field(default_factory=list)
    failed: list[tuple[ArchiveItem, str]] = field(default_factory=list)  # item, reason (no message text)
    files: list[Path] = field(default_factory=list)


def _fsync_write(path: Path, data: bytes, *, exclusive: bool) -> None:
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_APPEND)
    fd = os.open(path, flags, 0o600)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)


def _free_name(directory: Path, stem: str, suffix: str) -> Path:
    candidate = directory / f"{stem}{suffix}"
    n = 2
    while candidate.exists():
        candidate = directory / f"{stem} ({n}){suffix}"
        n += 1
    return candidate


def export_eml(items: Sequence[ArchiveItem], fetch: Callable[[ArchiveItem], bytes | None],
               directory: Path) -> ArchiveResult:
    """Each message to its own .eml file in `directory` (never overwriting), then read back."""
    result = ArchiveResult()
    directory = Path(directory)
    for item in items:
        try:
            raw = fetch(item)
            if raw is None:
                result.failed.append((item, "gone"))
                continue
            stem = safe_filename(item.subject or "message").removesuffix(".eml")[:80] or "message"
            path = _free_name(directory, f"{stem} - {item.uid}", ".eml")
            _fsync_write(path, raw, exclusive=True)
            result.files.append(path)
            if hashlib.sha256(path.read_bytes()).digest() != hashlib.sha256(raw).digest():
                result.failed.append((item, "read back differs"))
                continue
        except (OSError, errors.AcmailError) as exc:
            log.store.warning("archive: a message was not written (%s)", type(exc).__name__)
            result.failed.append((item, type(exc).__name__))
            continue
        result.verified.append(item)
    return result


def mboxrd_entry(raw: bytes) -> bytes:
    """One message as an mboxrd entry: separator line, escaped body, a final empty line."""
    body = raw.replace(b"\r\n", b"\n")
    body = _FROM_LINE.sub(rb">\1", body)
    if not body.endswith(b"\n"):
        body += b"\n"
    stamp = time.strftime("%a %b %d %H:%M:%S %Y", time.gmtime()).encode()
    return b"From MAILER-DAEMON " + stamp + b"\n" + body + b"\n"


def read_mboxrd(data: bytes) -> list[bytes]:
    """The messages of an mboxrd file, unescaped, LF line ends (what mboxrd_entry wrote)."""
    lines = data.split(b"\n")
    if data.endswith(b"\n"):
        lines.pop()  # the empty piece after the last line end
    entries: list[list[bytes]] = []
    for line in lines:
        if line.startswith(b"From "):
            entries.append([])
        elif entries:
            entries[-1].append(line)
    messages = []
    for entry in entries:
        text = b"".join(line + b"\n" for line in entry)
        text = text[:-1] if text.endswith(b"\n\n") else text  # the empty line after each entry
        messages.append(_ESCAPED_FROM_LINE.sub(rb"\1", text))
    return messages


def _mbox_form(raw: bytes) -> bytes:
    body = raw.replace(b"\r\n", b"\n")
    return body if body.endswith(b"\n") else body + b"\n"


def export_mbox(items: Sequence[ArchiveItem], fetch: Callable[[ArchiveItem], bytes | None],
                path: Path) -> ArchiveResult:
    """The messages appended to one mbox file (created if absent), then the file read back:
    a message counts as archived only if its entry reads back identical (line ends as LF)."""
    result = ArchiveResult(files=[Path(path)])
    path = Path(path)
    written: list[tuple[ArchiveItem, bytes, int]] = []  # item, expected text, entry index
    try:
        before = len(read_mboxrd(path.read_bytes())) if path.exists() else 0
    except OSError as exc:
        return ArchiveResult(failed=[(item, type(exc).__name__) for item in items])
    for item in items:
        try:
            raw = fetch(item)
            if raw is None:
                result.failed.append((item, "gone"))
                continue
            _fsync_write(path, mboxrd_entry(raw), exclusive=False)
            written.append((item, _mbox_form(raw), before + len(written)))
        except (OSError, errors.AcmailError) as exc:
            log.store.warning("archive: a message was not written (%s)", type(exc).__name__)
            result.failed.append((item, type(exc).__name__))
    try:
        entries = read_mboxrd(path.read_bytes())
    except OSError as exc:
        result.failed.extend((item, type(exc).__name__) for item, _e, _i in written)
        return result
    for item, expected, index in written:
        if index < len(entries) and entries[index] == expected:
            result.verified.append(item)
        else:
            result.failed.append((item, "read back differs"))
    return result


def delete_archived(sync: FolderSync, result: ArchiveResult) -> int:
    """Delete on the server exactly the messages `result` verified, for good (a move to the
    Trash frees no space): through the Trash, then from it. Returns how many were erased."""
    by_folder: dict[str, list[int]] = {}
    for item in result.verified:
        by_folder.setdefault(item.folder, []).append(item.uid)
    trash = sync.store.folder_by_use("\\Trash")
    erased = 0
    for folder, uids in by_folder.items():
        moved = sync.delete(folder, uids, permanently=True)
        if moved and trash:
            sync.delete(trash, list(moved.values()), permanently=True)
            erased += len(moved)
        elif not moved:
            erased += len(uids)  # erased in place (the Trash itself, or no Trash)
    return erased
