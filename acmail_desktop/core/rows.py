"""The vocabulary of a cached message row, shared by the parser, the store and the list.

It lives below IMAP so that the store, the summaries and the list model do not depend on the
protocol layer that happens to fill the rows.
"""

from __future__ import annotations

import re
from functools import lru_cache

from acmail_desktop.core.collation import french_sort_key

# Flags kept as bits (sortable, countable in SQL); anything else is a keyword string.
FLAG_BITS = {"\\seen": 1, "\\answered": 2, "\\flagged": 4, "\\deleted": 8, "\\draft": 16,
             "$forwarded": 32}
FLAG_NAMES = {1: "\\Seen", 2: "\\Answered", 4: "\\Flagged", 8: "\\Deleted", 16: "\\Draft",
              32: "$Forwarded"}
SEEN, ANSWERED, FLAGGED, DELETED, DRAFT, FORWARDED = 1, 2, 4, 8, 16, 32

# Column order of a header row, as `store.Store.put_headers` takes it.
ROW_FIELDS = ("uid", "flags", "keywords", "internaldate", "size", "subject", "from_name", "from_addr",
              "to", "date", "message_id", "in_reply_to", "refs", "thread_key", "has_attachments",
              "subject_sort", "from_sort")

# Columns of a row returned by Store.page(), in this order (the Qt model indexes them by position).
PAGE_COLUMNS = ("id", "uid", "flags", "keywords", "subject", "from_name", "from_addr", "to_addrs",
                "date", "size", "has_attachments", "thread_key", "message_id")

_SUBJECT_PREFIX = re.compile(r"^\s*(?:(?:re|fwd?|tr|rép|ref|aw|wg)\s*(?:\[\d+\])?\s*:\s*)+", re.I)


def bits_to_flags(bits: int, keywords: str = "") -> list[str]:
    flags = [name for bit, name in FLAG_NAMES.items() if bits & bit]
    flags.extend(k for k in keywords.split() if k)
    return flags


@lru_cache(maxsize=8192)
def subject_sort_key(subject: str) -> str:
    """Subject without Re:/Fwd:/TR: prefixes, in French order (core/collation.py): the sort key and
    the thread fallback."""
    return french_sort_key(_SUBJECT_PREFIX.sub("", subject).strip())


def sender_sort_key(from_name: str, from_addr: str) -> str:
    """The sender column's key: the name shown, else the address, in French order."""
    return french_sort_key(from_name or from_addr)
