"""Architecture rules that a grep can check."""

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "acmail_desktop"


def _python_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def test_core_never_imports_qt() -> None:
    offenders = [str(p) for p in _python_files(PACKAGE / "core")
                 if re.search(r"^\s*(from|import)\s+PySide6", p.read_text(encoding="utf-8"), re.M)]
    assert offenders == []


def test_one_adapter_per_outside_library() -> None:
    """imapclient, smtplib, keyring, confusable_homoglyphs and authres each have exactly one
    importer (their adapter)."""
    owners = {"imapclient": {"core/imap/session.py"}, "smtplib": {"core/smtp.py"},
              "keyring": {"core/secrets.py"}, "confusable_homoglyphs": {"core/addresses.py"},
              "authres": {"core/authresults.py"}}
    for library, allowed in owners.items():
        pattern = re.compile(rf"^\s*(from|import)\s+{library}\b", re.M)
        importers = {str(p.relative_to(PACKAGE)) for p in _python_files(PACKAGE)
                     if pattern.search(p.read_text(encoding="utf-8"))}
        assert importers <= allowed, (library, importers)


def test_bottom_of_core_does_not_depend_on_imap() -> None:
    """The cache, the summaries, SMTP and the shared row/network vocabulary sit below IMAP: they are
    usable (and testable) with no IMAP session, and an IMAP change cannot break sending."""
    bottom = ("core/store.py", "core/summary.py", "core/smtp.py", "core/rows.py", "core/net.py")
    pattern = re.compile(r"^\s*(from|import)\s+acmail_desktop\.core\.imap\b", re.M)
    offenders = [name for name in bottom if pattern.search((PACKAGE / name).read_text(encoding="utf-8"))]
    assert offenders == []


def test_only_the_imap_layer_touches_imapclient() -> None:
    """Outside core/imap/, IMAP goes through ImapSession's typed, deadline-bound methods: reaching for
    `session.client` skips the error translation and the deadline."""
    pattern = re.compile(r"\bsession\.client\b|^\s*(from|import)\s+imapclient\b", re.M)
    offenders = [str(p.relative_to(PACKAGE)) for p in _python_files(PACKAGE)
                 if not p.is_relative_to(PACKAGE / "core" / "imap")
                 and pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_sql_only_in_the_two_databases() -> None:
    """The message cache's SQL lives in core/store.py, the outbox's in core/outbox.py: a window or a
    model that writes its own query bypasses the store's locking, error translation and schema."""
    pattern = re.compile(r"\.execute(many|script)?\(\s*f?[\"']|\.conn\.execute|^\s*(from|import)\s+sqlite3\b", re.M)
    allowed = {"core/store.py", "core/outbox.py"}
    offenders = [name for p in _python_files(PACKAGE)
                 if (name := str(p.relative_to(PACKAGE))) not in allowed
                 and pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_entry_point_is_imported_by_nobody() -> None:
    """`__main__` parses arguments and then imports the GUI; a module importing it back makes a loop."""
    pattern = re.compile(r"^\s*(from|import)\s+acmail_desktop\.__main__\b", re.M)
    assert [str(p) for p in _python_files(PACKAGE) if pattern.search(p.read_text(encoding="utf-8"))] == []


def test_windows_reach_smtp_only_through_the_account() -> None:
    """Every SMTP connection (sending, the SIZE question) is made by core.account.Account, which
    holds the lockout rules: a window that opens its own would bypass them."""
    pattern = re.compile(r"^\s*(from|import)\s+acmail_desktop\.core\.smtp\b", re.M)
    offenders = [str(p.relative_to(PACKAGE)) for p in _python_files(PACKAGE / "ui")
                 if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_no_test_module_imports_another_test_module() -> None:
    """Shared test helpers live in tests/support/ or a *_support.py module, never in a test file
    (importing one runs its tests' module-level setup and hides who owns the helper)."""
    tests = PACKAGE.parent / "tests"
    pattern = re.compile(r"^\s*from\s+tests\.[\w.]*\btest_\w+\s+import|^\s*import\s+tests\.[\w.]*\btest_\w+", re.M)
    offenders = [str(p.relative_to(tests)) for p in sorted(tests.rglob("test_*.py"))
                 if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_diagnostics_checks_are_data_and_their_sections_numbered_in_order() -> None:
    """run.py runs (order, skips, time budget); checks.py holds the steps, sections 1, 2, 3… in order."""
    checks = (PACKAGE / "core/diagnostics/checks.py").read_text(encoding="utf-8")
    numbers = [int(n) for n in re.findall(r"^# --- (\d+)\. ", checks, re.M)]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 10, numbers
    run = (PACKAGE / "core/diagnostics/run.py").read_text(encoding="utf-8")
    assert not re.search(r"^def _?check_", run, re.M), "checks belong in core/diagnostics/checks.py"


def test_one_bounded_run_helper() -> None:
    """The diagnostics bound their blocking calls with core/bounded_run.py, never a hand copy of it
    (discovery's parallel guesses share one deadline, a fan-out rather than a bounded call)."""
    for name in ("core/diagnostics/run.py", "core/diagnostics/checks.py"):
        text = (PACKAGE / name).read_text(encoding="utf-8")
        assert "def run_bounded" not in text and not re.search(r"\.join\(\s*(timeout|max\()", text), name


def test_one_base_for_helper_processes() -> None:
    """Spawning, niceness, memory cap, kill and reap live in core/helper_process.py only."""
    pattern = re.compile(r"^\s*(from|import)\s+multiprocessing\b", re.M)
    importers = {str(p.relative_to(PACKAGE)) for p in _python_files(PACKAGE)
                 if pattern.search(p.read_text(encoding="utf-8"))}
    assert importers <= {"core/helper_process.py"}, importers


def test_only_the_imapclient_adapter_reaches_into_its_connection() -> None:
    """The raw wire reader (core/imap/wire_reader.py) gets the connection through a narrow Channel;
    imapclient's private `_imap` is touched in core/imap/session.py only."""
    pattern = re.compile(r"\._imap\b")
    users = {str(p.relative_to(PACKAGE)) for p in _python_files(PACKAGE)
             if pattern.search(p.read_text(encoding="utf-8"))}
    assert users <= {"core/imap/session.py"}, users
    reader = (PACKAGE / "core/imap/wire_reader.py").read_text(encoding="utf-8")
    assert "imapclient" not in re.sub(r'"""[\s\S]*?"""', "", reader)


TESTS = PACKAGE.parent / "tests"


def test_tests_build_accounts_with_the_one_factory() -> None:
    """tests/support/accounts.py is the one place a test builds a core Account."""
    pattern = re.compile(r"\bAccount\(AccountIdentity\(")
    builders = {str(p.relative_to(TESTS)) for p in sorted(TESTS.rglob("*.py"))
                if pattern.search(p.read_text(encoding="utf-8"))}
    assert builders <= {"support/accounts.py"}, builders


def test_test_screenshots_go_to_the_tests_tmp_dir() -> None:
    """Screenshots go through the `shots` fixture (the test's tmp dir, or ACMAIL_SHOTS), never a
    fixed folder shared by every run and every engineer."""
    offenders = {str(p.relative_to(TESTS)) for p in sorted(TESTS.rglob("*.py"))
                 if re.search(r"""Path\(\s*["'](/tmp/shots|docs/images)""", p.read_text(encoding="utf-8"))}
    assert offenders == set(), offenders


def test_every_acmail_import_names_a_module_that_exists() -> None:
    """Also the imports inside functions, which only run when a rare path does (a renamed module,
    e.g. ui/messages.py -> ui/catalogue.py, must not leave one behind)."""
    import importlib.util

    pattern = re.compile(r"^\s*from\s+(acmail_desktop(?:\.\w+)*)\s+import\b", re.M)
    missing = set()
    for path in [*_python_files(PACKAGE), *sorted(TESTS.rglob("*.py"))]:
        for module in pattern.findall(path.read_text(encoding="utf-8")):
            if importlib.util.find_spec(module) is None:
                missing.add(f"{path.name}: {module}")
    assert not missing, sorted(missing)


def test_one_outbox_driver() -> None:
    """Only ui/outbox.py (OutboxRunner) runs the outbox's send and Sent-copy steps; the compose window
    enqueues through it and listens, and opens no SMTP connection of its own (not even for SIZE)."""
    steps = re.compile(r"\.(send_step|sent_copy_step|send_due|enqueue_message|enqueue)\(")
    callers = {str(p.relative_to(PACKAGE)) for p in _python_files(PACKAGE / "ui")
               if steps.search(p.read_text(encoding="utf-8"))}
    assert callers == {"ui/outbox.py"}
    smtp = re.compile(r"smtp_submission|open_smtp|SmtpSubmission|smtp_size_limit|ConnectionWorker\(\"smtp")
    compose = [p for p in (PACKAGE / "ui").glob("compose*.py")]
    assert compose and [str(p) for p in compose if smtp.search(p.read_text(encoding="utf-8"))] == []


# French that is allowed inside English source strings: the word for the institution, and the menu
# path of the (French-only) web messagerie, which the user must find under exactly these names.
_FRENCH_NAMES = ("académie", "Préférences → Mots de passe sécurisés → Créer…")
_FRENCH_LETTERS = re.compile(r"[àâäçéèêëîïôöûùüÿœæÀÂÇÉÈÊËÎÏÔÛÙÜŸŒ«»]")
_FRENCH_WORDS = re.compile(
    r"\b(le|la|les|des|du|de|un|une|est|sont|pas|ne|n'a|sur|avec|pour|sans|votre|vous|au|aux|et|ou|"
    r"l'\w+|d'\w+|qu'\w+|c'est|Saisie|Réseau|Horloge|Boîte|Vérifiez|Transmettez|Non)\b")


def french_literals(source: str) -> list[str]:
    """String literals of `source` that read as French: docstrings (and comments) excepted."""
    import ast

    tree = ast.parse(source)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            text = node.value
            for name in _FRENCH_NAMES:
                text = re.sub(re.escape(name), "", text, flags=re.I)
            if _FRENCH_LETTERS.search(text) or _FRENCH_WORDS.search(text):
                found.append(f"line {node.lineno}: {node.value!r}")
    return found


def test_diagnostics_core_has_no_french_literal() -> None:
    """Issue 15: the diagnostics' user text is English source marked QT_TRANSLATE_NOOP("Diagnostics", …),
    French only in the .ts; a French literal in core/diagnostics would bypass the translation."""
    found = {str(p.relative_to(PACKAGE)): hits for p in _python_files(PACKAGE / "core" / "diagnostics")
             if (hits := french_literals(p.read_text(encoding="utf-8")))}
    assert not found, found


def test_the_french_literal_check_finds_french() -> None:
    source = ('"""Docstring: l\'identifiant est vide."""\n'
              'A = "Réseau actif."\nB = "Le nom %1 n\'existe pas"\nC = "Network active."\n'
              'D = "Check the académie chosen."\n# un commentaire\n')
    assert [hit.split(":")[0] for hit in french_literals(source)] == ["line 2", "line 3"]
