"""The packaging sources an administrator relies on, checked without building anything (fast).

The runtime minimum refuses an old Python (and records an explicit override); the menu entry and the
AppStream file validate; the Windows files (WiX source, CI workflow, WPKG definition, docs) agree with
each other; Windows user folders roam as documented; rendering the icons leaves the work tree clean.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import platformdirs.windows
import pytest

from acmail_desktop.core.paths import AppPaths

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "packaging"))
import check_runtime  # noqa: E402  (packaging/ is not a package)

CHECK = REPO / "packaging" / "check_runtime.py"
ADMIN = (REPO / "docs" / "admin.md").read_text(encoding="utf-8")
WXS = (REPO / "packaging" / "windows" / "acmail.wxs").read_text(encoding="utf-8")
WORKFLOW = (REPO / ".github" / "workflows" / "windows-package.yml").read_text(encoding="utf-8")
WIX = "{http://wixtoolset.org/schemas/v4/wxs}"


def run_check(python: str, tmp_path: Path, **env: str) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    record = tmp_path / "RUNTIME"
    clean = {k: v for k, v in os.environ.items() if k != check_runtime.OVERRIDE}
    result = subprocess.run([python, str(CHECK), "--record", str(record), "--depends"], capture_output=True,
                            text=True, env={**clean, **env}, timeout=60)
    fields = dict(line.split("=", 1) for line in record.read_text().splitlines()) if record.exists() else {}
    return result, fields


def test_a_python_below_the_minimum_is_refused_unless_overridden(tmp_path: Path) -> None:
    if check_runtime.judge()[0]:
        pytest.skip(f"this Python ({sys.version.split()[0]}) already meets the minimum")
    refused, fields = run_check(sys.executable, tmp_path)
    assert refused.returncode == 1 and "below the documented minimum" in refused.stderr
    assert fields["accepted"] == "no" and fields["python"] == ".".join(map(str, sys.version_info[:3]))
    allowed, fields = run_check(sys.executable, tmp_path, **{check_runtime.OVERRIDE: "1"})
    assert allowed.returncode == 0, allowed.stderr
    assert fields["accepted"] == f"OVERRIDDEN by {check_runtime.OVERRIDE}"  # recorded in the package


@pytest.mark.skipif(not Path("/usr/bin/python3.11").exists() or not shutil.which("dpkg-query"),
                    reason="Debian's python3.11 is the .deb's runtime (scripts/bootstrap.sh installs it)")
def test_debians_python_is_judged_by_its_package_version(tmp_path: Path) -> None:
    result, fields = run_check("/usr/bin/python3.11", tmp_path)
    (package, minimum), = check_runtime.DEBIAN_MINIMUM.items()
    assert fields["debian_package"] == package
    newer = subprocess.run(["dpkg", "--compare-versions", fields["debian_version"], "ge", minimum]).returncode == 0
    assert (result.returncode == 0) == newer, result.stderr
    if newer:
        assert result.stdout.strip() == f"{package} (>= {minimum})"  # the .deb's Depends item
    # 3.11.2 is far below 3.11.15 by number, yet carries the fixes: never judged by the upstream number.
    assert fields["python"].startswith("3.11.")


def test_the_admin_guide_quotes_the_minimums_the_build_enforces() -> None:
    for version in check_runtime.UPSTREAM_MINIMUM.values():
        assert ".".join(map(str, version)) in ADMIN
    for package, minimum in check_runtime.DEBIAN_MINIMUM.items():
        assert package in ADMIN and minimum in ADMIN


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils not installed")
def test_menu_entry_validates_with_one_main_category() -> None:
    desktop = REPO / "resources" / "acmail.desktop"
    checked = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
    assert checked.returncode == 0 and checked.stdout == "", checked.stdout
    text = desktop.read_text(encoding="utf-8")
    main = {"AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics", "Network",
            "Office", "Science", "Settings", "System", "Utility"}
    categories = re.search(r"^Categories=(.*)$", text, re.M)
    assert categories and len(main & set(categories[1].split(";"))) == 1
    assert len(re.findall(r"^MimeType=", text, re.M)) == 1 and "message/rfc822;" in text


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstream not installed")
def test_appstream_file_is_clean_even_pedantically() -> None:
    metainfo = REPO / "resources" / "fr.acmail.acmail.metainfo.xml"
    checked = subprocess.run(["appstreamcli", "validate", "--pedantic", "--no-net", str(metainfo)],
                             capture_output=True, text=True)
    assert checked.returncode == 0 and not re.search(r"^[EWIP]: ", checked.stdout, re.M), checked.stdout
    images = re.findall(r"<image>https://[^<]+/docs/images/([^<]+)</image>", metainfo.read_text())
    assert images and all((REPO / "docs" / "images" / name).is_file() for name in images)


def test_wix_source_declares_the_version_its_syntax_needs() -> None:
    root = ET.fromstring(WXS.encode())
    assert root.get("RequiredVersion", "").startswith("5.")  # <Files> is a WiX v5 element
    files = root.findall(f".//{WIX}Files")
    assert files and all(f.get("Include", "").startswith("!(bindpath.AppDir)") for f in files)
    assert "$(var.AppDir)" not in WXS
    assert root.find(f".//{WIX}StandardDirectory[@Id='ProgramFiles64Folder']") is not None


def build_commands(text: str) -> list[str]:
    return [" ".join(m.split()) for m in re.findall(r"wix build [^\n]*(?:\n[^\n]*?(?:-d|-o) [^\n]*)?", text)]


def test_every_documented_wix_build_is_x64_with_bind_paths() -> None:
    for where, text in (("acmail.wxs", WXS), ("docs/admin.md", ADMIN), ("windows-package.yml", WORKFLOW)):
        commands = build_commands(text)
        assert commands, where
        for command in commands:
            assert "-arch x64" in command and "-bindpath AppDir=" in command and "-bindpath Res=" in command, \
                (where, command)
    assert "wix --version 5." in WORKFLOW and "wix --version 5." in ADMIN
    assert "pyinstaller" in WORKFLOW and "packaging\\acmail.spec" in WORKFLOW
    assert "check_runtime.py" in WORKFLOW  # the Windows build refuses an old Python too


def test_wpkg_package_installs_upgrades_removes_and_detects_the_msi() -> None:
    ns = "{http://www.wpkg.org/packages}"
    root = ET.parse(REPO / "packaging" / "windows" / "acmail.wpkg.xml").getroot()
    assert root.tag == f"{ns}packages"
    package = root.find("package")
    assert package is not None and package.get("id") == "acmail" and package.get("revision") == "%version%"
    variables = {v.get("name"): v.get("value") for v in package.findall("variable")}
    upgrade_code = re.search(r'UpgradeCode="([^"]+)"', WXS)
    assert upgrade_code and variables["upgradecode"].strip("{}").lower() == upgrade_code[1].lower()
    check = package.find("check")
    assert check is not None and check.get("type") == "uninstall" and check.get("path") == "AcMail"
    assert check.get("condition") == "versiongreaterorequal" and check.get("value") == "%version%"
    for action in ("install", "upgrade"):
        element = package.find(action)
        assert element is not None
        assert "msiexec /i \"%source%\\AcMail-%version%-x64.msi\" /qn" in element.get("cmd", "")
        assert "POLICYFILE=" in element.get("cmd", "")
    remove = package.find("remove")
    assert remove is not None and "RelatedProducts('%upgradecode%')" in remove.get("cmd", "")
    assert "AcMail-$version-x64.msi" in WORKFLOW  # the file name WPKG installs is the one CI builds


def test_windows_settings_roam_and_the_message_cache_stays_local(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ACMAIL_HOME", raising=False)
    monkeypatch.setenv("APPDATA", r"C:\Users\eleve\AppData\Roaming")
    monkeypatch.setenv("LOCALAPPDATA", r"C:\Users\eleve\AppData\Local")
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", platformdirs.windows.get_win_folder_from_env_vars)
    paths = AppPaths.default(platform_dirs=platformdirs.windows.Windows)
    assert str(paths.config_dir).startswith(r"C:\Users\eleve\AppData\Roaming")
    for local in (paths.data_dir, paths.cache_dir, paths.log_dir):
        assert str(local).startswith(r"C:\Users\eleve\AppData\Local")
    assert r"%APPDATA%\AcMail\acmail" in ADMIN


def test_rendering_the_icons_again_leaves_the_work_tree_clean() -> None:
    icons = REPO / "resources" / "icons"
    before = {p.name: p.read_bytes() for p in icons.iterdir()}
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, str(REPO / "packaging" / "render_icons.py")], check=True, env=env,
                   timeout=120)
    assert {p.name: p.read_bytes() for p in icons.iterdir()} == before
