"""Qt's standard dialogs speak French entirely (#19).

qtbase_fr.qm was loaded, yet the file dialog said "Look in:" and "Files of type:": Qt 6 added
mnemonics to those labels ("&Look in:") and the French catalogue has only the old sources. This test
builds each standard dialog AcMail uses twice, without and with the translators, and fails on any
label, button or tooltip that stays the same English text (resources/translations/qt_fixes_fr.ts
then needs it).
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QWidget,
)

SAME_IN_BOTH = {"OK"}


def _dialogs() -> dict[str, QWidget]:
    opening = QFileDialog(None, "x")
    opening.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    saving = QFileDialog(None, "x")
    saving.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    saving.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    box = QMessageBox()
    buttons = QMessageBox.StandardButton
    box.setStandardButtons(buttons.Yes | buttons.No | buttons.Cancel | buttons.Ok | buttons.Save
                           | buttons.Discard | buttons.Close | buttons.Open)
    return {"open": opening, "save": saving, "input": QInputDialog(), "message": box}


def _texts(window: QWidget) -> list[tuple[str, str]]:
    found = []
    for child in window.findChildren(QWidget):
        if isinstance(child, (QLabel, QAbstractButton)) and child.text():
            found.append((f"{type(child).__name__}#{child.objectName()}", child.text()))
        if child.toolTip():
            found.append((f"tooltip of {child.objectName()}", child.toolTip()))
    return found


def test_standard_dialogs_have_no_english_left(qapp: QApplication, french_translators: list[QTranslator]) -> None:
    french = {name: _texts(dialog) for name, dialog in _dialogs().items()}
    for translator in french_translators:
        qapp.removeTranslator(translator)
    locale = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    try:
        english = {name: _texts(dialog) for name, dialog in _dialogs().items()}
    finally:
        for translator in french_translators:
            qapp.installTranslator(translator)
        QLocale.setDefault(locale)
    untranslated = [(name, where, text) for name in english
                    for (where, text), (_w, shown) in zip(english[name], french[name], strict=True)
                    if text == shown and text not in SAME_IN_BOTH and any(c.isalpha() for c in text)]
    assert untranslated == []
