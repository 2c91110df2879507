"""`python -m bench [count]` (`make bench`): every benchmark of issue 10, each printing its table.

Runs in about 5 minutes on the 2-core reference machine (docs/performance.md): sync, warm open,
incremental and quick filter (bench_sync), startup (bench_startup), peak RSS (bench_memory), RSS
growth sending a 20 MB attachment (bench_send), GUI stalls (bench_gui), the reader's render time
per corpus message and stall while showing it (bench_render), first local results of a
search across 30 folders (bench_search), the same over two accounts and the unified inbox
(bench_accounts), and every user action through a school's and a rural link beside the link's own
limit and neomutt (bench_link, issue 23; about 6 minutes more). Each one measures its own
baseline in the same run.
"""

import sys
import time

if __name__ == "__main__":
    # Imported here, not at the top: the cold sync's helper processes are spawned, and spawn
    # imports the main module again in each of them (the AcMail entry point is light too).
    from bench import (
        bench_accounts,
        bench_gui,
        bench_link,
        bench_memory,
        bench_render,
        bench_search,
        bench_send,
        bench_startup,
        bench_sync,
    )

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    started = time.perf_counter()
    for name, run in (("sync", lambda: bench_sync.main(count)), ("startup", bench_startup.main),
                      ("memory", bench_memory.main), ("send", bench_send.main), ("gui", lambda: bench_gui.main(count)),
                      ("render", bench_render.main), ("search", lambda: bench_search.main(count)),
                      ("accounts", bench_accounts.main), ("slow links", lambda: bench_link.main(count))):
        began = time.perf_counter()
        print(f"\n=== {name} ===", flush=True)
        run()
        print(f"({name}: {time.perf_counter() - began:.0f} s)", flush=True)
    print(f"\nall benchmarks: {time.perf_counter() - started:.0f} s")
