#!/usr/bin/python3 -I
"""Dovecot checkpassword program: forwards credentials to the harness' auth authority.

Why this shape: Dovecot runs it as user ``dovecot``, who cannot execute the pyenv interpreter under
/root, so it is copied into the (world-readable) work directory and run by /usr/bin/python3 with
the standard library only. The harness replaces ``__AUTHORITY_SOCKET__`` when copying it.

Protocol (checkpassword): Dovecot writes ``user\\0password\\0...`` on fd 3. Exit 1 = bad
credentials, 111 = temporary failure; on success exec the reply program (argv[1], normally
/usr/lib/dovecot/checkpassword-reply) with USER set, extra fields named in EXTRA. Locked and
expired accounts "succeed" here: a second passdb refuses them with the wanted reply code.
"""

import json
import os
import socket
import sys

SOCKET_PATH = "__AUTHORITY_SOCKET__"
# Settings of the mail process for every user (a server personality's post-login capabilities:
# the login process must not see them), as JSON; replaced by the harness, empty when not.
USERDB_EXTRA = "__USERDB_EXTRA__"
REPLY_PROGRAM = "/usr/lib/dovecot/checkpassword-reply"
EXIT_BAD = 1
EXIT_TEMPFAIL = 111


def read_credentials() -> tuple[str, str]:
    """Read ``user\\0password\\0`` from fd 3."""
    data = b""
    with os.fdopen(3, "rb", closefd=True) as stream:
        while len(data) < 4096:
            chunk = stream.read(4096 - len(data))
            if not chunk:
                break
            data += chunk
    parts = data.split(b"\0")
    if len(parts) < 2:
        raise ValueError("malformed checkpassword input")
    return parts[0].decode("utf-8", "replace"), parts[1].decode("utf-8", "replace")


def ask_authority(user: str, password: str) -> dict:
    """One JSON request/response over the authority's Unix socket."""
    request = {
        "service": os.environ.get("SERVICE", "imap"),
        "user": user,
        "password": password,
        "remote_ip": os.environ.get("TCPREMOTEIP", ""),
    }
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(10)
        sock.connect(SOCKET_PATH)
        sock.sendall(json.dumps(request).encode() + b"\n")
        buf = b""
        while not buf.endswith(b"\n"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            buf += chunk
    return json.loads(buf)


def main() -> int:
    """Decide through the authority and translate to checkpassword exit codes."""
    try:
        user, password = read_credentials()
        reply = ask_authority(user, password)
    except (OSError, ValueError):
        return EXIT_TEMPFAIL
    result = reply.get("result")
    # locked/expired pass here on purpose: the next passdb (dict) refuses them with a reason.
    if result not in ("ok", "locked", "expired"):
        return EXIT_TEMPFAIL if result == "error" else EXIT_BAD
    env = dict(os.environ)
    env["USER"] = reply["user"]
    extra = []
    if reply.get("quota_kb"):
        env["USERDB_QUOTA_RULE"] = f"*:storage={int(reply['quota_kb'])}K"
        extra.append("USERDB_QUOTA_RULE")
    try:
        fields = json.loads(USERDB_EXTRA)
    except ValueError:
        fields = {}
    for key, value in fields.items():
        env[f"USERDB_{key.upper()}"] = value
        extra.append(f"USERDB_{key.upper()}")
    if extra:
        env["EXTRA"] = " ".join(extra)
    program = sys.argv[1:] or [REPLY_PROGRAM]
    try:
        os.execve(program[0], program, env)
    except OSError:
        return EXIT_TEMPFAIL
    return EXIT_TEMPFAIL  # not reached


if __name__ == "__main__":
    sys.exit(main())
