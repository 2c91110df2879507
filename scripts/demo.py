"""`make demo`: start the local demo mail server, then AcMail on it; stop both together.

The server prints the demo identifiant, password, PIN and the current one-time code on this terminal.
Everything lives under .demo/ (the AcMail profile included), so the real profile is never touched.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = Path(os.environ.get("ACMAIL_DEMO_DIR") or ROOT / ".demo")  # the e2e test uses its own


def main() -> int:
    if os.geteuid() != 0:
        print("make demo: the private Dovecot instance must be started as root (it drops privileges).",
              file=sys.stderr)
        return 1
    DEMO.mkdir(exist_ok=True)
    ready = DEMO / "ready.json"
    ready.unlink(missing_ok=True)
    server = subprocess.Popen([sys.executable, "-m", "tests.support.mailserver", "demo",
                               "--base-dir", str(DEMO), "--ready-file", str(ready)], cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            if server.poll() is not None or time.monotonic() > deadline:
                print("make demo: the demo mail server did not start", file=sys.stderr)
                return 1
            time.sleep(0.2)
        info = json.loads(ready.read_text(encoding="utf-8"))
        settings = DEMO / "config" / "settings.json"
        if not settings.exists():
            settings.write_text(json.dumps({"account.academie": "local",
                                            "account.identifiant": info["identifiant"]}), encoding="utf-8")
        env = dict(os.environ)
        if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
            print("make demo: no display found; AcMail runs offscreen (set DISPLAY to see the window).")
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = subprocess.run([sys.executable, "-m", "acmail_desktop", "--base-dir", str(DEMO),
                              "--ca-file", info["ca_pem_path"], "--no-keyring"], cwd=ROOT, env=env,
                             check=False)
        return app.returncode
    except KeyboardInterrupt:
        return 0
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    sys.exit(main())
