"""The compose window: new message, reply, reply-all, forward; drafts kept, sending through the outbox.

Everything slow runs on workers: spooling and SMTP on the window's SMTP worker, local drafts on a
drafts worker, the Sent copy and server drafts on the IMAP worker the main window lends us
(`imap_runner`), or on a connection of our own for password accounts. Nothing the user writes is
lost: the local draft is saved (debounced) while typing and stays recoverable until the message is
queued or the draft reached the server's Drafts folder.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
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

from acmail_desktop.core import compose, errors, log
from acmail_desktop.core.account import Account
from acmail_desktop.core.compose import Draft
from acmail_desktop.core.context import AppContext
from acmail_desktop.core.identity import propose_display_name
from acmail_desktop.core.imap.session import ImapSession
from acmail_desktop.core.mime import (
    Address,
    OutgoingAttachment,
    display_address,
    parse_address_list,
    write_message,
)
from acmail_desktop.core.otp import passcode_credential
from acmail_desktop.core.outbox import (
    ACCEPTED,
    FAILED,
    QUEUED,
    SENT_COPY_DONE,
    UNCERTAIN,
    Outbox,
    OutboxEntry,
    OutgoingMessage,
    save_draft_to_server,
)
from acmail_desktop.core.richtext import is_formatted, to_html, to_plain_text
from acmail_desktop.core.spelling import SpellChecker, load_checker
from acmail_desktop.ui.catalogue import describe_error, describe_refusal
from acmail_desktop.ui.outbox import ImapRunner, OutboxRunner
from acmail_desktop.ui.richedit import FormattingBar, RichBodyEdit, document_blocks
from acmail_desktop.ui.tasks import ConnectionWorker

CompletionSource = Callable[[str], list[str]]
AUTOSAVE_DELAY_MS = 1500
SERVER_AUTOSAVE_DELAY_MS = 60_000


def human_size(size: int) -> str:
    """French-style sizes: « 1,2 Mo »."""
    value = float(size)
    for unit in ("o", "Ko", "Mo", "Go"):
        if value < 1024 or unit == "Go":
            text = f"{value:.0f}" if unit == "o" or value >= 100 else f"{value:.1f}".replace(".", ",")
            return f"{text} {unit}"
        value /= 1024
    return f"{size} o"


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
        if self._completion is None or len(token) < 2:
            self._completer.popup().hide()
            return
        candidates = self._completion(token)[:50]
        self._model.setStringList(candidates)
        if candidates:
            self._completer.setCompletionPrefix(token)
            self._completer.complete()
        else:
            self._completer.popup().hide()

    def _insert_completion(self, chosen: str) -> None:
        text = self.text()
        cut = max(text.rfind(",", 0, self.cursorPosition()), text.rfind(";", 0, self.cursorPosition()))
        head = text[: cut + 1] + (" " if cut >= 0 else "")
        self.setText(f"{head}{chosen}, ")

    def addresses(self) -> list[Address]:
        return parse_address_list(self.text())


class ComposeWindow(QMainWindow):
    """One message being written. Build it with `new`, `reply`, `forward` or `restore`."""

    message_queued = Signal(str)           # outbox entry id
    message_sent = Signal(str)             # accepted by the server
    sent_copy_done = Signal(str)
    send_state_changed = Signal(str, str)  # entry id, state
    draft_saved = Signal(str)              # local draft id
    server_draft_saved = Signal(str)       # Message-ID of the server copy

    def __init__(self, context: AppContext, account: Account, draft: Draft, *, outbox: Outbox | None = None,
                 completion: CompletionSource | None = None, imap_runner: ImapRunner | None = None,
                 runner: OutboxRunner | None = None, draft_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.account = account
        self.outbox = runner.outbox if runner is not None else outbox or Outbox(context.paths.data_dir)
        self.runner: OutboxRunner = runner  # type: ignore[assignment]  # set for good by _use_runner
        self._own_runner = False
        self._runner_released = True
        self._sending_id: str | None = None  # the outbox entry this window handed over
        self.imap_runner = imap_runner
        self.completion = completion
        self.draft_id = draft_id
        self.original = draft
        self.attachments: list[OutgoingAttachment] = list(draft.attachments)
        self.size_limit: int | None = None
        self.entry: OutboxEntry | None = None
        self.sending = False
        self._closing_handled = False  # logout already saved or discarded this text
        # The Message-ID of our copy in the server's Drafts (touched on the IMAP worker only).
        self._server_draft: dict[str, str | None] = {"id": draft.server_draft_id}
        self.drafts_worker = ConnectionWorker("drafts", self)
        self.imap_worker: ConnectionWorker | None = None
        self.setObjectName("composeWindow")
        self.setAcceptDrops(True)
        self._build()
        self._fill(draft)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave.timeout.connect(self.save_local_draft)
        # The server copy less often, and only through the main window's IMAP connection.
        self._server_autosave = QTimer(self)
        self._server_autosave.setSingleShot(True)
        self._server_autosave.setInterval(SERVER_AUTOSAVE_DELAY_MS)
        self._server_autosave.timeout.connect(self.save_draft_to_server)
        for field in (self.to_edit, self.cc_edit, self.bcc_edit, self.subject_edit):
            field.textChanged.connect(self._changed)
        self.body.textChanged.connect(self._changed)
        self._use_runner(runner)
        self._attach_spell_checker()

    # --- factories ----------------------------------------------------------------------------
    @classmethod
    def _signature(cls, context: AppContext) -> str:
        return str(context.settings.get("sending.signature") or "").strip("\n")

    @classmethod
    def new(cls, context: AppContext, account: Account, *, to: str = "", **kwargs: Any) -> ComposeWindow:
        signature = cls._signature(context)
        draft = Draft(to=parse_address_list(to) if to else [],
                      body=f"\n\n-- \n{signature}\n" if signature else "")
        return cls(context, account, draft, **kwargs)

    @classmethod
    def reply(cls, context: AppContext, account: Account, original_raw: bytes, reply_all: bool = False,
              *, folder: str | None = None, **kwargs: Any) -> ComposeWindow:
        """`folder` is where the original lives, so it can be marked \\Answered once sent."""
        return cls(context, account, cls.reply_draft(context, account, original_raw, reply_all, folder=folder),
                   **kwargs)

    @classmethod
    def reply_draft(cls, context: AppContext, account: Account, original_raw: bytes, reply_all: bool = False,
                    *, folder: str | None = None) -> compose.Draft:
        """No Qt call: renders the original (HTML included), so callers run it on a worker."""
        return compose.reply(original_raw, own_addresses=[account.email], reply_all=reply_all,
                             signature=cls._signature(context), folder=folder)

    @classmethod
    def forward(cls, context: AppContext, account: Account, original_raw: bytes, as_attachment: bool = False,
                *, folder: str | None = None, **kwargs: Any) -> ComposeWindow:
        return cls(context, account, cls.forward_draft(context, account, original_raw, as_attachment,
                                                       folder=folder), **kwargs)

    @classmethod
    def forward_draft(cls, context: AppContext, account: Account, original_raw: bytes,
                      as_attachment: bool = False, *, folder: str | None = None) -> compose.Draft:
        """No Qt call (see reply_draft)."""
        return compose.forward(original_raw, as_attachment=as_attachment, signature=cls._signature(context),
                               folder=folder)

    @staticmethod
    def draft_from_server(raw: bytes) -> compose.Draft:
        """No Qt call (see reply_draft): a draft of the server's Drafts folder, whoever wrote it."""
        return compose.from_draft(raw)

    @classmethod
    def correct(cls, context: AppContext, account: Account, entry: OutboxEntry, **kwargs: Any) -> ComposeWindow:
        """A message the server refused, reopened from the outbox: the refused addresses are marked, and
        sending the corrected message takes the refused copy out of the outbox."""
        draft = compose.from_draft(entry.read_bytes())
        shown = {a.lower() for _n, a in draft.to + draft.cc}
        draft.bcc = [("", a) for a in entry.recipients if a.lower() not in shown]  # Bcc is in the envelope only
        draft.server_draft_id = entry.server_draft_id
        draft.original_message_id, draft.original_flag = entry.original_message_id, entry.original_flag
        draft.original_folder = entry.original_folder
        window = cls(context, account, draft, **kwargs)
        window.entry = entry
        window._show_refusals(entry)
        return window

    @classmethod
    def restore(cls, context: AppContext, account: Account, draft_id: str, **kwargs: Any) -> ComposeWindow:
        """Reopen a draft left by a crashed run (`outbox.recoverable_drafts()`)."""
        outbox: Outbox = kwargs.pop("outbox", None) or Outbox(context.paths.data_dir)
        record = outbox.adopt_draft(draft_id)
        fields = record.fields
        draft = Draft(subject=fields.get("subject", ""), body=fields.get("body", ""), html=fields.get("html"),
                      in_reply_to=fields.get("in_reply_to"), references=fields.get("references"),
                      original_message_id=fields.get("original_message_id"),
                      original_flag=fields.get("original_flag"), original_folder=fields.get("original_folder"),
                      attachments=_restored_attachments(fields.get("attachments", [])))
        window = cls(context, account, draft, outbox=outbox, draft_id=draft_id, **kwargs)
        window.to_edit.setText(fields.get("to", ""))
        window.cc_edit.setText(fields.get("cc", ""))
        window.bcc_edit.setText(fields.get("bcc", ""))
        window._server_draft["id"] = record.server_message_id
        return window

    # --- widgets ------------------------------------------------------------------------------
    def _build(self) -> None:
        toolbar = QToolBar(self.tr("Compose"))
        toolbar.setObjectName("composeToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.send_action = QAction(self.tr("&Send"), self)
        self.send_action.setShortcut(QKeySequence("Ctrl+Return"))
        self.send_action.triggered.connect(lambda: self.send())
        self.attach_action = QAction(self.tr("&Attach…"), self)
        self.attach_action.setShortcut(QKeySequence("Ctrl+Shift+A"))  # no mouse needed to attach
        self.attach_action.triggered.connect(self.choose_attachments)
        self.save_action = QAction(self.tr("Save &draft"), self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.triggered.connect(self.save_draft_to_server)
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
        self.reminder_send_button.clicked.connect(lambda: self.send(skip_reminder=True))
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
        self.passcode_button.clicked.connect(self._send_with_new_passcode)
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
        if ComposeWindow._spell_checker_loaded:
            self.body.set_spell_checker(ComposeWindow._spell_checker)
            return

        def loaded(checker: SpellChecker | None) -> None:
            ComposeWindow._spell_checker, ComposeWindow._spell_checker_loaded = checker, True
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
    def sender(self) -> Address:
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

    def offer_accounts(self, choices: list[tuple[str, Account, ImapRunner | None]]) -> None:
        """Several accounts signed in: the From address becomes a list of them (issue 21), the
        window's account preselected; choosing another sends from it, through its own connections."""
        if len(choices) < 2 or self.sending:
            return
        combo = QComboBox(self)
        combo.setObjectName("fromAccount")
        combo.setAccessibleName(self.tr("Send from"))
        for title, account, _runner in choices:
            shown = account.email if title in ("", account.email) else f"{title} <{account.email}>"
            combo.addItem(shown, account.identity.key)
        current = combo.findData(self.account.identity.key)
        combo.setCurrentIndex(max(current, 0))
        self.account_choices = choices

        def chosen(index: int) -> None:
            _title, account, runner = self.account_choices[index]
            if account is self.account:
                return
            self.account, self.imap_runner = account, runner
            self.from_label.setText(account.email)
            log.ui.info("compose: sending account changed")
            self._use_runner(None)  # that account's messages go through a runner for it

        combo.currentIndexChanged.connect(chosen)
        self.from_label.parentWidget().layout().replaceWidget(self.from_label, combo)  # type: ignore[union-attr]
        self.from_label.hide()
        self.from_combo = combo

    def _size_limit_known(self, limit: int | None) -> None:
        """The server's SIZE, asked through the account by the runner (once per session)."""
        self.size_limit = limit
        self._check_size()

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

    # --- drafts -------------------------------------------------------------------------------
    def draft_fields(self) -> dict[str, Any]:
        text, formatted = self.body_parts()
        return {"to": self.to_edit.text(), "cc": self.cc_edit.text(), "bcc": self.bcc_edit.text(),
                "subject": self.subject_edit.text(), "body": text, "html": formatted,
                "in_reply_to": self.original.in_reply_to, "references": self.original.references,
                "original_message_id": self.original.original_message_id,
                "original_flag": self.original.original_flag, "original_folder": self.original.original_folder,
                "attachments": [{"path": str(a.path), "filename": a.filename, "content_type": a.content_type}
                                for a in self.attachments if a.path is not None]}

    def _materialize_attachments(self, draft_id: str) -> None:
        """In-memory attachments (a forwarded message) get a file of their own, so a draft keeps them."""
        folder = self.outbox.data_dir / "draft-files" / draft_id
        for index, attachment in enumerate(self.attachments):
            if attachment.path is None and attachment.data is not None:
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
                path = folder / f"{index}-{uuid.uuid4().hex[:8]}"
                path.write_bytes(attachment.data)
                self.attachments[index] = OutgoingAttachment(attachment.filename, attachment.content_type, path=path)

    def save_local_draft(self) -> None:
        """Debounced while typing; on the drafts worker (an fsync'd SQLite transaction)."""
        if self.sending:
            return
        key = self.account.identity.key
        if self.draft_id is None:
            self.draft_id = uuid.uuid4().hex
        draft_id = self.draft_id
        if any(a.path is None for a in self.attachments):
            self._materialize_attachments(draft_id)
        fields = self.draft_fields()
        self.drafts_worker.submit(lambda: self.outbox.save_draft(key, fields, draft_id),
                                  self.draft_saved.emit, self._background_failed)

    def _draft_spec(self) -> dict[str, Any]:
        """The message as plain values (cheap, GUI thread); encoded later on the IMAP worker."""
        to, cc, bcc = (self._lenient(e) for e in (self.to_edit, self.cc_edit, self.bcc_edit))
        text, formatted = self.body_parts()
        return dict(sender=self.sender(), to=to, cc=cc, bcc=bcc, subject=self.subject_edit.text(),
                    body=text, html=formatted, in_reply_to=self.original.in_reply_to,
                    references=self.original.references, attachments=list(self.attachments), bcc_header=True)

    @staticmethod
    def _lenient(edit: AddressField) -> list[Address]:
        try:
            return edit.addresses()
        except (errors.InvalidAddress, errors.HeaderInjection):
            return []

    def save_draft_to_server(self, *, closing: bool = False) -> None:
        """Append to Drafts and delete the previous server copy, on the IMAP worker.

        Saves are serialised on that worker and `_server_draft` is only touched there, so two quick
        saves never leave two copies. When the window is closing, the local draft is dropped once the
        server has the text (it stays recoverable locally if the server could not be reached).
        """
        if not closing:
            self.save_local_draft()
        work = self._server_draft_work(closing=closing)
        if closing:
            self._run_imap(work, lambda _id: None, lambda exc: log.imap.info(
                "draft kept locally only: %s", getattr(exc, "code", type(exc).__name__)))
            return

        def done(saved_id: str) -> None:
            self._status(self.tr("Draft saved."))
            self.server_draft_saved.emit(saved_id)

        def failed(exc: BaseException) -> None:
            self._status(self.tr("The draft could not be saved on the server.") + " "
                         + describe_error(exc, self.account.provider).text)

        self._run_imap(work, done, failed)

    def _server_draft_work(self, *, closing: bool) -> Callable[[ImapSession], str]:
        """The server save as work for an IMAP connection; the text is read now, on the GUI thread."""
        spec, holder, outbox, draft_id = self._draft_spec(), self._server_draft, self.outbox, self.draft_id

        def work(session: ImapSession) -> str:
            out = io.BytesIO()
            message_id, _ = write_message(out, **spec)
            save_draft_to_server(session, out.getvalue(), message_id, holder.get("id"))
            holder["id"] = message_id
            if draft_id:
                if closing:
                    outbox.close_draft(draft_id)
                else:
                    outbox.set_draft_server_id(draft_id, message_id)
            return message_id

        return work

    def server_draft_work(self) -> Callable[[ImapSession], str]:
        """For logout: the draft is written locally now (durable if the server cannot be reached),
        and the returned work puts it in the server's Drafts on the session being closed, then drops
        the local copy. Follow with `close_without_saving()`."""
        self._autosave.stop()
        self._server_autosave.stop()
        self.draft_id = self.draft_id or uuid.uuid4().hex
        if any(a.path is None for a in self.attachments):
            self._materialize_attachments(self.draft_id)
        self.draft_id = self.outbox.save_draft(self.account.identity.key, self.draft_fields(), self.draft_id)
        return self._server_draft_work(closing=True)

    def close_without_saving(self, *, discard_local: bool = False) -> None:
        """Close at logout, the question about this text already answered (saved or discarded)."""
        self._closing_handled = True
        if discard_local and self.draft_id is not None:
            self.outbox.close_draft(self.draft_id)
            self.draft_id = None
        self.close()

    def _run_imap(self, work: Callable[[ImapSession], Any], on_success: Callable[[Any], None],
                  on_failure: Callable[[BaseException], None]) -> None:
        if self.imap_runner is not None:
            self.imap_runner(work, on_success, on_failure)
            return
        if self.imap_worker is None:
            self.imap_worker = ConnectionWorker("imap-compose", self)
        account = self.account

        def own_connection() -> Any:
            with account.imap_connection() as session:
                return work(session)

        self.imap_worker.submit(own_connection, on_success, on_failure)

    # --- sending: handed to the outbox runner, which alone sends and copies --------------------------
    def send(self, skip_reminder: bool = False) -> None:
        if self.sending:
            return
        collected = self._collect()
        if collected is None:
            return
        to, cc, bcc = collected
        if not skip_reminder and compose.needs_attachment_reminder(
                self.body.toPlainText(), self.subject_edit.text(), len(self.attachments)):
            self.reminder_bar.show()
            self._status(self.tr("Attach the file, or choose “Send anyway”."))
            return
        self.reminder_bar.hide()
        if self.size_limit is not None and self.estimated_message_size() > self.size_limit:
            self._status(self.tr("The message is larger than the server accepts."))
            return
        self._set_sending(True)
        self._autosave.stop()
        self._server_autosave.stop()
        self._status(self.tr("Preparing the message…"))
        self._remember_display_name()
        refused = self.entry.id if self.entry is not None and self.entry.state == FAILED else None
        text, formatted = self.body_parts()
        message = OutgoingMessage(
            sender=self.sender(), to=to, cc=cc, bcc=bcc, subject=self.subject_edit.text(), body=text,
            html=formatted, in_reply_to=self.original.in_reply_to, references=self.original.references,
            attachments=list(self.attachments), original_message_id=self.original.original_message_id,
            original_flag=self.original.original_flag, original_folder=self.original.original_folder,
            draft_id=self.draft_id, server_draft_id=self._server_draft["id"], replaces=refused)
        self._sending_id = self.runner.send_new(message)

    def _entry_updated(self, entry: OutboxEntry) -> None:
        """The runner's progress on our message: queued, then sent (or deferred, refused, uncertain),
        then copied to Sent."""
        if entry.id != self._sending_id:
            return
        first = self.entry is None or self.entry.id != entry.id
        self.entry = entry
        if first:
            self.message_queued.emit(entry.id)
        self._show_state(entry)
        if entry.state == ACCEPTED:
            self.message_sent.emit(entry.id)
        elif entry.state in (UNCERTAIN, FAILED):
            self._set_sending(False, keep_disabled=entry.state == UNCERTAIN)
        elif entry.state == SENT_COPY_DONE:
            self.sent_copy_done.emit(entry.id)
            self.close()

    def _sent_copy_postponed(self, entry_id: str, _exc: BaseException) -> None:
        # Sent, but no copy yet: the outbox keeps it `accepted` and the runner finishes later.
        if entry_id == self._sending_id:
            self._status(self.tr("Message sent. The copy in “Sent” will be made later."))

    def _send_failed(self, entry_id: str, exc: BaseException) -> None:
        if entry_id != self._sending_id:
            return
        if isinstance(exc, errors.PassCodeSpent):
            self.passcode_bar.show()
            self.pin_edit.setFocus()
            if isinstance(exc, errors.SmtpSessionExpired):
                self._status(self.tr("The sending connection expired: type your PIN and a new code to send."))
            else:
                self._status(self.tr("Sending needs its own connection and a PassCode works only once: type "
                                     "your PIN and a new code. It will serve for the rest of the session."))
            self.sending = True  # the message is queued; only the new code is missing
            return
        self._set_sending(False)
        if isinstance(exc, errors.HeaderInjection):
            self._status(self.tr("A field contains a line break or an ambiguous address; please correct it."))
            return
        message = describe_error(exc, self.account.provider)
        self._status(f"{message.title} {message.text}")

    def _send_with_new_passcode(self) -> None:
        try:
            credential = passcode_credential(self.account.identity.identifiant, self.pin_edit.text(),
                                             self.code_edit.text())
        except errors.InputError:
            self._status(self.tr("The PIN is 4 to 8 digits and the code 6 digits."))
            return
        self.account.renew_credential(credential)
        self.pin_edit.clear()
        self.code_edit.clear()
        self.passcode_bar.hide()
        if self.entry is not None:
            self._status(self.tr("Sending…"))
            self.runner.send_entry(self.entry.id)
        if self.runner.paused:  # the background pass waited for a code too: this one serves
            self.runner.resume()

    def _show_state(self, entry: OutboxEntry) -> None:
        self.send_state_changed.emit(entry.id, entry.state)
        if entry.state == QUEUED and entry.attempts:
            when = datetime.fromtimestamp(entry.next_attempt_at).strftime("%H:%M")
            self._status(self.tr("The server could not take the message now.") + " "
                         + self.tr("It is in the outbox and will be sent again at %1.").replace("%1", when))
            self._set_sending(False, keep_disabled=True)
            self.close_later()
        elif entry.state == QUEUED:
            self._status(self.tr("Queued."))
        elif entry.state == ACCEPTED:
            self._status(self.tr("Message sent."))
        elif entry.state == SENT_COPY_DONE:
            self._status(self.tr("Message sent and saved in “Sent”."))
        elif entry.state == UNCERTAIN:
            self._status(self.tr("The connection was lost just after sending: the message may have left.") + " "
                         + self.tr("It will not be sent again without your decision (see the outbox)."))
        elif entry.state == FAILED and entry.refusals:
            self._show_refusals(entry)
        elif entry.state == FAILED:
            self._status(self.tr("The server refused the message. Correct it and send again."))

    def _show_refusals(self, entry: OutboxEntry) -> None:
        """Name each refused address with the server's reason, and mark it in its field."""
        lines = [describe_refusal(address, code, text) for address, code, text in entry.refusals]
        lines.append(self.tr("Nothing was sent. Correct or remove the address, then send again."))
        self._status("\n".join(lines))
        self.status_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        first: AddressField | None = None
        for edit in (self.to_edit, self.cc_edit, self.bcc_edit):
            refused = [a for a, _c, _t in entry.refusals if a.lower() in edit.text().lower()]
            if refused:
                edit.setStyleSheet("border: 2px solid #c62828;")
                edit.setToolTip("\n".join(describe_refusal(a, c, t) for a, c, t in entry.refusals if a in refused))
                if first is None:
                    first = edit
                    start = edit.text().lower().find(refused[0].lower())
                    edit.setFocus()
                    edit.setSelection(start, len(refused[0]))

    def close_later(self) -> None:
        """A queued message lives in the outbox: the window may go."""
        QTimer.singleShot(1500, self.close)

    def _set_sending(self, sending: bool, keep_disabled: bool = False) -> None:
        self.sending = sending or keep_disabled
        for widget in (self.to_edit, self.cc_edit, self.bcc_edit, self.subject_edit):
            widget.setReadOnly(self.sending)
        self.body.setReadOnly(self.sending)
        self.formatting_bar.setEnabled(not self.sending and not self.plain_text_only)
        self.send_action.setEnabled(not self.sending)
        self.attach_action.setEnabled(not self.sending)
        self.save_action.setEnabled(not self.sending)  # the text is in the outbox now

    def _status(self, text: str) -> None:
        self.status_label.setStyleSheet("")
        self.status_label.setText(text)

    def _background_failed(self, exc: BaseException) -> None:
        log.ui.warning("compose: background task failed: %s", getattr(exc, "code", type(exc).__name__))

    def _use_runner(self, runner: OutboxRunner | None) -> None:
        """The account's outbox driver sends; a window opened without one (tests), or switched to another
        account, gets a runner of its own, of the same class, stopped when the window closes."""
        self._disconnect_runner()
        self._own_runner = runner is None
        self.runner = runner or OutboxRunner(self.outbox, self.account, imap_runner=self.imap_runner, parent=self)
        self._runner_released = False
        self.runner.entry_updated.connect(self._entry_updated)
        self.runner.send_failed.connect(self._send_failed)
        self.runner.sent_copy_postponed.connect(self._sent_copy_postponed)
        self.runner.size_limit_known.connect(self._size_limit_known)
        self.runner.probe_size_limit()

    def _disconnect_runner(self) -> None:
        """A shared runner outlives the window: it stops talking to it. A runner of our own stops."""
        if self._runner_released:  # closed twice
            return
        self._runner_released = True
        for signal, slot in ((self.runner.entry_updated, self._entry_updated),
                             (self.runner.send_failed, self._send_failed),
                             (self.runner.sent_copy_postponed, self._sent_copy_postponed),
                             (self.runner.size_limit_known, self._size_limit_known)):
            signal.disconnect(slot)
        if self._own_runner:
            self.runner.shutdown()

    # --- closing ------------------------------------------------------------------------------
    def has_content(self) -> bool:
        return bool(self.to_edit.text().strip() or self.subject_edit.text().strip() or self.attachments
                    or self.body.toPlainText().strip() not in ("", self.original.body.strip()))

    def closeEvent(self, event: QCloseEvent) -> None:
        """Unsent text goes to the local draft now, and to the server's Drafts when possible."""
        self._autosave.stop()
        self._server_autosave.stop()
        if self.entry is not None and self.entry.state == FAILED:
            # Refused and not corrected: the text goes back to the drafts below, the refused copy leaves
            # the outbox (one small transaction, like the draft).
            try:
                self.outbox.cancel(self.entry.id)
            except errors.OutboxEntryMissing:
                pass
        if not self.sending and self.has_content() and not self._closing_handled:
            # Closing is the one place we write on the GUI thread: one small transaction, so the
            # draft is on disk before the window is gone.
            self.draft_id = self.draft_id or uuid.uuid4().hex
            if any(a.path is None for a in self.attachments):
                self._materialize_attachments(self.draft_id)
            self.draft_id = self.outbox.save_draft(self.account.identity.key, self.draft_fields(), self.draft_id)
            if self.imap_runner is not None:
                self.save_draft_to_server(closing=True)
        self._disconnect_runner()
        self.drafts_worker.shutdown(wait=True)
        if self.imap_worker is not None:
            self.imap_worker.shutdown()
        super().closeEvent(event)


def restore_drafts(context: AppContext, account: Account, outbox: Outbox, **kwargs: Any) -> list[ComposeWindow]:
    """After a crash: one compose window per draft an earlier run left open (the caller asks first)."""
    return [ComposeWindow.restore(context, account, record.id, outbox=outbox, **kwargs)
            for record in outbox.recoverable_drafts(account.identity.key)]
