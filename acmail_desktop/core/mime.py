"""Parse and render messages, build outgoing ones.

Rendering is text only: text/plain preferred, HTML turned into text with html2text, which never
fetches anything. Headers we generate are checked for CR/LF and ambiguous addresses ourselves,
because the Python runtime we ship on lacks the e-mail header-injection fixes.
"""

from __future__ import annotations

import base64
import email
import email.policy
import email.utils
import io
import mimetypes
import os
import re
import uuid
from dataclasses import dataclass
from email.header import decode_header, make_header
from email.headerregistry import Address as HeaderAddress
from email.message import EmailMessage, Message
from email.utils import formataddr, make_msgid, parseaddr
from pathlib import Path
from typing import IO, Any, BinaryIO

import html2text

from acmail_desktop.core.errors import HeaderInjection, InvalidAddress

# In a header we generate: no line break of any kind (CR, LF, and what str.splitlines() also splits
# on: VT, FF, FS/GS/RS, NEL, LS, PS), no other control character.
_HEADER_FORBIDDEN = re.compile("[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")


def decode_header_value(value: bytes | str | None) -> str:
    """RFC 2047 encoded words to text; undecodable bytes replaced, never an exception."""
    if value is None:
        return ""
    if not isinstance(value, (bytes, str)):  # compat32 Header (raw 8-bit header)
        pieces = []
        for chunk, charset in decode_header(value):
            if isinstance(chunk, str):
                pieces.append(chunk)
                continue
            try:
                pieces.append(chunk.decode(charset if charset and charset != "unknown-8bit" else "utf-8"))
            except (UnicodeDecodeError, LookupError):
                pieces.append(chunk.decode("cp1252", "replace"))
        return "".join(pieces).strip()
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    elif any("\udc80" <= c <= "\udcff" for c in value):
        # Raw 8-bit header (RFC 6532 or a careless client) kept as surrogates by compat32.
        raw = value.encode("ascii", "surrogateescape")
        try:
            value = raw.decode("utf-8")
        except UnicodeDecodeError:
            value = raw.decode("cp1252", "replace")
    try:
        return str(make_header(decode_header(value))).strip()
    except (LookupError, ValueError, UnicodeError, TypeError, AttributeError):
        return value.strip()


_MARKDOWN_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\s]+)\)")
_MARKDOWN_HEADING = re.compile(r"(?m)^#{1,6} ")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_CELL_END = re.compile(r"(?i)</t[dh]\s*>")


def _plain_link(match: re.Match[str]) -> str:
    text, url = match.group(1).strip(), match.group(2)
    return url if not text or text == url or url == f"mailto:{text}" else f"{text} <{url}>"


def html_to_text(html: str) -> str:
    """HTML as text for people, not Markdown: no `**`, `##` or `[text](url)`, tables as lines
    (the text view and replies show this; html2text's output is made for terminals)."""
    converter = html2text.HTML2Text()
    converter.ignore_images = True
    converter.images_to_alt = True
    converter.body_width = 0
    converter.unicode_snob = True
    converter.protect_links = False
    converter.ignore_emphasis = True
    converter.ignore_tables = True
    converter.single_line_break = False
    text = converter.handle(_CELL_END.sub(r"  \g<0>", html))  # cells apart once tables are flattened
    text = _MARKDOWN_HEADING.sub("", _MARKDOWN_LINK.sub(_plain_link, _AUTOLINK.sub(r"\1", text)))
    return text.strip() + "\n"


def parse_message(raw: bytes) -> Message:
    # compat32 never raises on broken headers (policy.default does, on real bounces).
    return email.message_from_bytes(raw, policy=email.policy.compat32)


# --- outgoing ----------------------------------------------------------------------------------
# Every header we generate is checked here, not by the email package: the runtime we ship on lacks
# its header-injection fixes (gh-80222, CVE-2023-27043), so addresses are parsed by our own strict
# grammar and the finished header block is verified again before a byte leaves the spool file.

Address = tuple[str, str]
_LOCAL_ATOM = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")
_HEADER_LINE = re.compile(rb"^([!-9;-~]+):")
_MSGID = re.compile(r"^<[^<>\s@]+@[^<>\s@]+>$")
_B64_CHUNK = 57 * 1024  # a multiple of 57 bytes: whole 76-character base64 lines per chunk


def check_header_text(name: str, value: str) -> str:
    if _HEADER_FORBIDDEN.search(value):
        raise HeaderInjection(f"line break in {name}")
    return value


def idna_domain(domain: str) -> str:
    """ASCII (punycode) form of a domain, for the SMTP envelope and non-SMTPUTF8 headers."""
    domain = domain.rstrip(".")
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise InvalidAddress("domain not encodable") from exc
    labels = ascii_domain.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        raise InvalidAddress("invalid domain")
    return ascii_domain.lower()


def unicode_domain(domain: str) -> str:
    """Readable form of a punycode domain (for display)."""
    try:
        return domain.encode("ascii").decode("idna")
    except UnicodeError:
        return domain


def check_addr_spec(addr: str) -> str:
    """A bare address: one @, dot-atom local part (ASCII), valid (possibly IDN) domain; else refused."""
    check_header_text("address", addr)
    if "@" not in addr:
        raise InvalidAddress("not an address")
    if addr.count("@") != 1:
        raise HeaderInjection("ambiguous address")
    local, domain = addr.split("@")
    if not _LOCAL_ATOM.match(local) or len(local) > 64:
        raise InvalidAddress("invalid local part")
    idna_domain(domain)
    return addr


def envelope_address(addr: str) -> str:
    """What goes in MAIL FROM / RCPT TO: the ASCII form of the domain."""
    local, _, domain = check_addr_spec(addr).partition("@")
    return f"{local}@{idna_domain(domain)}"


def _split_address_items(text: str) -> list[str]:
    items, current, quoted, angle, escaped = [], [], False, False, False
    for char in text:
        if escaped:
            current.append(char)
            escaped = False
            continue
        if char == "\\" and quoted:
            escaped = True
        elif char == '"' and not angle:
            quoted = not quoted
        elif char == "<" and not quoted:
            if angle:
                raise HeaderInjection("ambiguous address")
            angle = True
        elif char == ">" and not quoted:
            if not angle:
                raise HeaderInjection("ambiguous address")
            angle = False
        elif char in ",;" and not quoted and not angle:
            items.append("".join(current))
            current = []
            continue
        current.append(char)
    if quoted or angle:
        raise HeaderInjection("unbalanced quote or bracket")
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


_ITEM_WITH_NAME = re.compile(r'^(?P<name>"(?:[^"\\]|\\.)*"|[^<>"()@]*?)\s*<(?P<addr>[^<>\s]+)>$')


def parse_address_list(text: str) -> list[Address]:
    """Addresses typed by the user, one strict reading only (refuses comments, stray brackets, @ in
    an unquoted name, anything that CVE-2023-27043-style parsing could read as another recipient)."""
    check_header_text("address", text)
    result: list[Address] = []
    for item in _split_address_items(text):
        match = _ITEM_WITH_NAME.match(item)
        if match:
            name = match.group("name").strip()
            if name.startswith('"'):
                name = re.sub(r"\\(.)", r"\1", name[1:-1])
            addr = match.group("addr")
        elif any(c in item for c in '<>"() '):
            raise HeaderInjection("ambiguous address")
        else:
            name, addr = "", item
        result.append((name.strip(), check_addr_spec(addr)))
    return result


def format_address(name: str, addr: str, *, utf8_headers: bool = False) -> str:
    """One header address; the domain in punycode unless the server takes UTF-8 headers."""
    check_header_text("address", name)
    local, _, domain = check_addr_spec(addr).partition("@")
    shown = f"{local}@{domain.lower() if utf8_headers else idna_domain(domain)}"
    return formataddr((name, shown)) if name else shown


def display_address(name: str, addr: str) -> str:
    """For the user: readable domain, display name if any."""
    local, _, domain = addr.partition("@")
    readable = f"{local}@{unicode_domain(domain)}" if domain else addr
    return f"{name} <{readable}>" if name else readable


@dataclass(frozen=True)
class OutgoingAttachment:
    """A file to attach (read in chunks while spooling) or in-memory bytes (a forwarded message)."""

    filename: str
    content_type: str = "application/octet-stream"
    path: Path | None = None
    data: bytes | None = None

    @classmethod
    def from_path(cls, path: Path | str) -> OutgoingAttachment:
        path = Path(path)
        content_type, _ = mimetypes.guess_type(path.name)
        return cls(path.name, content_type or "application/octet-stream", path=path)

    @classmethod
    def forwarded_message(cls, raw: bytes, subject: str) -> OutgoingAttachment:
        safe = re.sub(r'[\\/:*?"<>|\r\n\x00]+', "_", subject).strip() or "message"
        return cls(f"{safe[:80]}.eml", "message/rfc822", data=raw)

    @property
    def size(self) -> int:
        if self.data is not None:
            return len(self.data)
        return self.path.stat().st_size if self.path else 0


@dataclass(frozen=True)
class SpooledMessage:
    path: Path
    message_id: str
    size: int
    sender: str            # envelope, ASCII
    recipients: tuple[str, ...]  # envelope, ASCII, To+Cc+Bcc without duplicates


def _address_object(name: str, addr: str, utf8_headers: bool) -> HeaderAddress:
    """An Address object, not a string: the old email package refolds `"Dupont, Élise" <..>` strings
    into two addresses; objects are encoded as one phrase."""
    check_header_text("address", name)
    local, _, domain = check_addr_spec(addr).partition("@")
    return HeaderAddress(name, addr_spec=f"{local}@{domain.lower() if utf8_headers else idna_domain(domain)}")


def _header_block(headers: list[tuple[str, Any]], content_headers: list[tuple[str, str, dict[str, str]]]
                  ) -> bytes:
    """Headers folded and RFC 2047/2231-encoded by the email package, then verified line by line."""
    part = EmailMessage(policy=email.policy.SMTP)
    for name, value in headers:
        if isinstance(value, str):
            check_header_text(name, value)
        part[name] = value
    for name, value, params in content_headers:
        check_header_text(name, value)
        for key, param in params.items():
            check_header_text(f"{name} {key}", param)
        part[name] = value
        for key, param in params.items():
            part.set_param(key, param, header=name)
    part.set_payload("")  # headers only: the body is written by the caller, streamed
    generated = part.as_bytes()
    end = generated.find(b"\r\n\r\n")
    block = generated[:end + 4] if end >= 0 else generated.rstrip(b"\r\n") + b"\r\n\r\n"
    expected = {n.lower() for n, _ in headers} | {n.lower() for n, _, _ in content_headers}
    seen = []
    for line in block[:-4].split(b"\r\n"):
        if line[:1] in (b" ", b"\t"):
            continue
        match = _HEADER_LINE.match(line)
        if not match:
            raise HeaderInjection("malformed generated header")
        seen.append(match.group(1).decode("ascii").lower())
    if sorted(seen) != sorted(expected) or b"\n" in block.replace(b"\r\n", b""):
        raise HeaderInjection("unexpected header in generated message")
    return block


def _text_part(body: str, subtype: str = "plain") -> tuple[list[tuple[str, str, dict[str, str]]], bytes]:
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    encoded = text.encode("utf-8")
    if not any(len(line) > 900 for line in encoded.split(b"\n")) and encoded.isascii():
        payload, cte = encoded, "7bit"
    else:
        import quopri
        payload, cte = quopri.encodestring(encoded), "quoted-printable"
    payload = payload.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    if not payload.endswith(b"\r\n"):
        payload += b"\r\n"
    return ([("Content-Type", f"text/{subtype}", {"charset": "utf-8"}),
             ("Content-Transfer-Encoding", cte, {})], payload)


def _write_body(out: BinaryIO, headers: list[tuple[str, Any]], body: str, html: str | None) -> None:
    """The text, or text and HTML as multipart/alternative (plain first: the least preferred)."""
    text_headers, text_payload = _text_part(body)
    if html is None:
        out.write(_header_block(headers, text_headers))
        out.write(text_payload)
        return
    html_headers, html_payload = _text_part(html, "html")
    boundary = f"=_acmail_alt_{uuid.uuid4().hex}"
    out.write(_header_block(headers, [("Content-Type", "multipart/alternative", {"boundary": boundary})]))
    delimiter = f"\r\n--{boundary}\r\n".encode("ascii")
    for part_headers, payload in ((text_headers, text_payload), (html_headers, html_payload)):
        out.write(delimiter)
        out.write(_header_block([], part_headers))
        out.write(payload)
    out.write(f"\r\n--{boundary}--\r\n".encode("ascii"))


def _write_attachment(out: BinaryIO, attachment: OutgoingAttachment) -> None:
    check_header_text("attachment name", attachment.filename)
    maintype, _, subtype = attachment.content_type.partition("/")
    if not maintype or not subtype or _HEADER_FORBIDDEN.search(attachment.content_type) \
            or not re.fullmatch(r"[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+", attachment.content_type):
        raise HeaderInjection("bad content type")
    if attachment.content_type == "message/rfc822":
        raw = (attachment.data or b"").replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        cte = "7bit" if raw.isascii() else "8bit"
        out.write(_header_block([], [("Content-Type", "message/rfc822", {}),
                                     ("Content-Disposition", "attachment", {"filename": attachment.filename}),
                                     ("Content-Transfer-Encoding", cte, {})]))
        out.write(raw if raw.endswith(b"\r\n") else raw + b"\r\n")
        return
    out.write(_header_block([], [("Content-Type", attachment.content_type, {}),
                                 ("Content-Disposition", "attachment", {"filename": attachment.filename}),
                                 ("Content-Transfer-Encoding", "base64", {})]))
    if attachment.data is None and attachment.path is None:
        raise ValueError("attachment without content")
    source: IO[bytes] = io.BytesIO(attachment.data) if attachment.data is not None else \
        open(attachment.path, "rb")  # type: ignore[arg-type]  # noqa: SIM115
    with source:
        while chunk := source.read(_B64_CHUNK):
            out.write(base64.encodebytes(chunk).replace(b"\n", b"\r\n"))


def make_message_id(sender_addr: str) -> str:
    domain = sender_addr.rpartition("@")[2]
    try:
        domain = idna_domain(domain)
    except InvalidAddress:
        domain = "acmail.invalid"
    return make_msgid(idstring=uuid.uuid4().hex[:12], domain=domain)


def write_message(out: BinaryIO, *, sender: Address, to: list[Address], subject: str, body: str,
                  cc: list[Address] = (), bcc: list[Address] = (),  # type: ignore[assignment]
                  in_reply_to: str | None = None, references: str | None = None,
                  attachments: list[OutgoingAttachment | Path] = (),  # type: ignore[assignment]
                  message_id: str | None = None, date: str | None = None, utf8_headers: bool = False,
                  extra_headers: list[tuple[str, str]] = (),  # type: ignore[assignment]
                  bcc_header: bool = False, html: str | None = None) -> tuple[str, tuple[str, ...]]:
    """Write a whole RFC 5322 message (CRLF) to `out`, attachments streamed in base64 chunks.

    Returns (Message-ID, envelope recipients). Bcc never appears in the bytes of a message sent;
    `bcc_header` keeps it in a draft saved to the server, so the draft reopens with it (as Thunderbird does).
    With `html`, the body is multipart/alternative: `body` (the faithful text form) and `html`.
    """
    check_header_text("subject", subject)
    if len(subject) > 900:
        raise HeaderInjection("subject too long")
    message_id = message_id or make_message_id(sender[1])
    for value in filter(None, [message_id, in_reply_to]):
        if not _MSGID.match(value):
            raise HeaderInjection("malformed message id")
    if references and not all(_MSGID.match(ref) for ref in references.split()):
        raise HeaderInjection("malformed references")
    headers: list[tuple[str, Any]] = [("From", (_address_object(*sender, utf8_headers),))]
    if to:
        headers.append(("To", tuple(_address_object(n, a, utf8_headers) for n, a in to)))
    if cc:
        headers.append(("Cc", tuple(_address_object(n, a, utf8_headers) for n, a in cc)))
    if bcc and bcc_header:
        headers.append(("Bcc", tuple(_address_object(n, a, utf8_headers) for n, a in bcc)))
    headers += [("Subject", subject), ("Date", date or email.utils.formatdate(localtime=True)),
                ("Message-ID", message_id)]
    if in_reply_to:
        headers.append(("In-Reply-To", in_reply_to))
    if references:
        headers.append(("References", references))
    headers += [("MIME-Version", "1.0"), ("User-Agent", "AcMail")]
    for name, value in extra_headers:
        if not re.fullmatch(r"X-AcMail-[A-Za-z-]+", name):
            raise HeaderInjection("extra header name")
        headers.append((name, value))
    recipients: list[str] = []
    for _name, addr in [*to, *cc, *bcc]:
        env = envelope_address(addr)
        if env.lower() not in (r.lower() for r in recipients):
            recipients.append(env)
    items = [a if isinstance(a, OutgoingAttachment) else OutgoingAttachment.from_path(a) for a in attachments]
    if not items:
        _write_body(out, headers, body, html)
        return message_id, tuple(recipients)
    boundary = f"=_acmail_{uuid.uuid4().hex}"
    out.write(_header_block(headers, [("Content-Type", "multipart/mixed", {"boundary": boundary})]))
    out.write(b"This is a multi-part message in MIME format.\r\n")
    delimiter = f"\r\n--{boundary}\r\n".encode("ascii")
    out.write(delimiter)
    _write_body(out, [], body, html)
    for item in items:
        out.write(delimiter)
        _write_attachment(out, item)
    out.write(f"\r\n--{boundary}--\r\n".encode("ascii"))
    return message_id, tuple(recipients)


def spool_message(path: Path, **fields: Any) -> SpooledMessage:
    """Write the message to a spool file (tmp + fsync + rename): sent from disk, kept across crashes."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as out:
        message_id, recipients = write_message(out, **fields)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)
    return SpooledMessage(path, message_id, path.stat().st_size, envelope_address(fields["sender"][1]),
                          recipients)


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def build_message(*, sender: Address, to: list[Address], subject: str, body: str,
                  cc: list[Address] = (), bcc_count: int = 0,  # type: ignore[assignment]
                  in_reply_to: str | None = None, references: str | None = None,
                  attachments: list[Path] = ()) -> EmailMessage:  # type: ignore[assignment]
    """In-memory variant (small messages, tests): same checks, same bytes as `write_message`."""
    buffer = io.BytesIO()
    write_message(buffer, sender=sender, to=to, cc=cc, subject=subject, body=body,
                  in_reply_to=in_reply_to, references=references, attachments=list(attachments))
    return email.message_from_bytes(buffer.getvalue(), _class=EmailMessage,  # type: ignore[return-value]
                                    policy=email.policy.SMTP)


def address_of(header_value: str) -> str:
    return parseaddr(header_value)[1]
