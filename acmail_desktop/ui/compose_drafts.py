"""The compose window's drafts: the local draft (debounced, fsync'd, recoverable after a crash) and the
copy in the server's Drafts (replaced, never piled up), on the drafts and IMAP workers."""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal

from acmail_desktop.core import errors, log
from acmail_desktop.core.imap.session import ImapSession
from acmail_desktop.core.mime import (
    Address,
    OutgoingAttachment,
    write_message,
)
from acmail_desktop.core.outbox import (
    save_draft_to_server,
)
from acmail_desktop.ui.catalogue import describe_error
from acmail_desktop.ui.compose_form import AddressField, ComposeForm
from acmail_desktop.ui.tasks import ConnectionWorker


class DraftingForm(ComposeForm):
    """The form, kept as drafts: locally while typing, on the server every minute and on Ctrl+S."""

    draft_saved = Signal(str)              # local draft id
    server_draft_saved = Signal(str)       # Message-ID of the server copy

    # The Message-ID of our copy in the server's Drafts (touched on the IMAP worker only).
    _server_draft: dict[str, str | None]
    _closing_handled: bool
    imap_worker: ConnectionWorker | None

    # --- drafts -------------------------------------------------------------------------------
    def draft_fields(self) -> dict[str, Any]:
        text, formatted = self.body_parts()
        return {"to": self.to_edit.text(), "cc": self.cc_edit.text(), "bcc": self.bcc_edit.text(),
                "subject": self.subject_edit.text(), "body": text, "html": formatted,
                "in_reply_to": self.original.in_reply_to, "references": self.original.references,
                "original_message_id": self.original.original_message_id,
                "original_flag": self.original.original_flag, "original_folder": self.original.original_folder,
                "attachments": [{"path": str(a.path), "filename": a.filename, "content_type": a.content_type}
                                for a in self.attachments if a.path is not None]}

    def _materialize_attachments(self, draft_id: str) -> None:
        """In-memory attachments (a forwarded message) get a file of their own, so a draft keeps them."""
        folder = self.outbox.data_dir / "draft-files" / draft_id
        for index, attachment in enumerate(self.attachments):
            if attachment.path is None and attachment.data is not None:
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
                path = folder / f"{index}-{uuid.uuid4().hex[:8]}"
                path.write_bytes(attachment.data)
                self.attachments[index] = OutgoingAttachment(attachment.filename, attachment.content_type, path=path)

    def save_local_draft(self) -> None:
        """Debounced while typing; on the drafts worker (an fsync'd SQLite transaction)."""
        if self.sending:
            return
        key = self.account.identity.key
        if self.draft_id is None:
            self.draft_id = uuid.uuid4().hex
        draft_id = self.draft_id
        if any(a.path is None for a in self.attachments):
            self._materialize_attachments(draft_id)
        fields = self.draft_fields()
        self.drafts_worker.submit(lambda: self.outbox.save_draft(key, fields, draft_id),
                                  self.draft_saved.emit, self._background_failed)

    def _draft_spec(self) -> dict[str, Any]:
        """The message as plain values (cheap, GUI thread); encoded later on the IMAP worker."""
        to, cc, bcc = (self._lenient(e) for e in (self.to_edit, self.cc_edit, self.bcc_edit))
        text, formatted = self.body_parts()
        return dict(sender=self.sender(), to=to, cc=cc, bcc=bcc, subject=self.subject_edit.text(),
                    body=text, html=formatted, in_reply_to=self.original.in_reply_to,
                    references=self.original.references, attachments=list(self.attachments), bcc_header=True)

    @staticmethod
    def _lenient(edit: AddressField) -> list[Address]:
        try:
            return edit.addresses()
        except (errors.InvalidAddress, errors.HeaderInjection):
            return []

    def save_draft_to_server(self, *, closing: bool = False) -> None:
        """Append to Drafts and delete the previous server copy, on the IMAP worker.

        Saves are serialised on that worker and `_server_draft` is only touched there, so two quick
        saves never leave two copies. When the window is closing, the local draft is dropped once the
        server has the text (it stays recoverable locally if the server could not be reached).
        """
        if not closing:
            self.save_local_draft()
        work = self._server_draft_work(closing=closing)
        if closing:
            self._run_imap(work, lambda _id: None, lambda exc: log.imap.info(
                "draft kept locally only: %s", getattr(exc, "code", type(exc).__name__)))
            return

        def done(saved_id: str) -> None:
            self._status(self.tr("Draft saved."))
            self.server_draft_saved.emit(saved_id)

        def failed(exc: BaseException) -> None:
            self._status(self.tr("The draft could not be saved on the server.") + " "
                         + describe_error(exc, self.account.provider).text)

        self._run_imap(work, done, failed)

    def _server_draft_work(self, *, closing: bool) -> Callable[[ImapSession], str]:
        """The server save as work for an IMAP connection; the text is read now, on the GUI thread."""
        spec, holder, outbox, draft_id = self._draft_spec(), self._server_draft, self.outbox, self.draft_id

        def work(session: ImapSession) -> str:
            out = io.BytesIO()
            message_id, _ = write_message(out, **spec)
            save_draft_to_server(session, out.getvalue(), message_id, holder.get("id"))
            holder["id"] = message_id
            if draft_id:
                if closing:
                    outbox.close_draft(draft_id)
                else:
                    outbox.set_draft_server_id(draft_id, message_id)
            return message_id

        return work

    def server_draft_work(self) -> Callable[[ImapSession], str]:
        """For logout: the draft is written locally now (durable if the server cannot be reached),
        and the returned work puts it in the server's Drafts on the session being closed, then drops
        the local copy. Follow with `close_without_saving()`."""
        self._autosave.stop()
        self._server_autosave.stop()
        self.draft_id = self.draft_id or uuid.uuid4().hex
        if any(a.path is None for a in self.attachments):
            self._materialize_attachments(self.draft_id)
        self.draft_id = self.outbox.save_draft(self.account.identity.key, self.draft_fields(), self.draft_id)
        return self._server_draft_work(closing=True)

    def close_without_saving(self, *, discard_local: bool = False) -> None:
        """Close at logout, the question about this text already answered (saved or discarded)."""
        self._closing_handled = True
        if discard_local and self.draft_id is not None:
            self.outbox.close_draft(self.draft_id)
            self.draft_id = None
        self.close()

    def _run_imap(self, work: Callable[[ImapSession], Any], on_success: Callable[[Any], None],
                  on_failure: Callable[[BaseException], None]) -> None:
        if self.imap_runner is not None:
            self.imap_runner(work, on_success, on_failure)
            return
        if self.imap_worker is None:
            self.imap_worker = ConnectionWorker("imap-compose", self)
        account = self.account

        def own_connection() -> Any:
            with account.imap_connection() as session:
                return work(session)

        self.imap_worker.submit(own_connection, on_success, on_failure)

