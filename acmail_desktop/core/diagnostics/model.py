"""Diagnostics as data: one `Check` per step, a `Verdict` for the run, a `Report` for both renderers.

The wizard and the CLI render the same objects. Their user text is already translated when a check
is made (core/diagnostics/checks.py: English sources, French from the .ts through the run's
`translate`); technical details stay English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Status(StrEnum):
    OK = "ok"
    WARN = "warn"
    FAIL = "fail"
    SKIPPED = "skipped"


#: Order of severity for the exit status and for "worst status" displays.
SEVERITY = {Status.OK: 0, Status.SKIPPED: 0, Status.WARN: 1, Status.FAIL: 2}


@dataclass
class Check:
    """The result of one step: what was found (translated), the technical detail, what to do."""

    id: str
    title: str
    status: Status
    summary: str
    detail: str = ""
    remedy: str = ""
    duration: float = 0.0
    code: str | None = None  # the cause code (verdict list) when the check warns or fails

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "title": self.title, "status": str(self.status), "code": self.code,
                "summary": self.summary, "detail": self.detail, "remedy": self.remedy,
                "duration_ms": round(self.duration * 1000)}


@dataclass(frozen=True)
class Verdict:
    """The most likely cause, as a stable code, with the translated explanation and next action."""

    code: str
    title: str
    explanation: str
    action: str
    check_id: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "title": self.title, "explanation": self.explanation,
                "action": self.action, "check": self.check_id}


@dataclass
class Report:
    """Everything a run found; renderers turn it into text or JSON with secrets removed."""

    academie: str
    academie_name: str
    identifiant: str
    imap: str
    smtp: str
    started_at: str
    checks: list[Check] = field(default_factory=list)
    verdict: Verdict | None = None
    duration: float = 0.0
    cancelled: bool = False

    @property
    def worst(self) -> Status:
        worst = Status.OK
        for check in self.checks:
            if SEVERITY[check.status] > SEVERITY[worst]:
                worst = check.status
        return worst

    @property
    def exit_status(self) -> int:
        """0 all ok, 1 warnings, 2 a failure (the CLI's contract)."""
        if self.cancelled:
            return 2
        return SEVERITY[self.worst]


@dataclass(frozen=True)
class ProgressEvent:
    """Sent to the progress callback from the worker thread: a check started or finished."""

    kind: str  # "started" | "finished"
    index: int
    total: int
    check_id: str
    title: str
    result: Check | None = None
