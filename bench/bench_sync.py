"""Sync benchmarks against a private Dovecot (issue 10, items 1, 3, 6): prints a table.

Run with `python -m bench` (the Makefile's `make bench`). Figures are wall times on this machine;
the raw baseline is measured in the same run so the ratio is meaningful despite machine noise.
"""

from __future__ import annotations

import random
import shutil
import socket
import ssl
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from acmail_desktop.core.account import Account, AccountIdentity
from acmail_desktop.core.imap import fetchparse as fp
from acmail_desktop.core.imap.sync import FolderSync
from acmail_desktop.core.otp import password_credential
from acmail_desktop.core.providers import bundled_providers_dir, load_providers
from acmail_desktop.core.store import Store
from acmail_desktop.core.tls import make_ssl_context

if TYPE_CHECKING:
    from tests.support.mailserver import MailServer

IDENT, PASSWORD = "bench", "Bench-Pw-1!"


def _raw_login(server: MailServer, ctx: ssl.SSLContext, *, select: bool = False
               ) -> tuple[ssl.SSLSocket, Any]:
    """A plain TLS socket logged in by hand (and INBOX selected): the baselines measure the wire,
    not our client."""
    sock = ctx.wrap_socket(socket.create_connection((server.host, server.imaps_port)),
                           server_hostname="localhost")
    stream = sock.makefile("rb")
    stream.readline()
    commands = [f'a1 LOGIN {IDENT} "{PASSWORD}"'] + (["a2 SELECT INBOX"] if select else [])
    for command in commands:
        sock.sendall(command.encode() + b"\r\n")
        tag = command.split(" ", 1)[0].encode() + b" "
        while not stream.readline().startswith(tag):
            pass
    return sock, stream


def raw_baseline(server: MailServer, ctx: ssl.SSLContext, items: str) -> tuple[float, int]:
    """Log in over a plain TLS socket and read `UID FETCH 1:* (items)` without parsing it."""
    sock, stream = _raw_login(server, ctx, select=True)
    started = time.perf_counter()
    sock.sendall(f"a3 UID FETCH 1:* ({items})\r\n".encode())
    total = 0
    while True:
        line = stream.readline()
        total += len(line)
        if line.startswith(b"a3 "):
            break
        if line.endswith(b"}\r\n"):
            size = int(line[line.rindex(b"{") + 1:-3])
            total += len(stream.read(size))
    elapsed = time.perf_counter() - started
    sock.sendall(b"a4 LOGOUT\r\n")
    sock.close()
    return elapsed, total


def _account(server: MailServer, ctx: ssl.SSLContext, provider_dir: Path) -> Account:
    provider = load_providers([bundled_providers_dir(), provider_dir]).get("local")
    return Account(AccountIdentity(provider, IDENT), password_credential(IDENT, PASSWORD), ctx, timeout=60)


@dataclass
class Deferred:
    """After a cold sync, what the window does without the indexes it deferred (issue 23)."""

    sorted_page: float = 0.0  # the first 200 rows sorted by sender, without the sort index
    filtered: float = 0.0  # a quick filter (count + first 100 rows) without the quick-filter index
    build: float = 0.0  # build_deferred_indexes: the background work after the folder is shown


def while_indexes_pending(store: Store) -> Deferred:
    """Time what a user could ask for right after a cold load, then the index build itself."""
    deferred = Deferred()
    started = time.perf_counter()
    store.page("INBOX", "from", False, 0, 200)
    deferred.sorted_page = time.perf_counter() - started
    started = time.perf_counter()
    store.count("INBOX", "conseil")
    store.page("INBOX", "date", True, 0, 100, "conseil")
    deferred.filtered = time.perf_counter() - started
    started = time.perf_counter()
    store.build_deferred_indexes()
    deferred.build = time.perf_counter() - started
    return deferred


def cold_sync(account: Account, cache: Path, use_condstore: bool = True, use_helpers: bool = True,
              defer_indexes: bool = True, deferred: list[Deferred] | None = None) -> tuple[float, float, int]:
    """(total seconds, seconds to the first screenful, rows). `use_helpers=False`: the whole load in
    the sync thread, for comparison (AcMail uses the helper processes from 30,000 messages).
    `defer_indexes` as the window does (indexes built after the folder is shown); `deferred`
    receives the timings of `while_indexes_pending`."""
    store = Store(cache)
    session = account.open_imap()
    sync = FolderSync(session, store, use_condstore=use_condstore, use_helpers=use_helpers,
                      defer_indexes=defer_indexes)
    started = time.perf_counter()
    first: list[float] = []

    def on_batch(folder: str, stored: int) -> None:
        if not first:
            first.append(time.perf_counter() - started)

    result = sync.sync("INBOX", on_batch)
    total = time.perf_counter() - started
    rows = store.count("INBOX")
    if deferred is not None and defer_indexes:
        deferred.append(while_indexes_pending(store))
    session.logout()
    store.close()
    assert result.mode == "full"
    return total, first[0], rows


def warm_open(account: Account, cache: Path, use_condstore: bool = True) -> tuple[float, float, int, str]:
    """(seconds of sync(), seconds from opening the cache to the first page read, commands, mode).

    The login is not counted (it happens before any folder opens); SELECT is one round trip."""
    session = account.open_imap()
    started = time.perf_counter()
    store = Store(cache)
    sync = FolderSync(session, store, use_condstore=use_condstore)
    sync.start()
    begun = time.perf_counter()
    result = sync.sync("INBOX")
    synced = time.perf_counter() - begun
    store.count("INBOX")
    store.page("INBOX", "date", True, 0, 200)
    shown = time.perf_counter() - started
    session.logout()
    store.close()
    return synced, shown, result.commands, result.mode


def raw_round_trip(server: MailServer, ctx: ssl.SSLContext, command: str) -> tuple[float, int]:
    """Baseline: seconds and bytes of one command on a plain logged-in socket (SELECT, FLAGS fetch)."""
    sock, stream = _raw_login(server, ctx, select=not command.startswith("SELECT"))
    started = time.perf_counter()
    sock.sendall(f"a3 {command}\r\n".encode())
    total = 0
    while not (line := stream.readline()).startswith(b"a3 "):
        total += len(line)
    elapsed = time.perf_counter() - started
    sock.sendall(b"a4 LOGOUT\r\n")
    sock.close()
    return elapsed, total


INCREMENTAL_PATHS = (("qresync", True, True), ("condstore", True, False), ("fallback", False, False))


def incremental(account: Account, server: MailServer, base: Path, work: Path, round_: int,
                flagged: set[int]) -> list[tuple[str, float, int, int, int, bool]]:
    """100 new messages and 1,000 flag changes by another client, then a copy of the synced cache
    per path resyncs: (path, seconds, new, changed, commands, cache equals the QRESYNC one)."""
    caches = []
    for name, _c, _q in INCREMENTAL_PATHS:
        caches.append(work / f"inc-{round_}-{name}.sqlite3")
        shutil.copy(base, caches[-1])
    other = account.open_imap()
    other.select("INBOX")
    uids = [u for u in other.search_uids() if u not in flagged]
    change = random.Random(7 + round_).sample(uids, 1000)
    flagged.update(change)
    other.add_flags(change, ["\\Flagged"])
    other.logout()
    for i in range(100):
        server.deliver(IDENT, f"From: x@ac-local.fr\r\nSubject: nouveau {round_}.{i}\r\n\r\nx\r\n".encode(),
                       fsync=False)
    out = []
    reference: tuple[object, object] | None = None
    for cache, (name, use_condstore, use_qresync) in zip(caches, INCREMENTAL_PATHS, strict=True):
        store = Store(cache)
        session = account.open_imap()
        sync = FolderSync(session, store, use_condstore=use_condstore, use_qresync=use_qresync)
        sync.start()
        started = time.perf_counter()
        result = sync.sync("INBOX")
        elapsed = time.perf_counter() - started
        state = (store.flags_of("INBOX"), store.uids("INBOX"))
        reference = reference or state
        label = name if result.mode == name else f"{name} asked, {result.mode} done"
        out.append((label, elapsed, result.new, result.changed, result.commands, state == reference))
        session.logout()
        store.close()
    shutil.copy(caches[0], base)  # the next round starts from the synced state
    return out


FIRST = ["Élodie", "François", "Anaïs", "Jérôme", "Hélène", "Cédric", "Karim", "Sophie", "Marc", "Julie"]
LAST = ["Marchand", "Lefèvre", "Rousseau", "Dubœuf", "Giraud", "Haddad", "Lambert", "Martin", "Petit"]
SUBJECTS = ["Conseil de classe du 3e trimestre", "Réunion parents-professeurs", "Sortie au musée",
            "Absence de mon fils jeudi", "Rappel : saisie des notes", "Emploi du temps modifié",
            "Projet interdisciplinaire Énergies", "Convocation formation PAF", "Devoir maison n°4"]


def fill_store(store: Store, rows: int, folder: str = "INBOX") -> None:
    """`rows` realistic header rows (names, accents, subjects) straight into the cache."""
    rng = random.Random(3)
    batch = []
    for i in range(rows):
        f, n, s = rng.choice(FIRST), rng.choice(LAST), f"{rng.choice(SUBJECTS)} ({i})"
        batch.append((i + 1, rng.choice((0, 1, 1, 5)), "", 1_600_000_000 + i * 60, 4000, s, f"{f} {n}",
                      f"{f.lower()}.{n.lower()}@ac-local.fr", "moi <moi@acmail.test>",
                      1_600_000_000 + i * 60, f"<m{i}@x>", "", "", f"<m{i}@x>", i % 10 == 0,
                      fp.subject_sort_key(s), f"{f} {n}".casefold()))
        if len(batch) == 20_000:
            store.put_headers(folder, batch)
            batch = []
    if batch:
        store.put_headers(folder, batch)


def quick_filter(rows: int = 100_000) -> list[tuple[str, float, int]]:
    """Median time of count + first page for typed filters over `rows` cached headers."""
    directory = Path(tempfile.mkdtemp(prefix="acmail-bench-"))
    try:
        with Store(directory / "filter.sqlite3") as store:
            fill_store(store, rows)
            out = []
            for text in ("mar", "marchand", "élodie conseil", "helene", "réunion", "zzz"):
                times = []
                for _ in range(7):
                    started = time.perf_counter()
                    count = store.count("INBOX", text)
                    store.page("INBOX", "date", True, 0, 100, text)
                    times.append(time.perf_counter() - started)
                out.append((text, statistics.median(times), count))
            return out
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def main(count: int = 50_000, runs: int = 3) -> None:
    # The test server's imports stay out of the module top: spawn imports the main module again in
    # each helper process of the cold sync, and AcMail's own entry point is light.
    from tests.support.mailserver import MailServer
    from tests.support.seed import seed_large_folder

    work = Path(tempfile.mkdtemp(prefix="acmail-bench-"))
    med = statistics.median
    with MailServer() as server:
        server.add_account(IDENT, PASSWORD, f"{IDENT}@acmail.test", pin="1234", totp_secret="JBSWY3DPEHPK3PXP")
        seeded = seed_large_folder(server, IDENT, "INBOX", count)
        print(f"seeded {count} messages in {seeded:.1f} s")
        server.write_provider_file(work)
        ctx = make_ssl_context([server.ca_pem_path])
        account = _account(server, ctx, work)
        account.open_imap().logout()  # Dovecot indexes the Maildir on first access: not our time
        raw_baseline(server, ctx, fp.HEADER_ITEMS)  # ...and caches the header fields
        raw_times, raw_env, colds, firsts, in_thread, during = [], [], [], [], [], []
        deferred: list[Deferred] = []
        size = 0
        for run in range(runs):
            elapsed, size = raw_baseline(server, ctx, fp.HEADER_ITEMS)
            raw_times.append(elapsed)
            raw_env.append(raw_baseline(server, ctx, "UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE")[0])
            cache = work / f"cold{run}.sqlite3"
            total, first, rows = cold_sync(account, cache, deferred=deferred)
            assert rows == count, rows
            colds.append(total)
            firsts.append(first)
            during.append(cold_sync(account, work / f"during{run}.sqlite3", defer_indexes=False)[0])
            in_thread.append(cold_sync(account, work / f"thread{run}.sqlite3", use_helpers=False)[0])
        raw = med(raw_times)
        cold = med(colds)
        select_rt = med(raw_round_trip(server, ctx, "SELECT INBOX")[0] for _ in range(runs))
        warm = [warm_open(account, work / "cold0.sqlite3") for _ in range(runs)]
        flags_raw = [raw_round_trip(server, ctx, "UID FETCH 1:* (FLAGS)") for _ in range(runs)]
        flagged: set[int] = set()
        rounds = [incremental(account, server, work / "cold0.sqlite3", work, r, flagged) for r in range(runs)]
    filters = quick_filter()
    print()
    print(f"| measure ({count:,} messages, medians of {runs}) | value | baseline, same run | target |")
    print("|---|---|---|---|")
    print(f"| raw socket UID FETCH 1:* header fields, unparsed | {raw:.2f} s ({size / 1e6:.0f} MB) | — | — |")
    print(f"| raw socket UID FETCH 1:* ENVELOPE, unparsed | {med(raw_env):.2f} s | — | — |")
    print(f"| cold sync into empty cache | {cold:.2f} s | {cold / raw:.2f} × raw header fetch | ≤ 1.5 × raw |")
    print(f"| same, indexes built during the load (before issue 23) | {med(during):.2f} s "
          f"| {med(during) / raw:.2f} × raw | — |")
    print(f"| sorted by sender right after it, sort index not built yet (first 200 rows) "
          f"| {med(d.sorted_page for d in deferred) * 1000:.0f} ms | — | ≤ 200 ms |")
    print(f"| quick filter right after it, index not built yet (count + first 100) "
          f"| {med(d.filtered for d in deferred) * 1000:.0f} ms | — | ≤ 200 ms |")
    print(f"| the deferred indexes, built in the background after the folder is shown "
          f"| {med(d.build for d in deferred):.2f} s | — | — |")
    print(f"| same, all in the sync thread (no helper processes) | {med(in_thread):.2f} s "
          f"| {med(in_thread) / raw:.2f} × raw | — |")
    print(f"| first screenful (newest 50 stored) | {med(firsts) * 1000:.0f} ms | — | ≤ 1 s |")
    print(f"| warm open, nothing new: sync() ({warm[0][3]}, 1 SELECT + {warm[0][2]} commands) "
          f"| {med(w[0] for w in warm) * 1000:.0f} ms | raw SELECT {select_rt * 1000:.1f} ms "
          f"({med(w[0] for w in warm) / select_rt:.1f} ×) | ≤ 0.3 s, no flag fetch |")
    print(f"| warm open: cache opened → SELECT → first 200 rows read | {med(w[1] for w in warm) * 1000:.0f} ms "
          f"| — | ≤ 0.3 s |")
    flags_time = med(f[0] for f in flags_raw)
    for i, (name, *_rest) in enumerate(rounds[0]):
        seconds = med(r[i][1] for r in rounds)
        new, changed, commands = rounds[-1][i][2], rounds[-1][i][3], rounds[-1][i][4]
        print(f"| incremental, 100 new + 1,000 flags ({name}, 1 SELECT + {commands} commands) "
              f"| {seconds * 1000:.0f} ms ({new} new, {changed} changed) "
              f"| raw FLAGS 1:* {flags_time * 1000:.0f} ms ({seconds / flags_time:.1f} ×) | — |")
    same = all(row[5] for r in rounds for row in r)
    print(f"| QRESYNC, CONDSTORE and fallback caches identical after each round | {same} | — | True |")
    for text, seconds, matches in filters:
        print(f"| quick filter '{text}' over 100,000 rows (count + first 100) "
              f"| {seconds * 1000:.1f} ms ({matches} hits) | — | ≤ 50 ms |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    import sys

    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
