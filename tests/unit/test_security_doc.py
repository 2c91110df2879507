"""docs/security.md names the test that proves each defence: every name it gives must exist."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# `tests/x/test_y.py::test_z`, or `::test_z` for another test of the last file named in the row.
_REFERENCE = re.compile(r"`(tests/[\w/]+\.py)?(?:::(\w+))?`")


def _test_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test_")}


def test_every_test_named_in_the_security_doc_exists() -> None:
    doc = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    missing, seen = [], 0
    for line in doc.splitlines():
        current: Path | None = None
        for file, function in _REFERENCE.findall(line):
            if file:
                current = ROOT / file
                if not current.is_file():
                    missing.append(file)
                    continue
            if function:
                seen += 1
                if current is None or function not in _test_names(current):
                    missing.append(f"{current}::{function}")
    assert seen > 30 and missing == []
