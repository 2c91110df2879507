"""Startup benchmark (issue 10, item 5): process start to the login window shown.

Baselines measured in the same run: the bare interpreter, and a minimal PySide6 window, so the
figure that matters is AcMail's own cost above what Python and Qt need anyway.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7
QT_WINDOW = ("import sys; from PySide6.QtWidgets import QApplication, QLabel; app = QApplication([]); "
             "w = QLabel('x'); w.show(); app.processEvents(); print('shown', flush=True)")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def time_until(command: list[str], marker: bytes, timeout: float = 60.0) -> float:
    """Seconds from spawn until `marker` appears on the process's stderr or stdout; then kill it."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=_env(), stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    assert process.stdout is not None
    try:
        while True:
            line = process.stdout.readline()
            if marker in line:
                return time.perf_counter() - started
            if not line or time.perf_counter() - started > timeout:
                raise RuntimeError(f"marker {marker!r} never seen")
    finally:
        process.kill()
        process.wait()


def median_of(command: list[str], marker: bytes) -> float:
    return statistics.median(time_until(command, marker) for _ in range(RUNS))


def run() -> list[tuple[str, float, str]]:
    with tempfile.TemporaryDirectory(prefix="acmail-bench-start-") as base:
        acmail = [sys.executable, "-m", "acmail_desktop", "--base-dir", base, "--no-keyring",
                  "--log-stderr"]
        time_until(acmail, b"login window shown")  # warm the OS file cache and the profile
        python = median_of([sys.executable, "-c", "print('shown', flush=True)"], b"shown")
        qt = median_of([sys.executable, "-c", QT_WINDOW], b"shown")
        login = median_of(acmail, b"login window shown")
    return [
        ("python interpreter start (baseline)", python, ""),
        ("minimal PySide6 window (baseline)", qt, ""),
        ("AcMail: start → login window shown", login,
         f"target ≤ 1 s median; {login / qt:.2f} × the minimal Qt window"),
    ]


def main() -> None:
    print(f"Startup, median of {RUNS} runs ({os.cpu_count()} cores)")
    for name, seconds, note in run():
        print(f"  {name:<45} {seconds * 1000:8.0f} ms  {note}")


if __name__ == "__main__":
    main()
