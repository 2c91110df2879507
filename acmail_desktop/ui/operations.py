"""Named operations on an account's connection, in the manner of Anki's QueryOp/CollectionOp.

A window says *what* to do (a function of the account's FolderSync, run on the connection's
single worker, never on the GUI thread) and what to do with the result; the operation supplies
the rest, so that no caller forgets it:

- it runs on the executor owned by the account's `Mailbox` (one per connection, shared by every
  window of the account), never on a worker of its own;
- an error goes to `Mailbox.failed`, which the main window shows through the one catalogue
  (`ui/catalogue.py`), unless the caller handles failures itself (`.failure(...)`); losing the
  connection also puts the mailbox offline;
- on success it announces what changed: `Mailbox.store_changed` for each folder whose cached rows
  changed, `Mailbox.folders_changed` when the folder list did.

Example (the folder pane's "Rename…", ui/folder_pane.py):

    MailboxOp(self.mailbox, "rename-folder", lambda sync: sync.rename_folder(old, new),
              folders_changed=True).success(lambda _r: self.operation_done.emit(done_text)).run()

Work that is not on an account's connection runs on a `BackgroundWorker` (ui/tasks.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Generic, TypeVar

from acmail_desktop.core import log

if TYPE_CHECKING:
    from acmail_desktop.core.imap.sync import FolderSync
    from acmail_desktop.ui.mailbox import Mailbox

T = TypeVar("T")


class MailboxOp(Generic[T]):
    """One named piece of work on the account's IMAP connection and cache."""

    def __init__(self, mailbox: Mailbox, name: str, work: Callable[[FolderSync], T], *,
                 changed: Iterable[str] = (), folders_changed: bool = False) -> None:
        self.mailbox = mailbox
        self.name = name
        self.work = work
        self.changed = tuple(changed)
        self.folders_changed = folders_changed
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None

    def success(self, callback: Callable[[T], None]) -> MailboxOp[T]:
        """Called on the GUI thread with the result, after the change was announced."""
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> MailboxOp[T]:
        """Handle the error here instead of the default (shown through the catalogue)."""
        self._on_failure = callback
        return self

    def run(self) -> None:
        def finished(result: T) -> None:
            log.ui.debug("operation %s done", self.name)
            for folder in self.changed:
                self.mailbox.store_changed.emit(folder)
            if self.folders_changed:
                self.mailbox.refresh_folders()
            if self._on_success is not None:
                self._on_success(result)

        self.mailbox.run_sync(self.work, finished, self._on_failure)
