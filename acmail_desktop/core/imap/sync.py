"""Folder synchronisation between one IMAP session and the local Store, plus IDLE.

Why it is shaped like this (issues 4 and 10):
- headers are fetched with the raw FETCH path and `fetchparse` (imapclient's parser is ~12x the
  wire time), newest first: the last `first_batch` sequence numbers, then the rest in one streamed
  response committed every `commit_every` rows, each commit announced through `on_batch`; a large
  cold load is parsed and committed by two helper processes (`imap.loader`) while this thread reads;
- resync is RFC 4549 + RFC 7162: new mail by UID range from the cached UIDNEXT, flag changes and
  expunges with `CHANGEDSINCE ... VANISHED` (QRESYNC) or `CHANGEDSINCE` + a UID diff (CONDSTORE),
  else a full `FLAGS` fetch diffed against the cache; nothing at all when HIGHESTMODSEQ, UIDNEXT and
  EXISTS are unchanged (warm open = one SELECT);
- a UIDVALIDITY change wipes that folder's cache: its UIDs now name other messages;
- bodies come with BODY.PEEK, so reading never marks a message seen until the UI asks.
A FolderSync is used by the thread that owns its session (the account's worker).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from acmail_desktop import __version__
from acmail_desktop.core import errors, log
from acmail_desktop.core.bodytext import searchable_text
from acmail_desktop.core.imap import fetchparse as fp
from acmail_desktop.core.imap.headers import HeaderCollector
from acmail_desktop.core.imap.loader import LOADER_MIN_ROWS, HeaderLoader
from acmail_desktop.core.imap.session import FolderInfo, ImapSession
from acmail_desktop.core.imap.uidset import expand_uid_set, uid_set
from acmail_desktop.core.summary import AttachmentPart, attachment_parts

if TYPE_CHECKING:
    from acmail_desktop.core.account import Account
    from acmail_desktop.core.store import Store

BatchCallback = Callable[[str, int], None]  # (folder, rows stored so far)


@dataclass
class SyncResult:
    folder: str
    mode: str = "unchanged"  # full | qresync | condstore | fallback | unchanged
    new: int = 0
    changed: int = 0
    vanished: int = 0
    rebuilt: bool = False
    commands: int = 0  # IMAP round trips after SELECT (warm open target: 0)
    seconds: float = 0.0


@dataclass
class UndoRecord:
    kind: str  # move | delete | archive
    source: str
    dest: str
    mapping: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class MoveOutcome:
    """What the server did with a move, delete or archive, as the undo stack saw it."""
    moved: bool       # the messages went to another folder (an undo record appeared), not erased
    undoable: bool    # ... and the server said where (COPYUID): Ctrl+Z can bring them back
    can_undo: bool    # something on the undo stack can be undone


class FolderSync:
    """Keeps the Store in step with the server for one account's session."""

    def __init__(self, session: ImapSession, store: Store, *, use_condstore: bool = True,
                 use_qresync: bool = True, first_batch: int = 50, commit_every: int = 5_000,
                 use_helpers: bool = True, defer_indexes: bool = False) -> None:
        """`use_condstore` is the `network.condstore` setting; `use_qresync=False` keeps CONDSTORE
        without QRESYNC (servers whose QRESYNC is broken, and the tests of that path).
        `use_helpers=False` keeps a large cold load in this thread (see `imap.loader`).
        `defer_indexes=True` ends a cold load without building its quick-filter and sort indexes:
        the caller runs `Store.build_deferred_indexes` afterwards, off this connection's worker."""
        self.session = session
        self.defer_indexes = defer_indexes
        self.store = store
        self.use_helpers = use_helpers
        self.use_condstore = use_condstore
        self.use_qresync = use_qresync
        self.first_batch = max(1, first_batch)
        self.commit_every = max(100, commit_every)
        self.qresync = False
        self.condstore = False
        self._started = False
        self._body_access_ready: tuple[int, str] | None = None  # (session.selects, folder)
        self.undo_stack: list[UndoRecord] = []

    # --- session setup -------------------------------------------------------------------------
    def start(self) -> None:
        """Once per session, after login: ID, then ENABLE QRESYNC/CONDSTORE when allowed."""
        if self._started:
            return
        self._started = True
        wanted = [c for c in ("QRESYNC", "CONDSTORE") if self.use_condstore and self.session.has(c)
                  and (c != "QRESYNC" or self.use_qresync)]
        if wanted and self.session.has("ENABLE"):
            # ID and ENABLE pipelined: one round trip (issue 23); ID's refusal is ignored there.
            enabled = set(self.session.identify_and_enable("AcMail", __version__, wanted))
            self.qresync = "QRESYNC" in enabled
            self.condstore = self.qresync or "CONDSTORE" in enabled
            return
        with suppress(errors.ProtocolError):  # ID is courtesy; a refusal changes nothing
            self.session.identify("AcMail", __version__)
        if self.use_condstore and self.session.has("CONDSTORE"):
            self.condstore = True  # RFC 7162: using CHANGEDSINCE enables it implicitly

    def sync_folders(self) -> list[FolderInfo]:
        """LIST and LSUB into the store, each special folder resolved by the one rule of
        `core.folders` (attributes, choices, known names under the personal prefix), and the
        namespace kept for the tree and for new folders.

        The tree shows the subscribed folders (as other mail programs do); a folder that appears
        on the server unsubscribed — made in the webmail, or all of them after a move to another
        messagerie — is kept for a notice (`Store.take_unannounced_folders`)."""
        self.start()
        folders = self.session.list_folders()
        subscribed = self.session.list_subscribed()
        namespace = self.session.personal_namespace(folders)
        special_uses = self.session.special_folders(folders)
        known = {row[0] for row in self.store.server_folders()}
        self.store.upsert_folders(folders, special_uses=special_uses, subscribed=subscribed)
        self.store.set_namespace(namespace)
        if subscribed is not None:
            self.store.add_unannounced_folders(
                f.name for f in folders if f.name not in known and f.name not in subscribed
                and f.selectable and f.name.upper() != "INBOX" and not special_uses.get(f.name))
        return folders

    def _select(self, folder: str) -> Any:
        self.start()
        return self.session.select(folder)

    def _ensure_selected(self, folder: str) -> None:
        """For reading: the folder selected, read-only or read-write."""
        if self.session.selected != folder:
            self._select(folder)

    def _ensure_writable(self, folder: str) -> None:
        """For any change: the folder selected read-write (the name alone is not enough: a draft
        save or the outbox may have left it EXAMINEd, and a STORE there is ignored)."""
        self.start()
        self.session.ensure_writable(folder)

    @contextmanager
    def _changing(self, folder: str, uids: list[int]) -> Iterator[None]:
        """Run a change; if it fails or is ignored, the cache takes the server's word for these
        messages before the error goes on (never left ahead of the server)."""
        try:
            yield
        except errors.AcmailError as exc:
            if not isinstance(exc, errors.SessionLost | errors.Cancelled):
                self._correct_cache(folder, uids)
            raise

    def _correct_cache(self, folder: str, uids: list[int]) -> None:
        if not uids:
            return
        try:
            self._ensure_selected(folder)
            _, _, seen = self._fetch_flags(folder, uid_set(uids), "")
        except errors.AcmailError as exc:
            log.imap.warning("%s: cache not corrected after a failed change (%s)", folder, exc.code)
            return
        gone = [uid for uid in uids if uid not in seen]
        if gone:
            self.store.remove_uids(folder, gone)

    # --- header sync -----------------------------------------------------------------------------
    def sync(self, folder: str, on_batch: BatchCallback | None = None) -> SyncResult:
        started = time.perf_counter()
        status = self._select(folder)
        state = self.store.folder_state(folder)
        result = SyncResult(folder)
        if state is not None and state.uidvalidity is not None and state.uidvalidity != status.uidvalidity:
            log.store.info("%s: UIDVALIDITY changed, rebuilding its cache", folder)
            self.store.reset_folder(folder)
            result.rebuilt = True
            state = self.store.folder_state(folder)
        if state is None or not state.synced or state.uidvalidity is None:
            self._full(folder, status, result, on_batch)
        else:
            self._incremental(folder, status, state, result, on_batch)
        modseq = status.highestmodseq if self.condstore else None
        if result.mode != "unchanged" or modseq != state_modseq(state):
            self.store.set_folder_state(folder, uidvalidity=status.uidvalidity, uidnext=status.uidnext,
                                        highestmodseq=modseq, exists_count=status.exists, synced=1)
        result.seconds = time.perf_counter() - started
        return result

    def _full(self, folder: str, status: Any, result: SyncResult, on_batch: BatchCallback | None) -> None:
        result.mode = "full"
        exists = status.exists
        if exists == 0:
            return
        first = max(1, exists - self.first_batch + 1)
        # Into an empty cache, secondary indexes are rebuilt once at the end (see Store.begin_bulk_load);
        # the first screenful still comes first: it is committed and announced before the rest.
        bulk = self.store.begin_bulk_load(folder, exists)
        loader: HeaderLoader | None = None
        try:
            if self.use_helpers and first - 1 >= LOADER_MIN_ROWS:
                # Started now, so the processes' start-up overlaps the first screenful's fetch.
                loader = HeaderLoader(self.store.path, folder, bulk=bulk, commit_every=self.commit_every)
            stored = self._fetch_headers(folder, f"{first}:{exists}", by_uid=False, on_batch=on_batch,
                                         stored=0, max_rows=exists - first + 1)
            result.commands += 1
            if loader is not None:
                stored = self._fetch_headers_in_helpers(loader, folder, f"1:{first - 1}", on_batch=on_batch,
                                                        stored=stored)
                result.commands += 1
            elif first > 1:
                stored = self._fetch_headers(folder, f"1:{first - 1}", by_uid=False, on_batch=on_batch,
                                             stored=stored, max_rows=first - 1)
                result.commands += 1
        finally:
            if loader is not None:
                loader.close()
            if bulk:
                self.store.end_bulk_load(build_indexes=not self.defer_indexes)
        result.new = stored

    def _incremental(self, folder: str, status: Any, state: Any, result: SyncResult,
                     on_batch: BatchCallback | None) -> None:
        known_next = state.uidnext or (self.store.max_uid(folder) + 1)
        modseq_ok = self.condstore and state.highestmodseq and status.highestmodseq
        unchanged = (modseq_ok and status.highestmodseq == state.highestmodseq
                     and status.uidnext == state.uidnext and status.exists == state.exists)
        if unchanged:
            return
        if status.uidnext is None or status.uidnext > known_next:
            # Rows this client put there itself (a move, an undo: the undone message came back
            # with a new UID) are not new mail, and must not be announced as such.
            already = self.store.count_uids_from(folder, known_next)
            fetched = self._fetch_headers(folder, f"{known_next}:*", by_uid=True, on_batch=on_batch,
                                          stored=0, min_uid=known_next,
                                          max_uid=status.uidnext - 1 if status.uidnext else None)
            result.new = max(0, fetched - already)
            result.commands += 1
        if known_next <= 1:
            result.mode = "fallback" if not modseq_ok else ("qresync" if self.qresync else "condstore")
            return
        old_range = f"1:{known_next - 1}"
        if modseq_ok and status.highestmodseq == state.highestmodseq:
            result.mode = "qresync" if self.qresync else "condstore"
            return
        if modseq_ok and self.qresync:
            result.mode = "qresync"
            changed, vanished, _ = self._fetch_flags(
                folder, old_range, f"CHANGEDSINCE {state.highestmodseq} VANISHED")
            result.commands += 1
        elif modseq_ok:
            result.mode = "condstore"
            changed, vanished, _ = self._fetch_flags(folder, old_range, f"CHANGEDSINCE {state.highestmodseq}")
            result.commands += 1
            cached = len(self.store.uids(folder))
            if cached - len(vanished) != status.exists:
                vanished |= self._expunged_by_search(folder, known_next)
                result.commands += 1
        else:
            result.mode = "fallback"
            changed, vanished, seen = self._fetch_flags(folder, old_range, "")
            result.commands += 1
            vanished |= {uid for uid in self.store.uids(folder) if uid < known_next and uid not in seen}
        result.changed = changed
        if vanished:
            result.vanished = self.store.remove_uids(folder, sorted(vanished))

    def _expunged_by_search(self, folder: str, below: int) -> set[int]:
        present = set(self.session.search_uids(["UID", f"1:{below - 1}"])) if below > 1 else set()
        return {uid for uid in self.store.uids(folder) if uid < below and uid not in present}

    def _fetch_headers(self, folder: str, range_: str, *, by_uid: bool, on_batch: BatchCallback | None,
                       stored: int, min_uid: int = 0, max_uid: int | None = None,
                       max_rows: int | None = None) -> int:
        """Stream one header FETCH into the store, committing every `commit_every` rows.

        In this thread: the responses come as wire bytes (`raw_fetch_chunks`) and `HeaderCollector`
        makes the rows. For a large cold load, `_fetch_headers_in_helpers` does the same with the
        parsing and the commits in two helper processes."""
        collector = HeaderCollector(min_uid, max_uid, max_rows)
        commit_every = self.commit_every
        for chunk in self.session.raw_fetch_chunks(range_, fp.HEADER_ITEMS, by_uid=by_uid):
            collector.feed_chunk(chunk)
            if len(collector.rows) >= commit_every:
                stored += self.store.put_headers(folder, collector.take_rows())
                if on_batch:
                    on_batch(folder, stored)
        rows = collector.take_rows()
        if rows:
            stored += self.store.put_headers(folder, rows)
        if collector.flag_updates:
            self.store.set_flags(folder, collector.flag_updates)
        if collector.vanished:
            self.store.remove_uids(folder, collector.vanished)
        if collector.unasked:  # a confused or hostile server: said once, never stored
            log.imap.warning("%s: %d FETCH rows beyond what was asked for (%s) were dropped", folder,
                             collector.unasked, range_)
        if on_batch and rows:
            on_batch(folder, stored)
        return stored

    def _fetch_headers_in_helpers(self, loader: HeaderLoader, folder: str, range_: str, *,
                                  on_batch: BatchCallback | None, stored: int) -> int:
        """`_fetch_headers` through a HeaderLoader: this thread only reads the socket."""
        for chunk in self.session.raw_fetch_chunks(range_, fp.HEADER_ITEMS, by_uid=False):
            loader.feed(chunk)
            if loader.progress() and on_batch:
                on_batch(folder, stored + loader.stored)
        loaded = loader.finish(on_progress=(lambda n: on_batch(folder, stored + n)) if on_batch else None)
        if on_batch:
            on_batch(folder, stored + loaded)
        return stored + loaded

    def _fetch_flags(self, folder: str, range_: str, modifiers: str) -> tuple[int, set[int], set[int]]:
        """FLAGS (optionally CHANGEDSINCE/VANISHED) -> (rows changed, vanished UIDs, UIDs seen).

        The server's answers are parsed first (`fp.fast_flags`, else the general parser), then
        compared with the cache: for CHANGEDSINCE only the changed UIDs are read from it, not
        the whole folder's flags (50 ms at 50,000 messages)."""
        values: dict[int, tuple[int, str]] = {}
        vanished: set[int] = set()
        for text, literals in self.session.raw_uid_fetch(range_, "UID FLAGS", modifiers):
            fast = fp.fast_flags(text) if not literals else None
            if fast is not None:
                values[fast[0]] = fast[1]
                continue
            kind, _ = fp.classify(text)
            if kind == "FETCH":
                data = fp.parse_fetch(text, literals)
                uid = data.get(b"UID")
                if uid is None or b"FLAGS" not in data:
                    continue
                values[uid] = fp.flags_bits(data[b"FLAGS"])
            elif kind == "VANISHED":
                vanished.update(expand_uid_set(fp.parse_vanished(text)))
        cached = self.store.flags_for(folder, values) if modifiers else self.store.flags_of(folder)
        updates = [(uid, *value) for uid, value in values.items() if uid in cached and cached[uid] != value]
        seen = set(values)
        if updates:
            self.store.set_flags(folder, updates)
        return len(updates), vanished, seen

    # --- bodies ----------------------------------------------------------------------------------
    def prepare_body_access(self, folder: str) -> bool:
        """Pay the server's first-body cost of this opening of `folder` before the click: one byte
        of its newest message (BODY.PEEK: nothing marked read). Measured on the test Dovecot at
        50,000 messages, after the header sync: the first body read of each session took ~96 ms
        on the server whatever the message, the next ones 0.3 ms (issue 23: "opening an unread
        message" was 168 ms on the école link against 42 ms for a second fetch). Once per SELECT;
        False when there was nothing to do."""
        session = self.session
        if session.selected != folder or self._body_access_ready == (session.selects, folder):
            return False
        uid = self.store.max_uid(folder)
        if not uid:
            return False
        for _response in session.raw_uid_fetch(str(uid), "BODY.PEEK[]<0.1>"):
            pass
        self._body_access_ready = (session.selects, folder)
        return True

    def fetch_body(self, folder: str, uid: int) -> bytes | None:
        """The cached body, else BODY.PEEK[] from the server into the cache (None if gone)."""
        cached = self.store.body(folder, uid)
        if cached is not None:
            return cached
        self._ensure_selected(folder)
        raw = self.session.fetch_body(uid)
        if raw is None:
            return None
        self.store.put_body(folder, uid, raw, complete=True, searchable=searchable_text(raw))
        return raw

    def attachment_parts(self, folder: str, uids: Iterable[int]) -> dict[int, list[AttachmentPart]]:
        """Each message's attachments and their sizes from the server's BODYSTRUCTURE (nothing is
        downloaded): "Libérer de l'espace" lists the large files, not only the large messages."""
        wanted = sorted(set(uids))
        if not wanted:
            return {}
        self._ensure_selected(folder)
        rows = self.session.fetch(wanted, ["BODYSTRUCTURE"])
        return {uid: attachment_parts(row.get(b"BODYSTRUCTURE")) for uid, row in rows.items()}

    # --- operations mirrored to the store ---------------------------------------------------------
    def mark_seen(self, folder: str, uids: Iterable[int], seen: bool = True) -> None:
        self._set_flag(folder, uids, "\\Seen", fp.SEEN, seen)

    def set_flagged(self, folder: str, uids: Iterable[int], flagged: bool = True) -> None:
        self._set_flag(folder, uids, "\\Flagged", fp.FLAGGED, flagged)

    def _set_flag(self, folder: str, uids: Iterable[int], flag: str, bit: int, on: bool) -> None:
        uid_list = list(uids)
        with self._changing(folder, uid_list):
            self._ensure_writable(folder)
            if on:
                self.session.add_flags(uid_list, [flag])
            else:
                self.session.remove_flags(uid_list, [flag])
        if on:
            self.store.change_flags(folder, uid_list, add=bit)
        else:
            self.store.change_flags(folder, uid_list, remove=bit)

    def move(self, folder: str, uids: Iterable[int], dest: str, *, kind: str = "move") -> dict[int, int]:
        """MOVE (or the UIDPLUS fallback); the store follows and an undo record is kept."""
        uid_list = sorted(set(uids))
        if not uid_list or dest == folder:
            return {}
        with self._changing(folder, uid_list):
            self._ensure_writable(folder)
            mapping = self.session.move(uid_list, dest)
        if mapping:
            self.store.move_rows(folder, dest, mapping)
        else:
            self.store.remove_uids(folder, uid_list)  # the destination's next sync brings them
        self.undo_stack.append(UndoRecord(kind, folder, dest, mapping))
        del self.undo_stack[:-20]
        return mapping

    def delete(self, folder: str, uids: Iterable[int], *, permanently: bool = False) -> dict[int, int]:
        """To the Trash (undoable when the server gives COPYUID). Inside the Trash, deleted for
        good; without a Trash, only with `permanently` (the user said yes), else NoTrashFolder:
        mail is never erased because no Trash was recognised."""
        trash = self.store.folder_by_use("\\Trash")
        if trash and trash != folder:
            return self.move(folder, uids, trash, kind="delete")
        if not trash and not permanently:
            raise errors.NoTrashFolder(f"{folder}: no Trash folder; not erasing without confirmation")
        uid_list = list(uids)
        with self._changing(folder, uid_list):
            self._ensure_writable(folder)
            self.session.delete(uid_list, None)
        self.store.remove_uids(folder, uid_list)
        return {}

    def relocate(self, change: Callable[[], object]) -> MoveOutcome:
        """Run `change` (a move, delete or archive of this sync) and say what it did: moved or
        erased for good, and whether Ctrl+Z can undo it (never offered for an erase)."""
        before = self.undo_stack[-1] if self.undo_stack else None
        change()
        record = self.undo_stack[-1] if self.undo_stack else None
        moved = record is not None and record is not before
        return MoveOutcome(moved, moved and bool(record and record.mapping),
                           any(r.mapping for r in self.undo_stack))

    def archive(self, folder: str, uids: Iterable[int]) -> dict[int, int]:
        archive = self.store.folder_by_use("\\Archive")
        if not archive:
            raise errors.ProtocolError("the server has no Archive folder")
        return self.move(folder, uids, archive, kind="archive")

    def search_text(self, folder: str, text: str) -> list[int]:
        """UIDs of `folder` whose headers or text contain `text`, searched on the server."""
        self._ensure_selected(folder)
        return self.session.search_text(text)

    # --- folders: the server first, then the cache follows (as for messages) -----------------------
    def create_folder(self, name: str) -> None:
        """CREATE then SUBSCRIBE: a folder made here shows in other mail apps too."""
        self.session.create_folder(name)
        self.session.subscribe(name)

    def rename_folder(self, old: str, new: str) -> None:
        """RENAME, and the subscription follows the name (RFC 3501 leaves it to the client:
        some servers keep the old name subscribed and the renamed folder would vanish)."""
        self.session.rename_folder(old, new)
        self.store.rename_folder(old, new)
        subscribed = self.session.list_subscribed()
        if subscribed is not None and old in subscribed:
            self.session.subscribe(new)
            with suppress(errors.ProtocolError):
                self.session.subscribe(old, False)

    def delete_folder(self, name: str, *, fallback: str = "INBOX") -> None:
        """DELETE; a selected folder is left first (for `fallback`, read-only), as servers refuse to
        delete the selected mailbox."""
        if self.session.selected == name:
            self.session.select(fallback, readonly=True)
        self.session.delete_folder(name)
        self.store.delete_folder(name)

    def subscribe(self, name: str, subscribed: bool = True) -> None:
        """SUBSCRIBE / UNSUBSCRIBE, then the cache (the tree shows the subscribed folders)."""
        self.session.subscribe(name, subscribed)
        self.store.set_subscribed(name, subscribed)

    def server_folders(self) -> list[tuple[str, str, str, bool]]:
        """Every folder on the server, subscribed or not, fresh from LIST and LSUB (the
        subscriptions dialog must see folders another program created a minute ago)."""
        self.sync_folders()
        return self.store.server_folders()

    def undo_last(self) -> UndoRecord | None:
        """Move the last moved/deleted messages back; None when nothing can be undone."""
        while self.undo_stack:
            record = self.undo_stack.pop()
            if not record.mapping:
                continue  # the server gave no COPYUID: the new UIDs are unknown
            moved = sorted(record.mapping.values())
            with self._changing(record.dest, moved):
                self._ensure_writable(record.dest)
                back = self.session.move(moved, record.source)
            if back:
                self.store.move_rows(record.dest, record.source, back)
            else:
                self.store.remove_uids(record.dest, record.mapping.values())
            return record
        return None


def state_modseq(state: Any) -> int | None:
    return getattr(state, "highestmodseq", None) if state is not None else None


class IdleWatcher:
    """IDLE on a second connection of the account, in its own thread; `on_change(responses)` is
    called from that thread (the UI wraps it in a signal). IDLE is re-issued before the server's
    30-minute inactivity timeout (RFC 2177 asks for 29 min). The Account never replays a PassCode:
    with a single-use credential `start` fails with PassCodeSpent in `error` and the UI polls."""

    def __init__(self, account: Account, folder: str, on_change: Callable[[list[tuple[Any, ...]]], None],
                 *, reissue_after: float = 29 * 60, poll: float = 0.5,
                 on_error: Callable[[errors.AcmailError], None] | None = None) -> None:
        self.account = account
        self.folder = folder
        self.on_change = on_change
        self.on_error = on_error
        self.reissue_after = reissue_after
        self.poll = poll
        self.reissued = 0
        self.error: errors.AcmailError | None = None
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None
        self._session: ImapSession | None = None
        self._wanted = folder
        self.folder_changes = 0  # how many times the same connection moved to another folder

    def watch(self, folder: str) -> None:
        """Move to `folder` on the same connection (DONE, EXAMINE, IDLE: one round trip at the next
        poll) instead of a new connection and login per folder change."""
        self._wanted = folder

    def start(self, wait: float | None = 10.0) -> None:
        self._thread = threading.Thread(target=self._run, name=f"idle-{self.folder}", daemon=True)
        self._thread.start()
        if wait:
            self._ready.wait(wait)
            if self.error is not None:
                raise self.error

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive() and self._ready.is_set()

    @property
    def alive(self) -> bool:
        """Started and not ended (possibly still logging in): `watch()` will be honoured."""
        return self._thread is not None and self._thread.is_alive() and not self._stop.is_set()

    def _run(self) -> None:
        session: ImapSession | None = None
        try:
            session = self._session = self.account.new_imap_session(compress=False)
            self.account.open_imap(session)
            session.select(self.folder, readonly=True)
            session.idle_start()
            since = time.monotonic()
            self._ready.set()
            while not self._stop.is_set():
                self._report(session.idle_check(self.poll))
                if (wanted := self._wanted) != self.folder:
                    session.idle_done()  # what arrived for the folder left behind no longer matters
                    session.select(wanted, readonly=True)
                    session.idle_start()
                    since = time.monotonic()
                    self.folder_changes += 1
                    self.folder = wanted  # once IDLE runs there
                elif time.monotonic() - since >= self.reissue_after:
                    self._report(session.idle_done())
                    session.idle_start()
                    since = time.monotonic()
                    self.reissued += 1
            session.idle_done()
        except errors.AcmailError as exc:
            if not self._stop.is_set():
                self.error = exc
                log.imap.warning("IDLE on %s stopped: %s", self.folder, exc.code)
                if self.on_error:
                    self.on_error(exc)
        finally:
            self._ready.set()
            if session is not None:
                session.logout()

    def _report(self, responses: list[tuple[Any, ...]]) -> None:
        interesting = [r for r in responses if len(r) > 1 and r[1] in (b"EXISTS", b"EXPUNGE", b"FETCH")]
        if interesting:
            self.on_change(interesting)

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive() and self._session is not None:
                self._session.abort()
                self._thread.join(timeout)
