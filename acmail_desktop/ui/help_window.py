"""The *Aide* window: the académie's FAQ answered inside AcMail, searchable and keyboard-driven."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from acmail_desktop.core import setup_export
from acmail_desktop.core.help import HelpTopic, load_topics
from acmail_desktop.core.password_strength import estimate
from acmail_desktop.core.providers import Provider


class HelpWindow(QWidget):
    diagnostics_requested = Signal(str, str)  # provider id, identifiant

    def __init__(self, provider: Provider, identifiant: str = "", email: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.provider, self.identifiant = provider, identifiant
        self.email = email or (f"{identifiant}@{provider.domains[0]}" if identifiant and provider.domains else "")
        self.setObjectName("helpWindow")
        self.setWindowTitle(self.tr("AcMail — Help"))
        self.topics = load_topics("fr")
        self._rendered = {t.id: t.render(provider, identifiant, self.email) for t in self.topics}
        self._build()
        self.topic_list.setCurrentRow(0)
        self.resize(960, 640)  # at most the screen: ui/screen_fit.py

    # --- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search the help"))
        self.search.setAccessibleName(self.tr("Search the help"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.topic_list = QListWidget()
        self.topic_list.setAccessibleName(self.tr("Help topics"))
        self.topic_list.setWordWrap(True)
        for topic in self.topics:
            item = QListWidgetItem(topic.title)
            item.setData(Qt.ItemDataRole.UserRole, topic.id)
            self.topic_list.addItem(item)
        self.topic_list.currentItemChanged.connect(self._show_current)
        self.no_result = QLabel(self.tr("No topic matches this search."))
        self.no_result.hide()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.topic_list, 1)
        left_layout.addWidget(self.no_result)

        self.page = QTextBrowser()
        self.page.setObjectName("helpPage")
        self.page.setOpenExternalLinks(True)
        self.page.setAccessibleName(self.tr("Help page"))
        self.actions_box = QWidget()
        self.actions_layout = QVBoxLayout(self.actions_box)
        self.actions_layout.setContentsMargins(0, 6, 0, 0)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.page, 1)
        right_layout.addWidget(self.actions_box)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        left.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 24)
        splitter.setSizes([300, 660])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self.search.setFocus)
        self.setTabOrder(self.search, self.topic_list)
        self.setTabOrder(self.topic_list, self.page)

    def open_topic(self, topic_id: str) -> None:
        for row in range(self.topic_list.count()):
            item = self.topic_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == topic_id:
                item.setHidden(False)
                self.topic_list.setCurrentRow(row)
                return
        raise KeyError(topic_id)

    @property
    def current_topic(self) -> HelpTopic | None:
        item = self.topic_list.currentItem()
        if item is None:
            return None
        return next(t for t in self.topics if t.id == item.data(Qt.ItemDataRole.UserRole))

    def _filter(self, query: str) -> None:
        first_visible = None
        for row, topic in enumerate(self.topics):
            visible = not query.strip() or topic.matches(query, self._rendered[topic.id])
            self.topic_list.item(row).setHidden(not visible)
            if visible and first_visible is None:
                first_visible = row
        self.no_result.setVisible(first_visible is None)
        if first_visible is not None and (self.topic_list.currentItem() is None
                                          or self.topic_list.currentItem().isHidden()):
            self.topic_list.setCurrentRow(first_visible)

    def _show_current(self) -> None:
        topic = self.current_topic
        if topic is None:
            return
        self.page.setHtml(self._rendered[topic.id])
        while self.actions_layout.count():
            item = self.actions_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                # Detach now: deleteLater alone leaves the old tools painted under the new ones.
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        builder = {
            "premiere-connexion": self._password_tools,
            "mot-de-passe-oublie": self._reset_tools,
            "autres-appareils": self._export_tools,
            "connexion-echoue": self._diagnostics_tools,
            "webmail": self._webmail_tools,
        }.get(topic.id)
        if builder is not None:
            self.actions_layout.addWidget(builder())

    # --- per-topic tools ------------------------------------------------------------------------
    def _row(self, *widgets: QWidget) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            row.addWidget(widget)
        row.addStretch(1)
        return box

    def _url_button(self, text: str, url: str | None) -> QPushButton:
        button = QPushButton(text)
        button.setEnabled(bool(url))
        if url:
            button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl(url)))
        return button

    def _password_tools(self) -> QWidget:
        self.strength_input = QLineEdit()
        self.strength_input.setEchoMode(QLineEdit.EchoMode.Password)
        self.strength_input.setAccessibleName(self.tr("Password to evaluate (never sent or stored)"))
        self.strength_input.setPlaceholderText(self.tr("Type a password to evaluate it"))
        self.strength_bar = QProgressBar()
        self.strength_bar.setRange(0, 4)
        self.strength_bar.setTextVisible(False)
        self.strength_bar.setMaximumWidth(160)
        self.strength_label = QLabel()
        self.strength_label.setObjectName("strengthLabel")
        self.strength_label.setWordWrap(True)
        self.strength_input.setMinimumWidth(260)
        self.strength_input.textChanged.connect(self._update_strength)
        portal = self._url_button(self.tr("Open the password portal"), self.provider.password_change_url)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._row(self.strength_input, self.strength_bar))
        layout.addWidget(self.strength_label)
        layout.addWidget(self._row(portal))
        return box

    def _update_strength(self, password: str) -> None:
        if not password:
            self.strength_bar.setValue(0)
            self.strength_label.setText("")
            return
        strength = estimate(password, identifiant=self.identifiant)
        self.strength_bar.setValue(strength.score)
        labels = [self.tr("very weak"), self.tr("weak"), self.tr("fair"), self.tr("good"), self.tr("strong")]
        advice = {
            "too_short": self.tr("use at least 12 characters"),
            "few_classes": self.tr("mix capitals, digits and signs"),
            "repeats": self.tr("avoid repeated characters"),
            "sequence": self.tr("avoid sequences such as abcd or 1234"),
            "common_word": self.tr("avoid common words"),
            "contains_identifiant": self.tr("do not include your identifiant"),
            "contains_year": self.tr("avoid years and dates"),
        }
        tips = "; ".join(advice[p] for p in strength.problems if p in advice)
        self.strength_label.setText(labels[strength.score] + (f" — {tips}" if tips else ""))

    def _reset_tools(self) -> QWidget:
        return self._row(self._url_button(self.tr("Open the password reset page"),
                                          self.provider.password_reset_url))

    def _export_tools(self) -> QWidget:
        copy = QPushButton(self.tr("Copy the settings"))
        copy.setObjectName("exportCopy")
        copy.clicked.connect(self.copy_settings)
        thunderbird = QPushButton(self.tr("Save for Thunderbird…"))
        thunderbird.setObjectName("exportThunderbird")
        thunderbird.clicked.connect(lambda: self._ask_and_save(self.export_autoconfig, "config-v1.1.xml"))
        apple = QPushButton(self.tr("Save for iPhone, iPad or Mac…"))
        apple.setObjectName("exportApple")
        apple.clicked.connect(lambda: self._ask_and_save(self.export_mobileconfig, "messagerie.mobileconfig"))
        qr = QPushButton(self.tr("Show a QR code"))
        qr.setObjectName("exportQr")
        self.qr_label = QLabel()
        self.qr_label.setObjectName("qrCode")
        self.qr_label.setAccessibleName(self.tr("QR code of the settings"))
        qr.clicked.connect(self.show_qr)
        # Buttons in a 2x2 grid and the QR code beside them: on a 600-pixel-high screen a row of four
        # buttons was wider than the window and the code below them hid the page.
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        for index, button in enumerate((copy, thunderbird, apple, qr)):
            grid.addWidget(button, index // 2, index % 2)
        column = QVBoxLayout()
        column.addLayout(grid)
        column.addStretch(1)
        layout.addLayout(column)
        layout.addWidget(self.qr_label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addStretch(1)
        return box

    def _diagnostics_tools(self) -> QWidget:
        button = QPushButton(self.tr("Run the connection diagnostics"))
        button.setObjectName("runDiagnostics")
        button.clicked.connect(lambda: self.diagnostics_requested.emit(self.provider.id, self.identifiant))
        return self._row(button)

    def _webmail_tools(self) -> QWidget:
        return self._row(self._url_button(self.tr("Open the webmail"), self.provider.webmail_url))

    # --- exports (callable directly, so tests and scripts need no file dialog) -------------------
    def settings_text(self) -> str:
        ident = self.identifiant or self.tr("your identifiant")
        return setup_export.plain_settings(self.provider, ident, self.email or ident).as_text()

    def copy_settings(self) -> None:
        QGuiApplication.clipboard().setText(self.settings_text())

    def export_autoconfig(self, path: Path) -> Path:
        path.write_text(setup_export.thunderbird_autoconfig(self.provider, self.identifiant or None),
                        encoding="utf-8")
        return path

    def export_mobileconfig(self, path: Path) -> Path:
        path.write_bytes(setup_export.apple_mobileconfig(self.provider, self.identifiant or "identifiant",
                                                         self.email or "prenom.nom@" + self.provider.domains[0]))
        return path

    def qr_payload(self) -> str:
        return setup_export.qr_payload(self.provider, self.identifiant or "identifiant", self.email)

    def show_qr(self) -> None:
        pixmap = QPixmap()
        pixmap.loadFromData(setup_export.qr_png(self.qr_payload(), scale=3))
        self.qr_label.setPixmap(pixmap)

    def _ask_and_save(self, export, default_name: str) -> None:  # type: ignore[no-untyped-def]
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the settings"),
                                              str(Path.home() / default_name))
        if path:
            export(Path(path))
