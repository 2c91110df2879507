#!/usr/bin/env python3
"""Bring resources/translations/acmail_fr.ts up to date and fill it from French JSON files.

Engineers write their French as JSON, `{"<Qt context>": {"<English source>": "<French>"}}`, in
/tmp/acmail-i18n/*.json (or pass files on the command line). This script:

1. runs pyside6-lupdate on acmail_desktop/ so the .ts lists exactly the strings in the code;
2. fills every unfinished message whose context and English source match a JSON entry
   (a numerus `%n` message takes a list of forms, or one string used for every form);
3. runs lupdate again so the file keeps lupdate's own formatting, then compiles the .qm;
4. prints what is still unfinished, JSON entries that match nothing (wrong context, stale text),
   and translations refused because their %1/%n placeholders differ from the source.

Idempotent: finished translations are kept unless --overwrite is given (a differing JSON entry
is reported). Exit status: 0 when every message is translated, 1 when some remain unfinished,
2 on a usage or tool error.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TS = ROOT / "resources" / "translations" / "acmail_fr.ts"
DEFAULT_DIR = Path("/tmp/acmail-i18n")
SOURCE_DIR = ROOT / "acmail_desktop"
PLACEHOLDER = re.compile(r"%(?:n|\d+)")

Translations = dict[str, dict[str, "str | list[str]"]]


@dataclass
class Report:
    filled: list[tuple[str, str]] = field(default_factory=list)
    overwritten: list[tuple[str, str]] = field(default_factory=list)
    kept: list[tuple[str, str, str, str]] = field(default_factory=list)
    refused: list[tuple[str, str, str]] = field(default_factory=list)
    unmatched: list[tuple[str, str, str]] = field(default_factory=list)
    unfinished: list[tuple[str, str]] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def tool(name: str) -> str:
    """The Qt tool next to this interpreter (the venv), else on PATH."""
    local = Path(sys.executable).parent / name
    if local.exists():
        return str(local)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"i18n_merge: {name} not found (run `make setup`)")
    return found


def run_lupdate(ts: Path, sources: Path = SOURCE_DIR) -> None:
    command = [tool("pyside6-lupdate"), "-silent", "-extensions", "py", "-no-obsolete", str(sources),
               "-ts", str(ts)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(2)
    if result.stderr.strip():
        sys.stderr.write(result.stderr)


def run_lrelease(ts: Path, qm: Path) -> None:
    result = subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(2)


def load_translations(files: list[Path], report: Report) -> tuple[Translations, dict[tuple[str, str], Path]]:
    """Merge the JSON files in order; a later file wins, and every disagreement is reported."""
    merged: Translations = {}
    origin: dict[tuple[str, str], Path] = {}
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            report.problems.append(f"{path}: unreadable JSON ({exc})")
            continue
        if not isinstance(data, dict):
            report.problems.append(f"{path}: expected an object {{context: {{english: french}}}}")
            continue
        for context, messages in data.items():
            if not isinstance(messages, dict):
                report.problems.append(f"{path}: context {context!r} is not an object")
                continue
            for source, french in messages.items():
                valid = isinstance(french, str) or (
                    isinstance(french, list) and french and all(isinstance(f, str) for f in french))
                if not valid:
                    report.problems.append(f"{path}: {context} / {source!r}: translation must be a string "
                                           "or a list of strings (plural forms)")
                    continue
                key = (context, source)
                previous = merged.get(context, {}).get(source)
                if previous is not None and previous != french:
                    report.conflicts.append(f"{context} / {source!r}: {origin[key].name} says {previous!r}, "
                                            f"{path.name} says {french!r} (using the latter)")
                merged.setdefault(context, {})[source] = french
                origin[key] = path
    return merged, origin


def placeholders(text: str) -> list[str]:
    return sorted(set(PLACEHOLDER.findall(text)))


def _is_unfinished(translation: ET.Element) -> bool:
    if translation.get("type") == "unfinished":
        return True
    forms = translation.findall("numerusform")
    if forms:
        return any(not (f.text or "").strip() for f in forms)
    return not (translation.text or "").strip()


def _current(translation: ET.Element) -> str | list[str]:
    forms = translation.findall("numerusform")
    if forms:
        return [f.text or "" for f in forms]
    return translation.text or ""


def fill(ts: Path, translations: Translations, report: Report, overwrite: bool) -> None:
    """Fill matching messages in the .ts in place; the DOCTYPE and lupdate's layout are kept."""
    tree = ET.parse(ts)
    root = tree.getroot()
    used: set[tuple[str, str]] = set()
    changed = False
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        wanted = translations.get(name, {})
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation", {"type": "unfinished"})
            if translation.get("type") in ("vanished", "obsolete"):
                continue
            french = wanted.get(source)
            unfinished = _is_unfinished(translation)
            if french is not None:
                used.add((name, source))
                problem = _placeholder_problem(source, french)
                if problem:
                    report.refused.append((name, source, problem))
                elif unfinished or (overwrite and _current(translation) != french):
                    _set(translation, message, french)
                    (report.overwritten if not unfinished else report.filled).append((name, source))
                    unfinished = False
                    changed = True
                elif _current(translation) != french:
                    report.kept.append((name, source, str(_current(translation)), str(french)))
            if unfinished:
                report.unfinished.append((name, source))
    contexts_of: dict[str, set[str]] = {}
    for context in root.iter("context"):
        for message in context.iter("message"):
            contexts_of.setdefault(message.findtext("source") or "", set()).add(context.findtext("name") or "")
    for context_name, messages in translations.items():
        for source in messages:
            if (context_name, source) not in used:
                elsewhere = sorted(contexts_of.get(source, set()) - {context_name})
                hint = f"the code has it in context {', '.join(elsewhere)}" if elsewhere else ""
                report.unmatched.append((context_name, source, hint))
    if changed:
        ET.indent(tree, space="    ")
        body = ET.tostring(root, encoding="unicode")
        ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def _placeholder_problem(source: str, french: str | list[str]) -> str:
    forms = french if isinstance(french, list) else [french]
    for form in forms:
        if not form.strip():
            return "empty translation"
        if placeholders(form) != placeholders(source):
            return f"placeholders {placeholders(source)} in the source but {placeholders(form)} in {form!r}"
    return ""


def _set(translation: ET.Element, message: ET.Element, french: str | list[str]) -> None:
    translation.attrib.pop("type", None)
    if message.get("numerus") == "yes":
        forms = translation.findall("numerusform") or [ET.SubElement(translation, "numerusform")]
        values = french if isinstance(french, list) else [french]
        while len(forms) < len(values):
            forms.append(ET.SubElement(translation, "numerusform"))
        for index, form in enumerate(forms):
            form.text = values[min(index, len(values) - 1)]
        translation.text = None
    else:
        translation.text = french if isinstance(french, str) else french[0]


def print_report(report: Report, ts: Path) -> None:
    def show(title: str, rows: list[str]) -> None:
        if rows:
            print(f"\n{title} ({len(rows)}):")
            for row in rows:
                print(f"  {row}")

    show("JSON problems", report.problems)
    show("Conflicting translations between JSON files", report.conflicts)
    show("Refused (placeholders differ)", [f"{c} / {s!r}: {why}" for c, s, why in report.refused])
    show("Kept the existing translation (use --overwrite to replace)",
         [f"{c} / {s!r}: .ts has {old!r}, JSON has {new!r}" for c, s, old, new in report.kept])
    show("JSON entries matching no source string (wrong context or outdated English?)",
         [f"{c} / {s!r}" + (f" ({hint})" if hint else "") for c, s, hint in report.unmatched])
    print(f"\n{ts.name}: filled {len(report.filled)}, replaced {len(report.overwritten)}, "
          f"still unfinished {len(report.unfinished)}")
    show("Still unfinished", [f"{c} / {s!r}" for c, s in report.unfinished])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("json", nargs="*", type=Path, help="more JSON files (applied after the directory's)")
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="directory of *.json (%(default)s)")
    parser.add_argument("--ts", type=Path, default=DEFAULT_TS, help="the .ts to update (%(default)s)")
    parser.add_argument("--overwrite", action="store_true", help="replace finished translations that differ")
    parser.add_argument("--no-lupdate", action="store_true", help="only fill the .ts as it is")
    parser.add_argument("--no-release", action="store_true", help="do not compile the .qm")
    args = parser.parse_args(argv)

    files = sorted(args.dir.glob("*.json")) if args.dir.is_dir() else []
    files += [p for p in args.json if p not in files]
    missing = [p for p in files if not p.is_file()]
    if missing:
        print(f"i18n_merge: no such file: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    report = Report()
    translations, _ = load_translations(files, report)
    print(f"i18n_merge: {sum(len(m) for m in translations.values())} JSON entries from {len(files)} file(s)")
    if not args.no_lupdate:
        run_lupdate(args.ts)
    if not args.ts.exists():
        print(f"i18n_merge: {args.ts} does not exist (drop --no-lupdate)", file=sys.stderr)
        return 2
    fill(args.ts, translations, report, args.overwrite)
    if not args.no_lupdate:
        run_lupdate(args.ts)  # back to lupdate's canonical layout, so re-runs change nothing
    if not args.no_release:
        run_lrelease(args.ts, args.ts.with_suffix(".qm"))
    print_report(report, args.ts)
    return 1 if report.unfinished else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output piped into `head`
        sys.exit(1)
