"""kill -9 at varied moments during sync, flag writes and body writes (issue 8, item 17): the
cache passes PRAGMA quick_check or is rebuilt, and the next sync ends equal to the server."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from acmail_desktop.core.imap.sync import FolderSync
from acmail_desktop.core.store import Store
from tests.support.accounts import account_of
from tests.support.seed import seed_large_folder

pytestmark = [pytest.mark.integration, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]


def test_kill_9_at_random_points_never_leaves_a_bad_cache(tmp_path, mail_server, server_provider_dir,
                                                          local_provider, ssl_context,
                                                          make_account) -> None:  # type: ignore[no-untyped-def]
    acc = make_account("killsync")
    seed_large_folder(mail_server, acc.identifiant, "INBOX", count=3000)
    cache = tmp_path / "cache.sqlite3"
    settings = {"cache": str(cache), "provider_dir": str(server_provider_dir),
                "ca_file": str(mail_server.ca_pem_path), "identifiant": acc.identifiant,
                "password": acc.password, "folder": "INBOX"}
    rng = random.Random(20261127)
    outcomes = []
    killed_with_helpers = 0
    for attempt in range(8):
        # Every other attempt loads through the helper processes (parser + cache writer).
        config = json.dumps({**settings, **({"loader_min_rows": 500} if attempt % 4 < 2 else {})})
        child = subprocess.Popen([sys.executable, "-m", "tests.support.sync_child"], cwd=ROOT,
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write(config.encode() + b"\n")
        child.stdin.flush()
        first = child.stdout.readline()  # the work has started (first batch or later step)
        assert first, "the child died before doing anything"
        time.sleep(rng.uniform(0.0, 0.8 if attempt % 2 else 0.15))
        helpers = _descendants(child.pid)
        killed_with_helpers += bool(helpers)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        _wait_gone(helpers)  # orphaned helpers see their pipe close and exit
        with Store(cache) as store:
            outcomes.append("rebuilt" if store.rebuilt else "kept")
            ok = store.conn.execute("PRAGMA quick_check").fetchone()[0]
            assert ok == "ok"
    assert killed_with_helpers >= 2  # the helper path was really interrupted too
    # After all that, one normal sync brings the cache exactly in line with the server.
    account = account_of(local_provider, ssl_context, acc, timeout=30)
    session = account.open_imap()
    try:
        with Store(cache) as store:
            sync = FolderSync(session, store)
            sync.start()
            sync.sync("INBOX")
            session.select("INBOX", readonly=True)
            server_uids = session.search_uids()
            assert store.uids("INBOX") == server_uids
            unseen_on_server = set(session.search_uids(["UNSEEN"]))
            cached_flags = store.flags_of("INBOX")
            assert {uid for uid, (flags, _k) in cached_flags.items() if not flags & 1} == unseen_on_server
            assert store.count("INBOX") == 3000
    finally:
        session.logout()
    print("kill outcomes:", outcomes)


def _descendants(pid: int) -> set[int]:
    """Every living process below `pid` (Linux /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _wait_gone(pids: set[int], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    alive = set(pids)
    while alive and time.monotonic() < deadline:
        alive = {pid for pid in alive if _running(pid)}
        time.sleep(0.05)
    assert not alive, f"processes left behind by a killed sync: {sorted(alive)}"
