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


# nh3's output is serialized HTML: attributes double-quoted, "<" and "&" escaped, no nested <a>.
_LINK = re.compile(r'<a\b[^>]*?\bhref="([^"]*)"[^>]*>(.*?)</a>', re.DOTALL)
_IMG_SRC = re.compile(r'<img\b[^>]*?\bsrc="([^"]*)"')
_TAG = re.compile(r"<[^>]*>")


def _survey(cleaned: str) -> tuple[dict[str, list[str]], int, list[str]]:
    """Link texts, remote image count and cid references of sanitized markup (regexes: the
    markup is nh3's own serialization, and a parser here cost as much as the sanitizing)."""
    links: dict[str, list[str]] = {}
    for match in _LINK.finditer(cleaned):
        href = html.unescape(match.group(1))
        text = " ".join(html.unescape(_TAG.sub("", match.group(2)[:2000])).split())
        texts = links.setdefault(href, [])
        if text and text not in texts and len(texts) < 20:
            texts.append(text)
    remote, cids = 0, []
    for match in _IMG_SRC.finditer(cleaned):
        source = html.unescape(match.group(1)).strip()
        if source.lower().startswith("cid:"):
            cids.append(source[4:])
        elif not source.lower().startswith("data:"):
            remote += 1
    return links, remote, cids


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
    cleaned = flatten_tables(flatten_deep(cleaned))
    links, remote, cids = _survey(cleaned)
    return SafeHtml(cleaned, links, remote, cids)


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


def _linkify(line: str) -> str:
    """A raw line of text -> escaped markup with its URLs and addresses as links (found before
    escaping: `<https://x.fr>` must not take the escaped `&gt;` into the link)."""
    out, position = [], 0
    for match in _URL_IN_TEXT.finditer(line):
        out.append(html.escape(line[position:match.start()], quote=False))
        shown = html.escape(match.group(0), quote=False)
        if match.group("url"):
            url = match.group("url")
            href = url if url.lower().startswith("http") else "https://" + url
        else:
            href = "mailto:" + match.group("mail")
        out.append(f'<a href="{html.escape(href, quote=True)}">{shown}</a>')
        position = match.end()
    out.append(html.escape(line[position:], quote=False))
    return "".join(out)


def text_to_html(text: str) -> str:
    """Plain text as Qt rich text: wrapped, links clickable, each quote level a bordered block."""
    parts: list[str] = []
    run: list[str] = []
    run_depth = 0

    def flush() -> None:
        if not run:
            return
        # A paragraph per 40 lines (no margin: no visible gap), so a long text can be shown in pieces.
        block = "".join(
            '<p style="white-space:pre-wrap; margin:0">'
            + "<br>".join(_linkify(line) for line in run[start:start + 40]) + "</p>"
            for start in range(0, len(run), 40))
        for level in range(run_depth, 0, -1):
            colour = _QUOTE_COLOURS[(level - 1) % len(_QUOTE_COLOURS)]
            block = (f'<table cellspacing="0" cellpadding="0" style="margin-top:2px; margin-bottom:2px">'
                     f'<tr><td width="3" bgcolor="{colour}"></td>'
                     f'<td style="padding-left:8px">{block}</td></tr></table>')
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


# --- handing large markup to the view in pieces -------------------------------------------------------
_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")
_VOID = frozenset({"br", "hr", "img"})
# Where a piece may end: after one of these closes (the open elements are closed and reopened).
_BREAK_AFTER = frozenset({"p", "div", "tr", "li", "table", "blockquote", "pre", "h1", "h2", "h3", "h4",
                          "h5", "h6", "ul", "ol", "dl", "dd", "center", "tbody"})


def chunk_html(markup: str, size: int = 24_000) -> list[str]:
    """Well-formed markup -> pieces of about `size` characters, each well-formed: where a piece
    ends inside elements, they are closed and opened again (same tags and attributes) at the
    start of the next one. The view inserts one piece per event-loop turn, so a long message
    never blocks the window (Qt lays out rich text on the GUI thread)."""
    if len(markup) <= size:
        return [markup]
    pieces: list[str] = []
    stack: list[tuple[str, str]] = []  # (name, start tag as written)
    start, prefix = 0, ""
    for match in _TOKEN.finditer(markup):
        closing, name = match.group(1), match.group(2).lower()
        if name in _VOID or match.group(3):
            continue
        if not closing:
            stack.append((name, match.group(0)))
            continue
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][0] == name:
                del stack[depth:]
                break
        end = match.end()
        if name in _BREAK_AFTER and end - start >= size:
            closers = "".join(f"</{n}>" for n, _tag in reversed(stack))
            pieces.append(prefix + markup[start:end] + closers)
            prefix = "".join(tag for _n, tag in stack)
            start = end
    if markup[start:].strip():
        pieces.append(prefix + markup[start:])
    return pieces


MAX_NESTING = 48


def flatten_deep(markup: str, limit: int = MAX_NESTING) -> str:
    """Elements nested deeper than `limit` lose their tags (their text stays): Qt's layout time
    grows with nesting (5,000 nested quotes take a second), and no real mail nests that deep."""
    out: list[str] = []
    stack: list[bool] = []  # per open element: kept?
    position = 0
    deepest = 0
    for match in _TOKEN.finditer(markup):
        closing, name = match.group(1), match.group(2).lower()
        if name in _VOID or match.group(3):
            continue
        if not closing:
            stack.append(len(stack) < limit)
            deepest = max(deepest, len(stack))
            if not stack[-1]:
                out.append(markup[position:match.start()])
                position = match.end()
        elif stack:
            kept = stack.pop()
            if not kept:
                out.append(markup[position:match.start()])
                position = match.end()
    if deepest <= limit:
        return markup
    out.append(markup[position:])
    return "".join(out)


MAX_TABLE_NESTING = 4
_TABLE_TAGS = frozenset({"table", "tbody", "thead", "tfoot", "tr", "td", "th"})


def flatten_tables(markup: str, limit: int = MAX_TABLE_NESTING) -> str:
    """Tables nested deeper than `limit` lose their table tags (cells' content stays, a row ends
    with a line break): Qt lays nested tables out again for every enclosing one, so an old-style
    newsletter with 8 levels of layout tables took half a second to show; 4 keep its look."""
    out: list[str] = []
    position = depth = 0
    changed = False
    for match in _TOKEN.finditer(markup):
        closing, name = match.group(1), match.group(2).lower()
        if name not in _TABLE_TAGS:
            continue
        if name == "table" and not closing:
            depth += 1
        if depth > limit:
            out.append(markup[position:match.start()])
            if closing and name == "tr":
                out.append("<br>")
            elif closing and name in ("td", "th"):
                out.append(" ")
            position = match.end()
            changed = True
        if name == "table" and closing:
            depth = max(depth - 1, 0)
    if not changed:
        return markup
    out.append(markup[position:])
    return "".join(out)
