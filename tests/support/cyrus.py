"""A real Cyrus IMAP 3.6 for the server-personality tests (issue 24), beside our Dovecot.

Debian's cyrus-imapd conflicts with dovecot-imapd, so scripts/bootstrap.sh unpacks its packages
(``apt-get download`` + ``dpkg -x``) under ``CYRUS_ROOT`` instead of installing them; this module
runs that copy as a private instance on 127.0.0.1 (own config, spool, sasldb, per-run CA). It
starts in well under a second. Cyrus is what several académie-era set-ups ran: personal
namespace ``INBOX.`` with ``.`` as separator, Sent/Drafts/Trash without SPECIAL-USE attributes
here, LOGINDISABLED advertised after login, and "NO Permission denied" for a STORE on an EXAMINEd
mailbox. It offers the duck-typed part of `MailServer` the personality tests use (no SMTP).
"""

from __future__ import annotations

import os
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from pathlib import Path

import trustme
from imapclient import IMAPClient

from tests.support.mailserver import AUTHSERV_ID, PROVIDER_TEMPLATE, free_ports

CYRUS_ROOT = Path(os.environ.get("ACMAIL_CYRUS_ROOT", "/opt/acmail-test-servers/cyrus"))
RUN_AS = "dovecot"  # an unprivileged system user that exists wherever dovecot-imapd is installed
MISSING_HINT = "run scripts/bootstrap.sh as root (it unpacks Debian's cyrus-imapd beside Dovecot)"


def cyrus_available() -> str | None:
    """None when the unpacked Cyrus can run here, else why not."""
    if not (CYRUS_ROOT / "usr" / "sbin" / "cyrmaster").exists():
        return f"Cyrus IMAP not unpacked in {CYRUS_ROOT}: {MISSING_HINT}"
    if os.geteuid() != 0:
        return "the private Cyrus master must start as root (it drops privileges)"
    return None


class CyrusServer:
    """Private Cyrus instance: imaps on a free port, plaintext LOGIN inside TLS, sasldb accounts."""

    host = "127.0.0.1"
    prefix = "INBOX."
    separator = "."

    def __init__(self) -> None:
        self.workdir = Path(tempfile.mkdtemp(prefix="acmail-cyrus-"))
        os.chmod(self.workdir, 0o755)
        self.imaps_port, self.smtps_port = free_ports(2)  # no SMTP here: the port stays closed
        self.imap_port = self.submission_port = self.smtps_port
        self.ca = trustme.CA()
        self.ca_pem_path = self.workdir / "ca.pem"
        self.conf = self.workdir / "imapd.conf"
        self._passwords: dict[str, str] = {}
        self._master: subprocess.Popen[bytes] | None = None

    def _env(self) -> dict[str, str]:
        libs = [CYRUS_ROOT / "usr" / "lib" / "x86_64-linux-gnu", CYRUS_ROOT / "lib" / "x86_64-linux-gnu"]
        env = dict(os.environ)
        env["LD_LIBRARY_PATH"] = ":".join(str(p) for p in libs)
        return env

    def start(self) -> None:
        self.ca.cert_pem.write_to_path(str(self.ca_pem_path))
        pem = self.workdir / "server.pem"
        self.ca.issue_cert("localhost", "127.0.0.1").private_key_and_cert_chain_pem.write_to_path(str(pem))
        for sub in ("conf", "spool", "run"):
            (self.workdir / sub).mkdir()
        bin_dir = CYRUS_ROOT / "usr" / "lib" / "cyrus" / "bin"
        self.conf.write_text(f"""configdirectory: {self.workdir / 'conf'}
partition-default: {self.workdir / 'spool'}
cyrus_user: {RUN_AS}
sasl_pwcheck_method: auxprop
sasl_auxprop_plugin: sasldb
sasl_sasldb_path: {self.workdir / 'sasldb2'}
sasl_mech_list: PLAIN LOGIN
allowplaintext: yes
tls_server_cert: {pem}
tls_server_key: {pem}
altnamespace: no
unixhierarchysep: no
autocreate_quota: 0
autocreate_inbox_folders: Sent|Drafts|Trash
autocreate_subscribe_folder: Sent|Drafts|Trash
servername: localhost
syslog_prefix: acmail-cyrus
""", encoding="utf-8")
        (self.workdir / "cyrus.conf").write_text(f"""START {{
  recover cmd="{bin_dir / 'ctl_cyrusdb'} -r -C {self.conf}"
}}
SERVICES {{
  imaps cmd="{bin_dir / 'imapd'} -s -C {self.conf}" listen="127.0.0.1:{self.imaps_port}" prefork=0
}}
EVENTS {{
}}
DAEMON {{
}}
""", encoding="utf-8")
        self._sasldb("acmail-probe", "unused-" + os.urandom(6).hex())  # creates the sasldb file
        subprocess.run(["chown", "-R", f"{RUN_AS}:", str(self.workdir)], check=True)
        log = (self.workdir / "master.log").open("wb")
        self._master = subprocess.Popen(
            [str(CYRUS_ROOT / "usr" / "sbin" / "cyrmaster"), "-C", str(self.conf),
             "-M", str(self.workdir / "cyrus.conf"), "-D", "-p", str(self.workdir / "run" / "master.pid")],
            env=self._env(), stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True)
        log.close()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self._master.poll() is not None:
                raise RuntimeError(f"cyrus master exited: {(self.workdir / 'master.log').read_text()}")
            try:
                with socket.create_connection((self.host, self.imaps_port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("cyrus did not listen in time")

    def stop(self) -> None:
        master, self._master = self._master, None
        if master is not None and master.poll() is None:
            os.killpg(master.pid, 15)
            try:
                master.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(master.pid, 9)
                master.wait(5)
        shutil.rmtree(self.workdir, ignore_errors=True)

    def _sasldb(self, user: str, password: str) -> None:
        for realm in ("localhost", None):  # logins come with and without the server's realm
            command = [str(CYRUS_ROOT / "usr" / "sbin" / "saslpasswd2"), "-p", "-c",
                       "-f", str(self.workdir / "sasldb2"), *(["-u", realm] if realm else []), user]
            subprocess.run(command, input=password.encode(), env=self._env(), check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.chmod(self.workdir / "sasldb2", 0o640)
        shutil.chown(self.workdir / "sasldb2", RUN_AS)

    # --- the part of MailServer the personality tests use -----------------------------------------
    def add_account(self, identifiant: str, password: str, email: str, pin: str | None = None,
                    totp_secret: str | None = None) -> None:
        ident = identifiant.lower()
        self._sasldb(ident, password)
        self._passwords[ident] = password
        with self._client(ident):
            pass  # the first login creates INBOX and its Sent / Drafts / Trash

    def _client(self, identifiant: str) -> IMAPClient:
        context = ssl.create_default_context(cafile=str(self.ca_pem_path))
        client = IMAPClient(self.host, port=self.imaps_port, ssl=True, ssl_context=context, timeout=15)
        client.login(identifiant, self._passwords[identifiant])
        return client

    def server_name(self, name: str) -> str:
        return name if name.upper() == "INBOX" or name.startswith(self.prefix) else self.prefix + name

    def deliver(self, identifiant: str, raw: bytes, folder: str = "INBOX", flags: str = "", seen: bool = False,
                internaldate: float | None = None, fsync: bool = True) -> None:
        """APPEND as the user (Cyrus keeps its own spool format: no writing files behind its back)."""
        names = {"S": b"\\Seen", "F": b"\\Flagged", "R": b"\\Answered", "D": b"\\Draft"}
        wanted = [names[c] for c in flags + ("S" if seen else "") if c in names]
        with self._client(identifiant.lower()) as client:
            client.append(self.server_name(folder), raw, flags=wanted)

    def client_commands(self, identifiant: str) -> list[list[str]]:
        return []  # no rawlog here (Cyrus's telemetry has its own format): the checks skip

    def write_provider_file(self, directory: Path, imap_security: str = "implicit",
                            smtp_security: str = "implicit") -> Path:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / "local.xml"
        path.write_text(PROVIDER_TEMPLATE.format(host=self.host, imap_port=self.imaps_port, imap_type="SSL",
                                                 smtp_port=self.smtps_port, smtp_type="SSL",
                                                 authserv_id=AUTHSERV_ID), encoding="utf-8")
        return path
