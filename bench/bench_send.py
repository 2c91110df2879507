"""Send benchmark (issue 17, item 5): RSS growth while sending a 20 MB attachment.

Each figure comes from a fresh child process: it imports AcMail, opens its outbox, then resets its
peak RSS (`/proc/self/clear_refs`, 5) and records the RSS at rest; it spools the message with the
attachment (base64 written in chunks) and sends it through the real submission server of the test
harness (running in the parent, so the server's buffers are not counted). Growth = peak - rest.

Two ways of sending, same run: `send_file` (the spool file streamed to the socket, what AcMail does)
and, as the reference, the whole message read into memory and handed to smtplib's `data()` (what
AcMail did before: smtplib copies it again to fix line ends and to dot-stuff).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ATTACHMENT_MB = 20
RUNS = 3
IDENT, PASSWORD = "benchsend", "Bench-Send-9!"


def _rss_mb(field: str) -> float:
    status = Path("/proc/self/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith(field + ":"))) / 1024


def _child(config: dict[str, str]) -> None:
    """Runs in the child; prints 'rest <MB>' and 'peak <MB>'."""
    from acmail_desktop.core.account import Account, AccountIdentity
    from acmail_desktop.core.mime import OutgoingAttachment
    from acmail_desktop.core.otp import password_credential
    from acmail_desktop.core.outbox import ACCEPTED, Outbox
    from acmail_desktop.core.providers import bundled_providers_dir, load_providers
    from acmail_desktop.core.tls import make_ssl_context

    provider = load_providers([bundled_providers_dir(), Path(config["provider_dir"])]).get("local")
    account = Account(AccountIdentity(provider, IDENT), password_credential(IDENT, PASSWORD),
                      make_ssl_context([config["ca_file"]]), timeout=60, email=f"{IDENT}@acmail.test")
    outbox = Outbox(Path(config["data_dir"]))
    Path("/proc/self/clear_refs").write_text("5")  # the peak starts again from here
    rest = _rss_mb("VmRSS")
    entry = outbox.enqueue(account.identity.key, sender=("", account.email), to=[("", account.email)],
                           subject="Pièce jointe volumineuse", body="Voici le fichier.\n",
                           attachments=[OutgoingAttachment.from_path(config["attachment"])])
    if config["mode"] == "bytes":  # the reference, as AcMail sent before: bytes through smtplib's data()
        with account.smtp_submission() as submission:
            smtp = submission.smtp
            smtp.mail(entry.sender)
            for recipient in entry.recipients:
                smtp.rcpt(recipient)
            code, _ = smtp.data(entry.read_bytes())
            assert code == 250, code
    else:
        assert outbox.send_step(entry.id, account).state == ACCEPTED
    print(f"rest {rest:.1f}\npeak {_rss_mb('VmHWM'):.1f}", flush=True)


def _run_child(config: dict[str, str]) -> float:
    out = subprocess.run([sys.executable, "-m", "bench.bench_send", "--child"], cwd=ROOT, input=json.dumps(config),
                         capture_output=True, text=True, timeout=300, check=True).stdout
    values = dict(line.split() for line in out.splitlines() if line[:4] in ("rest", "peak"))
    return float(values["peak"]) - float(values["rest"])


def run() -> list[tuple[str, float, str]]:
    from tests.support.mailserver import MailServer

    work = Path(tempfile.mkdtemp(prefix="acmail-bench-send-"))
    try:
        attachment = work / "sujet-examen.pdf"
        attachment.write_bytes(os.urandom(ATTACHMENT_MB * 1024 * 1024))
        with MailServer() as server:
            server.add_account(IDENT, PASSWORD, f"{IDENT}@acmail.test")
            server.set_smtp_size_limit(100 * 1024 * 1024)
            server.write_provider_file(work / "providers")
            growth: dict[str, list[float]] = {"file": [], "bytes": []}
            for run_index in range(RUNS):
                for mode in growth:
                    data_dir = work / f"data-{mode}-{run_index}"
                    growth[mode].append(_run_child({
                        "mode": mode, "provider_dir": str(work / "providers"), "ca_file": str(server.ca_pem_path),
                        "data_dir": str(data_dir), "attachment": str(attachment)}))
                    shutil.rmtree(data_dir, ignore_errors=True)
                server.smtp_messages.clear()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    streamed, whole = statistics.median(growth["file"]), statistics.median(growth["bytes"])
    return [
        (f"spool + send_file, {ATTACHMENT_MB} MB attachment (AcMail)", streamed, "target ≤ 10 MB above rest"),
        ("spool + bytes to smtplib data() (before, reference)", whole,
         f"streaming grows {whole / max(streamed, 0.1):.0f}x less"),
    ]


def main() -> None:
    print(f"RSS growth while sending, median of {RUNS} child processes (peak - rest)")
    for name, mb, note in run():
        print(f"  {name:<55} {mb:7.1f} MB  {note}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(json.loads(sys.stdin.read()))
    else:
        main()
