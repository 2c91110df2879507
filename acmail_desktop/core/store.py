"""The local mail cache: the only sqlite3 importer (folders, headers, bodies, quick-filter index).

Why SQLite and this shape:
- the message list is a lazy model over `count()` / `page()`; sorting and filtering run in SQLite on
  indexes, so a 100,000-message folder never becomes 100,000 Python objects;
- WAL lets the GUI thread read while the sync worker writes; each thread gets its own connection;
- headers arrive in large `executemany` transactions (the sync commits every few thousand rows);
- the cache can always be rebuilt from the server: a corrupt or outdated file is replaced, never
  repaired in place; a lock file stops a second AcMail process on the same profile (`ProfileInUse`).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from acmail_desktop.core import errors, log
from acmail_desktop.core.folders import Namespace
from acmail_desktop.core.rows import FLAGGED, PAGE_COLUMNS, ROW_FIELDS, SEEN, sender_sort_key, subject_sort_key

SCHEMA_VERSION = 4  # 4: sender and subject sort keys in French order (core/collation.py)
DEFAULT_BODY_BUDGET = 256 << 20

_PAGE_SELECT = ", ".join(PAGE_COLUMNS)

# Columns of a row returned by search(): a result names its folder and keeps its row id, which a
# mirrored move preserves (locate()).
SEARCH_COLUMNS = ("folder", "uid", "id", "subject", "from_name", "from_addr", "date", "flags", "size",
                  "has_attachments")
_SEARCH_SELECT = "f.name, " + ", ".join(f"m.{c}" for c in SEARCH_COLUMNS[1:])

SORT_COLUMNS = {
    "date": "date", "from": "from_sort", "subject": "subject_sort", "size": "size", "uid": "uid",
    "seen": "(flags & 1)", "flagged": "(flags & 4)", "attachment": "has_attachments",
}

# The quick-filter index (messages_fts) is filled after a cold load, not during it (issue 23):
# while meta 'fts.indexed_to' exists, rows with a greater id are not in it yet. The triggers
# leave those rows alone (a contentless FTS table must never be told to delete what it never
# had), and the quick filter reads them with LIKE meanwhile (Store._where).
_FTS_MARK = "fts.indexed_to"
_FTS_INDEXED_OLD = (f"WHEN old.id <= coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key='{_FTS_MARK}'), "
                    "9223372036854775807)")

_SCHEMA = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE folders(
  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, delimiter TEXT NOT NULL DEFAULT '',
  flags TEXT NOT NULL DEFAULT '', special_use TEXT, uidvalidity INTEGER, uidnext INTEGER,
  highestmodseq INTEGER, exists_count INTEGER NOT NULL DEFAULT 0, unread INTEGER NOT NULL DEFAULT 0,
  synced INTEGER NOT NULL DEFAULT 0, subscribed INTEGER NOT NULL DEFAULT 1);
CREATE TABLE messages(
  id INTEGER PRIMARY KEY, folder_id INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
  uid INTEGER NOT NULL, flags INTEGER NOT NULL DEFAULT 0, keywords TEXT NOT NULL DEFAULT '',
  internaldate INTEGER, size INTEGER NOT NULL DEFAULT 0, subject TEXT NOT NULL DEFAULT '',
  from_name TEXT NOT NULL DEFAULT '', from_addr TEXT NOT NULL DEFAULT '', to_addrs TEXT NOT NULL DEFAULT '',
  date INTEGER, message_id TEXT NOT NULL DEFAULT '', in_reply_to TEXT NOT NULL DEFAULT '',
  refs TEXT NOT NULL DEFAULT '', thread_key TEXT NOT NULL DEFAULT '',
  has_attachments INTEGER NOT NULL DEFAULT 0, subject_sort TEXT NOT NULL DEFAULT '',
  from_sort TEXT NOT NULL DEFAULT '', UNIQUE(folder_id, uid));
CREATE INDEX messages_date ON messages(folder_id, date, uid);
CREATE INDEX messages_from ON messages(folder_id, from_sort, uid);
CREATE INDEX messages_subject ON messages(folder_id, subject_sort, uid);
CREATE INDEX messages_size ON messages(folder_id, size, uid);
CREATE INDEX messages_unread ON messages(folder_id) WHERE (flags & 1) = 0;
CREATE INDEX messages_seen ON messages(folder_id, (flags & 1), uid);
-- Every sort of the list has its index: without one, a page of the list sorted by flag or by
-- attachment took 40-200 ms at 100,000 rows, on the GUI thread (0.5-6 ms with it). A cold load
-- builds them after the rows (_BULK_DEFERRED): ~35 ms each per 50,000 rows.
CREATE INDEX messages_flagged ON messages(folder_id, (flags & 4), uid);
CREATE INDEX messages_attachment ON messages(folder_id, has_attachments, uid);
CREATE INDEX messages_msgid ON messages(message_id);
CREATE INDEX messages_thread ON messages(folder_id, thread_key);
CREATE TABLE bodies(
  message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
  size INTEGER NOT NULL, complete INTEGER NOT NULL DEFAULT 0, accessed REAL NOT NULL, data BLOB);
CREATE INDEX bodies_lru ON bodies(accessed);
-- Contentless index; the folder is a token ('f<id>') so a filtered count never leaves the index
-- (measured over 100,000 rows: 4 ms against 38 ms for a join on messages).
CREATE VIRTUAL TABLE messages_fts USING fts5(
  folder, subject, from_name, from_addr, to_addrs, content='',
  tokenize='unicode61 remove_diacritics 2', prefix='2 3');
CREATE TRIGGER messages_ad AFTER DELETE ON messages {_FTS_INDEXED_OLD} BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, folder, subject, from_name, from_addr, to_addrs)
  VALUES ('delete', old.id, 'f' || old.folder_id, old.subject, old.from_name, old.from_addr, old.to_addrs);
END;
CREATE TRIGGER messages_au AFTER UPDATE OF folder_id, subject, from_name, from_addr, to_addrs ON messages
{_FTS_INDEXED_OLD} BEGIN
  INSERT INTO messages_fts(messages_fts, rowid, folder, subject, from_name, from_addr, to_addrs)
  VALUES ('delete', old.id, 'f' || old.folder_id, old.subject, old.from_name, old.from_addr, old.to_addrs);
  INSERT INTO messages_fts(rowid, folder, subject, from_name, from_addr, to_addrs)
  VALUES (new.id, 'f' || new.folder_id, new.subject, new.from_name, new.from_addr, new.to_addrs);
END;
PRAGMA user_version = {SCHEMA_VERSION};
"""

# The text of every body ever cached, kept after the body itself is evicted (core/search.py).
# Added without a schema version bump: an older cache gets the tables at open and fills them
# as bodies arrive (index_unindexed_bodies() catches up on those already cached).
_BODY_INDEX_SCHEMA = """
CREATE TABLE IF NOT EXISTS body_text(
  message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
  text TEXT NOT NULL DEFAULT '', attachments TEXT NOT NULL DEFAULT '');
CREATE VIRTUAL TABLE IF NOT EXISTS body_fts USING fts5(
  text, attachments, content='body_text', content_rowid='message_id',
  tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER IF NOT EXISTS body_text_ai AFTER INSERT ON body_text BEGIN
  INSERT INTO body_fts(rowid, text, attachments) VALUES (new.message_id, new.text, new.attachments);
END;
CREATE TRIGGER IF NOT EXISTS body_text_ad AFTER DELETE ON body_text BEGIN
  INSERT INTO body_fts(body_fts, rowid, text, attachments)
  VALUES ('delete', old.message_id, old.text, old.attachments);
END;
"""

_INSERT_COLUMNS = ("folder_id", *("to_addrs" if name == "to" else name for name in ROW_FIELDS))
_UPSERT = (
    f"INSERT INTO messages({', '.join(_INSERT_COLUMNS)}) VALUES ({', '.join('?' * len(_INSERT_COLUMNS))}) "
    "ON CONFLICT(folder_id, uid) DO UPDATE SET "
    + ", ".join(f"{c}=excluded.{c}" for c in _INSERT_COLUMNS[2:])
)
_FTS_ADD = ("INSERT INTO messages_fts(rowid, folder, subject, from_name, from_addr, to_addrs) "
            "SELECT id, 'f' || folder_id, subject, from_name, from_addr, to_addrs FROM messages WHERE id > ?")
_FTS_TOKEN = re.compile(r"\w[\w.@'-]*", re.UNICODE)
# The quick-filter triggers, by name (an older cache gets the guarded ones at open).
_FTS_TRIGGERS = {m.group(1): m.group(0) for m in re.finditer(
    r"CREATE TRIGGER (messages_a[du]) .*?END;", _SCHEMA, re.S)}
# Secondary indexes of `messages`, by name.
_SECONDARY_INDEXES = {m.group(1): m.group(0) for m in re.finditer(
    r"CREATE INDEX (messages_\w+) ON messages\([^;]*;", _SCHEMA)}
# Dropped during a cold bulk load and rebuilt in one sorted pass at its end: the ones whose keys
# arrive in random order (each insert touches a random B-tree page). The date, read-state and
# unread indexes stay: headers arrive in UID order, so their inserts are appends, and the list's
# default sort, unread counts and the folder pane keep answering in milliseconds during the load
# (measured: without the date index a GUI-thread page() took 100-270 ms at 50,000 rows).
_BULK_DEFERRED = ("messages_from", "messages_subject", "messages_size", "messages_msgid", "messages_thread",
                  "messages_flagged", "messages_attachment")
# A bulk load pays off from this many incoming rows (below it, rebuilding indexes costs more).
BULK_LOAD_MIN_ROWS = 2_000


@dataclass(frozen=True)
class SearchableText:
    """What the body-text index keeps of one message (made by core/bodytext.py, above IMAP)."""

    text: str
    attachments: str  # attachment file names, one per line


@dataclass(frozen=True)
class FolderState:
    """What the sync needs to resume a folder (RFC 4549 / RFC 7162 state)."""

    id: int
    name: str
    uidvalidity: int | None
    uidnext: int | None
    highestmodseq: int | None
    exists: int
    synced: bool
    special_use: str | None


@dataclass(frozen=True)
class MessageFilter:
    """Quick filter: words typed (prefix match on subject/from/to) and flag toggles."""

    text: str = ""
    unread_only: bool = False
    flagged_only: bool = False

    def is_empty(self) -> bool:
        return not self.text.strip() and not self.unread_only and not self.flagged_only


def fts_query(text: str) -> str | None:
    """User text -> an FTS5 query of quoted prefix terms (no operator injection)."""
    terms = [t.replace('"', "") for t in _FTS_TOKEN.findall(text)]
    terms = [t for t in terms if t]
    if not terms:
        return None
    return " ".join(f'"{t}"*' for t in terms)


def _like_clause(text: str) -> tuple[str, list[str]]:
    """The quick filter without its index (rows a cold load added and the index has not caught
    up with yet, about a second): each term inside one of the same columns. Coarser than the
    index (accents and case of non-ASCII letters count) but never misses an exact spelling."""
    terms = [t.replace('"', "") for t in _FTS_TOKEN.findall(text)]
    clauses, params = [], []
    for term in (t for t in terms if t):
        like = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        clauses.append("(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in
                                          ("subject", "from_name", "from_addr", "to_addrs")) + ")")
        params.extend([like] * 4)
    return " AND ".join(clauses) or "1", params


def _folder_match(folder_id: int, query: str) -> str:
    """Restrict to one folder inside the index; user terms only look at the text columns."""
    return f'folder:"f{folder_id}" AND {{subject from_name from_addr to_addrs}} : ({query})'


def db_file_for(cache_dir: Path, account_key: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", account_key) or "account"
    return Path(cache_dir) / f"{safe}.sqlite3"


class _ProfileLock:
    """An exclusive OS lock on a file next to the database, held as long as the Store is open."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if sys.platform == "win32":  # pragma: no cover - Windows
                import msvcrt

                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            raise errors.ProfileInUse(f"cache {self.path.parent} is used by another AcMail") from exc
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # closing the descriptor releases flock/msvcrt locks


class Store:
    """One account's cache. Thread-safe: one SQLite connection per thread, writes serialized."""

    def __init__(self, path: Path, *, body_budget: int = DEFAULT_BODY_BUDGET) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        lock = _ProfileLock(Path(path).with_suffix(".lock"))
        lock.acquire()
        self._set_up(path, body_budget, lock)
        try:
            self._open_checked()
        except BaseException:
            lock.release()
            raise

    def _set_up(self, path: Path, body_budget: int, lock: _ProfileLock | None) -> None:
        self.path = Path(path)
        self.body_budget = body_budget
        self._lock = lock
        self._local = threading.local()
        self._write_lock = threading.RLock()
        self._connections: list[sqlite3.Connection] = []
        self._closed = False
        self._bulk_loading = False
        self.rebuilt = False

    @classmethod
    def helper_writer(cls, path: Path, *, bulk_loading: bool = False) -> Store:
        """The cache as seen by a helper process of the AcMail that has it open (the header
        writer of `imap.loader`): no profile lock (the owner holds it), no check or schema work
        (the owner did it), and no `.clean` marker at close (the owner's close decides)."""
        store = cls.__new__(cls)
        store._set_up(path, DEFAULT_BODY_BUDGET, None)
        store._bulk_loading = bulk_loading
        return store

    @classmethod
    def for_account(cls, cache_dir: Path, account_key: str, **kw: Any) -> Store:
        return cls(db_file_for(cache_dir, account_key), **kw)

    # --- connections -------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        # check_same_thread=False only so close() can close every thread's connection; each
        # connection is still used by the one thread that opened it.
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=10.0, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA temp_store=MEMORY")
        conn.execute("PRAGMA cache_size=-32000")
        return conn

    @property
    def conn(self) -> sqlite3.Connection:
        if self._closed:
            raise errors.StoreError("cache closed")
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = self._connect()
            except sqlite3.Error as exc:
                raise errors.StoreError(f"cache unreadable: {exc}") from exc
            self._local.conn = conn
            with self._write_lock:
                self._connections.append(conn)
        return conn

    def release_thread(self) -> None:
        """Close this thread's connection (worker threads call it before they end)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            return
        self._local.conn = None
        self._local.sync_off = False
        with self._write_lock:
            if conn in self._connections:
                self._connections.remove(conn)
        with suppress(sqlite3.Error):
            conn.close()

    @property
    def _clean_marker(self) -> Path:
        return self.path.with_name(self.path.name + ".clean")

    def _open_checked(self) -> None:
        """quick_check and schema version; a bad or old cache is moved aside and rebuilt.

        quick_check reads the whole file (measured: 0.1-0.75 s for 100,000 headers, more with
        bodies) and the cache is opened when the main window opens, so it runs only when the last
        session did not close the cache (crash, kill, power cut: the `.clean` marker that close()
        leaves is missing). After a clean close the header, schema and version are still read."""
        clean = self._clean_marker.exists()
        with suppress(OSError):
            self._clean_marker.unlink()
        try:
            conn = self.conn
            if clean:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                ok = True
            else:
                ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except (sqlite3.DatabaseError, errors.StoreError) as exc:
            log.store.warning("cache %s unreadable (%s): rebuilding", self.path.name, exc)
            ok, version = False, -1
        if ok and version == 3:
            self._french_sort_keys()
        if ok and version in (3, SCHEMA_VERSION):
            self._guard_fts_triggers()
            self._add_subscribed_column()
            self._finish_interrupted_bulk_load()
            self._ensure_body_index()
            return
        if ok and version == 0 and not conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' LIMIT 1").fetchone():
            self._create()
            return
        log.store.warning("cache %s %s: rebuilding", self.path.name,
                                 "corrupt" if not ok else f"schema {version}")
        self._drop_files()
        self.rebuilt = True
        self._create()

    def _add_subscribed_column(self) -> None:
        """A cache made before folder subscriptions were tracked gets the column (every folder
        shown, as then) without a rebuild; the next LIST/LSUB fills it in."""
        columns = {row[1] for row in self.conn.execute("PRAGMA table_info(folders)")}
        if "subscribed" not in columns:
            with self.transaction() as c:
                c.execute("ALTER TABLE folders ADD COLUMN subscribed INTEGER NOT NULL DEFAULT 1")

    def _french_sort_keys(self) -> None:
        """A version-3 cache sorted senders and subjects byte by byte ("Élodie" after "Sophie"):
        recompute both keys in place (no download again), then mark the cache as version 4."""
        conn = self.conn
        conn.create_function("acmail_subject_key", 1, subject_sort_key, deterministic=True)
        conn.create_function("acmail_sender_key", 2, sender_sort_key, deterministic=True)
        with self.transaction() as c:
            c.execute("UPDATE messages SET subject_sort = acmail_subject_key(subject), "
                      "from_sort = acmail_sender_key(from_name, from_addr)")
            c.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        log.store.info("cache %s: sort keys brought to the French order", self.path.name)

    def _guard_fts_triggers(self) -> None:
        """A cache made before issue 23 has quick-filter triggers without the 'not indexed yet'
        guard: replace them (cheap, once)."""
        current = dict(self._q("SELECT name, sql FROM sqlite_master WHERE type='trigger'"))
        stale = [name for name in _FTS_TRIGGERS if _FTS_MARK not in (current.get(name) or "")]
        if stale:
            with self.transaction() as conn:
                for name in stale:
                    conn.execute(f"DROP TRIGGER IF EXISTS {name}")
                    conn.execute(_FTS_TRIGGERS[name])

    def _finish_interrupted_bulk_load(self) -> None:
        """A bulk load cut short (crash, kill) left indexes dropped: put them back. The same
        brings a cache made by an older AcMail up to date with indexes added since."""
        conn = self.conn
        missing = [sql for name, sql in _SECONDARY_INDEXES.items() if not conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='index' AND name=?", (name,)).fetchone()]
        if missing:
            log.store.warning("cache %s: building %d missing index(es)", self.path.name, len(missing))
            with self.transaction() as c:
                for sql in missing:
                    c.execute(sql)

    def _drop_files(self) -> None:
        for conn in self._connections:
            with suppress(sqlite3.Error):
                conn.close()
        self._connections.clear()
        self._local = threading.local()
        for suffix in ("", "-wal", "-shm", ".clean"):
            with suppress(FileNotFoundError):
                os.unlink(str(self.path) + suffix)

    def _create(self) -> None:
        with self._write_lock:
            self.conn.executescript(_SCHEMA)
        self._ensure_body_index()

    def _ensure_body_index(self) -> None:
        with self._write_lock:
            self.conn.executescript(_BODY_INDEX_SCHEMA)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        clean = not self._bulk_loading
        with self._write_lock:
            for conn in self._connections:
                try:
                    conn.close()
                except sqlite3.Error:
                    clean = False
            self._connections.clear()
        if self._lock is None:  # a helper process's view: the owner marks and unlocks
            return
        if clean:  # the next open can skip quick_check (see _open_checked)
            with suppress(OSError):
                self._clean_marker.touch(mode=0o600)
        self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE), serialized between this Store's threads."""
        with self._write_lock:
            conn = self.conn
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise errors.StoreError(f"cache busy: {exc}") from exc
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            else:
                try:
                    conn.execute("COMMIT")
                except sqlite3.Error as exc:
                    raise errors.StoreError(f"cache write failed: {exc}") from exc

    def _q(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise errors.StoreError(f"cache query failed: {exc}") from exc

    # --- folders -------------------------------------------------------------------------------
    def upsert_folders(self, folders: Iterable[Any], *, prune: bool = True,
                       special_uses: Mapping[str, str] | None = None,
                       subscribed: Collection[str] | None = None) -> None:
        """Folder list from LIST (FolderInfo-like: name, delimiter, flags, special_use); with
        `special_uses` (name -> use, `core.folders`), that answer replaces the attributes'; with
        `subscribed` (LSUB's names), each folder's subscription (None: every folder subscribed)."""
        items = list(folders)
        with self.transaction() as conn:
            conn.executemany(
                "INSERT INTO folders(name, delimiter, flags, special_use, subscribed) VALUES (?,?,?,?,?) "
                "ON CONFLICT(name) DO UPDATE SET delimiter=excluded.delimiter, flags=excluded.flags, "
                "special_use=excluded.special_use, subscribed=excluded.subscribed",
                [(f.name, f.delimiter, " ".join(f.flags),
                  special_uses.get(f.name) if special_uses is not None else f.special_use,
                  1 if subscribed is None or f.name in subscribed or f.name.upper() == "INBOX" else 0)
                 for f in items])
            if prune:
                names = {f.name for f in items}
                gone = [r[0] for r in conn.execute("SELECT name FROM folders") if r[0] not in names]
                conn.executemany("DELETE FROM folders WHERE name=?", [(n,) for n in gone])

    def set_namespace(self, namespace: Namespace) -> None:
        """The personal namespace (prefix, separator) for the tree and for new folders."""
        with self.transaction() as conn:
            conn.executemany("INSERT INTO meta(key, value) VALUES (?,?) ON CONFLICT(key) DO UPDATE "
                             "SET value=excluded.value", [("namespace.prefix", namespace.prefix),
                                                          ("namespace.delimiter", namespace.delimiter)])

    def namespace(self) -> Namespace:
        rows = dict(self._q("SELECT key, value FROM meta WHERE key IN ('namespace.prefix', 'namespace.delimiter')"))
        return Namespace(rows.get("namespace.prefix") or "", rows.get("namespace.delimiter") or "/")

    def ensure_folder(self, name: str) -> int:
        row = self._q("SELECT id FROM folders WHERE name=?", (name,))
        if row:
            return int(row[0][0])
        with self.transaction() as conn:
            conn.execute("INSERT OR IGNORE INTO folders(name) VALUES (?)", (name,))
            return int(conn.execute("SELECT id FROM folders WHERE name=?", (name,)).fetchone()[0])

    def folders(self) -> list[tuple[Any, ...]]:
        """(name, delimiter, flags, special_use, unread, total) per folder shown, by name: the
        subscribed ones, INBOX and the special folders (a Trash is needed even when unsubscribed).
        `server_folders()` has every folder the server listed."""
        return self._q(
            "SELECT f.name, f.delimiter, f.flags, f.special_use, "
            "(SELECT count(*) FROM messages m WHERE m.folder_id=f.id AND (m.flags & 1) = 0), "
            "(SELECT count(*) FROM messages m WHERE m.folder_id=f.id) FROM folders f "
            "WHERE f.subscribed=1 OR f.special_use IS NOT NULL OR upper(f.name)='INBOX' ORDER BY f.name")

    def server_folders(self) -> list[tuple[str, str, str, bool]]:
        """(name, delimiter, flags, subscribed) of every folder the server listed, by name."""
        return [(str(r[0]), str(r[1]), str(r[2]), bool(r[3])) for r in self._q(
            "SELECT name, delimiter, flags, subscribed FROM folders ORDER BY name")]

    def set_subscribed(self, name: str, subscribed: bool) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE folders SET subscribed=? WHERE name=?", (int(subscribed), name))

    def add_unannounced_folders(self, names: Iterable[str]) -> None:
        """Server folders that appeared unsubscribed (created in the webmail, a migration): kept
        until the window says so once (`take_unannounced_folders`)."""
        names = list(names)
        if not names:
            return
        kept = self._unannounced()
        kept += [n for n in names if n not in kept]
        self._set_meta("folders.unannounced", json.dumps(kept))

    def take_unannounced_folders(self) -> list[str]:
        """The folders to announce (still unsubscribed), forgotten once taken."""
        kept = self._unannounced()
        if not kept:
            return []
        self._set_meta("folders.unannounced", "[]")
        hidden = {name for name, _d, _f, subscribed in self.server_folders() if not subscribed}
        return [n for n in kept if n in hidden]

    def _unannounced(self) -> list[str]:
        row = self._q("SELECT value FROM meta WHERE key='folders.unannounced'")
        try:
            value = json.loads(row[0][0]) if row else []
        except ValueError:
            return []
        return [str(v) for v in value] if isinstance(value, list) else []

    def _set_meta(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT INTO meta(key, value) VALUES (?,?) ON CONFLICT(key) DO UPDATE "
                         "SET value=excluded.value", (key, value))

    def folder_by_use(self, special_use: str) -> str | None:
        row = self._q("SELECT name FROM folders WHERE lower(special_use)=lower(?) ORDER BY id LIMIT 1",
                      (special_use,))
        return row[0][0] if row else None

    def folder_state(self, name: str) -> FolderState | None:
        row = self._q("SELECT id, name, uidvalidity, uidnext, highestmodseq, exists_count, synced, "
                      "special_use FROM folders WHERE name=?", (name,))
        if not row:
            return None
        r = row[0]
        return FolderState(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7])

    def set_folder_state(self, name: str, **values: Any) -> None:
        allowed = {"uidvalidity", "uidnext", "highestmodseq", "exists_count", "synced", "unread"}
        if not values or set(values) - allowed:
            raise ValueError(f"unknown folder state fields: {set(values) - allowed}")
        self.ensure_folder(name)
        sets = ", ".join(f"{k}=?" for k in values)
        with self.transaction() as conn:
            conn.execute(f"UPDATE folders SET {sets} WHERE name=?", (*values.values(), name))

    def reset_folder(self, name: str) -> None:
        """Forget a folder's messages and sync state (UIDVALIDITY changed: UIDs mean nothing now)."""
        folder_id = self.ensure_folder(name)
        with self.transaction() as conn:
            conn.execute("DELETE FROM messages WHERE folder_id=?", (folder_id,))
            conn.execute("UPDATE folders SET uidvalidity=NULL, uidnext=NULL, highestmodseq=NULL, "
                         "exists_count=0, synced=0 WHERE id=?", (folder_id,))

    def delete_folder(self, name: str) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM folders WHERE name=?", (name,))

    def rename_folder(self, old: str, new: str) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE folders SET name=? WHERE name=?", (new, old))

    # --- headers -------------------------------------------------------------------------------
    def put_headers(self, folder: str, rows: Iterable[Sequence[Any]]) -> int:
        """Insert or update header rows (fetchparse.ROW_FIELDS order) in one transaction."""
        folder_id = self.ensure_folder(folder)
        if not isinstance(rows, list):
            rows = list(rows)
        if not rows:
            return 0
        if self._bulk_loading:
            self._durability_off()
        with self.transaction() as conn:
            # New rows are indexed for the quick filter in one statement after the batch: an
            # AFTER INSERT trigger costs ~10x more (measured: 14 s against 1.5 s for 100,000 rows).
            # Rows that already existed are re-indexed by the UPDATE trigger.
            before = conn.execute("SELECT coalesce(max(id), 0) FROM messages").fetchone()[0]
            conn.executemany(_UPSERT, [(folder_id, *row) for row in rows])
            if not conn.execute("SELECT 1 FROM meta WHERE key=?", (_FTS_MARK,)).fetchone():
                conn.execute(_FTS_ADD, (before,))  # else build_deferred_indexes adds them
        return len(rows)

    # --- cold bulk load ---------------------------------------------------------------------------
    def begin_bulk_load(self, folder: str, incoming: int) -> bool:
        """Before a cold load of `incoming` headers into an empty folder: drop the secondary indexes
        when the cache is (nearly) empty, so rows go in without 9 B-tree updates each; they are
        rebuilt in one sorted pass by `end_bulk_load` (measured on 50,000 rows: 2.2 s -> 1.3 s).

        Only when the rest of the cache is smaller than what arrives: other folders' lists sort
        without indexes meanwhile, and the rebuild covers every row. The quick-filter index keeps
        being filled per batch (deferring it saved little), and UNIQUE(folder_id, uid) stays, so
        count() and the first screenful are still indexed lookups. Returns True when deferred.
        """
        if incoming < BULK_LOAD_MIN_ROWS:
            return False
        folder_id = self.ensure_folder(folder)
        with self.transaction() as conn:
            if conn.execute("SELECT 1 FROM messages WHERE folder_id=? LIMIT 1", (folder_id,)).fetchone():
                return False
            others = conn.execute("SELECT count(*) FROM messages").fetchone()[0]
            if others >= incoming:
                return False
            for name in _BULK_DEFERRED:
                conn.execute(f"DROP INDEX IF EXISTS {name}")
            conn.execute("INSERT OR IGNORE INTO meta(key, value) SELECT ?, coalesce(max(id), 0) FROM messages",
                         (_FTS_MARK,))
        self._bulk_loading = True
        return True

    def _durability_off(self) -> None:
        # Durability is not needed while the cache is being filled from the server: a power cut
        # during a cold load at worst loses or corrupts a cache that `_open_checked` rebuilds from
        # the server anyway, and the folder is not marked synced until the load ends. WAL
        # checkpoints then skip their fsync. Per connection: `end_bulk_load` restores NORMAL on
        # its thread's; a writer thread's connection is closed when that thread ends.
        if not getattr(self._local, "sync_off", False):
            self.conn.execute("PRAGMA synchronous=OFF")
            self._local.sync_off = True

    def end_bulk_load(self, *, build_indexes: bool = True) -> None:
        """Restore durability; with `build_indexes`, also build what `begin_bulk_load` deferred.
        The account's window passes False and builds them after the folder is shown
        (`build_deferred_indexes` on a worker: issue 23, the last cold-sync gap)."""
        try:
            if build_indexes:
                self.build_deferred_indexes()
        finally:
            self._bulk_loading = False
            if getattr(self._local, "sync_off", False):
                self.conn.execute("PRAGMA synchronous=NORMAL")
                self._local.sync_off = False

    def indexes_pending(self) -> bool:
        """True while a cold load's quick-filter rows or sort indexes are still to be built."""
        if self._q("SELECT 1 FROM meta WHERE key=?", (_FTS_MARK,)):
            return True
        present = {r[0] for r in self._q("SELECT name FROM sqlite_master WHERE type='index'")}
        return not set(_SECONDARY_INDEXES) <= present

    def build_deferred_indexes(self, batch: int = 10_000, should_stop: Callable[[], bool] = lambda: False) -> bool:
        """Catch the quick-filter index up and build the missing sort indexes, in short
        transactions (`batch` rows, then one index each) so other writers wait ~0.1 s at most,
        checking `should_stop` between them (logout). Idempotent: what is left is built next
        time. Run off the GUI thread. Returns True when something was built."""
        mark = self._q("SELECT value FROM meta WHERE key=?", (_FTS_MARK,))
        present = {r[0] for r in self._q("SELECT name FROM sqlite_master WHERE type='index'")}
        missing = [name for name in _SECONDARY_INDEXES if name not in present]
        if not mark and not missing:
            return False
        while mark and not should_stop():
            with self.transaction() as conn:
                row = conn.execute("SELECT value FROM meta WHERE key=?", (_FTS_MARK,)).fetchone()
                if row is None:
                    break
                indexed = int(row[0])
                top = conn.execute("SELECT coalesce(max(id), 0) FROM messages").fetchone()[0]
                upto = min(top, indexed + batch)
                conn.execute(_FTS_ADD + " AND id <= ?", (indexed, upto))
                if upto >= top:
                    conn.execute("DELETE FROM meta WHERE key=?", (_FTS_MARK,))
                    mark = []
                else:
                    conn.execute("UPDATE meta SET value=? WHERE key=?", (str(upto), _FTS_MARK))
        for name in missing:
            if should_stop():
                break
            with self.transaction() as conn:
                conn.execute(_SECONDARY_INDEXES[name].replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1))
        return True

    def set_flags(self, folder: str, changes: Iterable[tuple[int, int, str]]) -> int:
        """(uid, bits, keywords) from the server (FLAGS fetch or CHANGEDSINCE)."""
        folder_id = self.ensure_folder(folder)
        batch = [(bits, keywords, folder_id, uid) for uid, bits, keywords in changes]
        with self.transaction() as conn:
            conn.executemany("UPDATE messages SET flags=?, keywords=? WHERE folder_id=? AND uid=?", batch)
        return len(batch)

    def change_flags(self, folder: str, uids: Iterable[int], add: int = 0, remove: int = 0) -> None:
        """Local mirror of STORE +FLAGS/-FLAGS (the server already agreed)."""
        folder_id = self.ensure_folder(folder)
        with self.transaction() as conn:
            conn.executemany("UPDATE messages SET flags=(flags | ?) & ~? WHERE folder_id=? AND uid=?",
                             [(add, remove, folder_id, uid) for uid in uids])

    def remove_uids(self, folder: str, uids: Iterable[int]) -> int:
        folder_id = self.ensure_folder(folder)
        batch = [(folder_id, uid) for uid in uids]
        with self.transaction() as conn:
            conn.executemany("DELETE FROM messages WHERE folder_id=? AND uid=?", batch)
        return len(batch)

    def move_rows(self, source: str, dest: str, mapping: dict[int, int]) -> None:
        """Mirror a MOVE whose new UIDs are known (COPYUID): rows keep their headers and body."""
        src_id, dest_id = self.ensure_folder(source), self.ensure_folder(dest)
        with self.transaction() as conn:
            conn.executemany("DELETE FROM messages WHERE folder_id=? AND uid=?",
                             [(dest_id, new) for new in mapping.values()])
            conn.executemany("UPDATE messages SET folder_id=?, uid=? WHERE folder_id=? AND uid=?",
                             [(dest_id, new, src_id, old) for old, new in mapping.items()])

    def uids(self, folder: str) -> list[int]:
        state = self.folder_state(folder)
        if state is None:
            return []
        return [r[0] for r in self._q("SELECT uid FROM messages WHERE folder_id=? ORDER BY uid", (state.id,))]

    def flags_of(self, folder: str) -> dict[int, tuple[int, str]]:
        state = self.folder_state(folder)
        if state is None:
            return {}
        return {r[0]: (r[1], r[2]) for r in self._q(
            "SELECT uid, flags, keywords FROM messages WHERE folder_id=?", (state.id,))}

    def flags_for(self, folder: str, uids: Iterable[int]) -> dict[int, tuple[int, str]]:
        """`flags_of` restricted to some UIDs (a CHANGEDSINCE answer): a few rows, not the folder."""
        state = self.folder_state(folder)
        wanted = list(uids)
        if state is None or not wanted:
            return {}
        found: dict[int, tuple[int, str]] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            marks = ",".join("?" * len(chunk))
            found.update((r[0], (r[1], r[2])) for r in self._q(
                f"SELECT uid, flags, keywords FROM messages WHERE folder_id=? AND uid IN ({marks})",
                (state.id, *chunk)))
        return found

    def count_uids_from(self, folder: str, first_uid: int) -> int:
        """Cached messages with UID >= first_uid (rows a move or an undo put there before a sync)."""
        state = self.folder_state(folder)
        if state is None:
            return 0
        return int(self._q("SELECT count(*) FROM messages WHERE folder_id=? AND uid>=?",
                           (state.id, first_uid))[0][0])

    def max_uid(self, folder: str) -> int:
        state = self.folder_state(folder)
        if state is None:
            return 0
        return int(self._q("SELECT coalesce(max(uid), 0) FROM messages WHERE folder_id=?", (state.id,))[0][0])

    def message(self, folder: str, uid: int) -> dict[str, Any] | None:
        """Every cached column of one message (the message view's header pane)."""
        cur = self.conn.execute(
            "SELECT m.* FROM messages m JOIN folders f ON f.id=m.folder_id WHERE f.name=? AND m.uid=?",
            (folder, uid))
        row = cur.fetchone()
        if row is None:
            return None
        return {d[0]: v for d, v in zip(cur.description, row, strict=True)}

    # --- the lazy list model -------------------------------------------------------------------
    def _where(self, folder: str, flt: MessageFilter | str | None) -> tuple[str, list[Any]] | None:
        state = self.folder_state(folder)
        if state is None:
            return None
        if isinstance(flt, str):
            flt = MessageFilter(text=flt)
        clauses = ["folder_id=?"]
        params: list[Any] = [state.id]
        if flt is not None:
            query = fts_query(flt.text)
            if query:
                indexed = self._fts_indexed_to()
                clauses.append("(id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?)"
                               + (f" OR (id > ? AND {_like_clause(flt.text)[0]}))" if indexed is not None else ")"))
                params.append(_folder_match(state.id, query))
                if indexed is not None:
                    params.extend([indexed, *_like_clause(flt.text)[1]])
            if flt.unread_only:
                clauses.append(f"(flags & {SEEN}) = 0")
            if flt.flagged_only:
                clauses.append(f"(flags & {FLAGGED}) != 0")
        return " AND ".join(clauses), params

    def _fts_indexed_to(self) -> int | None:
        """None when the quick-filter index is complete; else the last row id it has."""
        row = self._q("SELECT value FROM meta WHERE key=?", (_FTS_MARK,))
        return int(row[0][0]) if row else None

    def count(self, folder: str, filter: MessageFilter | str | None = None) -> int:
        if isinstance(filter, str):
            filter = MessageFilter(text=filter)
        query = fts_query(filter.text) if filter is not None else None
        if (query and filter is not None and not (filter.unread_only or filter.flagged_only)
                and self._fts_indexed_to() is None):
            state = self.folder_state(folder)
            if state is None:
                return 0
            return int(self._q("SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ?",
                               (_folder_match(state.id, query),))[0][0])
        where = self._where(folder, filter)
        if where is None:
            return 0
        return int(self._q(f"SELECT count(*) FROM messages WHERE {where[0]}", where[1])[0][0])

    def page(self, folder: str, sort_column: str = "date", descending: bool = True, offset: int = 0,
             limit: int = 200, filter: MessageFilter | str | None = None
             ) -> list[tuple[Any, ...]]:
        """Rows (PAGE_COLUMNS) of one screen of the sorted, filtered list."""
        where = self._where(folder, filter)
        if where is None:
            return []
        column = SORT_COLUMNS.get(sort_column)
        if column is None:
            raise ValueError(f"unknown sort column {sort_column!r}")
        direction = "DESC" if descending else "ASC"
        return self._q(
            f"SELECT {_PAGE_SELECT} FROM messages WHERE {where[0]} "
            f"ORDER BY {column} {direction}, uid {direction} LIMIT ? OFFSET ?",
            [*where[1], max(0, int(limit)), max(0, int(offset))])

    def uid_at(self, folder: str, row: int, sort_column: str = "date", descending: bool = True,
               filter: MessageFilter | str | None = None) -> int | None:
        rows = self.page(folder, sort_column, descending, row, 1, filter)
        return int(rows[0][1]) if rows else None

    _THREAD_ORDER = "ORDER BY tdate DESC, thread_key, pos"

    def _thread_sql(self, folder: str, flt: MessageFilter) -> tuple[str, list[Any]] | None:
        """The conversation view of a folder: each row with its thread's latest date, its place in
        the thread and the thread's size (the flag toggles of `flt` apply; its text does not)."""
        state = self.folder_state(folder)
        if state is None:
            return None
        where, params = ["folder_id=?"], [state.id]
        if flt.unread_only:
            where.append(f"(flags & {SEEN}) = 0")
        if flt.flagged_only:
            where.append(f"(flags & {FLAGGED}) != 0")
        inner = (f"SELECT {_PAGE_SELECT}, max(date) OVER w AS tdate, "
                 "row_number() OVER (PARTITION BY thread_key ORDER BY date, uid) AS pos, count(*) OVER w AS n "
                 f"FROM messages WHERE {' AND '.join(where)} WINDOW w AS (PARTITION BY thread_key)")
        return inner, params

    def thread_page(self, folder: str, offset: int, limit: int, flt: MessageFilter | None = None
                    ) -> list[tuple[Any, ...]]:
        """Rows (PAGE_COLUMNS, then thread date, position in thread, thread size) in conversation order."""
        sql = self._thread_sql(folder, flt or MessageFilter())
        if sql is None:
            return []
        inner, params = sql
        return self._q(f"SELECT * FROM ({inner}) {self._THREAD_ORDER} LIMIT ? OFFSET ?", [*params, limit, offset])

    def thread_row_of(self, folder: str, uid: int, flt: MessageFilter | None = None) -> int | None:
        """Position of a UID in conversation order."""
        sql = self._thread_sql(folder, flt or MessageFilter())
        if sql is None:
            return None
        inner, params = sql
        rows = self._q(f"SELECT rn FROM (SELECT uid, row_number() OVER ({self._THREAD_ORDER}) AS rn "
                       f"FROM ({inner})) WHERE uid=?", [*params, uid])
        return int(rows[0][0]) - 1 if rows else None

    def frequent_senders(self, prefix: str, limit: int = 20) -> list[tuple[str, str]]:
        """(name, address) of senders whose address or a word of whose name starts with `prefix`,
        most frequent first (address completion; one row per address)."""
        like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = self._q(
            "SELECT from_name, from_addr, count(*) AS n FROM messages WHERE from_addr LIKE ? ESCAPE '\\' "
            "OR from_name LIKE ? ESCAPE '\\' OR from_name LIKE ? ESCAPE '\\' GROUP BY lower(from_addr) "
            "ORDER BY n DESC LIMIT ?", (like, like, "% " + like, limit))
        return [(name, addr) for name, addr, _n in rows]

    def row_of(self, folder: str, uid: int, sort_column: str = "date", descending: bool = True,
               filter: MessageFilter | str | None = None) -> int | None:
        """Position of a UID in the sorted, filtered list (keep the selection across a re-sort)."""
        where = self._where(folder, filter)
        column = SORT_COLUMNS.get(sort_column)
        if where is None or column is None:
            return None
        target = self._q(f"SELECT {column}, uid FROM messages WHERE {where[0]} AND uid=?", [*where[1], uid])
        if not target:
            return None
        op = ">" if descending else "<"
        return int(self._q(f"SELECT count(*) FROM messages WHERE {where[0]} AND ({column}, uid) {op} (?, ?)",
                           [*where[1], target[0][0], uid])[0][0])

    def quick_filter(self, folder: str, text: str, limit: int = 200) -> list[tuple[Any, ...]]:
        return self.page(folder, "date", True, 0, limit, MessageFilter(text=text))

    def unread_count(self, folder: str) -> int:
        state = self.folder_state(folder)
        if state is None:
            return 0
        return int(self._q("SELECT count(*) FROM messages WHERE folder_id=? AND (flags & 1) = 0",
                           (state.id,))[0][0])

    def thread(self, folder: str, thread_key: str) -> list[tuple[Any, ...]]:
        state = self.folder_state(folder)
        if state is None:
            return []
        return self._q(f"SELECT {_PAGE_SELECT} FROM messages WHERE folder_id=? AND thread_key=? "
                       "ORDER BY date, uid", (state.id, thread_key))

    # --- bodies --------------------------------------------------------------------------------
    def _message_rowid(self, folder: str, uid: int) -> int | None:
        row = self._q("SELECT m.id FROM messages m JOIN folders f ON f.id=m.folder_id "
                      "WHERE f.name=? AND m.uid=?", (folder, uid))
        return int(row[0][0]) if row else None

    def put_body(self, folder: str, uid: int, raw: bytes, *, complete: bool = True,
                 searchable: SearchableText | None = None) -> bool:
        """Keep a fetched body (False when its header row is unknown); evicts least recently read.
        `searchable` (its text, core/bodytext.py) goes into the search index; without it,
        index_unindexed_bodies() indexes the body later."""
        rowid = self._message_rowid(folder, uid)
        if rowid is None:
            return False
        with self.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO bodies(message_id, size, complete, accessed, data) "
                         "VALUES (?,?,?,?,?)", (rowid, len(raw), int(complete), time.time(), raw))
            if searchable is not None and complete:
                self._put_body_text(conn, rowid, searchable)
            self._evict(conn, keep=rowid)
        return True

    @staticmethod
    def _put_body_text(conn: sqlite3.Connection, rowid: int, searchable: SearchableText) -> None:
        # DELETE then INSERT, not REPLACE: REPLACE's implicit delete does not fire the trigger
        # that keeps the external-content index in step.
        conn.execute("DELETE FROM body_text WHERE message_id=?", (rowid,))
        conn.execute("INSERT INTO body_text(message_id, text, attachments) VALUES (?,?,?)",
                     (rowid, searchable.text, searchable.attachments))

    def index_unindexed_bodies(self, extract: Callable[[bytes], SearchableText], batch: int = 200) -> int:
        """Index complete cached bodies that have no text yet (a cache from before the index, a
        body stored without its text) with `extract` (core/bodytext.searchable_text); returns how
        many were indexed, 0 once caught up. Run off the GUI thread."""
        rows = self._q("SELECT b.message_id, b.data FROM bodies b LEFT JOIN body_text t "
                       "ON t.message_id = b.message_id WHERE b.complete = 1 AND t.message_id IS NULL "
                       "LIMIT ?", (batch,))
        if not rows:
            return 0
        extracted = [(int(rowid), extract(bytes(data))) for rowid, data in rows]
        with self.transaction() as conn:
            for rowid, searchable in extracted:
                self._put_body_text(conn, rowid, searchable)
        return len(extracted)

    def locate(self, row_ids: Iterable[int]) -> dict[int, tuple[str, int]]:
        """Where cached messages are now, by row id: (folder, uid). A move mirrored with
        move_rows() keeps the row id, so a search result follows the message; a deleted message
        is absent from the answer."""
        wanted = list(row_ids)
        found: dict[int, tuple[str, int]] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            marks = ",".join("?" * len(chunk))
            found.update((int(r[0]), (str(r[1]), int(r[2]))) for r in self._q(
                f"SELECT m.id, f.name, m.uid FROM messages m JOIN folders f ON f.id = m.folder_id "
                f"WHERE m.id IN ({marks})", chunk))
        return found

    def search(self, *, sender: str = "", recipient: str = "", subject: str = "", body: str = "",
               attachment: str = "", anywhere: str = "", since: int | None = None, before: int | None = None,
               unread_only: bool = False, flagged_only: bool = False, larger: int | None = None,
               folders: Sequence[str] | None = None, limit: int = 500,
               largest_first: bool = False) -> list[tuple[Any, ...]]:
        """Messages of every folder (or of `folders`) matching all the given fields, newest first,
        as SEARCH_COLUMNS rows (core/search.py). Text fields match each word as a word prefix,
        accents folded; `anywhere` looks in the headers, the body text and the attachment names;
        `since` / `before` are epoch seconds of the sent date (before is exclusive)."""
        clauses: list[str] = []
        params: list[Any] = []

        def match(table: str, columns: str, text: str) -> None:
            query = fts_query(text)
            if query:
                clauses.append(f"m.id IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)")
                params.append(f"{{{columns}}} : ({query})")

        match("messages_fts", "from_name from_addr", sender)
        match("messages_fts", "to_addrs", recipient)
        match("messages_fts", "subject", subject)
        match("body_fts", "text", body)
        match("body_fts", "attachments", attachment)
        for term in (fts_query(anywhere) or "").split():
            clauses.append("(m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?) "
                           "OR m.id IN (SELECT rowid FROM body_fts WHERE body_fts MATCH ?))")
            params.extend([f"{{subject from_name from_addr to_addrs}} : ({term})", f"{{text attachments}} : ({term})"])
        if since is not None:
            clauses.append("m.date >= ?")
            params.append(int(since))
        if before is not None:
            clauses.append("m.date < ?")
            params.append(int(before))
        if unread_only:
            clauses.append(f"(m.flags & {SEEN}) = 0")
        if flagged_only:
            clauses.append(f"(m.flags & {FLAGGED}) != 0")
        if larger is not None:
            clauses.append("m.size > ?")
            params.append(int(larger))
        if folders is not None:
            if not folders:
                return []
            clauses.append(f"f.name IN ({','.join('?' * len(folders))})")
            params.extend(folders)
        where = " AND ".join(clauses) or "1"
        return self._q(f"SELECT {_SEARCH_SELECT} FROM messages m JOIN folders f ON f.id = m.folder_id "
                       f"WHERE {where} ORDER BY {'m.size' if largest_first else 'm.date'} DESC, m.id DESC LIMIT ?",
                       [*params, max(1, int(limit))])

    def search_rows_for_uids(self, folder: str, uids: Iterable[int]) -> list[tuple[Any, ...]]:
        """SEARCH_COLUMNS rows of some UIDs of one folder (what the server's SEARCH found)."""
        wanted = list(uids)
        rows: list[tuple[Any, ...]] = []
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            rows.extend(self._q(
                f"SELECT {_SEARCH_SELECT} FROM messages m JOIN folders f ON f.id = m.folder_id "
                f"WHERE f.name = ? AND m.uid IN ({','.join('?' * len(chunk))})", [folder, *chunk]))
        return rows

    def _evict(self, conn: sqlite3.Connection, keep: int) -> None:
        total = conn.execute("SELECT coalesce(sum(size), 0) FROM bodies").fetchone()[0]
        if total <= self.body_budget:
            return
        for rowid, size in conn.execute(
                "SELECT message_id, size FROM bodies WHERE message_id != ? ORDER BY accessed", (keep,)
                ).fetchall():
            conn.execute("DELETE FROM bodies WHERE message_id=?", (rowid,))
            total -= size
            if total <= self.body_budget:
                break

    def body(self, folder: str, uid: int) -> bytes | None:
        """A cached complete body, or None (partial downloads are never returned as the message)."""
        rowid = self._message_rowid(folder, uid)
        if rowid is None:
            return None
        row = self._q("SELECT data FROM bodies WHERE message_id=? AND complete=1", (rowid,))
        if not row:
            return None
        with suppress(errors.StoreError), self.transaction() as conn:
            conn.execute("UPDATE bodies SET accessed=? WHERE message_id=?", (time.time(), rowid))
        return bytes(row[0][0])

    def has_body(self, folder: str, uid: int) -> bool:
        """A complete body is cached (without touching its place in the eviction order)."""
        rowid = self._message_rowid(folder, uid)
        return rowid is not None and bool(self._q("SELECT 1 FROM bodies WHERE message_id=? AND complete=1",
                                                  (rowid,)))

    def message_size(self, folder: str, uid: int) -> int | None:
        """RFC822.SIZE of a cached header row, None when the row is unknown."""
        row = self._q("SELECT m.size FROM messages m JOIN folders f ON f.id=m.folder_id "
                      "WHERE f.name=? AND m.uid=?", (folder, uid))
        return int(row[0][0]) if row else None

    def bodies_size(self) -> int:
        return int(self._q("SELECT coalesce(sum(size), 0) FROM bodies")[0][0])
