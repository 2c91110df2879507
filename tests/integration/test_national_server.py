"""The national messagerie's shape on the real test servers: the full address as login and an
application password only (the usual password and the short identifiant refused), IMAP and SMTP."""

from __future__ import annotations

import time

import pytest

from acmail_desktop.core import errors
from acmail_desktop.core.mime import build_message
from acmail_desktop.core.otp import password_credential
from tests.support.accounts import account_for

pytestmark = pytest.mark.integration


def test_the_national_profile_logs_in_with_the_address(national_provider) -> None:  # type: ignore[no-untyped-def]
    assert national_provider.imap.username_for("prof.nom@ac-reunion.fr", "prof.nom@ac-reunion.fr") \
        == "prof.nom@ac-reunion.fr"
    assert national_provider.is_national and national_provider.otp_kind == "none"


def test_application_password_opens_imap_and_smtp(mail_server, national_provider, ssl_context,
                                                  make_national_account) -> None:  # type: ignore[no-untyped-def]
    sender, recipient = make_national_account(), make_national_account()
    account = account_for(national_provider, ssl_context, sender.email, sender.app_password, email=sender.email)
    account.open_imap().logout()
    message = build_message(sender=("Prof", sender.email), to=[("", recipient.email)], subject="Essai",
                            body="Bonjour\n")
    with account.open_smtp() as submission:
        submission.send(message.as_bytes(), sender.email, [recipient.email])
    assert [(a.service, a.result) for a in mail_server.auth_attempts(sender.email)] == [
        ("imap", "ok"), ("smtp", "ok")]
    session = account_for(national_provider, ssl_context, recipient.email, recipient.app_password,
                          email=recipient.email).open_imap()
    try:
        deadline = time.monotonic() + 5
        while not session.select("INBOX", readonly=True).exists and time.monotonic() < deadline:
            time.sleep(0.1)
        assert session.select("INBOX", readonly=True).exists == 1
    finally:
        session.logout()


def test_usual_password_refused_once_then_nothing_more(mail_server, national_provider, ssl_context,
                                                       make_national_account) -> None:  # type: ignore[no-untyped-def]
    acc = make_national_account()
    account = account_for(national_provider, ssl_context, acc.email, acc.usual_password, email=acc.email)
    with pytest.raises(errors.AuthFailed):
        account.open_imap()
    with pytest.raises(errors.AuthFailed):
        account.open_smtp()  # refused without touching the network: the account stopped
    assert [(a.service, a.result) for a in mail_server.auth_attempts(acc.email)] == [("imap", "usual_password")]


def test_short_identifiant_is_no_login_there(mail_server, national_provider, ssl_context,
                                             make_national_account) -> None:  # type: ignore[no-untyped-def]
    acc = make_national_account()
    local_part = acc.email.split("@")[0]
    short = account_for(national_provider, ssl_context, local_part, password_credential(local_part, acc.app_password),
                        timeout=10)
    with pytest.raises(errors.AuthFailed):
        short.open_imap()
    assert mail_server.auth_attempts(acc.email) == []
    assert [a.result for a in mail_server.auth_attempts(local_part)] == ["bad"]


def _diagnose(provider, ssl_context, email, secret, **kw):  # type: ignore[no-untyped-def]
    from acmail_desktop import cli
    from acmail_desktop.core.diagnostics import DiagnosticsConfig, DiagnosticsRun
    from acmail_desktop.core.otp import Secret
    from tests.support.faults import FaultResolver

    kw.setdefault("translate", cli.french())  # the French the user reads (the engine's default is English)
    return DiagnosticsRun(DiagnosticsConfig(provider=provider, ssl_context=ssl_context, identifiant=email,
                                            secret=Secret(secret), test_auth=True,
                                            resolver=FaultResolver(), **kw)).execute()


def test_diagnostics_usual_password_gives_app_password_required(mail_server, national_provider, ssl_context,
                                                               make_national_account) -> None:  # type: ignore[no-untyped-def]
    from acmail_desktop.core.diagnostics import Status

    acc = make_national_account()
    report = _diagnose(national_provider, ssl_context, acc.email, acc.usual_password)
    checks = {c.id: c for c in report.checks}
    # Before any login, the shape of what was typed: a usual password, said so (the shape only).
    assert checks["input"].status is Status.WARN
    assert "ressemble à un mot de passe habituel" in checks["input"].summary
    assert "secret shape: usual" in checks["input"].detail
    assert checks["auth"].code == "app_password_required"
    assert report.verdict.code == "app_password_required"  # type: ignore[union-attr]
    assert [a.result for a in mail_server.auth_attempts(acc.email)] == ["usual_password"], "one attempt"
    from acmail_desktop.core.diagnostics.report import render_json, render_text

    for text in (render_text(report, unmask=True), render_json(report, unmask=True), repr(report)):
        assert acc.usual_password not in text


def test_diagnostics_application_password_works(mail_server, national_provider, ssl_context,
                                                make_national_account) -> None:  # type: ignore[no-untyped-def]
    from acmail_desktop.core.diagnostics import Status

    acc = make_national_account()
    report = _diagnose(national_provider, ssl_context, acc.email, acc.app_password)
    checks = {c.id: c for c in report.checks}
    assert checks["input"].status is Status.OK, checks["input"]
    assert "secret shape: generated" in checks["input"].detail
    assert checks["auth"].status is Status.OK and "LOGIN " + acc.email in checks["auth"].detail
    assert acc.app_password not in repr(report)


def test_the_verdict_explains_application_passwords(mail_server, national_provider, ssl_context,
                                                    make_national_account) -> None:  # type: ignore[no-untyped-def]
    """In French, as acmail-diagnose prints it (the catalogue's text through the compiled .qm)."""
    from acmail_desktop import cli
    from tests.support.catalogue_tables import compile_translations

    compile_translations()
    acc = make_national_account()
    verdict = _diagnose(national_provider, ssl_context, acc.email, acc.usual_password,
                        translate=cli.french()).verdict
    assert verdict is not None and verdict.title == "Mot de passe d'application nécessaire"
    assert "Mots de passe sécurisés" in verdict.action and "mot de passe habituel" in verdict.explanation
