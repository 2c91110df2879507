"""Reader benchmark (issue 16): the time to render each message, and the GUI stall while showing one.

- render: `core.render.render` of every message of ../shared/corpus/messages in both views, with
  the real helper process (started beforehand, as the app does at login): median and worst;
- show: the same messages put in the real `ReaderView` (offscreen), the worst event-loop lateness
  of a 5 ms timer while each one is shown until its last piece is in (the GUI-stall figure);
- the largest HTML message: the GUI benchmark's ~1 MB newsletter (4,000-row table, 6,000
  paragraphs), rendered on a worker thread as the app does, the stall measured the same way.
Baseline: the same timer over 1 s of an idle event loop.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("ACMAIL_SHARED") or ROOT.parent / "shared") / "corpus" / "messages"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.0095 else f"{seconds * 1000:.1f} ms"


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from acmail_desktop.core.paths import AppPaths
    from acmail_desktop.core.providers import bundled_providers_dir, load_providers
    from acmail_desktop.core.render import HtmlConverter, View, render
    from acmail_desktop.core.secrets import SessionOnlyStore
    from acmail_desktop.core.settings import Settings
    from acmail_desktop.ui.context import AppContext
    from acmail_desktop.ui.reader import ReaderView
    from bench.bench_gui import large_message
    from tests.support.seed import newsletter_message

    _app = QApplication.instance() or QApplication([])
    base = Path(tempfile.mkdtemp(prefix="acmail-bench-render-"))
    paths = AppPaths.from_base(base).ensure()
    context = AppContext(paths, Settings(paths.settings_file), load_providers([bundled_providers_dir()]),
                         SessionOnlyStore())
    reader = ReaderView(context)
    reader.resize(1000, 700)
    reader.show()
    converter = HtmlConverter()
    converter.start()

    worst = [0.0]
    clock = QElapsedTimer()
    ticker = QTimer()
    ticker.setInterval(5)

    def tick() -> None:
        if clock.isValid():
            worst[0] = max(worst[0], clock.nsecsElapsed() / 1e9 - 0.005)
        clock.restart()

    ticker.timeout.connect(tick)

    def measure(loop: QEventLoop) -> float:
        worst[0] = 0.0
        clock.restart()  # the action's own time counts from here
        ticker.start()
        QTimer.singleShot(60_000, loop.quit)  # a safety net; never reached in a normal run
        loop.exec()
        ticker.stop()
        return worst[0]

    def stall_while(action) -> float:  # type: ignore[no-untyped-def]
        """Worst lateness of the 5 ms timer from `action()` until the view has every piece."""
        loop = QEventLoop()

        def finished() -> None:
            QTimer.singleShot(12, loop.quit)  # two more ticks: the last piece's own time counts

        reader.body.content_complete.connect(finished)
        QTimer.singleShot(0, action)
        try:
            return measure(loop)
        finally:
            reader.body.content_complete.disconnect(finished)

    idle_loop = QEventLoop()
    QTimer.singleShot(1000, idle_loop.quit)
    idle = measure(idle_loop)
    print(f"Reader: render time per message (helper process running) and GUI stall while showing it "
          f"(worst lateness of a 5 ms timer; idle baseline {_ms(idle)})")
    messages = sorted(CORPUS.glob("*.eml")) if CORPUS.is_dir() else []
    if not messages:
        print(f"(corpus not found at {CORPUS}: corpus rows skipped)")
    print("| messages | view | render median | render worst | worst stall showing it | slowest |")
    print("|---|---|---|---|---|---|")
    for view in (View.HTML, View.TEXT):
        times: list[tuple[float, str]] = []
        stalls: list[tuple[float, str]] = []
        for path in messages:
            raw = path.read_bytes()
            started = time.perf_counter()
            rendered = render(raw, view=view, converter=converter)
            times.append((time.perf_counter() - started, path.name))
            stalls.append((stall_while(lambda raw=raw, rendered=rendered: reader.show_message("", 0, raw, rendered)),
                           path.name))
        if times:
            durations = [t for t, _ in times]
            median_stall = _ms(statistics.median(s for s, _ in stalls))
            print(f"| corpus ({len(times)}) | {view.value} | {_ms(statistics.median(durations))} | "
                  f"{_ms(max(durations))} | {_ms(max(stalls)[0])} (median {median_stall}) | "
                  f"{max(times)[1][:40]}; {max(stalls)[1][:40]} |")
    for label, raw in (("newsletter (seed)", newsletter_message("x@acmail.test")),
                       ("largest HTML (~1 MB, bench_gui)", large_message("x@acmail.test"))):
        for view in (View.HTML, View.TEXT):
            durations, stalls = [], []
            for _ in range(3):
                result: list = []

                def work(raw: bytes = raw, view: View = view, result: list = result) -> None:
                    began = time.perf_counter()
                    result.append(render(raw, view=view, converter=converter))
                    result.append(time.perf_counter() - began)

                def show(result: list = result, raw: bytes = raw) -> None:
                    thread = threading.Thread(target=work)  # the render worker, as in the app
                    thread.start()

                    def poll() -> None:
                        if thread.is_alive():
                            QTimer.singleShot(5, poll)
                        else:
                            reader.show_message("", 0, raw, result[0])

                    poll()

                reader.clear()
                stalls.append(stall_while(show))
                durations.append(result[1])
            print(f"| {label} | {view.value} | {_ms(statistics.median(durations))} | {_ms(max(durations))} | "
                  f"{_ms(statistics.median(stalls))} (median of 3) | |")
    print("Target: any message shown within 1 s; GUI stall for the largest HTML message <= 50 ms.")
    converter.close()
    reader.close()


if __name__ == "__main__":
    main()
