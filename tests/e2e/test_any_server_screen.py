"""The real acmail on a real X display against the Courier-like server personality (issue 24):
special folders only named (INBOX.Trash...), Delete then Ctrl+Z, checked on the server."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from imapclient import IMAPClient

from tests.support.desktop import AcmailApp, XDisplay


def _count(personality: Any, acc: Any, folder: str) -> int:
    server = personality.server
    client = IMAPClient(server.host, port=server.imaps_port, ssl=True, ssl_context=personality.ssl_context)
    try:
        client.login(acc.identifiant, acc.password)
        return int(client.folder_status(folder, ["MESSAGES"])[b"MESSAGES"])
    finally:
        client.logout()


def _wait(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


@pytest.mark.parametrize("personality", ["courier"], indirect=True)
def test_delete_to_a_named_trash_and_undo_on_a_real_screen(acmail_factory: Callable[..., AcmailApp],  # type: ignore[no-untyped-def]
                                                            personality, xdisplay: XDisplay,
                                                            tmp_path: Path) -> None:
    acc = personality.add_account("ecran")
    for n in range(3):
        personality.server.deliver(acc.identifiant, (
            f"From: parent{n}@ac-local.fr\r\nTo: {acc.email}\r\nSubject: Absence {n}\r\n"
            f"Date: Tue, 3 Nov 2026 09:0{n}:00 +0100\r\nMessage-ID: <e2e{n}@ac-local.fr>\r\n\r\nCorps\r\n").encode())
    providers = tmp_path / "admin" / "providers"
    profile = personality.server.write_provider_file(providers)
    policy = tmp_path / "admin" / "policy.json"
    policy.write_text(json.dumps({"version": 1, "shared_machine": True, "custom_profile": str(profile),
                                  "extra_ca_files": [str(personality.server.ca_pem_path)]}), encoding="utf-8")
    shots = tmp_path / "artefacts"
    app = acmail_factory(policy=policy).start()
    login = app.wait_window("Connexion")
    app.wait_for_log("login window shown")
    xdisplay.type_text(acc.identifiant, window=login)
    xdisplay.key("alt+p")
    xdisplay.type_text(acc.password)
    xdisplay.key("Return")
    main = app.wait_window(rf"AcMail — .*{acc.email}", timeout=40)
    app.wait_for_log("first rows of the folder shown", timeout=30)
    xdisplay.screenshot(shots / "courier-tree.png")
    xdisplay.key("ctrl+f", window=main)
    xdisplay.key("Tab", "Home")
    time.sleep(0.5)
    xdisplay.key("Delete")
    _wait(lambda: _count(personality, acc, "INBOX.Trash") == 1, 20, "the message in INBOX.Trash")
    assert _count(personality, acc, "INBOX") == 2
    time.sleep(1)
    xdisplay.screenshot(shots / "courier-deleted.png")
    xdisplay.key("ctrl+z", window=main)
    _wait(lambda: _count(personality, acc, "INBOX") == 3, 20, "the message back in INBOX")
    assert _count(personality, acc, "INBOX.Trash") == 0
    xdisplay.screenshot(shots / "courier-undone.png")
    xdisplay.key("ctrl+q", window=main)
    assert app.wait_exit(30) == 0
