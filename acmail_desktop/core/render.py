"""Turn a received message into what the reader shows, whatever the message does to us.

Every limit is explicit (nesting depth, number of parts, header and text sizes) and produces a
notice instead of an exception. HTML is converted to text by html2text in a separate process with a
time limit, because a converter that loops cannot be stopped inside our own process; past the limit
the process is killed and a crude tag-stripped text is shown instead.
"""

from __future__ import annotations

import html
import multiprocessing
import multiprocessing.connection
import re
import threading
from dataclasses import dataclass, field
from email.message import Message
from email.utils import getaddresses, parseaddr
from enum import StrEnum

from acmail_desktop.core.addresses import SenderDisplay, describe_sender
from acmail_desktop.core.mime import decode_header_value, html_to_text, parse_message


class Notice(StrEnum):
    TOO_DEEP = "too_deep"
    TOO_MANY_PARTS = "too_many_parts"
    HEADER_TRUNCATED = "header_truncated"
    HTML_TRUNCATED = "html_truncated"
    TEXT_TRUNCATED = "text_truncated"
    HTML_TIMEOUT = "html_timeout"
    PARSE_DEFECTS = "parse_defects"


@dataclass(frozen=True)
class RenderLimits:
    max_depth: int = 30
    max_parts: int = 1000
    max_header_chars: int = 2000
    max_html_chars: int = 2_000_000
    max_text_chars: int = 1_000_000
    html_timeout_s: float = 5.0


@dataclass(frozen=True)
class Attachment:
    filename: str              # decoded, as the sender wrote it; clean it before saving
    content_type: str
    size: int
    path: tuple[int, ...]      # position in the MIME tree, for attachment_payload()


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


# --- HTML conversion in a killable process ---------------------------------------------------------
def _converter_main(connection: multiprocessing.connection.Connection, target: str) -> None:
    module, _, name = target.partition(":")
    convert = getattr(__import__(module, fromlist=[name]), name)
    while True:
        try:
            source = connection.recv()
        except EOFError:
            return
        connection.send(convert(source))


def strip_tags(source: str) -> str:
    """The fallback: no markup, no scripts or styles, entities decoded. Crude but bounded."""
    text = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", " ", source)
    text = re.sub(r"(?i)<br\s*/?>|</p\s*>|</div\s*>|</tr\s*>|</h[1-6]\s*>", "\n", text)
    text = re.sub(r"<[^>]*>", "", text)
    text = html.unescape(text)
    return re.sub(r"\n\s*\n\s*\n+", "\n\n", re.sub(r"[ \t\r\f\v]+", " ", text)).strip() + "\n"


class HtmlConverter:
    """html2text in a child process (spawned, so safe beside Qt), restarted after a timeout."""

    def __init__(self, target: str = "acmail_desktop.core.mime:html_to_text") -> None:
        self.target = target
        self._lock = threading.Lock()
        self._process: multiprocessing.process.BaseProcess | None = None
        self._connection: multiprocessing.connection.Connection | None = None

    def _start(self) -> multiprocessing.connection.Connection:
        if self._process is None or not self._process.is_alive():
            context = multiprocessing.get_context("spawn")
            parent, child = context.Pipe()
            self._process = context.Process(target=_converter_main, args=(child, self.target),
                                            name="acmail-html2text", daemon=True)
            self._process.start()
            child.close()
            self._connection = parent
        assert self._connection is not None
        return self._connection

    def convert(self, source: str, timeout: float) -> str | None:
        """The text, or None when the converter did not finish in time (it is then killed)."""
        with self._lock:
            connection = self._start()
            connection.send(source)
            if connection.poll(timeout):
                try:
                    return str(connection.recv())
                except EOFError:
                    pass
            self._kill()
            return None

    def _kill(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join(5)
        if self._connection is not None:
            self._connection.close()
        self._process, self._connection = None, None

    def close(self) -> None:
        with self._lock:
            self._kill()


class InProcessConverter:
    """For callers that cannot spawn (and for comparisons): html2text directly, no time limit."""

    def convert(self, source: str, timeout: float) -> str | None:
        return html_to_text(source)


_default_converter: HtmlConverter | None = None


def default_converter() -> HtmlConverter:
    global _default_converter
    if _default_converter is None:
        _default_converter = HtmlConverter()
    return _default_converter


# --- MIME walking with limits --------------------------------------------------------------------------
def _header(message: Message, name: str, limits: RenderLimits, notices: set[Notice]) -> str:
    value = message.get(name)
    if value is None:
        return ""
    try:
        text = decode_header_value(value)  # also takes compat32's Header objects (raw 8-bit headers)
    except Exception:  # a header object the email package cannot even stringify
        text = ""
    text = re.sub(r"[\r\n\t]+", " ", text)
    if len(text) > limits.max_header_chars:
        notices.add(Notice.HEADER_TRUNCATED)
        text = text[:limits.max_header_chars] + "…"
    return text


def _filename(part: Message) -> str | None:
    try:
        name = part.get_filename()
    except (AttributeError, TypeError, ValueError, LookupError):
        # compat32 hands back a Header object for raw 8-bit names; read the parameter ourselves.
        raw = str(part.get("Content-Disposition", "")) + ";" + str(part.get("Content-Type", ""))
        match = re.search(r'(?i)\b(?:file)?name\*?="?([^";]+)', raw)
        name = match.group(1) if match else None
    if name is None:
        return None
    return decode_header_value(name) if isinstance(name, str) else str(name)


def _text_of(part: Message) -> str:
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        return ""
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, "replace")
    except (LookupError, ValueError):
        return payload.decode("utf-8", "replace")


def _size(part: Message) -> int:
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        return 0
    return len(payload) if isinstance(payload, bytes) else 0


@dataclass
class _Walk:
    limits: RenderLimits
    notices: set[Notice]
    parts: int = 0
    plain: str | None = None
    html: str | None = None
    attachments: list[Attachment] = field(default_factory=list)

    def visit(self, part: Message, path: tuple[int, ...], depth: int) -> None:
        if depth > self.limits.max_depth:
            self.notices.add(Notice.TOO_DEEP)
            return
        self.parts += 1
        if self.parts > self.limits.max_parts:
            self.notices.add(Notice.TOO_MANY_PARTS)
            return
        content_type = part.get_content_type()
        if part.is_multipart():
            payload = part.get_payload()
            children = payload if isinstance(payload, list) else []
            for index, child in enumerate(children):
                if isinstance(child, Message):
                    self.visit(child, (*path, index), depth + 1)
            return
        disposition = str(part.get("Content-Disposition", "")).split(";")[0].strip().lower()
        filename = _filename(part)
        if filename or disposition == "attachment" or not content_type.startswith("text/"):
            self.attachments.append(Attachment(filename or "sans-nom", content_type, _size(part), path))
            return
        if content_type == "text/plain" and self.plain is None:
            self.plain = _text_of(part)
        elif content_type == "text/html" and self.html is None:
            self.html = _text_of(part)


def render(raw: bytes, *, limits: RenderLimits = RenderLimits(),
           converter: HtmlConverter | InProcessConverter | None = None) -> RenderedMessage:
    notices: set[Notice] = set()
    message = parse_message(raw)
    if message.defects:
        notices.add(Notice.PARSE_DEFECTS)
    walk = _Walk(limits, notices)
    walk.visit(message, (), 0)
    text, from_html = "", False
    if walk.plain is not None:
        text = walk.plain
    elif walk.html is not None:
        source = walk.html
        if len(source) > limits.max_html_chars:
            notices.add(Notice.HTML_TRUNCATED)
            source = source[:limits.max_html_chars]
        converted = (converter or default_converter()).convert(source, limits.html_timeout_s)
        if converted is None:
            notices.add(Notice.HTML_TIMEOUT)
            converted = strip_tags(source)
        text, from_html = converted, True
    if len(text) > limits.max_text_chars:
        notices.add(Notice.TEXT_TRUNCATED)
        text = text[:limits.max_text_chars]
    from_header = _header(message, "From", limits, notices)
    name, address = parseaddr(from_header)
    recipients = {
        key: ", ".join(describe_sender(n, a).text for n, a in getaddresses([_header(message, key, limits,
                                                                                      notices)]) if a)
        for key in ("To", "Cc")
    }
    return RenderedMessage(
        subject=_header(message, "Subject", limits, notices),
        sender=describe_sender(name, address or from_header),
        to=recipients["To"],
        cc=recipients["Cc"],
        date=_header(message, "Date", limits, notices),
        message_id=_header(message, "Message-ID", limits, notices),
        text=text,
        from_html=from_html,
        attachments=walk.attachments,
        notices=notices,
    )


def attachment_payload(raw: bytes, path: tuple[int, ...]) -> bytes:
    part: Message = parse_message(raw)
    for index in path:
        payload = part.get_payload()
        child = payload[index] if isinstance(payload, list) and index < len(payload) else None
        if not isinstance(child, Message):
            raise KeyError(path)
        part = child
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""
