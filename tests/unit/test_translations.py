"""The French translation is complete: every tr()/translate() string in the code has French.

lupdate runs on the current source into a temporary copy of resources/translations/acmail_fr.ts, so a
string added to the code without French (or whose English changed) shows up as unfinished here and is
named with its context. Fix with scripts/i18n_merge.py (JSON from /tmp/acmail-i18n) or Qt Linguist.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

ROOT = Path(__file__).resolve().parents[2]
SHIPPED_TS = ROOT / "resources" / "translations" / "acmail_fr.ts"
SOURCE_DIR = ROOT / "acmail_desktop"
PLACEHOLDER = re.compile(r"%(?:n|\d+)")
ACCELERATOR = re.compile(r"&(?!&)\S")


def _tool(name: str) -> str:
    local = Path(sys.executable).parent / name
    found = str(local) if local.exists() else shutil.which(name)
    assert found, f"{name} not found: run `make setup`"
    return found


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    forms: tuple[str, ...]  # one text, or the numerus forms
    unfinished: bool

    @property
    def label(self) -> str:
        return f"{self.context} / {self.source!r}"


def lupdate_into(ts: Path, *sources: Path) -> None:
    """Refresh `ts` from the given source trees exactly as `make translations` does."""
    result = subprocess.run([_tool("pyside6-lupdate"), "-silent", "-extensions", "py", "-no-obsolete",
                             *map(str, sources), "-ts", str(ts)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def read_ts(ts: Path) -> list[Message]:
    messages = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None:
                messages.append(Message(name, message.findtext("source") or "", ("",), True))
                continue
            numerus = translation.findall("numerusform")
            forms = tuple(f.text or "" for f in numerus) if numerus else (translation.text or "",)
            messages.append(Message(name, message.findtext("source") or "", forms,
                                    translation.get("type") in ("unfinished", "vanished", "obsolete")))
    return messages


def untranslated(messages: list[Message]) -> list[str]:
    return [m.label + (" is unfinished" if m.unfinished else " has an empty translation")
            for m in messages if m.unfinished or not all(f.strip() for f in m.forms)]


@pytest.fixture(scope="module")
def current_ts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped .ts brought up to date with the code, in a temporary copy."""
    assert SHIPPED_TS.exists(), f"{SHIPPED_TS} is missing: run `make translations`"
    ts = tmp_path_factory.mktemp("i18n") / SHIPPED_TS.name
    shutil.copy(SHIPPED_TS, ts)
    lupdate_into(ts, SOURCE_DIR)
    return ts


@pytest.fixture(scope="module")
def messages(current_ts: Path) -> list[Message]:
    found = read_ts(current_ts)
    assert len(found) > 50, "lupdate found suspiciously few strings"
    return found


def test_every_source_string_has_a_french_translation(messages: list[Message]) -> None:
    problems = untranslated(messages)
    assert not problems, ("strings without French (add them to /tmp/acmail-i18n/*.json and run "
                          "scripts/i18n_merge.py):\n  " + "\n  ".join(problems))


def test_shipped_ts_is_complete() -> None:
    """The committed file itself, not only the refreshed copy, has no unfinished entry."""
    problems = untranslated(read_ts(SHIPPED_TS))
    assert not problems, "run scripts/i18n_merge.py:\n  " + "\n  ".join(problems)


def test_placeholders_match(messages: list[Message]) -> None:
    problems = []
    for message in messages:
        expected = sorted(set(PLACEHOLDER.findall(message.source)))
        for form in message.forms:
            if form and sorted(set(PLACEHOLDER.findall(form))) != expected:
                problems.append(f"{message.label}: source has {expected}, French {form!r}")
    assert not problems, "\n  ".join(["placeholders differ:", *problems])


def test_accelerators_kept(messages: list[Message]) -> None:
    """A source with an &-shortcut keeps one in French, or keyboard users lose it."""
    problems = [f"{m.label} -> {m.forms[0]!r}" for m in messages
                if ACCELERATOR.search(m.source) and m.forms[0] and not ACCELERATOR.search(m.forms[0])]
    assert not problems, "\n  ".join(["French lost the keyboard shortcut:", *problems])


def _tr_calls_with_computed_text(path: Path) -> list[str]:
    """tr()/translate() calls lupdate cannot file under the right context, so they never get French."""
    problems = []
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        literal_args = {"tr": 1, "translate": 2}.get(name)
        if literal_args is None:
            continue
        args = node.args[:literal_args]
        where = f"{path.name}:{node.lineno}: {ast.unparse(node)[:90]}"
        if name == "translate" and args and ast.unparse(args[0]) == "catalogue.CONTEXT":
            # The catalogue's texts (core/catalogue.py) are extracted where they are written, through
            # QT_TRANSLATE_NOOP; tests/unit/test_catalogue.py checks each one has its French.
            continue
        if len(args) < literal_args or not all(isinstance(a, ast.Constant) and isinstance(a.value, str)
                                               for a in args):
            problems.append(where + " (text is not a literal)")
        elif name == "tr" and not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                                   and func.value.id == "self"):
            # lupdate names the context after the variable ("dialog"), Qt after the class: never found.
            problems.append(where + " (use self.tr() in the class, or translate('Class', ...))")
    return problems


def test_translated_text_is_literal_so_lupdate_extracts_it() -> None:
    problems = [p for path in sorted((SOURCE_DIR / "ui").rglob("*.py")) for p in _tr_calls_with_computed_text(path)]
    assert not problems, "\n  ".join(["lupdate cannot file these strings under the right context:", *problems])


def test_a_new_string_without_french_is_caught(current_ts: Path, tmp_path: Path) -> None:
    """The completeness check above can fail: a new tr() string is reported with its context."""
    probe = tmp_path / "probe"
    probe.mkdir()
    (probe / "probe_widget.py").write_text(
        "from PySide6.QtWidgets import QWidget\n\n\n"
        "class ProbeWidget(QWidget):\n"
        "    def build(self) -> None:\n"
        "        self.tr('A string nobody translated')\n", encoding="utf-8")
    ts = tmp_path / "probe_fr.ts"
    shutil.copy(current_ts, ts)
    lupdate_into(ts, SOURCE_DIR, probe)
    assert "ProbeWidget / 'A string nobody translated' is unfinished" in untranslated(read_ts(ts))
    assert _tr_calls_with_computed_text(probe / "probe_widget.py") == []


def test_compiled_qm_translates_to_french(current_ts: Path, tmp_path: Path) -> None:
    qm = tmp_path / "acmail_fr.qm"
    result = subprocess.run([_tool("pyside6-lrelease"), "-silent", str(current_ts), "-qm", str(qm)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    translator = QTranslator()
    assert translator.load(str(qm)), qm
    assert translator.language() == "fr_FR"
    assert translator.translate("LoginWindow", "&Sign in") == "&Valider"
    assert translator.translate("Folders", "Inbox") == "Boîte de réception"
    assert translator.translate("MainWindow", "%n message(s)", None, 1) == "%n message"
    assert translator.translate("MainWindow", "%n message(s)", None, 3) == "%n messages"
    assert translator.translate("LoginWindow", "No such string in AcMail") == ""


PROBE_TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>ProbeDialog</name>
    <message>
        <source>Save &amp; close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Conservé</translation>
    </message>
</context>
</TS>
"""


def test_merge_script_fills_refuses_and_is_idempotent(tmp_path: Path) -> None:
    ts = tmp_path / "probe_fr.ts"
    ts.write_text(PROBE_TS, encoding="utf-8")
    french = tmp_path / "probe.json"
    french.write_text(json.dumps({
        "ProbeDialog": {"Save & close": "Enregistrer & fermer", "Sent to %1": "Envoyé",
                        "%n file(s)": ["%n fichier", "%n fichiers"], "Kept": "Autre"},
        "ProbeDialgo": {"Typo context": "Contexte mal écrit"},
    }), encoding="utf-8")

    def merge() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, str(ROOT / "scripts" / "i18n_merge.py"), "--dir", str(tmp_path / "none"),
                               "--ts", str(ts), "--no-lupdate", str(french)],
                              capture_output=True, text=True, check=False)

    first = merge()
    assert first.returncode == 1, first.stdout + first.stderr  # "Sent to %1" lost its placeholder: refused
    assert "ProbeDialog / 'Sent to %1'" in first.stdout.split("Still unfinished")[1]
    assert "ProbeDialgo / 'Typo context'" in first.stdout  # reported as matching nothing
    assert "Kept the existing translation" in first.stdout
    messages = {m.source: m for m in read_ts(ts)}
    assert messages["Save & close"].forms == ("Enregistrer & fermer",) and not messages["Save & close"].unfinished
    assert messages["%n file(s)"].forms == ("%n fichier", "%n fichiers")
    assert messages["Kept"].forms == ("Conservé",)
    assert ts.read_text(encoding="utf-8").startswith('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>')
    assert (tmp_path / "probe_fr.qm").exists()  # lrelease accepted the rewritten file
    before = ts.read_text(encoding="utf-8")
    merge()
    assert ts.read_text(encoding="utf-8") == before
