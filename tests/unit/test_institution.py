"""Académie impersonation (issue 14): the institution's words from outside its domains, and the
Authentication-Results verdict of the user's own server only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from acmail_desktop.core import errors
from acmail_desktop.core.authresults import signature_verdict
from acmail_desktop.core.institution import InstitutionRules, urls_in
from acmail_desktop.core.providers import (
    bundled_providers_dir,
    load_providers,
    parse_provider_bytes,
    to_profile_xml,
)

REGISTRY = load_providers([bundled_providers_dir()])
AIX = REGISTRY.get("aix-marseille")
RULES = InstitutionRules.for_provider(AIX, REGISTRY)


@pytest.mark.parametrize(("name", "address", "subject", "word"), [
    ("Rectorat", "rectorat@evil.example", "Bulletin de salaire", "Rectorat"),
    ("RECTORAT AIX-MARSEILLE", "info@gmail.com", "", "Rectorat"),
    ("Service Informatique", "helpdesk@evil.example", "Votre compte", "Service informatique"),
    ("", "noreply@evil.example", "Messagerie academique : votre boîte est pleine", "Messagerie académique"),
    ("Support", "x@evil.example", "MINISTERE DE L’EDUCATION – mise à jour", "Ministère de l'Éducation"),
    ("Centre de services Verdon", "verdon@evil.example", "Ticket", "Centre de services Verdon"),
    ("Equipe", "x@evil.example", "Verdon : réinitialisez votre mot de passe", "Verdon"),
    ("La DSDEN 13", "dsden13@ac-aix-marseille.fr.evil.example", "", "DSDEN"),
    ("Equipe", "x@evil.example", "R\u0435\u0441torat : prime exceptionnelle", "Rectorat"),  # Cyrillic е, с
    ("S\u0435rvice inf\u03bfrmatique", "x@evil.example", "", "Service informatique"),   # Cyrillic е, Greek ο
])
def test_institution_words_from_outside_are_flagged(name: str, address: str, subject: str, word: str) -> None:
    assert RULES.impersonation(name, address, subject) == word


@pytest.mark.parametrize(("name", "address", "subject"), [
    ("Rectorat", "ce.rectorat@ac-aix-marseille.fr", "Bulletin de salaire"),
    ("DSDEN des Bouches-du-Rhône", "dsden13@dsden13.ac-aix-marseille.fr", ""),
    ("Rectorat de Paris", "recteur@ac-paris.fr", ""),                     # another académie
    ("Ministère de l'Éducation", "communication@education.gouv.fr", ""),   # the ministry
    ("Élodie Martin", "elodie.martin@gmail.com", "Réunion des parents"),   # not institutional
    ("Pierre", "p@evil.example", "Inspections de sécurité du bâtiment"),  # "Inspections" is not "Inspection"
])
def test_institution_and_ordinary_messages_are_not_flagged(name: str, address: str, subject: str) -> None:
    assert RULES.impersonation(name, address, subject) is None


def test_words_and_domains_are_data_in_every_shipped_profile() -> None:
    for provider in REGISTRY.providers.values():
        assert "Rectorat" in provider.institution_words and provider.display_name in provider.institution_words
        assert "education.gouv.fr" in provider.institution_domains
    assert "Verdon" in AIX.institution_words
    # Every académie's domain is trusted from any académie's point of view.
    assert RULES.trusts("x@ac-lille.fr") and RULES.trusts("x@ac-normandie.fr") and not RULES.trusts("x@ac.fr")


def test_a_discovered_profile_never_makes_its_domain_trusted(tmp_path: Path) -> None:
    other = parse_provider_bytes(to_profile_xml(REGISTRY.get("lyon")).replace("ac-lyon.fr", "evil.example")
                                 .replace('id="lyon"', 'id="evil"').encode(), tmp_path / "evil.xml")
    assert other.institution_words == ()
    registry = load_providers([bundled_providers_dir()])
    registry.providers[other.id] = other
    rules = InstitutionRules.for_provider(AIX, registry)
    assert not rules.trusts("rectorat@evil.example")
    assert rules.impersonation("Rectorat", "rectorat@evil.example", "") == "Rectorat"
    # The discovered account's own rules have no words: nothing is flagged for it.
    assert InstitutionRules.for_provider(other, registry).impersonation("Rectorat", "a@b.example", "") is None


def test_links_outside_the_institution() -> None:
    links = ["https://messagerie.ac-aix-marseille.fr/login", "https://evil.example/login?u=1",
             "mailto:dsi@ac-aix-marseille.fr", "mailto:collecte@phish.test", "https://www.education.gouv.fr/"]
    text = "Connectez-vous sur www.ac-aix-marseille.fr.verify-account.test/now ou https://evil.example/x."
    assert RULES.outside_hosts(urls_in(text, links)) == [
        "evil.example", "phish.test", "www.ac-aix-marseille.fr.verify-account.test"]


@pytest.mark.parametrize(("element", "message"), [
    ("<acmail:institution><acmail:name> </acmail:name></acmail:institution>", "acmail:name is empty"),
    ("<acmail:institution><acmail:domain>pas un domaine</acmail:domain></acmail:institution>",
     "invalid institution domain"),
    ("<acmail:institution><acmail:mot>Rectorat</acmail:mot></acmail:institution>", "unknown element mot"),
    ('<acmail:authenticationResults authservId="a b;c"/>', "authservId must be host names"),
    ("<acmail:authenticationResults/>", "has no authservId"),
])
def test_profile_errors_in_the_new_elements(tmp_path: Path, element: str, message: str) -> None:
    text = (bundled_providers_dir() / "aix-marseille.xml").read_text(encoding="utf-8")
    text = re.sub(r"\s*<acmail:institution>.*</acmail:institution>", "", text, flags=re.S)
    text = text.replace("  </emailProvider>", f"    {element}\n  </emailProvider>")
    with pytest.raises(errors.ProviderFileError) as caught:
        parse_provider_bytes(text.encode(), tmp_path / "x.xml")
    assert message in str(caught.value)


# --- Authentication-Results -----------------------------------------------------------------------
OURS = frozenset({"mx.ac-aix-marseille.fr"})


def _message(*results: str, sender: str = "rectorat@ac-aix-marseille.fr") -> bytes:
    headers = "".join(f"Authentication-Results: {r}\r\n" for r in results)
    return (headers + "Received: from mail.example by mx.ac-aix-marseille.fr\r\n"
            f"From: Rectorat <{sender}>\r\nSubject: s\r\n\r\nb\r\n").encode()


def test_topmost_header_of_our_server_verifies_the_from_domain() -> None:
    verdict = signature_verdict(_message(
        "mx.ac-aix-marseille.fr; dkim=pass header.d=ac-aix-marseille.fr header.s=s1; spf=pass "
        "smtp.mailfrom=ac-aix-marseille.fr; dmarc=pass (p=quarantine) header.from=ac-aix-marseille.fr"),
        "rectorat@ac-aix-marseille.fr", OURS)
    assert verdict is not None and verdict.verified and verdict.domain == "ac-aix-marseille.fr"
    assert verdict.authserv_id == "mx.ac-aix-marseille.fr" and "dmarc=pass" in verdict.results
    # DKIM of a parent domain is aligned; DMARC alone is enough; a folded header is read whole.
    assert signature_verdict(_message("mx.ac-aix-marseille.fr;\r\n\tdkim=pass header.d=ac-aix-marseille.fr"),
                             "x@dsden13.ac-aix-marseille.fr", OURS).verified  # type: ignore[union-attr]
    assert signature_verdict(_message("mx.ac-aix-marseille.fr; dmarc=pass header.from=ac-aix-marseille.fr"),
                             "x@ac-aix-marseille.fr", OURS).verified  # type: ignore[union-attr]


def test_a_forged_header_lower_down_is_ignored() -> None:
    raw = _message("mx.ac-aix-marseille.fr; dkim=none; spf=fail smtp.mailfrom=evil.example; dmarc=fail "
                   "header.from=ac-aix-marseille.fr",
                   "mx.ac-aix-marseille.fr; dkim=pass header.d=ac-aix-marseille.fr; dmarc=pass "
                   "header.from=ac-aix-marseille.fr")
    verdict = signature_verdict(raw, "rectorat@ac-aix-marseille.fr", OURS)
    assert verdict is not None and not verdict.verified and "dmarc=fail" in verdict.results


def test_a_topmost_header_from_another_server_is_ignored() -> None:
    raw = _message("mx.evil.example; dkim=pass header.d=ac-aix-marseille.fr; dmarc=pass "
                   "header.from=ac-aix-marseille.fr",
                   "mx.ac-aix-marseille.fr; dkim=pass header.d=ac-aix-marseille.fr")
    verdict = signature_verdict(raw, "rectorat@ac-aix-marseille.fr", OURS)
    assert verdict is not None and not verdict.verified and verdict.authserv_id == ""


@pytest.mark.parametrize("result", [
    "mx.ac-aix-marseille.fr; dkim=pass header.d=evil.example",                # signed by someone else
    "mx.ac-aix-marseille.fr; dkim=pass header.d=marseille.fr",                 # not a parent domain
    "mx.ac-aix-marseille.fr; spf=pass smtp.mailfrom=ac-aix-marseille.fr",      # SPF is the envelope only
    "mx.ac-aix-marseille.fr; dmarc=pass header.from=evil.example",
    "mx.ac-aix-marseille.fr; none",
    "mx.ac-aix-marseille.fr; dkim",                                            # malformed
    "",
])
def test_anything_else_is_not_verified(result: str) -> None:
    verdict = signature_verdict(_message(result), "rectorat@ac-aix-marseille.fr", OURS)
    assert verdict is not None and not verdict.verified


def test_no_authserv_id_in_the_profile_shows_nothing() -> None:
    raw = _message("mx.ac-aix-marseille.fr; dkim=pass header.d=ac-aix-marseille.fr")
    assert signature_verdict(raw, "rectorat@ac-aix-marseille.fr", frozenset()) is None


@settings(max_examples=300)
@given(st.text(max_size=200))
def test_any_header_gives_a_verdict_never_an_exception(value: str) -> None:
    raw = b"Authentication-Results: mx.ac-aix-marseille.fr; " + value.encode("utf-8", "surrogatepass") \
        + b"\r\nFrom: a@ac-aix-marseille.fr\r\n\r\nb"
    verdict = signature_verdict(raw, "a@ac-aix-marseille.fr", OURS)
    assert verdict is not None
