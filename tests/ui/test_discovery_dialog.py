"""The discovery dialog: real discovery (autoconfig path, served on loopback by injection), steps
shown, settings kept as a user profile that loads again and logs in to the real server."""

from __future__ import annotations

from functools import partial

import pytest

from acmail_desktop.core.discovery import discover
from acmail_desktop.core.providers import load_providers, to_autoconfig_xml
from acmail_desktop.ui.discovery_dialog import DiscoveryDialog
from tests.support.accounts import account_of

pytestmark = [pytest.mark.gui, pytest.mark.integration]


def test_found_settings_become_a_user_profile(qtbot, make_context, local_provider, make_account,
                                              ssl_context) -> None:  # type: ignore[no-untyped-def]
    acc = make_account()
    requested: list[str] = []

    def http_get(url: str, _timeout: float) -> bytes:
        requested.append(url)
        return to_autoconfig_xml(local_provider).encode()

    context = make_context()
    dialog = DiscoveryDialog(context, discover_fn=partial(discover, http_get=http_get, methods=("autoconfig",)))
    qtbot.addWidget(dialog)
    dialog.email.setText(f"{acc.identifiant}@acmail.test")
    dialog.search_button.click()
    qtbot.waitUntil(lambda: dialog.use_button.isEnabled(), timeout=10000)
    assert requested and requested[0].startswith("https://autoconfig.acmail.test/")
    assert dialog.steps.topLevelItemCount() >= 1
    assert "127.0.0.1" in dialog.summary.text()
    with qtbot.waitSignal(dialog.provider_added) as signal:
        dialog.use_button.click()
    provider_id = signal.args[0]
    reloaded = load_providers([context.paths.user_providers_dir])
    assert not reloaded.problems
    provider = reloaded.get(provider_id)
    assert (provider.imap.port, provider.smtp.port) == (local_provider.imap.port, local_provider.smtp.port)
    account = account_of(provider, ssl_context, acc, timeout=10)
    account.open_imap().logout()


def test_nothing_found_is_said_plainly(qtbot, make_context) -> None:  # type: ignore[no-untyped-def]
    def http_get(url: str, _timeout: float) -> bytes:
        raise OSError("no such host")

    dialog = DiscoveryDialog(make_context(), discover_fn=partial(discover, http_get=http_get, methods=("autoconfig",)))
    qtbot.addWidget(dialog)
    dialog.email.setText("x@nulle-part.invalid")
    dialog.search_button.click()
    qtbot.waitUntil(lambda: dialog.search_button.isEnabled(), timeout=10000)
    assert not dialog.use_button.isEnabled()
    assert dialog.summary.text()
