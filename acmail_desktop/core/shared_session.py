"""Shared-machine ("poste partagé") mode: one private folder per session, wiped when it ends.

Everything AcMail writes for a user (settings, cache, drafts, outbox, opened attachments, log) goes
under ``<root>/session-XXXX`` (mode 0700). The folder is wiped on logout (contents), on exit (all of
it), and, when AcMail was killed, at the next start: each session folder holds ``owner.lock``, a file
locked (``flock``) by the owning process with its PID inside. A lock nobody holds means its owner is
gone, whatever PID the system has handed out since, so the folder is removed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from acmail_desktop.core import log
from acmail_desktop.core.errors import SharedSessionError
from acmail_desktop.core.paths import AppPaths

LOCK_NAME = "owner.lock"
PREFIX = "session-"


def default_root(base_dir: Path | str | None = None) -> Path:
    """Under the test/demo base dir if any, else the per-user runtime dir (tmpfs), else the temp dir."""
    if base_dir:
        return Path(base_dir) / "shared-sessions"
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and Path(runtime).is_dir():
        return Path(runtime) / "acmail"
    uid = os.getuid() if hasattr(os, "getuid") else os.getpid()
    return Path(tempfile.gettempdir()) / f"acmail-{uid}"


def _ensure_private_dir(path: Path) -> None:
    """Create `path` 0700, refusing a symlink or a folder someone else owns (a planted /tmp folder)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        raise SharedSessionError(f"{path} is not a plain folder")
    if hasattr(os, "getuid"):
        if info.st_uid != os.getuid():
            raise SharedSessionError(f"{path} belongs to another user")
        if info.st_mode & 0o077:
            os.chmod(path, 0o700)


def _rmtree(path: Path) -> None:
    """Remove a tree even when a file was made read-only (an attachment saved read-only)."""
    def retry(func, target, _exc):  # type: ignore[no-untyped-def]
        with contextlib.suppress(OSError):
            os.chmod(target, stat.S_IRWXU)
            func(target)

    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=retry)
    else:
        shutil.rmtree(path, onerror=retry)


def _try_lock(handle: IO[str]) -> bool:
    """Take the exclusive lock without waiting; True when we got it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _session_dirs(root: Path) -> Iterator[Path]:
    try:
        entries = list(root.iterdir())
    except FileNotFoundError:
        return
    for entry in entries:
        if entry.name.startswith(PREFIX) and entry.is_dir() and not entry.is_symlink():
            yield entry


def recover_abandoned(root: Path) -> list[Path]:
    """Remove the session folders whose owner is gone (AcMail killed, machine switched off)."""
    removed: list[Path] = []
    for folder in _session_dirs(root):
        lock = folder / LOCK_NAME
        try:
            handle = lock.open("a+", encoding="ascii")
        except FileNotFoundError:
            # Killed between creating the folder and its lock: nobody can own it any more.
            handle = None
        except OSError:
            continue
        if handle is not None:
            with handle:
                if not _try_lock(handle):
                    continue  # a live AcMail (another session of this user) owns it
                handle.seek(0)
                pid = handle.read().strip() or "?"
        else:
            pid = "?"
        _rmtree(folder)
        log.misc.warning("shared machine: removed the folder of an interrupted session (pid %s)", pid)
        removed.append(folder)
    return removed


class SharedSession:
    """The private folder of one shared-machine session, alive while this object holds its lock."""

    def __init__(self, root: Path, directory: Path, lock_handle: IO[str]) -> None:
        self.root = root
        self.directory = directory
        self._lock_handle: IO[str] | None = lock_handle
        self.recovered: list[Path] = []  # folders of interrupted sessions removed when this one started

    @classmethod
    def start(cls, root: Path | None = None) -> SharedSession:
        """Clean up after crashed sessions, then make a fresh private folder and lock it."""
        root = Path(root) if root is not None else default_root()
        _ensure_private_dir(root)
        recovered = recover_abandoned(root)
        directory = Path(tempfile.mkdtemp(prefix=PREFIX, dir=root))  # mkdtemp makes it 0700
        handle = (directory / LOCK_NAME).open("w+", encoding="ascii")
        if not _try_lock(handle):
            handle.close()
            raise SharedSessionError(f"cannot lock {directory}")
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        session = cls(root, directory, handle)
        session.recovered = recovered
        session.paths.ensure()
        session.attachments_dir.mkdir(mode=0o700, exist_ok=True)
        log.misc.info("shared machine: private session folder created")
        return session

    @property
    def active(self) -> bool:
        return self._lock_handle is not None

    @property
    def paths(self) -> AppPaths:
        return AppPaths.from_base(self.directory)

    @property
    def attachments_dir(self) -> Path:
        """Where opened attachments are written, so they go when the session goes."""
        return self.directory / "attachments"

    def wipe(self) -> None:
        """Logout: delete everything the user left, keep a fresh empty profile and the lock."""
        if not self.active:
            return
        for entry in list(self.directory.iterdir()):
            if entry.name == LOCK_NAME:
                continue
            if entry.is_dir() and not entry.is_symlink():
                _rmtree(entry)
            else:
                entry.unlink(missing_ok=True)
        self.paths.ensure()
        self.attachments_dir.mkdir(mode=0o700, exist_ok=True)
        log.misc.info("shared machine: session folder wiped")

    def close(self) -> None:
        """Exit: remove the whole folder, then let go of the lock."""
        handle, self._lock_handle = self._lock_handle, None
        if handle is None:
            return
        try:
            if self.directory.exists():
                _rmtree(self.directory)
        finally:
            handle.close()
        log.misc.info("shared machine: session folder removed")

    def files(self) -> list[Path]:
        """Every file currently in the session (tests and the logout check use it)."""
        return [p for p in self.directory.rglob("*") if p.is_file() and p.name != LOCK_NAME]
