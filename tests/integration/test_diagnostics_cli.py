"""`acmail-diagnose` against the real local servers and the fault-injection harness: one verdict per
cause, exit statuses, the subprocess entry point, and no secret in any report."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from acmail_desktop import cli
from acmail_desktop.core.diagnostics import CODES
from tests.support.faults import SCENARIOS, FaultResolver, Scenario, scenario

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


def _base_dir(tmp_path: Path, mail_server, s: Scenario) -> Path:  # type: ignore[no-untyped-def]
    """A user profile folder holding the local académie profile, its web URL on the Date server."""
    base = tmp_path / "base"
    path = mail_server.write_provider_file(base / "config" / "providers")
    if s.time_url:
        text = path.read_text(encoding="utf-8").replace("https://127.0.0.1:9/webmail", s.time_url)
        path.write_text(text, encoding="utf-8")
    return base


def _argv(base: Path, mail_server, s: Scenario) -> list[str]:  # type: ignore[no-untyped-def]
    argv = ["--academie", "local", "--base-dir", str(base), "--ca-file", str(mail_server.ca_pem_path),
            "--json", "--quiet", "--timeout", str(s.timeout)]
    for kind, overrides in (("imap", s.imap), ("smtp", s.smtp)):
        for key, value in overrides.items():
            argv += [f"--{kind}-{'host' if key == 'hostname' else key}", str(value)]
    if s.identifiant:
        argv += ["--identifiant", s.identifiant]
    if s.secret is not None:
        argv.append("--password-stdin")
    if s.passcode:
        argv.append("--passcode")
    return argv


def _run(argv: list[str], capsys, s: Scenario) -> tuple[int, dict]:  # type: ignore[no-untyped-def,type-arg]
    stdin = io.StringIO((s.secret or "") + "\n")
    rc = cli.main(argv, now=s.now, resolver=FaultResolver(), stdin=stdin)
    out = capsys.readouterr().out
    return rc, json.loads(out)


def test_every_scenario_names_a_documented_code() -> None:
    assert set(SCENARIOS.values()) <= set(CODES)
    doc = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    for code in CODES:
        assert f"`{code}`" in doc, code


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_cli_json_verdict_for_each_fault(name, tmp_path, capsys, mail_server, make_account) -> None:  # type: ignore[no-untyped-def]
    with scenario(name, mail_server, make_account) as s:
        if s.skip_reason:
            pytest.skip(s.skip_reason)
        base = _base_dir(tmp_path, mail_server, s)
        started = time.monotonic()
        rc, data = _run(_argv(base, mail_server, s), capsys, s)
        elapsed = time.monotonic() - started
    assert data["verdict"]["code"] == s.expected, json.dumps(data, indent=1, ensure_ascii=False)
    assert rc == (0 if s.expected == "ok" else 2)
    assert elapsed < 20
    statuses = {c["id"]: c["status"] for c in data["checks"]}
    assert set(statuses.values()) <= {"ok", "warn", "fail", "skipped"}
    # The support contact comes from the profile, never from code.
    if s.expected not in ("ok", "input_identifiant", "clock_skew", "password_expired", "network_down"):
        assert "Support de démonstration" in data["verdict"]["action"] or s.expected in (
            "otp_rejected", "auth_failed", "too_many_connections"), data["verdict"]
    if s.secret:
        assert s.secret not in json.dumps(data, ensure_ascii=False)
        assert s.identifiant not in json.dumps(data, ensure_ascii=False)  # masked by default


def test_ok_run_tests_everything_and_is_quick(tmp_path, capsys, mail_server, make_account) -> None:  # type: ignore[no-untyped-def]
    with scenario("ok", mail_server, make_account) as s:
        attempts_before = len(mail_server.auth_attempts(s.identifiant))
        rc, data = _run(_argv(_base_dir(tmp_path, mail_server, s), mail_server, s), capsys, s)
    statuses = {c["id"]: c["status"] for c in data["checks"]}
    assert rc == 0, statuses
    for check_id in ("input", "network", "dns_imap", "tcp_imap", "tls_imap", "imap", "auth", "mailbox",
                     "tcp_smtp", "tls_smtp", "smtp", "smtp_auth", "clock"):
        assert statuses[check_id] == "ok", (check_id, data)
    assert statuses["smtp_send"] == "skipped"  # only when asked
    print(f"all-ok run: {data['duration_ms']} ms")
    assert data["duration_ms"] < 5000
    tls = next(c for c in data["checks"] if c["id"] == "tls_imap")
    assert "SHA-256 fingerprint" in tls["detail"] and "issuer" in tls["detail"]
    imap = next(c for c in data["checks"] if c["id"] == "imap")
    assert "AUTH=PLAIN" in imap["detail"]
    # One IMAP login and, once it succeeded, one SMTP AUTH: never a retry.
    attempts = mail_server.auth_attempts(s.identifiant)[attempts_before:]
    assert [a.service for a in attempts] == ["imap", "smtp"]


def test_failed_auth_is_attempted_once(tmp_path, capsys, mail_server, make_account) -> None:  # type: ignore[no-untyped-def]
    with scenario("wrong_password", mail_server, make_account) as s:
        rc, data = _run(_argv(_base_dir(tmp_path, mail_server, s), mail_server, s), capsys, s)
    assert rc == 2
    assert [a.result for a in mail_server.auth_attempts(s.identifiant)] == ["bad"]
    statuses = {c["id"]: c["status"] for c in data["checks"]}
    assert statuses["smtp_auth"] == "skipped" and statuses["mailbox"] == "skipped"


def test_locked_account_shows_server_alert_and_wait(tmp_path, capsys, mail_server, make_account) -> None:  # type: ignore[no-untyped-def]
    with scenario("locked", mail_server, make_account) as s:
        _rc, data = _run(_argv(_base_dir(tmp_path, mail_server, s), mail_server, s), capsys, s)
    auth = next(c for c in data["checks"] if c["id"] == "auth")
    assert "verrouillé" in auth["summary"]
    assert "15 minutes" in data["verdict"]["action"]


def test_send_test_message_only_when_asked(tmp_path, capsys, mail_server, make_account) -> None:  # type: ignore[no-untyped-def]
    with scenario("ok", mail_server, make_account) as s:
        argv = [*_argv(_base_dir(tmp_path, mail_server, s), mail_server, s), "--send-test"]
        before = len(mail_server.smtp_messages)
        rc, data = _run(argv, capsys, s)
    assert rc == 0
    assert {c["id"]: c["status"] for c in data["checks"]}["smtp_send"] == "ok"
    sent = mail_server.smtp_messages[before:]
    assert len(sent) == 1 and sent[0].rcpt_tos == (f"{s.identifiant}@acmail.test",)


def test_unmask_shows_identifiant_but_never_password(tmp_path, capsys, mail_server, make_account) -> None:  # type: ignore[no-untyped-def]
    with scenario("wrong_password", mail_server, make_account) as s:
        argv = _argv(_base_dir(tmp_path, mail_server, s), mail_server, s)
        argv.remove("--json")
        stdin = io.StringIO(s.secret + "\n")  # type: ignore[operator]
        rc = cli.main([*argv, "--unmask"], now=s.now, resolver=FaultResolver(), stdin=stdin)
        text = capsys.readouterr().out
    assert rc == 2
    assert s.identifiant in text and "Identifiant ou mot de passe incorrect" in text
    assert s.secret not in text  # type: ignore[operator]


@pytest.mark.parametrize("argv", [["--imap-port", "70000"], ["--timeout", "0"], ["--bogus"],
                                  ["--academie", "nowhere"], ["--imap-security", "none"],
                                  ["--send-test", "--no-auth"]])
def test_usage_errors_exit_3(argv, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert cli.main(["--base-dir", str(tmp_path), *argv]) == 3
    assert "acmail-diagnose" in capsys.readouterr().err


def test_real_subprocess_json_and_exit_status(tmp_path, mail_server, make_account) -> None:  # type: ignore[no-untyped-def]
    """`python -m acmail_desktop diagnose`: the real entry point, password on stdin, system DNS."""
    acc = make_account("diagproc")
    s = Scenario("ok", "ok")
    base = _base_dir(tmp_path, mail_server, s)
    common = ["--academie", "local", "--base-dir", str(base), "--ca-file", str(mail_server.ca_pem_path), "--json"]
    argv = [*common, "--identifiant", acc.identifiant, "--password-stdin"]
    env = dict(os.environ, ACMAIL_HOME=str(tmp_path / "home"))
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "acmail_desktop", "diagnose", *argv], input=acc.password + "\n",
                          capture_output=True, text=True, timeout=60, cwd=ROOT, env=env)
    elapsed = time.monotonic() - started
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = json.loads(proc.stdout)
    assert data["verdict"]["code"] == "ok"
    assert acc.password not in proc.stdout + proc.stderr
    assert elapsed < 20
    # And a failure through the same entry point: exit status 2, usage error 3.
    bad = subprocess.run([sys.executable, "-m", "acmail_desktop", "diagnose", *common, "--imap-port", "1",
                          "--no-auth"], capture_output=True, text=True, timeout=60, cwd=ROOT, env=env)
    assert bad.returncode == 2 and json.loads(bad.stdout)["verdict"]["code"] == "connection_refused"
    usage = subprocess.run([sys.executable, "-m", "acmail_desktop", "diagnose", "--imap-port", "x"],
                           capture_output=True, text=True, timeout=60, cwd=ROOT, env=env)
    assert usage.returncode == 3


@pytest.mark.slow
def test_worst_case_stays_within_20_seconds(tmp_path, capsys, mail_server) -> None:  # type: ignore[no-untyped-def]
    """Slow DNS, servers that accept and never speak, a web URL that never answers: 20 s at most."""
    from tests.support.faults import SilentServer

    def slow_resolver(host: str) -> list[str]:
        time.sleep(4.5)
        return ["127.0.0.1"]

    with SilentServer() as imap, SilentServer() as smtp, SilentServer() as web:
        s = Scenario("worst", "connection_timeout")
        s.time_url = f"https://127.0.0.1:{web.port}/"
        base = _base_dir(tmp_path, mail_server, s)
        argv = ["--academie", "local", "--base-dir", str(base), "--ca-file", str(mail_server.ca_pem_path), "--json",
                "--quiet", "--imap-port", str(imap.port), "--imap-security", "implicit", "--smtp-port",
                str(smtp.port), "--smtp-security", "implicit", "--timeout", "30"]
        started = time.monotonic()
        rc = cli.main(argv, resolver=slow_resolver)
        elapsed = time.monotonic() - started
    data = json.loads(capsys.readouterr().out)
    print(f"worst case: {elapsed:.1f} s, verdict {data['verdict']['code']}")
    assert rc == 2 and data["verdict"]["code"] == "connection_timeout"
    assert elapsed <= 20.0
