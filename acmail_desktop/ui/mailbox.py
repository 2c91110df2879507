"""One account's mailbox for the UI: its IMAP worker, FolderSync, cache, new-mail watch, reconnection.

Why a separate object: the main window shows; this owns the connection. Every IMAP command runs on
the one `ConnectionWorker` that owns the session (never two threads on one connection); rendering
runs on a second worker so a slow HTML conversion never delays a flag change. The GUI thread only
reads the cache (`Store` gives each thread its own SQLite connection; WAL lets it read while the
sync writes).

New mail: a password session opens a second connection for IDLE (`IdleWatcher`); a PassCode session
cannot log in twice, so the main connection is polled with NOOP every minute instead.
Offline: a lost connection leaves the cache browsable; a password session reconnects with backoff
(never after a rejection: `Account` refuses locally); a PassCode session asks for a new code.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from contextlib import suppress
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from acmail_desktop.core import errors, log
from acmail_desktop.core.account import Account
from acmail_desktop.core.context import AppContext
from acmail_desktop.core.folders import choices_from_settings, remember_choice
from acmail_desktop.core.imap.prefetch import BodyPrefetcher
from acmail_desktop.core.imap.session import ImapSession
from acmail_desktop.core.imap.sync import FolderSync, IdleWatcher, SyncResult
from acmail_desktop.core.render import RenderedMessage, View, default_converter, render
from acmail_desktop.core.store import Store
from acmail_desktop.ui.tasks import BackgroundWorker, ConnectionWorker, ignored

POLL_INTERVAL_MS = 60_000
BACKOFF_MS = (2_000, 5_000, 15_000, 30_000, 60_000, 120_000, 300_000)
OFFLINE_ERRORS = (errors.SessionLost, errors.NetworkDown, errors.ConnectionRefused, errors.ConnectionTimeout,
                  errors.DnsFailure)


def is_offline_error(error: BaseException) -> bool:
    return isinstance(error, (*OFFLINE_ERRORS, ConnectionError, TimeoutError))


class Mailbox(QObject):
    folders_changed = Signal()
    store_changed = Signal(str)            # folder whose cached rows changed (flags, move, delete...)
    batch_stored = Signal(str)             # a sync batch landed: the window coalesces these
    folder_synced = Signal(str, object)    # folder, SyncResult
    online_changed = Signal(bool)
    failed = Signal(object)                # an error the user should see
    new_mail = Signal(str, int)            # folder, new messages
    passcode_needed = Signal()             # PassCode session lost: only the user can reconnect
    _idle_event = Signal()                 # from the IDLE thread to the GUI thread

    def __init__(self, context: AppContext, account: Account, session: ImapSession | None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.account = account
        self.session = session
        self.passcode_session = account.needs_new_passcode  # a PassCode is spent by the first login
        self.store = Store.for_account(context.paths.cache_dir, account.identity.key)
        self._load_special_choices()
        self.sync = self._make_sync(session) if session is not None else None
        self.worker = ConnectionWorker("imap", self)
        # Rendering (the HTML helper) and dropping a dead connection: never on the IMAP worker.
        self.render_worker = BackgroundWorker("render", self, on_error=self.failed.emit)
        # Builds what a cold load deferred (quick-filter and sort indexes) after the folder is
        # shown: its own thread, so neither a click (IMAP worker) nor a message (render) waits.
        self.index_worker = BackgroundWorker("index", self)
        self._index_stop = threading.Event()
        self._index_job: Future[None] | None = None
        self.online = session is not None
        self.current_folder = "INBOX"
        self.closed = False
        self.idle: IdleWatcher | None = None
        self.prefetcher = self._make_prefetcher()
        self.server_counts: dict[str, tuple[int, int]] = {}  # STATUS (unseen, messages), worker-written
        self._syncing: set[str] = set()
        self._watch_pending = False
        self._resync_wanted: set[str] = set()
        self._attempt = 0
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_INTERVAL_MS)
        self._poll.timeout.connect(self.check_new_mail)
        self._reconnect = QTimer(self)
        self._reconnect.setSingleShot(True)
        self._reconnect.timeout.connect(self.reconnect)
        self._idle_event.connect(self._idle_fired)  # a bound method: queued to the GUI thread

    def _idle_fired(self) -> None:
        self.sync_folder(self.current_folder)

    def _make_prefetcher(self) -> BodyPrefetcher | None:
        """Bodies ahead of the click on a second connection (core/imap/prefetch.py); off in a
        PassCode session (a second connection would need a new code) and with a budget of 0."""
        budget_mb = int(self.context.settings.get("network.prefetch_mb") or 0)
        if budget_mb <= 0 or self.account.single_use_credential:
            return None
        return BodyPrefetcher(self.account.open_imap, self.store, budget_bytes=budget_mb * 1024 * 1024)

    def prefetch(self, folder: str, selected: int | None = None) -> None:
        """Fetch ahead what the user is likely to open next in `folder` (never marks read)."""
        if self.prefetcher is not None and self.online and not self.closed:
            self.prefetcher.start()
            self.prefetcher.plan(folder, selected)

    def _make_sync(self, session: ImapSession) -> FolderSync:
        return FolderSync(session, self.store, use_condstore=bool(self.context.settings.get("network.condstore")),
                          defer_indexes=True)

    def build_indexes(self, folder: str) -> None:
        """After a cold load (or a session that ended before): the quick-filter and sort indexes
        it deferred, in the background; a sort or filter meanwhile is served without them (issue
        23). `store_changed` then lets a filtered list take the index's exact answer."""
        if self.closed:
            return
        store, stop = self.store, self._index_stop

        def work() -> bool:
            try:
                return store.build_deferred_indexes(should_stop=stop.is_set)
            finally:
                store.release_thread()

        self._index_job = self.index_worker.submit(
            work, lambda built: self.store_changed.emit(folder) if built and not self.closed else None,
            lambda error: log.store.warning("deferred indexes not built: %s",
                                            getattr(error, "code", type(error).__name__)))

    # --- running work on the connection ------------------------------------------------------------
    def run(self, work: Callable[[ImapSession], Any], on_success: Callable[[Any], None] | None = None,
            on_failure: Callable[[BaseException], None] | None = None) -> None:
        """`work(session)` on the IMAP worker (also the compose window's `imap_runner`)."""
        self.run_sync(lambda sync: work(sync.session), on_success, on_failure)

    def run_sync(self, work: Callable[[FolderSync], Any], on_success: Callable[[Any], None] | None = None,
                 on_failure: Callable[[BaseException], None] | None = None) -> None:
        def job() -> Any:
            sync = self.sync
            if sync is None or self.closed:
                raise errors.SessionLost("offline")
            return work(sync)

        # The user waits on every job of this worker: no prefetch starts meanwhile.
        prefetcher = self.prefetcher
        if prefetcher is not None:
            prefetcher.pause()

        def succeeded(result: Any) -> None:
            if prefetcher is not None:
                prefetcher.resume()
            if on_success is not None:
                on_success(result)

        def failed(error: BaseException) -> None:
            if prefetcher is not None:
                prefetcher.resume()
            if is_offline_error(error):
                self._lost(error)
            if on_failure is not None:
                on_failure(error)
            elif not is_offline_error(error):
                self.failed.emit(error)

        self.worker.submit(job, succeeded, failed)

    def render_later(self, fn: Callable[[], Any], on_success: Callable[[Any], None],
                     on_failure: Callable[[BaseException], None] | None = None) -> None:
        self.render_worker.submit(fn, on_success, on_failure or self.failed.emit)

    # --- start, folders, sync -----------------------------------------------------------------------
    def start(self) -> None:
        """After login: folder list with each folder's counts, then the inbox, then the new-mail watch."""
        # The HTML helper's imports take a few hundred ms: paid now, not by the first message.
        self.render_worker.submit(default_converter().start, None, ignored("HTML helper warm-up"))
        self.build_indexes(self.current_folder)  # left by a session that ended before they were built

        def work(sync: FolderSync) -> None:
            folders = sync.sync_folders()
            self.fetch_status(sync, [f.name for f in folders if f.selectable])

        self.run_sync(work, lambda _r: self._folders_listed())

    def fetch_status(self, sync: FolderSync, names: list[str]) -> None:
        """STATUS of folders not synced yet, so the tree shows their counts (runs on the worker)."""
        for name in names:
            try:
                status = sync.session.status(name)
            except errors.ProtocolError:
                continue
            self.server_counts[name] = (status.unseen, status.messages)

    def counts(self) -> dict[str, tuple[int, int]]:
        """(unread, total) per folder: the cache for synced folders, else the server's STATUS."""
        result = {}
        for name, _delimiter, _flags, _use, unread, total in self.store.folders():
            state = self.store.folder_state(name)
            if (state is None or not state.synced) and name in self.server_counts:
                unread, total = self.server_counts[name]
            result[name] = (int(unread), int(total))
        return result

    def _folders_listed(self) -> None:
        self.folders_changed.emit()
        # The new-mail watch (a second login for IDLE) waits for the first sync: it would compete
        # with it for the interpreter while the first screenful is being filled.
        self._watch_pending = True
        self.sync_folder(self.current_folder)

    def _load_special_choices(self) -> None:
        """The settings' special-folder choices for this account, shared with every session of it
        (the same dict: a live session sees a change at once)."""
        choices = self.account.special_choices
        choices.clear()
        choices.update(choices_from_settings(self.context.settings, self.account.identity.key))

    def choose_special_folder(self, use: str, name: str | None) -> None:
        """The user says which folder is the Trash (Sent...): remembered for this account, and
        the folder list resolved again so the tree, the delete and the outbox agree at once."""
        remember_choice(self.context.settings, self.account.identity.key, use, name)
        self._load_special_choices()
        self.refresh_folders()

    def refresh_folders(self) -> None:
        self.run_sync(lambda sync: sync.sync_folders(), lambda _r: self.folders_changed.emit())

    def sync_folder(self, folder: str) -> None:
        """Incremental sync; batches land in the store and are announced as they come."""
        if not self.online:
            return
        if folder in self._syncing:
            self._resync_wanted.add(folder)
            return
        self._syncing.add(folder)
        announce = self._batch_emitter()

        def done(result: SyncResult) -> None:
            self._syncing.discard(folder)
            if self._watch_pending:
                self._watch_pending = False
                self._start_watch()
            self.folder_synced.emit(folder, result)
            self.store_changed.emit(folder)
            if result.mode == "full":
                self.build_indexes(folder)
            if folder == self.current_folder:
                self.prefetch(folder)
                # The server's first body read of this SELECT, off the click (sync.prepare_body_access).
                self.worker.submit(lambda: self._prepare_body_access(folder), None,
                                   ignored("first body read ahead of a click"))
            if result.new and result.mode != "full":
                self.new_mail.emit(folder, result.new)
            if folder in self._resync_wanted:
                self._resync_wanted.discard(folder)
                self.sync_folder(folder)

        def failed(error: BaseException) -> None:
            self._syncing.discard(folder)
            if self._watch_pending and not is_offline_error(error):
                self._watch_pending = False
                self._start_watch()
            if not is_offline_error(error):
                self.failed.emit(error)

        self.run_sync(lambda sync: sync.sync(folder, on_batch=announce), done, failed)

    def _prepare_body_access(self, folder: str) -> None:
        """On the IMAP worker, not through run_sync: nobody waits on it, so it neither pauses the
        prefetcher nor reports an error (a lost connection is found by the next real command)."""
        sync = self.sync
        if sync is not None and not self.closed and folder == self.current_folder:
            with suppress(errors.AcmailError):
                sync.prepare_body_access(folder)

    def _batch_emitter(self) -> Callable[[str, int], None]:
        # Called on the worker thread: a signal is the only thing it may touch (queued to the GUI).
        return lambda folder, _stored: self.batch_stored.emit(folder)

    def open_folder(self, folder: str) -> None:
        self.current_folder = folder
        self.sync_folder(folder)
        if self.idle is not None:
            if self.idle.alive:
                self.idle.watch(folder)  # same connection, no new login (#23)
            else:
                self._restart_idle()

    # --- new mail --------------------------------------------------------------------------------------
    def _start_watch(self) -> None:
        if self.passcode_session:
            self._poll.start()
            return
        self._restart_idle()

    def _restart_idle(self) -> None:
        self._stop_idle()
        if self.closed or not self.online or self.passcode_session:
            return
        watcher = IdleWatcher(self.account, self.current_folder, lambda _r: self._idle_event.emit(),
                              on_error=lambda _e: None)
        self.idle = watcher
        try:
            watcher.start(wait=None)  # never block the GUI thread on the second login
        except errors.AcmailError:  # pragma: no cover - start(wait=None) does not raise
            self.idle = None
            self._poll.start()

    def _stop_idle(self) -> None:
        watcher, self.idle = self.idle, None
        if watcher is not None:
            # Joining the IDLE thread (DONE + LOGOUT) takes a moment: off the GUI thread, and not on
            # the render worker either (a message shown meanwhile would wait for it).
            threading.Thread(target=watcher.stop, name="idle-stop", daemon=True).start()

    def check_new_mail(self) -> None:
        """Poll (PassCode sessions) or the Relever button: NOOP then an incremental sync."""
        if not self.online:
            if not self.passcode_session:
                self.reconnect()
            return

        def noop(sync: FolderSync) -> None:
            sync.session.noop()
            self.fetch_status(sync, [n for n in self.server_counts if n != self.current_folder])

        self.run_sync(noop, lambda _r: self.sync_folder(self.current_folder))

    # --- offline and reconnection ------------------------------------------------------------------
    def _lost(self, error: BaseException) -> None:
        if not self.online or self.closed:
            return
        log.imap.warning("connection lost (%s): offline, the cache stays readable",
                         getattr(error, "code", type(error).__name__))
        self.online = False
        self._syncing.clear()
        self._poll.stop()
        self._stop_idle()
        session, self.session, self.sync = self.session, None, None
        if session is not None:
            self.render_worker.submit(session.abort, None, ignored("abort of a lost connection"))
        self.online_changed.emit(False)
        if self.passcode_session or self.account.needs_new_passcode:
            self.passcode_needed.emit()
        elif self.account.rejected is None:
            self._schedule_reconnect()

    def go_offline(self) -> None:
        """The connection is gone (tests close it; the network dropped): same path as a failure."""
        self._lost(errors.SessionLost("closed"))

    def _schedule_reconnect(self) -> None:
        delay = BACKOFF_MS[min(self._attempt, len(BACKOFF_MS) - 1)]
        self._attempt += 1
        self._reconnect.start(delay)

    def reconnect(self) -> None:
        """A new connection with the session's credential (a PassCode session first renews it)."""
        if self.online or self.closed or self.account.rejected is not None:
            return
        self._reconnect.stop()
        account = self.account

        def work() -> ImapSession:
            return account.open_imap()

        def done(session: ImapSession) -> None:
            if self.closed:
                self.render_worker.submit(session.logout, None, ignored("logout of a connection made after close"))
                return
            self.session, self.sync = session, self._make_sync(session)
            self.online, self._attempt = True, 0
            self.online_changed.emit(True)
            self.start()

        def failed(error: BaseException) -> None:
            if isinstance(error, errors.PassCodeSpent):
                self.passcode_needed.emit()
            elif isinstance(error, errors.AuthError):
                self.failed.emit(error)  # rejected: no more attempts until the user types again
            else:
                self._schedule_reconnect()

        self.worker.submit(work, done, failed)

    # --- message bodies ------------------------------------------------------------------------------
    def load_message(self, folder: str, uid: int, on_success: Callable[[tuple[bytes, RenderedMessage] | None], None],
                     on_failure: Callable[[BaseException], None]) -> None:
        """Raw bytes (cache, else BODY.PEEK) then render on the render worker; never on the GUI thread."""
        store = self.store

        def rendered(raw: bytes | None) -> None:
            if raw is None:
                on_success(None)
                return
            view = View.TEXT if self.context.settings.get("display.plain_text") else View.HTML
            self.render_later(lambda: (raw, render(raw, view=view)), on_success, on_failure)

        def from_cache() -> bytes | None:
            raw = store.body(folder, uid)
            if raw is None:
                raise errors.SessionLost("message not downloaded, offline")
            return raw

        if not self.online:
            self.render_later(from_cache, rendered, on_failure)
            return

        def offline_fallback(error: BaseException) -> None:
            if is_offline_error(error):
                self.render_later(from_cache, rendered, on_failure)
            else:
                on_failure(error)

        def from_server() -> None:
            self.run_sync(lambda sync: sync.fetch_body(folder, uid), rendered, offline_fallback)

        # A body already cached (prefetched, or read before) is shown straight from the render
        # worker: no wait behind the IMAP worker's queue (a sync, a move) and no round trip.
        view = View.TEXT if self.context.settings.get("display.plain_text") else View.HTML

        def cached() -> tuple[bytes, RenderedMessage] | None:
            raw = store.body(folder, uid)
            return None if raw is None else (raw, render(raw, view=view))

        self.render_later(cached, lambda result: from_server() if result is None else on_success(result),
                          lambda _error: from_server())
        self.prefetch(folder, uid)

    # --- end -------------------------------------------------------------------------------------------
    def close(self, *, logout: bool = True, on_done: Callable[[], None] | None = None,
              final_work: list[Callable[[ImapSession], Any]] | None = None) -> None:
        """Stop watching, run `final_work` (e.g. unsent mail saved to Drafts), log out on the worker,
        close the cache; `on_done` on the GUI thread."""
        if self.closed:
            if on_done is not None:
                on_done()
            return
        self.closed = True
        self._poll.stop()
        self._reconnect.stop()
        watcher, self.idle = self.idle, None
        prefetcher, self.prefetcher = self.prefetcher, None
        session, self.session, self.sync = self.session, None, None
        store = self.store

        self._index_stop.set()
        index_job = self._index_job

        def work() -> None:
            if index_job is not None:  # before the cache closes under it (one batch, ~0.1 s)
                with suppress(Exception):
                    index_job.result(timeout=10)
            if prefetcher is not None:
                prefetcher.stop()
            if watcher is not None:
                watcher.stop(timeout=5)
            for task in final_work or ():
                if session is None:
                    break
                try:
                    task(session)
                except Exception as exc:  # the entry stays in the durable outbox
                    log.imap.warning("before logout: %s", getattr(exc, "code", type(exc).__name__))
            if session is not None:
                if logout:
                    session.logout()
                else:
                    session.abort()

        def finish(_result: Any = None) -> None:
            self.worker.shutdown()
            self.render_worker.shutdown()
            self.index_worker.shutdown()
            store.close()
            if on_done is not None:
                on_done()

        self.worker.submit(work, finish, lambda _e: finish())
