"""The accounts signed in at once (issue 21): one `Mailbox` each, signed out one by one or all.

Why an object of its own: the main window shows folders of several accounts, the compose window
picks a From account, the search window searches every account; all of them ask here. Each entry
keeps what isolates an account: its `Account` (credential, PassCode spent once, lockout after a
rejection: one account's rejected password never stops another), its `Mailbox` (cache file named by
the account key, IMAP connection and worker, IDLE watch) and its outbox runner (the outbox rows of its
key only). Nothing here is shared between two entries but the outbox file, whose rows carry their
account's key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

from acmail_desktop.core import log
from acmail_desktop.core.account import Account
from acmail_desktop.core.compose import receiving_account
from acmail_desktop.core.context import AppContext
from acmail_desktop.core.imap.session import ImapSession
from acmail_desktop.core.outbox import Outbox
from acmail_desktop.ui.mailbox import Mailbox


@dataclass
class SignedInAccount:
    """One account signed in: what the windows need of it."""

    account: Account
    mailbox: Mailbox
    label: str = ""
    outbox_runner: Any = None
    logout_tasks: list[Callable[[ImapSession], Any]] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.account.identity.key

    @property
    def address(self) -> str:
        return self.account.email

    @property
    def title(self) -> str:
        """The name in the folder tree and the From list: the policy's label, else the address."""
        return self.label or self.account.email


class SignedInAccounts(QObject):
    """The accounts of this session, first signed in first."""

    added = Signal(object)    # SignedInAccount
    removed = Signal(str)     # account key, once its connection is logged out and its cache closed

    def __init__(self, context: AppContext, outbox: Outbox | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.outbox = outbox  # shared file, rows by account key: each account's runner sends only its own
        self._entries: dict[str, SignedInAccount] = {}

    def __iter__(self) -> Iterator[SignedInAccount]:
        return iter(list(self._entries.values()))

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def get(self, key: str) -> SignedInAccount | None:
        return self._entries.get(key)

    def for_mailbox(self, mailbox: Mailbox) -> SignedInAccount | None:
        return next((e for e in self._entries.values() if e.mailbox is mailbox), None)

    @property
    def first(self) -> SignedInAccount | None:
        return next(iter(self._entries.values()), None)

    def adopt(self, mailbox: Mailbox, *, label: str = "", outbox_runner: Any = None) -> SignedInAccount:
        """Register a mailbox made elsewhere (the main window's first account)."""
        entry = SignedInAccount(mailbox.account, mailbox, label, outbox_runner)
        self._entries[entry.key] = entry
        self.added.emit(entry)
        return entry

    def add(self, account: Account, session: ImapSession, *, label: str = "",
            parent: QObject | None = None) -> SignedInAccount:
        """A new account signed in beside the others: its own mailbox (cache, connection, IDLE), started."""
        if account.identity.key in self._entries:
            raise ValueError(f"account {account.identity.key} is already signed in")
        mailbox = Mailbox(self.context, account, session, parent or self)
        entry = self.adopt(mailbox, label=label)
        mailbox.start()
        if self.outbox is not None:
            from acmail_desktop.ui.outbox import OutboxRunner

            entry.outbox_runner = OutboxRunner(self.outbox, account, imap_runner=mailbox.run, parent=mailbox)
            entry.outbox_runner.start()
        log.ui.info("account signed in beside %d other(s)", len(self._entries) - 1)
        return entry

    def addresses(self) -> dict[str, str]:
        return {e.key: e.address for e in self._entries.values()}

    def reply_account(self, original_raw: bytes, folder_account: str) -> SignedInAccount | None:
        """The account a reply goes from: the one that received the original, else the folder's."""
        key = receiving_account(original_raw, self.addresses(), folder_account)
        return self._entries.get(key) or self._entries.get(folder_account)

    def sign_out(self, key: str, on_done: Callable[[], None] | None = None, *, logout: bool = True) -> None:
        """Sign one account out: its outbox runner stops, what must be saved is saved (its
        `logout_tasks`), LOGOUT on its own connection, its cache closed, its credential forgotten.
        The others go on untouched."""
        entry = self._entries.get(key)
        if entry is None:
            if on_done is not None:
                on_done()
            return
        if entry.outbox_runner is not None:
            entry.outbox_runner.stop()
        tasks, entry.logout_tasks = entry.logout_tasks, []

        def finished() -> None:
            entry.account.forget_credential()
            self._entries.pop(key, None)
            log.ui.info("account signed out (%d still signed in)", len(self._entries))
            self.removed.emit(key)
            if on_done is not None:
                on_done()

        entry.mailbox.close(logout=logout, on_done=finished, final_work=tasks)

    def sign_out_all(self, on_done: Callable[[], None] | None = None, *, logout: bool = True) -> None:
        """Every account, in parallel (each has its own connection); `on_done` once all are out."""
        keys = list(self._entries)
        if not keys:
            if on_done is not None:
                on_done()
            return
        waiting = set(keys)

        def one_done(key: str) -> None:
            waiting.discard(key)
            if not waiting and on_done is not None:
                on_done()

        for key in keys:
            self.sign_out(key, lambda key=key: one_done(key), logout=logout)  # type: ignore[misc]
