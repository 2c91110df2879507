"""The administrator's say over several accounts: predefined accounts, no adding, académie domains
only; and shared-machine mode wiping every account's files, not only the first one's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from acmail_desktop.core import errors
from acmail_desktop.core.accounts import AccountRecord, AccountRegistry, check_account_allowed
from acmail_desktop.core.context import AppContext, check_policy_resources
from acmail_desktop.core.imap.session import FolderInfo
from acmail_desktop.core.outbox import Outbox
from acmail_desktop.core.paths import AppPaths
from acmail_desktop.core.policy import AccountsPolicy, PredefinedAccount, load_policy, parse_policy
from acmail_desktop.core.providers import bundled_providers_dir, load_providers
from acmail_desktop.core.settings import Settings
from acmail_desktop.core.shared_session import SharedSession
from acmail_desktop.core.store import Store

FUNCTIONAL = "ce.0131234a@ac-aix-marseille.fr"


def _policy_file(tmp_path: Path, accounts: object, **more: object) -> Path:
    path = tmp_path / "policy.json"
    path.write_text(json.dumps({"version": 1, "accounts": accounts, **more}), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def providers():  # type: ignore[no-untyped-def]
    return load_providers([bundled_providers_dir()])


def test_policy_reads_predefined_accounts_and_the_two_limits(tmp_path: Path) -> None:
    policy = load_policy(_policy_file(tmp_path, {
        "predefined": [{"academie": "aix-marseille", "identifiant": FUNCTIONAL,
                        "label": "Collège Jean Moulin (boîte fonctionnelle)"},
                       {"academie": "versailles", "identifiant": "jdupont", "auth_mode": "passcode"}],
        "allow_adding": False, "academie_domains_only": True}))
    assert not policy.broken, policy.problem
    assert policy.accounts == AccountsPolicy(
        predefined=(PredefinedAccount("aix-marseille", FUNCTIONAL, "Collège Jean Moulin (boîte fonctionnelle)"),
                    PredefinedAccount("versailles", "jdupont", "", "passcode")),
        allow_adding=False, academie_domains_only=True)
    assert check_policy_resources(policy) is policy


def test_no_accounts_key_allows_everything(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text('{"version": 1}', encoding="utf-8")
    assert load_policy(path).accounts == AccountsPolicy((), allow_adding=True, academie_domains_only=False)


@pytest.mark.parametrize(("accounts", "expected"), [
    ({"predefined": [{"academie": "aix-marseille"}]}, "missing required key 'identifiant'"),
    ({"predefined": [{"academie": "aix-marseille", "identifiant": "a b"}]}, "expected form"),
    ({"predefined": [{"academie": "aix-marseille", "identifiant": "x", "password": "secret"}]}, "unknown key"),
    ({"predefined": [{"academie": "aix-marseille", "identifiant": "x", "auth_mode": "totp"}]}, "is not one of"),
    ({"allow_adding": "no"}, "expected boolean"),
    ({"domains": ["ac-aix-marseille.fr"]}, "unknown key 'domains'"),
])
def test_a_wrong_accounts_entry_refuses_the_whole_policy(tmp_path: Path, accounts: object, expected: str) -> None:
    policy = load_policy(_policy_file(tmp_path, accounts))
    assert policy.broken and policy.shared_machine
    assert expected in (policy.problem or "")
    assert not policy.accounts.allow_adding  # the safest mode adds nothing either


def test_a_predefined_account_of_an_unknown_academie_refuses_the_policy(tmp_path: Path) -> None:
    policy = parse_policy(json.dumps({"version": 1, "accounts": {"predefined": [
        {"academie": "atlantide", "identifiant": "x"}]}}).encode(), tmp_path / "p.json")
    checked = check_policy_resources(policy)
    assert checked.broken and "/accounts/predefined/0/academie" in (checked.problem or "")


def test_predefined_accounts_appear_after_the_users_own_and_are_never_written(app_paths: AppPaths) -> None:
    policy = AccountsPolicy(predefined=(PredefinedAccount("aix-marseille", FUNCTIONAL, "Collège"),))
    registry = AccountRegistry(app_paths, Settings(app_paths.settings_file), policy)
    assert [(r.identifiant, r.predefined, r.label) for r in registry.accounts()] == [(FUNCTIONAL, True, "Collège")]
    registry.add(AccountRecord("aix-marseille", "fdurand"))
    assert [r.identifiant for r in registry.accounts()] == ["fdurand", FUNCTIONAL]
    assert FUNCTIONAL not in registry.path.read_text(encoding="utf-8")
    # once the user signs in to it, it is theirs too, still marked as the administrator's
    registry.add(AccountRecord("aix-marseille", FUNCTIONAL))
    assert [(r.identifiant, r.predefined) for r in registry.accounts()] == [("fdurand", False), (FUNCTIONAL, True)]


def test_adding_forbidden_allows_the_first_account_and_the_predefined_ones(app_paths: AppPaths, providers) -> None:  # type: ignore[no-untyped-def]
    policy = AccountsPolicy(predefined=(PredefinedAccount("aix-marseille", FUNCTIONAL),), allow_adding=False)
    registry = AccountRegistry(app_paths, Settings(app_paths.settings_file), policy, providers)
    assert not registry.may_add()
    registry.add(AccountRecord("aix-marseille", "fdurand"))  # the first sign-in is not "adding"
    with pytest.raises(errors.AccountAddingForbidden):
        registry.add(AccountRecord("versailles", "jdupont"))
    registry.add(AccountRecord("aix-marseille", FUNCTIONAL))
    assert [r.identifiant for r in registry.load()] == ["fdurand", FUNCTIONAL]


def test_academie_domains_only_refuses_other_domains(providers) -> None:  # type: ignore[no-untyped-def]
    policy = AccountsPolicy(academie_domains_only=True)
    check_account_allowed(AccountRecord("aix-marseille", "fdurand"), policy, providers)
    check_account_allowed(AccountRecord("aix-marseille", "Prenom.Nom@AC-AIX-MARSEILLE.FR"), policy, providers)
    check_account_allowed(AccountRecord("aix-marseille", "prenom.nom@ac-versailles.fr"), policy, providers)
    for address in ("moi@gmail.com", "x@ac-aix-marseille.fr.evil.example", "x@evil.example@ac-lyon"):
        with pytest.raises(errors.AccountDomainNotAllowed):
            check_account_allowed(AccountRecord("aix-marseille", address), policy, providers)
    check_account_allowed(AccountRecord("aix-marseille", "moi@gmail.com"), AccountsPolicy(), providers)


def test_refused_account_leaves_the_list_unchanged(app_paths: AppPaths, providers) -> None:  # type: ignore[no-untyped-def]
    registry = AccountRegistry(app_paths, Settings(app_paths.settings_file),
                               AccountsPolicy(academie_domains_only=True), providers)
    with pytest.raises(errors.AccountDomainNotAllowed):
        registry.add(AccountRecord("aix-marseille", "moi@gmail.com"))
    assert registry.load() == [] and not registry.path.exists()


def test_shared_machine_logout_wipes_every_accounts_files(tmp_path: Path) -> None:
    session = SharedSession.start(tmp_path / "shared")
    try:
        context = AppContext.create(session.paths, use_keyring=False,
                                    policy=parse_policy(b'{"version": 1, "shared_machine": true}', tmp_path / "p"),
                                    shared_session=session)
        registry = AccountRegistry(context.paths, context.settings)
        outbox = Outbox(context.paths.data_dir)
        try:
            for identifiant in ("perso1", "fonct1"):
                record = AccountRecord("aix-marseille", identifiant)
                registry.add(record)
                with Store.for_account(context.paths.cache_dir, record.key) as store:
                    store.upsert_folders([FolderInfo("INBOX", "/", ())])
                outbox.save_draft(record.key, {"subject": f"brouillon {identifiant}"})
                with pytest.raises(errors.KeyringUnavailable):  # no account's secret ever reaches the keyring
                    context.credential_store.set_password("aix-marseille", identifiant, "secret")
        finally:
            outbox.close()
        assert len(registry.load()) == 2
        session.wipe()
        left = [p for p in session.directory.rglob("*") if p.is_file() and p.name != "owner.lock"]
        assert left == []
        assert AccountRegistry(context.paths, Settings(context.paths.settings_file)).load() == []
    finally:
        session.close()
    assert not session.directory.exists()
