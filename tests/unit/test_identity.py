from hypothesis import given
from hypothesis import strategies as st

from acmail_desktop.core.identity import Hint, check_identifiant


def test_trim_and_lowercase() -> None:
    check = check_identifiant("  FDurand ", case="lower")
    assert check.normalised == "fdurand"
    assert Hint.TRIMMED in check.hints and Hint.LOWERCASED in check.hints
    assert not check.blocking


def test_email_typed_instead_of_identifiant() -> None:
    check = check_identifiant("francois.durand@ac-aix-marseille.fr", domains=("ac-aix-marseille.fr",))
    assert Hint.EMAIL_TYPED in check.hints
    assert check.blocking
    assert check.suggestion == "fdurand"


def test_email_of_another_domain() -> None:
    check = check_identifiant("f.durand@gmail.com", domains=("ac-aix-marseille.fr",))
    assert Hint.EMAIL_OTHER_DOMAIN in check.hints and check.blocking


def test_inner_space_and_accents() -> None:
    assert Hint.INNER_SPACE in check_identifiant("f durand").hints
    assert Hint.ACCENTS in check_identifiant("fhélène").hints


def test_empty() -> None:
    assert Hint.EMPTY in check_identifiant("   ").hints


def test_pattern_mismatch() -> None:
    assert Hint.PATTERN_MISMATCH in check_identifiant("1abc", pattern=r"[a-z][a-z0-9.-]+").hints


def test_case_preserved_when_profile_says_so() -> None:
    check = check_identifiant("FDurand", case="preserve")
    assert check.normalised == "FDurand" and Hint.LOWERCASED not in check.hints


@given(st.text())
def test_never_raises(raw: str) -> None:
    check = check_identifiant(raw, pattern=r"[a-z]+", domains=("ac-x.fr",))
    assert "\n" not in check.normalised and check.normalised == check.normalised.strip()
