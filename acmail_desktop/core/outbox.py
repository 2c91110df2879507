"""Durable outbox and local drafts: nothing the user writes is lost, nothing is sent twice.

Its own SQLite file (WAL, synchronous=FULL) in the data dir. Each outgoing message is spooled to a
file first, then moves through states, each recorded (and fsync'd) *before* the step it announces:

    queued -> sending -> accepted (250 to DATA) -> sent_copy_done
       ^  |                 \\-> only the Sent copy is left: never sent again
       |  v
    queued again with next_attempt_at (4xx, offline)     sending -> uncertain (dropped after DATA)
                                                          sending -> failed (5xx: the user edits)

A process killed while `sending` may or may not have been accepted: on restart it becomes
`uncertain`, and only the user decides (resend with the same Message-ID, or mark as sent).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from acmail_desktop.core import errors, log
from acmail_desktop.core.folders import folder_for
from acmail_desktop.core.mime import Address, OutgoingAttachment, SpooledMessage, spool_message

if TYPE_CHECKING:  # types only: the outbox is driven with an account and its IMAP session
    from acmail_desktop.core.account import Account
    from acmail_desktop.core.imap.session import ImapSession

QUEUED, SENDING, ACCEPTED, SENT_COPY_DONE = "queued", "sending", "accepted", "sent_copy_done"
UNCERTAIN, FAILED, CANCELLED = "uncertain", "failed", "cancelled"
PENDING_STATES = (QUEUED, SENDING, ACCEPTED, UNCERTAIN, FAILED)
BACKOFF_BASE, BACKOFF_MAX = 30.0, 3600.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    id TEXT PRIMARY KEY,
    account TEXT NOT NULL,
    message_id TEXT NOT NULL,
    state TEXT NOT NULL,
    spool_path TEXT NOT NULL,
    sender TEXT NOT NULL,
    recipients TEXT NOT NULL,
    subject TEXT NOT NULL,
    size INTEGER NOT NULL,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL NOT NULL DEFAULT 0,
    last_error TEXT,
    original_message_id TEXT,
    original_flag TEXT,
    original_folder TEXT,
    draft_id TEXT,
    sending_token TEXT,
    refusals TEXT,
    server_draft_id TEXT
);
CREATE TABLE IF NOT EXISTS drafts (
    id TEXT PRIMARY KEY,
    account TEXT NOT NULL,
    fields TEXT NOT NULL,
    updated_at REAL NOT NULL,
    owner_pid INTEGER NOT NULL,
    owner_token TEXT NOT NULL,
    server_message_id TEXT,
    open INTEGER NOT NULL DEFAULT 1
);
"""
# Columns added after the first release: (name, type) added to an older outbox file on open.
_ADDED_COLUMNS = (("refusals", "TEXT"), ("server_draft_id", "TEXT"))
_PROCESS_TOKEN = uuid.uuid4().hex  # distinguishes this run's drafts from a crashed run's


@dataclass(frozen=True)
class OutboxEntry:
    id: str
    account: str
    message_id: str
    state: str
    spool_path: Path
    sender: str
    recipients: tuple[str, ...]
    subject: str
    size: int
    created_at: float
    attempts: int
    next_attempt_at: float
    last_error: str | None
    original_message_id: str | None
    original_flag: str | None
    original_folder: str | None
    draft_id: str | None
    # Each refused RCPT as (address, code, server text), when the server refused recipients.
    refusals: tuple[tuple[str, int, str], ...] = ()
    # Message-ID of the copy in the server's Drafts this message was written from: removed once sent.
    server_draft_id: str | None = None

    def read_bytes(self) -> bytes:
        return self.spool_path.read_bytes()


@dataclass
class DraftRecord:
    id: str
    account: str
    fields: dict[str, Any]
    updated_at: float
    server_message_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class OutgoingMessage:
    """What the compose window hands to the outbox: the message and where it came from (typed, so a
    misspelt field is a type error, not a silently ignored keyword)."""

    sender: Address
    to: Sequence[Address]
    subject: str
    body: str
    cc: Sequence[Address] = ()
    bcc: Sequence[Address] = ()
    html: str | None = None
    in_reply_to: str | None = None
    references: str | None = None
    attachments: Sequence[OutgoingAttachment | Path] = ()
    original_message_id: str | None = None
    original_flag: str | None = None
    original_folder: str | None = None
    draft_id: str | None = None
    server_draft_id: str | None = None
    replaces: str | None = None
    utf8_headers: bool = False


def new_entry_id() -> str:
    """Chosen before spooling, so a window can follow its message from the moment it asks to send."""
    return uuid.uuid4().hex


def backoff_delay(attempts: int) -> float:
    """30 s, 60 s, 2 min ... capped at one hour: the national platform's rate limit eases in time."""
    return min(BACKOFF_MAX, BACKOFF_BASE * (2 ** max(0, attempts - 1)))


class Outbox:
    """Thread-safe (one connection, one lock): the GUI reads states while a worker sends."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.spool_dir = self.data_dir / "outbox-spool"
        self.spool_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.db_path = self.data_dir / "outbox.sqlite3"
        self._lock = threading.RLock()
        try:
            self._db = sqlite3.connect(self.db_path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(_SCHEMA)
            present = {row[1] for row in self._db.execute("PRAGMA table_info(outbox)")}
            for name, kind in _ADDED_COLUMNS:
                if name not in present:
                    self._db.execute(f"ALTER TABLE outbox ADD COLUMN {name} {kind}")
        except sqlite3.Error as exc:
            raise errors.StoreError(f"outbox database unusable: {type(exc).__name__}") from exc
        self._recover_interrupted()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                yield self._db
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                self._db.execute("ROLLBACK")
                raise errors.StoreError(f"outbox write failed: {type(exc).__name__}") from exc
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def _recover_interrupted(self) -> None:
        """A run killed in `sending` cannot know whether DATA was accepted: the user decides.

        Only another run's entries: a second Outbox object in this process (another window) must not
        touch a send in flight.
        """
        with self._tx() as db:
            db.execute("UPDATE outbox SET state=?, last_error=?, updated_at=? WHERE state=?"
                       " AND (sending_token IS NULL OR sending_token<>?)",
                       (UNCERTAIN, "interrupted", time.time(), SENDING, _PROCESS_TOKEN))

    # --- queue ------------------------------------------------------------------------------
    def enqueue_message(self, account: str, message: OutgoingMessage, *, entry_id: str | None = None) -> OutboxEntry:
        """`enqueue` for a message built by the compose window."""
        return self.enqueue(
            account, sender=message.sender, to=message.to, cc=message.cc, bcc=message.bcc,
            subject=message.subject, body=message.body, html=message.html, in_reply_to=message.in_reply_to,
            references=message.references, attachments=message.attachments,
            original_message_id=message.original_message_id, original_flag=message.original_flag,
            original_folder=message.original_folder, draft_id=message.draft_id,
            server_draft_id=message.server_draft_id, replaces=message.replaces,
            utf8_headers=message.utf8_headers, entry_id=entry_id)

    def enqueue(self, account: str, *, sender: Address, to: Sequence[Address], subject: str, body: str,
                cc: Sequence[Address] = (), bcc: Sequence[Address] = (),
                in_reply_to: str | None = None, references: str | None = None,
                attachments: Sequence[OutgoingAttachment | Path] = (),
                original_message_id: str | None = None, original_flag: str | None = None,
                original_folder: str | None = None, draft_id: str | None = None,
                utf8_headers: bool = False, server_draft_id: str | None = None,
                replaces: str | None = None, html: str | None = None,
                entry_id: str | None = None) -> OutboxEntry:
        """Spool the message to disk (fsync'd) and record it `queued`: from here it survives a crash.

        `replaces`: a refused entry this corrected message supersedes; it leaves the outbox in the same
        transaction (one message, never a stale refused copy beside it). `server_draft_id`: the copy in
        the server's Drafts to remove once sent; the local draft's own record of it wins (a server save
        that finished on the IMAP worker after the window read its copy).
        """
        entry_id = entry_id or new_entry_id()
        spooled: SpooledMessage = spool_message(
            self.spool_dir / f"{entry_id}.eml", sender=sender, to=list(to), cc=list(cc), bcc=list(bcc),
            subject=subject, body=body, in_reply_to=in_reply_to, references=references,
            attachments=list(attachments), utf8_headers=utf8_headers, html=html)
        now = time.time()
        with self._tx() as db:
            if draft_id:
                row = db.execute("SELECT server_message_id FROM drafts WHERE id=?", (draft_id,)).fetchone()
                server_draft_id = (row[0] if row else None) or server_draft_id
            db.execute(
                "INSERT INTO outbox (id, account, message_id, state, spool_path, sender, recipients, subject,"
                " size, created_at, updated_at, original_message_id, original_flag, original_folder, draft_id,"
                " server_draft_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (entry_id, account, spooled.message_id, QUEUED, str(spooled.path), spooled.sender,
                 json.dumps(spooled.recipients), subject, spooled.size, now, now, original_message_id,
                 original_flag, original_folder, draft_id, server_draft_id))
            if replaces:
                db.execute("UPDATE outbox SET state=?, updated_at=? WHERE id=? AND state=?",
                           (CANCELLED, now, replaces, FAILED))
            if draft_id:  # the text now lives in the outbox: no longer a draft to recover
                db.execute("DELETE FROM drafts WHERE id=?", (draft_id,))
        log.smtp.info("outbox: queued %s (%d bytes, %d recipient(s))", entry_id, spooled.size,
                      len(spooled.recipients))
        if replaces:
            self._drop_spool_of(replaces)
        return self.get(entry_id)

    def get(self, entry_id: str) -> OutboxEntry:
        with self._lock:
            row = self._db.execute("SELECT * FROM outbox WHERE id=?", (entry_id,)).fetchone()
            names = [d[0] for d in self._db.execute("SELECT * FROM outbox LIMIT 0").description]
        if row is None:
            raise errors.OutboxEntryMissing(f"outbox entry {entry_id} not found")
        return _entry(dict(zip(names, row, strict=True)))

    def entries(self, account: str | None = None, states: tuple[str, ...] = PENDING_STATES) -> list[OutboxEntry]:
        marks = ",".join("?" * len(states))
        query = f"SELECT * FROM outbox WHERE state IN ({marks})"
        params: list[Any] = list(states)
        if account is not None:
            query += " AND account=?"
            params.append(account)
        with self._lock:
            cursor = self._db.execute(query + " ORDER BY created_at", params)
            names = [d[0] for d in cursor.description]
            return [_entry(dict(zip(names, row, strict=True))) for row in cursor.fetchall()]

    def due(self, account: str, now: float | None = None) -> list[OutboxEntry]:
        """Queued entries whose retry time has come, and accepted ones still missing their Sent copy."""
        now = time.time() if now is None else now
        return [e for e in self.entries(account, (QUEUED, ACCEPTED))
                if e.state == ACCEPTED or e.next_attempt_at <= now]

    def _set(self, entry_id: str, state: str, *, expect: tuple[str, ...] | None = None, **values: Any) -> None:
        assignments = ", ".join(f"{k}=?" for k in values)
        with self._tx() as db:
            row = db.execute("SELECT state FROM outbox WHERE id=?", (entry_id,)).fetchone()
            if row is None:
                raise errors.OutboxEntryMissing(f"outbox entry {entry_id} not found")
            if expect is not None and row[0] not in expect:
                raise errors.OutboxEntryMissing(f"outbox entry {entry_id} is {row[0]}, not {'/'.join(expect)}")
            db.execute(f"UPDATE outbox SET state=?, updated_at=?{', ' if values else ''}{assignments} WHERE id=?",
                       (state, time.time(), *values.values(), entry_id))

    # --- the steps ----------------------------------------------------------------------------
    def send_step(self, entry_id: str, account: Account, *, now: float | None = None) -> OutboxEntry:
        """SMTP part (run on a worker): queued -> sending -> accepted, or back to queued / uncertain.

        PassCodeSpent and authentication errors propagate (the UI asks for a fresh code); the
        entry stays queued for them.
        """
        entry = self.get(entry_id)
        if entry.state != QUEUED:
            return entry
        now = time.time() if now is None else now
        try:
            with account.smtp_submission() as submission:
                self._set(entry_id, SENDING, expect=(QUEUED,), sending_token=_PROCESS_TOKEN)
                try:
                    submission.send_file(entry.spool_path, entry.sender, list(entry.recipients))
                except errors.SendUncertain as exc:
                    self._set(entry_id, UNCERTAIN, last_error=exc.code)
                    log.smtp.warning("outbox: %s uncertain (connection lost after DATA)", entry_id)
                    return self.get(entry_id)
                except (errors.SmtpTemporaryFailure, errors.NetworkError) as exc:
                    self._retry_later(entry, exc, now, from_state=SENDING)
                    return self.get(entry_id)
                except errors.RecipientsRefused as exc:
                    self._set(entry_id, FAILED, last_error=exc.code, refusals=json.dumps(exc.refusals))
                    log.smtp.warning("outbox: %s refused for %d recipient(s); nothing sent", entry_id,
                                     len(exc.refusals))
                    return self.get(entry_id)
                except errors.SmtpError as exc:
                    self._set(entry_id, FAILED, last_error=exc.code)
                    log.smtp.warning("outbox: %s refused (%s)", entry_id, exc.code)
                    return self.get(entry_id)
                self._set(entry_id, ACCEPTED, last_error=None)
        except errors.AuthError:
            raise  # the entry stays queued; the UI asks for a fresh code or password
        except (errors.NetworkError, errors.SmtpTemporaryFailure, errors.SmtpNotFound) as exc:
            # could not connect, or no sending server known yet (acmail:smtpDiscovery): still queued
            self._retry_later(entry, exc, now)
            return self.get(entry_id)
        except errors.OutboxEntryMissing:
            return self.get(entry_id)
        log.smtp.info("outbox: %s accepted", entry_id)
        return self.get(entry_id)

    def send_due(self, account: Account, *, now: float | None = None) -> list[OutboxEntry]:
        """One pass over what is due (SMTP part, on a worker): queued entries are sent, accepted ones are
        returned as they are (their Sent copy is the IMAP part). Authentication errors propagate."""
        return [self.send_step(entry.id, account, now=now) if entry.state == QUEUED else entry
                for entry in self.due(account.identity.key, now)]

    def _retry_later(self, entry: OutboxEntry, exc: errors.AcmailError, now: float,
                     from_state: str = QUEUED) -> None:
        attempts = entry.attempts + 1
        self._set(entry.id, QUEUED, expect=(from_state,), attempts=attempts,
                  next_attempt_at=now + backoff_delay(attempts), last_error=exc.code)
        log.smtp.info("outbox: %s deferred (%s), attempt %d", entry.id, exc.code, attempts)

    def sent_copy_step(self, entry_id: str, imap: ImapSession, *, copy_to_sent: bool = True) -> OutboxEntry:
        """IMAP part (run on the IMAP worker): Sent copy (no duplicate), original flagged, done."""
        entry = self.get(entry_id)
        if entry.state != ACCEPTED:
            return entry
        with restoring_selection(imap):
            self._sent_copy_and_flag(entry, imap, copy_to_sent)
            if entry.server_draft_id:  # idempotent: found by Message-ID, so a rerun after a crash is safe
                remove_server_draft(imap, entry.server_draft_id)
        self._set(entry_id, SENT_COPY_DONE, expect=(ACCEPTED,))
        self._drop_spool(entry)
        if entry.draft_id:
            self.close_draft(entry.draft_id)
        return self.get(entry_id)

    def _sent_copy_and_flag(self, entry: OutboxEntry, imap: ImapSession, copy_to_sent: bool) -> None:
        if copy_to_sent:
            sent = find_special_folder(imap, "\\Sent")
            if sent is None:
                log.imap.warning("outbox: no Sent folder, no copy of %s kept", entry.id)
            else:
                imap.select(sent)  # read-write: Courier refuses APPEND to a mailbox EXAMINEd
                if not imap.search_header("Message-ID", entry.message_id):
                    imap.append(sent, entry.read_bytes(), flags=["\\Seen"])
        if entry.original_message_id and entry.original_flag:
            folders = tuple(dict.fromkeys(f for f in (entry.original_folder, "INBOX") if f))
            flag_original(imap, entry.original_message_id, entry.original_flag, folders)

    # --- user decisions -----------------------------------------------------------------------
    def cancel(self, entry_id: str) -> OutboxEntry:
        """Only what has not possibly reached the server can be cancelled."""
        self._set(entry_id, CANCELLED, expect=(QUEUED, FAILED, UNCERTAIN))
        entry = self.get(entry_id)
        self._drop_spool(entry)
        return entry

    def resend(self, entry_id: str) -> OutboxEntry:
        """The user chose to send an uncertain or failed message again (same Message-ID)."""
        self._set(entry_id, QUEUED, expect=(UNCERTAIN, FAILED), next_attempt_at=0)
        return self.get(entry_id)

    def mark_sent(self, entry_id: str) -> OutboxEntry:
        """The user saw it arrive: only the Sent copy is left to do."""
        self._set(entry_id, ACCEPTED, expect=(UNCERTAIN,))
        return self.get(entry_id)

    def retry_now(self, entry_id: str) -> OutboxEntry:
        self._set(entry_id, QUEUED, expect=(QUEUED,), next_attempt_at=0)
        return self.get(entry_id)

    def save_as_draft(self, entry_id: str, imap: ImapSession) -> bool:
        """Logout with unsent mail ("save to the server's Drafts"): the spooled message goes to Drafts,
        then leaves the outbox. Refused for what may already have left (sending, accepted)."""
        entry = self.get(entry_id)
        if entry.state not in (QUEUED, FAILED, UNCERTAIN):
            return False
        with restoring_selection(imap):
            saved = _replace_server_draft(imap, entry.read_bytes(), entry.message_id, None)
        if saved:
            self.cancel(entry_id)
        return saved

    def discard_account(self, account: str) -> int:
        """Logout with "discard" (shared machines): unsent mail that cannot have left, and drafts, go."""
        count = 0
        for entry in self.entries(account, (QUEUED, FAILED, UNCERTAIN)):
            try:
                self.cancel(entry.id)
                count += 1
            except errors.OutboxEntryMissing:
                pass
        with self._tx() as db:
            db.execute("DELETE FROM drafts WHERE account=?", (account,))
        return count

    def remove_account(self, account: str) -> int:
        """Removing an account from AcMail: every outbox row (any state), its spool file and its
        drafts go, so nothing of it stays on disk. Returns the rows removed."""
        with self._lock:
            rows = self._db.execute("SELECT id, spool_path FROM outbox WHERE account=?", (account,)).fetchall()
        for _entry_id, spool in rows:
            with suppress(FileNotFoundError):
                Path(spool).unlink()
        with self._tx() as db:
            db.execute("DELETE FROM outbox WHERE account=?", (account,))
            db.execute("DELETE FROM drafts WHERE account=?", (account,))
        return len(rows)

    def move_account(self, old: str, new: str) -> int:
        """The account moved to another messagerie (académique -> nationale): its unsent mail and
        drafts follow it, to be sent and saved through the new servers. Returns the rows moved."""
        with self._tx() as db:
            moved = db.execute("UPDATE outbox SET account=? WHERE account=?", (new, old)).rowcount
            moved += db.execute("UPDATE drafts SET account=? WHERE account=?", (new, old)).rowcount
        return int(moved)

    def _drop_spool(self, entry: OutboxEntry) -> None:
        try:
            entry.spool_path.unlink()
        except FileNotFoundError:
            pass

    def _drop_spool_of(self, entry_id: str) -> None:
        try:
            self._drop_spool(self.get(entry_id))
        except errors.OutboxEntryMissing:
            pass

    # --- drafts -------------------------------------------------------------------------------
    def save_draft(self, account: str, fields: dict[str, Any], draft_id: str | None = None) -> str:
        """Atomic (one transaction, fsync'd): a crash leaves the previous or the new version."""
        draft_id = draft_id or uuid.uuid4().hex
        payload = json.dumps(fields, ensure_ascii=False)
        with self._tx() as db:
            db.execute(
                "INSERT INTO drafts (id, account, fields, updated_at, owner_pid, owner_token, open)"
                " VALUES (?,?,?,?,?,?,1) ON CONFLICT(id) DO UPDATE SET fields=excluded.fields,"
                " updated_at=excluded.updated_at, owner_pid=excluded.owner_pid,"
                " owner_token=excluded.owner_token, open=1",
                (draft_id, account, payload, time.time(), os.getpid(), _PROCESS_TOKEN))
        return draft_id

    def draft(self, draft_id: str) -> DraftRecord:
        with self._lock:
            row = self._db.execute("SELECT id, account, fields, updated_at, server_message_id FROM drafts"
                                   " WHERE id=?", (draft_id,)).fetchone()
        if row is None:
            raise errors.OutboxEntryMissing(f"draft {draft_id} not found")
        return DraftRecord(row[0], row[1], json.loads(row[2]), row[3], row[4])

    def set_draft_server_id(self, draft_id: str, message_id: str | None) -> None:
        """The server's Drafts now holds `message_id` for this draft. Already queued (Send was pressed
        while the save ran): the outbox entry records it instead, so the Sent-copy step removes the
        copy that is really there, once."""
        with self._tx() as db:
            db.execute("UPDATE drafts SET server_message_id=? WHERE id=?", (message_id, draft_id))
            db.execute("UPDATE outbox SET server_draft_id=? WHERE draft_id=? AND state IN (?,?,?)",
                       (message_id, draft_id, QUEUED, SENDING, ACCEPTED))

    def close_draft(self, draft_id: str) -> None:
        """Sent or discarded: no longer offered for recovery."""
        with self._tx() as db:
            db.execute("DELETE FROM drafts WHERE id=?", (draft_id,))

    def recoverable_drafts(self, account: str | None = None) -> list[DraftRecord]:
        """Drafts left open by an earlier run that ended without closing them (crash, power cut)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, account, fields, updated_at, server_message_id FROM drafts"
                " WHERE open=1 AND owner_token<>? ORDER BY updated_at", (_PROCESS_TOKEN,)).fetchall()
        return [DraftRecord(r[0], r[1], json.loads(r[2]), r[3], r[4]) for r in rows
                if account is None or r[1] == account]

    def local_drafts(self, account: str) -> list[DraftRecord]:
        """Drafts kept on this computer only (written offline, or the server could not take them)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, account, fields, updated_at, server_message_id FROM drafts"
                " WHERE open=1 AND account=? ORDER BY updated_at DESC", (account,)).fetchall()
        return [DraftRecord(r[0], r[1], json.loads(r[2]), r[3], r[4]) for r in rows]

    def adopt_draft(self, draft_id: str) -> DraftRecord:
        """This run restores the draft: it is ours now (not offered again while we edit it)."""
        with self._tx() as db:
            db.execute("UPDATE drafts SET owner_pid=?, owner_token=? WHERE id=?",
                       (os.getpid(), _PROCESS_TOKEN, draft_id))
        return self.draft(draft_id)


def _entry(row: dict[str, Any]) -> OutboxEntry:
    return OutboxEntry(
        id=row["id"], account=row["account"], message_id=row["message_id"], state=row["state"],
        spool_path=Path(row["spool_path"]), sender=row["sender"],
        recipients=tuple(json.loads(row["recipients"])), subject=row["subject"], size=row["size"],
        created_at=row["created_at"], attempts=row["attempts"], next_attempt_at=row["next_attempt_at"],
        last_error=row["last_error"], original_message_id=row["original_message_id"],
        original_flag=row["original_flag"], original_folder=row["original_folder"], draft_id=row["draft_id"],
        refusals=tuple((a, int(c), t) for a, c, t in json.loads(row.get("refusals") or "[]")),
        server_draft_id=row.get("server_draft_id"))


@contextmanager
def restoring_selection(imap: ImapSession) -> Iterator[None]:
    """The session may be the main window's: leave its selected folder as we found it, in the same
    mode (an EXAMINE here used to turn the window's later flag changes into ignored STOREs)."""
    previous = getattr(imap, "selected", None)
    writable = bool(getattr(imap, "selected_writable", False))
    try:
        yield
    finally:
        if previous and (getattr(imap, "selected", None) != previous
                         or bool(getattr(imap, "selected_writable", False)) != writable):
            try:
                imap.select(previous, readonly=not writable)
            except errors.AcmailError:
                pass  # the caller selects again before its next command anyway


def find_special_folder(imap: ImapSession, special_use: str) -> str | None:
    """Sent / Drafts by the same rule as the folder tree and the delete (`core.folders`)."""
    return folder_for(imap.special_folders(), special_use)


def flag_original(imap: ImapSession, message_id: str, flag: str, folders: tuple[str, ...] = ("INBOX",)) -> bool:
    """Mark the replied/forwarded original, found by its Message-ID (UIDs may have changed)."""
    for folder in folders:
        imap.select(folder)
        uids = imap.search_header("Message-ID", message_id)
        if uids:
            imap.add_flags(uids, [flag])
            return True
    return False


def save_draft_to_server(imap: ImapSession, raw: bytes, message_id: str, previous_message_id: str | None) -> bool:
    """Append the draft to Drafts, then remove the previous server copy (replace, never pile up)."""
    with restoring_selection(imap):
        return _replace_server_draft(imap, raw, message_id, previous_message_id)


def drafts_folder(imap: ImapSession) -> str | None:
    return find_special_folder(imap, "\\Drafts")


def _replace_server_draft(imap: ImapSession, raw: bytes, message_id: str, previous_message_id: str | None) -> bool:
    drafts = drafts_folder(imap)
    if drafts is None:
        return False
    imap.append(drafts, raw, flags=["\\Draft", "\\Seen"])
    if previous_message_id and previous_message_id != message_id:
        _delete_by_message_id(imap, drafts, previous_message_id)
    return True


def remove_server_draft(imap: ImapSession, message_id: str) -> bool:
    """The message written from this draft was sent: the draft leaves Drafts (absent: nothing to do)."""
    drafts = drafts_folder(imap)
    return drafts is not None and _delete_by_message_id(imap, drafts, message_id)


def _delete_by_message_id(imap: ImapSession, folder: str, message_id: str) -> bool:
    imap.select(folder)
    found = imap.search_header("Message-ID", message_id)
    if found:
        imap.add_flags(found, ["\\Deleted"])
        if imap.has("UIDPLUS"):
            imap.expunge(found)
    return bool(found)
