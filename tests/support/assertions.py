"""Checks several tests make against the real server."""

from __future__ import annotations

from acmail_desktop.core.account import Account


def sent_copies(account: Account, message_id: str) -> int:
    """How many messages with this Message-ID the Sent folder holds (the no-duplicate checks)."""
    with account.imap_connection() as imap:
        imap.select("Sent", readonly=True)
        return len(imap.search_header("Message-ID", message_id))
