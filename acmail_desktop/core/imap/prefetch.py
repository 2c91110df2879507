"""Bodies ready before the click: fetch the likely next messages in the background.

On a school link opening a message costs a round trip plus its bytes (40 ms and more); fetched
ahead, it opens from the cache. What is fetched: the messages around the selection first (the
next one is the likeliest click), then the newest unread ones. How:

- on a **second connection** of its own, so the user's own commands never queue behind it;
- **BODY.PEEK[]** only (`ImapSession.fetch_body`): prefetching never marks a message read;
- within a **byte budget** per session (setting `network.prefetch_mb`, policy key `prefetch_mb`;
  0 = off) and never a message larger than `max_message_bytes` (one big attachment would hold the
  link for seconds);
- **paused** while the user waits on anything (`pause()`/`resume()`, called by the UI around every
  foreground job); the pause takes effect between two messages, so the link is shared for at most
  one small message;
- into the same cache as the list (`Store.put_body`), so shared-machine mode keeps the bodies in the
  session folder with everything else, and the cache's own body budget still evicts the oldest.

A PassCode session cannot open a second connection without a new code from the user
(`Account.single_use_credential`): prefetching is then off. Using the main connection in idle
moments instead would put a body transfer in front of the user's next click (a 1 MB body is 0.4 s on
the école link, 2 s on the rural one), which is exactly the wait prefetching exists to remove.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from acmail_desktop.core import errors, log
from acmail_desktop.core.rows import PAGE_COLUMNS, SEEN

if TYPE_CHECKING:
    from acmail_desktop.core.imap.session import ImapSession
    from acmail_desktop.core.store import Store

_UID, _FLAGS, _SIZE = PAGE_COLUMNS.index("uid"), PAGE_COLUMNS.index("flags"), PAGE_COLUMNS.index("size")
MAX_MESSAGE_BYTES = 1024 * 1024


def candidates(store: Store, folder: str, around: Sequence[int] = (), newest_unread: int = 20, *,
               selected: int | None = None, neighbours: int = 3) -> list[int]:
    """UIDs worth fetching, likeliest first: `around` (given by the caller), the `neighbours`
    messages below then above `selected` in the list's default order (newest first: the next
    click), then the newest unread messages of `folder`. Already cached bodies are left out."""
    wanted: list[int] = list(around)
    position = store.row_of(folder, selected) if selected is not None else None
    if position is not None:
        start = max(0, position - neighbours)
        rows = store.page(folder, "date", True, start, position - start + neighbours + 1)
        uids = [row[_UID] for row in rows]
        here = position - start
        wanted += uids[here + 1:] + uids[:here][::-1]
    if newest_unread > 0:
        rows = store.page(folder, "date", True, 0, 500)
        wanted += [row[_UID] for row in rows if not row[_FLAGS] & SEEN][:newest_unread]
    return [uid for uid in dict.fromkeys(wanted) if not store.has_body(folder, uid)]


class BodyPrefetcher:
    """A thread that fetches the bodies it is asked for on its own connection, within a budget.

    `open_session` opens and logs in that connection (lazily, at the first fetch). `want()` replaces
    the queue (the newest wish wins: the selection moved)."""

    def __init__(self, open_session: Callable[[], ImapSession], store: Store, *, budget_bytes: int,
                 max_message_bytes: int = MAX_MESSAGE_BYTES) -> None:
        self.open_session = open_session
        self.store = store
        self.budget_bytes = max(0, budget_bytes)
        self.max_message_bytes = max_message_bytes
        self.fetched_bytes = 0
        self.fetched: list[tuple[str, int]] = []
        self._queue: list[tuple[str, int]] = []
        self._plan: tuple[str, int | None] | None = None
        self._cond = threading.Condition()
        self._paused = 0
        self._stopped = False
        self._session: ImapSession | None = None
        self._selected: str | None = None
        self._thread: threading.Thread | None = None
        self._idle = threading.Event()
        self._idle.set()

    # --- control (any thread) ----------------------------------------------------------------------
    def start(self) -> None:
        """Start the thread (again, after a lost connection ended it); nothing once stopped."""
        if (self._thread is None or not self._thread.is_alive()) and not self._stopped and self.budget_bytes > 0:
            self._selected = None
            self._thread = threading.Thread(target=self._run, name="body-prefetch", daemon=True)
            self._thread.start()

    def want(self, folder: str, uids: Sequence[int]) -> None:
        with self._cond:
            self._queue = [(folder, uid) for uid in uids]
            if self._queue:
                self._idle.clear()
            self._cond.notify_all()

    def plan(self, folder: str, selected: int | None = None) -> None:
        """Like `want(folder, candidates(...))`, the candidates read from the cache on the prefetch
        thread (the GUI thread never waits on disk)."""
        with self._cond:
            self._plan = (folder, selected)
            self._idle.clear()
            self._cond.notify_all()

    def pause(self) -> None:
        """The user is waiting on something: no new fetch starts until `resume()` (calls nest)."""
        with self._cond:
            self._paused += 1

    def resume(self) -> None:
        with self._cond:
            self._paused = max(0, self._paused - 1)
            self._cond.notify_all()

    def stop(self, wait: float | None = 5.0) -> None:
        """Stop after the message in flight (if any) and log the connection out."""
        with self._cond:
            self._stopped = True
            self._queue = []
            self._cond.notify_all()
        if self._thread is not None and wait:
            self._thread.join(wait)

    @property
    def exhausted(self) -> bool:
        return self.fetched_bytes >= self.budget_bytes

    def wait_idle(self, timeout: float) -> bool:
        """True once the queue is empty and nothing is in flight (for tests and the benchmark)."""
        return self._idle.wait(timeout)

    # --- the thread ------------------------------------------------------------------------------
    def _next(self) -> tuple[str, int] | None:
        """The next message to fetch; None once stopped. Plans become queues here, off the GUI."""
        while True:
            with self._cond:
                while not self._stopped and (self._paused or not (self._queue or self._plan) or self.exhausted):
                    if not (self._queue or self._plan) or self.exhausted:
                        self._idle.set()
                    self._cond.wait()
                if self._stopped:
                    return None
                plan, self._plan = self._plan, None
                if plan is None:
                    return self._queue.pop(0)
            uids = candidates(self.store, plan[0], selected=plan[1])
            with self._cond:
                if self._plan is None:  # else a newer plan (the selection moved again) wins
                    self._queue = [(plan[0], uid) for uid in uids]

    def _run(self) -> None:
        try:
            while (item := self._next()) is not None:
                self._fetch(*item)
        except errors.AcmailError as exc:  # a lost or refused connection: prefetch is only a bonus
            log.imap.info("body prefetch stopped: %s", exc.code)
        finally:
            self._idle.set()
            session, self._session = self._session, None
            if session is not None:
                try:
                    session.logout()
                except errors.AcmailError:
                    session.close()

    def _fetch(self, folder: str, uid: int) -> None:
        size = self.store.message_size(folder, uid)
        remaining = self.budget_bytes - self.fetched_bytes
        if size is None or size > min(self.max_message_bytes, remaining) or self.store.has_body(folder, uid):
            return
        if self._session is None:
            self._session = self.open_session()
        if self._selected != folder:
            self._session.select(folder, readonly=True)  # EXAMINE: nothing this connection does can mark read
            self._selected = folder
        raw = self._session.fetch_body(uid, max_size=self.max_message_bytes)
        if raw is None:
            return
        self.fetched_bytes += len(raw)
        if self.store.put_body(folder, uid, raw, complete=True):
            self.fetched.append((folder, uid))
