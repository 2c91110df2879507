"""The main window driven with the keyboard only, as a person used to a mail client would (#19).

Real keys (QTest) on the real widgets over the real Dovecot: Tab goes pane to pane, Home/End and
PageDown move between messages, Delete and Move leave the next message selected, Space pages the
message then goes to the next unread, and the pane holding the focus is visibly outlined.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from acmail_desktop.core.rows import SEEN
from acmail_desktop.ui.focus import install_focus_style
from tests.support.seed import seed_demo_mailbox
from tests.ui.mailbox_support import close_main, open_main, row_uids

pytestmark = [pytest.mark.gui, pytest.mark.integration]


def _press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(widget, key, modifier)


def _focused(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    widget.activateWindow()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus, timeout=2000)


def test_keyboard_moves_like_a_mail_client(qtbot, qapp, make_context, make_account, mail_server) -> None:  # type: ignore[no-untyped-def]
    install_focus_style(qapp)
    acc = make_account("kbd")
    seed_demo_mailbox(mail_server, acc.identifiant)
    window = open_main(qtbot, make_context(), acc)
    try:
        window.resize(1000, 560)
        qtbot.waitExposed(window)
        view, model = window.message_view, window.message_model
        count = model.rowCount()
        assert count == 40

        # Tab leaves the list for the reader (not the next cell), Shift+Tab comes back.
        _focused(qtbot, view)
        view.setCurrentIndex(model.index(3, 4))
        _press(qtbot, view, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is window.reader.body
        assert view.currentIndex().row() == 3
        _press(qtbot, QApplication.focusWidget(), Qt.Key.Key_Backtab)
        assert QApplication.focusWidget() is view
        # From the folder tree, Tab reaches the list within the filter bar's few fields.
        _focused(qtbot, window.folder_view)
        for _ in range(6):
            if QApplication.focusWidget() is view:
                break
            _press(qtbot, QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is view

        # The pane with the focus has a highlight border; the one without has none.
        highlight = view.palette().color(QPalette.ColorRole.Highlight)
        edge = view.grab().toImage().pixelColor(view.width() // 2, 0)
        assert _close(edge, highlight), (edge.name(), highlight.name())
        reader_edge = window.reader.body.grab().toImage().pixelColor(window.reader.body.width() // 2, 0)
        assert not _close(reader_edge, highlight)

        # Tabbing into a list with nothing selected, then Home: the first message is selected.
        view.clearSelection()
        view.setCurrentIndex(model.index(0, 0))
        view.clearSelection()
        assert not view.selectionModel().hasSelection()
        _press(qtbot, view, Qt.Key.Key_Home)
        assert window.selected_uids() == [row_uids(window)[0]]
        # Home / End / PageDown / Up move between messages, not columns.
        _press(qtbot, view, Qt.Key.Key_End)
        assert view.currentIndex().row() == count - 1
        _press(qtbot, view, Qt.Key.Key_Home)
        assert view.currentIndex().row() == 0
        _press(qtbot, view, Qt.Key.Key_PageDown)
        assert view.currentIndex().row() > 1
        _press(qtbot, view, Qt.Key.Key_Home)
        _press(qtbot, view, Qt.Key.Key_Down)
        _press(qtbot, view, Qt.Key.Key_Down)
        assert view.currentIndex().row() == 2 and window.selected_uids() == [row_uids(window)[2]]

        # Delete: the next message is selected (and shown).
        uids = row_uids(window)
        with qtbot.waitSignal(window.operation_done, timeout=15000):
            _press(qtbot, view, Qt.Key.Key_Delete)
        assert window.selected_uids() == [uids[3]]
        qtbot.waitUntil(lambda: window.reader.uid == uids[3], timeout=5000)
        # Move (the last message): the one above it is selected.
        _press(qtbot, view, Qt.Key.Key_End)
        uids = row_uids(window)
        archive = window.folder_model.folder_by_use("\\Archive")
        with qtbot.waitSignal(window.operation_done, timeout=15000):
            window.message_actions.move_messages(window.current_folder, [uids[-1]], archive)
        assert window.selected_uids() == [uids[-2]]

        # Space: pages a long message, then goes to the next unread one below.
        uids = row_uids(window)
        unread_rows = [r for r in range(model.rowCount()) if not int(model.row_info(r)["flags"]) & SEEN]
        assert len(unread_rows) >= 2
        start = unread_rows[0]
        window.context.settings.set("privacy.mark_read_delay_s", -1)
        window.select_uid(uids[start])
        qtbot.waitUntil(lambda: window.reader.uid == uids[start], timeout=5000)
        body = window.reader.body
        body.setPlainText("\n".join(f"line {n}" for n in range(400)))
        bar = body.verticalScrollBar()
        assert bar.value() == 0 and bar.maximum() > 0
        _press(qtbot, view, Qt.Key.Key_Space)
        assert bar.value() > 0 and window.reader.uid == uids[start]
        for _ in range(200):
            if bar.value() == bar.maximum():
                break
            _press(qtbot, view, Qt.Key.Key_Space)
        _press(qtbot, view, Qt.Key.Key_Space)
        nxt = unread_rows[1]
        assert window.selected_uids() == [uids[nxt]]
        qtbot.waitUntil(lambda: window.reader.uid == uids[nxt], timeout=5000)
    finally:
        close_main(qtbot, window)


def _close(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 40


def test_first_run_assistant_hands_the_keyboard_on(qtbot, make_context) -> None:  # type: ignore[no-untyped-def]
    from acmail_desktop.ui.first_run import FirstRunWizard
    from acmail_desktop.ui.login import LoginWindow

    context = make_context()
    login = LoginWindow(context)
    qtbot.addWidget(login)
    login.show()
    qtbot.waitExposed(login)
    wizard = FirstRunWizard(context, login)
    wizard.open()
    qtbot.waitExposed(wizard)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.academie, timeout=2000)
    wizard.next()  # Suivant: the cursor is in the identifiant field, ready to type
    assert QApplication.focusWidget() is wizard.identifiant
    qtbot.keyClicks(QApplication.focusWidget(), "fdurand")
    assert wizard.identifiant.text() == "fdurand"
    wizard.next()
    assert QApplication.focusWidget() is wizard.password
    wizard.mode_passcode.setChecked(True)
    wizard.back()
    wizard.next()
    assert QApplication.focusWidget() is wizard.pin
    # Closing the assistant (Annuler): the login window under it has the keyboard at once.
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=2000)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is login, timeout=2000)
    assert QApplication.focusWidget() is login.identifiant


def test_a_field_focused_for_the_user_shows_its_focus(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    """Fusion drew a focus only after a Tab key press: the assistant's académie list, focused for
    the user, looked exactly like an unfocused one."""
    from PySide6.QtWidgets import QComboBox, QPushButton, QVBoxLayout, QWidget

    install_focus_style(qapp)
    window = QWidget()
    layout = QVBoxLayout(window)
    combo, other = QComboBox(), QPushButton("Suivant")
    combo.addItems(["Académie d'Aix-Marseille", "Académie d'Amiens"])
    layout.addWidget(combo)
    layout.addWidget(other)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    other.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(other.hasFocus, timeout=2000)
    unfocused = combo.grab().toImage()
    combo.setFocus(Qt.FocusReason.OtherFocusReason)  # as the assistant does, no key pressed
    qtbot.waitUntil(combo.hasFocus, timeout=2000)
    focused = combo.grab().toImage()
    assert focused != unfocused
