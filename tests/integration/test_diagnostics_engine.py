"""Engine details against the real servers: STARTTLS capabilities before/after, alternative ports,
one login at most, PassCode not replayed for SMTP."""

from __future__ import annotations

from dataclasses import replace

import pytest

from acmail_desktop.cli import french
from acmail_desktop.core.diagnostics import DiagnosticsConfig, DiagnosticsRun, Status
from acmail_desktop.core.otp import Secret
from tests.support.faults import FaultResolver, refused_port

pytestmark = pytest.mark.integration


def _run(provider, ssl_context, **kw):  # type: ignore[no-untyped-def]
    kw.setdefault("resolver", FaultResolver())
    kw.setdefault("translate", french())  # the French the user reads (the engine's default is English)
    return DiagnosticsRun(DiagnosticsConfig(provider=provider, ssl_context=ssl_context, **kw)).execute()


def test_starttls_capabilities_before_and_after(local_provider, ssl_context, mail_server) -> None:  # type: ignore[no-untyped-def]
    provider = replace(local_provider, imap=replace(local_provider.imap, port=mail_server.imap_port,
                                                    security="starttls"))
    report = _run(provider, ssl_context)
    checks = {c.id: c for c in report.checks}
    assert checks["imap"].status is Status.OK, checks["imap"]
    before, after = (line for line in checks["imap"].detail.splitlines() if line.startswith("capabilities"))
    # (Dovecot treats loopback as secure, so no LOGINDISABLED before TLS here.)
    assert "STARTTLS" in before
    assert "STARTTLS" not in after and "AUTH=PLAIN" in after
    assert "STARTTLS" in checks["tls_imap"].detail and "C: a2 STARTTLS" in checks["tls_imap"].detail
    # The SMTP side of the local profile is STARTTLS on submission too.
    assert "EHLO before TLS" in checks["smtp"].detail and "AUTH" in checks["smtp"].detail.split("after TLS")[1]
    # No password was given, so the verdict says the servers answer, never "everything works" (#19).
    assert report.verdict.code == "ok_without_login"  # type: ignore[union-attr]


def test_alternative_port_that_works_is_named(local_provider, ssl_context, mail_server) -> None:  # type: ignore[no-untyped-def]
    closed = refused_port()
    provider = replace(local_provider, imap=replace(local_provider.imap, port=closed))
    report = _run(provider, ssl_context, imap_alternatives=((mail_server.imaps_port, "implicit"),
                                                            (refused_port(), "starttls")))
    tcp = next(c for c in report.checks if c.id == "tcp_imap")
    assert tcp.code == "connection_refused"
    assert f"Le port {mail_server.imaps_port} (TLS) répond" in tcp.summary
    assert f":{mail_server.imaps_port} (implicit): open" in tcp.detail


def test_passcode_is_spent_once_and_never_replayed_to_smtp(local_provider, ssl_context, mail_server,  # type: ignore[no-untyped-def]
                                                           make_account) -> None:
    acc = make_account("diagpc")
    passcode = mail_server.fresh_passcode(acc.identifiant)
    report = _run(local_provider, ssl_context, identifiant=acc.identifiant, secret=Secret(passcode),
                  secret_kind="passcode", test_auth=True)
    checks = {c.id: c for c in report.checks}
    assert checks["auth"].status is Status.OK and checks["mailbox"].status is Status.OK
    assert checks["smtp_auth"].status is Status.SKIPPED and "une fois" in checks["smtp_auth"].summary
    assert [(a.service, a.result) for a in mail_server.auth_attempts(acc.identifiant)] == [("imap", "ok")]


def test_no_auth_without_consent(local_provider, ssl_context, mail_server, make_account) -> None:  # type: ignore[no-untyped-def]
    acc = make_account("diagnc")
    report = _run(local_provider, ssl_context, identifiant=acc.identifiant, secret=Secret(acc.password),
                  test_auth=False)
    assert {c.id: c.status for c in report.checks}["auth"] is Status.SKIPPED
    assert mail_server.auth_attempts(acc.identifiant) == []
