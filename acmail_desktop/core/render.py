"""Turn a received message into what the reader shows, whatever the message does to us.

Every limit is explicit (nesting depth, number of parts, header and text sizes) and produces a
notice instead of an exception. HTML is sanitized (`htmlsafe.sanitize_html`) or converted to text
(html2text) in a separate process with a time limit and a memory cap, because a converter that
loops or swells cannot be stopped inside our own process; past the limit the process is killed and
a crude tag-stripped text is shown instead.

Headers are read the way the message list reads them (`imap.fetchparse`: same header-block split,
same encoded-word decoder, same charset supersets), so the reader never shows less than the list.
"""

from __future__ import annotations

import html
import re
import threading
from dataclasses import dataclass, field
from email.message import Message
from email.utils import collapse_rfc2231_value
from enum import StrEnum
from typing import Any

from acmail_desktop.core import helper_process
from acmail_desktop.core.addresses import SenderDisplay, describe_sender, header_fields, parse_mailboxes
from acmail_desktop.core.charsets import decode_text
from acmail_desktop.core.htmlsafe import SafeHtml, chunk_html, convert_request, reflow_flowed, text_to_html
from acmail_desktop.core.imap.fetchparse import decode_words, parse_from
from acmail_desktop.core.mime import parse_message


class Notice(StrEnum):
    TOO_DEEP = "too_deep"
    TOO_MANY_PARTS = "too_many_parts"
    HEADER_TRUNCATED = "header_truncated"
    HTML_TRUNCATED = "html_truncated"
    TEXT_TRUNCATED = "text_truncated"
    HTML_TIMEOUT = "html_timeout"
    PARSE_DEFECTS = "parse_defects"


class View(StrEnum):
    HTML = "html"    # formatted: sanitized HTML, or the text part laid out
    TEXT = "text"    # plain text: the text part, or the HTML converted to text


@dataclass(frozen=True)
class RenderLimits:
    max_depth: int = 30
    max_parts: int = 1000
    max_header_chars: int = 2000
    max_html_chars: int = 2_000_000
    max_text_chars: int = 1_000_000
    html_timeout_s: float = 0.8
    helper_memory_bytes: int = 1_200_000_000
    max_inline_image_bytes: int = 30_000_000
    html_piece_chars: int = 2_500


@dataclass(frozen=True)
class Attachment:
    filename: str              # decoded, as the sender wrote it; clean it before saving
    content_type: str
    size: int
    path: tuple[int, ...]      # position in the MIME tree, for attachment_payload()

    @property
    def is_message(self) -> bool:
        return self.content_type == "message/rfc822"


@dataclass(frozen=True)
class DeliveryStatus:
    """One recipient of a delivery-status report (RFC 3464): who, what happened, why."""

    recipient: str
    action: str         # failed, delayed, delivered, relayed, expanded (lower case)
    status: str         # "5.1.1"
    diagnostic: str     # the remote server's words, as sent


@dataclass
class RenderedMessage:
    subject: str
    sender: SenderDisplay
    to: str
    cc: str
    date: str
    message_id: str
    text: str
    from_html: bool = False
    attachments: list[Attachment] = field(default_factory=list)
    notices: set[Notice] = field(default_factory=set)
    view: View = View.TEXT
    html: str = ""                          # what the view shows (rich text), safe to display
    html_pieces: list[str] = field(default_factory=list)  # the same, cut for progressive display
    links: dict[str, list[str]] = field(default_factory=dict)
    remote_images: int = 0
    images: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # cid (lower) -> (type, bytes)
    delivery: list[DeliveryStatus] = field(default_factory=list)
    reply_to: str = ""                      # shown when replies would not go to the sender


# --- HTML conversion in a killable, memory-capped process (core/helper_process.py) -------------------
def _converter_main(connection: helper_process.Connection, target: str, memory_limit: int = 0) -> None:
    module, _, name = target.partition(":")
    convert = getattr(__import__(module, fromlist=[name]), name)
    helper_process.cap_memory(memory_limit)  # after the imports: the cap is for the messages
    helper_process.signal_ready(connection)
    while True:
        try:
            source = connection.recv()
        except EOFError:
            return
        try:
            result = convert(source)
        except MemoryError:
            result = None
        connection.send(result)


def strip_tags(source: str) -> str:
    """The fallback: no markup, no scripts or styles, entities decoded. Crude but bounded."""
    text = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", " ", source)
    text = re.sub(r"(?i)<br\s*/?>|</p\s*>|</div\s*>|</tr\s*>|</h[1-6]\s*>", "\n", text)
    text = re.sub(r"<[^>]*>", "", text)
    text = html.unescape(text)
    return re.sub(r"\n\s*\n\s*\n+", "\n\n", re.sub(r"[ \t\r\f\v]+", " ", text)).strip() + "\n"


class HtmlConverter:
    """The converter (`htmlsafe.convert_request`) in a child process (spawned, so safe beside Qt),
    with an address-space cap, killed and restarted after a timeout or a crash."""

    def __init__(self, target: str = "acmail_desktop.core.htmlsafe:convert_request",
                 memory_limit: int = RenderLimits.helper_memory_bytes) -> None:
        self.target = target
        self.memory_limit = memory_limit
        self._lock = threading.Lock()
        self._process: helper_process.Helper | None = None
        self._connection: helper_process.Connection | None = None

    def _start(self) -> helper_process.Connection | None:
        if self._process is None or not self._process.is_alive():
            self._kill()
            parent, child = helper_process.pipe()
            self._process = helper_process.Helper(_converter_main, (child, self.target, self.memory_limit),
                                                  name="acmail-html-helper", child_ends=(child,))
            self._connection = parent
            # Start-up (imports) is not part of a message's time limit, but it is bounded too.
            if not helper_process.wait_ready(parent, 30):
                self._kill()
                return None
        return self._connection

    def start(self) -> None:
        """Start the helper ahead of the first message (its imports take a few hundred ms)."""
        with self._lock:
            self._start()

    def convert(self, source: Any, timeout: float) -> Any:
        """The converter's result, or None when it did not finish in time (it is then killed),
        ran out of memory or died."""
        with self._lock:
            connection = self._start()
            if connection is None:
                return None
            try:
                connection.send(source)
                if connection.poll(timeout):
                    return connection.recv()
            except (EOFError, OSError):
                pass
            self._kill()
            return None

    def _kill(self) -> None:
        if self._process is not None:
            self._process.stop()
        if self._connection is not None:
            self._connection.close()
        self._process, self._connection = None, None

    def close(self) -> None:
        with self._lock:
            self._kill()


class InProcessConverter:
    """For callers that cannot spawn (and for comparisons): the converter directly, no limits."""

    def convert(self, source: Any, timeout: float) -> Any:
        return convert_request(source)


_default_converter: HtmlConverter | None = None


def default_converter() -> HtmlConverter:
    global _default_converter
    if _default_converter is None:
        _default_converter = HtmlConverter()
    return _default_converter


# --- the raw message: what the parser is given -------------------------------------------------------
_BOM = b"\xef\xbb\xbf"
_HEADER_NAME = re.compile(rb"^[!-9;-~]+[ \t]*:")
_OBSOLETE_NAME = re.compile(rb"^([!-9;-~]+)[ \t]+:", re.M)
_HEADER_SCAN_LIMIT = 1_000_000


def repair_header_block(raw: bytes) -> bytes:
    """What a lenient server (and so the message list) reads: a byte-order mark or blank lines
    before the first header are dropped, and a line in the header block that is neither a header
    nor a continuation is skipped instead of ending the headers (the stdlib parser would take it,
    and every header after it, for the body)."""
    if raw.startswith(_BOM):
        raw = raw[len(_BOM):]
    raw = raw.lstrip(b"\r\n")
    end = -1
    for separator in (b"\r\n\r\n", b"\n\n"):
        found = raw.find(separator, 0, _HEADER_SCAN_LIMIT)
        if found >= 0 and (end < 0 or found < end):
            end = found
    if end < 0:
        return raw
    block, rest = raw[:end], raw[end:]
    lines = block.splitlines(keepends=True)
    kept = [line for index, line in enumerate(lines)
            if _HEADER_NAME.match(line) or (index and line[:1] in (b" ", b"\t"))]
    obsolete = _OBSOLETE_NAME.search(block) is not None
    if len(kept) == len(lines) and not obsolete:
        return raw
    if obsolete:  # "Subject   : x" (RFC 5322 4.5.1): the stdlib would take it for the body
        kept = [_OBSOLETE_NAME.sub(rb"\1:", line, count=1) for line in kept]
    return b"".join(kept).rstrip(b"\r\n") + rest


def _bounded(value: str, limits: RenderLimits, notices: set[Notice]) -> str:
    """Cut a raw header before decoding it (decoding a 5 MB subject is what costs), at a word end."""
    budget = limits.max_header_chars * 4
    if len(value) <= budget:
        return value
    notices.add(Notice.HEADER_TRUNCATED)
    cut = value[:budget]
    word_end = cut.rfind("?=")
    space = cut.rfind(" ")
    return cut[:max(word_end + 2, space)] if max(word_end, space) > 0 else cut


def _shown(text: str, limits: RenderLimits, notices: set[Notice]) -> str:
    text = re.sub(r"[\r\n\t]+", " ", text).strip()
    if len(text) > limits.max_header_chars:
        notices.add(Notice.HEADER_TRUNCATED)
        text = text[:limits.max_header_chars] + "…"
    return text


def _address_list(value: str, limits: RenderLimits, notices: set[Notice]) -> str:
    """To / Cc / Reply-To: parsed before any name is decoded (`addresses.parse_mailboxes`), so an
    encoded comma or address in a name never becomes another recipient."""
    pairs = parse_mailboxes(_bounded(value, limits, notices))
    return _shown(", ".join(describe_sender(name, address).text for name, address in pairs if address),
                  limits, notices)


# --- MIME walking with limits --------------------------------------------------------------------------
def _filename(part: Message) -> str | None:
    raw_values = [str(v) for k, v in part.raw_items() if k.lower() in ("content-disposition", "content-type")]
    name: Any = None
    if not any("\udc80" <= c <= "\udcff" for value in raw_values for c in value):
        try:
            name = part.get_filename()
        except (AttributeError, TypeError, ValueError, LookupError):
            name = None
    if not isinstance(name, str):
        # Raw 8-bit names (kept as surrogates, which get_filename() turns into U+FFFD): read the
        # parameter from the raw header ourselves.
        match = re.search(r'(?i)(?:^|;)\s*(?:file)?name\*?\s*=\s*"?([^";]+)', ";".join(raw_values))
        name = match.group(1).strip() if match else None
    if name is None:
        return None
    if any("\udc80" <= c <= "\udcff" for c in name):
        name = decode_text(name.encode("utf-8", "surrogateescape"), None)
    return decode_words(name) or None


def _charset(part: Message) -> str | None:
    try:
        value = part.get_param("charset")
        return str(collapse_rfc2231_value(value)) if value else None  # type: ignore[arg-type]
    except Exception:
        return None


_META_CHARSET = re.compile(rb"""(?i)<meta\b[^>]*?charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})""")


def _text_of(part: Message) -> str:
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        return ""
    if not isinstance(payload, bytes):
        return ""
    charset = _charset(part)
    if charset is None and part.get_content_type() == "text/html":
        declared = _META_CHARSET.search(payload[:4096])  # what a browser reads when MIME says nothing
        charset = declared.group(1).decode("ascii") if declared else None
    text = decode_text(payload, charset).replace("\r\n", "\n")
    if str(part.get_param("format") or "").lower() == "flowed":
        text = reflow_flowed(text, delsp=str(part.get_param("delsp") or "").lower() == "yes")
    return text


def _size(part: Message) -> int:
    try:
        payload = part.get_payload(decode=True)
        if payload is None and part.get_content_maintype() == "message":
            return len(_message_part_bytes(part))
    except Exception:
        return 0
    return len(payload) if isinstance(payload, bytes) else 0


def _message_part_bytes(part: Message) -> bytes:
    """A message/* part as a file: an attached message (rfc822) or a delivery report's fields."""
    inner = part.get_payload()
    blocks = [m for m in (inner if isinstance(inner, list) else []) if isinstance(m, Message)]
    if not blocks:
        data = part.get_payload(decode=True)
        return data if isinstance(data, bytes) else b""
    out = []
    for block in blocks:
        try:
            out.append(block.as_bytes())
        except Exception:
            out.append(block.as_string().encode("utf-8", "surrogateescape"))
    if part.get_content_type() == "message/rfc822":
        return out[0]
    return b"\n".join(chunk.rstrip(b"\n") + b"\n" for chunk in out)


def _delivery_report(part: Message) -> list[DeliveryStatus]:
    """Per-recipient fields of a message/delivery-status part (the stdlib gives one Message per
    block; a report without blank lines comes as one block, split here on Final-Recipient)."""
    payload = part.get_payload()
    fields: list[tuple[str, str]] = []
    if isinstance(payload, list):
        for block in payload:
            if isinstance(block, Message):
                fields.extend((k.lower(), str(v)) for k, v in block.items())
                fields.append(("", ""))
    else:
        raw = part.get_payload(decode=True)
        text = decode_text(raw, "utf-8") if isinstance(raw, bytes) else str(payload)
        for line in re.sub(r"\r?\n[ \t]+", " ", text).splitlines():
            name, colon, value = line.partition(":")
            fields.append((name.strip().lower(), value.strip()) if colon else ("", ""))
    result: list[DeliveryStatus] = []
    current: dict[str, str] = {}

    def finish() -> None:
        recipient = current.get("final-recipient") or current.get("original-recipient") or ""
        if recipient:
            address = recipient.partition(";")[2].strip() or recipient.strip()
            status = (re.match(r"\s*(\d\.\d{1,3}\.\d{1,3})", current.get("status", "")) or [""])[0]
            result.append(DeliveryStatus(address.strip("<> "), current.get("action", "").strip().lower(),
                                         status.strip(), " ".join(current.get("diagnostic-code", "")
                                                                  .partition(";")[2].split())[:500]))
        current.clear()

    for name, value in fields:
        if not name or (name == "final-recipient" and "final-recipient" in current):
            finish()
        if name:
            current.setdefault(name, " ".join(value.split()))
    finish()
    return result[:200]


@dataclass
class _Piece:
    kind: str          # "plain" or "html"
    text: str


@dataclass
class _Walk:
    limits: RenderLimits
    notices: set[Notice]
    view: View
    parts: int = 0
    pieces: list[_Piece] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    images: dict[str, tuple[str, bytes, Attachment]] = field(default_factory=dict)
    delivery: list[DeliveryStatus] = field(default_factory=list)

    def _attach(self, part: Message, path: tuple[int, ...], content_type: str, name: str | None) -> None:
        if content_type == "message/rfc822" and not name:
            inner = part.get_payload()
            subject = ""
            if isinstance(inner, list) and inner and isinstance(inner[0], Message):
                subject = decode_words(str(inner[0].get("Subject", ""))[:400])
            name = (re.sub(r'[\\/:*?"<>|\r\n\t\x00]+', "_", subject).strip()[:80] or "message") + ".eml"
        attachment = Attachment(name or "sans-nom", content_type, _size(part), path)
        content_id = str(part.get("Content-ID", "")).strip().strip("<>").strip().lower()
        if content_type.startswith("image/") and content_id:
            try:
                data = part.get_payload(decode=True)
            except Exception:
                data = None
            if isinstance(data, bytes):
                self.images[content_id] = (content_type, data, attachment)
                return  # listed later unless the HTML shows it in place
        self.attachments.append(attachment)

    def visit(self, part: Message, path: tuple[int, ...], depth: int) -> None:
        if depth > self.limits.max_depth:
            self.notices.add(Notice.TOO_DEEP)
            return
        self.parts += 1
        if self.parts > self.limits.max_parts:
            self.notices.add(Notice.TOO_MANY_PARTS)
            return
        content_type = part.get_content_type()
        disposition = str(part.get("Content-Disposition", "")).split(";")[0].strip().lower()
        if content_type == "message/rfc822":
            # Listed so it can be opened as a message; an inline one is also shown in place.
            self._attach(part, path, content_type, _filename(part))
            inner = part.get_payload()
            if disposition != "attachment" and isinstance(inner, list) and inner \
                    and isinstance(inner[0], Message):
                self.pieces.append(_Piece("plain", "\u2014" * 24))
                self.visit(inner[0], (*path, 0), depth + 1)
            return
        if content_type == "message/delivery-status":
            self.delivery.extend(_delivery_report(part))
            self._attach(part, path, content_type, _filename(part) or "rapport.txt")
            return
        if part.is_multipart():
            payload = part.get_payload()
            children = [(i, c) for i, c in enumerate(payload if isinstance(payload, list) else [])
                        if isinstance(c, Message)]
            if content_type == "multipart/alternative" and children:
                children = [self._choose_alternative(children)]
            preamble = part.preamble if isinstance(part.preamble, str) else ""
            if content_type == "multipart/report" and preamble.strip():
                # Some mail systems write a bounce's human part before the first boundary.
                self.pieces.append(_Piece("plain", preamble.strip("\r\n")))
            for index, child in children:
                self.visit(child, (*path, index), depth + 1)
            return
        filename = _filename(part)
        if filename or disposition == "attachment" or content_type not in ("text/plain", "text/html"):
            self._attach(part, path, content_type, filename)
            return
        text = _text_of(part)
        if text.strip():
            self.pieces.append(_Piece("html" if content_type == "text/html" else "plain", text))

    def _choose_alternative(self, children: list[tuple[int, Message]]) -> tuple[int, Message]:
        """The richest alternative this view wants that is not empty: an empty text/plain beside a
        full HTML part must not blank the reader."""
        wanted = ("text/html", "multipart/related", "multipart/mixed") if self.view == View.HTML \
            else ("text/plain",)
        usable = [(i, c) for i, c in children if _has_content(c)]
        if not usable:
            return children[-1]
        preferred = [(i, c) for i, c in usable if c.get_content_type() in wanted]
        return (preferred or usable)[-1]


def _has_content(part: Message, depth: int = 0) -> bool:
    if depth > 8:
        return True
    if part.is_multipart():
        payload = part.get_payload()
        return any(isinstance(c, Message) and _has_content(c, depth + 1)
                   for c in (payload if isinstance(payload, list) else []))
    if part.get_content_maintype() == "text":
        return bool(_text_of(part).strip())
    return True


def _limited(text: str, limit: int, notice: Notice, notices: set[Notice]) -> str:
    if len(text) > limit:
        notices.add(notice)
        return text[:limit]
    return text


def _parse(raw: bytes, notices: set[Notice]) -> Message:
    message = parse_message(repair_header_block(raw))
    if message.defects:
        notices.add(Notice.PARSE_DEFECTS)
    return message


def render(raw: bytes, *, limits: RenderLimits = RenderLimits(),
           converter: HtmlConverter | InProcessConverter | None = None, view: View = View.TEXT
           ) -> RenderedMessage:
    notices: set[Notice] = set()
    converter = converter or default_converter()
    walk = _Walk(limits, notices, view)
    try:
        message = _parse(raw, notices)
        walk.visit(message, (), 0)
    except RecursionError:  # the stdlib parser and Message methods recurse once per level
        notices.add(Notice.TOO_DEEP)
    has_html = any(piece.kind == "html" for piece in walk.pieces)
    text, rich, from_html = "", "", False
    safe: SafeHtml | None = None
    if view == View.HTML and has_html:
        source = "".join(piece.text if piece.kind == "html" else text_to_html(piece.text)
                         for piece in walk.pieces)
        source = _limited(source, limits.max_html_chars, Notice.HTML_TRUNCATED, notices)
        result = converter.convert(("html", source), limits.html_timeout_s)
        if isinstance(result, SafeHtml):
            safe, rich = result, result.html
        else:
            notices.add(Notice.HTML_TIMEOUT)
            text = strip_tags(source)
        from_html = True
    if not rich:
        if not text:
            chunks: list[str] = []
            for piece in walk.pieces:
                if piece.kind == "plain":
                    chunks.append(piece.text)
                    continue
                from_html = True
                source = _limited(piece.text, limits.max_html_chars, Notice.HTML_TRUNCATED, notices)
                converted = converter.convert(("text", source), limits.html_timeout_s) \
                    if Notice.HTML_TIMEOUT not in notices else None
                if not isinstance(converted, str):
                    notices.add(Notice.HTML_TIMEOUT)
                    converted = strip_tags(source)
                chunks.append(converted)
            text = "\n\n".join(chunk.rstrip("\n") for chunk in chunks)
        text = _limited(text, limits.max_text_chars, Notice.TEXT_TRUNCATED, notices)
        rich = text_to_html(text)
    if safe is not None:
        text = ""  # the text view renders again (html2text only when asked for)
    images: dict[str, tuple[str, bytes]] = {}
    shown_ids = {ref.strip().strip("<>").lower() for ref in (safe.cid_refs if safe else [])}
    budget = limits.max_inline_image_bytes
    for content_id, (content_type, data, attachment) in walk.images.items():
        if content_id in shown_ids and len(data) <= budget:
            images[content_id] = (content_type, data)
            budget -= len(data)
        else:
            walk.attachments.append(attachment)
    walk.attachments.sort(key=lambda a: a.path)
    headers = header_fields(raw)

    def header(name: str) -> str:
        return _shown(decode_words(_bounded(headers.get(name, ""), limits, notices)), limits, notices)

    from_raw = _bounded(headers.get("from", ""), limits, notices)
    try:
        name, address = parse_from(from_raw) if from_raw else ("", "")
    except (RecursionError, ValueError, IndexError):
        name, address = decode_words(from_raw), ""
    return RenderedMessage(
        subject=header("subject"),
        sender=describe_sender(_shown(name, limits, notices), address or _shown(from_raw, limits, notices)),
        to=_address_list(headers.get("to", ""), limits, notices),
        cc=_address_list(headers.get("cc", ""), limits, notices),
        date=header("date"),
        message_id=header("message-id"),
        text=text,
        from_html=from_html,
        attachments=walk.attachments,
        notices=notices,
        view=view,
        html=rich,
        html_pieces=chunk_html(rich, limits.html_piece_chars),
        links=safe.links if safe else {},
        remote_images=safe.remote_images if safe else 0,
        images=images,
        delivery=walk.delivery,
        reply_to=_address_list(headers.get("reply-to", ""), limits, notices),
    )


def _part_at(raw: bytes, path: tuple[int, ...]) -> Message:
    part: Message = parse_message(repair_header_block(raw))
    for index in path:
        payload = part.get_payload()
        child = payload[index] if isinstance(payload, list) and index < len(payload) else None
        if not isinstance(child, Message):
            raise KeyError(path)
        part = child
    return part


def attachment_payload(raw: bytes, path: tuple[int, ...]) -> bytes:
    part = _part_at(raw, path)
    if part.get_content_maintype() == "message" and isinstance(part.get_payload(), list):
        return _message_part_bytes(part)
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""
