"""Slow-link benchmarks (issue 23): AcMail through `bench.linkproxy` in front of the test Dovecot and SMTP.

Each user action is timed through a proxy that behaves like a school's link ("école": 40 ms, 20/5
Mbit/s) or a rural one ("zone rurale": 100 ms, 4/1 Mbit/s), and set beside the link's own limit for
the traffic of that same action (round trips counted by the proxy × RTT + bytes ÷ rate, the least
any client could take for those bytes). Round trips per action are printed too: they are what a
client can still remove. COMPRESS=DEFLATE is on, as in AcMail's default settings (network.compress).

`python -m bench.bench_link [count] [runs]`; `make bench` runs it with the same folder (50,000
messages) on both links, 3 interleaved rounds (about 5 minutes); the 5 MB attachment is sent on the
école link only (on the rural one its 7.2 MB upload alone is a minute: 1 Mbit/s).
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from acmail_desktop.core.account import Account, AccountIdentity
from acmail_desktop.core.imap.prefetch import BodyPrefetcher
from acmail_desktop.core.imap.sync import FolderSync
from acmail_desktop.core.otp import password_credential
from acmail_desktop.core.providers import bundled_providers_dir, load_providers
from acmail_desktop.core.render import View, render
from acmail_desktop.core.store import Store
from acmail_desktop.core.tls import make_ssl_context
from bench import neomutt
from bench.linkproxy import RURAL, SCHOOL, LinkCounters, LinkProfile, LinkProxy

if TYPE_CHECKING:
    from tests.support.mailserver import MailServer

IDENT, PASSWORD = "benchlink", "Bench-Link-7!"
SECOND_FOLDER, SECOND_COUNT = "Conseils", 2_000
ATTACHMENT_MB = 5
PEER = "collegue@acmail.test"  # another mailbox: the 5 MB must not land in the INBOX being measured


@dataclass
class Step:
    """One timed action: wall seconds and what crossed the link meanwhile."""

    seconds: float
    counters: LinkCounters


def _timed(proxies: list[LinkProxy], action: Callable[[], object]) -> Step:
    for proxy in proxies:
        proxy.reset()
    started = time.perf_counter()
    action()
    seconds = time.perf_counter() - started
    total = LinkCounters()
    for proxy in proxies:
        counted = proxy.reset()
        total.bytes_up += counted.bytes_up
        total.bytes_down += counted.bytes_down
        total.turns += counted.turns
    return Step(seconds, total)


def _account(server: MailServer, work: Path, imap_port: int, smtp_port: int) -> Account:
    """An account whose provider points at the proxies instead of the servers."""
    real_imap, real_smtp = server.imaps_port, server.submission_port
    try:
        server.imaps_port, server.submission_port = imap_port, smtp_port
        server.write_provider_file(work / "providers")
    finally:
        server.imaps_port, server.submission_port = real_imap, real_smtp
    provider = load_providers([bundled_providers_dir(), work / "providers"]).get("local")
    return Account(AccountIdentity(provider, IDENT), password_credential(IDENT, PASSWORD),
                   make_ssl_context([str(server.ca_pem_path)]), timeout=120, email=f"{IDENT}@acmail.test",
                   compress=True)


def loopback_cold_sync(server: MailServer, work: Path) -> Step:
    """The same cold sync without the proxy: the client's and Dovecot's CPU floor in this run (on a
    loaded 2-core machine it can exceed the link's own limit)."""
    cache = work / "loopback.sqlite3"
    cache.unlink(missing_ok=True)
    account = _account(server, work, server.imaps_port, server.submission_port)
    session = account.open_imap()
    store = Store(cache)
    sync = FolderSync(session, store, defer_indexes=True)  # as the window does (issue 23)
    sync.start()
    started = time.perf_counter()
    sync.sync("INBOX")
    step = Step(time.perf_counter() - started, LinkCounters())
    store.build_deferred_indexes()
    session.logout()
    store.close()
    return step


def one_round(server: MailServer, link: LinkProfile, work: Path, attachment: Path, send_attachment: bool = True
              ) -> dict[str, Step]:
    """Every action once, in the order a person meets them, on a fresh cache. The attachment is sent
    only where asked: on the rural link its upload alone takes a minute (7.2 MB at 1 Mbit/s)."""
    from acmail_desktop.core.mime import OutgoingAttachment
    from acmail_desktop.core.outbox import ACCEPTED, Outbox

    steps: dict[str, Step] = {}
    cache = work / "cache.sqlite3"
    cache.unlink(missing_ok=True)
    with LinkProxy(server.imaps_port, link) as imap_proxy, LinkProxy(server.submission_port, link) as smtp_proxy:
        account = _account(server, work, imap_proxy.port, smtp_proxy.port)
        holder: dict[str, object] = {}
        steps["login"] = _timed([imap_proxy], lambda: holder.setdefault("session", account.open_imap()))
        session = holder["session"]
        store = Store(cache)
        sync = FolderSync(session, store, defer_indexes=True)  # type: ignore[arg-type]  # as the window
        steps["start (ID, ENABLE)"] = _timed([imap_proxy], sync.start)
        first: list[Step] = []
        imap_proxy.reset()
        began = time.perf_counter()

        def on_batch(_folder: str, _stored: int) -> None:
            if not first:
                now = imap_proxy.counters
                first.append(Step(time.perf_counter() - began,
                                  LinkCounters(now.bytes_up, now.bytes_down, now.turns)))

        cold = _timed([imap_proxy], lambda: sync.sync("INBOX", on_batch))
        steps["first screenful"] = first[0]
        steps["cold sync"] = cold
        steps["indexes built after it (background, no network)"] = _timed([imap_proxy], store.build_deferred_indexes)
        steps["cold sync on loopback (CPU floor, no proxy)"] = loopback_cold_sync(server, work)
        sync.sync(SECOND_FOLDER)  # its cache, so that the switch below is a warm open
        steps["folder switch (warm, 2,000)"] = _timed([imap_proxy], lambda: sync.sync("INBOX"))
        # As the window does after each sync of the folder shown (FolderSync.prepare_body_access).
        steps["server's first body read, prepared (background)"] = _timed(
            [imap_proxy], lambda: sync.prepare_body_access("INBOX"))
        prefetcher = BodyPrefetcher(account.open_imap, store, budget_bytes=20 * 1024 * 1024)
        newest = store.page("INBOX", "date", True, 0, 1)[0][1]
        steps["prefetch around the selection (background)"] = _timed(
            [imap_proxy], lambda: (prefetcher.start(), prefetcher.plan("INBOX", newest), prefetcher.wait_idle(120)))
        prefetcher.stop()
        following = store.page("INBOX", "date", True, 1, 1)[0][1]
        assert store.has_body("INBOX", following), "the next message was not prefetched"
        steps["open the next message, prefetched (click → text)"] = _timed(
            [imap_proxy], lambda: render(store.body("INBOX", following) or b"", view=View.TEXT))
        unread = next(row[1] for row in store.page("INBOX", "date", True, 0, 200) if not row[2] & 1
                      and row[9] < 100_000)
        steps["open an unread message"] = _timed(
            [imap_proxy], lambda: session.fetch_body(unread))  # type: ignore[attr-defined]
        # The same FETCH again: same bytes and turns, so what differs is the server's first read of
        # that message file (issue 23: server or client?).
        steps["the same message fetched again"] = _timed(
            [imap_proxy], lambda: session.fetch_body(unread))  # type: ignore[attr-defined]
        session.logout()  # type: ignore[attr-defined]
        store.close()

        def warm() -> None:
            warm_session = account.open_imap()
            holder["warm"] = warm_session
            warm_store = Store(cache)
            FolderSync(warm_session, warm_store).sync("INBOX")
            warm_store.page("INBOX", "date", True, 0, 200)
            holder["warm_store"] = warm_store

        login_and_warm = _timed([imap_proxy], warm)
        holder["warm_store"].close()  # type: ignore[attr-defined]
        holder["warm"].logout()  # type: ignore[attr-defined]
        steps["login + warm open"] = login_and_warm
        warm_session = account.open_imap()
        warm_store = Store(cache)
        warm_sync = FolderSync(warm_session, warm_store)
        warm_sync.start()
        steps["warm open (logged in)"] = _timed([imap_proxy], lambda: (
            warm_sync.sync("INBOX"), warm_store.page("INBOX", "date", True, 0, 200)))
        if neomutt.available() and send_attachment:  # the école link only: see main()
            hcache = work / f"neomutt-hcache-{time.monotonic_ns()}"
            hcache.mkdir()
            options = {"port": imap_proxy.port, "ca_file": str(server.ca_pem_path), "identifiant": IDENT,
                       "password": PASSWORD}
            steps["neomutt: login + open INBOX, no header cache"] = _timed(
                [imap_proxy], lambda: neomutt.open_inbox(**options))  # type: ignore[arg-type]
            neomutt.open_inbox(**options, header_cache=f"{hcache}/")  # type: ignore[arg-type]  # fills it
            steps["neomutt: login + open INBOX, header cache"] = _timed(
                [imap_proxy], lambda: neomutt.open_inbox(**options, header_cache=f"{hcache}/"))  # type: ignore[arg-type]
        if not send_attachment:
            warm_session.logout()
            warm_store.close()
            return steps
        outbox = Outbox(work / f"outbox-{time.monotonic_ns()}")
        entry = outbox.enqueue(account.identity.key, sender=("", account.email), to=[("", PEER)],
                               subject="Sujet d'examen", body="Voici le sujet.\n",
                               attachments=[OutgoingAttachment.from_path(attachment)])

        def send() -> None:
            assert outbox.send_step(entry.id, account).state == ACCEPTED

        steps[f"send, {ATTACHMENT_MB} MB attachment (SMTP)"] = _timed([smtp_proxy], send)
        steps["Sent copy (APPEND)"] = _timed([imap_proxy], lambda: outbox.sent_copy_step(entry.id, warm_session))
        warm_session.logout()
        warm_store.close()
        account.close_smtp()
        server.smtp_messages.clear()
    return steps


TARGETS: dict[str, Callable[[LinkProfile], float]] = {
    "first screenful": lambda link: 3 * link.rtt + 0.100,
    "warm open (logged in)": lambda link: 2 * link.rtt + 0.050,
    "folder switch (warm, 2,000)": lambda link: 2 * link.rtt + 0.050,
    "open the next message, prefetched (click → text)": lambda link: 0.050,
}


def report(link: LinkProfile, rounds: list[dict[str, Step]]) -> list[str]:
    lines = [f"{link.name}: RTT {link.rtt * 1000:.0f} ms, {link.down_bps / 1e6:g}/{link.up_bps / 1e6:g} Mbit/s, "
             f"median of {len(rounds)} rounds",
             f"  {'action':<50} {'measured':>9} {'limit':>9} {'ratio':>6} {'turns':>6} {'down':>9} {'up':>9}  target"]
    for name in rounds[0]:
        seconds = statistics.median(r[name].seconds for r in rounds)
        limit = statistics.median(r[name].counters.limit_seconds(link) for r in rounds)
        turns = statistics.median(r[name].counters.turns for r in rounds)
        down = statistics.median(r[name].counters.bytes_down for r in rounds)
        up = statistics.median(r[name].counters.bytes_up for r in rounds)
        if name in TARGETS:
            bound = TARGETS[name](link)
            target = f"≤ {bound * 1000:.0f} ms: {'met' if seconds <= bound else 'MISSED'}"
        elif name == "cold sync":
            target = f"≤ 1.3 × limit: {'met' if seconds <= 1.3 * limit else 'MISSED'}"
        else:
            target = ""
        ratio = f"{seconds / limit:5.2f}x" if limit > 0 else "     —"
        lines.append(f"  {name:<50} {seconds * 1000:7.0f}ms {limit * 1000:7.0f}ms {ratio} "
                     f"{turns:6.0f} {down / 1e3:7.0f}kB {up / 1e3:7.0f}kB  {target}")
    return lines


def main(count: int = 50_000, runs: int = 3, links: tuple[LinkProfile, ...] = (SCHOOL, RURAL)) -> None:
    from tests.support.mailserver import MailServer
    from tests.support.seed import seed_large_folder

    work = Path(tempfile.mkdtemp(prefix="acmail-bench-link-"))
    try:
        attachment = work / "sujet.pdf"
        attachment.write_bytes(os.urandom(ATTACHMENT_MB * 1024 * 1024))
        with MailServer() as server:
            server.add_account(IDENT, PASSWORD, f"{IDENT}@acmail.test")
            server.add_account("collegue", "Collegue-Pw-3!", PEER)
            server.set_smtp_size_limit(100 * 1024 * 1024)
            server.set_quota(IDENT, 10_000_000)  # KiB: 50,000 messages plus the Sent copies
            seeded = seed_large_folder(server, IDENT, "INBOX", count)
            seed_large_folder(server, IDENT, SECOND_FOLDER, SECOND_COUNT, start_uid_hint=7)
            print(f"seeded {count} + {SECOND_COUNT} messages in {seeded:.1f} s; load {os.getloadavg()[0]:.2f}",
                  flush=True)
            results: dict[str, list[dict[str, Step]]] = {link.name: [] for link in links}
            for _ in range(runs):  # interleaved: both links see the same machine load
                for link in links:
                    results[link.name].append(one_round(server, link, work, attachment, send_attachment=link is SCHOOL))
        for link in links:
            print("\n".join(report(link, results[link.name])), flush=True)
        print(f"load average after: {os.getloadavg()[0]:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000, int(sys.argv[2]) if len(sys.argv) > 2 else 3)
