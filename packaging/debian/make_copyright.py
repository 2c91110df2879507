"""Write the .deb's debian/copyright: AcMail's own paragraph, then one per bundled Python distribution.

Run with the Python of the packaged virtual environment, so the list is exactly what ships:
    /path/to/opt/acmail/bin/python packaging/debian/make_copyright.py packaging/debian/copyright
Each distribution's licence comes from its own metadata and licence files (never typed by hand);
licences Debian keeps in /usr/share/common-licenses are referred to, the others are quoted in full.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

# SPDX-ish names found in metadata -> (DEP-5 short name, file in /usr/share/common-licenses or None).
COMMON = {
    "apache-2.0": ("Apache-2.0", "Apache-2.0"), "apache software license": ("Apache-2.0", "Apache-2.0"),
    "gpl-3.0": ("GPL-3", "GPL-3"), "gnu general public license v3 (gplv3)": ("GPL-3", "GPL-3"),
    "gpl-3.0-only": ("GPL-3", "GPL-3"), "gpl-3.0-or-later": ("GPL-3+", "GPL-3"),
    "gnu general public license v3 or later (gplv3+)": ("GPL-3+", "GPL-3"),
    "gpl-2.0-only": ("GPL-2", "GPL-2"), "gpl-2.0": ("GPL-2", "GPL-2"),
    "lgpl-3.0-only": ("LGPL-3", "LGPL-3"), "lgpl-3.0": ("LGPL-3", "LGPL-3"),
    "gnu lesser general public license v3 (lgplv3)": ("LGPL-3", "LGPL-3"),
    "mpl-2.0": ("MPL-2.0", "MPL-2.0"), "mozilla public license 2.0 (mpl 2.0)": ("MPL-2.0", "MPL-2.0"),
}
CLASSIFIER_NAMES = {"mit license": "MIT", "bsd license": "BSD-3-clause", "isc license (iscl)": "ISC",
                    "python software foundation license": "PSF-2.0"}
LICENSE_FILE = re.compile(r"(licen[cs]e|copying|notice|authors)", re.I)


def licence_of(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression.strip()
    for classifier in meta.get_all("Classifier") or []:
        if classifier.startswith("License :: ") and not classifier.endswith(":: OSI Approved"):
            name = classifier.rsplit(" :: ", 1)[-1]
            return CLASSIFIER_NAMES.get(name.lower(), name)
    short = (meta.get("License") or "").strip()
    if short and "\n" not in short and len(short) < 60:
        return short
    # No licence metadata: name it from the licence file itself.
    text = " ".join(" ".join(licence_texts(dist)).split())
    if "Redistribution and use in source and binary forms" in text:
        return "BSD-3-clause" if "Neither the name" in text else "BSD-2-clause"
    if "Permission is hereby granted, free of charge" in text:
        return "MIT"
    return "other"


# Full texts Debian already ships: quoted by reference, not copied (lintian: copyright-file-contains-full-*).
FULL_TEXT_MARKERS = {"Apache License\n": "Apache-2.0", "GNU GENERAL PUBLIC LICENSE": "GPL-3",
                     "GNU LESSER GENERAL PUBLIC LICENSE": "LGPL-3"}


def licence_texts(dist: metadata.Distribution) -> list[str]:
    texts = []
    for file in dist.files or []:
        if ".dist-info/" in str(file) and LICENSE_FILE.search(file.name):
            path = Path(str(dist.locate_file(file)))
            if path.is_file():
                text = path.read_text(encoding="utf-8", errors="replace")
                common = next((name for marker, name in FULL_TEXT_MARKERS.items()
                               if marker in text[:600] and len(text) > 5000), None)
                texts.append(f"The full text is in /usr/share/common-licenses/{common} on Debian systems."
                             if common else text)
    return texts


def dep5_text(text: str) -> str:
    """Indent a licence text for a DEP-5 field: every line starts with a space, empty lines are ' .'."""
    return "\n".join(f" {line.rstrip()}" if line.strip() else " ." for line in text.strip().splitlines())


def paragraph(dist: metadata.Distribution, site: str) -> str:
    name = dist.metadata["Name"]
    top = sorted({str(f).split("/", 1)[0] for f in dist.files or [] if not str(f).startswith((".", "..")) and
                  "/" in str(f) and ".dist-info" not in str(f)}) or [name]
    files = " ".join(f"{site}/{t}/*" for t in top)
    author = dist.metadata.get("Author") or dist.metadata.get("Author-email") or dist.metadata.get("Maintainer") \
        or f"the {name} authors"
    licence = licence_of(dist)
    choices = [COMMON.get(part.strip().strip("()").lower()) for part in re.split(r"\s+OR\s+", licence)]
    head = (f"Files: {files}\nCopyright: {author.strip()}\nComment: {name} {dist.version}, from its "
            f"release on the Python Package Index.")
    if all(choices):
        names = " or ".join(short for short, _file in choices)  # type: ignore[misc]
        where = ", ".join(f"/usr/share/common-licenses/{file}" for _short, file in choices)  # type: ignore[misc]
        return f"{head}\nLicense: {names}\n On Debian systems the full texts are in {where}."
    texts = licence_texts(dist)
    body = "\n .\n".join(dep5_text(t) for t in texts) if texts else \
        f" No licence file ships in the wheel; its metadata says: {licence}."
    return f"{head}\nLicense: {licence}\n{body}"


def main(argv: list[str]) -> int:
    header = Path(argv[1]).read_text(encoding="utf-8").rstrip()
    purelib = next(p for p in sys.path if p.endswith("site-packages"))
    site = "opt/acmail/" + purelib.split("/opt/acmail/", 1)[-1] if "/opt/acmail/" in purelib else purelib
    parts = [header]
    for dist in sorted(metadata.distributions(path=[purelib]), key=lambda d: d.metadata["Name"].lower()):
        if dist.metadata["Name"].lower().replace("_", "-") == "acmail-desktop":
            continue
        parts.append(paragraph(dist, site))
    print("\n\n".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
