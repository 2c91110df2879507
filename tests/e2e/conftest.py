"""Fixtures for the end-to-end tests: one X display per screen size for the whole run, the real
`acmail` per test, screenshots kept when a test fails, every process stopped whatever happens.

Fixtures (see ``tests/support/desktop.py`` for the objects they give):

- ``xdisplay_factory(width, height)`` -> a started `XDisplay`, shared by every test of the run
  asking for that size; ``xdisplay`` is the 1024x600 one (a small laptop), ``xdisplay_large`` 1920x1080.
- ``acmail_factory(display=None, policy=None, args=(), name="acmail")`` -> an `AcmailApp` (not started)
  with its own HOME/XDG/TMPDIR under the test's tmp dir. On failure a screenshot of every display
  used goes to ``<tmp_path>/artefacts/``; with ``$ACMAIL_E2E_ARTEFACTS`` set, every screenshot and
  output of the test is copied there (failed or not). Then every AcMail it made is stopped (SIGTERM,
  then SIGKILL of its process group).
- ``e2e_shared_policy`` -> a policy file: shared machine, the test server's profile and CA.
- ``e2e_policy_factory(**keys)`` -> the same with keys added or replaced.

Every test in this folder is marked ``e2e``.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.desktop import AcmailApp, XDisplay, missing_tools

SMALL, LARGE = (1024, 600), (1920, 1080)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def _failed(request: pytest.FixtureRequest) -> bool:
    return any(getattr(getattr(request.node, f"rep_{when}", None), "failed", False)
               for when in ("setup", "call"))


@pytest.fixture(scope="session")
def xdisplay_factory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[int, int], XDisplay]]:
    missing = missing_tools()
    if missing:
        pytest.fail(f"end-to-end tests need {', '.join(missing)}: run scripts/bootstrap.sh as root")
    displays: dict[tuple[int, int], XDisplay] = {}

    def factory(width: int = SMALL[0], height: int = SMALL[1]) -> XDisplay:
        if (width, height) not in displays:
            workdir = tmp_path_factory.mktemp(f"x{width}x{height}")
            displays[(width, height)] = XDisplay(workdir, width, height).start()
        return displays[(width, height)]

    try:
        yield factory
    finally:
        for display in displays.values():
            display.stop()


@pytest.fixture
def xdisplay(xdisplay_factory: Callable[[int, int], XDisplay]) -> XDisplay:
    return xdisplay_factory(*SMALL)


@pytest.fixture
def xdisplay_large(xdisplay_factory: Callable[[int, int], XDisplay]) -> XDisplay:
    return xdisplay_factory(*LARGE)


@pytest.fixture
def acmail_factory(request: pytest.FixtureRequest, tmp_path: Path,
                   xdisplay: XDisplay) -> Iterator[Callable[..., AcmailApp]]:
    apps: list[AcmailApp] = []

    def factory(display: XDisplay | None = None, policy: Path | None = None, args: tuple[str, ...] = (),
                name: str = "acmail") -> AcmailApp:
        app = AcmailApp(display or xdisplay, tmp_path / f"{name}-{len(apps) + 1}", policy=policy, args=args,
                        name=name)
        apps.append(app)
        return app

    try:
        yield factory
    finally:
        try:
            if _failed(request):
                for display in {id(a.display): a.display for a in apps}.values():
                    display.screenshot(tmp_path / "artefacts" / f"failure-{display.width}x{display.height}.png")
            if os.environ.get("ACMAIL_E2E_ARTEFACTS"):  # keep every screenshot and output, failed or not
                keep = Path(os.environ["ACMAIL_E2E_ARTEFACTS"]) / request.node.name
                keep.mkdir(parents=True, exist_ok=True)
                for found in [*tmp_path.glob("artefacts/*"), *tmp_path.glob("*/artefacts/*")]:
                    shutil.copy(found, keep / found.name)
        finally:
            for app in apps:
                app.stop()


@pytest.fixture
def e2e_policy_factory(tmp_path: Path, server_provider_dir: Path, mail_server: Any) -> Callable[..., Path]:
    def factory(name: str = "policy.json", **keys: Any) -> Path:
        document: dict[str, Any] = {
            "version": 1,
            "shared_machine": True,
            "custom_profile": str(server_provider_dir / "local.xml"),
            "extra_ca_files": [str(mail_server.ca_pem_path)],
            "support": {"name": "Assistance du lycée", "phone": "01 02 03 04 05"},
        }
        document.update(keys)
        path = tmp_path / "admin" / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(document), encoding="utf-8")
        return path

    return factory


@pytest.fixture
def e2e_shared_policy(e2e_policy_factory: Callable[..., Path]) -> Path:
    return e2e_policy_factory()
