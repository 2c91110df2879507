"""Parse and render messages, build outgoing ones.

Rendering is text only: text/plain preferred, HTML turned into text with html2text, which never
fetches anything. Headers we generate are checked for CR/LF and ambiguous addresses ourselves,
because the Python runtime we ship on lacks the e-mail header-injection fixes.
"""

from __future__ import annotations

import email
import email.policy
import mimetypes
import re
from dataclasses import dataclass, field
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from email.utils import formataddr, getaddresses, make_msgid, parseaddr
from pathlib import Path

import html2text

from acmail_desktop.core.errors import HeaderInjection

_CRLF = re.compile(r"[\r\n\x00]")


def decode_header_value(value: bytes | str | None) -> str:
    """RFC 2047 encoded words to text; undecodable bytes replaced, never an exception."""
    if value is None:
        return ""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    try:
        return str(make_header(decode_header(value))).strip()
    except (LookupError, ValueError, UnicodeError, TypeError, AttributeError):
        return value.strip()


def html_to_text(html: str) -> str:
    converter = html2text.HTML2Text()
    converter.ignore_images = True
    converter.images_to_alt = True
    converter.body_width = 0
    converter.unicode_snob = True
    converter.protect_links = False
    return converter.handle(html).strip() + "\n"


@dataclass
class Attachment:
    filename: str
    content_type: str
    size: int
    part_index: int


@dataclass
class RenderedMessage:
    subject: str
    from_: str
    to: str
    cc: str
    date: str
    message_id: str
    text: str
    from_html: bool = False
    attachments: list[Attachment] = field(default_factory=list)


def parse_message(raw: bytes) -> Message:
    # compat32 never raises on broken headers (policy.default does, on real bounces).
    return email.message_from_bytes(raw, policy=email.policy.compat32)


def _part_text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, "replace")
    except LookupError:
        return payload.decode("utf-8", "replace")


def render_message(raw: bytes) -> RenderedMessage:
    message = parse_message(raw)
    plain: str | None = None
    html: str | None = None
    attachments: list[Attachment] = []
    for index, part in enumerate(message.walk()):
        if part.is_multipart():
            continue
        content_type = part.get_content_type()
        disposition = (part.get("Content-Disposition") or "").split(";")[0].strip().lower()
        filename = part.get_filename()
        if filename or disposition == "attachment":
            payload = part.get_payload(decode=True)
            attachments.append(Attachment(decode_header_value(filename or "sans-nom"), content_type,
                                          len(payload) if isinstance(payload, bytes) else 0, index))
            continue
        if content_type == "text/plain" and plain is None:
            plain = _part_text(part)
        elif content_type == "text/html" and html is None:
            html = _part_text(part)
    text, from_html = (plain, False) if plain is not None else (
        (html_to_text(html), True) if html is not None else ("", False))
    return RenderedMessage(
        subject=decode_header_value(message.get("Subject")),
        from_=decode_header_value(message.get("From")),
        to=decode_header_value(message.get("To")),
        cc=decode_header_value(message.get("Cc")),
        date=decode_header_value(message.get("Date")),
        message_id=(message.get("Message-ID") or "").strip(),
        text=text,
        from_html=from_html,
        attachments=attachments,
    )


# --- outgoing ----------------------------------------------------------------------------------
def check_header_text(name: str, value: str) -> str:
    if _CRLF.search(value):
        raise HeaderInjection(f"line break in {name}")
    return value


def parse_address_list(text: str) -> list[tuple[str, str]]:
    """Addresses typed by the user; refuses what could be read two ways (CVE-2023-27043)."""
    check_header_text("address", text)
    result = []
    for name, addr in getaddresses([text]):
        if not addr:
            continue
        if addr.count("@") != 1 or any(c in addr for c in "<>()[],;:\" ") :
            raise HeaderInjection("ambiguous address")
        local, domain = addr.split("@")
        if not local or not domain or "." not in domain:
            raise HeaderInjection("ambiguous address")
        result.append((name, addr))
    return result


def format_address(name: str, addr: str) -> str:
    check_header_text("address", name)
    check_header_text("address", addr)
    return formataddr((name, addr))


def build_message(*, sender: tuple[str, str], to: list[tuple[str, str]], subject: str, body: str,
                  cc: list[tuple[str, str]] = (), bcc_count: int = 0,  # type: ignore[assignment]
                  in_reply_to: str | None = None, references: str | None = None,
                  attachments: list[Path] = ()) -> EmailMessage:  # type: ignore[assignment]
    check_header_text("subject", subject)
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = format_address(*sender)
    if to:
        message["To"] = ", ".join(format_address(n, a) for n, a in to)
    if cc:
        message["Cc"] = ", ".join(format_address(n, a) for n, a in cc)
    message["Subject"] = subject
    message["Date"] = email.utils.formatdate(localtime=True)
    domain = sender[1].rpartition("@")[2] or "acmail.invalid"
    message["Message-ID"] = make_msgid(domain=domain)
    if in_reply_to:
        message["In-Reply-To"] = check_header_text("In-Reply-To", in_reply_to)
    if references:
        message["References"] = check_header_text("References", references)
    message["User-Agent"] = "AcMail"
    message.set_content(body)
    for path in attachments:
        content_type, _ = mimetypes.guess_type(path.name)
        maintype, _, subtype = (content_type or "application/octet-stream").partition("/")
        message.add_attachment(path.read_bytes(), maintype=maintype, subtype=subtype,
                               filename=check_header_text("attachment name", path.name))
    return message


def address_of(header_value: str) -> str:
    return parseaddr(header_value)[1]
