"""`make package`: the wheel installs into a clean venv and starts; the .deb is what an administrator can
deploy: both commands start from the unpacked package, its menu entry and AppStream file validate,
lintian finds no error or warning (report kept in build/reports/lintian-acmail.txt), every library the
shipped Qt loads comes from the package or from its Depends, and the work tree stays clean.

`make package` takes 1 to 3 minutes here (pip's wheel cache warm; 61 s and 87 s quiet, 206 s under load). Set
ACMAIL_REUSE_PACKAGES=1 to test the artefacts already in dist/ instead of building them again.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from acmail_desktop import __version__

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]

REPO = Path(__file__).resolve().parents[2]
DIST = REPO / "dist"
REPORTS = REPO / "build" / "reports"
sys.path.insert(0, str(REPO / "packaging"))
import check_runtime  # noqa: E402  (packaging/ is not a package)


def git_status() -> str:
    return subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=REPO,
                          capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def packages() -> tuple[Path, Path]:
    wheel = DIST / f"acmail_desktop-{__version__}-py3-none-any.whl"
    debs = sorted(DIST.glob(f"acmail_{__version__}_*.deb"))
    if not (os.environ.get("ACMAIL_REUSE_PACKAGES") and wheel.exists() and debs):
        before = git_status()
        result = subprocess.run(["make", "package"], cwd=REPO, capture_output=True, text=True, timeout=1500)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        assert git_status() == before, "make package changed the work tree"
        debs = sorted(DIST.glob(f"acmail_{__version__}_*.deb"))
    assert wheel.exists() and debs
    return wheel, debs[-1]


@pytest.fixture(scope="module")
def unpacked(packages: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("deb-root")
    subprocess.run(["dpkg-deb", "-x", str(packages[1]), str(root)], check=True, timeout=300)
    return root


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
                   "policy.schema.json", "acmail.desktop", "fr.acmail.acmail.metainfo.xml"):
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


def control_field(deb: Path, field: str) -> str:
    return subprocess.run(["dpkg-deb", "--field", str(deb), field], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_deb_control_and_contents(packages: tuple[Path, Path]) -> None:
    _wheel, deb = packages
    print(f"\ndeb: {deb.name} {deb.stat().st_size} bytes, installed {control_field(deb, 'Installed-Size')} KiB")
    assert control_field(deb, "Package") == "acmail" and control_field(deb, "Version") == __version__
    maintainer = control_field(deb, "Maintainer")
    assert re.fullmatch(r"[^,<>]+ <[^@\s]+@[^@\s]+\.[a-z]{2,}>", maintainer) and ".invalid" not in maintainer
    depends = {re.sub(r"\s*\(.*\)", "", item.strip()) for item in control_field(deb, "Depends").split(",")}
    listed = {line.strip() for line in (REPO / "packaging/qt-runtime-debs.txt").read_text().splitlines()
              if line.strip() and not line.startswith("#")}
    assert listed <= depends, listed - depends  # in step with the list scripts/bootstrap.sh installs
    (package, minimum), = check_runtime.DEBIAN_MINIMUM.items()
    assert f"{package} (>= {minimum})" in control_field(deb, "Depends")

    contents = subprocess.run(["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True,
                              check=True).stdout
    for path in ("./usr/bin/acmail", "./usr/bin/acmail-diagnose", "./opt/acmail/pyvenv.cfg",
                 "./usr/share/applications/fr.acmail.acmail.desktop",
                 "./usr/share/metainfo/fr.acmail.acmail.metainfo.xml",
                 "./usr/share/icons/hicolor/scalable/apps/acmail.svg",
                 "./usr/share/icons/hicolor/256x256/apps/acmail.png",
                 "./usr/share/man/man1/acmail.1.gz", "./usr/share/man/man1/acmail-diagnose.1.gz",
                 "./usr/share/man/fr/man1/acmail.1.gz", "./usr/share/man/fr/man1/acmail-diagnose.1.gz",
                 "./usr/share/doc/acmail/changelog.gz", "./usr/share/doc/acmail/copyright",
                 "./usr/share/doc/acmail/RUNTIME", "./usr/share/doc/acmail/examples/policy.json"):
        assert re.search(rf"\s{re.escape(path)}$", contents, re.M), path
    entries = contents.splitlines()
    assert all(" root/root " in line for line in entries), "every file owned by root"
    assert not [e for e in entries if not e.startswith("l") and (e[5] == "w" or e[8] == "w")], \
        "nothing group- or world-writable"
    assert "./etc/acmail/policy.json" not in contents  # the example is never an active policy
    assert ".pyc" not in contents and "__pycache__" not in contents  # postinst compiles, prerm removes
    assert "/bin/pip" not in contents and "/bin/activate" not in contents


def test_deb_runtime_is_debians_python_and_is_recorded(unpacked: Path) -> None:
    app = unpacked / "opt/acmail"
    assert os.readlink(app / "bin/python3.11") == "/usr/bin/python3.11"  # Debian's, with its updates
    assert "home = /usr/bin" in (app / "pyvenv.cfg").read_text()
    record = dict(line.split("=", 1) for line in
                  (unpacked / "usr/share/doc/acmail/RUNTIME").read_text().splitlines())
    assert record["accepted"] == "yes" and record["debian_package"] == "python3.11"
    print(f"\nruntime: Python {record['python']} ({record['debian_package']} {record['debian_version']}), "
          f"{record['openssl']}")
    # Nothing in the package names the build machine's work tree.
    found = subprocess.run(["grep", "-rl", "--binary-files=binary", str(REPO), str(unpacked)],
                           capture_output=True, text=True)
    assert found.stdout == "", found.stdout


def test_both_commands_start_from_the_unpacked_deb(unpacked: Path, tmp_path: Path) -> None:
    diagnose = subprocess.run([str(unpacked / "usr/bin/acmail-diagnose"), "--version"], env=app_env(tmp_path),
                              capture_output=True, text=True, timeout=120)
    assert diagnose.returncode == 0 and diagnose.stdout.strip() == f"acmail-diagnose {__version__}", \
        diagnose.stdout + diagnose.stderr
    start_and_screenshot([str(unpacked / "usr/bin/acmail")], tmp_path, cwd=tmp_path)
    # Every Qt module the code imports survived the pruning of unused Qt parts (printing, for one).
    modules = sorted(set(re.findall(r"PySide6\.(Qt\w+)", " ".join(
        path.read_text(encoding="utf-8") for path in (REPO / "acmail_desktop").rglob("*.py")))))
    imported = subprocess.run([str(unpacked / "opt/acmail/bin/python3"), "-c",
                               f"import PySide6.{', PySide6.'.join(modules)}"], env=app_env(tmp_path),
                              capture_output=True, text=True, timeout=120)
    assert imported.returncode == 0 and "QtPrintSupport" in modules, imported.stderr
    example = unpacked / "usr/share/doc/acmail/examples/policy.json"
    checked = subprocess.run([str(unpacked / "usr/bin/acmail"), "--check-policy", str(example)],
                             env=app_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0 and checked.stdout.startswith("OK"), checked.stdout + checked.stderr


@pytest.mark.skipif(not (shutil.which("desktop-file-validate") and shutil.which("appstreamcli")),
                    reason="desktop-file-utils and appstream are installed by scripts/bootstrap.sh")
def test_menu_entry_and_appstream_file_validate(unpacked: Path) -> None:
    desktop = unpacked / "usr/share/applications/fr.acmail.acmail.desktop"
    checked = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
    assert checked.returncode == 0 and checked.stdout + checked.stderr == "", checked.stdout + checked.stderr
    assert "MimeType=message/rfc822;" in desktop.read_text()
    metainfo = unpacked / "usr/share/metainfo/fr.acmail.acmail.metainfo.xml"
    checked = subprocess.run(["appstreamcli", "validate", "--pedantic", "--no-net", str(metainfo)],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert not re.search(r"^[EWIP]: ", checked.stdout, re.M), checked.stdout


@pytest.mark.skipif(not shutil.which("lintian"), reason="lintian is installed by scripts/bootstrap.sh")
def test_lintian_finds_no_error_or_warning(packages: tuple[Path, Path]) -> None:
    _wheel, deb = packages
    result = subprocess.run(["lintian", "--display-info", "--show-overrides", "--tag-display-limit", "0", str(deb)],
                            capture_output=True, text=True, timeout=900)
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "lintian-acmail.txt").write_text(result.stdout + result.stderr, encoding="utf-8")
    tags = re.findall(r"^([EWIO]): acmail: (\S+)", result.stdout, re.M)
    print("\nlintian:", sorted({f"{level}: {tag}" for level, tag in tags}))
    problems = sorted({f"{level}: {tag}" for level, tag in tags if level in "EW"})
    assert not problems, f"see {REPORTS / 'lintian-acmail.txt'}: {problems}"


def test_every_library_qt_loads_comes_from_the_package_or_its_depends(packages: tuple[Path, Path],
                                                                       unpacked: Path) -> None:
    """The Depends line is in step with the shipped Qt plugins: nothing they load is left to chance."""
    depends = {re.sub(r"\s*\(.*\)", "", item.strip()) for item in control_field(packages[1], "Depends").split(",")}
    shipped = {path.name for path in unpacked.rglob("*.so*")}
    unmet: dict[str, set[str]] = {}
    owners_of: dict[str, set[str]] = {}
    for elf in (unpacked / "opt/acmail").rglob("*.so*"):
        dynamic = subprocess.run(["readelf", "-d", str(elf)], capture_output=True, text=True).stdout
        for needed in re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", dynamic):
            if needed in shipped:
                continue
            if needed not in owners_of:
                found = subprocess.run(["dpkg-query", "-S", f"*/{needed}"], capture_output=True, text=True).stdout
                owners_of[needed] = {owner.split(":")[0].strip() for line in found.splitlines()
                                     for owner in line.rsplit(": ", 1)[0].split(",")}
            owners = owners_of[needed]
            if not owners & depends:
                unmet.setdefault(f"{needed} ({', '.join(sorted(owners)) or 'not installed here'})",
                                 set()).add(elf.name)
    assert not unmet, unmet


@pytest.mark.skipif(os.geteuid() != 0, reason="dpkg --root writes files owned by root")
def test_dpkg_installs_and_removes_it_without_a_trace_in_a_throwaway_root(packages: tuple[Path, Path],
                                                                           tmp_path: Path) -> None:
    """The maintainer scripts as dpkg runs them: postinst byte-compiles, purge leaves nothing behind."""
    root = tmp_path / "root"
    (root / "var/lib/dpkg/updates").mkdir(parents=True)
    (root / "var/lib/dpkg/info").mkdir()
    (root / "var/lib/dpkg/status").touch()
    # An empty root has none of the Depends; the scripts run with DPKG_ROOT set instead of chrooted.
    dpkg = ["dpkg", f"--root={root}", "--force-script-chrootless", "--force-depends"]
    installed = subprocess.run([*dpkg, "-i", str(packages[1])], capture_output=True, text=True, timeout=600)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert "Setting up acmail" in installed.stdout
    assert list((root / "opt/acmail/lib").rglob("*.pyc")), "postinst byte-compiles the Python code"
    version = subprocess.run([str(root / "usr/bin/acmail-diagnose"), "--version"], capture_output=True, text=True,
                             timeout=120)
    assert version.stdout.strip() == f"acmail-diagnose {__version__}", version.stderr
    purged = subprocess.run([*dpkg, "--purge", "acmail"], capture_output=True, text=True, timeout=600)
    assert purged.returncode == 0, purged.stdout + purged.stderr
    left = [str(p.relative_to(root)) for p in root.rglob("*") if not str(p.relative_to(root)).startswith("var")]
    assert left == [], left
