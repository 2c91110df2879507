"""`DiagnosticsRun`: running the checks — order, skips, the time budget, cancel and progress.

The checks themselves, as data (`CheckSpec`) and functions, are in checks.py; this module only
runs them. The whole run ends within `budget` seconds (20 by default) whatever the network does:
every probe gets the smaller of the per-step timeout and what is left of the budget, and a check
that would start with less than a fraction of a second left is skipped with that reason. Blocking
calls that ignore socket timeouts are bounded with core/bounded_run.py (the one helper).
Authentication is attempted at most once (through core.account, so it is classified exactly like a
login), and only when the caller says the user agreed.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from acmail_desktop.core import errors, log
from acmail_desktop.core.account import Account
from acmail_desktop.core.app_password import SecretShape
from acmail_desktop.core.catalogue import QT_TRANSLATE_NOOP, Translate, untranslated
from acmail_desktop.core.diagnostics import probes
from acmail_desktop.core.diagnostics.checks import (
    CONTEXT,
    IMAP_ALTERNATIVES,
    SMTP_ALTERNATIVES,
    CheckSpec,
    fill,
    specs,
    where,
)
from acmail_desktop.core.diagnostics.model import Check, ProgressEvent, Report, Status
from acmail_desktop.core.diagnostics.verdicts import choose
from acmail_desktop.core.imap.session import ImapSession
from acmail_desktop.core.otp import Credential, Secret
from acmail_desktop.core.providers import Provider, ServerSettings

DEFAULT_BUDGET = 20.0
DEFAULT_STEP_TIMEOUT = 5.0

@dataclass
class DiagnosticsConfig:
    """What to test. `secret` is only used when `test_auth` is set (the user agreed)."""

    provider: Provider
    ssl_context: ssl.SSLContext
    identifiant: str = ""
    secret: Secret | None = None
    secret_kind: str = "password"  # "password" | "passcode"
    test_auth: bool = False
    send_test: bool = False
    step_timeout: float = DEFAULT_STEP_TIMEOUT
    budget: float = DEFAULT_BUDGET
    resolver: probes.Resolver = probes.system_resolver
    now: Callable[[], float] = time.time  # the machine's clock, injectable for tests
    route_probe: Callable[[list[str]], bool] | None = None
    imap_alternatives: tuple[tuple[int, str], ...] = IMAP_ALTERNATIVES
    smtp_alternatives: tuple[tuple[int, str], ...] = SMTP_ALTERNATIVES
    time_urls: tuple[str, ...] | None = None  # https URLs whose Date header gives the server time
    translate: Translate = untranslated  # the checks' and the verdict's texts, translated at the edge


@dataclass
class _State:
    addresses: dict[str, str] = field(default_factory=dict)
    conversations: dict[str, probes.Conversation] = field(default_factory=dict)
    account: Account | None = None
    session: ImapSession | None = None
    identifiant: str = ""
    credential: Credential | None = None
    secret_shape: SecretShape | None = None  # national messagerie: what the typed secret resembles


class DiagnosticsRun:
    """One run of the checks; `execute()` in a worker thread, `cancel()` from any thread."""

    def __init__(self, config: DiagnosticsConfig,
                 progress: Callable[[ProgressEvent], None] | None = None) -> None:
        self.config = config
        self.progress = progress
        self._cancel = threading.Event()
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()
        self.state = _State()
        self.results: dict[str, Check] = {}
        self._deadline = 0.0

    @property
    def provider(self) -> Provider:
        return self.config.provider

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Stop as soon as possible: open sockets are shut down, the rest is skipped."""
        self._cancel.set()
        with self._lock:
            sockets = list(self._sockets)
            session = self.state.session
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        if session is not None:
            session.abort()

    def _track(self, key: object) -> Callable[[socket.socket | None], None]:
        holder: list[socket.socket] = []

        def on_socket(sock: socket.socket | None) -> None:
            with self._lock:
                if sock is None:
                    for s in holder:
                        self._sockets.discard(s)
                    holder.clear()
                else:
                    holder.append(sock)
                    self._sockets.add(sock)
            if sock is not None and self._cancel.is_set():
                sock.shutdown(socket.SHUT_RDWR)

        return on_socket

    # --- the run ---------------------------------------------------------------------------
    def specs(self) -> list[CheckSpec]:
        return specs(self.provider, self.config.translate)

    def _t(self, text: str, *values: object) -> str:
        return fill(self.config.translate(CONTEXT, text), *values)

    def execute(self) -> Report:
        started = time.monotonic()
        # Keep half a second for what follows the last probe (closing, logout, the verdict).
        self._deadline = started + max(self.config.budget - 0.5, 0.5)
        specs = self.specs()
        report = Report(
            academie=self.provider.id, academie_name=self.provider.display_name,
            identifiant=self.config.identifiant.strip(),
            imap=where(self.provider.imap), smtp=where(self.provider.smtp),
            started_at=datetime.fromtimestamp(self.config.now(), UTC).isoformat(timespec="seconds"))
        log.diag.info("diagnostics started for %s (%d checks)", self.provider.id, len(specs))
        try:
            for index, spec in enumerate(specs):
                self._emit(ProgressEvent("started", index, len(specs), spec.id, spec.title))
                result = self._run_one(spec)
                self.results[spec.id] = result
                report.checks.append(result)
                self._emit(ProgressEvent("finished", index, len(specs), spec.id, spec.title, result))
        finally:
            self._close_session()
            if self.state.account is not None:
                self.state.account.forget_credential()
        report.cancelled = self.cancelled
        report.duration = time.monotonic() - started
        report.verdict = choose(report.checks, self.provider, cancelled=report.cancelled,
                                translate=self.config.translate)
        log.diag.info("diagnostics finished in %.1f s: %s", report.duration, report.verdict.code)
        return report

    def _emit(self, event: ProgressEvent) -> None:
        if self.progress is not None:
            try:
                self.progress(event)
            except Exception:  # a broken listener must not stop the run
                log.diag.exception("progress callback failed")

    def _run_one(self, spec: CheckSpec) -> Check:
        if self.cancelled:
            return Check(spec.id, spec.title, Status.SKIPPED,
                         self._t(QT_TRANSLATE_NOOP("Diagnostics", "Not done: diagnostics cancelled.")))
        for needed in spec.requires:
            previous = self.results.get(needed)
            if previous is None or previous.status in (Status.FAIL, Status.SKIPPED):
                title = previous.title if previous else needed
                why = (self._t(QT_TRANSLATE_NOOP("Diagnostics", "Not done: the step “%1” failed."), title)
                       if previous and previous.status is Status.FAIL else
                       self._t(QT_TRANSLATE_NOOP("Diagnostics", "Not done: the step “%1” was not done."), title))
                return Check(spec.id, spec.title, Status.SKIPPED, why)
        left = self._deadline - time.monotonic()
        if left < 0.3:
            return Check(spec.id, spec.title, Status.SKIPPED,
                         self._t(QT_TRANSLATE_NOOP("Diagnostics", "Not done: maximum duration of the diagnostics "
                                                                  "(%1 s) reached."), f"{self.config.budget:.0f}"))
        started = time.monotonic()
        try:
            result = spec.run(self, min(self.config.step_timeout, left))
        except errors.AcmailError as exc:
            result = Check(spec.id, spec.title, Status.FAIL,
                           self._t(QT_TRANSLATE_NOOP("Diagnostics", "Unexpected error.")),
                           detail=f"{type(exc).__name__}: {exc}", code=exc.code)
        except Exception as exc:  # a bug in one check must not hide the others
            log.diag.exception("check %s crashed", spec.id)
            result = Check(spec.id, spec.title, Status.FAIL,
                           self._t(QT_TRANSLATE_NOOP("Diagnostics", "Internal error of the diagnostics.")),
                           detail=type(exc).__name__, code="protocol_error")
        if self.cancelled and result.status is not Status.OK:
            result = Check(spec.id, spec.title, Status.SKIPPED,
                           self._t(QT_TRANSLATE_NOOP("Diagnostics", "Interrupted: diagnostics cancelled.")))
        result.id, result.title = spec.id, spec.title
        result.duration = time.monotonic() - started
        result.detail = log.redactor.redact(result.detail)
        return result

    def _close_session(self) -> None:
        with self._lock:
            session, self.state.session = self.state.session, None
        if session is not None:
            session.logout()

    def server(self, kind: str) -> ServerSettings:
        return self.provider.imap if kind == "imap" else self.provider.smtp
