"""The national profile only guesses its SMTP server (<acmail:smtpDiscovery/>): the sending server is
discovered for the address's domain, kept per account as unverified, and mail goes through it. Real
test servers on 127.0.0.1 only: the aiosmtpd SMTP server, a local autoconfig HTTP server, a local DNS."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from acmail_desktop.core import errors
from acmail_desktop.core.discovery import discover
from acmail_desktop.core.mime import build_message
from acmail_desktop.core.settings import Settings
from acmail_desktop.core.smtp_choice import needs_discovery, remember_smtp, sending_server, stored_method
from tests.support.accounts import account_for
from tests.support.discovery_servers import dns_server, http_server, local_http_get

pytestmark = pytest.mark.integration

AUTOCONFIG = """<?xml version="1.0"?>
<clientConfig version="1.1">
  <emailProvider id="{domain}">
    <domain>{domain}</domain>
    <displayName>Académie (test)</displayName>
    <incomingServer type="imap">
      <hostname>imap.{domain}</hostname><port>993</port><socketType>SSL</socketType>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>{host}</hostname><port>{port}</port><socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication>
    </outgoingServer>
  </emailProvider>
</clientConfig>
"""


@pytest.fixture
def guessing_provider(registry, national_provider):  # type: ignore[no-untyped-def]
    """The national profile on the test IMAP server, its SMTP still the bundled profile's guess."""
    bundled = registry.get("nationale")
    assert bundled.smtp_discover and not bundled.smtp.verified
    return replace(national_provider, smtp=bundled.smtp, smtp_discover=True)


def test_autoconfig_finds_the_smtp_server_and_mail_goes_through_it(
        tmp_path, mail_server, guessing_provider, ssl_context, make_national_account) -> None:  # type: ignore[no-untyped-def]
    sender, recipient = make_national_account(), make_national_account()
    domain = sender.email.split("@")[1]
    body = AUTOCONFIG.format(domain=domain, host=mail_server.host, port=mail_server.smtps_port).encode()
    settings = Settings(tmp_path / "settings.json")
    key = f"{guessing_provider.id}:{sender.email}"
    assert needs_discovery(settings, key, guessing_provider)
    with http_server({f"/autoconfig.{domain}/mail/config-v1.1.xml": (200, body)}) as (port, _seen):
        result = discover(sender.email, http_get=local_http_get(port), ssl_context=ssl_context,
                          keep_imap=guessing_provider.imap, methods=("autoconfig", "srv"), timeout=3)
    found = result.raise_if_empty()
    assert result.method == "autoconfig"
    assert found.imap == guessing_provider.imap  # only the sending server was looked for
    assert (found.smtp.hostname, found.smtp.port) == (mail_server.host, mail_server.smtps_port)
    remember_smtp(settings, key, found.smtp, result.method)
    settings.save()
    reloaded = Settings(tmp_path / "settings.json")  # kept per account across starts
    server = sending_server(reloaded, key, guessing_provider)
    assert server is not None and not server.verified and stored_method(reloaded, key) == "autoconfig"
    assert not needs_discovery(reloaded, key, guessing_provider)

    account = account_for(guessing_provider, ssl_context, sender.email, sender.app_password, email=sender.email)
    with pytest.raises(errors.SmtpNotFound):
        account.open_smtp()  # never the profile's guess: nothing connects before a server is known
    assert mail_server.auth_attempts(sender.email) == []
    account.set_smtp(server)
    before = len(mail_server.smtp_messages)
    message = build_message(sender=("Prof", sender.email), to=[("", recipient.email)], subject="Découverte",
                            body="Bonjour\n")
    with account.open_smtp() as submission:
        submission.send(message.as_bytes(), sender.email, [recipient.email])
    deadline = time.monotonic() + 5
    while len(mail_server.smtp_messages) == before and time.monotonic() < deadline:
        time.sleep(0.05)
    sent = mail_server.smtp_messages[before:]
    assert [(m.mail_from, m.rcpt_tos) for m in sent] == [(sender.email, (recipient.email,))]


def test_nothing_found_without_consent_probes_no_guessed_name(guessing_provider, ssl_context) -> None:  # type: ignore[no-untyped-def]
    """Autoconfig and SRV find nothing; without the user's consent the usual names are not tried."""
    connected: list[tuple[str, int]] = []

    def connect_host(host: str, port: int) -> tuple[str, int]:
        connected.append((host, port))
        return "127.0.0.1", port

    with http_server({}) as (port, _seen), dns_server({}) as resolver:
        result = discover("prof.nom@ac-reunion.fr", http_get=local_http_get(port), resolver=resolver,
                          connect_host=connect_host, ssl_context=ssl_context,
                          keep_imap=guessing_provider.imap, methods=("autoconfig", "srv"), timeout=2)
    assert result.provider is None
    assert {s.method for s in result.steps} == {"autoconfig", "srv"}
    assert [s.target for s in result.steps if s.method == "srv"] == [
        "_submissions._tcp.ac-reunion.fr", "_submission._tcp.ac-reunion.fr"]  # no IMAP SRV asked
    assert connected == []


def test_outbox_keeps_the_message_queued_until_a_server_is_known(
        mail_server, guessing_provider, ssl_context, make_national_account, app_paths) -> None:  # type: ignore[no-untyped-def]
    """Sending before any server was found or typed: no connection to the guess, the message waits
    with the catalogue's code, and goes once the server is set."""
    from acmail_desktop.core.outbox import ACCEPTED, QUEUED, Outbox

    sender, recipient = make_national_account(), make_national_account()
    account = account_for(guessing_provider, ssl_context, sender.email, sender.app_password, email=sender.email)
    outbox = Outbox(app_paths.data_dir)
    entry = outbox.enqueue(account.identity.key, sender=("", sender.email), to=[("", recipient.email)],
                           subject="En attente", body="x\n")
    now = time.time()
    waiting = outbox.send_step(entry.id, account, now=now)
    assert (waiting.state, waiting.last_error) == (QUEUED, "smtp_not_found")
    assert mail_server.auth_attempts(sender.email) == []
    account.set_smtp(replace(guessing_provider.smtp, hostname=mail_server.host, port=mail_server.smtps_port,
                             verified=False))
    assert outbox.send_step(entry.id, account, now=now + 3600).state == ACCEPTED
