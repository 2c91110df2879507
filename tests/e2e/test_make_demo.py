"""`make demo` shows the login window on a real X display (#19).

On a fresh Debian with a display, `make demo` stopped with "Could not load the Qt platform plugin
xcb" (libxcb-cursor0 and friends were not installed). This runs the very command a newcomer types,
on Xvfb + openbox through the xcb plugin, and waits for the login window: a missing X library, a
broken bootstrap or demo script fails here.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from tests.support.desktop import XDisplay

ROOT = Path(__file__).resolve().parents[2]


def test_make_demo_shows_the_login_window(xdisplay: XDisplay, tmp_path: Path) -> None:
    env = xdisplay.env
    env.pop("QT_QPA_PLATFORM", None)
    env["ACMAIL_DEMO_DIR"] = str(tmp_path / "demo")
    output = tmp_path / "artefacts" / "make-demo.out"
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("wb") as out:
        demo = subprocess.Popen(["make", "--no-print-directory", "demo"], cwd=ROOT, env=env, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        found = ""
        while not found:
            assert demo.poll() is None, f"make demo ended ({demo.returncode}):\n{output.read_text()[-3000:]}"
            assert time.monotonic() < deadline, f"no login window:\n{output.read_text()[-3000:]}"
            found = xdisplay.xdotool("search", "--onlyvisible", "--name", "AcMail — Connexion", check=False).strip()
            time.sleep(0.3)
        window = found.split()[-1]
        xdisplay.screenshot(tmp_path / "artefacts" / "make-demo.png")
        _x, _y, width, height = xdisplay.geometry(window)
        assert width > 300 and height > 200
        text = output.read_text(errors="replace")
        assert "Could not load the Qt platform plugin" not in text and "offscreen" not in text
    finally:
        for sig, grace in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
            if demo.poll() is not None:
                break
            os.killpg(demo.pid, sig)
            try:
                demo.wait(grace)
            except subprocess.TimeoutExpired:
                continue
