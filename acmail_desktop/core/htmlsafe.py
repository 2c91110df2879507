"""HTML mail made safe to show, plain text made readable, links checked before they are followed.

`sanitize_html` keeps only what Qt's rich-text engine renders (it has no script engine, no CSS
layout, no forms): structure, emphasis, lists, tables, links, images, colours and fonts. Everything
else goes, with the content of script/style/head-like elements. It runs in the render helper
process (see `render.HtmlConverter`), under a time limit and a memory cap, because hostile HTML can
make any parser slow or greedy. Whatever survives, the view still loads nothing but `cid:` parts:
sanitizing is the first wall, the view's resource loader the second.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import nh3

# Tags Qt's rich text (QTextDocument's HTML subset) renders; unknown tags are dropped, text kept.
ALLOWED_TAGS = frozenset({
    "a", "address", "b", "big", "blockquote", "br", "center", "cite", "code", "dd", "del", "dfn",
    "div", "dl", "dt", "em", "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "nobr", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strike", "strong",
    "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var",
})
# Removed with everything inside: executable, invisible or layout-only content.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "title", "head", "noscript", "template", "svg",
                                  "math", "object", "embed", "applet", "iframe", "frame", "frameset",
                                  "noframes", "textarea", "select", "button", "audio", "video",
                                  "canvas", "map", "xml"})
ALLOWED_ATTRIBUTES = {
    "*": {"style", "align", "dir", "title", "lang"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height"},
    "font": {"color", "size", "face"},
    "table": {"border", "cellpadding", "cellspacing", "width", "bgcolor"},
    "td": {"width", "height", "bgcolor", "valign", "colspan", "rowspan", "nowrap"},
    "th": {"width", "height", "bgcolor", "valign", "colspan", "rowspan", "nowrap"},
    "tr": {"bgcolor", "valign"},
    "ol": {"type", "start"},
    "ul": {"type"},
    "li": {"value"},
}
# CSS properties Qt renders; no url()-bearing property (background-image, list-style-image, content)
# and nothing that positions or hides (position, display, visibility, float).
ALLOWED_STYLE_PROPERTIES = frozenset({
    "color", "background-color", "font-family", "font-size", "font-style", "font-weight",
    "font-variant", "text-decoration", "text-align", "text-indent", "text-transform",
    "vertical-align", "white-space", "line-height", "width", "height", "margin", "margin-top",
    "margin-bottom", "margin-left", "margin-right", "padding", "padding-top", "padding-bottom",
    "padding-left", "padding-right", "border-collapse", "border-width", "border-style",
    "border-color", "list-style-type",
})
# `data:` stays so that embedded images show (the view decodes them itself, bounded); links only
# ever open http, https and mailto after the user confirmed (see `link_warning`).
URL_SCHEMES = frozenset({"http", "https", "mailto", "cid", "data"})


@dataclass
class SafeHtml:
    """What the HTML view shows: sanitized markup, its links and what was withheld."""

    html: str
    links: dict[str, list[str]] = field(default_factory=dict)   # href -> visible texts
    remote_images: int = 0                                      # images left as placeholders
    cid_refs: list[str] = field(default_factory=list)           # cid: sources, as written


class _Survey(HTMLParser):
    """One pass over the sanitized markup: link texts, remote images, cid references."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: dict[str, list[str]] = {}
        self.remote_images = 0
        self.cid_refs: list[str] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "a" and values.get("href"):
            self._finish()
            self._href, self._text = values["href"], []
        elif tag == "img":
            source = values.get("src", "").strip()
            if source.lower().startswith("cid:"):
                self.cid_refs.append(source[4:])
            elif source and not source.lower().startswith("data:"):
                self.remote_images += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._finish()

    def handle_data(self, data: str) -> None:
        if self._href is not None and sum(map(len, self._text)) < 500:
            self._text.append(data)

    def _finish(self) -> None:
        if self._href is not None:
            text = " ".join("".join(self._text).split())
            texts = self.links.setdefault(self._href, [])
            if text and text not in texts and len(texts) < 20:
                texts.append(text)
        self._href = None


def sanitize_html(source: str) -> SafeHtml:
    """Hostile HTML -> markup Qt renders and that can reference nothing but this message's parts."""
    cleaned = nh3.clean(
        source,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(ALLOWED_STYLE_PROPERTIES),
        strip_comments=True,
        link_rel=None,
    )
    survey = _Survey()
    survey.feed(cleaned)
    survey.close()
    survey._finish()
    return SafeHtml(cleaned, survey.links, survey.remote_images, survey.cid_refs)


def convert_request(request: tuple[str, str] | str) -> object:
    """The render helper's entry point: ("html", source) -> SafeHtml; ("text", source) or a bare
    string -> text (html2text)."""
    from acmail_desktop.core.mime import html_to_text

    if isinstance(request, tuple):
        kind, source = request
        if kind == "html":
            return sanitize_html(source)
        return html_to_text(source)
    return html_to_text(request)


# --- links ------------------------------------------------------------------------------------------
_DOMAIN_TEXT = re.compile(
    r"^(?:(?:https?|ftp)://)?(?:[^\s/@:]+@)?((?:[\w-]+\.)+[^\W\d_]{2,63})\.?(?::\d+)?(?:[/?#]\S*)?$",
    re.IGNORECASE)
_EMAIL_TEXT = re.compile(r"^(?:mailto:)?([^\s@<>]+@(?:[\w-]+\.)+[^\W\d_]{2,63})$", re.IGNORECASE)


def _host(domain: str) -> str:
    domain = domain.strip().rstrip(".").lower()
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        pass
    return domain.removeprefix("www.")


def link_target_host(href: str) -> str:
    try:
        return _host(urlsplit(href.strip()).hostname or "")
    except ValueError:
        return ""


def link_warning(text: str, href: str) -> str | None:
    """The host (or address) the visible text claims when it differs from where the link goes,
    else None. A text that is not itself a URL, domain or address claims nothing."""
    shown = " ".join(text.split())
    target = href.strip()
    email = _EMAIL_TEXT.match(shown)
    if email:
        if target.lower().startswith("mailto:"):
            real = unquote(target[7:].split("?", 1)[0]).strip().lower()
            return None if real == email.group(1).lower() else email.group(1)
        return email.group(1)
    match = _DOMAIN_TEXT.match(shown)
    if not match:
        return None
    claimed = _host(match.group(1))
    real = link_target_host(target)
    if not real:
        return match.group(1)
    if real == claimed or real.endswith("." + claimed) or claimed.endswith("." + real):
        return None
    return match.group(1)


# --- plain text -----------------------------------------------------------------------------------
def reflow_flowed(text: str, *, delsp: bool = False) -> str:
    """RFC 3676 format=flowed: soft line breaks (a line ending in a space) joined, quote depth kept,
    space-stuffing removed, the signature separator left alone."""
    out: list[str] = []
    paragraph: list[str] = []
    depth_of_paragraph = -1

    def flush() -> None:
        nonlocal paragraph, depth_of_paragraph
        if depth_of_paragraph >= 0:
            prefix = ">" * depth_of_paragraph + (" " if depth_of_paragraph else "")
            out.append(prefix + "".join(paragraph))
        paragraph, depth_of_paragraph = [], -1

    for line in text.split("\n"):
        line = line.rstrip("\r")
        depth = len(line) - len(line.lstrip(">"))
        content = line[depth:]
        if content.startswith(" "):
            content = content[1:]  # space-stuffing (or the space after the quote marks)
        if depth_of_paragraph >= 0 and depth != depth_of_paragraph:
            flush()
        soft = content.endswith(" ") and content != "-- "
        if soft and delsp:
            content = content[:-1]
        paragraph.append(content)
        depth_of_paragraph = depth
        if not soft:
            flush()
    flush()
    return "\n".join(out)


_URL_IN_TEXT = re.compile(
    r"(?P<url>\b(?:https?://|www\.)[^\s<>\"]+[^\s<>\"().,;:!?'\]])|(?P<mail>\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b)",
    re.IGNORECASE)
_QUOTE_COLOURS = ("#1a73e8", "#188038", "#b06000", "#a142f4")


def _linkify(escaped_line: str) -> str:
    def link(match: re.Match[str]) -> str:
        if match.group("url"):
            url = html.unescape(match.group("url"))
            href = url if url.lower().startswith("http") else "https://" + url
            return f'<a href="{html.escape(href, quote=True)}">{match.group("url")}</a>'
        address = html.unescape(match.group("mail"))
        return f'<a href="mailto:{html.escape(address, quote=True)}">{match.group("mail")}</a>'

    return _URL_IN_TEXT.sub(link, escaped_line)


def text_to_html(text: str) -> str:
    """Plain text as Qt rich text: wrapped, links clickable, each quote level a bordered block."""
    parts: list[str] = []
    run: list[str] = []
    run_depth = 0

    def flush() -> None:
        if not run:
            return
        body = "<br>".join(_linkify(html.escape(line, quote=False)) for line in run)
        block = f'<p style="white-space:pre-wrap; margin:0">{body}</p>'
        for level in range(run_depth, 0, -1):
            colour = _QUOTE_COLOURS[(level - 1) % len(_QUOTE_COLOURS)]
            block = (f'<table cellspacing="0" cellpadding="0" style="margin-top:2px; margin-bottom:2px">'
                     f'<tr><td width="3" bgcolor="{colour}"></td>'
                     f'<td style="padding-left:8px; color:#5f6368">{block}</td></tr></table>')
        parts.append(block)
        run.clear()

    for line in text.split("\n"):
        stripped = line.lstrip()
        depth = 0
        if stripped.startswith(">"):
            marks = re.match(r"(?:>\s?)+", stripped)
            depth = marks.group(0).count(">") if marks else 0
            line = stripped[marks.end():] if marks else stripped
        if depth != run_depth:
            flush()
            run_depth = depth
        run.append(line)
    flush()
    return "".join(parts)
