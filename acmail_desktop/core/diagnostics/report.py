"""Text and JSON renderers for a diagnostics `Report`: never a password or PassCode, and the
identifiant masked unless the user explicitly unmasks it (the report is sent to the help desk).

The text report's labels are English sources of the "Diagnostics" context, translated through the
caller's `translate` (the CLI's .qm, the wizard's QCoreApplication.translate), like the checks'."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from acmail_desktop import __version__
from acmail_desktop.core import log
from acmail_desktop.core.catalogue import QT_TRANSLATE_NOOP, Translate, untranslated
from acmail_desktop.core.diagnostics.checks import CONTEXT, fill
from acmail_desktop.core.diagnostics.model import Report, Status

_STATUS_TEXT = {Status.OK: QT_TRANSLATE_NOOP("Diagnostics", "OK"),
    Status.WARN: QT_TRANSLATE_NOOP("Diagnostics", "WARNING"),
                Status.FAIL: QT_TRANSLATE_NOOP("Diagnostics", "FAILED"),
                Status.SKIPPED: QT_TRANSLATE_NOOP("Diagnostics", "not done")}


mask_identifiant = log.mask_identifiant  # kept here for the report's callers


def _scrub(text: str, report: Report, unmask: bool, secrets: Iterable[str]) -> str:
    text = log.redactor.redact(text)
    for secret in secrets:
        if secret:
            text = text.replace(secret, log.MASK)
    if not unmask and report.identifiant:
        ident = report.identifiant.strip()
        forms = {ident, ident.lower()}
        if "@" in ident:
            forms.add(ident.partition("@")[0])
        # Whole words only: an identifiant inside a longer word (or a protocol keyword containing
        # it) is not the identifiant.
        for form in sorted((f for f in forms if len(f) >= 2), key=len, reverse=True):
            text = re.sub(rf"(?<![\w.-]){re.escape(form)}(?![\w-])", mask_identifiant(form), text, flags=re.I)
    return text


def to_dict(report: Report, *, unmask: bool = False, secrets: Iterable[str] = ()) -> dict[str, object]:
    secrets = list(secrets)

    def s(text: str) -> str:
        return _scrub(text, report, unmask, secrets)

    verdict = report.verdict.as_dict() if report.verdict else {"code": "cancelled"}
    return {
        "tool": f"acmail-diagnose {__version__}",
        "academie": report.academie,
        "academie_name": report.academie_name,
        "identifiant": (report.identifiant if unmask else mask_identifiant(report.identifiant)) or None,
        "imap": report.imap,
        "smtp": report.smtp,
        "started_at": report.started_at,
        "duration_ms": round(report.duration * 1000),
        "worst_status": str(report.worst),
        "exit_status": report.exit_status,
        "verdict": {k: s(v) if isinstance(v, str) else v for k, v in verdict.items()},
        "checks": [{k: s(v) if isinstance(v, str) else v for k, v in c.as_dict().items()}
                   for c in report.checks],
    }


def render_json(report: Report, *, unmask: bool = False, secrets: Iterable[str] = ()) -> str:
    return json.dumps(to_dict(report, unmask=unmask, secrets=secrets), ensure_ascii=False, indent=2)


def render_text(report: Report, *, unmask: bool = False, secrets: Iterable[str] = (),
                details: bool = True, translate: Translate = untranslated) -> str:
    """The report the user copies or saves for the help desk (plain text, in `translate`'s language)."""
    def t(text: str, *values: object) -> str:
        return fill(translate(CONTEXT, text), *values)

    data = to_dict(report, unmask=unmask, secrets=secrets)
    verdict = data["verdict"]
    assert isinstance(verdict, dict)
    lines = [
        t(QT_TRANSLATE_NOOP("Diagnostics", "AcMail diagnostics report")),
        t(QT_TRANSLATE_NOOP("Diagnostics", "Tool: %1"), data['tool']),
        t(QT_TRANSLATE_NOOP("Diagnostics", "Date: %1 (took %2 s)"), data['started_at'], f"{report.duration:.1f}"),
        t(QT_TRANSLATE_NOOP("Diagnostics", "Académie: %1 (%2)"), report.academie_name, report.academie),
        t(QT_TRANSLATE_NOOP("Diagnostics", "Identifiant: %1"),
            data['identifiant'] or t(QT_TRANSLATE_NOOP("Diagnostics", "(not entered)"))),
        t(QT_TRANSLATE_NOOP("Diagnostics", "IMAP server: %1"), report.imap),
        t(QT_TRANSLATE_NOOP("Diagnostics", "SMTP server: %1"), report.smtp),
        "",
        t(QT_TRANSLATE_NOOP("Diagnostics", "VERDICT: %1 [%2]"), verdict.get('title', ''), verdict.get('code')),
        f"  {verdict.get('explanation', '')}",
        "  " + t(QT_TRANSLATE_NOOP("Diagnostics", "To do: %1"), verdict.get('action', '')),
        "",
        t(QT_TRANSLATE_NOOP("Diagnostics", "Checks:")),
    ]
    checks = data["checks"]
    assert isinstance(checks, list)
    for check in checks:
        assert isinstance(check, dict)
        status = t(_STATUS_TEXT[Status(check["status"])])
        code = f" [{check['code']}]" if check.get("code") else ""
        lines.append(f"[{status:>9}] " + t(QT_TRANSLATE_NOOP("Diagnostics", "%1: %2"), check['title'], check['summary'])
                     + f"{code} ({check['duration_ms']} ms)")
        if check.get("remedy") and check["status"] in ("warn", "fail"):
            lines.append(f"            → {check['remedy']}")
        if details and check.get("detail"):
            lines.extend("            | " + line for line in str(check["detail"]).splitlines())
    lines.append("")
    lines.append(t(QT_TRANSLATE_NOOP("Diagnostics", "This report contains neither password nor PassCode.")))
    return "\n".join(lines) + "\n"
