"""Académie profiles: the bundled files, the schema checks and the loader's override rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acmail_desktop.core.errors import ProviderFileError, UnknownProvider
from acmail_desktop.core.providers import (
    Provider,
    ServerSettings,
    bundled_providers_dir,
    load_providers,
    parse_provider,
    parse_provider_bytes,
    to_autoconfig_xml,
)

BUNDLED = bundled_providers_dir()
BUNDLED_FILES = sorted(BUNDLED.glob("*.xml"))
NATIONAL_FILE = BUNDLED / "nationale.xml"
ACADEMY_FILES = [p for p in BUNDLED_FILES if p != NATIONAL_FILE]
ACADEMIES = {
    "aix-marseille", "amiens", "besancon", "bordeaux", "clermont-ferrand", "corse", "creteil", "dijon",
    "grenoble", "guadeloupe", "guyane", "lille", "limoges", "lyon", "martinique", "mayotte", "montpellier",
    "nancy-metz", "nantes", "nice", "normandie", "orleans-tours", "paris", "poitiers", "reims", "rennes",
    "reunion", "strasbourg", "toulouse", "versailles",
}  # fmt: skip
SERVER_FIELDS = ("hostname", "port", "security", "username_template", "authentication")

MINIMAL = """<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1" xmlns:acmail="urn:acmail:provider:1">
  <emailProvider id="ac-test.fr">
    <domain>ac-test.fr</domain>
    <displayName>Académie de Test</displayName>
    <incomingServer type="imap">
      <hostname>imap.ac-test.fr</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%IDENTIFIANT%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.ac-test.fr</hostname>
      <port>587</port>
      <socketType>STARTTLS</socketType>
      <username>%IDENTIFIANT%</username>
    </outgoingServer>
    <acmail:academie id="test"/>
  </emailProvider>
</clientConfig>
"""


def write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str) -> int:
    """1-based line of the first occurrence of `needle`, to check the reported line."""
    return text[: text.index(needle)].count("\n") + 1


# --- the bundled profiles ---------------------------------------------------------------------
def test_bundled_dir_is_the_checkout_resources() -> None:
    assert BUNDLED.is_dir()
    assert BUNDLED.parts[-2:] == ("resources", "providers")
    assert {p.stem for p in BUNDLED_FILES} >= ACADEMIES


@pytest.mark.parametrize("path", ACADEMY_FILES, ids=lambda p: p.stem)
def test_bundled_profile_schema(path: Path) -> None:
    provider = parse_provider(path)
    assert provider.id == path.stem
    assert provider.source == path
    assert provider.display_name.startswith("Académie ")
    assert provider.short_name and provider.short_name in provider.display_name
    assert provider.domains and all(re.fullmatch(r"ac-[a-z-]+\.fr", d) for d in provider.domains)
    for kind, server in (("imap", provider.imap), ("smtp", provider.smtp)):
        assert server.security in ("implicit", "starttls")
        assert 1 <= server.port <= 65535
        assert server.hostname.endswith(provider.domains[0])
        assert "%IDENTIFIANT%" in server.username_template or "%EMAIL" in server.username_template
        unconfirmed = {f for f in SERVER_FIELDS if f"{kind}.{f}" in provider.unverified}
        assert server.verified == (not unconfirmed)
    assert provider.imap.port in (993, 143)
    assert provider.smtp.port in (465, 587)
    for url in (provider.webmail_url, provider.password_reset_url, provider.password_change_url):
        assert url is None or url.startswith("https://")
    if provider.identifiant_pattern:
        re.compile(provider.identifiant_pattern)
    known = {f"{k}.{f}" for k in ("imap", "smtp") for f in SERVER_FIELDS} | set(Provider.__dataclass_fields__)
    assert provider.unverified <= known


@pytest.mark.parametrize("path", BUNDLED_FILES, ids=lambda p: p.stem)
def test_bundled_profile_never_hides_an_unsourced_server(path: Path) -> None:
    """Every server value without a source is flagged: the file says verified="false" or cites one."""
    text = path.read_text(encoding="utf-8")
    provider = parse_provider(path)
    for kind in ("imap", "smtp"):
        host = getattr(provider, kind).hostname
        if f"{kind}.hostname" not in provider.unverified:
            assert host in text.split("-->")[0], f"{host} is marked verified but no source is cited"


def test_national_profile_is_address_plus_application_password_all_unverified() -> None:
    """The national messagerie: no public official source, so every value stays marked unverified
    and the file's comment names where each one comes from."""
    national = parse_provider(NATIONAL_FILE)
    assert national.id == "nationale" and national.is_national
    assert (national.imap.hostname, national.imap.port, national.imap.security) == (
        "imap.education.gouv.fr",
        993,
        "implicit",
    )
    assert national.identifiant_form == "email"
    assert national.imap.username_for("", "Prenom.Nom@ac-reunion.fr") == "Prenom.Nom@ac-reunion.fr"
    assert national.otp_kind == "none"
    assert national.app_password_url == "https://messagerie.education.gouv.fr"
    assert not national.imap.verified and not national.smtp.verified
    for name in ("credential_kind", "app_password_url", "sending_limit_per_hour", "identifiant_form"):
        assert name in national.unverified
    assert (national.sending_limit_per_minute, national.sending_limit_per_hour) == (700, 4000)
    comment = NATIONAL_FILE.read_text(encoding="utf-8").split("-->")[0]
    for value in ("imap.education.gouv.fr", "smtp.education.gouv.fr", "GUESS", "portail.ac-reunion.fr", "700"):
        assert value in comment
    academies = [parse_provider(p) for p in ACADEMY_FILES]
    assert not any(p.is_national for p in academies)
    assert {p.messagerie_current for p in academies} <= {None, "nationale", "academique"}
    assert parse_provider(BUNDLED / "reunion.xml").messagerie_current == "nationale"
    assert "messagerie_current" in parse_provider(BUNDLED / "reunion.xml").unverified


@pytest.mark.parametrize(
    ("element", "message"),
    [
        ('<acmail:messagerie current="zimbra"/>', "messagerie current"),
        ('<acmail:credential kind="token"/>', "credential kind"),
        ('<acmail:credential kind="application-password" url="http://x.fr"/>', "https://"),
        ('<acmail:sendingLimit perHour="0"/>', "perHour"),
    ],
)
def test_messagerie_elements_are_validated(element: str, message: str, tmp_path: Path) -> None:
    anchor = '<acmail:academie id="test"/>'
    path = write(tmp_path, "test.xml", MINIMAL.replace(anchor, anchor + element))
    with pytest.raises(ProviderFileError, match=message):
        parse_provider(path)


def test_all_bundled_load_and_aix_marseille_is_the_default() -> None:
    registry = load_providers([BUNDLED])
    assert registry.problems == []
    assert set(registry.providers) >= ACADEMIES
    assert [p.id for p in registry.providers.values() if p.is_default] == ["aix-marseille"]
    aix = registry.default()
    assert aix.id == "aix-marseille"
    assert aix.support_name == "Centre de services Verdon"
    assert aix.support_phone == "04 42 91 70 00"
    assert aix.otp_kind == "passcode"
    assert (aix.identifiant_form, aix.identifiant_case) == ("short", "lower")
    assert aix.password_reset_label == "Je ne connais pas mon mot de passe"
    assert aix.normalize_identifiant("  JDupont ") == "jdupont"
    assert aix.identifiant_looks_valid("jdupont") and not aix.identifiant_looks_valid("jean dupont")
    assert aix.imap.username_for("jdupont") == "jdupont"


def test_registry_lookups_and_order() -> None:
    registry = load_providers([BUNDLED])
    assert registry.for_domain("ac-aix-marseille.fr") is registry.get("aix-marseille")
    assert registry.for_domain("Jean.Dupont@AC-Rouen.fr") is registry.get("normandie")
    assert registry.for_domain("ac-caen.fr.") is registry.get("normandie")
    assert registry.for_domain("gmail.com") is None
    assert registry.for_domain("") is None
    with pytest.raises(UnknownProvider):
        registry.get("atlantis")
    names = [p.short_name for p in registry.sorted()]
    assert names[:3] == ["Aix-Marseille", "Amiens", "Besançon"]
    assert names.index("Créteil") < names.index("Dijon") < names.index("Grenoble")
    assert names.index("Rennes") < names.index("La Réunion") < names.index("Strasbourg")
    assert names.index("Orléans-Tours") < names.index("Paris")


# --- schema errors name the file and the line ------------------------------------------------
ACAD = '<acmail:academie id="test"/>'
BAD_CASES = [
    ("port-zero", "<port>587</port>", "<port>0</port>", "port must be an integer 1-65535"),
    ("port-huge", "<port>587</port>", "<port>70000</port>", "port must be an integer 1-65535"),
    ("port-text", "<port>587</port>", "<port>submission</port>", "port must be an integer"),
    ("plain", "<socketType>STARTTLS", "<socketType>plain", "plain is refused"),
    ("socket", "<socketType>STARTTLS", "<socketType>maybe", "unknown smtp socketType"),
    ("no-imap", '<incomingServer type="imap">', '<incomingServer type="pop3">', "no <incomingServer"),
    ("otp", ACAD, ACAD + '<acmail:otp kind="sms"/>', "unknown otp kind"),
    ("regex", ACAD, ACAD + '<acmail:identifiant pattern="[a-"/>', "not a valid regular expression"),
    ("id", ACAD, '<acmail:academie id="Test Académie"/>', "acmail:academie id"),
    ("unknown-el", ACAD, ACAD + '<acmail:fax number="1"/>', "unknown element acmail:fax"),
    ("host", "<hostname>smtp.ac-test.fr", "<hostname>smtp..ac-test.fr", "invalid smtp hostname"),
    ("verified", "<port>993</port>", '<port verified="maybe">993</port>', "verified must be"),
    ("http-url", ACAD, ACAD + '<acmail:webmail url="http://webmail.ac-test.fr"/>', "https:// URL"),
    ("phone", ACAD, ACAD + '<acmail:support name="X" phone="call us"/>', "not a phone number"),
    ("dup", ACAD, ACAD + ACAD, "duplicate acmail:academie"),
    ("quota", ACAD, ACAD + '<acmail:quota hintMb="-5"/>', "quota hintMb"),
]


@pytest.mark.parametrize(("name", "old", "new", "message"), BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_schema_errors_name_file_and_line(tmp_path: Path, name: str, old: str, new: str, message: str) -> None:
    text = MINIMAL.replace(old, new, 1)
    assert text != MINIMAL
    path = write(tmp_path, f"{name}.xml", text)
    with pytest.raises(ProviderFileError) as info:
        parse_provider(path)
    error = info.value
    assert error.path == path
    assert message in error.detail
    # inserted elements share the line of the text they were put next to
    expected_line = line_of(text, "<emailProvider" if name == "no-imap" else new)
    assert error.line == expected_line, (error.line, error.detail)
    assert str(path) in str(error) and f":{expected_line}:" in str(error)


def test_missing_academie_is_an_error_in_a_profile_file(tmp_path: Path) -> None:
    text = MINIMAL.replace('    <acmail:academie id="test"/>\n', "")
    path = write(tmp_path, "x.xml", text)
    with pytest.raises(ProviderFileError, match="acmail:academie"):
        parse_provider(path)


def test_malformed_xml_reports_the_line(tmp_path: Path) -> None:
    text = MINIMAL.replace("<displayName>Académie de Test</displayName>", "<displayName>Test</displayNam>")
    path = write(tmp_path, "broken.xml", text)
    with pytest.raises(ProviderFileError) as info:
        parse_provider(path)
    assert info.value.line == line_of(text, "<displayName>")
    assert "malformed XML" in info.value.detail


@pytest.mark.parametrize(
    "prolog",
    [
        '<!DOCTYPE clientConfig [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        '<!DOCTYPE clientConfig SYSTEM "file:///etc/passwd">',
        "<!DOCTYPE clientConfig>",
    ],
    ids=["billion-laughs", "external", "bare"],
)
def test_doctype_and_entities_are_refused(tmp_path: Path, prolog: str) -> None:
    text = MINIMAL.replace("<clientConfig", prolog + "\n<clientConfig", 1)
    path = write(tmp_path, "evil.xml", text)
    with pytest.raises(ProviderFileError) as info:
        parse_provider(path)
    assert info.value.line == 2
    assert "not allowed" in info.value.detail


def test_undeclared_entity_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "ent.xml", MINIMAL.replace("Académie de Test", "&xxe;"))
    with pytest.raises(ProviderFileError, match="malformed XML"):
        parse_provider(path)


def test_unreadable_and_oversized_files(tmp_path: Path) -> None:
    with pytest.raises(ProviderFileError, match="cannot read"):
        parse_provider(tmp_path / "absent.xml")
    big = write(tmp_path, "big.xml", MINIMAL.replace("</clientConfig>", "<!--" + "x" * 300_000 + "--></clientConfig>"))
    with pytest.raises(ProviderFileError, match="larger than"):
        parse_provider(big)


# --- verification flags ----------------------------------------------------------------------
def test_verified_flags_on_server_children_and_attributes(tmp_path: Path) -> None:
    text = (
        MINIMAL.replace("<hostname>imap.ac-test.fr</hostname>", '<hostname verified="false">imap.ac-test.fr</hostname>')
        .replace('<outgoingServer type="smtp">', '<outgoingServer type="smtp" verified="false">')
        .replace(
            '<acmail:academie id="test"/>',
            '<acmail:academie id="test"/>\n    <acmail:support name="CS" phone="+33 1 23 45 67 89" '
            'url="https://support.ac-test.fr" unverified="phone"/>',
        )
    )
    provider = parse_provider(write(tmp_path, "t.xml", text))
    assert not provider.imap.verified and not provider.smtp.verified
    assert "imap.hostname" in provider.unverified and "imap.port" not in provider.unverified
    assert {f"smtp.{f}" for f in SERVER_FIELDS} <= provider.unverified
    assert "support_phone" in provider.unverified
    assert not {"support_name", "support_url"} & provider.unverified
    assert provider.is_verified("support_name") and not provider.is_verified("support_phone")


def test_username_templates() -> None:
    server = ServerSettings("imap.x.fr", 993, "implicit", "%IDENTIFIANT%", "password-cleartext")
    assert server.username_for("jdupont", "jean.dupont@x.fr") == "jdupont"
    by_address = ServerSettings("imap.x.fr", 993, "implicit", "%EMAILADDRESS%", "password-cleartext")
    assert by_address.username_for("jdupont", "jean.dupont@x.fr") == "jean.dupont@x.fr"
    local = ServerSettings("imap.x.fr", 993, "implicit", "%EMAILLOCALPART%", "password-cleartext")
    assert local.username_for("", "jean.dupont@x.fr") == "jean.dupont"
    with pytest.raises(ValueError):
        by_address.username_for("jdupont")


# --- the loader ------------------------------------------------------------------------------
def test_bad_files_are_reported_and_the_others_still_load(tmp_path: Path) -> None:
    good = write(tmp_path, "good.xml", MINIMAL)
    broken_text = MINIMAL.replace("</incomingServer>", "</incomingServr>")
    broken = write(tmp_path, "broken.xml", broken_text)
    plain = write(
        tmp_path,
        "plain.xml",
        MINIMAL.replace("<socketType>SSL</socketType>", "<socketType>plain</socketType>"),
    )
    write(tmp_path, "notes.txt", "not a profile")
    registry = load_providers([BUNDLED, tmp_path])
    assert registry.providers["test"].source == good
    assert set(registry.providers) >= ACADEMIES | {"test"}
    problems = {p.path: p for p in registry.problems}
    assert set(problems) == {broken, plain}
    assert problems[broken].line == line_of(broken_text, "</incomingServr>")
    assert problems[plain].line == line_of(MINIMAL, "<socketType>SSL")
    assert "plain is refused" in problems[plain].message
    assert str(broken) in str(problems[broken])


def test_later_folder_overrides_by_id(tmp_path: Path) -> None:
    system, user = tmp_path / "etc", tmp_path / "user"
    aix_text = (BUNDLED / "aix-marseille.xml").read_text(encoding="utf-8")
    write(system, "zz-local-name.xml", aix_text.replace("04 42 91 70 00", "04 00 00 00 01"))
    write(user, "mine.xml", aix_text.replace("04 42 91 70 00", "04 00 00 00 02").replace(
        "imap.ac-aix-marseille.fr", "imap2.ac-aix-marseille.fr"))  # fmt: skip
    only_system = load_providers([BUNDLED, system, tmp_path / "missing"])
    assert only_system.get("aix-marseille").support_phone == "04 00 00 00 01"
    both = load_providers([BUNDLED, system, user])
    aix = both.get("aix-marseille")
    assert aix.support_phone == "04 00 00 00 02"
    assert aix.imap.hostname == "imap2.ac-aix-marseille.fr"
    assert aix.source == user / "mine.xml"
    assert both.default() is aix
    assert both.for_domain("ac-aix-marseille.fr") is aix
    assert both.problems == []
    assert len(both.providers) == len(load_providers([BUNDLED]).providers)


def test_duplicate_id_in_one_folder_and_domain_clash_are_reported(tmp_path: Path) -> None:
    write(tmp_path, "a.xml", MINIMAL)
    write(tmp_path, "b.xml", MINIMAL)
    write(tmp_path, "c.xml", MINIMAL.replace('id="test"', 'id="other"'))
    registry = load_providers([tmp_path])
    messages = [p.message for p in registry.problems]
    assert any("already defined" in m for m in messages)
    assert any("also claimed" in m for m in messages)
    assert registry.for_domain("ac-test.fr") is registry.get("other")


def test_default_when_none_is_marked(tmp_path: Path) -> None:
    registry = load_providers([write(tmp_path, "t.xml", MINIMAL).parent])
    assert registry.default().id == "test"
    with pytest.raises(UnknownProvider):
        load_providers([tmp_path / "nothing"]).default()


# --- export ----------------------------------------------------------------------------------
@pytest.mark.parametrize("path", BUNDLED_FILES, ids=lambda p: p.stem)
def test_autoconfig_export_round_trips_the_servers(path: Path) -> None:
    provider = parse_provider(path)
    xml = to_autoconfig_xml(provider)
    assert "acmail" not in xml and "verified" not in xml
    back = parse_provider_bytes(xml.encode("utf-8"), "export.xml", strict=False)
    for kind in ("imap", "smtp"):
        original, copy = getattr(provider, kind), getattr(back, kind)
        assert [getattr(copy, f) for f in SERVER_FIELDS] == [getattr(original, f) for f in SERVER_FIELDS]
    assert back.domains == provider.domains
    assert back.display_name == provider.display_name


def test_autoconfig_export_with_identifiant() -> None:
    provider = parse_provider(BUNDLED / "aix-marseille.xml")
    xml = to_autoconfig_xml(provider, "jdupont")
    assert "%IDENTIFIANT%" not in xml and xml.count("<username>jdupont</username>") == 2
    back = parse_provider_bytes(xml.encode(), "export.xml", strict=False)
    assert back.imap.username_template == "jdupont"
    with pytest.raises(ProviderFileError, match="acmail:academie"):
        parse_provider_bytes(xml.encode(), "export.xml")  # a profile file needs our element


# --- fuzz: anything thrown at the parser ends as ProviderFileError -----------------------------
SEED = (BUNDLED / "aix-marseille.xml").read_bytes()
TOKENS = [b"<!DOCTYPE x>", b"&amp;", b"&x;", b"<port>", b"]]>", b"%", b"\x00", b'verified="false"',
          b"</emailProvider>", b"\xc3", b"plain", b"<acmail:otp kind='totp'/>"]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(SEED)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["replace", "insert", "delete", "splice"]))
        pos = draw(st.integers(0, len(data)))
        if op == "replace" and pos < len(data):
            data[pos] = draw(st.integers(0, 255))
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=8))
        elif op == "delete":
            del data[pos : pos + draw(st.integers(1, 40))]
        else:
            data[pos:pos] = draw(st.sampled_from(TOKENS))
    return bytes(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_fuzz_parse_raises_only_provider_file_error(data: bytes) -> None:
    try:
        provider = parse_provider_bytes(data, "fuzz.xml")
    except ProviderFileError as exc:
        assert exc.path == Path("fuzz.xml")
        assert exc.line is None or exc.line >= 1
    else:
        assert provider.imap.security in ("implicit", "starttls")
        assert 1 <= provider.smtp.port <= 65535


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_fuzz_random_bytes(data: bytes) -> None:
    with pytest.raises(ProviderFileError):
        parse_provider_bytes(data, "random.xml")
