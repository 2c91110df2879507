"""A formatted message as plain data, and the two forms it is sent in.

The compose window reads its editor into `Block`s (paragraphs, list items, quotes) of `Run`s (text with
bold, italic, underline, link); from them come a small, standards-clean HTML part and a faithful
text/plain part (list markers, link targets and quote marks written out), so both parts of a
multipart/alternative say the same thing. No Qt here: the rules are tested without a display.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from urllib.parse import urlsplit

LINK_SCHEMES = ("http", "https", "mailto")


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    href: str | None = None


@dataclass
class Block:
    runs: list[Run] = field(default_factory=list)
    list_kind: str | None = None   # "ul" or "ol"
    quote_depth: int = 0

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def safe_href(href: str | None) -> str | None:
    """Only web and mail links go out (no javascript:, file:, data: a paste could carry)."""
    if not href:
        return None
    try:
        scheme = urlsplit(href.strip()).scheme.lower()
    except ValueError:
        return None
    return href.strip() if scheme in LINK_SCHEMES else None


def is_formatted(blocks: list[Block]) -> bool:
    """Anything plain text could not carry as such: then an HTML part is worth sending."""
    return any(block.list_kind or block.quote_depth or any(
        run.bold or run.italic or run.underline or safe_href(run.href) for run in block.runs) for block in blocks)


def _run_html(run: Run) -> str:
    # Qt writes a soft line break (Shift+Enter) as U+2028 inside a block.
    text = html.escape(run.text, quote=False).replace("\u2028", "<br>").replace("\n", "<br>")
    if run.underline:
        text = f"<u>{text}</u>"
    if run.italic:
        text = f"<em>{text}</em>"
    if run.bold:
        text = f"<strong>{text}</strong>"
    href = safe_href(run.href)
    if href:
        text = f'<a href="{html.escape(href, quote=True)}">{text}</a>'
    return text


def to_html(blocks: list[Block]) -> str:
    """A complete, small HTML document: p, ul/ol/li, blockquote, strong, em, u, a, br, nothing else."""
    out: list[str] = []
    depth, open_list = 0, None
    for block in blocks:
        if open_list and (block.list_kind != open_list or block.quote_depth != depth):
            out.append(f"</{open_list}>")
            open_list = None
        while depth > block.quote_depth:
            out.append("</blockquote>")
            depth -= 1
        while depth < block.quote_depth:
            out.append('<blockquote type="cite">')
            depth += 1
        content = "".join(_run_html(run) for run in block.runs) or "<br>"
        if block.list_kind:
            if open_list is None:
                out.append(f"<{block.list_kind}>")
                open_list = block.list_kind
            out.append(f"<li>{content}</li>")
        else:
            out.append(f"<p>{content}</p>")
    if open_list:
        out.append(f"</{open_list}>")
    out.extend("</blockquote>" for _ in range(depth))
    body = "\n".join(out)
    return ('<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head>\n'
            '<body style="font-family: sans-serif;">\n' + body + "\n</body></html>\n")


def _run_text(run: Run) -> str:
    text = run.text.replace("\u2028", "\n")
    href = safe_href(run.href)
    if not href:
        return text
    shown = href[7:] if href.lower().startswith("mailto:") else href
    return text if text.strip() in (href, shown) else f"{text} <{shown}>"


def to_plain_text(blocks: list[Block]) -> str:
    """What a text-only reader sees: "- " and "1. " for list items, "texte <url>" for links, "> " per
    quote level, one line per paragraph (as the plain editor writes it)."""
    lines: list[str] = []
    number, previous_kind, previous_depth = 0, None, 0
    for block in blocks:
        if block.list_kind != "ol" or previous_kind != "ol" or block.quote_depth != previous_depth:
            number = 0
        text = "".join(_run_text(run) for run in block.runs)
        if block.list_kind == "ol":
            number += 1
            text = f"{number}. {text}"
        elif block.list_kind == "ul":
            text = f"- {text}"
        prefix = ">" * block.quote_depth
        for line in text.split("\n"):
            lines.append(f"{prefix} {line}" if prefix and line else prefix + line)
        previous_kind, previous_depth = block.list_kind, block.quote_depth
    return "\n".join(lines).rstrip("\n") + "\n"


def quote_html(attribution: str, original_html: str) -> str:
    """The body of a reply to an HTML message: room to write, then the sanitized original quoted."""
    return (f"<p><br></p><p>{html.escape(attribution, quote=False)}</p>"
            f'<blockquote type="cite">{original_html}</blockquote>')
