"""packaging/qt-runtime-debs.txt: the one list of Debian packages Qt's X11 plugins need.

`make demo` on a fresh Debian stopped with "Could not load the Qt platform plugin xcb" because
bootstrap never installed libxcb-cursor0 and friends, and the offscreen suite could not notice. These
tests derive the need from the plugins themselves (`ldd`, then `dpkg -S`), so a PySide6 upgrade that
links a new library fails here, and check that bootstrap and the .deb read that same list.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LIST = REPO / "packaging" / "qt-runtime-debs.txt"

pytestmark = pytest.mark.skipif(
    not (shutil.which("ldd") and shutil.which("dpkg")), reason="needs a Debian system (ldd, dpkg)"
)

# The plugins a person's session loads on X11: the platform, its GL integrations, the input contexts
# (dead keys: compose, ibus), the svg icon engine and the image formats the app shows.
PLUGIN_GLOBS = (
    "platforms/libqxcb.so",
    "xcbglintegrations/*.so",
    "platforminputcontexts/libcomposeplatforminputcontextplugin.so",
    "platforminputcontexts/libibusplatforminputcontextplugin.so",
    "iconengines/*.so",
    "imageformats/libqsvg.so",
    "imageformats/libqjpeg.so",
    "imageformats/libqgif.so",
    "imageformats/libqico.so",
)


def listed_packages() -> list[str]:
    names = []
    for line in LIST.read_text(encoding="utf-8").splitlines():
        name = line.split("#", 1)[0].strip()
        if name:
            names.append(name)
    return names


def plugin_files() -> list[Path]:
    import PySide6

    plugins = Path(PySide6.__file__).parent / "Qt" / "plugins"
    files = [path for pattern in PLUGIN_GLOBS for path in sorted(plugins.glob(pattern))]
    assert any(path.name == "libqxcb.so" for path in files), f"no xcb platform plugin under {plugins}"
    return files


def system_libraries(plugin: Path) -> tuple[set[str], set[str]]:
    """(resolved system library paths, names ldd could not find) for one plugin, transitively."""
    output = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=True).stdout
    found, missing = set(), set()
    for line in output.splitlines():
        parts = line.split()
        if "=>" not in parts:
            continue
        name, target = parts[0], parts[parts.index("=>") + 1]
        if target == "not":
            missing.add(name)
        elif target.startswith("/") and "PySide6" not in target and "shiboken6" not in target:
            found.add(target)
    return found, missing


def owning_packages(libraries: set[str]) -> dict[str, str]:
    """library path -> the Debian package shipping it; one `dpkg -S` call (each one reads the whole
    database), trying the paths usrmerge makes equivalent."""
    candidates: dict[str, str] = {}
    for library in libraries:
        real = str(Path(library).resolve())
        for path in (library, real, real.removeprefix("/usr"), "/usr" + library):
            candidates.setdefault(path, library)
    output = subprocess.run(["dpkg", "-S", *candidates], capture_output=True, text=True).stdout
    owners: dict[str, str] = {}
    for line in output.splitlines():
        package, _, path = line.partition(": ")
        if path in candidates:
            owners.setdefault(candidates[path], package.split(":", 1)[0].strip())
    unowned = libraries - owners.keys()
    assert not unowned, f"no Debian package owns {sorted(unowned)}"
    return owners


def test_every_library_the_x11_plugins_load_is_installed_and_listed():
    listed = set(listed_packages())
    libraries: set[str] = set()
    not_found: dict[str, set[str]] = {}
    for plugin in plugin_files():
        found, missing = system_libraries(plugin)
        libraries |= found
        if missing:
            not_found[plugin.name] = missing
    assert not not_found, f"libraries missing on this machine (run scripts/bootstrap.sh as root): {not_found}"
    unlisted = {package: library for library, package in owning_packages(libraries).items() if package not in listed}
    assert not unlisted, f"add to packaging/qt-runtime-debs.txt: {sorted(unlisted.items())}"


def test_the_list_has_no_duplicates_and_is_not_empty():
    names = listed_packages()
    assert "libxcb-cursor0" in names and len(names) == len(set(names))


def test_bootstrap_installs_the_list():
    result = subprocess.run(
        ["bash", str(REPO / "scripts" / "bootstrap.sh"), "--list-debian-packages"],
        capture_output=True, text=True, check=True, cwd=REPO,
    )
    assert set(listed_packages()) <= set(result.stdout.split())


def test_the_deb_depends_on_the_list():
    result = subprocess.run(
        ["bash", str(REPO / "packaging" / "debian" / "render-control.sh"), "1.0", "amd64", "1"],
        capture_output=True, text=True, check=True,
    )
    depends_line = next(line for line in result.stdout.splitlines() if line.startswith("Depends:"))
    depends = {item.strip().split(" ", 1)[0] for item in depends_line.removeprefix("Depends:").split(",")}
    assert set(listed_packages()) <= depends
    assert not re.search(r"@[A-Z]+@", result.stdout), "a placeholder of control.in was left unreplaced"
