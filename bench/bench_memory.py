"""Memory benchmark (issue 10, item 7): peak RSS with a 100,000-message folder open.

Each figure is a fresh child process (peak RSS = `ru_maxrss`, which only grows), so the numbers do
not include what the parent allocated. Baselines in the same run: the interpreter with PySide6
and an empty QTableView shown, so AcMail's own cost is the difference.

The "open" child builds what the main window builds for a folder: the Store, the UI engineer's
lazy `ui/models/messages.MessageTableModel` over it, a QTableView shown offscreen, then scrolls
from the first row to the last (every page is read once; the model keeps at most MAX_PAGES).
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROWS = 100_000
RUNS = 3


def _peak_mb() -> float:
    """This process's peak RSS. VmHWM, not ru_maxrss: on Linux ru_maxrss survives exec, so a child
    would report the parent's peak at fork time when that is higher."""
    try:
        status = Path("/proc/self/status").read_text()
        return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))) / 1024
    except (OSError, StopIteration):  # not Linux
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(mode: str, db: str) -> None:
    """Runs in the child process; prints 'peak <MB>' at the end."""
    from PySide6.QtWidgets import QApplication, QTableView

    app = QApplication([])
    view = QTableView()
    view.resize(1000, 700)
    if mode == "open":
        from acmail_desktop.core.store import Store
        from acmail_desktop.ui.models.messages import MessageTableModel

        store = Store(Path(db))
        model = MessageTableModel(store)
        model.set_folder("INBOX")
        view.setModel(model)
        view.show()
        app.processEvents()
        bar = view.verticalScrollBar()
        assert model.rowCount() == ROWS, model.rowCount()
        step = max(1, bar.maximum() // 400)  # 400 scroll positions, top to bottom
        for value in range(0, bar.maximum() + step, step):
            bar.setValue(value)
            app.processEvents()
        print(f"pages {model.page_loads}", flush=True)
    else:
        view.show()
        app.processEvents()
    print(f"peak {_peak_mb():.1f}", flush=True)


def _run_child(mode: str, db: Path) -> float:
    """Peak RSS in MB of one child; its 'pages' line is checked (the scroll must have read pages)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-m", "bench.bench_memory", "--child", mode, str(db)], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=300, check=True).stdout
    if mode == "open":
        pages = int(next(line.split()[1] for line in out.splitlines() if line.startswith("pages ")))
        assert pages >= ROWS // 400, f"the scroll read only {pages} pages"  # 400 positions, 200-row pages
    return float(next(line.split()[1] for line in out.splitlines() if line.startswith("peak ")))


def run() -> list[tuple[str, float, str]]:
    from acmail_desktop.core.store import Store
    from bench.bench_sync import fill_store

    work = Path(tempfile.mkdtemp(prefix="acmail-bench-mem-"))
    try:
        db = work / "mem.sqlite3"
        with Store(db) as store:
            fill_store(store, ROWS)
        base = statistics.median(_run_child("baseline", db) for _ in range(RUNS))
        opened = statistics.median(_run_child("open", db) for _ in range(RUNS))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return [
        ("Python + PySide6, empty QTableView (baseline)", base, ""),
        (f"{ROWS:,}-message folder open, scrolled top to bottom", opened,
         f"target ≤ 250 MB; +{opened - base:.0f} MB over the baseline"),
    ]


def main() -> None:
    print(f"Peak RSS, median of {RUNS} child processes")
    for name, mb, note in run():
        print(f"  {name:<55} {mb:7.0f} MB  {note}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3])
    else:
        main()
