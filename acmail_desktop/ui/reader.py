"""The message view: headers with the real address, a visible spoofing warning, the body formatted
(sanitized HTML in a browser that loads only this message's parts) or as plain text, links that
open only after the user saw where they lead, attachments saved under clean names without
overwriting, and the raw source on request.

Rendering and attachment extraction run in the background (`runner`); this widget only shows.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import UTC
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDateTime, QLocale, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFontDatabase, QResizeEvent, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from acmail_desktop.core.addresses import SenderWarning
from acmail_desktop.core.attachments import assess, save_attachment
from acmail_desktop.core.authresults import signature_verdict
from acmail_desktop.core.context import AppContext
from acmail_desktop.core.htmlsafe import link_warning
from acmail_desktop.core.institution import InstitutionRules, link_host, urls_in
from acmail_desktop.core.render import Attachment, Notice, RenderedMessage, View, attachment_payload, render
from acmail_desktop.ui.catalogue import describe_error
from acmail_desktop.ui.message_browser import MessageBrowser
from acmail_desktop.ui.models.icons import paperclip_icon, warning_icon

Runner = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]], None]


def readable_date(header: str) -> str:
    """The Date header in the user's language and time zone ("vendredi 27 novembre 2026 10:16")."""
    if not header:
        return ""
    try:
        moment = parsedate_to_datetime(header)
    except (TypeError, ValueError, IndexError):
        return header
    if moment.tzinfo is None:  # "-0000" or no zone at all: the time is UTC (RFC 5322 3.3)
        moment = moment.replace(tzinfo=UTC)
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
    return QLocale().toString(local, "dddd d MMMM yyyy HH:mm")


class _WrappedLabel(QLabel):
    """A word-wrapped label whose height follows its actual width: the layout sized the banners for
    another width and clipped their last line (seen at 1024x600: the list of outside links)."""

    def _fit(self) -> None:
        needed = self.heightForWidth(self.width())
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()


def _banner(name: str, background: str, border: str) -> QLabel:
    label = _WrappedLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(f"QLabel#{name} {{ background: {background}; border: 1px solid {border};"
                        " border-radius: 4px; padding: 6px 8px; color: #202124; }")
    label.hide()
    return label


class ReaderView(QWidget):
    attachment_saved = Signal(str)      # path written
    attachment_opened = Signal(str)     # path handed to the desktop
    attachment_not_opened = Signal(str)  # file name: the desktop has no program for it
    source_shown = Signal()
    link_confirmation_shown = Signal()  # the "open this link?" box is up (tests, screenshots)
    view_changed = Signal()             # the body was rendered again in the other view
    attachments_saved = Signal(list)    # every path written by "save all"
    pdf_exported = Signal(str)          # path of the PDF written

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.institution = InstitutionRules()  # the account's académie words and domains (main window)
        self._outside_hosts: set[str] = set()
        self.runner: Runner | None = None
        self.open_url: Callable[[QUrl], Any] = QDesktopServices.openUrl
        self.folder: str | None = None
        self.uid: int | None = None
        self.raw: bytes | None = None
        self.rendered: RenderedMessage | None = None
        self.risk_box: QMessageBox | None = None
        self.no_program_box: QMessageBox | None = None
        self.source_dialog: QDialog | None = None
        self.link_box: QMessageBox | None = None
        self.message_windows: list[QWidget] = []  # attached messages opened from here
        self.setObjectName("readerView")
        self._build()
        self.clear()

    # --- widgets -----------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.header_frame = QFrame()
        self.header_frame.setObjectName("readerHeaderFrame")
        self.header_frame.setStyleSheet("QFrame#readerHeaderFrame { background: palette(base);"
                                        " border-bottom: 1px solid palette(mid); }")
        head = QVBoxLayout(self.header_frame)
        head.setContentsMargins(12, 6, 12, 6)
        head.setSpacing(4)
        top = QHBoxLayout()
        self.subject_label = QLabel()
        self.subject_label.setObjectName("readerSubject")
        self.subject_label.setWordWrap(True)
        self.subject_label.setTextFormat(Qt.TextFormat.PlainText)
        self.subject_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.subject_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.subject_label.setFont(font)
        top.addWidget(self.subject_label, 1)
        self.source_button = QPushButton(self.tr("Show &source"))
        self.source_button.setObjectName("showSourceButton")
        self.source_button.clicked.connect(self.show_source)
        top.addWidget(self.source_button, 0, Qt.AlignmentFlag.AlignTop)
        head.addLayout(top)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(3)
        self.fields: dict[str, tuple[QLabel, QLabel]] = {}
        for row, (key, label) in enumerate((("from", self.tr("From:")), ("reply_to", self.tr("Reply to:")),
                                            ("to", self.tr("To:")), ("cc", self.tr("Cc:")),
                                            ("date", self.tr("Date:")))):
            name = QLabel(label)
            name.setStyleSheet("color: palette(dark); font-weight: 600;")
            value = QLabel()
            value.setObjectName(f"reader_{key}")
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
            name.setBuddy(value)
            grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(value, row, 1)
            self.fields[key] = (name, value)
        grid.setColumnStretch(1, 1)
        head.addLayout(grid)
        # What the user's own receiving server said about the sender's domain (Authentication-Results).
        self.signature_label = QLabel()
        self.signature_label.setObjectName("senderSignature")
        self.signature_label.setTextFormat(Qt.TextFormat.PlainText)
        self.signature_label.hide()
        head.addWidget(self.signature_label)
        self.warning_banner = _banner("senderWarning", "#fce8e6", "#d93025")
        self.warning_banner.setAccessibleName(self.tr("Warning about the sender"))
        head.addWidget(self.warning_banner)
        self.notice_banner = _banner("renderNotice", "#fef7e0", "#f9ab00")
        head.addWidget(self.notice_banner)
        self.delivery_banner = _banner("deliveryReport", "#e8f0fe", "#1a73e8")
        self.delivery_banner.setAccessibleName(self.tr("Delivery report"))
        self.delivery_banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        head.addWidget(self.delivery_banner)
        layout.addWidget(self.header_frame)

        self.body = MessageBrowser()
        self.body.setObjectName("messageBody")
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.body.setAccessibleName(self.tr("Message content"))
        self.body.anchorClicked.connect(self.follow_link)
        self.body.highlighted.connect(self._hover_link)
        self.body.setPlaceholderText(self.tr("Select a message to read it here."))
        size = int(self.context.settings.get("display.font_size") or 0)
        if size > 0:
            body_font = self.body.font()
            body_font.setPointSize(size)
            self.body.setFont(body_font)
        layout.addWidget(self.body, 1)

        self.attachments_frame = QFrame()
        self.attachments_frame.setObjectName("attachmentsFrame")
        self.attachments_frame.setStyleSheet("QFrame#attachmentsFrame { border-top: 1px solid palette(mid); }")
        # One line, whatever the number of attachments (they scroll sideways): a list of three rows
        # left two lines of text on a 600-pixel-high screen.
        box = QHBoxLayout(self.attachments_frame)
        box.setContentsMargins(10, 3, 10, 3)
        self.attachments_label = QLabel()
        box.addWidget(self.attachments_label)
        self.attachment_list = QListWidget()
        self.attachment_list.setObjectName("attachmentList")
        self.attachment_list.setAccessibleName(self.tr("Attachments"))
        self.attachment_list.setFlow(QListWidget.Flow.LeftToRight)
        self.attachment_list.setWrapping(False)
        self.attachment_list.setSpacing(1)
        self.attachment_list.setFrameShape(QFrame.Shape.NoFrame)
        self.attachment_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.attachment_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.attachment_list.itemActivated.connect(lambda item: self.open_attachment(self.attachment_list.row(item)))
        self.attachments_label.setBuddy(self.attachment_list)
        box.addWidget(self.attachment_list, 1)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("&Open"))
        self.open_button.setObjectName("openAttachmentButton")
        self.open_button.clicked.connect(lambda: self.open_attachment(self.attachment_list.currentRow()))
        self.save_button = QPushButton(self.tr("Sa&ve…"))
        self.save_button.setObjectName("saveAttachmentButton")
        self.save_button.clicked.connect(lambda: self.save_attachment(self.attachment_list.currentRow()))
        self.save_all_button = QPushButton(self.tr("Save &all…"))
        self.save_all_button.setObjectName("saveAllAttachmentsButton")
        self.save_all_button.clicked.connect(self.save_all_attachments)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.save_all_button)
        box.addLayout(buttons)
        layout.addWidget(self.attachments_frame)
        self.setFocusProxy(self.body)

    # --- content -----------------------------------------------------------------------------------------
    def clear(self, text: str = "") -> None:
        self.folder = self.uid = None
        self.raw = self.rendered = None
        self.header_frame.setVisible(False)
        self.attachments_frame.hide()
        self.body.set_message([], {}, paper=False)
        self.body.setPlainText(text)
        self.body.setAccessibleDescription("")

    def show_message(self, folder: str, uid: int, raw: bytes, rendered: RenderedMessage) -> None:
        self.folder, self.uid, self.raw, self.rendered = folder, uid, raw, rendered
        self.header_frame.setVisible(True)
        self.subject_label.setText(rendered.subject or self.tr("(no subject)"))
        values = {"from": self._sender_text(rendered), "reply_to": self._reply_to(rendered),
                  "to": rendered.to, "cc": rendered.cc, "date": readable_date(rendered.date)}
        for key, (name, value) in self.fields.items():
            value.setText(values[key])
            name.setVisible(bool(values[key]))
            value.setVisible(bool(values[key]))
        self._show_signature(raw, rendered)
        warnings = self._warnings(rendered) + self._institution_warnings(rendered)
        self.warning_banner.setText("\n".join(warnings))
        self.warning_banner.setVisible(bool(warnings))
        notices = self._notices(rendered)
        self.notice_banner.setText("\n".join(notices))
        self.notice_banner.setVisible(bool(notices))
        delivery = self._delivery_lines(rendered)
        self.delivery_banner.setText("\n".join(delivery))
        self.delivery_banner.setVisible(bool(delivery))
        self._show_body(rendered)
        self.body.setAccessibleDescription(self.tr("Message from %1, subject: %2")
                                           .replace("%1", rendered.sender.text).replace("%2", rendered.subject))
        self.attachment_list.clear()
        for attachment in rendered.attachments:
            item = QListWidgetItem(paperclip_icon(), f"{attachment.filename}  ({self._size(attachment.size)})")
            item.setToolTip(f"{attachment.filename} — {attachment.content_type}")
            self.attachment_list.addItem(item)
        self.attachment_list.setFixedHeight(self.fontMetrics().height() + 10)
        if rendered.attachments:
            self.attachment_list.setCurrentRow(0)
            self.attachments_label.setText(self.tr("%n attachment(s):", "", len(rendered.attachments)))
        self.attachments_frame.setVisible(bool(rendered.attachments))
        self.save_all_button.setVisible(len(rendered.attachments) > 1)

    def _show_body(self, rendered: RenderedMessage) -> None:
        html_mail = rendered.view == View.HTML and rendered.from_html and bool(rendered.html)
        self.body.set_message(rendered.html_pieces, rendered.images, paper=html_mail)

    @property
    def view(self) -> View:
        return View.TEXT if self.context.settings.get("display.plain_text") else View.HTML

    def rerender(self) -> None:
        """Show the current message again in the view the settings now ask for (background)."""
        raw, folder, uid = self.raw, self.folder, self.uid
        if raw is None:
            return
        view = self.view

        def shown(rendered: RenderedMessage) -> None:
            if self.raw is raw:
                self.show_message(folder or "", uid or 0, raw, rendered)
                self.view_changed.emit()

        self._in_background(lambda: render(raw, view=view), shown)

    # --- links ----------------------------------------------------------------------------------------
    def _hover_link(self, url: QUrl) -> None:
        """The real target of the link under the pointer or the keyboard focus, before any click."""
        from PySide6.QtGui import QCursor
        from PySide6.QtWidgets import QToolTip

        target = url.toString() if isinstance(url, QUrl) else str(url)
        if target:
            QToolTip.showText(QCursor.pos(), self.tr("Link to: %1").replace("%1", target[:500]), self.body)
        else:
            QToolTip.hideText()

    def follow_link(self, url: QUrl) -> None:
        """Never opened by the widget: the user sees the real target first, with a warning when the
        visible text names another site or address (the classic phishing link)."""
        target = url.toString()
        if target.startswith("#"):
            self.body.scrollToAnchor(target[1:])
            return
        scheme = url.scheme().lower()
        texts = [t for href, found in (self.rendered.links.items() if self.rendered else [])
                 if href == target or QUrl(href).toString() == target for t in found]
        claimed = next((c for c in (link_warning(t, target) for t in texts) if c), None)
        box = QMessageBox(self)
        box.setObjectName("linkConfirmBox")
        box.setWindowTitle(self.tr("Open link"))
        shown_target = target if len(target) <= 300 else target[:300] + "…"
        if scheme not in ("http", "https", "mailto"):
            box.setIcon(QMessageBox.Icon.Warning)
            box.setText(self.tr("AcMail does not open this kind of link:"))
            box.setInformativeText(shown_target)
            box.addButton(QMessageBox.StandardButton.Close)
            self.link_box = box
            box.open()
            self.link_confirmation_shown.emit()
            return
        warnings = []  # every reason that applies, the link's own lie first
        if claimed:
            warnings.append(self.tr("Caution: this link shows “%1” but leads somewhere else. This is a common "
                                    "trick to make you visit a fake site.").replace("%1", claimed))
        if link_host(target) in self._outside_hosts:
            warnings.append(self.tr("Caution: this message pretends to come from the institution and this link "
                                    "leads outside the académie."))
        if warnings:
            box.setIcon(QMessageBox.Icon.Warning)
            box.setText("\n\n".join(warnings))
        else:
            box.setIcon(QMessageBox.Icon.Question)
            box.setText(self.tr("Open this link in your browser?"))
        box.setInformativeText(self.tr("Real destination:") + "\n" + shown_target)
        open_button = box.addButton(self.tr("Open the link"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)

        def answered() -> None:
            if box.clickedButton() is open_button:
                self.open_url(url)
            self.link_box = None

        box.finished.connect(lambda _r: answered())
        self.link_box = box
        box.open()
        self.link_confirmation_shown.emit()

    def _size(self, size: int) -> str:
        return QLocale().formattedDataSize(size, 0 if size < 1_000_000 else 1,
                                           QLocale.DataSizeFormat.DataSizeSIFormat)

    def _show_signature(self, raw: bytes, rendered: RenderedMessage) -> None:
        verdict = signature_verdict(raw, rendered.sender.address, self.institution.authserv_ids)
        self.signature_label.setVisible(verdict is not None)
        if verdict is None:
            return
        if verdict.verified:
            self.signature_label.setText(self.tr("Signature verified: %1").replace("%1", verdict.domain))
            self.signature_label.setStyleSheet("color: #137333; font-weight: 600;")
        else:
            self.signature_label.setText(self.tr("Signature not verified: %1").replace("%1", verdict.domain))
            self.signature_label.setStyleSheet("color: #b06000; font-weight: 600;")
        self.signature_label.setToolTip(
            self.tr("Checked on arrival by %1: %2").replace("%1", verdict.authserv_id).replace("%2", verdict.results)
            if verdict.authserv_id else self.tr("Your mail server left no verdict on this message."))

    def _institution_warnings(self, rendered: RenderedMessage) -> list[str]:
        """A message presenting itself as the institution from outside it, and its outside links."""
        word = self.institution.impersonation(rendered.sender.name, rendered.sender.address, rendered.subject)
        self._outside_hosts = set()
        if word is None:
            return []
        lines = [self.tr("Caution: this message presents itself as coming from the institution (“%1”), but "
                         "its real address, %2, is outside the académie and the ministry. The académie never "
                         "asks for your password by e-mail.").replace("%1", word)
                 .replace("%2", rendered.sender.address)]
        hosts = self.institution.outside_hosts(urls_in(rendered.text, rendered.links))
        self._outside_hosts = set(hosts)
        if hosts:
            shown = ", ".join(hosts[:5]) + ("…" if len(hosts) > 5 else "")
            lines.append(self.tr("Its links lead outside the académie: %1").replace("%1", shown))
        return lines

    def _sender_text(self, rendered: RenderedMessage) -> str:
        """A deceptive sender is shown by its real address first, the name it gave after; in bold, as
        is the sender of a message that presents itself as the institution from outside it."""
        sender = rendered.sender
        value = self.fields["from"][1]
        font = value.font()
        font.setBold(bool(sender.warnings) or self.institution.impersonation(
            sender.name, sender.address, rendered.subject) is not None)
        value.setFont(font)
        if sender.warnings and sender.name:
            return self.tr("%1 (calls itself “%2”)").replace("%1", sender.address).replace("%2", sender.name)
        return sender.text

    def _reply_to(self, rendered: RenderedMessage) -> str:
        """Reply-To, shown only when a reply would not go to the sender: the user sees where it goes."""
        if not rendered.reply_to or rendered.reply_to.endswith(f"<{rendered.sender.address}>") \
                or rendered.reply_to == rendered.sender.address:
            return ""
        return rendered.reply_to

    def _warnings(self, rendered: RenderedMessage) -> list[str]:
        texts = {
            SenderWarning.NAME_HAS_OTHER_ADDRESS: self.tr(
                "Caution: the sender's name contains another address than the real one (%1). "
                "This is a common trick to impersonate someone."),
            SenderWarning.MIXED_SCRIPT_DOMAIN: self.tr(
                "Caution: the sender's domain mixes alphabets and may imitate another one; it is shown "
                "as %1."),
            SenderWarning.INVALID_DOMAIN: self.tr("Caution: the sender's address %1 is not valid."),
            SenderWarning.BIDI_CONTROL: self.tr(
                "Caution: the sender's name or address contains invisible characters that reverse the "
                "text to disguise it. The real address is %1."),
            SenderWarning.MIXED_SCRIPT_NAME: self.tr(
                "Caution: the sender's name mixes alphabets (letters that only look like ours) and may "
                "imitate someone else. The real address is %1."),
        }
        return [texts.get(w, self.tr("Caution: check the sender (%1).")).replace("%1", rendered.sender.address)
                for w in rendered.sender.warnings]

    def _status_reason(self, status: str) -> str:
        """RFC 3463 enhanced status code -> the reason in the user's words (empty if unknown)."""
        klass, _, detail = status.partition(".")
        reasons = {
            "1.1": self.tr("the address does not exist"),
            "1.2": self.tr("the recipient's domain was not found"),
            "1.3": self.tr("the address is misspelt"),
            "1.6": self.tr("the recipient has changed address"),
            "1.10": self.tr("the recipient's domain does not accept mail"),
            "2.1": self.tr("the recipient's mailbox is disabled"),
            "2.2": self.tr("the recipient's mailbox is full"),
            "2.3": self.tr("the message is too large for the recipient"),
            "3.4": self.tr("the message is too large"),
            "4.1": self.tr("the recipient's server does not answer"),
            "4.2": self.tr("the connection to the recipient's server was cut"),
            "4.4": self.tr("no server receives mail for this domain"),
            "4.7": self.tr("delivery took too long and was abandoned"),
            "7.1": self.tr("the recipient's server refused it (not authorised)"),
        }
        reason = reasons.get(detail, "")
        if not reason and detail.startswith("7."):
            reason = self.tr("refused for a security reason")
        if klass == "4":
            temporary = self.tr("temporary problem, the server keeps trying")
            reason = f"{reason} ({temporary})" if reason else temporary
        return reason

    def _delivery_lines(self, rendered: RenderedMessage) -> list[str]:
        if not rendered.delivery:
            return []
        actions = {"failed": self.tr("Not delivered"), "delayed": self.tr("Delayed"),
                   "delivered": self.tr("Delivered"), "relayed": self.tr("Relayed"),
                   "expanded": self.tr("Delivered to a list")}
        lines = [self.tr("Delivery report:")]
        for item in rendered.delivery:
            line = f"• {item.recipient} — {actions.get(item.action, item.action or '?')}"
            reason = self._status_reason(item.status)
            if item.status:
                line += f" ({item.status})"
            if reason:
                line += f" : {reason}"
            if item.diagnostic:
                line += "\n   " + self.tr("Server's answer: %1").replace("%1", item.diagnostic[:300])
            lines.append(line)
        return lines

    def _notices(self, rendered: RenderedMessage) -> list[str]:
        lines = []
        if rendered.from_html and rendered.view == View.TEXT:
            lines.append(self.tr("HTML message shown as text: images and remote content are never loaded."))
        if rendered.remote_images:
            lines.append(self.tr("%n remote image(s) not loaded, to protect your privacy.", "",
                                 rendered.remote_images))
        texts = {
            Notice.TOO_DEEP: self.tr("This message is nested too deeply: part of it is not shown."),
            Notice.TOO_MANY_PARTS: self.tr("This message has too many parts: part of it is not shown."),
            Notice.HEADER_TRUNCATED: self.tr("A header was too long and has been shortened."),
            Notice.HTML_TRUNCATED: self.tr("The message is very long: only its beginning is shown."),
            Notice.TEXT_TRUNCATED: self.tr("The message is very long: only its beginning is shown."),
            Notice.HTML_TIMEOUT: self.tr("The HTML part took too long to convert: a simplified text is shown."),
            Notice.PARSE_DEFECTS: self.tr("This message is malformed: what could be read is shown."),
        }
        seen: set[str] = set()
        for notice in sorted(rendered.notices):
            text = texts.get(notice)
            if text and text not in seen:
                seen.add(text)
                lines.append(text)
        return lines

    # --- source -------------------------------------------------------------------------------------------
    def show_source(self) -> None:
        if self.raw is None:
            return
        dialog = QDialog(self)
        dialog.setObjectName("sourceDialog")
        dialog.setWindowTitle(self.tr("Message source"))
        layout = QVBoxLayout(dialog)
        text = QPlainTextEdit()
        text.setObjectName("sourceText")
        text.setReadOnly(True)
        text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        text.setPlainText(self.raw[:5_000_000].decode("utf-8", "replace"))
        text.setAccessibleName(self.tr("Message source"))
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.close)
        layout.addWidget(buttons)
        dialog.resize(820, 600)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.source_dialog = dialog
        dialog.show()
        self.source_shown.emit()

    # --- attachments --------------------------------------------------------------------------------------
    def _attachment(self, index: int) -> Attachment | None:
        if self.rendered is None or not 0 <= index < len(self.rendered.attachments):
            return None
        return self.rendered.attachments[index]

    def _in_background(self, fn: Callable[[], Any], done: Callable[[Any], None]) -> None:
        if self.runner is None:  # no worker (unit use): still never on a network, only the disk
            try:
                result = fn()
            except Exception as exc:
                self._failed(exc)
                return
            done(result)
            return
        self.runner(fn, done, self._failed)

    def _failed(self, error: BaseException) -> None:
        message = describe_error(error, None)
        QMessageBox.warning(self, message.title, f"{message.text}\n{message.action}".strip())

    def save_attachment(self, index: int) -> None:
        """Ask where (default: the attachments folder), then save there. The file dialog asks before
        replacing an existing file: Oui means that file is replaced (not "name (2).ext" beside it)."""
        attachment = self._attachment(index)
        if attachment is None:
            return
        directory = self.context.attachments_save_dir
        if not directory.is_dir():
            directory = Path.home()
        from acmail_desktop.core.attachments import safe_filename

        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save attachment"),
                                                str(directory / safe_filename(attachment.filename)))
        if chosen:
            self.save_attachment_to(index, Path(chosen).parent, Path(chosen).name, replace=True)

    def save_attachment_to(self, index: int, directory: Path, name: str | None = None, *,
                           replace: bool = False) -> None:
        attachment = self._attachment(index)
        raw = self.raw
        if attachment is None or raw is None:
            return
        filename = name or attachment.filename

        def work() -> Path:
            return save_attachment(directory, filename, attachment_payload(raw, attachment.path), replace=replace)

        self._in_background(work, lambda path: self.attachment_saved.emit(str(path)))

    def open_attachment(self, index: int) -> None:
        """Write it to the opened-attachments folder and hand it to the desktop; risky ones ask first."""
        attachment = self._attachment(index)
        raw = self.raw
        if attachment is None or raw is None:
            return

        if attachment.is_message:
            self._in_background(lambda: attachment_payload(raw, attachment.path), self._open_attached_message)
            return

        def work() -> tuple[bytes, Any]:
            data = attachment_payload(raw, attachment.path)
            return data, assess(attachment.filename, attachment.content_type, data[:64])

        def checked(result: tuple[bytes, Any]) -> None:
            data, verdict = result
            if verdict.risky:
                self._ask_risky(attachment, data, verdict)
            else:
                self._write_and_open(attachment, data)

        self._in_background(work, checked)

    def _ask_risky(self, attachment: Attachment, data: bytes, verdict: Any) -> None:
        box = QMessageBox(self)
        box.setObjectName("riskyAttachmentBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setIconPixmap(warning_icon().pixmap(40, 40))
        box.setWindowTitle(self.tr("Open attachment"))
        if verdict.executable:
            box.setText(self.tr("“%1” is a program. Opening it may run it on this computer.")
                        .replace("%1", verdict.filename))
        else:
            box.setText(self.tr("“%1” is not what its name or type claims (it looks like %2).")
                        .replace("%1", verdict.filename).replace("%2", verdict.sniffed_type or "?"))
        box.setInformativeText(self.tr("Open it only if you were expecting it from this sender."))
        open_anyway = box.addButton(self.tr("Open anyway"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)

        def answered() -> None:
            if box.clickedButton() is open_anyway:
                self._write_and_open(attachment, data)
            self.risk_box = None

        box.finished.connect(lambda _r: answered())
        self.risk_box = box
        box.open()

    def _write_and_open(self, attachment: Attachment, data: bytes) -> None:
        directory = self.context.opened_attachments_dir

        def work() -> Path:
            directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            return save_attachment(directory, attachment.filename, data)

        def done(path: Path) -> None:
            if self.open_url(QUrl.fromLocalFile(str(path))) is False:
                self._no_program(attachment)
                return
            self.attachment_opened.emit(str(path))

        self._in_background(work, done)

    def _no_program(self, attachment: Attachment) -> None:
        """The desktop has no program for this type: say so (Ouvrir did nothing at all) and offer to
        save the file, to open it another way or on another computer."""
        box = QMessageBox(self)
        box.setObjectName("noProgramBox")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Open attachment"))
        box.setText(self.tr("No program on this computer opens “%1” (%2).")
                    .replace("%1", attachment.filename).replace("%2", attachment.content_type))
        box.setInformativeText(self.tr("Save it, then open it with the program of your choice."))
        save = box.addButton(self.tr("Sa&ve…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        index = self.rendered.attachments.index(attachment) if self.rendered else -1

        def answered() -> None:
            if box.clickedButton() is save and index >= 0:
                self.save_attachment(index)

        box.finished.connect(lambda _r: answered())
        self.no_program_box = box
        box.open()
        self.attachment_not_opened.emit(attachment.filename)

    def _open_attached_message(self, data: bytes) -> None:
        """An attached message (message/rfc822) opens as a message, in a read-only reader."""
        from acmail_desktop.ui.message_window import MessageWindow

        window = MessageWindow(self.context)
        window.show_bytes(data, self.tr("Attached message"))
        window.show()
        self.message_windows = [w for w in self.message_windows if w.isVisible()] + [window]

    def save_all_attachments(self) -> None:
        """Every attachment into one chosen folder, none overwriting an existing file."""
        if self.rendered is None or not self.rendered.attachments:
            return
        directory = self.context.attachments_save_dir
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Save all attachments"),
                                                  str(directory if directory.is_dir() else Path.home()))
        if chosen:
            self.save_all_attachments_to(Path(chosen))

    def save_all_attachments_to(self, directory: Path) -> None:
        raw, attachments = self.raw, list(self.rendered.attachments if self.rendered else [])
        if raw is None:
            return

        def work() -> list[str]:
            return [str(save_attachment(directory, a.filename, attachment_payload(raw, a.path))) for a in attachments]

        self._in_background(work, self.attachments_saved.emit)

    # --- printing ------------------------------------------------------------------------------------
    def print_document(self) -> QTextDocument:
        """The message as shown, with its headers on top, ready for a printer or a PDF."""
        from PySide6.QtGui import QTextCursor

        self.body.finish_now()
        document = self.body.document().clone(self.body)  # parent: images come from the same loader
        rendered = self.rendered
        if rendered is not None:
            rows = [(self.tr("From:"), rendered.sender.text), (self.tr("To:"), rendered.to),
                    (self.tr("Cc:"), rendered.cc), (self.tr("Date:"), readable_date(rendered.date))]
            cells = "".join(f"<tr><td><b>{html.escape(name)}</b></td><td>{html.escape(value)}</td></tr>"
                            for name, value in rows if value)
            head = (f"<h2>{html.escape(rendered.subject or self.tr('(no subject)'))}</h2>"
                    f"<table cellspacing='0' cellpadding='2'>{cells}</table><hr>")
            cursor = QTextCursor(document)
            cursor.movePosition(QTextCursor.MoveOperation.Start)
            cursor.insertHtml(head)
            cursor.insertBlock()
        return document

    def export_pdf(self, path: str | Path) -> None:
        from PySide6.QtPrintSupport import QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        if self.rendered is not None:
            printer.setDocName(self.rendered.subject)
        self.print_document().print_(printer)
        self.pdf_exported.emit(str(path))

    def ask_export_pdf(self) -> None:
        if self.rendered is None:
            return
        from acmail_desktop.core.attachments import safe_filename

        directory = self.context.attachments_save_dir
        name = safe_filename((self.rendered.subject or "message")[:80]) + ".pdf"
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export as PDF"),
                                                str((directory if directory.is_dir() else Path.home()) / name),
                                                self.tr("PDF documents (*.pdf)"))
        if chosen:
            self.export_pdf(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")

    def ask_print(self) -> None:
        if self.rendered is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print message"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_document().print_(printer)
