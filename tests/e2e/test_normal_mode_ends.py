"""A personal computer (no shared-machine mode): no AcMail stays running without a window."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.support.desktop import AcmailApp, XDisplay, processes_of


def sign_in(app: AcmailApp, display: XDisplay, account: Any) -> str:
    login = app.wait_window("Connexion")
    app.wait_for_log("login window shown")
    display.key("alt+i", "ctrl+a", window=login)  # the identifiant may be remembered from last time
    display.type_text(account.identifiant)
    display.key("alt+p", "ctrl+a")
    display.type_text(account.password)
    display.key("Return")
    main = app.wait_window(rf"AcMail — .*{account.email}")
    time.sleep(1)  # an empty mailbox: nothing to wait for but the window
    return main


@pytest.mark.slow
def test_closing_the_main_window_or_the_login_window_after_logout_quits(
        acmail_factory: Callable[..., AcmailApp], e2e_policy_factory: Callable[..., Path], make_account: Any,
        xdisplay: XDisplay) -> None:
    account = make_account("perso")
    app = acmail_factory(policy=e2e_policy_factory(shared_machine=False))
    # The main window's close through the window manager (Alt+F4: WM_DELETE_WINDOW, as its ×).
    app.start()
    app.wm_close(sign_in(app, xdisplay, account))
    assert app.wait_exit(20) == 0
    assert processes_of("acmail", app.dirs()) == []
    # Se déconnecter goes back to the login window; closing that one quits too.
    app.start()
    main = sign_in(app, xdisplay, account)
    xdisplay.key("alt+f", window=main)
    time.sleep(0.3)
    xdisplay.key("Up", "Up", "Return")
    app.wait_for_log(r"logout \(user\)")
    app.wait_no_window(rf"AcMail — .*{account.email}")
    login = app.wait_window("Connexion")
    assert app.window_titles() == ["AcMail — Connexion"]
    xdisplay.screenshot(app.root / "artefacts" / "after-logout.png")
    app.wm_close(login)
    assert app.wait_exit(20) == 0
    assert processes_of("acmail", app.dirs()) == []
    assert "Traceback" not in app.output()
