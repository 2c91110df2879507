"""Start-up stays light: the login window's module does not pull in the windows that come after
it; those are imported once the login window is shown (`ui.app.prewarm`, issue 10)."""

from __future__ import annotations

import importlib
import subprocess
import sys

from acmail_desktop.ui.app import LATER_MODULES


def test_later_windows_are_not_imported_before_the_login_window() -> None:
    code = ("import sys; import acmail_desktop.ui.app; "
            "print(','.join(sorted(m for m in sys.modules if m.startswith('acmail_desktop.ui.'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}).stdout
    loaded = set(out.strip().split(","))
    assert "acmail_desktop.ui.login" in loaded
    for name in ("acmail_desktop.ui.main_window", "acmail_desktop.ui.diagnostics_wizard",
                 "acmail_desktop.ui.settings_dialog", "acmail_desktop.ui.compose"):
        assert name not in loaded, f"{name} is imported before the login window is shown"


def test_every_prewarmed_module_exists() -> None:
    for name in LATER_MODULES:
        importlib.import_module(name)
