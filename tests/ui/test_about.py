import pytest
from PySide6.QtWidgets import QApplication

from acmail_desktop import __version__
from acmail_desktop.ui.about import AboutDialog

pytestmark = pytest.mark.gui


def test_about_lists_licences_paths_and_copies_no_secret(qtbot, app_paths) -> None:  # type: ignore[no-untyped-def]
    dialog = AboutDialog(app_paths, provider_id="aix-marseille", servers="imap.x:993, smtp.x:465",
                         keyring_backend="SecretService")
    qtbot.addWidget(dialog)
    names = {dialog.table.item(r, 0).text(): dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())}
    assert "html2text" in names and "GPL" in names["html2text"]
    assert any(n.lower().startswith("pyside6") for n in names)
    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert f"AcMail {__version__}" in copied and str(app_paths.config_dir) in copied
    assert "aix-marseille" in copied and "SecretService" in copied
