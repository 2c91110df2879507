"""Every window fits a small screen with its key actions visible (#19).

Two screens schools have: a 1024x600 netbook and a 1366x768 laptop at 125 % scaling (QT_SCALE_FACTOR
1.25: 1093x614 logical pixels). A desktop panel (32 px) and the window manager's frame (`DECORATION`)
come off. Each window is opened as the app opens it, fitted to that area (`fit_to_screen`), laid out,
then measured: its frame must fit, its minimum size must fit (else the window manager would push it
off screen), and the buttons a person needs must be inside it, not clipped or in an overflow menu.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget

from acmail_desktop.ui import screen_fit
from acmail_desktop.ui.screen_fit import DECORATION, install_screen_fit

PANEL = 32
SCREENS = {
    "1024x600": QRect(0, 0, 1024, 600 - PANEL),
    "1366x768@125%": QRect(0, 0, int(1366 / 1.25), int((768 - PANEL) / 1.25)),
}


@pytest.fixture(params=sorted(SCREENS))
def area(request: pytest.FixtureRequest) -> QRect:
    return SCREENS[request.param]


def assert_fits(window: QWidget, area: QRect) -> None:
    QApplication.processEvents()
    room = area.size() - DECORATION
    hint = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert hint.width() <= room.width() and hint.height() <= room.height(), (
        f"{window.objectName()} needs at least {hint.width()}x{hint.height()}, the screen leaves "
        f"{room.width()}x{room.height()}")
    assert window.width() <= room.width() and window.height() <= room.height(), (
        f"{window.objectName()} opened at {window.width()}x{window.height()} on {room.width()}x{room.height()}")


def assert_visible_inside(window: QWidget, *widgets: QWidget) -> None:
    """Each widget shown, its whole rectangle inside the window and inside every ancestor."""
    for widget in widgets:
        assert widget.isVisible(), f"{widget.objectName() or widget.text()} is hidden"  # type: ignore[attr-defined]
        rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        assert window.rect().contains(rect), f"{widget.objectName()} at {rect} outside {window.rect()}"
        parent = widget.parentWidget()
        while parent is not None and parent is not window:
            inner = QRect(widget.mapTo(parent, QPoint(0, 0)), widget.size())
            assert parent.rect().contains(inner) or not parent.isVisible(), (
                f"{widget.objectName()} clipped by {parent.objectName() or type(parent).__name__}")
            parent = parent.parentWidget()


@pytest.fixture(autouse=True)
def screen(qapp, area: QRect, monkeypatch: pytest.MonkeyPatch) -> QRect:  # type: ignore[no-untyped-def]
    """The application as started (its screen fitter), on a screen whose free area is `area`."""
    install_screen_fit(qapp)
    monkeypatch.setattr(screen_fit, "available_area", lambda _widget: area)
    return area


def shown(qtbot, window: QWidget) -> QWidget:  # type: ignore[no-untyped-def]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_help_window_fits(qtbot, area: QRect) -> None:  # type: ignore[no-untyped-def]
    from acmail_desktop.core.providers import bundled_providers_dir, load_providers
    from acmail_desktop.ui.help_window import HelpWindow

    provider = load_providers([bundled_providers_dir()]).get("aix-marseille")
    window = shown(qtbot, HelpWindow(provider, "fdurand", "francois.durand@ac-aix-marseille.fr"))
    assert_fits(window, area)
    window.open_topic("autres-appareils")
    QApplication.processEvents()
    buttons = [b for b in window.findChildren(QWidget) if b.objectName().startswith("export")]
    assert len(buttons) == 4, "the set-up export buttons"
    assert_visible_inside(window, *buttons)
    window.show_qr()
    QApplication.processEvents()
    assert_fits(window, area)
    assert_visible_inside(window, *buttons, window.qr_label)
    assert window.page.viewport().height() >= 5 * window.page.fontMetrics().lineSpacing()


def _grab(window: QWidget, name: str) -> None:
    """ACMAIL_SHOTS=/some/dir keeps what each window looks like at each size, for a person to look at."""
    import os

    if os.environ.get("ACMAIL_SHOTS"):
        window.grab().save(os.path.join(os.environ["ACMAIL_SHOTS"], f"{name}.png"))


def test_dialogs_fit(qtbot, area: QRect, make_context, app_paths) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialogButtonBox

    from acmail_desktop.core.secrets import SessionOnlyStore
    from acmail_desktop.ui.about import AboutDialog
    from acmail_desktop.ui.diagnostics_wizard import DiagnosticsWizard
    from acmail_desktop.ui.discovery_dialog import DiscoveryDialog
    from acmail_desktop.ui.first_run import FirstRunWizard
    from acmail_desktop.ui.login import LoginWindow
    from acmail_desktop.ui.session_control import PassCodeDialog
    from acmail_desktop.ui.settings_dialog import SettingsDialog
    from acmail_desktop.ui.totp import TotpEnrolDialog

    context = make_context()
    windows: dict[str, QWidget] = {
        "login": LoginWindow(context),
        "first-run": FirstRunWizard(context),
        "settings": SettingsDialog(context),
        "diagnostics": DiagnosticsWizard(context, "local", "fdurand"),
        "about": AboutDialog(app_paths, provider_id="local", servers="imap.x:993, smtp.x:465",
                             keyring_backend="SecretService"),
        "discovery": DiscoveryDialog(context),
        "totp": TotpEnrolDialog(SessionOnlyStore(), "local", "fdurand"),
        "passcode": PassCodeDialog("fdurand"),
    }
    for name, window in windows.items():
        shown(qtbot, window)
        assert_fits(window, area)
        boxes = [b for b in window.findChildren(QDialogButtonBox) if b.isVisible()]
        assert_visible_inside(window, *[button for box in boxes for button in box.buttons() if button.isVisible()])
        _grab(window, f"{name}-{area.width()}")
        window.close()


@pytest.mark.integration
def test_main_window_reader_and_compose_fit(qtbot, area: QRect, make_context, make_account,  # type: ignore[no-untyped-def]
                                            mail_server) -> None:
    from acmail_desktop.ui.models.messages import COLUMNS
    from acmail_desktop.ui.roles import Roles
    from tests.support.seed import seed_demo_mailbox
    from tests.ui.mailbox_support import close_main, open_main

    acc = make_account("small")
    seed_demo_mailbox(mail_server, acc.identifiant)
    window = open_main(qtbot, make_context(), acc)
    try:
        qtbot.waitExposed(window)
        assert_fits(window, area)
        logout = window.toolbar.widgetForAction(window.logout_action)
        assert_visible_inside(window, logout, window.statusBar(), window.online_label, window.filter_edit)
        header = window.message_view.horizontalHeader()
        date = COLUMNS.index("date")
        assert header.sectionViewportPosition(date) + header.sectionSize(date) <= header.viewport().width(), (
            "the Date column is cut")
        # A message with attachments: they collapse to a bar and the text keeps 10 lines at least.
        model = window.message_model
        row = next(r for r in range(model.rowCount())
                   if model.index(r, COLUMNS.index("attachment")).data(Roles.SortKey))
        with qtbot.waitSignal(window.message_shown, timeout=15000):
            window.select_uid(model.uid_at(row))
        reader = window.reader
        QApplication.processEvents()
        assert reader.attachments_frame.isVisible()
        lines = reader.body.viewport().height() // reader.body.fontMetrics().lineSpacing()
        _grab(window, f"main-{area.width()}")
        assert lines >= 10, f"the message text shows {lines} lines"
        assert_visible_inside(window, reader.open_button, reader.save_button, reader.attachment_list)
        _grab(window, f"main-{area.width()}")

        compose = window.composer.compose_new()
        qtbot.waitExposed(compose)
        assert_fits(compose, area)
        compose.reminder_bar.show()
        compose.status_label.setText("Erreur : le serveur d'envoi ne répond pas.")
        compose.status_label.show()
        QApplication.processEvents()
        assert_visible_inside(compose, compose.send_button, compose.reminder_send_button,
                              compose.reminder_attach_button, compose.status_label)
        assert compose.body.viewport().height() >= 5 * compose.body.fontMetrics().lineSpacing()
        _grab(compose, f"compose-{area.width()}")
        compose.close()
    finally:
        close_main(qtbot, window)


def test_dialog_titles_are_not_cut(qtbot, area: QRect) -> None:  # type: ignore[no-untyped-def]
    """A small input dialog was narrower than its title: the window manager showed "Nouve…dossier"."""
    from PySide6.QtWidgets import QInputDialog

    from acmail_desktop.ui.screen_fit import title_width

    dialog = QInputDialog()
    dialog.setWindowTitle("Nouveau dossier dans « Classes de sixième »")
    dialog.setLabelText("Nom :")
    shown(qtbot, dialog)
    assert dialog.width() >= title_width(dialog)
    assert_fits(dialog, area)
