"""Helpers of the sync tests: another mail client on the same account, and small messages."""

from __future__ import annotations

from imapclient import IMAPClient


def other_client(mail_server, ssl_context, acc) -> IMAPClient:  # type: ignore[no-untyped-def]
    """Another mail client (webmail, phone) changing the mailbox behind AcMail's back."""
    client = IMAPClient(mail_server.host, port=mail_server.imaps_port, ssl=True, ssl_context=ssl_context)
    client.login(acc.identifiant, acc.password)
    return client


def sample_message(n: int, subject: str = "Message") -> bytes:
    """A small French message numbered `n` (its Message-ID and minute follow `n`)."""
    return (f"From: =?utf-8?q?H=C3=A9l=C3=A8ne_Giraud?= <helene.giraud@ac-local.fr>\r\n"
            f"To: prof@acmail.test\r\nSubject: {subject} n\u00b0{n}\r\n"
            f"Date: Mon, 2 Nov 2026 08:{n % 60:02d}:00 +0100\r\nMessage-ID: <s{n}@ac-local.fr>\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\nCorps {n}\r\n").encode()
