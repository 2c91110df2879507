"""The TLS minimum of the settings or the policy is honoured, by the app's adapters and by the CLI.

A real TLS 1.2-only server on 127.0.0.1 (Python's ssl, maximum_version 1.2): with the default
minimum (1.2) it is reached, so a refusal under a 1.3 minimum can only come from the minimum; the
tests would fail if `make_ssl_context` dropped it.
"""

from __future__ import annotations

import io
import json
import ssl

import pytest

from acmail_desktop import cli
from acmail_desktop.core import errors
from acmail_desktop.core.imap.session import ImapSession
from acmail_desktop.core.smtp import SmtpSubmission
from acmail_desktop.core.tls import make_ssl_context
from tests.support.faults import FaultResolver
from tests.support.scripted import Endpoint, ScriptedServer, imap_command_loop, server_tls_context

pytestmark = pytest.mark.integration


def _tls12_only(ca) -> ssl.SSLContext:  # type: ignore[no-untyped-def]
    context = server_tls_context(ca)
    context.maximum_version = ssl.TLSVersion.TLSv1_2
    return context


def _imap_script(peer) -> None:  # type: ignore[no-untyped-def]
    peer.send(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] TLS 1.2 only\r\n")
    imap_command_loop(peer, {})


def _smtp_script(peer) -> None:  # type: ignore[no-untyped-def]
    peer.send(b"220 tls12 ESMTP\r\n")
    while True:
        line = peer.readline().strip().upper()
        if not line or line.startswith(b"QUIT"):
            return
        peer.send(b"250-tls12\r\n250 AUTH PLAIN\r\n" if line.startswith(b"EHLO") else b"502 no\r\n")


def test_imap_and_smtp_refuse_tls12_when_the_minimum_is_tls13(mail_server) -> None:  # type: ignore[no-untyped-def]
    ca_files = [mail_server.ca_pem_path]
    for script, kind in ((_imap_script, "imap"), (_smtp_script, "smtp")):
        with ScriptedServer(script, tls=_tls12_only(mail_server.ca)) as server:
            endpoint = Endpoint("127.0.0.1", server.port, "implicit")
            for minimum, refused in (("TLSv1.2", False), ("TLSv1.3", True)):
                context = make_ssl_context(ca_files, minimum)
                adapter = (ImapSession(endpoint, context, timeout=5) if kind == "imap"
                           else SmtpSubmission(endpoint, context, timeout=5))
                if refused:
                    with pytest.raises(errors.TlsOldVersion):
                        adapter.connect()
                else:
                    adapter.connect()
                    adapter.close()


def test_cli_honours_a_tls13_minimum_from_the_settings(tmp_path, capsys, mail_server) -> None:  # type: ignore[no-untyped-def]
    base = tmp_path / "base"
    mail_server.write_provider_file(base / "config" / "providers")
    with ScriptedServer(_imap_script, tls=_tls12_only(mail_server.ca)) as server:
        argv = ["--academie", "local", "--base-dir", str(base), "--ca-file", str(mail_server.ca_pem_path),
                "--imap-port", str(server.port), "--imap-security", "implicit", "--json", "--quiet",
                "--timeout", "3"]
        assert cli.main(argv, resolver=FaultResolver(), stdin=io.StringIO("")) in (0, 1)  # default: reached
        capsys.readouterr()
        from acmail_desktop.core.paths import AppPaths

        settings_file = AppPaths.default(str(base)).settings_file
        settings_file.parent.mkdir(parents=True, exist_ok=True)
        settings_file.write_text(json.dumps({"security.min_tls_version": "TLSv1.3"}), encoding="utf-8")
        rc = cli.main(argv, resolver=FaultResolver(), stdin=io.StringIO(""))
    data = json.loads(capsys.readouterr().out)
    assert rc == 2
    assert data["verdict"]["code"] == "tls_old_version", json.dumps(data, ensure_ascii=False)
