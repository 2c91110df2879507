"""IDLE survives folder changes (#23): one connection and one login for the whole session, moved
from folder to folder, instead of a new connection (TLS + login: 3-5 round trips) per change."""

from __future__ import annotations

import threading
import time

import pytest

from acmail_desktop.core.imap.sync import IdleWatcher
from tests.support.accounts import account_of
from tests.support.sync_helpers import sample_message

pytestmark = pytest.mark.integration


def test_idle_follows_the_folder_on_the_same_connection(mail_server, make_account, local_provider, ssl_context
                                                         ) -> None:  # type: ignore[no-untyped-def]
    acc = make_account("idlefolders")
    mail_server.create_folder(acc.identifiant, "Conseils")
    account = account_of(local_provider, ssl_context, acc, timeout=15)
    arrived = threading.Event()
    seen: list[object] = []

    def on_change(responses: list[tuple[object, ...]]) -> None:
        seen.extend(responses)
        if any(r[1] == b"EXISTS" for r in responses):
            arrived.set()

    watcher = IdleWatcher(account, "INBOX", on_change, poll=0.1)
    watcher.start()
    try:
        logins = len(mail_server.auth_attempts(acc.identifiant))
        for folder in ("Conseils", "INBOX", "Conseils"):
            watcher.watch(folder)
            deadline = time.monotonic() + 5
            while watcher.folder != folder and time.monotonic() < deadline:
                time.sleep(0.02)
            assert watcher.folder == folder and watcher.running
        assert watcher.folder_changes == 3
        mail_server.deliver(acc.identifiant, sample_message(1, "Dans Conseils"), folder="Conseils")
        assert arrived.wait(10), seen  # the server's push for the folder now watched
        assert watcher.error is None and watcher.running
        assert len(mail_server.auth_attempts(acc.identifiant)) == logins  # no new login per change
    finally:
        watcher.stop()
    assert not watcher.alive
