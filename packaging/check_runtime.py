"""Refuse to package AcMail on a Python runtime older than the documented minimum, and record it.

Run it WITH the Python the package will run on (stdlib only):
    /usr/bin/python3.11 packaging/check_runtime.py --record build/deb/RUNTIME --depends
It prints the Debian `Depends` item that keeps installed machines at or above the minimum.

Why a minimum: 3.11.15 / 3.12.13 / 3.13.12 fix header injection in the `email` module
(CVE-2024-6923, CVE-2025-11468, CVE-2026-1299). Debian backports such fixes without changing the
upstream number, so Debian's own Python is judged by its package version instead: bookworm's
python3.11 carries all three from 3.11.2-6+deb12u7 (changelog.Debian.gz; deb12u6 had only
CVE-2024-6923). docs/admin.md quotes these numbers; tests/unit/test_packaging_files.py keeps the two in step.
Override (an explicit, recorded decision): ACMAIL_ALLOW_OLD_RUNTIME=1.
"""

from __future__ import annotations

import argparse
import os
import platform
import ssl
import subprocess
import sys
import sysconfig
from pathlib import Path

# Upstream CPython releases carrying the e-mail header-injection fixes, per minor version.
UPSTREAM_MINIMUM = {(3, 11): (3, 11, 15), (3, 12): (3, 12, 13), (3, 13): (3, 13, 12)}
NEWEST_MINOR_CHECKED = (3, 13)  # later minors were released with the fixes
# Debian package versions of the standard library carrying the same fixes (see docstring).
DEBIAN_MINIMUM = {"python3.11": "3.11.2-6+deb12u7"}  # source package; binary `python3.11` pins the rest
OVERRIDE = "ACMAIL_ALLOW_OLD_RUNTIME"


def debian_stdlib_package() -> tuple[str, str] | None:
    """(source package, version) of the Debian package owning this Python's `email` module, if any."""
    email_module = Path(sysconfig.get_paths()["stdlib"]) / "email" / "generator.py"
    try:
        owner = subprocess.run(["dpkg-query", "-S", str(email_module.resolve())], capture_output=True,
                               text=True, timeout=30)
    except OSError:
        return None
    if owner.returncode != 0:
        return None
    package = owner.stdout.split(":", 1)[0].strip()
    source = subprocess.run(["dpkg-query", "-W", "-f=${source:Package} ${source:Version}", package],
                            capture_output=True, text=True, timeout=30).stdout.split()
    return (source[0], source[1]) if len(source) == 2 else None


def debian_version_at_least(version: str, minimum: str) -> bool:
    return subprocess.run(["dpkg", "--compare-versions", version, "ge", minimum], timeout=30).returncode == 0


def judge() -> tuple[bool, dict[str, str]]:
    """Whether this runtime is recent enough, and what to record about it."""
    record = {"python": platform.python_version(), "implementation": platform.python_implementation(),
              "openssl": ssl.OPENSSL_VERSION, "executable": sys.executable}
    debian = debian_stdlib_package()
    if debian and debian[0] in DEBIAN_MINIMUM:
        package, version = debian
        minimum = DEBIAN_MINIMUM[package]
        record.update(debian_package=package, debian_version=version, minimum=f"{package} {minimum}",
                      depends=f"{package} (>= {minimum})")
        return debian_version_at_least(version, minimum), record
    if debian:
        record.update(debian_package=debian[0], debian_version=debian[1],
                      minimum=f"no known minimum for {debian[0]}")
        return False, record
    minor = sys.version_info[:2]
    if minor > NEWEST_MINOR_CHECKED:
        record["minimum"] = f"{minor[0]}.{minor[1]}.0"
        return True, record
    minimum_upstream = UPSTREAM_MINIMUM.get(minor)
    record["minimum"] = ".".join(map(str, minimum_upstream)) if minimum_upstream else "3.11.15"
    return bool(minimum_upstream) and sys.version_info[:3] >= minimum_upstream, record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", type=Path, help="write what was found to this file (key=value)")
    parser.add_argument("--depends", action="store_true", help="print the Debian Depends item")
    args = parser.parse_args(argv)
    ok, record = judge()
    overridden = not ok and os.environ.get(OVERRIDE) == "1"
    record["accepted"] = "yes" if ok else ("OVERRIDDEN by " + OVERRIDE if overridden else "no")
    if args.record:
        args.record.parent.mkdir(parents=True, exist_ok=True)
        args.record.write_text("".join(f"{key}={value}\n" for key, value in record.items()), encoding="utf-8")
    found = record.get("debian_version") or record["python"]
    if not ok:
        print(f"check_runtime: {found} is below the documented minimum {record['minimum']} (e-mail "
              f"header-injection fixes); upgrade the runtime, or set {OVERRIDE}=1 to build anyway",
              file=sys.stderr)
        if not overridden:
            return 1
    if args.depends:
        print(record.get("depends", ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
