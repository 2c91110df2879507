"""One small base for AcMail's helper processes: the HTML converter (core/render.py) and the header
parser and cache writer (core/imap/loader.py).

What they share, in one place:
- **spawn**, never fork: safe beside Qt's threads, the same on Linux, macOS and Windows, and in the
  frozen build (whose launcher calls `multiprocessing.freeze_support()`, packaging/acmail_launcher.py);
  a helper's target must therefore be a module-level function (pickled by reference);
- **niceness**: background helpers run below the window (`niceness`, POSIX only);
- **a memory cap** (`cap_memory`, Linux and macOS) that the child applies when it is ready, after
  its imports, so a swelling parser fails inside the helper instead of taking the machine's memory;
- **pipes** and the start-up handshake (`signal_ready` / `wait_ready`), the start bounded in time;
- **kill and reap** (`Helper.stop`): killed if still working, always joined, so no zombie is left;
  helpers are daemons and read until their input pipe closes, so a killed AcMail leaves none behind.

Each user keeps its own protocol on the pipes (requests and answers for the converter, a byte
stream and row batches for the loader); timeouts are the caller's `poll(timeout)`.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import multiprocessing.process
import os
import sys
from collections.abc import Callable, Iterable
from contextlib import suppress
from typing import Any

Connection = multiprocessing.connection.Connection

_CONTEXT = multiprocessing.get_context("spawn")
_READY = "ready"


def pipe(*, duplex: bool = True) -> tuple[Connection, Connection]:
    """A pipe from the spawn context. With duplex=False: (receiving end, sending end)."""
    return _CONTEXT.Pipe(duplex=duplex)


def cap_memory(limit: int) -> None:
    """Address-space cap for the calling (helper) process (Linux, macOS); no-op when limit <= 0."""
    if limit <= 0 or sys.platform == "win32":
        return
    try:
        import resource

        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, ValueError, OSError):
        pass


def lower_priority(niceness: int) -> None:
    """Run the calling (helper) process `niceness` steps below normal (POSIX only)."""
    if niceness > 0 and hasattr(os, "nice"):
        with suppress(OSError):
            os.nice(niceness)


def signal_ready(connection: Connection) -> None:
    """Child side of the handshake: imports done, limits applied, requests welcome."""
    connection.send(_READY)


def wait_ready(connection: Connection, timeout: float) -> bool:
    """Parent side: True when the helper said it is ready within `timeout` seconds."""
    try:
        return bool(connection.poll(timeout)) and connection.recv() == _READY
    except (EOFError, OSError):
        return False


def _entry(target: Callable[..., None], niceness: int, args: tuple[Any, ...]) -> None:
    lower_priority(niceness)
    target(*args)


class Helper:
    """One spawned helper process running `target(*args)` (a module-level function) at `niceness`.

    `child_ends` are the pipe ends handed to the child: they are closed here once it has started,
    so that end-of-file reaches whoever is left when the other side goes away."""

    def __init__(self, target: Callable[..., None], args: tuple[Any, ...], *, name: str, niceness: int = 0,
                 child_ends: Iterable[Connection] = ()) -> None:
        self.process: multiprocessing.process.BaseProcess = _CONTEXT.Process(
            target=_entry, args=(target, niceness, args), name=name, daemon=True)
        self.process.start()
        for end in child_ends:
            end.close()

    def is_alive(self) -> bool:
        return self.process.is_alive()

    def stop(self, *, kill: bool = True, wait: float = 5.0) -> None:
        """Kill the helper if it is still running (unless kill=False: let it finish) and reap it."""
        if kill and self.process.is_alive():
            self.process.kill()
        self.process.join(wait)
