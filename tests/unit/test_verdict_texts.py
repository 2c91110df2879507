"""Each diagnostics verdict code shows its own French title and next step in `acmail-diagnose`.

The CLI path: the verdict's texts come from the one catalogue (core/catalogue.py) translated by the
CLI's QTranslator over the compiled .qm, without a display or a QApplication. The pinned table is
shared with the wizard's test (tests/ui/test_error_texts_french.py).
"""

from __future__ import annotations

import pytest

from acmail_desktop import cli
from acmail_desktop.core.catalogue import Translate
from acmail_desktop.core.diagnostics.verdicts import CODES, make
from acmail_desktop.core.providers import Provider, bundled_providers_dir, load_providers
from tests.support.catalogue_tables import VERDICTS, compile_translations


@pytest.fixture(scope="module")
def aix() -> Provider:
    return load_providers([bundled_providers_dir()]).get("aix-marseille")


@pytest.fixture(scope="module")
def french() -> Translate:
    compile_translations()
    return cli.french()


def test_the_table_covers_every_code() -> None:
    assert set(VERDICTS) == set(CODES)


@pytest.mark.parametrize("code", CODES)
def test_each_code_shows_its_own_title_and_next_step(code: str, aix: Provider, french: Translate) -> None:
    title, step = VERDICTS[code]
    verdict = make(code, aix, None, french)
    assert verdict.code == code
    assert verdict.title == title
    assert step in verdict.action, (code, verdict.action)


def test_no_two_codes_share_a_title_unless_they_are_one_case() -> None:
    """Two codes with one title would be one case to the user: then they should be one code."""
    titles = [title for title, _step in VERDICTS.values()]
    assert len(set(titles)) == len(titles)


def test_the_support_contact_reads_as_french_inside_the_next_step(aix: Provider, french: Translate) -> None:
    action = make("server_unavailable", aix, None, french).action
    assert "appelez l'assistance (Centre de services Verdon, 04 42 91 70 00" in action
    assert "%1" not in action and "%2" not in action


def test_a_lock_with_its_duration_says_how_long(aix: Provider, french: Translate) -> None:
    from acmail_desktop.core.diagnostics.model import Check, Status

    check = Check("auth", "Authentification", Status.FAIL, "bloqué", "[ALERT] Réessayez dans 15 minutes",
                  code="account_locked")
    assert "N'essayez plus pendant 15 minutes" in make("account_locked", aix, check, french).action
