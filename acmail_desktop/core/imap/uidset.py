"""UID sets (RFC 3501 sequence sets) both ways, and the COPYUID response code (RFC 4315)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from acmail_desktop.core import errors


def uid_set(uids: Iterable[int]) -> str:
    """[1, 2, 3, 7] -> '1:3,7' (short command lines whatever the selection's size)."""
    ordered = sorted({int(u) for u in uids})
    parts: list[str] = []
    start = prev = None
    for uid in ordered:
        if prev is not None and uid == prev + 1:
            prev = uid
            continue
        if start is not None:
            parts.append(str(start) if start == prev else f"{start}:{prev}")
        start = prev = uid
    if start is not None:
        parts.append(str(start) if start == prev else f"{start}:{prev}")
    return ",".join(parts)


def expand_uid_set(text: str | bytes) -> list[int]:
    """'1:3,7' -> [1, 2, 3, 7] (sequence sets in COPYUID/VANISHED; '*' is not allowed there)."""
    if isinstance(text, bytes):
        text = text.decode("ascii", "replace")
    result: list[int] = []
    for part in text.split(","):
        if not part:
            continue
        if ":" in part:
            low, high = (int(x) for x in part.split(":", 1))
            if low > high:
                low, high = high, low
            if high - low > 10_000_000:
                raise errors.ProtocolError("UID range too large")
            result.extend(range(low, high + 1))
        else:
            result.append(int(part))
    return result


def parse_copyuid(text: bytes) -> dict[int, int]:
    """'[COPYUID 12 1:3 7:9]' (or the code's data alone) -> {1: 7, 2: 8, 3: 9}."""
    match = re.search(rb"(?:COPYUID\s+)?(\d+)\s+([\d:,]+)\s+([\d:,]+)", text)
    if not match:
        return {}
    try:
        source = expand_uid_set(match.group(2))
        dest = expand_uid_set(match.group(3))
    except ValueError:
        return {}
    if len(source) != len(dest):
        return {}
    return dict(zip(source, dest, strict=True))
