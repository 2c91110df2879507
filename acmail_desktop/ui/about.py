"""The About window: version, licences of what AcMail bundles, where data lives."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from acmail_desktop import __version__
from acmail_desktop.core.about import components, technical_information
from acmail_desktop.core.paths import AppPaths


class AboutDialog(QDialog):
    def __init__(self, paths: AppPaths, *, provider_id: str = "", servers: str = "",
                 keyring_backend: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About AcMail"))
        self._info = technical_information(paths, provider_id=provider_id, servers=servers,
                                           keyring_backend=keyring_backend)
        layout = QVBoxLayout(self)
        title = QLabel(f"<h2>AcMail {__version__}</h2>")
        layout.addWidget(title)
        layout.addWidget(QLabel(self.tr("The mail client for the staff of the French académies. "
                                        "Licensed under the EUPL 1.2.")))
        layout.addWidget(QLabel(self.tr("Bundled components and their licences:")))
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName(self.tr("Bundled components and their licences"))
        self.table.setHorizontalHeaderLabels([self.tr("Component"), self.tr("Version"), self.tr("Licence")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for component in components():
            row = self.table.rowCount()
            self.table.insertRow(row)
            for column, value in enumerate((component.name, component.version, component.licence)):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        where = QLabel(self.tr("Settings: %1\nCache: %2\nData: %3\nLog: %4")
                       .replace("%1", str(paths.config_dir)).replace("%2", str(paths.cache_dir))
                       .replace("%3", str(paths.data_dir)).replace("%4", str(paths.log_file)))
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(where)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy technical information"))
        self.copy_button.clicked.connect(self.copy_information)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 480)

    @property
    def information(self) -> str:
        return self._info

    def copy_information(self) -> None:
        QGuiApplication.clipboard().setText(self._info)
