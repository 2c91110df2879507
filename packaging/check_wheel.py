"""Check that a built wheel ships what AcMail needs at run time (profiles, translations, icons, schema)."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

REQUIRED = (
    "acmail_desktop/resources/providers/versailles.xml",
    "acmail_desktop/resources/translations/acmail_fr.qm",
    "acmail_desktop/resources/icons/acmail.svg",
    "acmail_desktop/resources/icons/acmail-256.png",
    "acmail_desktop/resources/policy.schema.json",
    "acmail_desktop/resources/acmail.desktop",
    "acmail_desktop/core/policy.py",
    "acmail_desktop/core/shared_session.py",
)


def missing_from(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    problems = [name for name in REQUIRED if name not in names]
    if sum(1 for n in names if n.startswith("acmail_desktop/resources/providers/") and n.endswith(".xml")) < 30:
        problems.append("acmail_desktop/resources/providers/*.xml (fewer than 30 profiles)")
    return problems


def main(argv: list[str]) -> int:
    wheel = Path(argv[1])
    problems = missing_from(wheel)
    for name in problems:
        print(f"{wheel.name}: missing {name}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
