"""`make docs`: render the real windows offscreen, in French, into docs/images/ for the user guide.

Starts the local demo mail server (so the main window shows a real, seeded mailbox), drives each
window the way a user would, and saves PNGs. Run as root (the private Dovecot needs it).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QElapsedTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from acmail_desktop.core.context import AppContext  # noqa: E402
from acmail_desktop.core.paths import AppPaths  # noqa: E402
from acmail_desktop.core.providers import bundled_providers_dir, load_providers  # noqa: E402
from acmail_desktop.core.secrets import SessionOnlyStore  # noqa: E402
from acmail_desktop.core.settings import Settings  # noqa: E402
from acmail_desktop.ui.app import install_translations  # noqa: E402
from tests.support.mailserver import MailServer  # noqa: E402
from tests.support.seed import newsletter_message, seed_demo_mailbox  # noqa: E402

OUT = ROOT / "docs" / "images"


def wait_for(condition: Callable[[], bool], timeout_ms: int = 20000) -> None:
    timer = QElapsedTimer()
    timer.start()
    while not condition():
        if timer.elapsed() > timeout_ms:
            raise TimeoutError("the window never reached the expected state")
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents()


def settle(ms: int = 300) -> None:
    timer = QElapsedTimer()
    timer.start()
    while timer.elapsed() < ms:
        QCoreApplication.processEvents()


def shot(widget: QWidget, name: str) -> None:
    widget.show()
    settle()
    path = OUT / name
    widget.grab().save(str(path))
    print(f"  {path.relative_to(ROOT)}")


def context_for(base: Path, server: MailServer, providers_dir: Path, academie: str) -> AppContext:
    paths = AppPaths.from_base(base).ensure()
    settings = Settings(paths.settings_file)
    settings.set("account.academie", academie)
    registry = load_providers([bundled_providers_dir(), providers_dir])
    return AppContext(paths, settings, registry, SessionOnlyStore(), extra_ca_files=[str(server.ca_pem_path)])


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_translations(app, "fr")
    from acmail_desktop.ui.first_run import FirstRunWizard
    from acmail_desktop.ui.help_window import HelpWindow
    from acmail_desktop.ui.login import LoginWindow
    from acmail_desktop.ui.settings_dialog import SettingsDialog

    with tempfile.TemporaryDirectory(prefix="acmail-docs-") as scratch, MailServer() as server:
        base = Path(scratch)
        server.add_account("demo", "demo-acmail", "demo@acmail.test", "1234", "JBSWY3DPEHPK3PXPACMAILDEMO234567")
        server.add_account("bloque", "bloque-acmail", "bloque@acmail.test")
        server.set_locked("bloque", True)
        seed_demo_mailbox(server, "demo")
        providers_dir = base / "providers"
        server.write_provider_file(providers_dir)
        print("Writing screenshots:")

        aix = context_for(base / "aix", server, providers_dir, "aix-marseille")
        login = LoginWindow(aix)
        login.identifiant.setText("fdurand")
        shot(login, "connexion.png")
        login.mode_passcode.setChecked(True)
        shot(login, "connexion-passcode.png")
        login.close()

        local = context_for(base / "local", server, providers_dir, "local")
        locked = LoginWindow(local)
        locked.identifiant.setText("bloque")
        locked.password.setText("bloque-acmail")
        locked.show()
        locked.submit()
        wait_for(lambda: locked.error_frame.isVisible() and not locked.busy)
        shot(locked, "connexion-compte-bloque.png")
        locked.close()

        wizard = FirstRunWizard(aix)
        wizard.show()
        settle()
        wizard.next()
        wizard.identifiant.setText("francois.durand@ac-aix-marseille.fr")
        shot(wizard, "premiere-utilisation.png")
        wizard.close()

        help_window = HelpWindow(aix.providers.get("aix-marseille"), "fdurand",
                                 "francois.durand@ac-aix-marseille.fr")
        help_window.open_topic("autres-appareils")
        shot(help_window, "aide.png")
        help_window.close()

        settings = SettingsDialog(aix)
        shot(settings, "reglages.png")
        settings.close()

        shoot_mailbox(local, server)
        shoot_diagnostics(local)
    return 0


def shoot_mailbox(context: AppContext, server: MailServer) -> None:
    """Log in to the demo mailbox for real, then the main window and the compose window."""
    from acmail_desktop.ui.compose import ComposeWindow
    from acmail_desktop.ui.login import LoginWindow
    from acmail_desktop.ui.main_window import MainWindow

    server.deliver("demo", newsletter_message("demo@acmail.test", logo_png=_logo_png()))
    login = LoginWindow(context)
    login.identifiant.setText("demo")
    login.password.setText("demo-acmail")
    results: list[object] = []
    login.login_succeeded.connect(results.append)
    login.show()
    login.submit()
    wait_for(lambda: bool(results))
    window = MainWindow(context, results[0])  # type: ignore[arg-type]
    window.resize(1280, 800)
    window.show()
    wait_for(lambda: window.message_model.rowCount() > 10)
    model = window.message_model
    html_row = next((r for r in range(model.rowCount())
                     if "ENSAP" in str(model.index(r, 4).data())), 0)
    shown: list[int] = []
    window.message_shown.connect(shown.append)
    window.message_view.selectRow(html_row)
    wait_for(lambda: bool(shown))
    settle(500)
    shot(window, "fenetre-principale.png")
    shoot_newsletter(window)
    account = results[0].account  # type: ignore[attr-defined]
    raw = next(p.read_bytes() for p in sorted((server.maildir("demo") / "new").iterdir())
               + sorted((server.maildir("demo") / "cur").iterdir())
               if b"Conseil de classe" in p.read_bytes())
    compose = ComposeWindow.reply(context, account, raw)
    compose.resize(900, 640)
    shot(compose, "redaction.png")
    compose.close()
    window.close()


def _logo_png() -> bytes:
    """A small Marianne-blue square logo, made here (no image file shipped for the demo)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage, QPainter

    image = QImage(96, 96, QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.fillRect(8, 8, 26, 80, QColor("#000091"))
    painter.fillRect(62, 8, 26, 80, QColor("#e1000f"))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def shoot_newsletter(window: Any) -> None:
    """The newsletter, formatted, in the light then the dark theme (HTML mail keeps its page)."""
    from PySide6.QtWidgets import QApplication

    from acmail_desktop.ui.theme import apply_theme

    model = window.message_model
    row = next(r for r in range(model.rowCount()) if "lettre du rectorat" in str(model.index(r, 4).data()))
    shown: list[int] = []
    window.message_shown.connect(shown.append)
    window.message_view.selectRow(row)
    wait_for(lambda: bool(shown) and window.reader.body.complete)
    window.right_splitter.setSizes([180, 620])
    app = QApplication.instance()
    apply_theme(app, "light")
    settle(500)
    shot(window, "lettre-html-clair.png")
    apply_theme(app, "dark")
    settle(500)
    shot(window, "lettre-html-sombre.png")
    apply_theme(app, "system")
    settle(200)


def shoot_diagnostics(context: AppContext) -> None:
    from acmail_desktop.ui.diagnostics_wizard import DiagnosticsWizard

    wizard = DiagnosticsWizard(context, "local", "demo")
    finished: list[object] = []
    wizard.run_finished.connect(finished.append)
    wizard.show()
    wizard.next()
    wait_for(lambda: bool(finished), 30000)
    wizard.next()
    shot(wizard, "diagnostic-verdict.png")
    wizard.close()


if __name__ == "__main__":
    sys.exit(main())
