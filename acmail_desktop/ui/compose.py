"""The compose window: new message, reply, reply-all, forward, a refused message corrected, a draft
resumed; the message handed to the account's outbox runner, which alone sends it and copies it to Sent.

The window is built in layers, one job each: `ui/compose_form.py` (widgets, text, From, recipients,
attachments), `ui/compose_drafts.py` (local and server drafts), and here the factories and the send
hand-off (`OutboxRunner.send_new`, then listening to the runner). Nothing the user writes is lost: the
local draft is saved (debounced) while typing and stays recoverable until the message is queued or the
draft reached the server's Drafts folder.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QWidget,
)

from acmail_desktop.core import compose, errors, log
from acmail_desktop.core.account import Account
from acmail_desktop.core.compose import Draft
from acmail_desktop.core.context import AppContext
from acmail_desktop.core.mime import (
    OutgoingAttachment,
    parse_address_list,
)
from acmail_desktop.core.otp import passcode_credential
from acmail_desktop.core.outbox import (
    ACCEPTED,
    FAILED,
    QUEUED,
    SENT_COPY_DONE,
    UNCERTAIN,
    Outbox,
    OutboxEntry,
    OutgoingMessage,
)
from acmail_desktop.ui.catalogue import describe_code, describe_error, describe_refusal
from acmail_desktop.ui.compose_drafts import DraftingForm
from acmail_desktop.ui.compose_form import (
    AUTOSAVE_DELAY_MS,
    SERVER_AUTOSAVE_DELAY_MS,
    AddressField,
    CompletionSource,
    _restored_attachments,
    human_size,
)
from acmail_desktop.ui.outbox import ImapRunner, OutboxRunner
from acmail_desktop.ui.tasks import ConnectionWorker

__all__ = ["AddressField", "ComposeWindow", "human_size", "restore_drafts"]


class ComposeWindow(DraftingForm):
    """One message being written. Build it with `new`, `reply`, `forward` or `restore`."""

    message_queued = Signal(str)           # outbox entry id
    message_sent = Signal(str)             # accepted by the server
    sent_copy_done = Signal(str)
    send_state_changed = Signal(str, str)  # entry id, state

    def __init__(self, context: AppContext, account: Account, draft: Draft, *, outbox: Outbox | None = None,
                 completion: CompletionSource | None = None, imap_runner: ImapRunner | None = None,
                 runner: OutboxRunner | None = None, draft_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if runner is not None and runner.account is not account:
            runner = None  # a reply from another signed-in account: a runner for that account
        self.context = context
        self.account = account
        self.outbox = runner.outbox if runner is not None else outbox or Outbox(context.paths.data_dir)
        self.runner: OutboxRunner = runner  # type: ignore[assignment]  # set for good by _use_runner
        self._own_runner = False
        self._runner_released = True
        self._sending_id: str | None = None  # the outbox entry this window handed over
        self.imap_runner = imap_runner
        self.completion = completion
        self.draft_id = draft_id
        self.original = draft
        self.attachments: list[OutgoingAttachment] = list(draft.attachments)
        self.size_limit: int | None = None
        self.entry: OutboxEntry | None = None
        self.sending = False
        self._closing_handled = False  # logout already saved or discarded this text
        # The Message-ID of our copy in the server's Drafts (touched on the IMAP worker only).
        self._server_draft: dict[str, str | None] = {"id": draft.server_draft_id}
        self.drafts_worker = ConnectionWorker("drafts", self)
        self.imap_worker: ConnectionWorker | None = None
        self.setObjectName("composeWindow")
        self.setAcceptDrops(True)
        self._build()
        self._fill(draft)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave.timeout.connect(self.save_local_draft)
        # The server copy less often, and only through the main window's IMAP connection.
        self._server_autosave = QTimer(self)
        self._server_autosave.setSingleShot(True)
        self._server_autosave.setInterval(SERVER_AUTOSAVE_DELAY_MS)
        self._server_autosave.timeout.connect(self.save_draft_to_server)
        for field in (self.to_edit, self.cc_edit, self.bcc_edit, self.subject_edit):
            field.textChanged.connect(self._changed)
        self.body.textChanged.connect(self._changed)
        self.send_action.triggered.connect(lambda: self.send())
        self.save_action.triggered.connect(lambda: self.save_draft_to_server())
        self.reminder_send_button.clicked.connect(lambda: self.send(skip_reminder=True))
        self.passcode_button.clicked.connect(self._send_with_new_passcode)
        self._use_runner(runner)
        self._attach_spell_checker()

    # --- factories ----------------------------------------------------------------------------
    @classmethod
    def _signature(cls, context: AppContext) -> str:
        return str(context.settings.get("sending.signature") or "").strip("\n")

    @classmethod
    def new(cls, context: AppContext, account: Account, *, to: str = "", **kwargs: Any) -> ComposeWindow:
        signature = cls._signature(context)
        draft = Draft(to=parse_address_list(to) if to else [],
                      body=f"\n\n-- \n{signature}\n" if signature else "")
        return cls(context, account, draft, **kwargs)

    @classmethod
    def reply(cls, context: AppContext, account: Account, original_raw: bytes, reply_all: bool = False,
              *, folder: str | None = None, **kwargs: Any) -> ComposeWindow:
        """`folder` is where the original lives, so it can be marked \\Answered once sent."""
        return cls(context, account, cls.reply_draft(context, account, original_raw, reply_all, folder=folder),
                   **kwargs)

    @classmethod
    def reply_draft(cls, context: AppContext, account: Account, original_raw: bytes, reply_all: bool = False,
                    *, folder: str | None = None) -> compose.Draft:
        """No Qt call: renders the original (HTML included), so callers run it on a worker."""
        return compose.reply(original_raw, own_addresses=[account.email], reply_all=reply_all,
                             signature=cls._signature(context), folder=folder)

    @classmethod
    def forward(cls, context: AppContext, account: Account, original_raw: bytes, as_attachment: bool = False,
                *, folder: str | None = None, **kwargs: Any) -> ComposeWindow:
        return cls(context, account, cls.forward_draft(context, account, original_raw, as_attachment,
                                                       folder=folder), **kwargs)

    @classmethod
    def forward_draft(cls, context: AppContext, account: Account, original_raw: bytes,
                      as_attachment: bool = False, *, folder: str | None = None) -> compose.Draft:
        """No Qt call (see reply_draft)."""
        return compose.forward(original_raw, as_attachment=as_attachment, signature=cls._signature(context),
                               folder=folder)

    @staticmethod
    def draft_from_server(raw: bytes) -> compose.Draft:
        """No Qt call (see reply_draft): a draft of the server's Drafts folder, whoever wrote it."""
        return compose.from_draft(raw)

    @classmethod
    def correct(cls, context: AppContext, account: Account, entry: OutboxEntry, **kwargs: Any) -> ComposeWindow:
        """A message the server refused, reopened from the outbox: the refused addresses are marked, and
        sending the corrected message takes the refused copy out of the outbox."""
        draft = compose.from_draft(entry.read_bytes())
        shown = {a.lower() for _n, a in draft.to + draft.cc}
        draft.bcc = [("", a) for a in entry.recipients if a.lower() not in shown]  # Bcc is in the envelope only
        draft.server_draft_id = entry.server_draft_id
        draft.original_message_id, draft.original_flag = entry.original_message_id, entry.original_flag
        draft.original_folder = entry.original_folder
        window = cls(context, account, draft, **kwargs)
        window.entry = entry
        window._show_refusals(entry)
        return window

    @classmethod
    def restore(cls, context: AppContext, account: Account, draft_id: str, **kwargs: Any) -> ComposeWindow:
        """Reopen a draft left by a crashed run (`outbox.recoverable_drafts()`)."""
        outbox: Outbox = kwargs.pop("outbox", None) or Outbox(context.paths.data_dir)
        record = outbox.adopt_draft(draft_id)
        fields = record.fields
        draft = Draft(subject=fields.get("subject", ""), body=fields.get("body", ""), html=fields.get("html"),
                      in_reply_to=fields.get("in_reply_to"), references=fields.get("references"),
                      original_message_id=fields.get("original_message_id"),
                      original_flag=fields.get("original_flag"), original_folder=fields.get("original_folder"),
                      attachments=_restored_attachments(fields.get("attachments", [])))
        window = cls(context, account, draft, outbox=outbox, draft_id=draft_id, **kwargs)
        window.to_edit.setText(fields.get("to", ""))
        window.cc_edit.setText(fields.get("cc", ""))
        window.bcc_edit.setText(fields.get("bcc", ""))
        window._server_draft["id"] = record.server_message_id
        return window


    def offer_accounts(self, choices: list[tuple[str, Account, ImapRunner | None]]) -> None:
        """Several accounts signed in: the From address becomes a list of them (issue 21), the
        window's account preselected; choosing another sends from it, through its own connections."""
        if len(choices) < 2 or self.sending:
            return
        combo = QComboBox(self)
        combo.setObjectName("fromAccount")
        combo.setAccessibleName(self.tr("Send from"))
        for title, account, _runner in choices:
            shown = account.email if title in ("", account.email) else f"{title} <{account.email}>"
            combo.addItem(shown, account.identity.key)
        current = combo.findData(self.account.identity.key)
        combo.setCurrentIndex(max(current, 0))
        self.account_choices = choices

        def chosen(index: int) -> None:
            _title, account, runner = self.account_choices[index]
            if account is self.account:
                return
            self.account, self.imap_runner = account, runner
            self.from_label.setText(account.email)
            log.ui.info("compose: sending account changed")
            self._use_runner(None)  # that account's messages go through a runner for it

        combo.currentIndexChanged.connect(chosen)
        self.from_label.parentWidget().layout().replaceWidget(self.from_label, combo)  # type: ignore[union-attr]
        self.from_label.hide()
        self.from_combo = combo


    def _size_limit_known(self, limit: int | None) -> None:
        """The server's SIZE, asked through the account by the runner (once per session)."""
        self.size_limit = limit
        self._check_size()


    # --- sending: handed to the outbox runner, which alone sends and copies --------------------------
    def send(self, skip_reminder: bool = False) -> None:
        if self.sending:
            return
        collected = self._collect()
        if collected is None:
            return
        to, cc, bcc = collected
        if not skip_reminder and compose.needs_attachment_reminder(
                self.body.toPlainText(), self.subject_edit.text(), len(self.attachments)):
            self.reminder_bar.show()
            self._status(self.tr("Attach the file, or choose “Send anyway”."))
            return
        self.reminder_bar.hide()
        if self.size_limit is not None and self.estimated_message_size() > self.size_limit:
            self._status(self.tr("The message is larger than the server accepts."))
            return
        self._set_sending(True)
        self._autosave.stop()
        self._server_autosave.stop()
        self._status(self.tr("Preparing the message…"))
        self._remember_display_name()
        refused = self.entry.id if self.entry is not None and self.entry.state == FAILED else None
        text, formatted = self.body_parts()
        message = OutgoingMessage(
            sender=self.sender(), to=to, cc=cc, bcc=bcc, subject=self.subject_edit.text(), body=text,
            html=formatted, in_reply_to=self.original.in_reply_to, references=self.original.references,
            attachments=list(self.attachments), original_message_id=self.original.original_message_id,
            original_flag=self.original.original_flag, original_folder=self.original.original_folder,
            draft_id=self.draft_id, server_draft_id=self._server_draft["id"], replaces=refused)
        self._sending_id = self.runner.send_new(message)

    def _entry_updated(self, entry: OutboxEntry) -> None:
        """The runner's progress on our message: queued, then sent (or deferred, refused, uncertain),
        then copied to Sent."""
        if entry.id != self._sending_id:
            return
        first = self.entry is None or self.entry.id != entry.id
        self.entry = entry
        if first:
            self.message_queued.emit(entry.id)
        self._show_state(entry)
        if entry.state == ACCEPTED:
            self.message_sent.emit(entry.id)
        elif entry.state in (UNCERTAIN, FAILED):
            self._set_sending(False, keep_disabled=entry.state == UNCERTAIN)
        elif entry.state == SENT_COPY_DONE:
            self.sent_copy_done.emit(entry.id)
            self.close()

    def _sent_copy_postponed(self, entry_id: str, _exc: BaseException) -> None:
        # Sent, but no copy yet: the outbox keeps it `accepted` and the runner finishes later.
        if entry_id == self._sending_id:
            self._status(self.tr("Message sent. The copy in “Sent” will be made later."))

    def _send_failed(self, entry_id: str, exc: BaseException) -> None:
        if entry_id != self._sending_id:
            return
        if isinstance(exc, errors.PassCodeSpent):
            self.passcode_bar.show()
            self.pin_edit.setFocus()
            if isinstance(exc, errors.SmtpSessionExpired):
                self._status(self.tr("The sending connection expired: type your PIN and a new code to send."))
            else:
                self._status(self.tr("Sending needs its own connection and a PassCode works only once: type "
                                     "your PIN and a new code. It will serve for the rest of the session."))
            self.sending = True  # the message is queued; only the new code is missing
            return
        self._set_sending(False)
        if isinstance(exc, errors.HeaderInjection):
            self._status(self.tr("A field contains a line break or an ambiguous address; please correct it."))
            return
        message = describe_error(exc, self.account.provider)
        self._status(f"{message.title} {message.text}")

    def _send_with_new_passcode(self) -> None:
        try:
            credential = passcode_credential(self.account.identity.identifiant, self.pin_edit.text(),
                                             self.code_edit.text())
        except errors.InputError:
            self._status(self.tr("The PIN is 4 to 8 digits and the code 6 digits."))
            return
        self.account.renew_credential(credential)
        self.pin_edit.clear()
        self.code_edit.clear()
        self.passcode_bar.hide()
        if self.entry is not None:
            self._status(self.tr("Sending…"))
            self.runner.send_entry(self.entry.id)
        if self.runner.paused:  # the background pass waited for a code too: this one serves
            self.runner.resume()

    def _show_state(self, entry: OutboxEntry) -> None:
        self.send_state_changed.emit(entry.id, entry.state)
        if entry.state == QUEUED and entry.attempts:
            when = datetime.fromtimestamp(entry.next_attempt_at).strftime("%H:%M")
            self._status(self.tr("The server could not take the message now.") + " "
                         + self.tr("It is in the outbox and will be sent again at %1.").replace("%1", when)
                         + self._reason(entry))
            self._set_sending(False, keep_disabled=True)
            self.close_later()
        elif entry.state == QUEUED:
            self._status(self.tr("Queued."))
        elif entry.state == ACCEPTED:
            self._status(self.tr("Message sent."))
        elif entry.state == SENT_COPY_DONE:
            self._status(self.tr("Message sent and saved in “Sent”."))
        elif entry.state == UNCERTAIN:
            self._status(self.tr("The connection was lost just after sending: the message may have left.") + " "
                         + self.tr("It will not be sent again without your decision (see the outbox)."))
        elif entry.state == FAILED and entry.refusals:
            self._show_refusals(entry)
        elif entry.state == FAILED:
            self._status(self.tr("The server refused the message. Correct it and send again.") + self._reason(entry))

    @staticmethod
    def _reason(entry: OutboxEntry) -> str:
        """The catalogue's words for why (sending limit, message too large…), on a line of its own."""
        reason = describe_code(entry.last_error if entry.last_error != "smtp_temporary" else None)
        return "\n" + reason if reason else ""

    def _show_refusals(self, entry: OutboxEntry) -> None:
        """Name each refused address with the server's reason, and mark it in its field."""
        lines = [describe_refusal(address, code, text) for address, code, text in entry.refusals]
        lines.append(self.tr("Nothing was sent. Correct or remove the address, then send again."))
        self._status("\n".join(lines))
        self.status_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        first: AddressField | None = None
        for edit in (self.to_edit, self.cc_edit, self.bcc_edit):
            refused = [a for a, _c, _t in entry.refusals if a.lower() in edit.text().lower()]
            if refused:
                edit.setStyleSheet("border: 2px solid #c62828;")
                edit.setToolTip("\n".join(describe_refusal(a, c, t) for a, c, t in entry.refusals if a in refused))
                if first is None:
                    first = edit
                    start = edit.text().lower().find(refused[0].lower())
                    edit.setFocus()
                    edit.setSelection(start, len(refused[0]))

    def close_later(self) -> None:
        """A queued message lives in the outbox: the window may go."""
        QTimer.singleShot(1500, self.close)

    def _set_sending(self, sending: bool, keep_disabled: bool = False) -> None:
        self.sending = sending or keep_disabled
        for widget in (self.to_edit, self.cc_edit, self.bcc_edit, self.subject_edit):
            widget.setReadOnly(self.sending)
        self.body.setReadOnly(self.sending)
        self.formatting_bar.setEnabled(not self.sending and not self.plain_text_only)
        self.send_action.setEnabled(not self.sending)
        self.attach_action.setEnabled(not self.sending)
        self.save_action.setEnabled(not self.sending)  # the text is in the outbox now

    def _use_runner(self, runner: OutboxRunner | None) -> None:
        """The account's outbox driver sends; a window opened without one (tests), or switched to another
        account, gets a runner of its own, of the same class, stopped when the window closes."""
        self._disconnect_runner()
        self._own_runner = runner is None
        self.runner = runner or OutboxRunner(self.outbox, self.account, imap_runner=self.imap_runner, parent=self)
        self._runner_released = False
        self.runner.entry_updated.connect(self._entry_updated)
        self.runner.send_failed.connect(self._send_failed)
        self.runner.sent_copy_postponed.connect(self._sent_copy_postponed)
        self.runner.size_limit_known.connect(self._size_limit_known)
        self.runner.probe_size_limit()

    def _disconnect_runner(self) -> None:
        """A shared runner outlives the window: it stops talking to it. A runner of our own stops."""
        if self._runner_released:  # closed twice
            return
        self._runner_released = True
        for signal, slot in ((self.runner.entry_updated, self._entry_updated),
                             (self.runner.send_failed, self._send_failed),
                             (self.runner.sent_copy_postponed, self._sent_copy_postponed),
                             (self.runner.size_limit_known, self._size_limit_known)):
            signal.disconnect(slot)
        if self._own_runner:
            self.runner.shutdown()

    # --- closing ------------------------------------------------------------------------------
    def has_content(self) -> bool:
        return bool(self.to_edit.text().strip() or self.subject_edit.text().strip() or self.attachments
                    or self.body.toPlainText().strip() not in ("", self.original.body.strip()))

    def closeEvent(self, event: QCloseEvent) -> None:
        """Unsent text goes to the local draft now, and to the server's Drafts when possible."""
        self._autosave.stop()
        self._server_autosave.stop()
        if self.entry is not None and self.entry.state == FAILED:
            # Refused and not corrected: the text goes back to the drafts below, the refused copy leaves
            # the outbox (one small transaction, like the draft).
            try:
                self.outbox.cancel(self.entry.id)
            except errors.OutboxEntryMissing:
                pass
        if not self.sending and self.has_content() and not self._closing_handled:
            # Closing is the one place we write on the GUI thread: one small transaction, so the
            # draft is on disk before the window is gone.
            self.draft_id = self.draft_id or uuid.uuid4().hex
            if any(a.path is None for a in self.attachments):
                self._materialize_attachments(self.draft_id)
            self.draft_id = self.outbox.save_draft(self.account.identity.key, self.draft_fields(), self.draft_id)
            if self.imap_runner is not None:
                self.save_draft_to_server(closing=True)
        self._disconnect_runner()
        self.drafts_worker.shutdown(wait=True)
        if self.imap_worker is not None:
            self.imap_worker.shutdown()
        super().closeEvent(event)


def restore_drafts(context: AppContext, account: Account, outbox: Outbox, **kwargs: Any) -> list[ComposeWindow]:
    """After a crash: one compose window per draft an earlier run left open (the caller asks first)."""
    return [ComposeWindow.restore(context, account, record.id, outbox=outbox, **kwargs)
            for record in outbox.recoverable_drafts(account.identity.key)]
