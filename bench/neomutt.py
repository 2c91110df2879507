"""neomutt on the same proxied link as AcMail (issue 23): the comparison the slow-link table asks for.

neomutt runs in a pseudo-terminal, exactly as a person would start it, with

    neomutt -n -F muttrc -e 'push <quit>'

so it logs in, opens the INBOX (every header fetched, or checked against its header cache), draws
the index once and quits; the wall time of the whole process is the figure. The muttrc (written
by `muttrc()`) names the server, the test CA and the header cache:

    set ssl_ca_certificates_file="<ca.pem>"
    set imap_user="<identifiant>"  imap_pass="<password>"
    set folder="imaps://127.0.0.1:<proxy port>/"  spoolfile="+INBOX"
    set header_cache="<dir>/"      # "cold": a path that does not exist, so no cache
    set imap_check_subscribed=no  mail_check_stats=no  sort=date  timeout=0

Debian's neomutt (20220429) is built without zlib: it has no COMPRESS=DEFLATE (`imap_deflate`), so
it moves ~3-4 times AcMail's bytes for the same headers. POSIX only (pty), like neomutt itself.
"""

from __future__ import annotations

import os
import select
import shutil
import tempfile
import time
from pathlib import Path

NO_CACHE = "/nonexistent-acmail-bench/none"


def available() -> bool:
    return shutil.which("neomutt") is not None and hasattr(os, "fork")


def muttrc(path: Path, *, port: int, ca_file: str, identifiant: str, password: str, header_cache: str) -> None:
    path.write_text("\n".join((
        f'set ssl_ca_certificates_file="{ca_file}"',
        f'set imap_user="{identifiant}"',
        f'set imap_pass="{password}"',
        f'set folder="imaps://127.0.0.1:{port}/"',
        'set spoolfile="+INBOX"',
        f'set header_cache="{header_cache}"',
        "set imap_check_subscribed=no",
        "set mail_check_stats=no",
        "set sort=date",
        "set timeout=0",
    )) + "\n")


def open_inbox(*, port: int, ca_file: str, identifiant: str, password: str, header_cache: str = NO_CACHE,
               limit: float = 600.0) -> float:
    """Seconds from starting neomutt to its exit after the INBOX index was drawn."""
    import pty

    work = Path(tempfile.mkdtemp(prefix="acmail-neomutt-"))
    try:
        rc = work / "muttrc"
        muttrc(rc, port=port, ca_file=ca_file, identifiant=identifiant, password=password,
               header_cache=header_cache)
        env = dict(os.environ, TERM="xterm", COLUMNS="160", LINES="48", HOME=str(work))
        started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # pragma: no cover - the child
            os.execvpe("neomutt", ["neomutt", "-n", "-F", str(rc), "-e", "push <quit>"], env)
        tail = b""
        while True:
            if time.perf_counter() - started > limit:
                os.kill(pid, 9)
                raise RuntimeError("neomutt did not finish")
            ready, _, _ = select.select([fd], [], [], 1.0)
            if not ready:
                continue
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            tail = (tail + data)[-2000:]
        _, status = os.waitpid(pid, 0)
        seconds = time.perf_counter() - started
        os.close(fd)
        if status != 0:
            raise RuntimeError(f"neomutt failed ({status}): {tail[-400:]!r}")
        return seconds
    finally:
        shutil.rmtree(work, ignore_errors=True)
