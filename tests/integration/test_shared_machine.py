"""Shared-machine ("poste partagé") mode: nothing of the user is left behind, the keyring is never used.

In-process tests drive the real Controller, login window and main window against the local Dovecot,
configured only through a policy file (custom profile + test CA). Subprocess tests start the real
application and end it by SIGTERM and by SIGKILL followed by a restart, then walk every AcMail folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from acmail_desktop.core.context import AppContext, check_policy_resources
from acmail_desktop.core.paths import AppPaths
from acmail_desktop.core.policy import load_policy
from acmail_desktop.core.secrets import SessionOnlyStore
from acmail_desktop.core.shared_session import LOCK_NAME, SharedSession, recover_abandoned
from acmail_desktop.ui.app import Controller

pytestmark = [pytest.mark.integration, pytest.mark.gui]


class ForbiddenKeyring(keyring.backend.KeyringBackend):
    """A keyring that fails the test when anything calls it."""

    # Below every real backend (fail.Keyring is 0): keyring chooses its default among all loaded
    # KeyringBackend subclasses, so a high priority here made this trap the session's default keyring.
    priority = -1  # type: ignore[assignment]
    calls: list[str] = []  # noqa: RUF012

    def get_password(self, service: str, username: str) -> str | None:
        self.calls.append(f"get {service}")
        raise AssertionError("the keyring must not be read on a shared machine")

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls.append(f"set {service}")
        raise AssertionError("the keyring must not be written on a shared machine")

    def delete_password(self, service: str, username: str) -> None:
        self.calls.append(f"delete {service}")
        raise AssertionError("the keyring must not be touched on a shared machine")

    def get_credential(self, service: str, username: str | None):  # type: ignore[no-untyped-def]
        self.calls.append(f"credential {service}")
        raise AssertionError("the keyring must not be read on a shared machine")


@pytest.fixture
def forbidden_keyring() -> Iterator[ForbiddenKeyring]:
    previous = keyring.get_keyring()
    backend = ForbiddenKeyring()
    backend.calls.clear()
    keyring.set_keyring(backend)
    with pytest.raises(AssertionError):  # the trap is armed
        keyring.get_password("AcMail", "probe")
    backend.calls.clear()
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)
    assert backend.calls == []


@pytest.fixture
def shared_policy(tmp_path: Path, server_provider_dir: Path, mail_server) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "policy.json"
    path.write_text(json.dumps({
        "version": 1,
        "shared_machine": True,
        "custom_profile": str(server_provider_dir / "local.xml"),
        "extra_ca_files": [str(mail_server.ca_pem_path)],
        "idle_logout_minutes": 1,
        "support": {"name": "Assistance du lycée", "phone": "01 02 03 04 05"},
    }), encoding="utf-8")
    return path


def acmail_files(*roots: Path) -> list[Path]:
    """Every file under the given roots (AcMail's own folders)."""
    found: list[Path] = []
    for root in roots:
        if root.exists():
            found += [p for p in root.rglob("*") if p.is_file() or p.is_symlink()]
    return found


def contents_mention(files: list[Path], *needles: str) -> list[Path]:
    hits = []
    for path in files:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if any(n.encode() in data for n in needles):
            hits.append(path)
    return hits


@pytest.fixture
def shared_controller(qtbot, tmp_path: Path, shared_policy: Path, forbidden_keyring):  # type: ignore[no-untyped-def]
    policy = check_policy_resources(load_policy(shared_policy))
    assert not policy.broken, policy.problem
    session = SharedSession.start(tmp_path / "shared-root")
    context = AppContext.create(session.paths, policy=policy, shared_session=session)
    assert isinstance(context.credential_store, SessionOnlyStore)
    assert not context.credential_store.available and not context.policy_allows_remember
    controller = Controller(context)
    controller.quit_requests = []  # type: ignore[attr-defined]
    controller.quit_application = lambda: controller.quit_requests.append("quit")  # type: ignore[attr-defined]
    yield controller
    with contextlib.suppress(RuntimeError):  # already deleted by a logout
        if controller.main_window is not None:
            controller.main_window.removeEventFilter(controller._close_guard)
            controller.main_window.close()
    with contextlib.suppress(RuntimeError):
        if controller.login_window is not None:
            controller.login_window.close()
    controller.shutdown()
    session.close()


def log_in(qtbot, controller: Controller, account) -> None:  # type: ignore[no-untyped-def]
    window = controller.show_login()
    qtbot.addWidget(window)
    assert window.academie.currentData() == "local" and not window.academie.isEnabled()
    assert not window.remember.isEnabled()
    window.identifiant.setText(account.identifiant)
    window.password.setText(account.password)
    window.submit()
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=15_000)
    qtbot.addWidget(controller.main_window)


def leave_traces(context: AppContext, account) -> list[Path]:  # type: ignore[no-untyped-def]
    """What a session leaves: cached bodies, a draft, an outbox entry, an opened attachment."""
    paths = context.paths
    files = [paths.cache_dir / "bodies" / "1.eml", paths.data_dir / "drafts" / "draft-1.eml",
             paths.data_dir / "outbox.sqlite", context.opened_attachments_dir / "bulletin.pdf"]
    for f in files:
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(f"From: {account.email}\n\nconfidentiel", encoding="utf-8")
    context.settings.set("display.theme", "dark")
    return files


def test_logout_wipes_everything_and_ends_the_process(qtbot, shared_controller, make_account) -> None:  # type: ignore[no-untyped-def]
    controller = shared_controller
    account = make_account()
    log_in(qtbot, controller, account)
    session = controller.context.shared_session
    assert session is not None and oct(session.directory.stat().st_mode & 0o777) == "0o700"
    assert controller.main_window.findChild(object, "logoutButton") is not None
    if os.environ.get("ACMAIL_SCREENSHOT_DIR"):
        controller.main_window.grab().save(str(Path(os.environ["ACMAIL_SCREENSHOT_DIR"]) / "main-shared.png"))
    traces = leave_traces(controller.context, account)
    assert all(t.exists() for t in traces)
    assert controller.request_logout("user")
    # On a shared machine logging out ends the process (nothing of the user stays, even in memory).
    qtbot.waitUntil(lambda: controller.main_window is None and controller.quit_requests == ["quit"],
                    timeout=10_000)
    assert session.files() == []
    assert sorted(p.name for p in session.directory.iterdir()) == sorted(
        ["attachments", "cache", "config", "data", "log", LOCK_NAME])
    # Nothing of the previous user is left on screen.
    from PySide6.QtWidgets import QApplication
    assert [w.objectName() for w in QApplication.topLevelWidgets() if w.isVisible()] == []
    assert controller.context.settings.get("display.theme") == "system"
    leftovers = acmail_files(session.root, *AppPaths.default().all_dirs())
    assert contents_mention(leftovers, account.identifiant, account.password, account.email) == []


def test_before_logout_checks_can_keep_the_session(qtbot, shared_controller, make_account) -> None:  # type: ignore[no-untyped-def]
    controller = shared_controller
    log_in(qtbot, controller, make_account())
    reasons: list[str] = []

    def unsent_mail_user_cancels() -> bool:
        reasons.append(controller.logout_reason)
        return False

    controller.before_logout_checks.append(unsent_mail_user_cancels)
    assert not controller.request_logout("user")
    controller.main_window.close()  # closing the window asks too, and is refused
    qtbot.waitUntil(lambda: reasons == ["user", "close"], timeout=5_000)
    assert controller.main_window is not None and controller.main_window.isVisible()
    assert controller.quit_requests == []
    controller.before_logout_checks.clear()
    assert controller.request_logout("user")
    qtbot.waitUntil(lambda: controller.main_window is None, timeout=10_000)


def test_idle_logout_after_no_input(qtbot, shared_controller, make_account) -> None:  # type: ignore[no-untyped-def]
    controller = shared_controller
    account = make_account()
    assert controller.context.settings.get("security.idle_logout_minutes") == 1
    assert controller.idle.enabled
    log_in(qtbot, controller, account)
    traces = leave_traces(controller.context, account)
    seen: list[str] = []
    controller.before_logout_checks.append(lambda: seen.append(controller.logout_reason) or True)
    controller.idle.set_interval_ms(600)
    # Someone is typing: no logout while input keeps coming.
    last_input = time.monotonic()
    for _ in range(8):
        QTest.keyClick(controller.main_window.message_view, Qt.Key.Key_Down)
        last_input = time.monotonic()
        qtbot.wait(150)
    assert controller.main_window is not None
    qtbot.waitUntil(lambda: controller.main_window is None, timeout=10_000)
    assert time.monotonic() - last_input >= 0.5  # 600 ms after the last key, give or take a coarse timer
    assert seen == ["idle"]
    assert not any(t.exists() for t in traces)
    assert controller.context.shared_session.files() == []


# --- the real application, ended in three ways -----------------------------------------------
@pytest.fixture
def app_env(tmp_path: Path, shared_policy: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR"):
        folder = tmp_path / "home" / name.lower()
        folder.mkdir(parents=True, mode=0o700)
        env[name] = str(folder)
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    env.update(TMPDIR=str(tmpdir), ACMAIL_POLICY=str(shared_policy), QT_QPA_PLATFORM="offscreen",
               HOME=str(tmp_path / "home"))
    env.pop("ACMAIL_HOME", None)
    return env


def every_acmail_dir(tmp_path: Path, env: dict[str, str]) -> list[Path]:
    roots = [tmp_path / "base"]
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR",
                 "TMPDIR"):
        roots += [p for p in Path(env[name]).iterdir() if "acmail" in p.name.lower()]
    return roots


@pytest.fixture
def started() -> Iterator[list[subprocess.Popen[bytes]]]:
    """Every AcMail a test starts, killed at the end whatever happened (a failing assertion included)."""
    processes: list[subprocess.Popen[bytes]] = []
    try:
        yield processes
    finally:
        for proc in processes:
            if proc.poll() is None:
                proc.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.communicate(timeout=10)


def start_app(started: list[subprocess.Popen[bytes]], env: dict[str, str], base: Path,
              *extra: str) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen([sys.executable, "-m", "acmail_desktop", "--base-dir", str(base), "--log-stderr",
                             *extra], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    started.append(proc)
    return proc


def wait_for_login_window(base: Path, proc: subprocess.Popen[bytes]) -> Path:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
        for log_file in (base / "shared-sessions").glob("session-*/log/acmail.log"):
            if "login window shown" in log_file.read_text(encoding="utf-8", errors="replace"):
                return log_file.parent.parent
        time.sleep(0.1)
    raise AssertionError("the login window never appeared")


@pytest.mark.slow
def test_exit_by_sigterm_leaves_nothing(tmp_path: Path, app_env: dict[str, str], started) -> None:  # type: ignore[no-untyped-def]
    base = tmp_path / "base"
    proc = start_app(started, app_env, base)
    session_dir = wait_for_login_window(base, proc)
    (session_dir / "data" / "draft.eml").write_text("brouillon", encoding="utf-8")
    proc.send_signal(signal.SIGTERM)
    output = proc.communicate(timeout=30)[0].decode()
    assert proc.returncode == 0, output
    assert "session folder removed" in output
    assert acmail_files(*every_acmail_dir(tmp_path, app_env)) == []


@pytest.mark.slow
def test_killed_process_is_cleaned_at_next_start(tmp_path: Path, app_env: dict[str, str], started) -> None:  # type: ignore[no-untyped-def]
    base = tmp_path / "base"
    # Another AcMail of the same user, still running, must be left alone.
    other = start_app(started, app_env, base)
    other_dir = wait_for_login_window(base, other)
    proc = start_app(started, app_env, base)
    deadline = time.monotonic() + 30
    while len(list((base / "shared-sessions").glob("session-*/log/acmail.log"))) < 2:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    session_dir = next(d for d in (base / "shared-sessions").glob("session-*") if d != other_dir)
    (session_dir / "data" / "outbox").mkdir(parents=True)
    (session_dir / "data" / "outbox" / "1.eml").write_text("non envoyé", encoding="utf-8")
    time.sleep(1.0)  # let it reach its event loop
    proc.kill()
    proc.wait(timeout=10)
    assert acmail_files(session_dir), "a killed AcMail cannot clean up: its files are still there"
    shot = tmp_path / "shot.png"
    restart = subprocess.run([sys.executable, "-m", "acmail_desktop", "--base-dir", str(base), "--log-stderr",
                              "--screenshot", str(shot)], env=app_env, capture_output=True, timeout=60)
    output = restart.stdout.decode() + restart.stderr.decode()
    assert restart.returncode == 0, output
    assert "removed the folder of an interrupted session" in output
    assert not session_dir.exists()
    assert other_dir.exists() and (other_dir / LOCK_NAME).exists()
    other.send_signal(signal.SIGTERM)
    other.communicate(timeout=30)
    assert acmail_files(*every_acmail_dir(tmp_path, app_env)) == []
    assert shot.stat().st_size > 0


def test_recover_leaves_live_sessions_and_removes_dead_ones(tmp_path: Path) -> None:
    root = tmp_path / "root"
    mine = SharedSession.start(root)
    (mine.paths.data_dir / "x").write_text("x", encoding="utf-8")
    orphan = root / "session-orphan"
    (orphan / "data").mkdir(parents=True)
    (orphan / "data" / "y").write_text("y", encoding="utf-8")
    (orphan / LOCK_NAME).write_text("999999\n", encoding="ascii")
    assert recover_abandoned(root) == [orphan]
    assert mine.directory.exists() and (mine.paths.data_dir / "x").exists()
    mine.close()
    assert list(root.iterdir()) == []


def test_broken_policy_starts_in_shared_mode_with_a_visible_report(tmp_path: Path, app_env: dict[str, str]) -> None:
    bad = tmp_path / "bad-policy.json"
    bad.write_text('{"version": 1, "shared_machnie": false}', encoding="utf-8")
    app_env["ACMAIL_POLICY"] = str(bad)
    shot = tmp_path / "shot.png"
    result = subprocess.run([sys.executable, "-m", "acmail_desktop", "--base-dir", str(tmp_path / "base"),
                             "--log-stderr", "--screenshot", str(shot)], env=app_env, capture_output=True,
                            timeout=60)
    output = result.stdout.decode() + result.stderr.decode()
    assert result.returncode == 0, output
    assert "administrator policy refused" in output and "shared_machnie" in output
    assert "shared machine mode" in output
    assert acmail_files(*every_acmail_dir(tmp_path, app_env)) == []
    report = tmp_path / "shot-policy.png"  # the visible report, grabbed by --screenshot
    assert report.stat().st_size > 5000
    if os.environ.get("ACMAIL_SCREENSHOT_DIR"):
        report.replace(Path(os.environ["ACMAIL_SCREENSHOT_DIR"]) / "policy-refused.png")


def test_before_logout_question_offers_send_save_discard(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer

    from acmail_desktop.ui.app import LogoutChoice, ask_before_logout, before_logout_box

    box = before_logout_box(None, 2, 1, shared_machine=True)
    qtbot.addWidget(box)
    assert list(box.choice_buttons) == [LogoutChoice.SEND, LogoutChoice.SAVE, LogoutChoice.DISCARD,
                                        LogoutChoice.CANCEL]
    assert box.escapeButton() is box.choice_buttons[LogoutChoice.CANCEL]
    drafts_only = before_logout_box(None, 0, 1, shared_machine=False)
    qtbot.addWidget(drafts_only)
    assert LogoutChoice.SEND not in drafts_only.choice_buttons
    assert ask_before_logout(None, 0, 0, shared_machine=True) == LogoutChoice.DISCARD  # nothing to ask

    def click(choice: str) -> None:
        from PySide6.QtWidgets import QApplication

        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == "beforeLogoutBox" and widget.isVisible():
                widget.choice_buttons[choice].click()  # type: ignore[attr-defined]

    for choice in (LogoutChoice.SAVE, LogoutChoice.CANCEL):
        QTimer.singleShot(200, lambda c=choice: click(c))
        assert ask_before_logout(None, 1, 0, shared_machine=True) == choice


def test_an_uncaught_exception_at_start_still_wipes(tmp_path: Path, app_env: dict[str, str]) -> None:
    """Whatever breaks once the session folder exists, the folder goes with the process."""
    script = (
        "import sys\n"
        "import acmail_desktop.ui.app as app\n"
        "class Broken:\n"
        "    def __init__(self, *a, **k):\n"
        "        raise RuntimeError('boom')\n"
        "app.Controller = Broken\n"
        "from acmail_desktop.__main__ import build_parser\n"
        "app.run(build_parser().parse_args(['--base-dir', sys.argv[1], '--log-stderr']))\n"
    )
    base = tmp_path / "base"
    result = subprocess.run([sys.executable, "-c", script, str(base)], env=app_env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode != 0 and "boom" in result.stderr
    assert "session folder removed" in result.stderr
    assert acmail_files(*every_acmail_dir(tmp_path, app_env)) == []
