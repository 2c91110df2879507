"""Reply, reply-all and forward: what the compose window is pre-filled with.

Pure functions over the original's raw bytes, so they are tested without a server and the window
stays thin. French conventions: attribution « Le <date>, <nom> a écrit : », `Re:` / `Fwd:` never
piled up whatever the other client wrote (`RE:`, `Réf :`, `TR:`, `Fw:`...).
"""

from __future__ import annotations

import email.utils
import html as html_escape
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from acmail_desktop.core.addresses import describe_sender, header_fields, parse_mailbox, parse_mailboxes
from acmail_desktop.core.mime import (
    Address,
    OutgoingAttachment,
    decode_header_value,
    parse_message,
)
from acmail_desktop.core.render import View, render
from acmail_desktop.core.richtext import quote_html

# Prefixes other clients put in front of a subject, French and English, any case, with or without
# the French space before the colon, and counters like "Re[2]:".
_PREFIX = re.compile(
    r"^\s*(?:(?:re|r[ée]f|r[ée]p|aw|fwd?|tr|transf?|wg|rv|sv|vs)\s*(?:\[\d+\]|\(\d+\))?\s*:\s*)+",
    re.IGNORECASE,
)
_MSGID_IN_TEXT = re.compile(r"<[^<>\s@]+@[^<>\s@]+>")
_MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")
_WEEKDAYS = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")

# Words that announce an attachment, without accents and lower-cased (see `_fold`).
_ATTACHMENT_WORDS = re.compile(
    r"\b(?:pieces?[ -]jointes?|ci[ -]?joint(?:e|es|s)?|en\s+pj|p\.?\s?j\.?|je\s+joins|vous\s+joins|"
    r"te\s+joins|joint\s+a\s+ce|en\s+annexe|fichier\s+joint|attached|attachments?|enclosed)\b"
)


def strip_prefixes(subject: str) -> str:
    return _PREFIX.sub("", subject or "").strip()


def reply_subject(subject: str) -> str:
    base = strip_prefixes(subject)
    return f"Re: {base}" if base else "Re:"


def forward_subject(subject: str) -> str:
    base = strip_prefixes(subject)
    return f"Fwd: {base}" if base else "Fwd:"


def french_date(value: str | None) -> str:
    """« mar. 3 nov. 2026 à 14:05 » from a Date header; the raw text if unparsable."""
    if not value:
        return ""
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return value
    if when.tzinfo is not None:
        when = when.astimezone()
    return f"{_WEEKDAYS[when.weekday()]} {when.day} {_MONTHS[when.month - 1]} {when.year} à {when:%H:%M}"


def attribution(date_header: str | None, from_header: str) -> str:
    """« Le <date>, <nom> a écrit : » from the From header as it arrived (parsed, then decoded)."""
    shown = describe_sender(*parse_mailbox(from_header))
    who = shown.reply_name or shown.address or "quelqu'un"
    when = french_date(date_header)
    return f"Le {when}, {who} a écrit :" if when else f"{who} a écrit :"


def quote_text(text: str) -> str:
    lines = text.replace("\r\n", "\n").rstrip("\n").split("\n")
    return "\n".join(">" + (line if line.startswith(">") else (" " + line if line else "")) for line in lines)


def _addresses(header: str | None) -> list[Address]:
    """The recipients a header names, parsed before any name is decoded: an encoded address or
    comma in a display name never adds a recipient, and a deceptive name is dropped (the real
    address alone is what the user sees in the compose window)."""
    result = []
    for name, addr in parse_mailboxes(header or ""):
        if addr.count("@") == 1 and addr.isprintable():
            result.append((describe_sender(name, addr).reply_name, addr))
    return result


def _dedupe(addresses: list[Address], exclude: set[str]) -> list[Address]:
    seen = set(exclude)
    result = []
    for name, addr in addresses:
        key = addr.lower()
        if key not in seen:
            seen.add(key)
            result.append((name, addr))
    return result


def receiving_account(original_raw: bytes, accounts: Mapping[str, str], default: str) -> str:
    """Which account a reply is sent from: the one that received the original (issue 21).

    `accounts` maps each signed-in account's key to its address. The server's own word comes first
    (Delivered-To, X-Original-To: the mailbox the message was delivered to, even when the user was
    in Bcc or behind a list), then To, then Cc; a message found in no account's address is answered
    from `default` (the account whose folder is on screen). Addresses compare without case."""
    by_address = {address.lower(): key for key, address in accounts.items()}
    fields = header_fields(original_raw)
    for header in ("delivered-to", "x-original-to", "to", "cc"):
        for _name, addr in parse_mailboxes(fields.get(header) or ""):
            key = by_address.get(addr.lower())
            if key is not None:
                return key
    return default


@dataclass
class Draft:
    """What a compose window starts from (and what a local draft saves)."""

    to: list[Address] = field(default_factory=list)
    cc: list[Address] = field(default_factory=list)
    bcc: list[Address] = field(default_factory=list)
    subject: str = ""
    body: str = ""
    in_reply_to: str | None = None
    references: str | None = None
    attachments: list[OutgoingAttachment] = field(default_factory=list)
    # Which original to flag once sent: Message-ID and the flag (\Answered or $Forwarded).
    original_message_id: str | None = None
    original_flag: str | None = None
    original_folder: str | None = None
    cursor_at_top: bool = False
    # Message-ID of the server Drafts copy this was opened from: replaced when saved, removed once sent.
    server_draft_id: str | None = None
    # The same body, formatted (sanitized HTML), when the original or the draft was HTML mail.
    html: str | None = None


def _original_html(raw: bytes) -> str | None:
    """The original's HTML, sanitized as the reader shows it; None for a text-only message."""
    rendered = render(raw, view=View.HTML)
    return rendered.html if rendered.from_html and rendered.html else None


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{html_escape.escape(line, quote=False) or '<br>'}</p>" for line in text.split("\n"))


def _references(message_id: str, references: str | None, in_reply_to: str | None) -> str | None:
    ids = _MSGID_IN_TEXT.findall(references or "") or _MSGID_IN_TEXT.findall(in_reply_to or "")
    if message_id:
        ids.append(message_id)
    # Keep the first (thread root) and the most recent ones: some servers refuse very long headers.
    if len(ids) > 20:
        ids = ids[:1] + ids[-19:]
    return " ".join(dict.fromkeys(ids)) or None


def reply(original_raw: bytes, *, own_addresses: list[str], reply_all: bool = False,
          signature: str = "", folder: str | None = None) -> Draft:
    """Reply or reply-all; the user's own addresses are never among the recipients."""
    message = parse_message(original_raw)
    rendered = render(original_raw)
    fields = header_fields(original_raw)  # the raw headers, read as the list and the reader read them
    own = {a.lower() for a in own_addresses}
    message_id = (_MSGID_IN_TEXT.findall(message.get("Message-ID") or "") or [""])[0]
    reply_to = _addresses(fields.get("reply-to")) or _addresses(fields.get("from"))
    from_me = any(a.lower() in own for _, a in _addresses(fields.get("from")))
    if from_me:  # replying to one's own sent message: answer its recipients
        reply_to = _addresses(fields.get("to")) or reply_to
    to = _dedupe(reply_to, own)
    cc: list[Address] = []
    if reply_all:
        others = _addresses(fields.get("to")) + _addresses(fields.get("cc"))
        cc = _dedupe(others, own | {a.lower() for _, a in to})
        if not to and cc:
            to, cc = cc[:1], cc[1:]
    said = attribution(message.get("Date"), fields.get("from", ""))
    quoted = said + "\n" + quote_text(rendered.text)
    body = "\n\n" + (f"-- \n{signature}\n\n" if signature else "") + quoted + "\n"
    original_html = _original_html(original_raw)
    formatted = None
    if original_html is not None:  # an HTML original is quoted with its formatting
        formatted = ("<p><br></p>" + (_paragraphs(f"-- \n{signature}") + "<p><br></p>" if signature else "")
                     + quote_html(said, original_html).removeprefix("<p><br></p>"))
    return Draft(to=to, cc=cc, subject=reply_subject(rendered.subject), body=body, html=formatted,
                 in_reply_to=message_id or None,
                 references=_references(message_id, message.get("References"), message.get("In-Reply-To")),
                 original_message_id=message_id or None, original_flag="\\Answered", original_folder=folder,
                 cursor_at_top=True)


def forward(original_raw: bytes, *, as_attachment: bool = False, signature: str = "",
            folder: str | None = None) -> Draft:
    """Forward inline (headers summary + text, attachments kept) or as a message/rfc822 attachment."""
    message = parse_message(original_raw)
    rendered = render(original_raw)
    message_id = (_MSGID_IN_TEXT.findall(message.get("Message-ID") or "") or [""])[0]
    sig = f"\n\n-- \n{signature}" if signature else ""
    formatted = None
    if as_attachment:
        attachments = [OutgoingAttachment.forwarded_message(original_raw, strip_prefixes(rendered.subject))]
        body = "\n" + sig + "\n"
    else:
        lines = ["-------- Message transféré --------", f"Objet : {rendered.subject}",
                 f"Date : {french_date(message.get('Date')) or rendered.date}", f"De : {rendered.sender.text}"]
        if rendered.to:
            lines.append(f"À : {rendered.to}")
        if rendered.cc:
            lines.append(f"Cc : {rendered.cc}")
        body = "\n" + sig + "\n\n" + "\n".join(lines) + "\n\n" + rendered.text.rstrip("\n") + "\n"
        attachments = _original_attachments(original_raw)
        original_html = _original_html(original_raw)
        if original_html is not None:
            formatted = _paragraphs("\n" + sig + "\n\n" + "\n".join(lines) + "\n") + original_html
    return Draft(subject=forward_subject(rendered.subject), body=body, attachments=attachments, html=formatted,
                 references=_references(message_id, message.get("References"), message.get("In-Reply-To")),
                 original_message_id=message_id or None, original_flag="$Forwarded", original_folder=folder,
                 cursor_at_top=True)


def from_draft(raw: bytes) -> Draft:
    """A draft from the server's Drafts folder, whoever wrote it (AcMail, Thunderbird, a webmail):
    recipients (Bcc included when the draft keeps it), subject, text, attachments and threading."""
    fields = header_fields(raw)
    rendered = render(raw)
    message_id = (_MSGID_IN_TEXT.findall(fields.get("message-id", "")) or [""])[0]
    in_reply_to = (_MSGID_IN_TEXT.findall(fields.get("in-reply-to", "")) or [None])[0]
    references = " ".join(_MSGID_IN_TEXT.findall(fields.get("references", ""))) or None
    return Draft(to=_addresses(fields.get("to")), cc=_addresses(fields.get("cc")),
                 bcc=_addresses(fields.get("bcc")), subject=rendered.subject, body=rendered.text,
                 html=_original_html(raw),
                 in_reply_to=in_reply_to, references=references, attachments=_original_attachments(raw),
                 original_message_id=in_reply_to, original_flag="\\Answered" if in_reply_to else None,
                 server_draft_id=message_id or None)


def _original_attachments(raw: bytes) -> list[OutgoingAttachment]:
    """An inline forward keeps the original's attachments (decoded, re-encoded when sent)."""
    result = []
    for part in parse_message(raw).walk():
        if part.is_multipart():
            continue
        filename = part.get_filename()
        disposition = (part.get("Content-Disposition") or "").split(";")[0].strip().lower()
        if not filename and disposition != "attachment":
            continue
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            result.append(OutgoingAttachment(decode_header_value(filename or "sans-nom"),
                                             part.get_content_type(), data=payload))
    return result


def _fold(text: str) -> str:
    table = str.maketrans("àâäéèêëîïôöùûüç", "aaaeeeeiioouuuc")
    return text.lower().translate(table)


def _own_text(body: str) -> str:
    """The lines the user wrote: quoted lines, the attribution and forwarded text do not count."""
    kept = []
    for line in body.split("\n"):
        if line.startswith("-------- Message transféré") or line == "-- ":
            break
        if line.startswith(">") or re.match(r"^Le .* a écrit :$", line):
            continue
        kept.append(line)
    return "\n".join(kept)


def mentions_attachment(body: str, subject: str = "") -> bool:
    """True when the text announces an attachment ("ci-joint", "en PJ", "attached"...)."""
    return bool(_ATTACHMENT_WORDS.search(_fold(subject + "\n" + _own_text(body))))


def needs_attachment_reminder(body: str, subject: str, attachment_count: int) -> bool:
    return attachment_count == 0 and mentions_attachment(body, strip_prefixes(subject))


def now_rfc2822() -> str:
    return email.utils.format_datetime(datetime.now().astimezone())
