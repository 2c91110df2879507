"""A real local mail server for AcMail's tests and demo: Dovecot (IMAP) plus aiosmtpd (SMTP).

Why real servers: the client's TLS, STARTTLS, SPECIAL-USE, CONDSTORE/QRESYNC, IDLE, quota and
authentication error handling must be exercised against the replies a real IMAP server sends, not
a mock's idea of them. Everything listens on 127.0.0.1 only, on free ports, in a private Dovecot
instance (own config, base_dir, state_dir, instance_name, log) so several can run per machine.

Authentication goes through :class:`tests.support.authority.AuthAuthority` (password, or PassCode =
PIN + TOTP code, single-use across IMAP and SMTP), reached by Dovecot via a checkpassword program.
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import contextlib
import itertools
import json
import logging
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from tests.support.authority import (
    DEFAULT_LOCKED_TEXT,
    EXPIRED_TEXT,
    Account,
    AuthAttempt,
    AuthAuthority,
    ascii_text,
)

__all__ = ["AuthAttempt", "MailServer", "SmtpMessage", "main"]

DOVECOT = "/usr/sbin/dovecot"
DOVEADM = "/usr/bin/doveadm"
SYSTEM_PYTHON = "/usr/bin/python3"
MAIL_UID = 5000
MAIL_GID = 5000
DEFAULT_SIZE_LIMIT = 10 * 1024 * 1024
SPECIAL_USE = {
    "Sent": "\\Sent",
    "Drafts": "\\Drafts",
    "Trash": "\\Trash",
    "Junk": "\\Junk",
    "Archive": "\\Archive",
}
_counter = itertools.count(1)


@dataclass(frozen=True)
class Personality:
    """How a server other than our default Dovecot lays out and advertises a mailbox (issue 24).

    Dovecot plays each one: the namespace (prefix, separator), the special folders it creates and
    whether LIST marks them (SPECIAL-USE), and the capabilities it advertises after login
    (``imap_capability``: what a client may rely on). Folder names here are under the prefix."""

    name: str
    separator: str = "/"
    prefix: str = ""
    special_use: bool = True
    capability: str = ""  # "" = Dovecot's own list
    folders: tuple[tuple[str, str], ...] = tuple(SPECIAL_USE.items())


PERSONALITIES = {
    "dovecot": Personality("dovecot"),
    # Courier-IMAP (and Cyrus with altnamespace off): everything under "INBOX." with "." as the
    # separator, no SPECIAL-USE, no CONDSTORE/QRESYNC/MOVE/ENABLE; Courier's own folder names.
    "courier": Personality(
        "courier", separator=".", prefix="INBOX.", special_use=False,
        capability="IMAP4rev1 UIDPLUS CHILDREN NAMESPACE THREAD=ORDEREDSUBJECT THREAD=REFERENCES SORT QUOTA IDLE",
        folders=(("Sent", "\\Sent"), ("Drafts", "\\Drafts"), ("Trash", "\\Trash"))),
    # Older Oracle Communications Messaging Server / Cyrus set-ups: "/" separator, folders at the
    # top level with French names, no SPECIAL-USE, CONDSTORE without QRESYNC or MOVE, and
    # LOGINDISABLED still advertised after login.
    "oracle": Personality(
        "oracle", separator="/", special_use=False,
        capability="IMAP4rev1 ACL QUOTA LITERAL+ NAMESPACE UIDPLUS CHILDREN BINARY UNSELECT SORT "
                   "THREAD=ORDEREDSUBJECT THREAD=REFERENCES CONDSTORE ENABLE IDLE LOGINDISABLED "
                   "XSENDER X-NETSCAPE XSERVERINFO X-SUN-SORT X-SUN-IMAP ID",
        folders=(("Éléments envoyés", "\\Sent"), ("Brouillons", "\\Drafts"), ("Corbeille", "\\Trash"))),
    # A mailbox with no special folder at all (a server that creates none, an account never set
    # up by a webmail): nothing tells a client where deleted mail could go.
    "bare": Personality("bare", special_use=False, folders=()),
}


@dataclass(frozen=True)
class SmtpMessage:
    """One message accepted by the SMTP servers (for assertions)."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    raw: bytes
    login: str | None


def free_ports(count: int) -> list[int]:
    """Pick free TCP ports on 127.0.0.1 by binding port 0 (held together to avoid duplicates)."""
    socks = []
    try:
        for _ in range(count):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def imap_utf7(name: str) -> str:
    """Encode a mailbox name component in IMAP modified UTF-7 (Dovecot's on-disk Maildir++ form)."""
    import base64

    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            data = "".join(pending).encode("utf-16-be")
            out.append("&" + base64.b64encode(data).decode().rstrip("=").replace("/", ",") + "-")
            pending.clear()

    for ch in name:
        if 0x20 <= ord(ch) <= 0x7E:
            flush()
            out.append("&-" if ch == "&" else ch)
        else:
            pending.append(ch)
    flush()
    return "".join(out)


def _chown(path: Path) -> None:
    os.chown(path, MAIL_UID, MAIL_GID)


def _makedirs_owned(path: Path, stop: Path) -> None:
    """mkdir -p, chowning every directory created below ``stop`` to the mail user."""
    missing = []
    p = path
    while not p.exists() and p != stop:
        missing.append(p)
        p = p.parent
    for d in reversed(missing):
        d.mkdir(mode=0o700, exist_ok=True)
        _chown(d)


def maildir_filename(size: int, vsize: int, flags: str = "", when: float | None = None) -> str:
    """Dovecot-style unique name with ``,S=`` and ``,W=`` so RFC822.SIZE needs no file read."""
    now = time.time() if when is None else when
    usec = int((now % 1) * 1_000_000)
    base = f"{int(now)}.M{usec}P{os.getpid()}Q{next(_counter)}.acmail,S={size},W={vsize}"
    return f"{base}:2,{''.join(sorted(set(flags)))}" if flags else base


class MailServer:
    """Private Dovecot + two aiosmtpd servers on 127.0.0.1, with an in-process auth authority."""

    host: str = "127.0.0.1"

    def __init__(self, workdir: Path | None = None, separator: str | None = None,
                 personality: str = "dovecot") -> None:
        self._own_workdir = workdir is None
        if workdir is None:
            workdir = Path(tempfile.mkdtemp(prefix="acmail-mail-"))
        self.workdir = Path(workdir).resolve()
        self.workdir.mkdir(parents=True, exist_ok=True)
        os.chmod(self.workdir, 0o755)  # uid 5000 and dovecot must traverse it
        self.personality = PERSONALITIES[personality]
        self.separator = separator or self.personality.separator
        self.prefix = self.personality.prefix
        self.instance_name = f"acmail-test-{uuid.uuid4().hex[:10]}"
        # Unix socket paths are limited to 107 bytes: keep base_dir short whatever the workdir.
        self._run_dir = Path(tempfile.mkdtemp(prefix="acmd-", dir="/tmp"))
        os.chmod(self._run_dir, 0o755)
        self.base_dir = self._run_dir / "dovecot"
        self.state_dir = self.workdir / "state"
        self.mail_root = self.workdir / "mail"
        self.ssl_dir = self.workdir / "ssl"
        self.conf_path = self.workdir / "dovecot.conf"
        self.log_path = self.workdir / "dovecot.log"
        self.ca_pem_path = self.workdir / "ca.pem"
        self.checkpassword_path = self.workdir / "checkpassword.py"
        self.refusals_dir = self.workdir / "auth-refusals" / "passdb"
        self.authority = AuthAuthority()
        self.imaps_port, self.imap_port, self.smtps_port, self.submission_port = free_ports(4)
        self.smtp_messages: list[SmtpMessage] = []
        self.smtp_ehlos = 0  # EHLOs received (after STARTTLS too): a count of SMTP conversations
        self._smtp_lock = threading.Lock()
        self._smtp_failures: list[tuple[str, int, str]] = []
        self._smtp_drops: list[bool] = []
        self._smtp_size_limit = DEFAULT_SIZE_LIMIT
        self._controllers: list[Controller] = []
        self._dovecot: subprocess.Popen[bytes] | None = None
        self._started = False
        self.ca = trustme.CA()
        self._server_cert = self.ca.issue_cert("localhost", "127.0.0.1", "::1")

    # -- lifecycle ------------------------------------------------------------------------
    def __enter__(self) -> MailServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        """Write config and certificates, start the authority, Dovecot and the SMTP servers."""
        if self._started:
            return
        for d in (self.state_dir, self.ssl_dir):
            d.mkdir(exist_ok=True)
        self.mail_root.mkdir(mode=0o755, exist_ok=True)
        os.chmod(self.mail_root, 0o755)
        self.ca.cert_pem.write_to_path(str(self.ca_pem_path))
        os.chmod(self.ca_pem_path, 0o644)
        cert_path, key_path = self.ssl_dir / "cert.pem", self.ssl_dir / "key.pem"
        self._server_cert.cert_chain_pems[0].write_to_path(str(cert_path))
        for extra in self._server_cert.cert_chain_pems[1:]:
            extra.write_to_path(str(cert_path), append=True)
        self._server_cert.private_key_pem.write_to_path(str(key_path))
        os.chmod(key_path, 0o600)

        auth_dir = self._run_dir / "auth"
        auth_dir.mkdir(mode=0o755, exist_ok=True)
        self.authority.serve(auth_dir / "authority.sock")
        template = (Path(__file__).parent / "checkpassword.py").read_text(encoding="utf-8")
        self.checkpassword_path.write_text(
            template.replace("__AUTHORITY_SOCKET__", str(self.authority.socket_path)).replace(
                '"__USERDB_EXTRA__"', json.dumps(json.dumps(self._userdb_extra()))),
            encoding="utf-8",
        )
        os.chmod(self.checkpassword_path, 0o755)
        self.refusals_dir.mkdir(mode=0o755, parents=True, exist_ok=True)
        (self.workdir / "auth-refusals.conf.ext").write_text(
            REFUSALS_DICT_CONF.format(prefix=self.refusals_dir.parent), encoding="utf-8"
        )
        for acc in self.authority.accounts():
            self._write_refusal(acc.identifiant)
        self.conf_path.write_text(self._dovecot_config(cert_path, key_path), encoding="utf-8")
        self._started = True
        atexit.register(self.stop)  # a crashed test run must not leave a Dovecot behind
        try:
            self._start_dovecot()
            self._start_smtp()
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Stop SMTP, Dovecot and the authority; remove the workdir if this object created it."""
        for controller in self._controllers:
            try:
                controller.stop()
            except (AssertionError, RuntimeError):
                pass
        self._controllers.clear()
        atexit.unregister(self.stop)
        self._stop_dovecot()
        self.authority.close()
        self._started = False
        shutil.rmtree(self._run_dir, ignore_errors=True)
        if self._own_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def _userdb_extra(self) -> dict[str, str]:
        """Mail-process settings of the personality: LOGINDISABLED only after login (a login
        process advertising it would rightly be refused by the client)."""
        capability = self.personality.capability
        if "LOGINDISABLED" in capability.split():
            return {"imap_capability": capability}
        return {}

    def _dovecot_config(self, cert: Path, key: Path) -> str:
        marked = self.personality.special_use
        mailboxes = "\n".join(
            f"  mailbox \"{name}\" {{\n" + (f"    special_use = {flag}\n" if marked else "")
            + "    auto = subscribe\n  }"
            for name, flag in self.personality.folders
        )
        login_capability = " ".join(c for c in self.personality.capability.split() if c != "LOGINDISABLED")
        capability = f"imap_capability = {login_capability}\n" if login_capability else ""
        if self.personality.name != "dovecot":  # what each client sent, for the protocol checks
            capability += f"  rawlog_dir = {self.workdir / 'rawlog'}/%u\n"
        dh = "ssl_dh = </usr/share/dovecot/dh.pem\n" if Path("/usr/share/dovecot/dh.pem").exists() else ""
        return f"""# Generated by tests/support/mailserver.py: private test instance, loopback only.
instance_name = {self.instance_name}
base_dir = {self.base_dir}
state_dir = {self.state_dir}
log_path = {self.log_path}
info_log_path = {self.log_path}
protocols = imap
listen = 127.0.0.1
shutdown_clients = yes
ssl = required
ssl_cert = <{cert}
ssl_key = <{key}
{dh}ssl_min_protocol = TLSv1.2
disable_plaintext_auth = yes
auth_mechanisms = plain login
auth_failure_delay = 0
auth_cache_size = 0
auth_verbose = yes
default_internal_user = dovecot
default_login_user = dovenull
first_valid_uid = {MAIL_UID}
last_valid_uid = {MAIL_UID}
mail_location = maildir:~/Maildir
mailbox_list_index = yes
mail_plugins = $mail_plugins quota zlib
login_greeting = AcMail test IMAP ready.

# 1) checkpassword asks the in-process authority (password or PassCode, replay guard). Locked and
#    expired accounts pass here when the authority says so, and are refused by 2).
passdb {{
  driver = checkpassword
  args = {self.checkpassword_path}
  result_success = continue-ok
  result_failure = return-fail
  result_internalfail = return-fail
}}
# 2) Refusals: a dict entry exists only for locked/expired accounts; finding one fails the login
#    with its reason/code fields, giving NO [UNAVAILABLE] <text> / NO [EXPIRED] <text>. ("nologin"
#    would force NO [CONTACTADMIN], and a passdb after a successful one skips password checks.)
passdb {{
  driver = dict
  args = {self.workdir / "auth-refusals.conf.ext"}
  result_success = return-fail
  result_failure = return-ok
  result_internalfail = return-fail
}}
userdb {{
  driver = static
  args = uid={MAIL_UID} gid={MAIL_GID} home={self.mail_root}/%u allow_all_users=yes
}}
namespace inbox {{
  inbox = yes
  separator = {self.separator}
  prefix = {self.prefix}
{mailboxes}
}}
protocol imap {{
  mail_plugins = $mail_plugins imap_quota imap_zlib
  {capability}}}
plugin {{
  quota = count:User quota
  quota_rule = *:storage=50M
  quota_vsizes = yes
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.imap_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.imaps_port}
    ssl = yes
  }}
}}
service anvil {{
  # No listener = no auth penalty: repeated failures stay fast (tests fail logins on purpose).
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
"""

    def _start_dovecot(self) -> None:
        out = open(self.workdir / "dovecot.stdout", "ab")  # noqa: SIM115 - handed to the child
        try:
            # -F keeps a handle on the master; stdio to files so a piped CI never hangs on it.
            self._dovecot = subprocess.Popen(
                [DOVECOT, "-F", "-c", str(self.conf_path)],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        finally:
            out.close()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self._dovecot.poll() is not None:
                raise RuntimeError(f"dovecot exited at start:\n{self._startup_output()}")
            if all(self._port_open(p) for p in (self.imaps_port, self.imap_port)):
                return
            time.sleep(0.05)
        raise RuntimeError(f"dovecot did not listen in time:\n{self._startup_output()}")

    def _startup_output(self) -> str:
        parts = []
        for p in (self.workdir / "dovecot.stdout", self.log_path):
            if p.exists():
                parts.append(p.read_text(errors="replace")[-4000:])
        return "\n".join(parts)

    @staticmethod
    def _port_open(port: int) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            return False

    def _stop_dovecot(self) -> None:
        proc = self._dovecot
        if proc is None:
            return
        self._dovecot = None
        if proc.poll() is None:
            # SIGTERM to the master is what `doveadm stop` sends, but doveadm then polls for ~3 s;
            # signalling directly stops in ~1 s. doveadm stays as the fallback, then SIGKILL.
            proc.terminate()
            try:
                proc.wait(timeout=8)
            except subprocess.TimeoutExpired:
                subprocess.run(
                    [DOVEADM, "-c", str(self.conf_path), "stop"],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    timeout=15,
                    check=False,
                )
                try:
                    proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait(timeout=5)

    def dovecot_log(self) -> str:
        """Dovecot's log file (never holds passwords: auth_verbose_passwords stays off)."""
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    # -- accounts -------------------------------------------------------------------------
    def add_account(
        self,
        identifiant: str,
        password: str,
        email: str,
        pin: str | None = None,
        totp_secret: str | None = None,
    ) -> None:
        """Create an account (password, optional PIN + TOTP secret) and its empty Maildir."""
        ident = identifiant.lower()
        self.authority.add_account(Account(ident, password, email, pin, totp_secret))
        if self._started:
            self._write_refusal(ident)
        self.mail_root.mkdir(mode=0o755, exist_ok=True)
        maildir = self.maildir(ident)
        _makedirs_owned(maildir, self.mail_root)
        if self.personality.name != "dovecot":
            rawlog = self.workdir / "rawlog"
            rawlog.mkdir(mode=0o755, exist_ok=True)
            (rawlog / ident).mkdir(mode=0o700, exist_ok=True)
            _chown(rawlog / ident)
        for sub in ("cur", "new", "tmp"):
            _makedirs_owned(maildir / sub, self.mail_root)

    def add_application_password_account(self, email: str, usual_password: str,
                                         app_passwords: tuple[str, ...]) -> None:
        """A national-messagerie user: logs in with the full address and an application password
        only; the usual password (and the short identifiant) are refused like on the real platform."""
        self.add_account(email, usual_password, email)
        self.authority.account(email).app_passwords = tuple(app_passwords)

    def client_commands(self, identifiant: str) -> list[list[str]]:
        """The commands each IMAP connection of this account sent, as the server received them
        (Dovecot's rawlog; personalities other than "dovecot" only), tag removed, literals left out."""
        sessions = []
        for path in sorted((self.workdir / "rawlog" / identifiant.lower()).glob("*.in")):
            commands: list[str] = []
            literal = 0  # bytes of a literal still to skip (rawlog stamps each of its lines too)
            for stamped in path.read_bytes().split(b"\r\n"):
                line = stamped.split(b" ", 1)[1] if b" " in stamped else b""
                if literal > 0:
                    literal -= len(line) + 2
                    continue
                text = line.decode("utf-8", "replace")
                if " " in text:
                    commands.append(text.split(" ", 1)[1])
                match = re.search(r"\{(\d+)\+?\}$", text)
                literal = int(match.group(1)) if match else 0
            sessions.append(commands)
        return sessions

    def set_locked(self, identifiant: str, locked: bool, alert_text: str = DEFAULT_LOCKED_TEXT) -> None:
        """Refuse every login with ``NO [UNAVAILABLE] <alert_text>`` (SMTP: 535 with the text)."""
        acc = self.authority.account(identifiant)
        acc.locked, acc.alert_text = locked, alert_text
        self._write_refusal(acc.identifiant)

    def set_password_expired(self, identifiant: str, expired: bool) -> None:
        """Refuse correct credentials with ``NO [EXPIRED] ...``."""
        acc = self.authority.account(identifiant)
        acc.expired = expired
        self._write_refusal(acc.identifiant)

    def _write_refusal(self, identifiant: str) -> None:
        """Keep the second passdb's entry in step with the authority (atomic rename)."""
        if not self.refusals_dir.exists():
            return
        acc = self.authority.account(identifiant)
        entry: dict[str, str] | None = None
        if acc.locked:
            entry = {"nopassword": "y", "nodelay": "y", "reason": f"[UNAVAILABLE] {acc.alert_text}"}
        elif acc.expired:
            entry = {"nopassword": "y", "nodelay": "y", "reason": EXPIRED_TEXT, "code": "pass_expired"}
        target = self.refusals_dir / acc.identifiant
        if entry is None:
            target.unlink(missing_ok=True)
            return
        tmp = target.with_name(f".{acc.identifiant}.tmp")
        tmp.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)

    def set_quota(self, identifiant: str, storage_kb: int | None) -> None:
        """Per-user storage quota (KiB) for the next IMAP login; None restores the 50M default."""
        self.authority.account(identifiant).quota_kb = storage_kb

    def set_clock_skew(self, seconds: int) -> None:
        """Validate TOTP codes as if the server clock were ``seconds`` ahead (negative: behind)."""
        self.authority.clock_skew = seconds

    def current_code(self, identifiant: str, at: float | None = None) -> str:
        """The code the user's token shows now (real clock, no skew)."""
        return self.authority.code_at(identifiant, at)

    def passcode(self, identifiant: str) -> str:
        """PIN + the current code (may already be used: see :meth:`fresh_passcode`)."""
        acc = self.authority.account(identifiant)
        return (acc.pin or "") + self.current_code(identifiant)

    def fresh_passcode(self, identifiant: str) -> str:
        """PIN + a code the server still accepts and nobody used yet (no 30 s wait in tests)."""
        acc = self.authority.account(identifiant)
        return (acc.pin or "") + self.authority.unused_code(identifiant)

    def auth_attempts(self, identifiant: str | None = None) -> list[AuthAttempt]:
        """Authentication decisions so far (service, identifiant, result, at); no secrets."""
        return self.authority.attempts(identifiant)

    def reset_auth_log(self) -> None:
        """Clear the attempts log."""
        self.authority.reset_attempts()

    # -- Maildir --------------------------------------------------------------------------
    def maildir(self, identifiant: str) -> Path:
        """Root Maildir (INBOX) of an account."""
        return self.mail_root / identifiant.lower() / "Maildir"

    def folder_path(self, identifiant: str, folder: str) -> Path:
        """On-disk Maildir++ directory of an IMAP folder name (hierarchy by ``separator``)."""
        root = self.maildir(identifiant)
        if folder.upper() == "INBOX":
            return root
        folder = self._unprefixed(folder)
        parts = folder.split(self.separator)
        if any("." in p or "/" in p or not p for p in parts):
            raise ValueError(f"folder name not representable in Maildir++: {folder!r}")
        return root / ("." + ".".join(imap_utf7(p) for p in parts))

    def create_folder(self, identifiant: str, name: str, subscribe: bool = True) -> Path:
        """Create a folder (and its parents) as Maildir++ ``.Name`` dirs, and subscribe it."""
        name = self._unprefixed(name)
        parts = name.split(self.separator)
        path = self.maildir(identifiant)
        for i in range(1, len(parts) + 1):
            sub = self.separator.join(parts[:i])
            path = self.folder_path(identifiant, sub)
            for d in (path, path / "cur", path / "new", path / "tmp"):
                _makedirs_owned(d, self.mail_root)
            marker = path / "maildirfolder"
            if not marker.exists():
                marker.touch()
                _chown(marker)
            if subscribe:
                self._subscribe(identifiant, sub)
        return path

    def _unprefixed(self, name: str) -> str:
        """An IMAP name without the personal namespace prefix ("INBOX.Projets" -> "Projets")."""
        return name[len(self.prefix):] if self.prefix and name.startswith(self.prefix) else name

    def server_name(self, name: str) -> str:
        """The IMAP name of a folder given without the prefix ("Projets" -> "INBOX.Projets")."""
        return name if name.upper() == "INBOX" or name.startswith(self.prefix) else self.prefix + name

    def _subscribe(self, identifiant: str, name: str) -> None:
        """Add to Dovecot's subscriptions file (v2 format: hierarchy separated by TAB)."""
        subs = self.maildir(identifiant) / "subscriptions"
        entry = name.replace(self.separator, "\t")
        lines = subs.read_text(encoding="utf-8").split("\n") if subs.exists() else ["V\t2", ""]
        if entry in lines:
            return
        body = [line for line in lines[2:] if line]
        subs.write_text("\n".join(["V\t2", "", *body, entry]) + "\n", encoding="utf-8")
        _chown(subs)

    def deliver(
        self,
        identifiant: str,
        raw: bytes,
        folder: str = "INBOX",
        flags: str = "",
        seen: bool = False,
        internaldate: float | None = None,
        fsync: bool = True,
    ) -> Path:
        """Write one message into a folder the way an MTA would (tmp → new/cur, fsync, chown).

        ``flags`` are Maildir letters: D(raft) F(lagged) R(eplied/answered) S(een) T(rashed).
        ``internaldate`` sets the file mtime, which Dovecot reports as INTERNALDATE.
        """
        path = self.folder_path(identifiant, folder)
        if not (path / "cur").exists():
            if folder.upper() == "INBOX":
                raise KeyError(f"unknown account {identifiant!r}")
            self.create_folder(identifiant, folder)
        return write_maildir_message(path, raw, flags + ("S" if seen else ""), internaldate, fsync)

    # -- SMTP -----------------------------------------------------------------------------
    def _start_smtp(self) -> None:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        self._server_cert.configure_cert(ctx)
        handler = _SmtpHandler(self)
        common: dict[str, Any] = {
            "hostname": self.host,
            "authenticator": self._smtp_authenticate,
            "auth_required": True,
            "data_size_limit": self._smtp_size_limit,
            "ident": "AcMail test SMTP",
        }
        submission = Controller(
            handler,
            port=self.submission_port,
            tls_context=ctx,
            require_starttls=True,
            auth_require_tls=True,
            **common,
        )
        smtps = _ImplicitTLSController(handler, port=self.smtps_port, ssl_context=ctx, auth_require_tls=False, **common)
        for controller in (submission, smtps):
            controller.start()
            self._controllers.append(controller)

    def _smtp_authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        if not isinstance(data, LoginPassword):
            return AuthResult(success=False, handled=False)
        login = data.login.decode("utf-8", "replace")
        decision = self.authority.authenticate("smtp", login, data.password.decode("utf-8", "replace"))
        if decision.accepted:
            return AuthResult(success=True, auth_data=data)
        if decision.result in ("locked", "expired") and decision.reason:
            text = decision.reason.split("] ", 1)[-1]
            code = "454 4.7.0" if decision.result == "locked" else "535 5.7.8"
            return AuthResult(success=False, handled=False, message=f"{code} {ascii_text(text)}")
        return AuthResult(success=False, handled=False)

    def smtp_fail_next(self, code: int, text: str, count: int = 1, stage: str = "DATA") -> None:
        """Make the next ``count`` commands at ``stage`` (MAIL, RCPT or DATA) fail with code+text."""
        with self._smtp_lock:
            self._smtp_failures.extend([(stage.upper(), code, text)] * count)

    def smtp_drop_after_data(self, count: int = 1, deliver: bool = True) -> None:
        """After the next ``count`` DATA bodies, close the connection instead of replying.

        With ``deliver`` the message is still delivered and recorded, like a server that
        accepted it but whose reply got lost (the client cannot know).
        """
        with self._smtp_lock:
            self._smtp_drops.extend([deliver] * count)

    def set_smtp_size_limit(self, size: int) -> None:
        """SIZE announced in EHLO (and enforced) for new SMTP connections."""
        self._smtp_size_limit = size
        for controller in self._controllers:
            controller.SMTP_kwargs["data_size_limit"] = size

    def _take_failure(self, stage: str) -> tuple[int, str] | None:
        with self._smtp_lock:
            for i, (s, code, text) in enumerate(self._smtp_failures):
                if s == stage:
                    del self._smtp_failures[i]
                    return code, text
        return None

    def _take_drop(self) -> bool | None:
        with self._smtp_lock:
            return self._smtp_drops.pop(0) if self._smtp_drops else None

    # -- client provider file ---------------------------------------------------------------
    def write_provider_file(
        self, directory: Path, imap_security: str = "implicit", smtp_security: str = "starttls"
    ) -> Path:
        """Write ``local.xml`` (AcMail académie profile) pointing at this server."""
        imap_port, imap_type = (self.imaps_port, "SSL") if imap_security == "implicit" else (self.imap_port, "STARTTLS")
        smtp_port, smtp_type = (
            (self.smtps_port, "SSL") if smtp_security == "implicit" else (self.submission_port, "STARTTLS")
        )
        if imap_security not in ("implicit", "starttls") or smtp_security not in ("implicit", "starttls"):
            raise ValueError("security must be 'implicit' or 'starttls'")
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / "local.xml"
        path.write_text(
            PROVIDER_TEMPLATE.format(
                host=escape(self.host),
                imap_port=imap_port,
                imap_type=imap_type,
                smtp_port=smtp_port,
                smtp_type=smtp_type,
                authserv_id=AUTHSERV_ID,
            ),
            encoding="utf-8",
        )
        return path

    def info(self) -> dict[str, Any]:
        """Ports and paths, for server.json."""
        return {
            "host": self.host,
            "imaps_port": self.imaps_port,
            "imap_port": self.imap_port,
            "smtps_port": self.smtps_port,
            "submission_port": self.submission_port,
            "ca_pem_path": str(self.ca_pem_path),
            "workdir": str(self.workdir),
            "dovecot_log": str(self.log_path),
            "pid": os.getpid(),
        }


def write_maildir_message(
    folder_dir: Path,
    raw: bytes,
    flags: str = "",
    internaldate: float | None = None,
    fsync: bool = True,
) -> Path:
    """Write ``raw`` into a Maildir folder (LF line ends, ``,S=,W=`` name, chowned to 5000)."""
    data = raw.replace(b"\r\n", b"\n")
    size, vsize = len(data), len(data) + data.count(b"\n")
    name = maildir_filename(size, vsize, flags, internaldate)
    tmp = folder_dir / "tmp" / name.split(":")[0]
    final = folder_dir / ("cur" if flags else "new") / name
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, data)
        if fsync:
            os.fsync(fd)
        os.fchown(fd, MAIL_UID, MAIL_GID)
        if internaldate is not None:
            os.utime(fd, (internaldate, internaldate))
    finally:
        os.close(fd)
    os.rename(tmp, final)
    if fsync:
        dfd = os.open(final.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    return final


class _QuietAuthTlsWarning(logging.Filter):
    """Drop aiosmtpd's log line about AUTH without STARTTLS (our listener is implicit TLS)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "auth_require_tls == False" not in record.getMessage()


logging.getLogger("mail.log").addFilter(_QuietAuthTlsWarning())


class _ImplicitTLSController(Controller):
    """aiosmtpd counts only STARTTLS as TLS: silence its per-connection warning on this listener."""

    def factory(self) -> SMTP:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            return super().factory()


class _SmtpHandler:
    """Delivers to local accounts; applies the failure hooks configured on the MailServer."""

    def __init__(self, server: MailServer) -> None:
        self.server = server

    async def handle_EHLO(self, server: SMTP, session: Session, envelope: Envelope, hostname: str,
                          responses: list[str]) -> list[str]:
        session.host_name = hostname
        self.server.smtp_ehlos += 1
        return responses

    async def handle_MAIL(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        failure = self.server._take_failure("MAIL")
        if failure:
            return f"{failure[0]} {failure[1]}"
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        failure = self.server._take_failure("RCPT")
        if failure:
            return f"{failure[0]} {failure[1]}"
        if self.server.authority.find_by_address(address) is None:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(options)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        failure = self.server._take_failure("DATA")
        if failure:
            return f"{failure[0]} {failure[1]}"
        raw = envelope.original_content or b""
        drop = self.server._take_drop()
        if drop is None or drop:
            self._deliver(envelope, session, raw)
        if drop is not None:
            assert server.transport is not None
            server.transport.abort()
            await asyncio.sleep(0)
            return "421 4.4.2 connection dropped by test hook"
        return "250 2.0.0 OK: queued"

    def _deliver(self, envelope: Envelope, session: Session, raw: bytes) -> None:
        login = session.login_data.decode() if isinstance(session.login_data, bytes) else None
        rcpts = tuple(envelope.rcpt_tos)
        for rcpt in rcpts:
            acc = self.server.authority.find_by_address(rcpt)
            if acc is not None:
                self.server.deliver(acc.identifiant, raw)
        with self.server._smtp_lock:
            self.server.smtp_messages.append(SmtpMessage(str(envelope.mail_from), rcpts, raw, login))


REFUSALS_DICT_CONF = """# Second passdb: refuses locked/expired accounts after checkpassword accepted them.
uri = fs:posix:prefix={prefix}/
default_pass_scheme = PLAIN
iterate_disable = yes
key passdb {{
  key = passdb/%u
  format = json
}}
passdb_objects = passdb
"""

# What the local profile names as its receiving server in Authentication-Results (RFC 8601): Dovecot
# and aiosmtpd add no such header, tests write it into the messages they deliver.
AUTHSERV_ID = "mx.acmail.test"

PROVIDER_TEMPLATE = """<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by tests/support/mailserver.py for the local demonstration server. -->
<clientConfig version="1.1" xmlns:acmail="urn:acmail:provider:1">
  <emailProvider id="acmail.test">
    <domain>acmail.test</domain>
    <displayName>Serveur local de démonstration</displayName>
    <displayShortName>Local</displayShortName>
    <incomingServer type="imap">
      <hostname>{host}</hostname>
      <port>{imap_port}</port>
      <socketType>{imap_type}</socketType>
      <username>%IDENTIFIANT%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>{host}</hostname>
      <port>{smtp_port}</port>
      <socketType>{smtp_type}</socketType>
      <username>%IDENTIFIANT%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
    <acmail:academie id="local"/>
    <acmail:identifiant form="short" case="lower" pattern="^[a-z][a-z0-9.-]{{1,40}}$"/>
    <acmail:otp kind="passcode"/>
    <acmail:passwordReset url="https://127.0.0.1:9/password-reset" verified="false"/>
    <acmail:passwordChange url="https://127.0.0.1:9/password-change" verified="false"/>
    <acmail:webmail url="https://127.0.0.1:9/webmail" name="Webmail local" verified="false"/>
    <acmail:support name="Support de démonstration" phone="00 00 00 00 00" url="https://127.0.0.1:9/support"/>
    <acmail:quota hintMb="50" verified="false"/>
    <acmail:sentCopy byServer="false"/>
    <acmail:institution>
      <acmail:name>Rectorat</acmail:name>
      <acmail:name>DSDEN</acmail:name>
      <acmail:name>Inspection</acmail:name>
      <acmail:name>Service informatique</acmail:name>
      <acmail:name>Ministère de l'Éducation</acmail:name>
      <acmail:name>Messagerie académique</acmail:name>
      <acmail:name>Verdon</acmail:name>
      <acmail:domain>education.gouv.fr</acmail:domain>
    </acmail:institution>
    <acmail:authenticationResults authservId="{authserv_id}"/>
  </emailProvider>
</clientConfig>
"""

# -- demo entry point -------------------------------------------------------------------------
DEMO_IDENTIFIANT = "demo"
DEMO_PASSWORD = "demo-acmail"
DEMO_PIN = "1234"
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPACMAILDEMO234567"  # fixed so a phone app can be set up once
COLLEGUE = ("collegue", "collegue-acmail", "collegue@acmail.test")


def run_demo(base_dir: Path, ready_file: Path | None, large: int = 0, personality: str = "dovecot") -> int:
    """Start a server with seeded demo accounts and print the one-time code every 30 s."""
    from tests.support.seed import seed_demo_mailbox, seed_large_folder

    base_dir = base_dir.resolve()
    base_dir.mkdir(parents=True, exist_ok=True)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    server = MailServer(base_dir / "mailserver", personality=personality)
    t0 = time.monotonic()
    server.start()
    try:
        server.add_account(DEMO_IDENTIFIANT, DEMO_PASSWORD, "demo@acmail.test", DEMO_PIN, DEMO_TOTP_SECRET)
        server.add_account(*COLLEGUE)
        seed_demo_mailbox(server, DEMO_IDENTIFIANT)
        if large:
            seed_large_folder(server, DEMO_IDENTIFIANT, "Archive/Volumineux", count=large)
        provider = server.write_provider_file(base_dir / "config" / "providers")
        shutil.copyfile(server.ca_pem_path, base_dir / "ca.pem")
        info = server.info() | {
            "ca_pem_path": str(base_dir / "ca.pem"),
            "provider_file": str(provider),
            "identifiant": DEMO_IDENTIFIANT,
            "password": DEMO_PASSWORD,
            "pin": DEMO_PIN,
            "totp_secret": DEMO_TOTP_SECRET,
        }
        (base_dir / "server.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
        print(f"Serveur prêt en {time.monotonic() - t0:.1f} s (127.0.0.1 uniquement)")
        print(f"  IMAP TLS implicite : {server.imaps_port}   IMAP STARTTLS : {server.imap_port}")
        print(f"  SMTP TLS implicite : {server.smtps_port}   SMTP STARTTLS : {server.submission_port}")
        print(f"  Autorité (CA) : {base_dir / 'ca.pem'}   Profil : {provider}")
        print(f"  Identifiant : {DEMO_IDENTIFIANT}   Mot de passe : {DEMO_PASSWORD}   PIN : {DEMO_PIN}")
        print(f"  Second compte : {COLLEGUE[0]} / {COLLEGUE[1]}", flush=True)
        if ready_file is not None:
            ready_file.write_text(json.dumps(info) + "\n", encoding="utf-8")
        while not stop.is_set():
            code = server.current_code(DEMO_IDENTIFIANT)
            left = 30 - int(time.time()) % 30
            print(f"Code à usage unique : {code} (PassCode {DEMO_PIN}{code}, {left} s)", flush=True)
            stop.wait(left)
    finally:
        server.stop()
        if ready_file is not None and ready_file.exists():
            ready_file.unlink()
        print("Serveur arrêté.", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    """CLI: ``python -m tests.support.mailserver demo --base-dir DIR [--ready-file F]``."""
    parser = argparse.ArgumentParser(prog="python -m tests.support.mailserver")
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="run the local demonstration server until SIGTERM/SIGINT")
    demo.add_argument("--base-dir", type=Path, required=True)
    demo.add_argument("--ready-file", type=Path, default=None)
    demo.add_argument("--large", type=int, default=0, help="also seed N messages in Archive/Volumineux")
    demo.add_argument("--personality", choices=sorted(PERSONALITIES), default="dovecot",
                      help="play another server's layout (e.g. courier: INBOX. prefix, no SPECIAL-USE)")
    args = parser.parse_args(argv)
    return run_demo(args.base_dir, args.ready_file, args.large, args.personality)


if __name__ == "__main__":
    # Re-import so the demo and tests.support.seed share one module object (one Q counter).
    from tests.support.mailserver import main as _main

    sys.exit(_main())
