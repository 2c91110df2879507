"""The compose window's form: its widgets, the text, the identity (From), the recipients and the
attachments. No sending and no drafts here (`ui/compose_drafts.py`, `ui/compose.py`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, QStringListModel, Qt, QTimer
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QCompleter,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from acmail_desktop.core import errors, log
from acmail_desktop.core.account import Account
from acmail_desktop.core.compose import Draft
from acmail_desktop.core.context import AppContext
from acmail_desktop.core.identity import propose_display_name
from acmail_desktop.core.mime import (
    Address,
    OutgoingAttachment,
    display_address,
    parse_address_list,
)
from acmail_desktop.core.outbox import (
    Outbox,
)
from acmail_desktop.core.richtext import is_formatted, to_html, to_plain_text
from acmail_desktop.core.spelling import SpellChecker, load_checker
from acmail_desktop.ui.outbox import ImapRunner
from acmail_desktop.ui.richedit import FormattingBar, RichBodyEdit, document_blocks
from acmail_desktop.ui.tasks import ConnectionWorker

CompletionSource = Callable[[str], list[str]]
AUTOSAVE_DELAY_MS = 1500
SERVER_AUTOSAVE_DELAY_MS = 60_000



def human_size(size: int) -> str:
    """A size in the user's language (« 1,2 Mo » in French: units through the catalogue, the decimal
    comma from QLocale)."""
    units = (QCoreApplication.translate("ComposeForm", "%1 B"), QCoreApplication.translate("ComposeForm", "%1 KB"),
             QCoreApplication.translate("ComposeForm", "%1 MB"), QCoreApplication.translate("ComposeForm", "%1 GB"))
    value = float(size)
    for index, unit in enumerate(units):
        if value < 1024 or index == len(units) - 1:
            text = f"{value:.0f}" if index == 0 or value >= 100 else QLocale().toString(value, "f", 1)
            return unit.replace("%1", text)
        value /= 1024
    return units[0].replace("%1", str(size))


def _format_addresses(addresses: list[Address]) -> str:
    return ", ".join(display_address(name, addr) if not name or ("," not in name and '"' not in name)
                     else f'"{name}" <{addr}>' for name, addr in addresses)


def _restored_attachments(items: list[Any]) -> list[OutgoingAttachment]:
    result = []
    for item in items:
        info = item if isinstance(item, dict) else {"path": item}
        path = Path(info["path"])
        if path.is_file():
            result.append(OutgoingAttachment(info.get("filename") or path.name,
                                             info.get("content_type") or "application/octet-stream", path=path))
    return result


class AddressField(QLineEdit):
    """Several addresses, completion on the address being typed (after the last comma)."""

    def __init__(self, completion: CompletionSource | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._completion = completion
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._completer.setWidget(self)
        self._completer.activated.connect(self._insert_completion)
        self.textEdited.connect(self._update_completion)

    def _current_token(self) -> str:
        text = self.text()[: self.cursorPosition()]
        return text.replace(";", ",").rsplit(",", 1)[-1].strip()

    def _update_completion(self, _text: str) -> None:
        token = self._current_token()
        popup = self._completer.popup()
        if self._completion is None or len(token) < 2:
            if popup is not None:
                popup.hide()
            return
        candidates = self._completion(token)[:50]
        self._model.setStringList(candidates)
        if candidates:
            self._completer.setCompletionPrefix(token)
            self._completer.complete()
        elif popup is not None:
            popup.hide()

    def _insert_completion(self, chosen: str) -> None:
        text = self.text()
        cut = max(text.rfind(",", 0, self.cursorPosition()), text.rfind(";", 0, self.cursorPosition()))
        head = text[: cut + 1] + (" " if cut >= 0 else "")
        self.setText(f"{head}{chosen}, ")

    def addresses(self) -> list[Address]:
        return parse_address_list(self.text())



class ComposeForm(QMainWindow):
    """What the user fills in. The window (`ComposeWindow`) sets the state below before `_build()`."""

    context: AppContext
    account: Account
    outbox: Outbox
    imap_runner: ImapRunner | None
    completion: CompletionSource | None
    draft_id: str | None
    original: Draft
    attachments: list[OutgoingAttachment]
    size_limit: int | None
    sending: bool
    drafts_worker: ConnectionWorker
    _autosave: QTimer
    _server_autosave: QTimer

    # --- widgets ------------------------------------------------------------------------------
    def _build(self) -> None:
        toolbar = QToolBar(self.tr("Compose"))
        toolbar.setObjectName("composeToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.send_action = QAction(self.tr("&Send"), self)
        self.send_action.setShortcut(QKeySequence("Ctrl+Return"))
        self.attach_action = QAction(self.tr("&Attach…"), self)
        self.attach_action.setShortcut(QKeySequence("Ctrl+Shift+A"))  # no mouse needed to attach
        self.attach_action.triggered.connect(self.choose_attachments)
        self.save_action = QAction(self.tr("Save &draft"), self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        for action in (self.send_action, self.attach_action, self.save_action):
            toolbar.addAction(action)
        self.send_button = toolbar.widgetForAction(self.send_action)
        self.send_button.setObjectName("sendButton")
        self.addToolBar(toolbar)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(10, 8, 10, 8)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        from_row = QHBoxLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("displayNameEdit")
        self.name_edit.setAccessibleName(self.tr("Display name"))
        self.name_edit.setPlaceholderText(self.tr("Display name (e.g. Élise Dupont)"))
        self.name_edit.setToolTip(self.tr("The name your recipients see beside your address."))
        settings = self.context.settings
        self.name_edit.setText(str(settings.get("sending.display_name") or "")
                               or propose_display_name(self.account.email))
        self.name_edit.setReadOnly(settings.is_locked("sending.display_name"))
        self.from_label = QLabel(self.account.email)
        self.from_label.setObjectName("fromLabel")
        self.from_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        from_row.addWidget(self.name_edit, 1)
        from_row.addWidget(self.from_label)
        from_label = QLabel(self.tr("&From:"))
        from_label.setBuddy(self.name_edit)
        form.addRow(from_label, from_row)
        self.to_edit = AddressField(self.completion)
        self.cc_edit = AddressField(self.completion)
        self.bcc_edit = AddressField(self.completion)
        for edit, label, name in ((self.to_edit, self.tr("&To:"), self.tr("Recipients")),
                                  (self.cc_edit, self.tr("&Cc:"), self.tr("Copy to")),
                                  (self.bcc_edit, self.tr("&Bcc:"), self.tr("Hidden copy to"))):
            edit.setAccessibleName(name)
            edit.setPlaceholderText(self.tr("name@ac-academie.fr, Name <name@ac-academie.fr>"))
            edit.editingFinished.connect(lambda e=edit: self._validate_field(e))
            form.addRow(label, edit)
        self.subject_edit = QLineEdit()
        self.subject_edit.setAccessibleName(self.tr("Subject"))
        form.addRow(self.tr("S&ubject:"), self.subject_edit)
        layout.addLayout(form)

        self.attachment_list = QListWidget()
        self.attachment_list.setObjectName("attachmentList")
        self.attachment_list.setAccessibleName(self.tr("Attachments"))
        self.attachment_list.setFlow(QListWidget.Flow.LeftToRight)
        self.attachment_list.setWrapping(True)
        self.attachment_list.setSpacing(2)
        self.attachment_list.setMaximumHeight(56)
        self.attachment_list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.remove_attachment_button = QPushButton(self.tr("&Remove"))
        self.remove_attachment_button.clicked.connect(self.remove_selected_attachments)
        self.attachment_summary = QLabel()
        self.attachment_summary.setObjectName("attachmentSummary")
        self.attachment_row = QWidget()
        row = QHBoxLayout(self.attachment_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.attachment_list, 1)
        side = QVBoxLayout()
        side.addWidget(self.attachment_summary)
        side.addWidget(self.remove_attachment_button)
        side.addStretch(1)
        row.addLayout(side)
        layout.addWidget(self.attachment_row)
        self.size_warning = QLabel()
        self.size_warning.setObjectName("sizeWarning")
        self.size_warning.setWordWrap(True)
        self.size_warning.setStyleSheet("color: #9a3b00;")
        self.size_warning.hide()
        layout.addWidget(self.size_warning)

        self.body = RichBodyEdit()
        self.body.setObjectName("bodyEdit")
        self.body.setAccessibleName(self.tr("Message text"))
        self.body.viewport().installEventFilter(self)
        # "Écrire en texte brut" (setting or policy): no formatting, text only is sent.
        self.plain_text_only = bool(self.context.settings.get("sending.plain_text"))
        self.body.setAcceptRichText(not self.plain_text_only)
        self.formatting_bar = FormattingBar(self.body, self)
        self.formatting_bar.setVisible(not self.plain_text_only)
        self.formatting_bar.setEnabled(not self.plain_text_only)
        layout.addWidget(self.formatting_bar)
        layout.addWidget(self.body, 1)

        # Inline bars instead of modal dialogs: the user can still edit while reading them.
        self.reminder_bar, reminder_layout = self._bar("reminderBar", "#fff4ce")
        self.reminder_label = QLabel(self.tr("You mention an attachment, but no file is attached."))
        self.reminder_label.setWordWrap(True)
        self.reminder_attach_button = QPushButton(self.tr("Attach a file…"))
        self.reminder_attach_button.clicked.connect(self.choose_attachments)
        self.reminder_send_button = QPushButton(self.tr("Send anyway"))
        reminder_layout.addWidget(self.reminder_label, 1)
        reminder_layout.addWidget(self.reminder_attach_button)
        reminder_layout.addWidget(self.reminder_send_button)
        layout.addWidget(self.reminder_bar)

        self.passcode_bar, passcode_layout = self._bar("passcodeBar", "#e8f0fe")
        passcode_layout.addWidget(QLabel(self.tr("Sending needs a new PassCode:")), 1)
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setPlaceholderText(self.tr("PIN"))
        self.pin_edit.setAccessibleName(self.tr("PIN code"))
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(self.tr("token code (6 digits)"))
        self.code_edit.setAccessibleName(self.tr("6-digit code from the token"))
        self.passcode_button = QPushButton(self.tr("Send"))
        for widget in (self.pin_edit, self.code_edit, self.passcode_button):
            passcode_layout.addWidget(widget)
        layout.addWidget(self.passcode_bar)

        self.status_label = QLabel()
        self.status_label.setObjectName("composeStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.status_label)
        self.setCentralWidget(central)
        self.resize(760, 620)
        self._refresh_attachments()

    def _bar(self, name: str, colour: str) -> tuple[QFrame, QHBoxLayout]:
        bar = QFrame()
        bar.setObjectName(name)
        bar.setStyleSheet(f"QFrame#{name} {{ background: {colour}; border: 1px solid #c8c8c8; border-radius: 4px; }}")
        bar_layout = QHBoxLayout(bar)
        bar_layout.setContentsMargins(8, 4, 8, 4)
        bar.hide()
        return bar, bar_layout

    def _fill(self, draft: Draft) -> None:
        self.to_edit.setText(_format_addresses(draft.to))
        self.cc_edit.setText(_format_addresses(draft.cc))
        self.bcc_edit.setText(_format_addresses(draft.bcc))
        self.subject_edit.setText(draft.subject)
        if draft.html and not self.plain_text_only:
            self.body.setHtml(draft.html)  # sanitized already (core.compose / core.htmlsafe)
        else:
            self.body.setPlainText(draft.body)
        self._refresh_attachments()
        self._update_title()
        (self.body if draft.to else self.to_edit).setFocus()
        cursor = self.body.textCursor()
        cursor.movePosition(cursor.MoveOperation.Start)
        self.body.setTextCursor(cursor)

    def _update_title(self) -> None:
        subject = self.subject_edit.text().strip() or self.tr("(no subject)")
        self.setWindowTitle(self.tr("Compose: %1").replace("%1", subject))

    def _changed(self) -> None:
        self._update_title()
        if not self.sending:
            self._autosave.start()
            if self.imap_runner is not None:
                self._server_autosave.start()

    # --- text -------------------------------------------------------------------------------------
    _spell_checker: SpellChecker | None = None
    _spell_checker_loaded = False

    def _attach_spell_checker(self) -> None:
        """French spelling underlined as you type; the dictionary is read once, on a worker."""
        if ComposeForm._spell_checker_loaded:
            self.body.set_spell_checker(ComposeForm._spell_checker)
            return

        def loaded(checker: SpellChecker | None) -> None:
            ComposeForm._spell_checker, ComposeForm._spell_checker_loaded = checker, True
            self.body.set_spell_checker(checker)

        personal = self.context.paths.config_dir / "enchant"
        self.drafts_worker.submit(lambda: load_checker(personal), loaded, self._background_failed)

    def body_parts(self) -> tuple[str, str | None]:
        """(text, html): the HTML part only when there is formatting to carry, and then a text part that
        says the same (list markers, link targets, quote marks written out)."""
        if self.plain_text_only:
            return self.body.toPlainText(), None
        blocks = document_blocks(self.body.document())
        if not is_formatted(blocks):
            return self.body.toPlainText(), None
        return to_plain_text(blocks), to_html(blocks)

    # --- identity -----------------------------------------------------------------------------
    def sender(self) -> Address:  # type: ignore[override]  # not QObject.sender(): the From
        """The display name as typed (accents kept; RFC 2047-encoded in From by core.mime)."""
        return (" ".join(self.name_edit.text().split()), self.account.email)

    def _remember_display_name(self) -> None:
        """The name used to send becomes the setting: proposed once, then the user's own."""
        settings, name = self.context.settings, self.sender()[0]
        if not settings.is_locked("sending.display_name") and name != settings.get("sending.display_name"):
            try:
                settings.set("sending.display_name", name)
            except errors.AcmailError as exc:
                log.ui.info("display name not saved: %s", exc.code)

    # --- addresses ----------------------------------------------------------------------------
    def _validate_field(self, edit: AddressField) -> bool:
        try:
            edit.addresses()
        except (errors.InvalidAddress, errors.HeaderInjection):
            edit.setStyleSheet("border: 1px solid #c62828;")
            edit.setToolTip(self.tr("This address is not valid."))
            return False
        edit.setStyleSheet("")
        edit.setToolTip("")
        return True

    def _collect(self) -> tuple[list[Address], list[Address], list[Address]] | None:
        results = []
        for edit, label in ((self.to_edit, self.tr("To")), (self.cc_edit, self.tr("Cc")),
                            (self.bcc_edit, self.tr("Bcc"))):
            try:
                results.append(edit.addresses())
                self._validate_field(edit)
            except errors.HeaderInjection:
                self._validate_field(edit)
                self._status(self.tr("%1: an address can be read two ways; please retype it.").replace("%1", label))
                edit.setFocus()
                return None
            except errors.InvalidAddress:
                self._validate_field(edit)
                self._status(self.tr("%1: one of the addresses is not valid.").replace("%1", label))
                edit.setFocus()
                return None
        to, cc, bcc = results
        if not (to or cc or bcc):
            self._status(self.tr("Please enter at least one recipient."))
            self.to_edit.setFocus()
            return None
        return to, cc, bcc

    # --- attachments --------------------------------------------------------------------------
    def choose_attachments(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach files"), str(Path.home()))
        self.add_attachments([Path(p) for p in paths])

    def add_attachments(self, paths: list[Path]) -> None:
        for path in paths:
            if path.is_file():
                self.attachments.append(OutgoingAttachment.from_path(path))
        self.reminder_bar.hide()
        self._refresh_attachments()
        self._changed()

    def remove_selected_attachments(self) -> None:
        rows = sorted((self.attachment_list.row(i) for i in self.attachment_list.selectedItems()), reverse=True)
        for row in rows:
            del self.attachments[row]
        self._refresh_attachments()
        self._changed()

    def total_attachment_size(self) -> int:
        return sum(a.size for a in self.attachments)

    def estimated_message_size(self) -> int:
        """Base64 adds a third; the text and headers a little more."""
        return self.total_attachment_size() * 4 // 3 + len(self.body.toPlainText().encode()) + 2048

    def _refresh_attachments(self) -> None:
        self.attachment_list.clear()
        for attachment in self.attachments:
            item = QListWidgetItem(f"{attachment.filename} ({human_size(attachment.size)})")
            item.setToolTip(str(attachment.path or attachment.filename))
            self.attachment_list.addItem(item)
        count = len(self.attachments)
        self.attachment_row.setVisible(count > 0)
        self.attachment_summary.setText(
            self.tr("%n file(s), %1", "", count).replace("%1", human_size(self.total_attachment_size())))
        self._check_size()

    def _check_size(self) -> None:
        over = self.size_limit is not None and self.estimated_message_size() > self.size_limit
        if over:
            first = self.tr("This message (about %1 once encoded) is larger than the %2 the server accepts.")
            self.size_warning.setText(
                first.replace("%1", human_size(self.estimated_message_size()))
                .replace("%2", human_size(self.size_limit or 0))
                + " " + self.tr("Remove attachments or share them another way."))
        self.size_warning.setVisible(over)


    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Files dropped on the text are attached, not pasted as paths."""
        if watched is self.body.viewport() and event.type() in (QEvent.Type.DragEnter, QEvent.Type.Drop):
            mime = event.mimeData()  # type: ignore[attr-defined]
            if mime.hasUrls() and all(u.isLocalFile() for u in mime.urls()):
                if event.type() == QEvent.Type.Drop:
                    self.add_attachments([Path(u.toLocalFile()) for u in mime.urls()])
                event.acceptProposedAction()  # type: ignore[attr-defined]
                return True
        return super().eventFilter(watched, event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and all(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.add_attachments([Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()])
        event.acceptProposedAction()


    def _status(self, text: str) -> None:
        self.status_label.setStyleSheet("")
        self.status_label.setText(text)

    def _background_failed(self, exc: BaseException) -> None:
        log.ui.warning("compose: background task failed: %s", getattr(exc, "code", type(exc).__name__))

