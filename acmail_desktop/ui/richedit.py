"""The compose window's text editor: formatting as in the webmail, kept small enough to send cleanly.

What the editor holds is read back into `core.richtext` blocks (paragraphs, lists, quotes, runs of
bold / italic / underline / link), from which both parts of the message are written: anything the
toolbar cannot make is not sent. Pasted HTML goes through the reader's sanitizer first
(`core.htmlsafe.sanitize_html`), so a paste never brings scripts, remote images or styles along.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QKeySequence,
    QSyntaxHighlighter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextListFormat,
)
from PySide6.QtWidgets import QInputDialog, QTextEdit, QToolBar, QWidget

from acmail_desktop.core.htmlsafe import sanitize_html
from acmail_desktop.core.richtext import Block, Run, safe_href
from acmail_desktop.core.spelling import SpellChecker

QUOTE_INDENT = 40.0  # what Qt gives one <blockquote> level when it imports HTML
_UNORDERED = {QTextListFormat.Style.ListDisc, QTextListFormat.Style.ListCircle, QTextListFormat.Style.ListSquare}
_OBJECT = "\ufffc"  # an image or other object in the document: not sent
_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)  # on nh3's output: attributes quoted, ">" escaped


def document_blocks(document: QTextDocument) -> list[Block]:
    """The document as blocks of runs (see core.richtext): what will be sent, and nothing more."""
    blocks: list[Block] = []
    block = document.begin()
    in_quote = False
    while block.isValid():
        block_format = block.blockFormat()
        # Qt marks only the first block of an imported <blockquote> with BlockQuoteLevel; the blocks that
        # follow inside it (list items, paragraphs) keep just its left margin, 40 px per level.
        margin = block_format.leftMargin()
        in_quote = bool(block_format.property(QTextFormat.Property.BlockQuoteLevel)) or (in_quote and margin > 0)
        depth = max(1, round(margin / QUOTE_INDENT)) if in_quote else 0
        text_list = block.textList()
        kind = None
        if text_list is not None:
            kind = "ul" if text_list.format().style() in _UNORDERED else "ol"
        runs: list[Run] = []
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            text = fragment.text().replace(_OBJECT, "")
            if text:
                char = fragment.charFormat()
                href = safe_href(char.anchorHref()) if char.isAnchor() else None
                runs.append(Run(text, bold=char.fontWeight() >= QFont.Weight.DemiBold,
                                italic=char.fontItalic(), underline=char.fontUnderline() and href is None,
                                href=href))
            iterator += 1
        blocks.append(Block(runs, kind, depth))
        block = block.next()
    return blocks


def _quoted(block_format: QTextBlockFormat, text: str) -> bool:
    return bool(block_format.property(QTextFormat.Property.BlockQuoteLevel)) or block_format.leftMargin() > 0 \
        or text.startswith(">")


class SpellHighlighter(QSyntaxHighlighter):
    """Unknown words underlined with a red wave, in what the user writes (quoted text is left alone)."""

    def __init__(self, document: QTextDocument, checker: SpellChecker) -> None:
        self.checker = checker
        self.underline = QTextCharFormat()
        self.underline.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.underline.setUnderlineColor(QColor("#d32f2f"))
        super().__init__(document)

    def highlightBlock(self, text: str) -> None:
        if _quoted(self.currentBlock().blockFormat(), text):
            return
        for start, length in self.checker.misspelled(text):
            self.setFormat(start, length, self.underline)


class RichBodyEdit(QTextEdit):
    """QTextEdit whose pastes are sanitized (rich mode) or reduced to text (plain mode), with French
    spelling suggestions in its context menu once a checker is attached."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab leaves the text for the next field, as in the other fields
        self.spell_highlighter: SpellHighlighter | None = None

    def set_spell_checker(self, checker: SpellChecker | None) -> None:
        if checker is not None and self.spell_highlighter is None:
            self.spell_highlighter = SpellHighlighter(self.document(), checker)

    def misspelled_words(self) -> list[str]:
        """The words underlined now (tests, accessibility)."""
        if self.spell_highlighter is None:
            return []
        words = []
        block = self.document().begin()
        while block.isValid():
            if not _quoted(block.blockFormat(), block.text()):
                words += [block.text()[s:s + n] for s, n in self.spell_highlighter.checker.misspelled(block.text())]
            block = block.next()
        return words

    def spelling_suggestions_at(self, position: int) -> tuple[QTextCursor, list[str]] | None:
        """The unknown word at `position` (a cursor selecting it) and what could replace it."""
        if self.spell_highlighter is None:
            return None
        checker = self.spell_highlighter.checker
        block = self.document().findBlock(position)
        offset = position - block.position()
        for start, length in checker.misspelled(block.text()):
            if start <= offset <= start + length:
                cursor = QTextCursor(block)
                cursor.setPosition(block.position() + start)
                cursor.setPosition(block.position() + start + length, QTextCursor.MoveMode.KeepAnchor)
                return cursor, checker.suggestions(cursor.selectedText())
        return None

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        found = self.spelling_suggestions_at(self.cursorForPosition(event.pos()).position())
        if found is not None:
            cursor, suggestions = found
            first = menu.actions()[0] if menu.actions() else None
            if not suggestions:
                empty = QAction(self.tr("(no suggestion)"), menu)
                empty.setEnabled(False)
                menu.insertAction(first, empty)  # type: ignore[arg-type]
            for word in suggestions:
                action = QAction(word, menu)
                action.triggered.connect(lambda _=False, w=word, c=cursor: c.insertText(w))
                menu.insertAction(first, action)  # type: ignore[arg-type]
            menu.insertSeparator(first)  # type: ignore[arg-type]
        menu.exec(event.globalPos())

    def insertFromMimeData(self, source: QMimeData) -> None:
        if self.acceptRichText() and source.hasHtml():
            # Sanitized as the reader does; images are not carried over (they would not be sent).
            self.textCursor().insertHtml(_IMAGE.sub("", sanitize_html(source.html()).html))
            return
        if source.hasText():
            self.textCursor().insertText(source.text())
            return
        super().insertFromMimeData(source)


class FormattingBar(QToolBar):
    """Gras, italique, souligné, listes, lien, citation, effacer la mise en forme; with shortcuts."""

    link_requested = Signal()

    def __init__(self, editor: RichBodyEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.setObjectName("formattingToolbar")
        self.setWindowTitle(self.tr("Formatting"))
        self.setMovable(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        def make(text: str, tip: str, shortcut: str, slot: object, name: str, checkable: bool = False,
                 font: QFont | None = None) -> QAction:
            action = QAction(text, self)
            action.setObjectName(name)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setToolTip(f"{tip} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
            action.setCheckable(checkable)
            if font is not None:
                action.setFont(font)
            action.triggered.connect(slot)  # type: ignore[arg-type]
            self.addAction(action)
            return action

        bold, italic, underline = QFont(), QFont(), QFont()
        bold.setBold(True)
        italic.setItalic(True)
        underline.setUnderline(True)
        self.bold_action = make(self.tr("B", "bold button"), self.tr("Bold"), "Ctrl+B", self.toggle_bold,
                                "boldAction", True, bold)
        self.italic_action = make(self.tr("I", "italic button"), self.tr("Italic"), "Ctrl+I", self.toggle_italic,
                                  "italicAction", True, italic)
        self.underline_action = make(self.tr("U", "underline button"), self.tr("Underline"), "Ctrl+U",
                                     self.toggle_underline, "underlineAction", True, underline)
        self.addSeparator()
        self.bullets_action = make(self.tr("• List"), self.tr("Bulleted list"), "Ctrl+Shift+8",
                                   lambda: self.toggle_list(QTextListFormat.Style.ListDisc), "bulletsAction")
        self.numbers_action = make(self.tr("1. List"), self.tr("Numbered list"), "Ctrl+Shift+7",
                                   lambda: self.toggle_list(QTextListFormat.Style.ListDecimal), "numbersAction")
        self.quote_action = make(self.tr("❝ Quote"), self.tr("Quote"), "Ctrl+Shift+9", self.toggle_quote,
                                 "quoteAction")
        self.link_action = make(self.tr("Link…"), self.tr("Insert a link"), "Ctrl+K", self.link_requested.emit,
                                "linkAction")
        self.addSeparator()
        self.clear_action = make(self.tr("Clear formatting"), self.tr("Clear formatting"), "Ctrl+\\",
                                 self.clear_formatting, "clearFormattingAction")
        editor.currentCharFormatChanged.connect(self._show_format)
        self.link_requested.connect(self.ask_link)

    # --- character formats ------------------------------------------------------------------------
    def _merge(self, char_format: QTextCharFormat) -> None:
        """On the selection; without one, on what is typed next (as in the webmail)."""
        self.editor.mergeCurrentCharFormat(char_format)
        self.editor.setFocus()

    def toggle_bold(self) -> None:
        char_format = QTextCharFormat()
        char_format.setFontWeight(QFont.Weight.Bold if self.bold_action.isChecked() else QFont.Weight.Normal)
        self._merge(char_format)

    def toggle_italic(self) -> None:
        char_format = QTextCharFormat()
        char_format.setFontItalic(self.italic_action.isChecked())
        self._merge(char_format)

    def toggle_underline(self) -> None:
        char_format = QTextCharFormat()
        char_format.setFontUnderline(self.underline_action.isChecked())
        self._merge(char_format)

    def _show_format(self, char_format: QTextCharFormat) -> None:
        self.bold_action.setChecked(char_format.fontWeight() >= QFont.Weight.DemiBold)
        self.italic_action.setChecked(char_format.fontItalic())
        self.underline_action.setChecked(char_format.fontUnderline() and not char_format.isAnchor())

    # --- blocks -----------------------------------------------------------------------------------
    def toggle_list(self, style: QTextListFormat.Style) -> None:
        cursor = self.editor.textCursor()
        current = cursor.currentList()
        if current is not None and current.format().style() == style:
            cursor.beginEditBlock()
            block = cursor.block()
            for index in range(current.count() - 1, -1, -1):
                item = current.item(index)
                if not cursor.hasSelection() and item != block:
                    continue
                current.remove(item)
                plain = QTextCursor(item)
                block_format = item.blockFormat()
                block_format.setIndent(0)
                plain.setBlockFormat(block_format)
            cursor.endEditBlock()
        else:
            cursor.createList(style)
        self.editor.setFocus()

    def toggle_quote(self) -> None:
        cursor = self.editor.textCursor()
        quoted = bool(cursor.blockFormat().property(QTextFormat.Property.BlockQuoteLevel))
        block_format = QTextBlockFormat()
        block_format.setProperty(QTextFormat.Property.BlockQuoteLevel, 0 if quoted else 1)
        block_format.setLeftMargin(0.0 if quoted else QUOTE_INDENT)
        cursor.mergeBlockFormat(block_format)
        self.editor.setFocus()

    def clear_formatting(self) -> None:
        """The selection (or the current paragraph) back to plain text: no emphasis, link, list or quote."""
        cursor = self.editor.textCursor()
        if not cursor.hasSelection():
            cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
        cursor.beginEditBlock()
        cursor.setCharFormat(QTextCharFormat())
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        block = self.editor.document().findBlock(start)
        while block.isValid() and block.position() <= end:
            if block.textList() is not None:
                block.textList().remove(block)
            plain = QTextCursor(block)
            plain.setBlockFormat(QTextBlockFormat())
            block = block.next()
        cursor.endEditBlock()
        self.editor.setCurrentCharFormat(QTextCharFormat())
        self.editor.setFocus()

    # --- links ------------------------------------------------------------------------------------
    def ask_link(self) -> None:
        url, ok = QInputDialog.getText(self.editor, self.tr("Insert a link"),
                                       self.tr("Address of the link (https://… or an e-mail address):"))
        if ok:
            self.insert_link(url)

    def insert_link(self, url: str) -> bool:
        """The selected text (or the address itself) becomes a link; only web and mail addresses."""
        url = url.strip()
        if url and "@" in url and ":" not in url:
            url = "mailto:" + url
        elif url and "://" not in url and not url.lower().startswith("mailto:"):
            url = "https://" + url
        href = safe_href(url)
        if href is None:
            return False
        cursor = self.editor.textCursor()
        char_format = QTextCharFormat()
        char_format.setAnchor(True)
        char_format.setAnchorHref(href)
        char_format.setFontUnderline(True)
        char_format.setForeground(QColor("#1a5fb4"))
        if cursor.hasSelection():
            cursor.mergeCharFormat(char_format)
        else:
            cursor.insertText(href.removeprefix("mailto:"), char_format)
        self.editor.setCurrentCharFormat(QTextCharFormat())
        self.editor.setFocus()
        return True
