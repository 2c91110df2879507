"""The troubleshooting wizard: asks only what it needs, runs the core checks in a worker, shows each
check turning green/orange/red live, and ends on the verdict with the action and a redacted report.

The checks run in a `BackgroundWorker`; their progress callback runs in that worker thread and only
emits a signal, which Qt queues to the GUI thread. The window never waits on the network.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from acmail_desktop.core import log
from acmail_desktop.core.app_password import SecretShape, secret_shape
from acmail_desktop.core.context import AppContext
from acmail_desktop.core.diagnostics import (
    Check,
    DiagnosticsConfig,
    DiagnosticsRun,
    ProgressEvent,
    Report,
    Status,
    render_text,
)
from acmail_desktop.core.diagnostics.probes import Resolver, system_resolver
from acmail_desktop.core.otp import Secret
from acmail_desktop.core.providers import Provider
from acmail_desktop.core.smtp_choice import provider_for_account
from acmail_desktop.ui.tasks import BackgroundWorker


def seconds_text(seconds: float) -> str:
    """A duration in the user's language ("0,1" in French: QLocale, not Python's point)."""
    return QLocale().toString(float(seconds), "f", 1)


COLORS = {"ok": "#2e7d32", "warn": "#e65100", "fail": "#c62828", "skipped": "#9e9e9e", "running": "#1565c0",
          "waiting": "#d0d0d0"}


def _dot(color: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(color))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class _ProgressBridge(QObject):
    """Carries progress events from the worker thread to the GUI thread (queued signal)."""

    progressed = Signal(object)


class DiagnosticsWizard(QWizard):
    """Three pages: what to test, the live checks, the verdict."""

    run_started = Signal()
    check_finished = Signal(object)  # Check
    run_finished = Signal(object)  # Report

    PAGE_INPUT, PAGE_RUN, PAGE_VERDICT = 0, 1, 2

    def __init__(self, context: AppContext, provider_id: str = "", identifiant: str = "",
                 parent: QWidget | None = None, *, resolver: Resolver = system_resolver,
                 now: Callable[[], float] | None = None, step_timeout: float = 5.0) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("diagnosticsWizard")
        self.setWindowTitle(self.tr("AcMail — Connection diagnostics"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Close"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Close"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Back"))
        self.resize(760, 560)
        self._resolver = resolver
        self._now = now
        self._step_timeout = step_timeout
        self._worker = BackgroundWorker("diagnostics", self)
        self._bridge = _ProgressBridge(self)
        self._bridge.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._run: DiagnosticsRun | None = None
        self._secret: Secret | None = None
        self.report: Report | None = None
        self.running = False
        self._rows: dict[str, QTreeWidgetItem] = {}
        self._checks: dict[str, Check] = {}
        self._build_input_page(provider_id, identifiant)
        self._build_run_page()
        self._build_verdict_page()
        self.currentIdChanged.connect(self._page_changed)
        self.rejected.connect(self._shutdown)
        self.finished.connect(self._shutdown)

    # --- page 1: what to test ------------------------------------------------------------------
    def _build_input_page(self, provider_id: str, identifiant: str) -> None:
        page = QWizardPage()
        page.setTitle(self.tr("What should be tested?"))
        page.setSubTitle(self.tr("The diagnostics check the network, the servers of your académie and, "
                                 "if you agree, your password. Nothing is sent anywhere else."))
        form = QFormLayout(page)
        self.academie = QComboBox()
        self.academie.setAccessibleName(self.tr("Académie"))
        for provider in self.context.providers.sorted():
            self.academie.addItem(provider.display_name, provider.id)
        index = self.academie.findData(provider_id) if provider_id else -1
        if index < 0:
            index = self.academie.findData(self.context.settings.get("account.academie"))
        self.academie.setCurrentIndex(max(index, 0))
        form.addRow(self.tr("&Académie:"), self.academie)
        self.servers_label = QLabel()
        self.servers_label.setStyleSheet("color: palette(mid); font-size: 9pt;")
        self.servers_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("", self.servers_label)
        self.identifiant = QLineEdit(identifiant)
        self.identifiant.setAccessibleName(self.tr("Identifiant"))
        self.identifiant.setPlaceholderText(self.tr("e.g. fdurand"))
        form.addRow(self.tr("&Identifiant:"), self.identifiant)
        self._identifiant_label = cast(QLabel, form.labelForField(self.identifiant))  # addRow made a QLabel
        self.test_auth = QCheckBox(self.tr("Also &test my password"))
        form.addRow("", self.test_auth)
        self.auth_warning = QLabel(self.tr("One login attempt will be made. It counts like a failed login "
                                           "if the password is wrong: after several failures the account "
                                           "is locked."))
        self.auth_warning.setWordWrap(True)
        self.auth_warning.setStyleSheet("color: #8a4b00;")
        form.addRow("", self.auth_warning)
        mode_row = QHBoxLayout()
        self.mode_password = QRadioButton(self.tr("Pass&word"))
        self.mode_passcode = QRadioButton(self.tr("&PassCode OTP (PIN + code)"))
        self.mode_password.setChecked(True)
        self._modes = QButtonGroup(self)
        self._modes.addButton(self.mode_password)
        self._modes.addButton(self.mode_passcode)
        mode_row.addWidget(self.mode_password)
        mode_row.addWidget(self.mode_passcode)
        mode_row.addStretch(1)
        self.mode_widget = QWidget()
        self.mode_widget.setLayout(mode_row)
        mode_row.setContentsMargins(0, 0, 0, 0)
        form.addRow("", self.mode_widget)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName(self.tr("Password or PassCode"))
        form.addRow(self.tr("Pass&word:"), self.secret)
        self._secret_label = cast(QLabel, form.labelForField(self.secret))
        # The national messagerie: does what is typed look like a generated application password or
        # like a usual password? Said as it is typed; the value goes nowhere (core/app_password.py).
        self.secret_shape_hint = QLabel()
        self.secret_shape_hint.setObjectName("secretShapeHint")
        self.secret_shape_hint.setWordWrap(True)
        self.secret_shape_hint.setStyleSheet("color: #8a4b00;")
        form.addRow("", self.secret_shape_hint)
        self.secret.textChanged.connect(self._secret_shape_changed)
        self.send_test = QCheckBox(self.tr("&Send myself a test message"))
        form.addRow("", self.send_test)
        self.test_auth.toggled.connect(self._auth_toggled)
        self.academie.currentIndexChanged.connect(self._academie_changed)
        self._auth_toggled(False)
        self._academie_changed()
        self.addPage(page)

    def _auth_toggled(self, checked: bool) -> None:
        for widget in (self.auth_warning, self.mode_widget, self.secret, self.send_test, self._secret_label):
            widget.setVisible(checked)
        self.mode_widget.setVisible(checked and not self.provider.is_national)
        self._secret_shape_changed()

    @property
    def provider(self) -> Provider:
        return self.context.providers.get(self.academie.currentData())

    def _academie_changed(self) -> None:
        p = self.provider
        self.servers_label.setText(self.tr("IMAP %1:%2 · SMTP %3:%4").replace("%1", p.imap.hostname)
                                   .replace("%2", str(p.imap.port)).replace("%3", p.smtp.hostname)
                                   .replace("%4", str(p.smtp.port)))
        self.mode_passcode.setChecked(p.otp_kind == "passcode" and self.mode_passcode.isChecked())
        national = p.is_national
        self._identifiant_label.setText(self.tr("&Email address:") if national else self.tr("&Identifiant:"))
        self.identifiant.setPlaceholderText(self.tr("e.g. firstname.lastname@ac-reunion.fr") if national
                                            else self.tr("e.g. fdurand"))
        self._secret_label.setText(self.tr("Application pass&word:") if national else self.tr("Pass&word:"))
        if national:
            self.mode_password.setChecked(True)
        self.mode_widget.setVisible(self.test_auth.isChecked() and not national)
        self._secret_shape_changed()

    def _secret_shape_changed(self) -> None:
        shape = secret_shape(self.secret.text()) if self.provider.is_national and self.test_auth.isChecked() \
            else SecretShape.UNKNOWN
        if shape is SecretShape.USUAL:
            text = self.tr("This looks like a usual password (chosen by a person), not like an application "
                           "password generated by the webmail: the national messagerie will refuse it.")
        elif shape is SecretShape.GENERATED:
            text = self.tr("This looks like a generated application password.")
        else:
            text = ""
        self.secret_shape_hint.setText(text)
        self.secret_shape_hint.setVisible(bool(text))

    # --- page 2: the checks, live --------------------------------------------------------------
    def _build_run_page(self) -> None:
        page = _RunPage(self)
        page.setTitle(self.tr("Checking the connection"))
        layout = QVBoxLayout(page)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        layout.addWidget(self.progress)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.rows = QTreeWidget()
        self.rows.setObjectName("diagnosticsRows")
        self.rows.setColumnCount(2)
        self.rows.setHeaderLabels([self.tr("Check"), self.tr("Result")])
        self.rows.setRootIsDecorated(False)
        self.rows.setUniformRowHeights(True)
        self.rows.setAlternatingRowColors(True)
        self.rows.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.rows.header().setStretchLastSection(True)
        self.rows.currentItemChanged.connect(self._show_detail)
        self.rows.itemClicked.connect(self._row_picked)
        self._user_picked = self._shown_failure = False
        splitter.addWidget(self.rows)
        self.detail = QPlainTextEdit()
        self.detail.setObjectName("diagnosticsDetail")
        self.detail.setReadOnly(True)
        self.detail.setPlaceholderText(self.tr("Select a check to see what was sent and received."))
        font = self.detail.font()
        font.setFamily("monospace")
        font.setStyleHint(font.StyleHint.Monospace)
        font.setPointSize(max(font.pointSize() - 1, 8))
        self.detail.setFont(font)
        splitter.addWidget(self.detail)
        splitter.setSizes([300, 160])
        layout.addWidget(splitter, 1)
        buttons = QHBoxLayout()
        self.status_label = QLabel()
        buttons.addWidget(self.status_label, 1)
        self.rerun_button = QPushButton(self.tr("&Run again"))
        self.cancel_button = QPushButton(self.tr("&Cancel"))
        self.rerun_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        buttons.addWidget(self.rerun_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self.addPage(page)

    def _page_changed(self, page_id: int) -> None:
        if page_id == self.PAGE_INPUT and self.running:
            self.cancel()  # going back to change the inputs stops the run in progress
        if page_id == self.PAGE_RUN and not self.running and self.report is None:
            self.start()
        if page_id == self.PAGE_VERDICT:
            self._fill_verdict()

    def start(self) -> None:
        """Run the checks in the worker; every previous result is cleared."""
        if self.running:
            return
        provider = provider_for_account(self.context.settings, self.provider, self.identifiant.text())
        test_auth = self.test_auth.isChecked() and bool(self.secret.text())
        self._secret = Secret(self.secret.text()) if test_auth else None
        config = DiagnosticsConfig(
            provider=provider, ssl_context=self.context.ssl_context(), identifiant=self.identifiant.text(),
            secret=self._secret, secret_kind="passcode" if self.mode_passcode.isChecked() else "password",
            test_auth=test_auth, send_test=test_auth and self.send_test.isChecked(),
            step_timeout=self._step_timeout, resolver=self._resolver, translate=QCoreApplication.translate)
        if self._now is not None:
            config.now = self._now
        run = DiagnosticsRun(config, self._emit_progress)
        self._run, self.report, self.running = run, None, True
        self._rows.clear()
        self._checks.clear()
        self._user_picked = self._shown_failure = False
        self.rows.clear()
        self.detail.clear()
        for spec in run.specs():
            item = QTreeWidgetItem([spec.title, self.tr("Waiting")])
            item.setIcon(0, _dot(COLORS["waiting"]))
            item.setData(0, Qt.ItemDataRole.UserRole, spec.id)
            item.setData(1, Qt.ItemDataRole.UserRole, "waiting")
            self.rows.addTopLevelItem(item)
            self._rows[spec.id] = item
        self.progress.setRange(0, len(self._rows))
        self.progress.setValue(0)
        self.status_label.setText(self.tr("Checking…"))
        self.rerun_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.page(self.PAGE_RUN).completeChanged.emit()
        log.diag.info("wizard: diagnostics started for %s", provider.id)
        self.run_started.emit()
        self._worker.submit(run.execute, self._finished, self._failed)

    def _emit_progress(self, event: ProgressEvent) -> None:
        """Runs in the worker thread: only a signal emission, queued to the GUI thread."""
        try:
            self._bridge.progressed.emit(event)
        except RuntimeError:  # the wizard was closed and deleted while the run ended
            pass

    def cancel(self) -> None:
        if self._run is not None and self.running:
            self.cancel_button.setEnabled(False)
            self.status_label.setText(self.tr("Cancelling…"))
            self._run.cancel()

    def _on_progress(self, event: ProgressEvent) -> None:
        if event.kind != "finished" and not self.running:
            return
        item = self._rows.get(event.check_id)
        if item is None:
            return
        if event.kind == "started":
            item.setIcon(0, _dot(COLORS["running"]))
            item.setText(1, self.tr("In progress…"))
            item.setData(1, Qt.ItemDataRole.UserRole, "running")
            return
        check = event.result
        assert check is not None
        self._checks[check.id] = check
        item.setIcon(0, _dot(COLORS[str(check.status)]))
        item.setText(1, check.summary)
        item.setData(1, Qt.ItemDataRole.UserRole, str(check.status))
        item.setToolTip(1, check.summary)
        color = QColor(COLORS[str(check.status)]) if check.status is not Status.SKIPPED else QColor("#6b6b6b")
        item.setForeground(1, color)
        self.progress.setValue(event.index + 1)
        if check.status is Status.FAIL and not self._user_picked and not self._shown_failure:
            self._shown_failure = True  # the first failure is what the user needs to read
            self.rows.setCurrentItem(item)
            self._show_detail(item)
        elif self.rows.currentItem() is item:
            self._show_detail(item)
        self.check_finished.emit(check)

    def _row_picked(self, _item: QTreeWidgetItem) -> None:
        self._user_picked = True

    def _show_detail(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            self.detail.clear()
            return
        check = self._checks.get(item.data(0, Qt.ItemDataRole.UserRole))
        if check is None:
            self.detail.setPlainText(item.text(0))
            return
        parts = [f"{check.title} — {check.summary}"]
        if check.remedy:
            parts.append(self.tr("What to do: %1").replace("%1", check.remedy))
        if check.detail:
            parts.append("")
            parts.append(self._scrub(check.detail))
        parts.append("")
        parts.append(self.tr("Duration: %1 ms").replace("%1", str(round(check.duration * 1000))))
        self.detail.setPlainText("\n".join(parts))

    def _scrub(self, text: str) -> str:
        text = log.redactor.redact(text)
        if self._secret and self._secret.reveal():
            text = text.replace(self._secret.reveal(), log.MASK)
        return text

    def _finished(self, report: Report) -> None:
        self.running = False
        self.report = report
        self.rerun_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        assert report.verdict is not None
        self.status_label.setText(self.tr("Done in %1 s: %2").replace("%1", seconds_text(report.duration))
                                  .replace("%2", report.verdict.title))
        # A second attempt must be the user's decision: never retry a refused or one-time secret.
        auth = next((c for c in report.checks if c.id == "auth"), None)
        if self.mode_passcode.isChecked() or (auth is not None and auth.status is Status.FAIL):
            self.secret.clear()
            self.test_auth.setChecked(False)
        self.page(self.PAGE_RUN).completeChanged.emit()
        self.run_finished.emit(report)
        log.diag.info("wizard: verdict %s", report.verdict.code)

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self.rerun_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.status_label.setText(self.tr("The diagnostics stopped unexpectedly (%1).")
                                  .replace("%1", type(error).__name__))
        log.diag.error("wizard: diagnostics crashed: %s", type(error).__name__)
        self.page(self.PAGE_RUN).completeChanged.emit()

    # --- page 3: the verdict ---------------------------------------------------------------------
    def _build_verdict_page(self) -> None:
        page = QWizardPage()
        page.setTitle(self.tr("Result"))
        layout = QVBoxLayout(page)
        self.verdict_title = QLabel()
        self.verdict_title.setObjectName("verdictTitle")
        self.verdict_title.setWordWrap(True)
        title_font = self.verdict_title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.6)
        title_font.setBold(True)
        self.verdict_title.setFont(title_font)
        layout.addWidget(self.verdict_title)
        self.verdict_code = QLabel()
        self.verdict_code.setObjectName("verdictCode")
        self.verdict_code.setStyleSheet("color: palette(mid); font-size: 9pt;")
        self.verdict_code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.verdict_code)
        self.verdict_text = QLabel()
        self.verdict_text.setWordWrap(True)
        layout.addWidget(self.verdict_text)
        self.action_title = QLabel(self.tr("What to do"))
        self.action_title.setStyleSheet("font-weight: 600; margin-top: 8px;")
        layout.addWidget(self.action_title)
        self.verdict_action = QLabel()
        self.verdict_action.setObjectName("verdictAction")
        self.verdict_action.setWordWrap(True)
        self.verdict_action.setTextFormat(Qt.TextFormat.RichText)
        self.verdict_action.setOpenExternalLinks(True)
        self.verdict_action.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        action_box = QFrame()
        action_box.setObjectName("verdictActionBox")
        action_box.setStyleSheet("#verdictActionBox { background: palette(alternate-base); "
                                 "border: 1px solid palette(mid); border-radius: 4px; }")
        action_layout = QVBoxLayout(action_box)
        action_layout.setContentsMargins(10, 8, 10, 8)
        action_layout.addWidget(self.verdict_action)
        layout.addWidget(action_box)
        self.attention_title = QLabel(self.tr("Checks that need attention"))
        self.attention_title.setStyleSheet("font-weight: 600; margin-top: 8px;")
        layout.addWidget(self.attention_title)
        self.attention = QLabel()
        self.attention.setObjectName("verdictAttention")
        self.attention.setWordWrap(True)
        self.attention.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.attention)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setStyleSheet("color: palette(mid);")
        layout.addWidget(self.summary_label)
        layout.addStretch(1)
        report_box = QHBoxLayout()
        self.unmask = QCheckBox(self.tr("Show my identifiant in the report"))
        report_box.addWidget(self.unmask)
        report_box.addStretch(1)
        self.copy_button = QPushButton(self.tr("&Copy the report"))
        self.save_button = QPushButton(self.tr("&Save the report…"))
        self.copy_button.clicked.connect(self.copy_report)
        self.save_button.clicked.connect(self._ask_save)
        report_box.addWidget(self.copy_button)
        report_box.addWidget(self.save_button)
        layout.addLayout(report_box)
        self.report_note = QLabel(self.tr("The report never contains your password or PassCode."))
        self.report_note.setStyleSheet("color: palette(mid); font-size: 9pt;")
        layout.addWidget(self.report_note)
        self.addPage(page)

    def _fill_verdict(self) -> None:
        report = self.report
        if report is None or report.verdict is None:
            return
        verdict = report.verdict
        color = COLORS["ok"] if verdict.code in ("ok", "ok_without_login") else (
            COLORS["warn"] if report.worst is Status.WARN or verdict.code == "cancelled" else COLORS["fail"])
        self.verdict_title.setText(verdict.title)
        self.verdict_title.setStyleSheet(f"color: {color};")
        self.verdict_code.setText(self.tr("Code: %1").replace("%1", verdict.code))
        self.verdict_text.setText(verdict.explanation)
        self.verdict_action.setText(_linkify(verdict.action))
        flagged = [c for c in report.checks if c.status in (Status.FAIL, Status.WARN)]
        self.attention.setText("<br>".join(
            f"<span style='color:{COLORS[str(c.status)]}'>●</span> <b>{_html(c.title)}</b> : {_html(c.summary)}"
            for c in flagged[:6]))
        self.attention_title.setVisible(bool(flagged))
        self.attention.setVisible(bool(flagged))
        counts = {s: sum(1 for c in report.checks if c.status is s) for s in Status}
        self.summary_label.setText(
            self.tr("%1 checks OK, %2 warnings, %3 failures, %4 not run (%5 s).")
            .replace("%1", str(counts[Status.OK])).replace("%2", str(counts[Status.WARN]))
            .replace("%3", str(counts[Status.FAIL])).replace("%4", str(counts[Status.SKIPPED]))
            .replace("%5", seconds_text(report.duration)))

    def report_text(self) -> str:
        """The redacted text report, as copied or saved."""
        if self.report is None:
            return ""
        secrets = [self._secret.reveal()] if self._secret else []
        return render_text(self.report, unmask=self.unmask.isChecked(), secrets=secrets,
                           translate=QCoreApplication.translate)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text())
        self.report_note.setText(self.tr("Report copied: paste it in your message to the support centre."))

    def _ask_save(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the report"),
                                              str(Path.home() / "diagnostic-acmail.txt"),
                                              self.tr("Text files (*.txt)"))
        if name:
            self.save_report(Path(name))

    def save_report(self, path: Path) -> None:
        path.write_text(self.report_text(), encoding="utf-8")
        self.report_note.setText(self.tr("Report saved to %1.").replace("%1", str(path)))

    def _shutdown(self, *_args: Any) -> None:
        if self._run is not None and self.running:
            self._run.cancel()
        self._worker.shutdown(wait=False)


class _RunPage(QWizardPage):
    """Complete (Next enabled) only once the run has ended."""

    def __init__(self, wizard: DiagnosticsWizard) -> None:
        super().__init__()
        self._wizard = wizard

    def isComplete(self) -> bool:
        return self._wizard.report is not None and not self._wizard.running


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _linkify(text: str) -> str:
    import re

    escaped = _html(text)
    return re.sub(r"(https://[^\s)]+)", r"<a href='\1'>\1</a>", escaped)


def open_diagnostics_wizard(context: AppContext, provider_id: str, identifiant: str,
                            parent: QWidget | None = None) -> DiagnosticsWizard:
    """Entry point for the login screen, the Aide menu and a failed login (ui/app.py connects it)."""
    wizard = DiagnosticsWizard(context, provider_id, identifiant, parent)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    wizard.show()
    return wizard
