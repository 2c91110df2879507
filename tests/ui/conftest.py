"""GUI fixtures: an AppContext on an isolated profile that trusts the test CA, and a French UI.

The GUI tests run in French, like the users: the compiled acmail_fr.qm is installed on the
QApplication for the whole session (rebuilt first if the .ts is newer, as scripts/bootstrap.sh does).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from acmail_desktop.core.context import AppContext
from acmail_desktop.core.providers import ProviderRegistry
from acmail_desktop.core.secrets import SessionOnlyStore
from acmail_desktop.core.settings import Settings
from acmail_desktop.ui.app import install_translations
from tests.support.catalogue_tables import compile_translations

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"
_compile_translations = compile_translations


@pytest.fixture(scope="session", autouse=True)
def french_translators(qapp: QApplication) -> Iterator[list[QTranslator]]:
    _compile_translations()
    previous_locale = QLocale()
    translators = install_translations(qapp, "fr")
    if QCoreApplication.translate("LoginWindow", "&Sign in") != "&Valider":
        pytest.fail(f"the French translation did not load from {TRANSLATIONS} (run `make setup`)")
    yield translators
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(previous_locale)


@pytest.fixture
def english_ui(qapp: QApplication, french_translators: list[QTranslator]) -> Iterator[None]:
    """The UI as with `general.language = en`: the English source strings, no translator."""
    for translator in french_translators:
        qapp.removeTranslator(translator)
    french_locale = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    try:
        assert install_translations(qapp, "en") == []
        yield
    finally:
        for translator in french_translators:
            qapp.installTranslator(translator)
        QLocale.setDefault(french_locale)


@pytest.fixture
def make_context(app_paths, registry: ProviderRegistry, mail_server):  # type: ignore[no-untyped-def]
    def factory(*, store=None, providers: ProviderRegistry | None = None, academie: str = "local"):  # type: ignore[no-untyped-def]
        settings = Settings(app_paths.settings_file)
        settings.set("account.academie", academie)
        return AppContext(app_paths, settings, providers or registry, store or SessionOnlyStore(),
                          extra_ca_files=[str(mail_server.ca_pem_path)])

    return factory
