"""The app and acmail-diagnose share the greeting and STARTTLS rules (one code path, one verdict),
and the report masks secrets, not protocol words.

Hostile servers are scripted peers on 127.0.0.1; the SMTP side and the credentials are the real
harness servers.
"""

from __future__ import annotations

import io
import json

import pytest

from acmail_desktop import cli
from acmail_desktop.core import errors
from acmail_desktop.core.imap.session import ImapSession
from tests.support.faults import FaultResolver
from tests.support.scripted import Endpoint, Peer, ScriptedServer, imap_command_loop, server_tls_context

pytestmark = pytest.mark.integration

PREAUTH = b"* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] welcome, already logged in\r\n"


def _preauth_server(ca, *, implicit: bool) -> ScriptedServer:  # type: ignore[no-untyped-def]
    tls = server_tls_context(ca)

    def starttls(peer: Peer, tag: bytes, _rest: str) -> None:
        peer.send(tag + b" OK begin TLS\r\n")
        peer.start_tls(tls)

    def script(peer: Peer) -> None:
        peer.send(PREAUTH)
        imap_command_loop(peer, {"STARTTLS": starttls}, capabilities=b"IMAP4rev1 STARTTLS AUTH=PLAIN")

    return ScriptedServer(script, tls=tls if implicit else None)


def _cli(tmp_path, mail_server, capsys, port: int, security: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    base = tmp_path / "base"
    mail_server.write_provider_file(base / "config" / "providers")
    argv = ["--academie", "local", "--base-dir", str(base), "--ca-file", str(mail_server.ca_pem_path),
            "--imap-port", str(port), "--imap-security", security, "--json", "--quiet", "--timeout", "3"]
    rc = cli.main(argv, resolver=FaultResolver(), stdin=io.StringIO(""))
    data = json.loads(capsys.readouterr().out)
    assert rc == 2, json.dumps(data, ensure_ascii=False)
    return data


@pytest.mark.parametrize("security", ["implicit", "starttls"])
def test_preauth_greeting_is_refused_by_the_app_and_the_cli(security, tmp_path, capsys, mail_server,
                                                           ssl_context) -> None:  # type: ignore[no-untyped-def]
    with _preauth_server(mail_server.ca, implicit=security == "implicit") as server:
        session = ImapSession(Endpoint("127.0.0.1", server.port, security), ssl_context, timeout=3)
        with pytest.raises(errors.UnexpectedPreauth):
            session.connect()
        data = _cli(tmp_path, mail_server, capsys, server.port, security)
    assert data["verdict"]["code"] == "protocol_error"
    check = next(c for c in data["checks"] if c["id"] == "tls_imap")
    assert check["status"] == "fail" and "PREAUTH" in check["summary"], check


def test_no_starttls_is_refused_by_the_app_and_the_cli(tmp_path, capsys, mail_server, ssl_context) -> None:  # type: ignore[no-untyped-def]
    def script(peer: Peer) -> None:
        peer.send(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] plain only\r\n")
        imap_command_loop(peer, {})

    with ScriptedServer(script) as server:
        session = ImapSession(Endpoint("127.0.0.1", server.port, "starttls"), ssl_context, timeout=3)
        with pytest.raises(errors.StartTlsMissing):
            session.connect()
        data = _cli(tmp_path, mail_server, capsys, server.port, "starttls")
    assert data["verdict"]["code"] == "starttls_missing"


def test_cli_report_masks_the_secret_not_the_protocol_words(tmp_path, capsys, mail_server,
                                                            make_account) -> None:  # type: ignore[no-untyped-def]
    acc = make_account("verdict")
    base = tmp_path / "base"
    mail_server.write_provider_file(base / "config" / "providers")
    argv = ["--academie", "local", "--base-dir", str(base), "--ca-file", str(mail_server.ca_pem_path),
            "--quiet", "--timeout", "5", "--identifiant", acc.identifiant, "--password-stdin"]
    assert cli.main(argv, resolver=FaultResolver(), stdin=io.StringIO(acc.password + "\n")) in (0, 1)
    out = capsys.readouterr().out
    assert acc.password not in out
    ehlo = next(line for line in out.splitlines() if "EHLO after TLS" in line)
    assert "«masqué»" not in ehlo and "AUTH LOGIN PLAIN" in ehlo.replace("PLAIN LOGIN", "LOGIN PLAIN"), ehlo
    capabilities = next(line for line in out.splitlines() if "capabilities after TLS" in line)
    assert "«masqué»" not in capabilities and "AUTH=PLAIN" in capabilities, capabilities
    masked = [line for line in out.splitlines() if "«masqué»" in line]
    assert masked and all("LOGIN" in line and "->" in line for line in masked), masked
