"""Administrator policy: parsing, validation against the shipped schema, safest mode, settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from acmail_desktop.core.context import apply_policy_to_providers, check_policy_resources
from acmail_desktop.core.errors import PolicyError, SettingLocked
from acmail_desktop.core.policy import (
    Policy,
    PolicySettings,
    check_schema_keywords,
    load_policy,
    load_schema,
    parse_policy,
    policy_path,
    system_policy_path,
    validate,
)
from acmail_desktop.core.providers import load_providers
from acmail_desktop.core.settings import SCHEMA

REPO = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, document: object, name: str = "policy.json") -> Path:
    path = tmp_path / name
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    return path


def refused(tmp_path: Path, document: object) -> str:
    policy = load_policy(write(tmp_path, document))
    assert policy.broken, document
    assert policy.shared_machine and not policy.allow_remember_password
    assert policy.locked == {"general.shared_machine": True, "account.remember": False}
    assert policy.problem is not None
    return policy.problem


# --- good policies ---------------------------------------------------------------------------
def test_messagerie_key_fixes_the_national_or_academique_choice(tmp_path: Path) -> None:
    locked = load_policy(write(tmp_path, {"version": 1, "messagerie": "nationale"}))
    assert not locked.broken and locked.locked["account.messagerie"] == "nationale"
    offered = load_policy(write(tmp_path, {"version": 1, "messagerie": {"value": "academique", "locked": False}}))
    assert offered.defaults == {"account.messagerie": "academique"}
    refused = load_policy(write(tmp_path, {"version": 1, "messagerie": "zimbra"}))
    assert refused.broken and "/messagerie" in str(refused.problem)


def test_full_policy_maps_to_locked_settings_and_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, {
        "version": 1,
        "academie": "versailles",
        "shared_machine": True,
        "idle_logout_minutes": {"value": 20, "locked": False},
        "min_tls_version": {"value": "TLSv1.3"},
        "extra_ca_files": ["/etc/ssl/college.pem"],
        "support": {"name": "Assistance du lycée", "phone": "01 02 03 04 05", "url": "https://aide.example"},
        "attachments_save_dir": "/srv/pj",
        "diagnostics_allow_login": False,
        "language": "en",
        "identifiant_template": "${USER}",
    })
    policy = load_policy(path)
    assert not policy.broken and policy.present and policy.source == path
    assert policy.locked == {
        "account.academie": "versailles", "security.min_tls_version": "TLSv1.3",
        "attachments.save_dir": "/srv/pj", "diagnostics.allow_login": False, "general.language": "en",
        "general.shared_machine": True, "account.remember": False,
    }
    assert policy.defaults == {"security.idle_logout_minutes": 20}
    assert policy.shared_machine and not policy.allow_remember_password  # shared implies nothing stored
    assert policy.extra_ca_files == ("/etc/ssl/college.pem",)
    assert policy.support is not None and policy.support.name == "Assistance du lycée"
    assert policy.identifiant_prefill("fdurand") == "fdurand"
    assert policy.settings_defaults("fdurand")["account.identifiant"] == "fdurand"
    for key in list(policy.locked) + list(policy.defaults):
        assert key in SCHEMA


def test_minimal_policy_and_remember_allowed(tmp_path: Path) -> None:
    policy = load_policy(write(tmp_path, {"version": 1}))
    assert not policy.broken and not policy.shared_machine and policy.allow_remember_password
    assert policy.locked == {"general.shared_machine": False}
    no_remember = load_policy(write(tmp_path, {"version": 1, "remember_password": False}, "b.json"))
    assert not no_remember.allow_remember_password and no_remember.locked["account.remember"] is False


def test_no_file_means_no_policy(tmp_path: Path) -> None:
    policy = load_policy(tmp_path / "absent.json")
    assert policy == Policy() and not policy.present and not policy.broken


def test_shipped_example_policy_is_valid() -> None:
    policy = load_policy(REPO / "packaging" / "policy.example.json")
    assert not policy.broken, policy.problem
    assert policy.shared_machine and policy.locked["security.idle_logout_minutes"] == 15


def test_env_var_overrides_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, {"version": 1, "language": "en"})
    monkeypatch.setenv("ACMAIL_POLICY", str(path))
    assert policy_path() == path
    assert load_policy().locked["general.language"] == "en"
    monkeypatch.delenv("ACMAIL_POLICY")
    assert policy_path() == system_policy_path()


def test_env_var_cannot_escape_an_installed_system_policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import acmail_desktop.core.policy as policy_module

    system = write(tmp_path, {"version": 1, "shared_machine": True}, "system.json")
    mine = write(tmp_path, {"version": 1, "shared_machine": False}, "mine.json")
    monkeypatch.setattr(policy_module, "system_policy_path", lambda platform=None: system)
    monkeypatch.setenv("ACMAIL_POLICY", str(mine))
    assert policy_path() == system
    assert load_policy().shared_machine
    system.unlink()
    assert policy_path() == mine


def test_system_locations() -> None:
    assert system_policy_path("linux") == Path("/etc/acmail/policy.json")
    assert system_policy_path("darwin") == Path("/Library/Application Support/AcMail/policy.json")
    assert system_policy_path("win32").parts[-2:] == ("AcMail", "policy.json")


def test_template_only_expands_the_login_variables(tmp_path: Path) -> None:
    policy = load_policy(write(tmp_path, {"version": 1, "identifiant_template": "${USER}2"}))
    assert policy.identifiant_prefill("fdurand") == "fdurand2"
    problem = refused(tmp_path, {"version": 1, "identifiant_template": "${HOME}"})
    assert "/identifiant_template" in problem


# --- broken policies -------------------------------------------------------------------------
@pytest.mark.parametrize(("document", "expected"), [
    ('{"version": 1, "academie": "versailles",}', "invalid JSON at line 1"),
    ('{"version": 1, "academie": "a", "academie": "b"}', "appears twice"),
    ("[1, 2]", "expected object"),
    ({"academie": "versailles"}, "missing required key 'version'"),
    ({"version": 2}, "/version: must be 1"),
    ({"version": 1, "idle_logout_minutes": -5}, "/idle_logout_minutes: must be at least 0"),
    ({"version": 1, "idle_logout_minutes": "15"}, "/idle_logout_minutes"),
    ({"version": 1, "shared_machine": "yes"}, "/shared_machine: expected boolean"),
    ({"version": 1, "min_tls_version": "TLSv1.0"}, "/min_tls_version"),
    ({"version": 1, "language": {"value": "de", "locked": True}}, "/language/value"),
    ({"version": 1, "support": {"phone": "01"}}, "/support: missing required key 'name'"),
    ({"version": 1, "support": {"name": "x", "url": "http://plain.example"}}, "/support/url"),
    ({"version": 1, "custom_profile": "relative/profile.xml"}, "must be an absolute path"),
])
def test_broken_policy_gives_safest_mode(tmp_path: Path, document: object, expected: str) -> None:
    problem = refused(tmp_path, document)
    assert expected in problem
    assert str(tmp_path) in problem  # the report names the file


@pytest.mark.parametrize(("document", "pointer"), [
    ({"version": 1, "shared_machnie": True}, "/shared_machnie: unknown key"),
    ({"version": 1, "academie": {"value": "lyon", "lockd": True}}, "/academie/lockd: unknown key"),
    ({"version": 1, "support": {"name": "x", "fax": "01"}}, "/support/fax: unknown key"),
])
def test_unknown_keys_are_refused_not_ignored(tmp_path: Path, document: object, pointer: str) -> None:
    """A typo must not leave a lab machine silently out of shared mode."""
    assert pointer in refused(tmp_path, document)


def test_unreadable_or_huge_file_gives_safest_mode(tmp_path: Path) -> None:
    folder = tmp_path / "policy.json"
    folder.mkdir()
    assert load_policy(folder).broken
    big = write(tmp_path, '{"version": 1, "comment": "' + "x" * (1024 * 1024) + '"}', "big.json")
    assert "larger than 1 MiB" in (load_policy(big).problem or "")
    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes('{"version": 1, "comment": "élève"}'.encode("latin-1"))
    assert "not UTF-8" in (load_policy(latin1).problem or "")


def test_parse_policy_raises_typed_error() -> None:
    with pytest.raises(PolicyError) as info:
        parse_policy(b'{"version": 1, "x": 1}', Path("p.json"))
    assert info.value.code == "policy_error"


# --- the schema and its validator ------------------------------------------------------------
def test_shipped_schema_uses_only_checked_keywords() -> None:
    schema = load_schema()
    assert schema["additionalProperties"] is False
    with pytest.raises(PolicyError, match="unsupported keyword 'oneOf'"):
        check_schema_keywords({"properties": {"a": {"oneOf": []}}})


def test_validator_semantics_on_small_schemas() -> None:
    schema = {"type": "object", "additionalProperties": False, "required": ["n"],
              "properties": {"n": {"type": "integer", "minimum": 1, "maximum": 3},
                             "s": {"type": "array", "maxItems": 2, "items": {"type": "string"}}}}
    assert validate({"n": 2}, schema) == []
    assert validate({"n": True}, schema) == ["/n: expected integer, found boolean"]
    assert validate({"n": 4, "s": ["a", 1]}, schema) == [
        "/n: must be at most 3", "/s/1: expected string, found integer"]
    assert validate({"s": []}, schema) == ["/: missing required key 'n'"]


# --- resources the policy points to ----------------------------------------------------------
def test_unknown_academie_or_missing_ca_refuses_the_whole_policy(tmp_path: Path) -> None:
    policy = load_policy(write(tmp_path, {"version": 1, "academie": "atlantide", "language": "en"}))
    checked = check_policy_resources(policy)
    assert checked.broken and "atlantide" in (checked.problem or "")
    assert "general.language" not in checked.locked  # nothing half-applied
    missing_ca = load_policy(write(tmp_path, {"version": 1, "extra_ca_files": [str(tmp_path / "no.pem")]}, "c.json"))
    assert check_policy_resources(missing_ca).broken


def test_custom_profile_is_added_and_locked(tmp_path: Path, server_provider_dir: Path) -> None:
    profile = server_provider_dir / "local.xml"
    policy = check_policy_resources(load_policy(write(tmp_path, {
        "version": 1, "custom_profile": str(profile), "support": {"name": "Service info", "phone": "42"}})))
    assert not policy.broken, policy.problem
    registry = apply_policy_to_providers(load_providers([]), policy)
    assert registry.get("local").imap.hostname
    assert policy.locked["account.academie"] == "local"
    assert registry.get("local").support_name == "Service info"
    bad = tmp_path / "bad.xml"
    bad.write_text("<clientConfig>", encoding="utf-8")
    broken = check_policy_resources(load_policy(write(tmp_path, {"version": 1, "custom_profile": str(bad)}, "d.json")))
    assert broken.broken and "bad.xml" in (broken.problem or "")


# --- settings with the policy ----------------------------------------------------------------
def test_policy_settings_locks_and_defaults(tmp_path: Path) -> None:
    settings_file = tmp_path / "settings.json"
    settings = PolicySettings(settings_file, locked={"security.min_tls_version": "TLSv1.3"},
                              defaults={"security.idle_logout_minutes": 10})
    assert settings.get("security.min_tls_version") == "TLSv1.3"
    with pytest.raises(SettingLocked):
        settings.set("security.min_tls_version", "TLSv1.2")
    assert settings.get("security.idle_logout_minutes") == 10
    settings.set("security.idle_logout_minutes", 5)
    reloaded = PolicySettings(settings_file, defaults={"security.idle_logout_minutes": 10})
    assert reloaded.get("security.idle_logout_minutes") == 5
    assert "security.min_tls_version" not in json.loads(settings_file.read_text(encoding="utf-8"))
