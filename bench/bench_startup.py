"""Startup benchmark (issue 10, item 5): process start to the login window shown, and to the inbox
shown with a remembered password.

Baselines measured in the same run: the bare interpreter, and a minimal PySide6 window, so the
figure that matters is AcMail's own cost above what Python and Qt need anyway.
"""

from __future__ import annotations

import os
import shutil
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


def remembered_password_start(runs: int = RUNS) -> tuple[float, str] | None:
    """Process start → first rows of the inbox shown, the password remembered in a real Secret
    Service: runs `--remembered` inside a private D-Bus session with a throw-away gnome-keyring.
    None when this machine cannot (not root for Dovecot, or no dbus-run-session/gnome-keyring)."""
    if os.geteuid() != 0 or not shutil.which("dbus-run-session") or not shutil.which("gnome-keyring-daemon"):
        return None
    out = subprocess.run(["dbus-run-session", "--", sys.executable, "-m", "bench.bench_startup", "--remembered",
                          str(runs)], cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=600)
    for line in out.stdout.splitlines():
        if line.startswith("remembered "):
            _tag, median, note = line.split(" ", 2)
            return float(median), note
    raise RuntimeError(f"remembered-password start-up failed:\n{out.stdout[-2000:]}\n{out.stderr[-3000:]}")


def _remembered_child(runs: int) -> None:
    """Inside the private D-Bus session: a fresh keyring, the local Dovecot with the demo mailbox,
    an AcMail profile that remembers the password; then `runs` timed starts (after one warm-up
    that builds the cache, as on any day but the first)."""
    import json
    import tempfile

    scratch = Path(tempfile.mkdtemp(prefix="acmail-bench-keyring-"))
    for name in ("data", "config", "cache", "run"):
        (scratch / name).mkdir(mode=0o700)
    os.environ.update(XDG_DATA_HOME=str(scratch / "data"), XDG_CONFIG_HOME=str(scratch / "config"),
                      XDG_CACHE_HOME=str(scratch / "cache"), XDG_RUNTIME_DIR=str(scratch / "run"))
    daemon = subprocess.run(["gnome-keyring-daemon", "--unlock", "--components=secrets"],
                            input=b"acmail-bench-keyring", capture_output=True, timeout=30)
    for line in daemon.stdout.decode().splitlines():
        key, _, value = line.partition("=")
        if key and value:
            os.environ[key] = value
    from acmail_desktop.core.secrets import KeyringStore
    from tests.support.mailserver import MailServer
    from tests.support.seed import seed_demo_mailbox

    identifiant, password = "bench", "Bench-Pw-1!"
    base = scratch / "profile"
    with MailServer() as server:
        server.add_account(identifiant, password, f"{identifiant}@acmail.test")
        seed_demo_mailbox(server, identifiant)
        server.write_provider_file(base / "config" / "providers")
        (base / "config" / "settings.json").write_text(json.dumps({
            "account.academie": "local", "account.identifiant": identifiant, "account.remember": True,
            "help.first_run_done": True}), encoding="utf-8")
        store = KeyringStore()
        store.set_password("local", identifiant, password)
        acmail = [sys.executable, "-m", "acmail_desktop", "--base-dir", str(base), "--ca-file",
                  str(server.ca_pem_path), "--log-stderr"]
        marker = b"first rows of the folder shown"
        time_until(acmail, marker)  # the first start builds the cache
        times = [time_until(acmail, marker) for _ in range(runs)]
        print(f"remembered {statistics.median(times)} backend {store.backend_name}", flush=True)


def run() -> list[tuple[str, float, str]]:
    with tempfile.TemporaryDirectory(prefix="acmail-bench-start-") as base:
        acmail = [sys.executable, "-m", "acmail_desktop", "--base-dir", base, "--no-keyring",
                  "--log-stderr"]
        time_until(acmail, b"login window shown")  # warm the OS file cache and the profile
        python = median_of([sys.executable, "-c", "print('shown', flush=True)"], b"shown")
        qt = median_of([sys.executable, "-c", QT_WINDOW], b"shown")
        login = median_of(acmail, b"login window shown")
    rows = [
        ("python interpreter start (baseline)", python, ""),
        ("minimal PySide6 window (baseline)", qt, ""),
        ("AcMail: start → login window shown", login,
         f"target ≤ 1 s median; {login / qt:.2f} × the minimal Qt window"),
    ]
    remembered = remembered_password_start()
    if remembered is None:
        rows.append(("AcMail: start → inbox shown, remembered password", float("nan"),
                     "skipped: needs root (Dovecot), dbus-run-session and gnome-keyring-daemon"))
    else:
        seconds, note = remembered
        rows.append(("AcMail: start → inbox shown, remembered password", seconds,
                     f"sign-in, TLS and LOGIN to the local Dovecot, cache opened, first rows ({note})"))
    return rows


def main() -> None:
    print(f"Startup, median of {RUNS} runs ({os.cpu_count()} cores)")
    for name, seconds, note in run():
        print(f"  {name:<45} {seconds * 1000:8.0f} ms  {note}")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--remembered":
        _remembered_child(int(sys.argv[2]))
    else:
        main()
