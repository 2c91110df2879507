"""Application start-up: logging, translations, context, then the login window."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from acmail_desktop import APP_NAME, __version__
from acmail_desktop.core import log
from acmail_desktop.core.paths import AppPaths, resources_dir
from acmail_desktop.ui.context import AppContext
from acmail_desktop.ui.login import LoginResult, LoginWindow
from acmail_desktop.ui.main_window import MainWindow


def install_translations(app: QApplication, language: str) -> list[QTranslator]:
    """French by default; `system` follows the locale; `en` is the untranslated source."""
    if language == "system":
        language = "fr" if QLocale.system().language() == QLocale.Language.French else "en"
    if language != "fr":
        return []
    translators = []
    ours = QTranslator(app)
    qm = resources_dir() / "translations" / "acmail_fr.qm"
    if ours.load(str(qm)):
        app.installTranslator(ours)
        translators.append(ours)
    else:
        log.ui.warning("French translation not found at %s (run `make setup`)", qm)
    qt = QTranslator(app)
    if qt.load("qtbase_fr", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        translators.append(qt)
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    return translators


class Controller:
    """Switches between the login window and the main window for one account."""

    def __init__(self, context: AppContext) -> None:
        self.context = context
        self.login_window: LoginWindow | None = None
        self.main_window: MainWindow | None = None

    def show_login(self) -> LoginWindow:
        self.login_window = LoginWindow(self.context)
        self.login_window.login_succeeded.connect(self._logged_in)
        self.login_window.show()
        return self.login_window

    def _logged_in(self, result: LoginResult) -> None:
        self.main_window = MainWindow(self.context, result)
        self.main_window.logged_out.connect(self._logged_out)
        self.main_window.show()
        if self.login_window is not None:
            self.login_window.hide()

    def _logged_out(self) -> None:
        self.main_window = None
        if self.login_window is not None:
            self.login_window.show()


def run(args: argparse.Namespace) -> int:
    paths = AppPaths.default(args.base_dir).ensure()
    log.setup_logging(paths.log_file, debug=args.debug, json_format=args.log_json,
                      to_stderr=args.log_stderr)
    log.ui.info("AcMail %s starting (profile %s)", __version__, paths.config_dir)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    context = AppContext.create(paths, use_keyring=not args.no_keyring)
    context.extra_ca_files.extend(str(Path(p)) for p in args.ca_file)
    install_translations(app, context.settings.get("general.language"))
    for problem in context.providers.problems:
        log.ui.warning("profile file skipped: %s:%s: %s", problem.path, problem.line, problem.message)
    controller = Controller(context)
    window = controller.show_login()
    log.ui.info("login window shown")
    if args.screenshot:
        from PySide6.QtCore import QTimer

        def grab() -> None:
            window.grab().save(args.screenshot)
            app.quit()

        QTimer.singleShot(300, grab)
    return app.exec()


def main() -> int:
    from acmail_desktop.__main__ import main as entry

    return entry()
