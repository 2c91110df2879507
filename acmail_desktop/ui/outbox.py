"""The one outbox driver (OutboxRunner) and the outbox dialog's list (OutboxView).

The state machine is core's (`core.outbox.Outbox`); OutboxRunner is the only code that runs its send and
Sent-copy steps. A compose window hands it a message (`send_new`) and listens to its signals; the
main window owns one runner per account and the runner retries and finishes what is due.

Round trips between the GUI thread and the workers, for one message sent from a compose window: one on
the SMTP worker (spool + send, in one task) and one on the IMAP worker (Sent copy, flag the original,
remove the server draft). It used to be three (spool, send, copy) driven by the window itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from acmail_desktop.core import errors, log
from acmail_desktop.core.account import Account
from acmail_desktop.core.imap.session import ImapSession
from acmail_desktop.core.outbox import (
    ACCEPTED,
    FAILED,
    QUEUED,
    UNCERTAIN,
    DraftRecord,
    Outbox,
    OutboxEntry,
    OutgoingMessage,
    new_entry_id,
)
from acmail_desktop.ui.catalogue import describe_refusal
from acmail_desktop.ui.tasks import ConnectionWorker

# `work(session)` on an account's IMAP worker, then `on_success(result)` or `on_failure(error)`.
ImapRunner = Callable[[Callable[[ImapSession], Any], Callable[[Any], None], Callable[[BaseException], None]], None]
SMTP_KEEPALIVE_MS = 120_000


@dataclass(frozen=True)
class _SendOutcome:
    """What one SMTP task did: the states the entry went through, and the authentication error that
    stopped it (the entry stays queued: only a new code or password is missing)."""

    entries: list[OutboxEntry]
    error: errors.AuthError | None = None


class OutboxRunner(QObject):
    """Drives the outbox: sends what a compose window hands over, retries when due, finishes Sent
    copies after a restart. The only caller of `Outbox.send_step` and `Outbox.sent_copy_step` in ui/.

    The main window owns one per account, gives it its IMAP runner, and calls `start()` after login and
    `run_due()` when the network comes back; a timer does the rest. A spent PassCode met by the
    background pass pauses it (`passcode_needed`) until the user typed a new one and `resume()` is
    called; met by a message a window sent, it is that window's question (`send_failed`).
    """

    entry_changed = Signal(str, str)  # entry id, state
    entry_updated = Signal(object)  # the OutboxEntry, after each step (the window's progress)
    send_failed = Signal(str, object)  # entry id, the error: nothing sent (not queued, or a code missing)
    sent_copy_postponed = Signal(str, object)  # entry id, the error: sent, the Sent copy comes later
    size_limit_known = Signal(object)  # the server's SIZE (int or None)
    passcode_needed = Signal(object)  # the PassCodeSpent error: why a new code is needed

    def __init__(self, outbox: Outbox, account: Account, *, imap_runner: ImapRunner | None = None,
                 interval_ms: int = 30_000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.outbox = outbox
        self.account = account
        self.imap_runner = imap_runner
        self.worker = ConnectionWorker("smtp-outbox", self)
        self.imap_worker: ConnectionWorker | None = None
        self.busy = False
        self.paused = False
        self._copying: set[str] = set()  # entries whose Sent copy is on the IMAP worker now
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.run_due)
        # A PassCode session's kept sending connection: NOOP well within the usual 5-minute idle limit.
        self.keepalive = QTimer(self)
        self.keepalive.setInterval(SMTP_KEEPALIVE_MS)
        self.keepalive.timeout.connect(lambda: self.worker.submit(account.keep_smtp_alive))

    def start(self) -> None:
        self.timer.start()
        self.keepalive.start()
        self.run_due()

    def resume(self) -> None:
        self.paused = False
        self.run_due()

    # --- what a compose window asks -----------------------------------------------------------------
    def send_new(self, message: OutgoingMessage) -> str:
        """Spool `message` and send it, in one task on the SMTP worker; returns its entry id at once, so
        the window can follow it (`entry_updated`, `send_failed`, `sent_copy_postponed`)."""
        outbox, account, entry_id = self.outbox, self.account, new_entry_id()

        def work() -> _SendOutcome:
            queued = outbox.enqueue_message(account.identity.key, message, entry_id=entry_id)
            try:
                return _SendOutcome([queued, outbox.send_step(entry_id, account)])
            except errors.AuthError as exc:
                return _SendOutcome([queued], exc)

        self.worker.submit(work, self._window_sent, lambda exc: self.send_failed.emit(entry_id, exc))
        return entry_id

    def send_entry(self, entry_id: str) -> None:
        """Send a queued entry now (the window's new PassCode was typed)."""
        outbox, account = self.outbox, self.account

        def work() -> _SendOutcome:
            try:
                return _SendOutcome([outbox.send_step(entry_id, account)])
            except errors.AuthError as exc:
                return _SendOutcome([outbox.get(entry_id)], exc)

        self.worker.submit(work, self._window_sent, lambda exc: self.send_failed.emit(entry_id, exc))

    def probe_size_limit(self) -> None:
        """The server's SIZE through the account (asked once per session), on the SMTP worker."""
        self.worker.submit(self.account.smtp_size_limit, self.size_limit_known.emit, lambda exc: log.smtp.info(
            "SIZE probe failed: %s", getattr(exc, "code", type(exc).__name__)))

    def _window_sent(self, outcome: _SendOutcome) -> None:
        self._announce(outcome.entries)
        if outcome.error is not None:
            self.send_failed.emit(outcome.entries[-1].id, outcome.error)
        self._copy([e for e in outcome.entries[-1:] if e.state == ACCEPTED])

    # --- the background pass ------------------------------------------------------------------------
    def run_due(self) -> None:
        if self.busy or self.paused:
            return
        self.busy = True
        outbox, account = self.outbox, self.account
        self.worker.submit(lambda: outbox.send_due(account), self._sent, self._failed)

    def _sent(self, entries: list[OutboxEntry]) -> None:
        self.busy = False
        self._announce(entries)
        self._copy([e for e in entries if e.state == ACCEPTED])

    def _announce(self, entries: list[OutboxEntry]) -> None:
        for entry in entries:
            self.entry_changed.emit(entry.id, entry.state)
            self.entry_updated.emit(entry)

    def _copy(self, accepted: list[OutboxEntry]) -> None:
        """The IMAP part: Sent copy, original flagged, server draft removed (each once: an entry whose
        copy is already on its way is not handed over twice)."""
        accepted = [e for e in accepted if e.id not in self._copying]
        if not accepted:
            return
        ids = {e.id for e in accepted}
        self._copying |= ids
        outbox, copy = self.outbox, not self.account.provider.sent_copy_by_server

        def work(session: ImapSession) -> list[OutboxEntry]:
            return [outbox.sent_copy_step(e.id, session, copy_to_sent=copy) for e in accepted]

        def done(results: list[OutboxEntry]) -> None:
            self._copying -= ids
            self._announce(results)

        def failed(exc: BaseException) -> None:
            self._copying -= ids
            log.imap.info("outbox: Sent copy postponed: %s", getattr(exc, "code", type(exc).__name__))
            for entry_id in ids:
                self.sent_copy_postponed.emit(entry_id, exc)

        if self.imap_runner is not None:
            self.imap_runner(work, done, failed)
            return
        if self.imap_worker is None:
            self.imap_worker = ConnectionWorker("imap-outbox", self)
        account = self.account

        def own_connection() -> list[OutboxEntry]:
            with account.imap_connection() as session:
                return work(session)

        self.imap_worker.submit(own_connection, done, failed)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        if isinstance(exc, errors.PassCodeSpent):
            self.paused = True
            self.passcode_needed.emit(exc)
            return
        log.smtp.info("outbox: run failed: %s", getattr(exc, "code", type(exc).__name__))

    def shutdown(self) -> None:
        """Stop the workers, leaving the account's kept sending connection to its owner (a window's
        own runner: the session's next message still needs no new PassCode)."""
        self.timer.stop()
        self.keepalive.stop()
        self.worker.shutdown()
        if self.imap_worker is not None:
            self.imap_worker.shutdown()

    def stop(self) -> None:
        """End of the session: QUIT the kept sending connection, then stop."""
        self.timer.stop()
        self.keepalive.stop()
        try:
            self.worker.submit(self.account.close_smtp)  # QUIT the kept connection, off the GUI thread
        except RuntimeError:
            pass  # stopped before
        self.shutdown()


class OutboxView(QWidget):
    """The outbox as the user sees it: state of each message, cancel, and the decisions only the user
    can take for an uncertain message (send again with the same Message-ID, or mark as sent)."""

    changed = Signal()
    draft_edit_requested = Signal(str)  # a local draft to reopen in a compose window
    correct_requested = Signal(str)     # a refused message to correct in a compose window

    def __init__(self, outbox: Outbox, account_key: str | None = None, parent: QWidget | None = None, *,
                 editing: Callable[[], set[str]] = set) -> None:
        super().__init__(parent)
        self.outbox = outbox
        self.account_key = account_key
        self.editing = editing  # ids of the drafts open in a compose window now: not offered twice
        self.setObjectName("outboxView")
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setObjectName("outboxList")
        self.list.setAccessibleName(self.tr("Outbox"))
        self.list.currentRowChanged.connect(self._update_buttons)
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("&Cancel sending"))
        self.resend_button = QPushButton(self.tr("Send &again"))
        self.mark_sent_button = QPushButton(self.tr("&Mark as sent"))
        self.retry_button = QPushButton(self.tr("&Retry now"))
        for button, action in ((self.cancel_button, self.outbox.cancel), (self.resend_button, self.outbox.resend),
                               (self.mark_sent_button, self.outbox.mark_sent),
                               (self.retry_button, self.outbox.retry_now)):
            button.clicked.connect(lambda _=False, a=action: self._act(a))
            buttons.addWidget(button)
        self.correct_button = QPushButton(self.tr("C&orrect…"))
        self.correct_button.setToolTip(self.tr("Open the refused message to correct the addresses, then send it"))
        self.correct_button.clicked.connect(self._correct)
        buttons.addWidget(self.correct_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.drafts_label = QLabel(self.tr("Drafts kept on this computer only (not yet in Drafts on the server):"))
        self.drafts_label.setWordWrap(True)
        self.drafts_list = QListWidget()
        self.drafts_list.setObjectName("localDraftsList")
        self.drafts_list.setAccessibleName(self.tr("Drafts on this computer"))
        self.drafts_list.itemActivated.connect(lambda _item: self._edit_draft())
        self.edit_draft_button = QPushButton(self.tr("&Edit draft"))
        self.edit_draft_button.clicked.connect(self._edit_draft)
        layout.addWidget(self.drafts_label)
        layout.addWidget(self.drafts_list)
        layout.addWidget(self.edit_draft_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.entries: list[OutboxEntry] = []
        self.local_drafts: list[DraftRecord] = []
        self.refresh()

    def state_text(self, entry: OutboxEntry) -> str:
        if entry.state == QUEUED and entry.attempts:
            when = datetime.fromtimestamp(entry.next_attempt_at).strftime("%H:%M")
            return self.tr("Waiting, next try at %1").replace("%1", when)
        if entry.state == FAILED and entry.refusals:
            return self.tr("Refused: %1").replace("%1", ", ".join(a for a, _c, _t in entry.refusals))
        return {
            QUEUED: self.tr("Waiting to be sent"),
            "sending": self.tr("Sending"),
            ACCEPTED: self.tr("Sent, copy to “Sent” pending"),
            UNCERTAIN: self.tr("Uncertain: may have been sent"),
            FAILED: self.tr("Refused by the server"),
        }.get(entry.state, entry.state)

    def refresh(self) -> None:
        """A few rows from the local outbox file (no network)."""
        current = self.list.currentRow()
        self.entries = self.outbox.entries(self.account_key)
        self.list.clear()
        for entry in self.entries:
            subject = entry.subject or self.tr("(no subject)")
            item = QListWidgetItem(f"{subject} — {', '.join(entry.recipients)} — {self.state_text(entry)}")
            if entry.refusals:
                item.setToolTip("\n".join(describe_refusal(*refusal) for refusal in entry.refusals))
            self.list.addItem(item)
        if self.entries:
            self.list.setCurrentRow(min(max(current, 0), len(self.entries) - 1))
        self._update_buttons()
        editing = self.editing()
        self.local_drafts = [d for d in (self.outbox.local_drafts(self.account_key) if self.account_key else [])
                             if d.id not in editing]
        self.drafts_list.clear()
        for record in self.local_drafts:
            subject = str(record.fields.get("subject") or "") or self.tr("(no subject)")
            when = datetime.fromtimestamp(record.updated_at).strftime("%d/%m %H:%M")
            self.drafts_list.addItem(f"{subject} — {record.fields.get('to') or ''} — {when}")
        if self.local_drafts:
            self.drafts_list.setCurrentRow(0)
        for widget in (self.drafts_label, self.drafts_list, self.edit_draft_button):
            widget.setVisible(bool(self.local_drafts))

    def _correct(self) -> None:
        entry = self.selected()
        if entry is not None and entry.state == FAILED:
            self.correct_requested.emit(entry.id)

    def _edit_draft(self) -> None:
        row = self.drafts_list.currentRow()
        if 0 <= row < len(self.local_drafts):
            self.draft_edit_requested.emit(self.local_drafts[row].id)

    def selected(self) -> OutboxEntry | None:
        row = self.list.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def _update_buttons(self, *_args: Any) -> None:
        state = (entry := self.selected()) and entry.state
        self.cancel_button.setEnabled(state in (QUEUED, FAILED, UNCERTAIN))
        self.resend_button.setEnabled(state in (UNCERTAIN, FAILED))
        self.mark_sent_button.setEnabled(state == UNCERTAIN)
        self.retry_button.setEnabled(state == QUEUED)
        self.correct_button.setEnabled(state == FAILED)

    def _act(self, action: Callable[[str], OutboxEntry]) -> None:
        entry = self.selected()
        if entry is None:
            return
        try:
            action(entry.id)
        except errors.OutboxEntryMissing:
            pass  # changed meanwhile (sent by the runner): the refresh shows the truth
        self.refresh()
        self.changed.emit()
