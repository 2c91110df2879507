"""The diagnostics engine without servers: input checks, skips, verdict choice, progress, cancel,
time bounds and the renderers' redaction. (Real-server behaviour: tests/integration.)"""

from __future__ import annotations

import base64
import json
import threading
import time
from dataclasses import replace

import pytest

from acmail_desktop.cli import french as cli_french
from acmail_desktop.core.catalogue import Translate
from acmail_desktop.core.diagnostics import (
    CODES,
    Check,
    DiagnosticsConfig,
    DiagnosticsRun,
    Report,
    Status,
    mask_identifiant,
    render_json,
    render_text,
)
from acmail_desktop.core.diagnostics.probes import date_in
from acmail_desktop.core.diagnostics.verdicts import choose, make
from acmail_desktop.core.otp import Secret
from acmail_desktop.core.providers import Provider, bundled_providers_dir, load_providers
from acmail_desktop.core.tls import make_ssl_context
from tests.support.catalogue_tables import compile_translations
from tests.support.faults import DroppingPort, FaultResolver, refused_port


def french() -> Translate:
    """The CLI's translation of the catalogue (the compiled .qm, no display)."""
    compile_translations()
    return cli_french()


@pytest.fixture(scope="module")
def aix() -> Provider:
    return load_providers([bundled_providers_dir()]).get("aix-marseille")


def _loopback(provider: Provider, imap_port: int, smtp_port: int) -> Provider:
    return replace(provider, imap=replace(provider.imap, hostname="127.0.0.1", port=imap_port),
                   smtp=replace(provider.smtp, hostname="127.0.0.1", port=smtp_port),
                   webmail_url=None, support_url=None, password_change_url=None, password_reset_url=None)


def _config(provider: Provider, **kw) -> DiagnosticsConfig:  # type: ignore[no-untyped-def]
    kw.setdefault("resolver", FaultResolver())
    kw.setdefault("imap_alternatives", ())
    kw.setdefault("smtp_alternatives", ())
    kw.setdefault("translate", french())  # the French the user reads (the engine's default is English)
    return DiagnosticsConfig(provider=provider, ssl_context=make_ssl_context(), **kw)


def _statuses(report: Report) -> dict[str, str]:
    return {c.id: str(c.status) for c in report.checks}


def test_no_route_means_network_down_and_nothing_else_is_tried(aix) -> None:  # type: ignore[no-untyped-def]
    resolver = FaultResolver()
    report = DiagnosticsRun(_config(aix, route_probe=lambda hosts: False, resolver=resolver)).execute()
    assert report.verdict is not None and report.verdict.code == "network_down"
    assert resolver.asked == []  # DNS and everything after it skipped with a reason
    skipped = [c for c in report.checks if c.status is Status.SKIPPED]
    assert all(c.summary.startswith("Non effectué") for c in skipped) and len(skipped) >= 10
    assert "Centre de services Verdon" in report.verdict.action or "Wi-Fi" in report.verdict.action
    assert report.exit_status == 2


def test_nxdomain_and_unreachable_resolver_are_told_apart(aix) -> None:  # type: ignore[no-untyped-def]
    provider = replace(aix, imap=replace(aix.imap, hostname="imap.ac-test.invalid"),
                       smtp=replace(aix.smtp, hostname="smtp.ac-test.example"))
    resolver = FaultResolver(unreachable=("smtp.ac-test.example",))
    report = DiagnosticsRun(_config(provider, resolver=resolver, route_probe=lambda h: True)).execute()
    checks = {c.id: c for c in report.checks}
    assert checks["dns_imap"].code == "dns_failure" and "NXDOMAIN" in checks["dns_imap"].summary
    assert "injoignable" in checks["dns_smtp"].summary
    assert report.verdict.code == "dns_failure"  # type: ignore[union-attr]
    # The support line comes from the académie profile.
    assert "04 42 91 70 00" in report.verdict.action  # type: ignore[union-attr]


def test_a_hanging_resolver_is_bounded(aix) -> None:  # type: ignore[no-untyped-def]
    def slow(host: str) -> list[str]:
        time.sleep(3)
        return ["127.0.0.1"]

    started = time.monotonic()
    report = DiagnosticsRun(_config(aix, resolver=slow, step_timeout=0.5, route_probe=lambda h: True)).execute()
    assert time.monotonic() - started < 3
    assert _statuses(report)["dns_imap"] == "fail"


@pytest.mark.parametrize(("identifiant", "secret", "kind", "code"), [
    ("Francois.Durand@ac-aix-marseille.fr", "pw", "password", "input_identifiant"),
    ("f durand", "pw", "password", "input_identifiant"),
    ("fdurand", "", "password", "input_password"),
    ("fdurand", "12ab56", "passcode", "input_password"),
])
def test_input_problems_stop_before_any_login(aix, identifiant, secret, kind, code) -> None:  # type: ignore[no-untyped-def]
    port = refused_port()
    provider = _loopback(aix, port, port)
    config = _config(provider, identifiant=identifiant, secret=Secret(secret), secret_kind=kind, test_auth=True,
                     route_probe=lambda h: True)
    report = DiagnosticsRun(config).execute()
    checks = {c.id: c for c in report.checks}
    assert checks["input"].code == code
    assert checks["auth"].status is Status.SKIPPED


def test_email_typed_suggests_identifiant(aix) -> None:  # type: ignore[no-untyped-def]
    port = refused_port()
    report = DiagnosticsRun(_config(_loopback(aix, port, port), identifiant="marie.curie@ac-aix-marseille.fr",
                                    route_probe=lambda h: True)).execute()
    assert "mcurie" in report.checks[0].remedy


def test_capitals_are_a_warning_not_a_failure(aix) -> None:  # type: ignore[no-untyped-def]
    port = refused_port()
    report = DiagnosticsRun(_config(_loopback(aix, port, port), identifiant=" FDurand",
                                    route_probe=lambda h: True)).execute()
    assert report.checks[0].status is Status.WARN


def test_progress_reports_every_check_in_order(aix) -> None:  # type: ignore[no-untyped-def]
    events = []
    port = refused_port()
    run = DiagnosticsRun(_config(_loopback(aix, port, port), route_probe=lambda h: True), events.append)
    report = run.execute()
    ids = [spec.id for spec in run.specs()]
    assert [(e.kind, e.check_id) for e in events] == [(k, i) for i in ids for k in ("started", "finished")]
    assert [e.result.status for e in events if e.kind == "finished"] == [c.status for c in report.checks]
    assert report.verdict.code == "connection_refused"  # type: ignore[union-attr]


def test_cancel_stops_a_blocked_run_quickly(aix) -> None:  # type: ignore[no-untyped-def]
    with DroppingPort() as drop:
        run = DiagnosticsRun(_config(_loopback(aix, drop.port, drop.port), step_timeout=5,
                                     route_probe=lambda h: True))
        threading.Timer(0.3, run.cancel).start()
        started = time.monotonic()
        report = run.execute()
    # The TCP probe in flight stops within a poll slice; nothing starts after the cancel.
    assert time.monotonic() - started < 1.5
    assert report.cancelled and report.verdict.code == "cancelled"  # type: ignore[union-attr]
    assert report.checks[-1].status is Status.SKIPPED


def test_whole_run_respects_the_budget(aix) -> None:  # type: ignore[no-untyped-def]
    with DroppingPort() as drop:
        config = _config(_loopback(aix, drop.port, drop.port), step_timeout=5, budget=2.0,
                         route_probe=lambda h: True)
        started = time.monotonic()
        report = DiagnosticsRun(config).execute()
    assert time.monotonic() - started < 3.5
    assert any("durée maximale" in c.summary for c in report.checks)


def test_clock_skew_explains_a_refused_passcode(aix) -> None:  # type: ignore[no-untyped-def]
    checks = [Check("auth", "Authentification", Status.FAIL, "PassCode refusé", code="otp_rejected"),
              Check("clock", "Horloge", Status.FAIL, "Horloge décalée", code="clock_skew")]
    assert choose(checks, aix).code == "clock_skew"
    assert choose(checks[:1], aix).code == "otp_rejected"
    assert choose([], aix).code == "ok"


def test_every_code_has_french_text_with_profile_support(aix) -> None:  # type: ignore[no-untyped-def]
    for code in CODES:
        verdict = make(code, aix, None)
        assert verdict.title and verdict.explanation and verdict.action
        assert "{" not in verdict.action
    assert "04 42 91 70 00" in make("server_unavailable", aix, None).action
    assert "https://appli.ac-aix-marseille.fr" in make("auth_failed", aix, None).action
    bare = replace(aix, support_name=None, support_phone=None, support_url=None)
    assert "Verdon" not in make("server_unavailable", bare, None).action


def test_greeting_dates_are_read() -> None:
    when = date_in("220 mail.example ESMTP ready at Fri, 27 Nov 2026 10:00:00 +0100")
    assert when is not None and when.utcoffset() is not None and when.hour == 10
    assert date_in("220 smtp ESMTP Postfix") is None


def test_reports_never_contain_secrets_and_mask_the_identifiant(aix) -> None:  # type: ignore[no-untyped-def]
    password = "S3cret-Diag!pw"
    Secret(password, username="fdurand")  # registered with the redactor, as the engine does
    blob = base64.b64encode(("\0fdurand\0" + password).encode()).decode()
    leaky = f"LOGIN fdurand {password}\nAUTH PLAIN {blob}\nraw {password}\nblob again {blob}"
    report = Report("aix-marseille", "Aix", "fdurand", "imap:993", "smtp:465", "2026-01-01T00:00:00+00:00",
                    [Check("auth", "Authentification", Status.FAIL, f"refusé pour fdurand ({password})",
                           detail=leaky, code="auth_failed")])
    report.verdict = make("auth_failed", aix, report.checks[0])
    for text in (render_text(report, secrets=[password]), render_json(report, secrets=[password])):
        assert password not in text
        assert blob not in text
        assert "fdurand" not in text
        assert mask_identifiant("fdurand") in text
    unmasked = render_text(report, unmask=True, secrets=[password])
    assert "fdurand" in unmasked and password not in unmasked
    data = json.loads(render_json(report))
    assert data["verdict"]["code"] == "auth_failed" and data["exit_status"] == 2


def test_mask_identifiant_shapes() -> None:
    assert mask_identifiant("fdurand") == "fd****d"
    assert mask_identifiant("abc") == "a**"
    assert mask_identifiant("") == ""


def test_servers_answering_without_a_password_test_is_not_everything_works(aix) -> None:  # type: ignore[no-untyped-def]
    """#19: "Tout fonctionne… tous les contrôles ont réussi" was said while the password was untested."""
    checks = [Check("imap", "IMAP", Status.OK, "Le serveur répond"),
              Check("auth", "Authentification", Status.SKIPPED, "Non demandé")]
    verdict = choose(checks, aix, translate=french())
    assert verdict.code == "ok_without_login"
    assert "Tout fonctionne" not in verdict.title and "tous les contrôles" not in verdict.explanation
    assert "pas été testés" in verdict.explanation
    checks[1] = Check("auth", "Authentification", Status.OK, "Accepté")
    assert choose(checks, aix).code == "ok"


def test_a_refused_connection_blames_the_server_before_the_school_network(aix) -> None:  # type: ignore[no-untyped-def]
    verdict = make("connection_refused", aix, None, french())
    assert "arrêté" in verdict.explanation
    assert "réseau de l'établissement" not in verdict.action
