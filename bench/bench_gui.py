"""GUI stall benchmark (issue 10, item 4): the longest time the Qt event loop is blocked.

A precise 5 ms QTimer in the GUI thread measures its own lateness (gap between two ticks minus
5 ms); the worst lateness is kept per scenario. Each run is a fresh child process (offscreen Qt,
French UI) against the real local Dovecot that the parent runs, with an empty profile:

- login: LoginWindow, password typed, "Sign in" clicked, until `login_succeeded`;
- cold sync: MainWindow shown on the 50,000-message INBOX with an empty cache, until the INBOX
  `messages_loaded` signal with every row (first screenful time noted on the way);
- large message: the newest message (~6 MB: long HTML body + PDF attachment) selected, until
  `message_shown`;
- diagnostics: the diagnostics wizard's run (no authentication test), until `run_finished`;
- scroll: the 50,000-row list scrolled top to bottom in 500 steps, one step per event-loop turn.
Baseline in the same child: the same timer over 2 s of an idle event loop (the timer's own jitter).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from email.message import EmailMessage
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
COUNT = 50_000
RUNS = 3
SCENARIOS = ("idle (baseline)", "login", "cold sync", "large message", "diagnostics", "scroll")


def large_message(identity: str) -> bytes:
    """The kind of message that hurts: a long HTML newsletter with tables and a big attachment."""
    msg = EmailMessage()
    msg["From"] = "Rectorat — Communication <communication@ac-local.fr>"
    msg["To"] = identity
    msg["Subject"] = "Lettre d'information — très long message"
    msg["Date"] = "Mon, 01 Jan 2035 08:00:00 +0100"  # newest of the folder: row 0 of the list
    msg["Message-ID"] = "<large-bench@ac-local.fr>"
    rows = "".join(f"<tr><td>Établissement {i}</td><td>{i * 37 % 1000}</td><td>Réunion à {i % 24} h</td></tr>"
                   for i in range(4000))
    paragraphs = "".join(f"<p>Paragraphe {i} : compte rendu détaillé de la séance, "
                         f"<a href='https://www.ac-local.fr/{i}'>lien {i}</a>.</p>" for i in range(6000))
    msg.set_content("Version texte.\n" * 2000)
    msg.add_alternative(f"<html><body><h1>Lettre</h1><table>{rows}</table>{paragraphs}</body></html>",
                        subtype="html")
    msg.add_attachment(os.urandom(3 << 20), maintype="application", subtype="pdf", filename="rapport.pdf")
    return bytes(msg)


class GuiImports:
    """Modules first imported on the GUI thread while on (issue 23: the confusables data imported
    there when the list first painted an accented name was the worst stall of a cold sync). A
    lazy import is fine on a worker; on the GUI thread it is a stall the timer may or may not
    catch, so the bench names each one."""

    def __init__(self) -> None:
        import builtins
        import threading

        self.names: list[str] = []
        self.on = False
        original = builtins.__import__
        gui = threading.main_thread()

        def traced(name: str, *args: Any, **kw: Any) -> Any:
            if self.on and name not in sys.modules and threading.current_thread() is gui:
                self.names.append(name)
            return original(name, *args, **kw)

        builtins.__import__ = traced


def _trace_store_calls(threshold: float = 0.015) -> None:
    import functools
    import threading

    from acmail_desktop.core.store import Store

    for name in ("count", "page", "folders", "folder_state", "row_of", "message", "unread_count", "put_headers",
                 "body", "end_bulk_load", "begin_bulk_load", "transaction"):
        original = getattr(Store, name)
        if name == "transaction":
            continue

        def wrapper(*args: Any, _original: Any = original, _name: str = name, **kw: Any) -> Any:
            started = time.perf_counter()
            try:
                return _original(*args, **kw)
            finally:
                took = time.perf_counter() - started
                if took > threshold:
                    print(f"trace {threading.current_thread().name} Store.{_name} {took * 1000:.0f} ms",
                          file=sys.stderr, flush=True)

        setattr(Store, name, functools.wraps(original)(wrapper))


# --- child: runs the GUI ---------------------------------------------------------------------------
def _child(config: dict[str, Any]) -> None:
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from acmail_desktop.core.paths import AppPaths
    from acmail_desktop.core.providers import bundled_providers_dir, load_providers
    from acmail_desktop.core.secrets import SessionOnlyStore
    from acmail_desktop.core.settings import Settings
    from acmail_desktop.ui.app import install_translations
    from acmail_desktop.ui.context import AppContext
    from acmail_desktop.ui.diagnostics_wizard import open_diagnostics_wizard
    from acmail_desktop.ui.login import LoginWindow
    from acmail_desktop.ui.main_window import MainWindow

    count = int(config["count"])
    if os.environ.get("ACMAIL_BENCH_SWITCH"):  # diagnosis: a shorter GIL switch interval
        sys.setswitchinterval(float(os.environ["ACMAIL_BENCH_SWITCH"]))
    if os.environ.get("ACMAIL_BENCH_NO_HELPERS"):  # comparison: cold load in the sync thread
        from acmail_desktop.core.imap import sync

        sync.LOADER_MIN_ROWS = 1 << 62
    if os.environ.get("ACMAIL_BENCH_TRACE"):  # diagnosis: slow Store calls made on the GUI thread
        _trace_store_calls()
    gui_imports = GuiImports()
    app = QApplication([])
    install_translations(app, "fr")
    paths = AppPaths.from_base(Path(config["base"])).ensure()
    settings = Settings(paths.settings_file)
    settings.set("account.academie", "local")
    registry = load_providers([bundled_providers_dir(), Path(config["provider_dir"])])
    context = AppContext(paths, settings, registry, SessionOnlyStore(), extra_ca_files=[config["ca_file"]])

    class Monitor:
        """Worst lateness of a 5 ms timer while a phase is on."""

        def __init__(self) -> None:
            self.timer = QTimer()
            self.timer.setTimerType(Qt.TimerType.PreciseTimer)
            self.timer.setInterval(5)
            self.timer.timeout.connect(self.tick)
            self.last = time.perf_counter()
            self.worst = 0.0
            self.over_50 = 0
            self.timer.start()

        def tick(self) -> None:
            now = time.perf_counter()
            late = now - self.last - 0.005
            self.last = now
            self.worst = max(self.worst, late)
            self.over_50 += late > 0.050

        def reset(self) -> None:
            self.last, self.worst, self.over_50 = time.perf_counter(), 0.0, 0

    monitor = Monitor()
    results: dict[str, tuple[float, int, float]] = {}
    notes: dict[str, str] = {}

    def phase(name: str, trigger: Any, signal: Any, accept: Any = lambda *a: True, timeout: float = 180) -> Any:
        loop = QEventLoop()
        got: list[Any] = []

        def on(*args: Any) -> None:
            if not got and accept(*args):
                got.append(args)
                loop.quit()

        signal.connect(on)
        QTimer.singleShot(int(timeout * 1000), loop.quit)
        monitor.reset()
        started = time.perf_counter()
        trigger()
        if not got:
            loop.exec()
        elapsed = time.perf_counter() - started
        signal.disconnect(on)
        if not got:
            raise RuntimeError(f"{name}: no signal within {timeout} s")
        results[name] = (monitor.worst, monitor.over_50, elapsed)
        return got[0]

    # Baseline: the timer alone.
    idle = QEventLoop()
    monitor.reset()
    QTimer.singleShot(2000, idle.quit)
    idle.exec()
    results["idle (baseline)"] = (monitor.worst, monitor.over_50, 2.0)

    login = LoginWindow(context)
    login.show()
    app.processEvents()
    login.identifiant.setText(config["identifiant"])
    login.mode_password.setChecked(True)
    login.password.setText(config["password"])
    (result,) = phase("login", login.submit_button.click, login.login_succeeded)
    login.close()

    context.settings.set("privacy.mark_read_delay_s", -1)  # keep the large message unread: no flag op
    main = MainWindow(context, result)
    main.resize(1200, 800)
    shown_at: list[float] = []
    main.first_rows_shown.connect(lambda f, n: shown_at.append(time.perf_counter()) if f == "INBOX" else None)
    started = time.perf_counter()
    gui_imports.on = True
    phase("cold sync", main.show, main.messages_loaded, lambda folder, rows: folder == "INBOX" and rows >= count)
    gui_imports.on = False
    if shown_at:
        notes["cold sync"] = f"first screenful shown after {(shown_at[0] - started) * 1000:.0f} ms"
    notes["cold sync"] = "; ".join(filter(None, (notes.get("cold sync"),
                                                 f"GUI-thread imports: {', '.join(gui_imports.names) or 'none'}")))
    model = main.message_model
    assert model.rowCount() >= count, model.rowCount()
    assert model.index(0, 4).data() == "Lettre d'information — très long message", model.index(0, 4).data()

    phase("large message", lambda: main.message_view.selectRow(0), main.message_shown)

    wizard = open_diagnostics_wizard(context, "local", config["identifiant"], main)
    app.processEvents()
    phase("diagnostics", wizard.start, wizard.run_finished)
    wizard.close()

    bar = main.message_view.verticalScrollBar()
    steps = 500
    maximum = bar.maximum()
    positions = [round(maximum * i / steps) for i in range(steps + 1)]
    stepper = QTimer()
    stepper.setInterval(0)
    done_signal = main.message_view.verticalScrollBar().valueChanged

    def step() -> None:
        if positions:
            bar.setValue(positions.pop(0))
        else:
            stepper.stop()

    stepper.timeout.connect(step)
    phase("scroll", stepper.start, done_signal, lambda value: value >= maximum)
    notes["scroll"] = f"{steps} steps over {model.rowCount():,} rows, {model.page_loads} pages read"

    phase("logout", main.logout, main.logged_out, timeout=30)
    for name in SCENARIOS:
        worst, over, elapsed = results[name]
        print(json.dumps({"scenario": name, "worst_ms": worst * 1000, "over_50": over, "seconds": elapsed,
                          "note": notes.get(name, "")}), flush=True)


# --- parent: runs the server and the children ------------------------------------------------------
def run(count: int = COUNT, runs: int = RUNS) -> list[dict[str, Any]]:
    from acmail_desktop.core.imap import fetchparse as fp
    from acmail_desktop.core.tls import make_ssl_context
    from bench.bench_sync import IDENT, PASSWORD, raw_baseline
    from tests.support.mailserver import MailServer
    from tests.support.seed import seed_large_folder

    work = Path(tempfile.mkdtemp(prefix="acmail-bench-gui-"))
    per_run: list[list[dict[str, Any]]] = []
    try:
        with MailServer() as server:
            server.add_account(IDENT, PASSWORD, f"{IDENT}@acmail.test", pin="1234", totp_secret="JBSWY3DPEHPK3PXP")
            seed_large_folder(server, IDENT, "INBOX", count - 1)
            server.deliver(IDENT, large_message(f"{IDENT}@acmail.test"), fsync=False)
            server.write_provider_file(work)
            ctx = make_ssl_context([server.ca_pem_path])
            raw_baseline(server, ctx, fp.HEADER_ITEMS)  # Dovecot indexes the folder: not the client's time
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
            for r in range(runs):
                config = {"base": str(work / f"profile{r}"), "provider_dir": str(work),
                          "ca_file": str(server.ca_pem_path), "identifiant": IDENT, "password": PASSWORD,
                          "count": count}
                out = subprocess.run([sys.executable, "-m", "bench.bench_gui", "--child", json.dumps(config)],
                                     cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
                if os.environ.get("ACMAIL_BENCH_TRACE"):
                    print("\n".join(line for line in out.stderr.splitlines() if line.startswith("trace ")))
                if out.returncode != 0:
                    raise RuntimeError(f"GUI child failed:\n{out.stderr[-3000:]}")
                per_run.append([json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    summary = []
    for i, name in enumerate(SCENARIOS):
        rows = [r[i] for r in per_run]
        summary.append({"scenario": name, "worst_ms": statistics.median(x["worst_ms"] for x in rows),
                        "worst_all_ms": max(x["worst_ms"] for x in rows),
                        "over_50": statistics.median(x["over_50"] for x in rows),
                        "seconds": statistics.median(x["seconds"] for x in rows), "note": rows[-1]["note"]})
    return summary


def main(count: int = COUNT, runs: int = RUNS) -> None:
    summary = run(count, runs)
    base = summary[0]["worst_ms"]
    print(f"GUI stall: worst event-loop lateness of a 5 ms timer, median of {runs} runs (offscreen, "
          f"{count:,}-message INBOX)")
    print("| scenario | worst stall (median) | worst of all runs | stalls > 50 ms | scenario time | target |")
    print("|---|---|---|---|---|---|")
    for row in summary:
        target = "—" if row["scenario"].startswith("idle") else "≤ 50 ms"
        ratio = f" ({row['worst_ms'] / base:.0f} × idle)" if base > 0 and not row["scenario"].startswith("idle") else ""
        note = f" — {row['note']}" if row["note"] else ""
        print(f"| {row['scenario']}{note} | {row['worst_ms']:.0f} ms{ratio} | {row['worst_all_ms']:.0f} ms "
              f"| {row['over_50']:.0f} | {row['seconds']:.2f} s | {target} |")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        _child(json.loads(sys.argv[2]))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else COUNT, int(sys.argv[2]) if len(sys.argv) > 2 else RUNS)
