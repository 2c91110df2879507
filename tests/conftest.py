"""Shared fixtures: the real local mail server, isolated AcMail profiles, account factory."""

from __future__ import annotations

import itertools
import os
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyotp
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from acmail_desktop.core.paths import AppPaths
from acmail_desktop.core.providers import (
    Provider,
    ProviderRegistry,
    bundled_providers_dir,
    load_providers,
)
from acmail_desktop.core.tls import make_ssl_context

# ACMAIL_SHARED moves it (a git worktree is not a sibling of shared/).
SHARED_CORPUS = Path(os.environ.get("ACMAIL_SHARED") or Path(__file__).resolve().parents[2] / "shared") / "corpus"


@dataclass(frozen=True)
class TestAccount:
    identifiant: str
    password: str
    email: str
    pin: str
    totp_secret: str


_counter = itertools.count(1)


@pytest.fixture(scope="session")
def mail_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from tests.support.mailserver import MailServer

    server = MailServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def server_provider_dir(mail_server: object, tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("providers")
    mail_server.write_provider_file(directory)  # type: ignore[attr-defined]
    return directory


@pytest.fixture(scope="session")
def registry(server_provider_dir: Path) -> ProviderRegistry:
    loaded = load_providers([bundled_providers_dir(), server_provider_dir])
    assert not loaded.problems, loaded.problems
    return loaded


@pytest.fixture(scope="session")
def local_provider(registry: ProviderRegistry) -> Provider:
    return registry.get("local")


@pytest.fixture(scope="session")
def ssl_context(mail_server: object) -> ssl.SSLContext:
    return make_ssl_context([mail_server.ca_pem_path])  # type: ignore[attr-defined]


@pytest.fixture
def make_account(mail_server: object):  # type: ignore[no-untyped-def]
    """A fresh account per test, so lock/expiry/replay state never leaks between tests."""

    def factory(prefix: str = "user") -> TestAccount:
        n = next(_counter)
        identifiant = f"{prefix}{n}"
        account = TestAccount(identifiant, f"Mdp-{n}-Zq9!", f"{identifiant}@acmail.test",
                              f"{4000 + n:04d}", pyotp.random_base32())
        mail_server.add_account(account.identifiant, account.password, account.email,  # type: ignore[attr-defined]
                                pin=account.pin, totp_secret=account.totp_secret)
        return account

    return factory


@dataclass(frozen=True)
class NationalTestAccount:
    """A national-messagerie user on the test servers: address login, application password only."""

    email: str
    usual_password: str  # refused by the server, like the real platform refuses it
    app_password: str


@pytest.fixture
def make_national_account(mail_server: object):  # type: ignore[no-untyped-def]
    def factory(prefix: str = "prof") -> NationalTestAccount:
        n = next(_counter)
        # Shaped like a Zimbra-generated one (16 letters); the usual password like an académie one.
        account = NationalTestAccount(f"{prefix}.nom{n}@ac-reunion.fr", f"Mdp-{n}-Zq9!",
                                      "".join(chr(ord("a") + (n * 7 + i * 5) % 26) for i in range(16)))
        mail_server.add_application_password_account(  # type: ignore[attr-defined]
            account.email, account.usual_password, (account.app_password,))
        return account

    return factory


@pytest.fixture(scope="session")
def national_provider(registry: ProviderRegistry, mail_server: object) -> Provider:
    """The bundled national profile (address login, application password) aimed at the test servers."""
    from dataclasses import replace

    bundled = registry.get("nationale")
    host = mail_server.host  # type: ignore[attr-defined]
    return replace(bundled,
                   imap=replace(bundled.imap, hostname=host, port=mail_server.imaps_port),  # type: ignore[attr-defined]
                   smtp=replace(bundled.smtp, hostname=host, port=mail_server.smtps_port),  # type: ignore[attr-defined]
                   smtp_discover=False)  # its SMTP is known here (the discovery: test_national_smtp_discovery)


@pytest.fixture(scope="session")
def national_registry(registry: ProviderRegistry, national_provider: Provider) -> ProviderRegistry:
    """Every profile, the national one pointed at the test servers."""
    return ProviderRegistry({**registry.providers, "nationale": national_provider})


@pytest.fixture
def app_paths(tmp_path: Path) -> AppPaths:
    return AppPaths.from_base(tmp_path / "profile").ensure()


@dataclass(frozen=True)
class PersonalityServer:
    """A running server personality (issue 24) with what a test needs to reach it."""

    name: str
    server: object  # tests.support.mailserver.MailServer
    registry: ProviderRegistry
    ssl_context: ssl.SSLContext

    @property
    def provider(self) -> Provider:
        return self.registry.get("local")

    def add_account(self, prefix: str = "any") -> TestAccount:
        n = next(_counter)
        identifiant = f"{prefix}{n}"
        account = TestAccount(identifiant, f"Mdp-{n}-Zq9!", f"{identifiant}@acmail.test",
                              f"{4000 + n:04d}", pyotp.random_base32())
        self.server.add_account(account.identifiant, account.password, account.email,  # type: ignore[attr-defined]
                                pin=account.pin, totp_secret=account.totp_secret)
        return account


@pytest.fixture(scope="session", params=["dovecot", "courier", "oracle",
                                        pytest.param("cyrus", marks=pytest.mark.slow)])  # "bare": indirect
def personality(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                ) -> Iterator[PersonalityServer]:
    """Each server personality in turn: our Dovecot, a Courier-like one (INBOX. prefix, "."
    separator, no SPECIAL-USE/CONDSTORE/QRESYNC/MOVE), an older Oracle/Cyrus-like one (French
    folder names at the top level, no SPECIAL-USE, LOGINDISABLED after login), and a real Cyrus
    IMAP 3.6 (Debian's package unpacked beside Dovecot by scripts/bootstrap.sh)."""
    from tests.support.mailserver import MailServer

    server: object
    if request.param == "cyrus":
        from tests.support.cyrus import CyrusServer, cyrus_available

        problem = cyrus_available()
        if problem:
            pytest.fail(problem)
        server = CyrusServer()
    else:
        server = MailServer(personality=request.param)
    server.start()  # type: ignore[attr-defined]
    try:
        directory = tmp_path_factory.mktemp(f"providers-{request.param}")
        server.write_provider_file(directory)
        loaded = load_providers([bundled_providers_dir(), directory])
        yield PersonalityServer(request.param, server, loaded,
                                make_ssl_context([server.ca_pem_path]))  # type: ignore[attr-defined]
    finally:
        server.stop()  # type: ignore[attr-defined]


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Where a test saves its screenshots: its own tmp dir, never the tree; ACMAIL_SHOTS=/some/dir
    keeps them for a person to look at."""
    directory = Path(os.environ.get("ACMAIL_SHOTS") or tmp_path)
    directory.mkdir(parents=True, exist_ok=True)
    return directory
