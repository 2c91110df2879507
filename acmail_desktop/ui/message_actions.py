"""What the main window does to messages: read/unread, flag, delete, archive, move, undo, search
the text on the server.

Each action is a named operation on the account's connection (`ui/operations.py` MailboxOp); the
work is core's (`FolderSync.mark_seen`, `move`, `delete`, `undo_last`, `search_text`...), which
updates the cache itself. Here: which messages, what to ask first (erase for good?), what the
status bar says afterwards, and which message is selected next.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QMessageBox

from acmail_desktop.core.imap.sync import FolderSync, MoveOutcome, UndoRecord
from acmail_desktop.core.rows import FLAGGED
from acmail_desktop.ui.mailbox import is_offline_error
from acmail_desktop.ui.operations import MailboxOp

if TYPE_CHECKING:
    from acmail_desktop.ui.main_window import MainWindow

FlagWork = Callable[[FolderSync, str, list[int]], object]


class MessageActions(QObject):
    """The message operations of one main window (on its account's mailbox)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.mailbox = window.mailbox

    # --- flags ---------------------------------------------------------------------------------------
    def _flag_op(self, kind: str, uids: list[int], op: FlagWork) -> None:
        folder = self.window.current_folder
        if not uids or folder is None:
            return
        MailboxOp(self.mailbox, kind, lambda sync: op(sync, folder, uids), changed=[folder]).success(
            lambda _r: self.window.operation_done.emit(kind)).failure(self._change_failed(folder)).run()

    def mark_read(self, seen: bool) -> None:
        self._flag_op("mark_read", self.window.selected_uids(), lambda s, f, u: s.mark_seen(f, u, seen))

    def mark_shown_read(self) -> None:
        """The message shown for the reading delay becomes read."""
        reader = self.window.reader
        if reader.uid is not None and reader.folder == self.window.current_folder:
            self._flag_op("mark_read", [reader.uid], lambda s, f, u: s.mark_seen(f, u, True))

    def toggle_flag(self) -> None:
        uids = self.window.selected_uids()
        if not uids:
            return
        info = self.window.store.message(self.window.current_folder or "", uids[0])
        flagged = not (info is not None and int(info["flags"]) & FLAGGED)
        self._flag_op("flag", uids, lambda s, f, u: s.set_flagged(f, u, flagged))

    # --- moves ---------------------------------------------------------------------------------------
    def _move_op(self, kind: str, folder: str, uids: list[int], op: FlagWork, dest_name: str | None,
                 dest: str | None = None) -> None:
        if not uids:
            return
        window, mailbox = self.window, self.mailbox
        next_uid = window.messages.uid_after(uids) if folder == window.current_folder else None

        def job(sync: FolderSync) -> MoveOutcome:
            outcome = sync.relocate(lambda: op(sync, folder, uids))
            if dest:
                mailbox.fetch_status(sync, [dest])
            return outcome

        def done(outcome: MoveOutcome) -> None:
            window.store_changed(folder)
            if next_uid is not None and folder == window.current_folder and not window.selected_uids():
                window.select_uid(next_uid)
            window.undo_action.setEnabled(outcome.can_undo)
            n = len(uids)
            if not outcome.moved:  # erased for good: never said to be "moved", never offered to undo
                text = self.tr("%n message(s) deleted.", "", n)
            elif outcome.undoable:
                text = self.tr("%n message(s) moved to %1 — Ctrl+Z to undo.", "", n).replace(
                    "%1", dest_name or "")
            else:
                text = self.tr("%n message(s) moved to %1.", "", n).replace("%1", dest_name or "")
            # What was done (and whether Ctrl+Z undoes it) stays readable: the sync that follows
            # the move does not replace it with the message count.
            window.show_status(text, 10000, hold_seconds=8)
            window.operation_done.emit(kind)

        MailboxOp(mailbox, kind, job).success(done).failure(self._change_failed(folder)).run()

    def _change_failed(self, folder: str) -> Callable[[BaseException], None]:
        """A refused or ignored change: core put the server's state in the cache, so the list is
        shown again from it (never the change that did not happen), then the error."""
        def failed(error: BaseException) -> None:
            if not self.window.closing:
                self.window.store_changed(folder)
            self._offline_or_failed(error)
        return failed

    def _offline_or_failed(self, error: BaseException) -> None:
        if is_offline_error(error):
            self.window.show_status(self.tr("Offline: this needs the connection to the server."), 8000)
        else:
            self.window.show_error(error)

    def delete_selected(self) -> None:
        window = self.window
        folder = window.current_folder
        if folder is None:
            return
        trash = window.folder_model.folder_by_use("\\Trash")
        uids = window.selected_uids()
        if not uids:
            return
        if not trash or trash == folder:
            question = (self.tr("Delete %n message(s) for good?", "", len(uids)) if trash else
                        self.tr("This account has no Trash folder. Erase %n message(s) for good? This cannot "
                                "be undone.", "", len(uids)))
            answer = QMessageBox.question(window, self.tr("Delete"), question)
            if answer != QMessageBox.StandardButton.Yes:
                return
        erase = not trash or trash == folder  # the user has just said yes to erasing for good
        dest = window.folder_model.display_name(trash) if trash and trash != folder else None
        self._move_op("delete", folder, uids, lambda s, f, u: s.delete(f, u, permanently=erase), dest, trash)

    def archive_selected(self) -> None:
        window = self.window
        folder = window.current_folder
        archive = window.folder_model.folder_by_use("\\Archive")
        if folder is None or not archive or archive == folder:
            window.show_status(self.tr("This account has no Archive folder."), 6000)
            return
        self._move_op("archive", folder, window.selected_uids(), lambda s, f, u: s.archive(f, u),
                      window.folder_model.display_name(archive), archive)

    def move_messages(self, source: str, uids: list[int], dest: str) -> None:
        if source == dest or not uids:
            return
        self._move_op("move", source, uids, lambda s, f, u: s.move(f, u, dest),
                      self.window.folder_model.display_name(dest), dest)

    def choose_move_target(self) -> None:
        window = self.window
        folder = window.current_folder
        uids = window.selected_uids()
        if folder is None or not uids:
            return
        model = window.folder_model
        names = [n for n in model.names() if n != folder]
        labels = [model.display_name(n) if model.display_name(n) != n.rsplit("/", 1)[-1] else n for n in names]
        label, ok = QInputDialog.getItem(window, self.tr("Move to"), self.tr("Destination folder:"), labels, 0,
                                         False)
        if ok and label in labels:
            self.move_messages(folder, uids, names[labels.index(label)])

    def undo(self) -> None:
        window, mailbox = self.window, self.mailbox

        def job(sync: FolderSync) -> tuple[UndoRecord | None, bool]:
            record = sync.undo_last()
            if record is not None:
                mailbox.fetch_status(sync, [record.dest])
            return record, bool(sync.undo_stack)

        def done(outcome: tuple[UndoRecord | None, bool]) -> None:
            record, more = outcome
            if record is None:
                window.show_status(self.tr("Nothing to undo."), 5000)
                window.undo_action.setEnabled(False)
                return
            window.store_changed(record.source)
            window.store_changed(record.dest)
            window.show_status(self.tr("Undone."), 5000)
            window.undo_action.setEnabled(more)
            window.operation_done.emit("undo")

        MailboxOp(mailbox, "undo", job).success(done).failure(self._offline_or_failed).run()

    # --- server search -------------------------------------------------------------------------------
    def search_server(self) -> None:
        """Search the bodies on the server (UID SEARCH TEXT); the list then shows only the results."""
        window = self.window
        text = window.filter_edit.text().strip()
        folder = window.current_folder
        if not text or folder is None:
            return
        window.show_status(self.tr("Searching the server…"))

        def done(uids: list[int]) -> None:
            if folder != window.current_folder:
                return
            window.message_model.set_uid_restriction(uids)
            window.show_status(self.tr("%n message(s) found on the server", "", len(uids)), 8000)
            window.operation_done.emit("search")

        MailboxOp(self.mailbox, "search-server", lambda sync: sync.search_text(folder, text)).success(
            done).failure(window.show_error).run()
