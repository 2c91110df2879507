"""`make package`: the wheel installs into a clean venv and starts; the .deb is well formed and its
extracted /opt/acmail one-folder app (PyInstaller) starts offscreen. Nothing is installed system-wide.

Building takes a few minutes (PyInstaller, xz). Set ACMAIL_REUSE_PACKAGES=1 to test the artefacts
already in dist/ instead of building them again.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from acmail_desktop import __version__

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]

REPO = Path(__file__).resolve().parents[2]
DIST = REPO / "dist"


@pytest.fixture(scope="module")
def packages() -> tuple[Path, Path]:
    wheel = DIST / f"acmail_desktop-{__version__}-py3-none-any.whl"
    debs = sorted(DIST.glob(f"acmail_{__version__}_*.deb"))
    if not (os.environ.get("ACMAIL_REUSE_PACKAGES") and wheel.exists() and debs):
        result = subprocess.run(["make", "package"], cwd=REPO, capture_output=True, text=True, timeout=1500)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        debs = sorted(DIST.glob(f"acmail_{__version__}_*.deb"))
    assert wheel.exists() and debs
    return wheel, debs[-1]


def app_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "ACMAIL_"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path / "home"),
               ACMAIL_POLICY=str(tmp_path / "no-policy.json"))  # never read the machine's /etc policy
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(tmp_path / "home" / name.lower())
    return env


def start_and_screenshot(command: list[str], tmp_path: Path, cwd: Path) -> Path:
    env = app_env(tmp_path)
    version = subprocess.run([*command, "--version"], env=env, cwd=cwd, capture_output=True, text=True,
                             timeout=120)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"AcMail {__version__}"
    shot = tmp_path / "login.png"
    run = subprocess.run([*command, "--base-dir", str(tmp_path / "profile"), "--log-stderr",
                          "--screenshot", str(shot)], env=env, cwd=cwd, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    assert "login window shown" in run.stderr
    assert "translation not found" not in run.stderr  # the .qm ships
    assert "profile file skipped" not in run.stderr   # all XML profiles ship and load
    assert shot.stat().st_size > 10_000
    return shot


def test_wheel_ships_resources_and_runs_in_a_clean_venv(packages: tuple[Path, Path], tmp_path: Path) -> None:
    wheel, _deb = packages
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    profiles = [n for n in names if re.fullmatch(r"acmail_desktop/resources/providers/[a-z-]+\.xml", n)]
    assert len(profiles) >= 30
    for needed in ("translations/acmail_fr.qm", "icons/acmail.svg", "icons/acmail-256.png",
                   "policy.schema.json", "acmail.desktop", "fr.acmail.AcMail.metainfo.xml"):
        assert f"acmail_desktop/resources/{needed}" in names, needed
    print(f"\nwheel: {wheel.name} {wheel.stat().st_size} bytes")

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    install = subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", str(wheel)],
                             capture_output=True, text=True, timeout=900)
    assert install.returncode == 0, install.stderr[-3000:]
    # Resources come from site-packages, not from this checkout (cwd is elsewhere, no PYTHONPATH).
    where = subprocess.run([str(venv / "bin" / "python"), "-c",
                            "from acmail_desktop.core.paths import resources_dir; print(resources_dir())"],
                           cwd=tmp_path, env=app_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert where.returncode == 0, where.stderr
    assert str(venv) in where.stdout and str(REPO) not in where.stdout
    start_and_screenshot([str(venv / "bin" / "acmail")], tmp_path, cwd=tmp_path)


def test_deb_is_well_formed_and_its_app_starts_when_extracted(packages: tuple[Path, Path], tmp_path: Path) -> None:
    _wheel, deb = packages
    print(f"\ndeb: {deb.name} {deb.stat().st_size} bytes")
    info = subprocess.run(["dpkg-deb", "--info", str(deb)], capture_output=True, text=True, check=True).stdout
    assert "Package: acmail" in info and f"Version: {__version__}" in info
    assert "Depends:" in info and "libxkbcommon-x11-0" in info
    contents = subprocess.run(["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True,
                              check=True).stdout
    for path in ("./usr/bin/acmail", "./opt/acmail/acmail", "./usr/share/applications/fr.acmail.AcMail.desktop",
                 "./usr/share/metainfo/fr.acmail.AcMail.metainfo.xml",
                 "./usr/share/icons/hicolor/scalable/apps/acmail.svg",
                 "./usr/share/icons/hicolor/256x256/apps/acmail.png",
                 "./usr/share/doc/acmail/examples/policy.json"):
        assert re.search(rf"\s{re.escape(path)}$", contents, re.M), path
    entries = contents.splitlines()
    assert all(" root/root " in line for line in entries), "every file owned by root"
    assert not [e for e in entries if not e.startswith("l") and (e[5] == "w" or e[8] == "w")], \
        "nothing group- or world-writable"
    assert "./etc/acmail/policy.json" not in contents  # the example is never an active policy

    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True, timeout=300)
    wrapper = (root / "usr/bin/acmail").read_text(encoding="utf-8")
    assert "exec /opt/acmail/acmail" in wrapper
    app = root / "opt/acmail/acmail"
    start_and_screenshot([str(app)], tmp_path, cwd=tmp_path)
    example = root / "usr/share/doc/acmail/examples/policy.json"
    checked = subprocess.run([str(app), "--check-policy", str(example)], env=app_env(tmp_path),
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0 and checked.stdout.startswith("OK"), checked.stdout + checked.stderr
