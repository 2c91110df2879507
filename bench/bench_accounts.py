"""Several accounts (issue 21): search "Every account" and the unified inbox over two caches.

Two accounts' caches of `count / 2` messages each (30 folders, bodies indexed, built as the sync
builds them) against one cache of `count`: the medians of the same local queries, and their ratio
(searching two files costs two SQLite queries and a merge); then the unified inbox's listing (the
newest 300 of each account's inbox, merged). Median of several runs on a warm cache.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from acmail_desktop.core.search import SearchQuery, latest_in_folder, merge_hits, search_local
from bench.bench_search import FOLDERS, build


def _median_ms(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run(count: int = 100_000, bodies: int = 10_000, runs: int = 9) -> dict[str, float]:
    queries = {
        "rare word anywhere": SearchQuery(text="mot4242"),
        "common word anywhere": SearchQuery(text="inspection"),
        "body word": SearchQuery(body="cantine"),
        "date range + unread": SearchQuery(since=date(2025, 1, 1), before=date(2025, 3, 1), unread_only=True),
    }
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        began = time.perf_counter()
        one = build(Path(tmp) / "one.sqlite3", count, bodies)
        two = [build(Path(tmp) / f"account{n}.sqlite3", count // 2, bodies // 2) for n in (1, 2)]
        print(f"caches: one of {count:,} headers vs two of {count // 2:,} ({FOLDERS} folders each), "
              f"built in {time.perf_counter() - began:.0f} s")
        try:
            for label, query in queries.items():
                single = _median_ms(lambda q=query: search_local(one, q, limit=200), runs)
                both = _median_ms(lambda q=query: merge_hits(*(search_local(s, q, account=str(n), limit=200)
                                                               for n, s in enumerate(two))), runs)
                figures[f"{label}: one account"] = single
                figures[f"{label}: every account (2)"] = both
                print(f"  {label:<24} one cache {single:7.1f} ms   two accounts {both:7.1f} ms   "
                      f"ratio {both / single if single else 0:4.2f}")
            unified = _median_ms(lambda: merge_hits(*(latest_in_folder(s, "INBOX", account=str(n), limit=300)
                                                      for n, s in enumerate(two))), runs)
            figures["unified inbox (2 accounts, 300 each)"] = unified
            print(f"  unified inbox listing (2 accounts, newest 300 each, merged): median {unified:.1f} ms")
        finally:
            one.close()
            for store in two:
                store.close()
    return figures


def main(count: int = 100_000) -> None:
    run(count)


if __name__ == "__main__":
    main()
