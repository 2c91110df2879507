"""The national profile's sending server, discovered at the first sign-in through the discovery
dialog (each step shown), kept per account as unverified and changeable in the settings; the usual
names probed only after the user agreed. Real test servers and local stand-ins, 127.0.0.1 only."""

from __future__ import annotations

import socket
import time
from dataclasses import replace
from functools import partial

import pytest

from acmail_desktop.core.discovery import discover
from acmail_desktop.core.mime import build_message
from acmail_desktop.core.providers import ProviderRegistry
from acmail_desktop.core.smtp_choice import stored_method, stored_smtp
from acmail_desktop.ui.app import Controller
from acmail_desktop.ui.discovery_dialog import DiscoveryDialog
from acmail_desktop.ui.login import LoginResult
from acmail_desktop.ui.sending_server import SendingServerBox
from tests.support.accounts import account_for
from tests.support.discovery_servers import dns_server, http_server, local_http_get
from tests.ui.mailbox_support import end_controller

pytestmark = [pytest.mark.gui, pytest.mark.integration]

AUTOCONFIG = """<?xml version="1.0"?>
<clientConfig version="1.1"><emailProvider id="{domain}"><domain>{domain}</domain>
<displayName>Test</displayName>
<incomingServer type="imap"><hostname>imap.{domain}</hostname><port>993</port><socketType>SSL</socketType>
</incomingServer>
<outgoingServer type="smtp"><hostname>{host}</hostname><port>{port}</port><socketType>SSL</socketType>
<username>%EMAILADDRESS%</username></outgoingServer></emailProvider></clientConfig>"""


@pytest.fixture
def guessing(registry, national_provider):  # type: ignore[no-untyped-def]
    """The national profile on the test IMAP server, its SMTP the bundled guess, still to discover."""
    provider = replace(national_provider, smtp=registry.get("nationale").smtp, smtp_discover=True)
    return provider, ProviderRegistry({**registry.providers, "nationale": provider})


def test_first_sign_in_discovers_the_smtp_keeps_it_unverified_and_mail_goes_out(
        qtbot, make_context, guessing, make_national_account, mail_server) -> None:  # type: ignore[no-untyped-def]
    provider, providers = guessing
    sender, recipient = make_national_account(), make_national_account()
    domain = sender.email.split("@")[1]
    body = AUTOCONFIG.format(domain=domain, host=mail_server.host, port=mail_server.smtps_port).encode()
    context = make_context(providers=providers, academie="nationale")
    controller = Controller(context)
    controller.quit_application = lambda: None
    qtbot.addWidget(controller.show_login())
    with http_server({f"/autoconfig.{domain}/mail/config-v1.1.xml": (200, body)}) as (port, _seen):
        controller.smtp_discover_fn = partial(discover, http_get=local_http_get(port),
                                              ssl_context=context.ssl_context(), timeout=3)
        account = account_for(provider, context.ssl_context(), sender.email, sender.app_password,
                              email=sender.email)
        try:
            controller._logged_in(LoginResult(account, account.open_imap()))
            dialog = controller.smtp_dialog
            assert isinstance(dialog, DiscoveryDialog) and dialog.isVisible()
            assert dialog.email.text() == sender.email and dialog.email.isReadOnly()
            qtbot.waitUntil(dialog.use_button.isEnabled, timeout=10000)
            assert dialog.steps.topLevelItemCount() >= 1  # each step shown
            assert f"{mail_server.host}:{mail_server.smtps_port}" in dialog.summary.text()
            with qtbot.waitSignal(dialog.smtp_chosen):
                dialog.use_button.click()
            key = account.identity.key
            kept = stored_smtp(context.settings, key, provider)
            assert kept is not None and not kept.verified and stored_method(context.settings, key) == "autoconfig"
            assert account.smtp_settings == kept
            before = len(mail_server.smtp_messages)
            message = build_message(sender=("Prof", sender.email), to=[("", recipient.email)], subject="Essai",
                                    body="Bonjour\n")
            with account.open_smtp() as submission:
                submission.send(message.as_bytes(), sender.email, [recipient.email])
            deadline = time.monotonic() + 5
            while len(mail_server.smtp_messages) == before and time.monotonic() < deadline:
                time.sleep(0.05)
            assert [m.rcpt_tos for m in mail_server.smtp_messages[before:]] == [(recipient.email,)]

            # Aide's settings for another client give the kept server, not the profile's guess
            window = controller.main_window
            window.open_help()
            exported = window.help_window.settings_text()
            assert "smtp.education.gouv.fr" not in exported and str(mail_server.smtps_port) in exported
            window.help_window.close()

            # the settings show it as unverified and let the user change it
            settings = controller.open_settings()
            box = settings.findChild(SendingServerBox)
            assert box is not None and box.host.text() == mail_server.host
            assert "not verified" in box.status.text() or "non vérifié" in box.status.text()
            box.guess_button.click()
            assert box.host.text() == "smtp.education.gouv.fr"
            settings.accept()
            assert stored_method(context.settings, key) == "typed"
            assert account.smtp_settings.hostname == "smtp.education.gouv.fr"
            assert not account.smtp_settings.verified
        finally:
            end_controller(qtbot, controller)


def test_usual_names_only_after_consent_then_the_catalogue_message(
        qtbot, make_context, guessing) -> None:  # type: ignore[no-untyped-def]
    provider, providers = guessing
    connected: list[tuple[str, int]] = []
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    closed_port = closed.getsockname()[1]
    closed.close()  # nothing listens there: each probe is refused at once

    def connect_host(host: str, port: int) -> tuple[str, int]:
        connected.append((host, port))
        return "127.0.0.1", closed_port

    context = make_context(providers=providers, academie="nationale")
    with http_server({}) as (port, _seen), dns_server({}) as resolver:
        dialog = DiscoveryDialog(context, discover_fn=partial(
            discover, http_get=local_http_get(port), resolver=resolver, connect_host=connect_host,
            ssl_context=context.ssl_context(), timeout=2), email="prof.nom@ac-reunion.fr", keep_imap=provider.imap)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.search()
        qtbot.waitUntil(dialog.guess_button.isVisible, timeout=10000)
        assert connected == []  # nothing probed without consent
        assert "smtp.ac-reunion.fr" in dialog.summary.text() and not dialog.use_button.isEnabled()
        shown = dialog.steps.topLevelItemCount()
        dialog.guess_button.click()
        qtbot.waitUntil(lambda: dialog.steps.topLevelItemCount() > shown, timeout=10000)
    assert {host for host, _port in connected} == {"smtp.ac-reunion.fr", "mail.ac-reunion.fr"}  # SMTP only
    assert not dialog.guess_button.isVisible() and not dialog.use_button.isEnabled()
    text = dialog.summary.text()
    assert ("Sending server not found" in text) or ("Serveur d'envoi introuvable" in text)
