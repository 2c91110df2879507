"""Search across folders (and accounts): the cache's full-text index first, the server's SEARCH next.

Why two stages: the local answer (headers of every cached message, text of every body ever
downloaded, attachment names) comes in milliseconds and works offline; the server's SEARCH then
finds what only the server can (bodies never downloaded). A hit names its account and folder and
carries the cache's row id, so `Store.locate()` tells where it is after a move (the row id survives
a mirrored MOVE) or that it is gone (deleted).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from acmail_desktop.core import errors, log
from acmail_desktop.core.imap.session import ImapSession
from acmail_desktop.core.imap.uidset import expand_uid_set
from acmail_desktop.core.rows import FLAGGED, SEEN
from acmail_desktop.core.store import Store

DEFAULT_LIMIT = 500
_ESEARCH_ALL = re.compile(rb"\bALL ([\d:,]+)", re.I)
_FORBIDDEN = re.compile(r"[\r\n\x00]")


class Scope:
    FOLDER = "folder"
    ACCOUNT = "account"
    EVERYTHING = "everything"


@dataclass(frozen=True)
class SearchQuery:
    """What the user asked. Every filled field must match (AND); within a field, every word must
    match (as a word prefix locally, as a substring on the server)."""

    text: str = ""  # anywhere: sender, recipients, subject, body, attachment names
    sender: str = ""
    recipient: str = ""
    subject: str = ""
    body: str = ""
    attachment: str = ""
    since: date | None = None  # sent on or after this day
    before: date | None = None  # sent before this day (exclusive, like IMAP SENTBEFORE)
    unread_only: bool = False
    flagged_only: bool = False
    larger: int | None = None  # bytes: "Libérer de l'espace" lists the largest messages

    def is_empty(self) -> bool:
        return not any((self.text.strip(), self.sender.strip(), self.recipient.strip(),
                        self.subject.strip(), self.body.strip(), self.attachment.strip(),
                        self.since, self.before, self.unread_only, self.flagged_only, self.larger))


@dataclass(frozen=True)
class SearchHit:
    account: str
    folder: str
    uid: int
    row_id: int
    subject: str
    from_name: str
    from_addr: str
    date: int | None
    flags: int
    size: int
    has_attachments: bool
    source: str = "local"  # "local" (cache index) or "server" (found by the server's SEARCH)


@dataclass
class SearchOutcome:
    hits: list[SearchHit] = field(default_factory=list)
    offline: bool = False  # the server part could not run: local results only
    failed_folders: list[str] = field(default_factory=list)


def _epoch_day(day: date) -> int:
    return (day - date(1970, 1, 1)).days * 86_400


def _hit(account: str, row: Sequence[Any], source: str = "local") -> SearchHit:
    """A Store.search() row (SEARCH_COLUMNS) as a hit."""
    return SearchHit(account, str(row[0]), int(row[1]), int(row[2]), str(row[3]), str(row[4]), str(row[5]),
                     None if row[6] is None else int(row[6]), int(row[7]), int(row[8]), bool(row[9]), source)


def search_local(store: Store, query: SearchQuery, *, account: str = "",
                 folders: Iterable[str] | None = None, limit: int = DEFAULT_LIMIT,
                 largest_first: bool = False) -> list[SearchHit]:
    """Cached messages matching `query`, newest (or largest) first, in `folders` (None: every folder)."""
    if query.is_empty():
        return []
    rows = store.search(
        sender=query.sender, recipient=query.recipient, subject=query.subject, body=query.body,
        attachment=query.attachment, anywhere=query.text,
        since=_epoch_day(query.since) if query.since else None,
        before=_epoch_day(query.before) if query.before else None,
        unread_only=query.unread_only, flagged_only=query.flagged_only, larger=query.larger,
        folders=None if folders is None else list(folders), limit=limit, largest_first=largest_first)
    return [_hit(account, row) for row in rows]


def latest_in_folder(store: Store, folder: str, *, account: str = "", limit: int = DEFAULT_LIMIT) -> list[SearchHit]:
    """The newest cached messages of one folder, as hits (the unified inbox lists every account's)."""
    return [_hit(account, row) for row in store.search(folders=[folder], limit=limit)]


def hits_for_uids(store: Store, folder: str, uids: Iterable[int], *, account: str = "",
                  source: str = "server") -> list[SearchHit]:
    """Cached rows of some UIDs of one folder, as hits (what the server's SEARCH found)."""
    return [_hit(account, row, source) for row in store.search_rows_for_uids(folder, uids)]


def _imap_date(day: date) -> str:
    return day.strftime("%d-") + ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                  "Nov", "Dec")[day.month - 1] + day.strftime("-%Y")


def _check_word(text: str) -> str:
    if _FORBIDDEN.search(text):
        raise errors.ProtocolError("search text contains a line break or NUL")
    return text


def _words(text: str) -> list[str]:
    return [_check_word(w) for w in text.split() if w]


Criterion = tuple[str, "str | int | date | None"]


def server_criteria(query: SearchQuery) -> list[Criterion]:
    """The query as IMAP SEARCH keys (RFC 3501 §6.4.4) and their values, every word its own
    substring key; values unquoted (the sender quotes them, or sends non-ASCII as literals).

    Attachment names: no standard key exists. Dovecot's BODY skips MIME part headers but its TEXT
    reads them, so the server is asked TEXT (a superset: a word of the subject matches too);
    the local index knows the names exactly."""
    keys: list[Criterion] = []
    for key, text in (("FROM", query.sender), ("TO", query.recipient), ("SUBJECT", query.subject),
                      ("BODY", query.body), ("TEXT", query.attachment), ("TEXT", query.text)):
        keys.extend((key, word) for word in _words(text))
    if query.since:
        keys.append(("SENTSINCE", query.since))
    if query.before:
        keys.append(("SENTBEFORE", query.before))
    if query.unread_only:
        keys.append(("UNSEEN", None))
    if query.flagged_only:
        keys.append(("FLAGGED", None))
    if query.larger:
        keys.append(("LARGER", int(query.larger)))
    return keys or [("ALL", None)]


def _wire(keys: Sequence[Criterion]) -> str | None:
    """Keys as one command line, words quoted; None when a word is not ASCII (it needs a
    literal, which imapclient's SEARCH sends)."""
    out: list[str] = []
    for key, value in keys:
        out.append(key)
        if isinstance(value, date):
            out.append(_imap_date(value))
        elif value is None:
            continue
        elif isinstance(value, int):
            out.append(str(value))
        elif value.isascii():
            out.append('"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"')
        else:
            return None
    return " ".join(out)


def server_search_uids(session: ImapSession, folder: str, query: SearchQuery) -> list[int]:
    """UIDs of one folder matching `query` on the server (EXAMINE, then UID SEARCH; ESEARCH's
    compact `ALL 1:500` answer when the server offers it, RFC 4731)."""
    keys = server_criteria(query)
    ascii_only = all(not isinstance(v, str) or v.isascii() for _k, v in keys)
    session.select(folder, readonly=True)
    wire = _wire(keys)
    if wire is None or not session.has("ESEARCH"):
        flat = [item for key, value in keys for item in (key, value) if item is not None]
        return session.search(flat, charset=None if ascii_only else "UTF-8")
    uids: list[int] = []
    for text, _literals in session.raw_command(f"UID SEARCH RETURN (ALL) {wire}", what="SEARCH"):
        if text.upper().startswith(b"* ESEARCH"):
            match = _ESEARCH_ALL.search(text)
            if match:
                uids.extend(expand_uid_set(match.group(1)))
    return sorted(set(uids))


def search_server(session: ImapSession, store: Store, query: SearchQuery, folders: Sequence[str], *,
                  account: str = "", known: Iterable[SearchHit] = (),
                  fetch_missing: Callable[[str], Any] | None = None,
                  on_hits: Callable[[list[SearchHit]], None] | None = None) -> SearchOutcome:
    """Complete local results with the server's SEARCH, folder after folder (one connection:
    an IMAP connection runs one command at a time). Hits already known are not repeated;
    UIDs whose headers are not cached yet are brought in with `fetch_missing(folder)` (the
    sync) first. `on_hits` gets each folder's new hits as they come (progressive display)."""
    server_criteria(query)  # refuses hostile text before any folder is touched
    previous, previous_writable = session.selected, session.selected_writable
    try:
        return _search_folders(session, store, query, folders, account, known, fetch_missing, on_hits)
    finally:
        # Put back the folder the window had open: a PassCode session's NOOP poll and the next
        # change expect it selected as before.
        if previous and session.selected != previous:
            with suppress(errors.AcmailError):
                session.select(previous, readonly=not previous_writable)


def _search_folders(session: ImapSession, store: Store, query: SearchQuery, folders: Sequence[str],
                    account: str, known: Iterable[SearchHit], fetch_missing: Callable[[str], Any] | None,
                    on_hits: Callable[[list[SearchHit]], None] | None) -> SearchOutcome:
    outcome = SearchOutcome()
    seen = {(h.folder, h.uid) for h in known}
    for folder in folders:
        try:
            uids = server_search_uids(session, folder, query)
        except errors.AcmailError as exc:
            log.imap.info("search in a folder failed: %s", type(exc).__name__)
            outcome.failed_folders.append(folder)
            if isinstance(exc, errors.NetworkError) and not isinstance(exc, errors.ProtocolError):
                outcome.offline = True  # the connection is gone: the rest stays local
                break
            continue  # this folder refused (a NO): the others may still answer
        new = [u for u in uids if (folder, u) not in seen]
        if not new:
            continue
        hits = hits_for_uids(store, folder, new, account=account)
        if len(hits) < len(new) and fetch_missing is not None:
            fetch_missing(folder)
            hits = hits_for_uids(store, folder, new, account=account)
        if query.unread_only or query.flagged_only:
            hits = [h for h in hits if (not query.unread_only or not h.flags & SEEN)
                    and (not query.flagged_only or h.flags & FLAGGED)]
        seen.update((h.folder, h.uid) for h in hits)
        outcome.hits.extend(hits)
        if on_hits is not None and hits:
            on_hits(hits)
    return outcome


def refresh_hits(store: Store, hits: Iterable[SearchHit]) -> list[SearchHit]:
    """The same hits where their messages are now: moved ones carry their new folder and UID,
    deleted ones are dropped."""
    hits = list(hits)
    places = store.locate(h.row_id for h in hits)
    return [replace(h, folder=places[h.row_id][0], uid=places[h.row_id][1])
            for h in hits if h.row_id in places]


def merge_hits(*groups: Iterable[SearchHit]) -> list[SearchHit]:
    """One list, newest first, each (account, folder, uid) once."""
    merged: dict[tuple[str, str, int], SearchHit] = {}
    for group in groups:
        for hit in group:
            merged.setdefault((hit.account, hit.folder, hit.uid), hit)
    return sorted(merged.values(), key=lambda h: (h.date or 0, h.row_id), reverse=True)
