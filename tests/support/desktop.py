"""End-to-end harness: a real X display (Xvfb + openbox) and the real `acmail` process on it (xcb).

Why: offscreen widget tests cannot show what a person meets on a desktop: the window manager's close
button, focus, Ctrl+Q reaching the right window, a window left on screen after logout, a process left
running with no window, files written by Qt itself. These tests drive the installed entry point
exactly as a user would, through the X server and the window manager.

API (the fixtures in ``tests/e2e/conftest.py`` wrap it; every test using them is marked ``e2e``):

``XDisplay(workdir, width=1024, height=600)``
    ``start()`` / ``stop()``: Xvfb on a free display number (``-displayfd``) with openbox managing
    it. ``display`` (":N"), ``screenshot(path)`` (ImageMagick ``import -window root``),
    ``xdotool(*args)`` (stdout), ``key(*keys, window=None)`` (XTEST, so the window manager's
    bindings apply), ``type_text(text, window=None)``, ``activate(window)``,
    ``click(window, x, y, double=False)`` (a real click inside the window's client area),
    ``windows()`` (every managed window id).

``AcmailApp(display, root, policy=None, args=())``: one user's AcMail with its own HOME,
    XDG_CONFIG/DATA/CACHE/STATE/RUNTIME dirs and TMPDIR under ``root``; ``ACMAIL_POLICY`` is the
    given policy file (or a path that does not exist: no policy). ``start()`` runs the venv's
    ``acmail`` (QT_QPA_PLATFORM=xcb, ``--log-stderr``) in its own process group; its output goes to
    ``output_file`` (outside every folder the test inspects).
    ``wait_for_log(pattern, timeout)`` waits for a regex in the output *after* the last call's
    match (returns the match); ``output()`` is everything so far.
    ``wait_window(title_regex, timeout)`` a visible window of this process (xdotool search --pid);
    ``window_ids(title_regex=".*")``, ``window_titles()``.
    ``wm_close(window)``: Alt+F4 through openbox, i.e. WM_DELETE_WINDOW, what the × button sends;
    ``click_close_button(window)``: a real click on openbox's × of that window.
    ``signal(sig)``, ``wait_exit(timeout)`` -> return code, ``alive``,
    ``stop()``: SIGTERM, then SIGKILL of the whole process group; ALWAYS called by the fixture.
    ``dirs()``: the per-user folders (HOME, XDG_*, TMPDIR) a leak walk must cover.

``FileWalk.snapshot(roots)`` then ``walk.changes()``: files created or modified since (path list);
    ``mentions(paths, needles)``: the files whose name or bytes contain one of the needles.

Processes are always stopped: ``AcmailApp.stop`` kills the process group with SIGKILL when SIGTERM
was not enough, and ``XDisplay.stop`` does the same for Xvfb and openbox.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

REQUIRED_TOOLS = ("Xvfb", "openbox", "xdotool", "import", "xprop", "xwininfo")


def missing_tools() -> list[str]:
    return [tool for tool in REQUIRED_TOOLS if shutil.which(tool) is None]


def _kill_group(proc: subprocess.Popen[bytes], grace: float) -> int | None:
    """SIGTERM the process group, wait `grace` seconds, then SIGKILL it; the return code."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
    # Children (an attachment viewer...) may outlive the leader: kill the whole group regardless.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)
    return proc.returncode


class XDisplay:
    """Xvfb plus openbox on a free display number."""

    def __init__(self, workdir: Path, width: int = 1024, height: int = 600) -> None:
        self.workdir = Path(workdir)
        self.width, self.height = width, height
        self.display = ""
        self._xvfb: subprocess.Popen[bytes] | None = None
        self._wm: subprocess.Popen[bytes] | None = None

    @property
    def env(self) -> dict[str, str]:
        """Environment for X clients of this display (the window manager's own HOME)."""
        env = dict(os.environ)
        env.pop("QT_QPA_PLATFORM", None)
        home = self.workdir / "wm-home"
        env.update(DISPLAY=self.display, HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
                   XDG_CACHE_HOME=str(home / ".cache"), XDG_DATA_HOME=str(home / ".local/share"))
        return env

    def start(self) -> XDisplay:
        self.workdir.mkdir(parents=True, exist_ok=True)
        (self.workdir / "wm-home").mkdir(exist_ok=True)
        read_fd, write_fd = os.pipe()
        try:
            self._xvfb = subprocess.Popen(
                ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{self.width}x{self.height}x24",
                 "-nolisten", "tcp", "-noreset"],
                pass_fds=(write_fd,), stdout=subprocess.DEVNULL,
                stderr=(self.workdir / "xvfb.log").open("wb"), start_new_session=True)
            os.close(write_fd)
            write_fd = -1
            number = b""
            deadline = time.monotonic() + 20
            while not number.endswith(b"\n"):
                if time.monotonic() > deadline or self._xvfb.poll() is not None:
                    raise RuntimeError(f"Xvfb did not start: {(self.workdir / 'xvfb.log').read_text()}")
                chunk = os.read(read_fd, 16)
                if not chunk:
                    raise RuntimeError(f"Xvfb did not start: {(self.workdir / 'xvfb.log').read_text()}")
                number += chunk
        finally:
            os.close(read_fd)
            if write_fd >= 0:
                os.close(write_fd)
        self.display = f":{int(number)}"
        self._wm = subprocess.Popen(["openbox", "--sm-disable"], env=self.env, stdout=subprocess.DEVNULL,
                                    stderr=(self.workdir / "openbox.log").open("wb"), start_new_session=True)
        deadline = time.monotonic() + 20
        while "_NET_SUPPORTING_WM_CHECK(WINDOW)" not in self._root_property("_NET_SUPPORTING_WM_CHECK"):
            if time.monotonic() > deadline or self._wm.poll() is not None:
                self.stop()
                raise RuntimeError(f"openbox did not start: {(self.workdir / 'openbox.log').read_text()}")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        for proc in (self._wm, self._xvfb):
            if proc is not None:
                _kill_group(proc, grace=5)
        self._wm = self._xvfb = None

    def _root_property(self, name: str) -> str:
        result = subprocess.run(["xprop", "-display", self.display, "-root", name], capture_output=True,
                                text=True, timeout=10)
        return result.stdout

    def xdotool(self, *args: str, check: bool = True, timeout: float = 20) -> str:
        result = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True,
                                timeout=timeout)
        if check and result.returncode != 0:
            raise RuntimeError(f"xdotool {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    def windows(self) -> list[str]:
        """Every window the window manager manages (mapped or not), from _NET_CLIENT_LIST."""
        text = self._root_property("_NET_CLIENT_LIST")
        return [str(int(w, 16)) for w in re.findall(r"0x[0-9a-f]+", text)]

    def activate(self, window: str) -> None:
        self.xdotool("windowactivate", "--sync", window, check=False)
        self.xdotool("windowfocus", "--sync", window, check=False)

    def key(self, *keys: str, window: str | None = None) -> None:
        """Press keys through XTEST (the focused window gets them; the WM sees its bindings)."""
        if window is not None:
            self.activate(window)
        self.xdotool("key", "--clearmodifiers", "--delay", "40", *keys)

    def type_text(self, text: str, window: str | None = None) -> None:
        if window is not None:
            self.activate(window)
        self.xdotool("type", "--clearmodifiers", "--delay", "15", text)

    def click(self, window: str, x: int, y: int, *, double: bool = False) -> None:
        """A real mouse click at (x, y) inside the window's client area."""
        self.activate(window)
        left, top, _, _ = self.geometry(window)
        self.xdotool("mousemove", "--sync", str(left + x), str(top + y))
        self.xdotool("click", *(["--repeat", "2", "--delay", "80"] if double else []), "1")

    def screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["import", "-display", self.display, "-window", "root", str(path)],
                       capture_output=True, timeout=30, check=False)
        return path

    def artefact_shot(self, folder: Path, name: str) -> Path:
        """A screenshot named for this screen size in the test's artefacts `folder`; with
        ACMAIL_DOCS_SHOTS set, also copied there (how the pictures in docs/ are refreshed)."""
        path = self.screenshot(Path(folder) / f"{name}-{self.width}x{self.height}.png")
        docs = os.environ.get("ACMAIL_DOCS_SHOTS")
        if docs:
            Path(docs).mkdir(parents=True, exist_ok=True)
            shutil.copy(path, Path(docs) / path.name)
        return path

    def title(self, window: str) -> str:
        return self.xdotool("getwindowname", window, check=False).strip()

    def geometry(self, window: str) -> tuple[int, int, int, int]:
        """Client area x, y, width, height on the screen (xwininfo: xdotool adds the frame twice)."""
        out = subprocess.run(["xwininfo", "-display", self.display, "-id", window], capture_output=True,
                             text=True, timeout=10).stdout
        values = dict(re.findall(r"^\s*(Absolute upper-left [XY]|Width|Height):\s+(-?\d+)", out, re.MULTILINE))
        return (int(values["Absolute upper-left X"]), int(values["Absolute upper-left Y"]), int(values["Width"]),
                int(values["Height"]))


class AcmailApp:
    """The real `acmail` process of one user on an XDisplay, with its own home and temp folders."""

    ENTRY_POINT = Path(sys.executable).with_name("acmail")

    def __init__(self, display: XDisplay, root: Path, policy: Path | None = None,
                 args: Sequence[str] = (), name: str = "acmail") -> None:
        self.display = display
        self.root = Path(root)
        self.policy = policy
        self.args = list(args)
        self.name = name
        self.home = self.root / "home"
        self.xdg = {
            "XDG_CONFIG_HOME": self.home / ".config",
            "XDG_DATA_HOME": self.home / ".local" / "share",
            "XDG_CACHE_HOME": self.home / ".cache",
            "XDG_STATE_HOME": self.home / ".local" / "state",
            "XDG_RUNTIME_DIR": self.root / "run",
        }
        self.tmpdir = self.root / "tmp"
        self.output_file = self.root / "artefacts" / f"{name}.out"
        self.proc: subprocess.Popen[bytes] | None = None
        self._read_from = 0
        self.starts = 0

    def dirs(self) -> list[Path]:
        return [self.home, *self.xdg.values(), self.tmpdir]

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        for key in ("ACMAIL_HOME", "QT_QPA_PLATFORM", "PYTEST_CURRENT_TEST", "PYTEST_XDIST_WORKER"):
            env.pop(key, None)
        env.update({key: str(value) for key, value in self.xdg.items()})
        env.update(HOME=str(self.home), TMPDIR=str(self.tmpdir), DISPLAY=self.display.display,
                   QT_QPA_PLATFORM="xcb", LANG="fr_FR.UTF-8", LANGUAGE="fr",
                   ACMAIL_POLICY=str(self.policy or self.root / "no-policy.json"))
        return env

    def prepare(self) -> None:
        for folder in self.dirs():
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(self.xdg["XDG_RUNTIME_DIR"], 0o700)
        self.output_file.parent.mkdir(parents=True, exist_ok=True)

    def start(self, *extra: str) -> AcmailApp:
        if self.alive:
            raise RuntimeError("this AcMail is still running")
        self.prepare()
        self.starts += 1
        with self.output_file.open("ab") as out:
            out.write(f"\n===== start {self.starts} =====\n".encode())
            out.flush()
            self._read_from = self.output_file.stat().st_size
            self.proc = subprocess.Popen([str(self.ENTRY_POINT), "--log-stderr", *self.args, *extra],
                                         env=self.env(), cwd=self.home, stdin=subprocess.DEVNULL,
                                         stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        return self

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def output(self) -> str:
        try:
            return self.output_file.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def wait_for_log(self, pattern: str, timeout: float = 30) -> re.Match[str]:
        """The next match of `pattern` in the output after the previous wait's match."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            data = self.output_file.read_bytes()[self._read_from:].decode("utf-8", errors="replace")
            found = regex.search(data)
            if found:
                self._read_from += len(data[:found.end()].encode("utf-8"))
                return found
            if time.monotonic() > deadline:
                raise AssertionError(f"{pattern!r} not in AcMail's output after {timeout} s:\n{data[-3000:]}")
            if not self.alive:
                # One more read: the line may have come with the exit.
                time.sleep(0.1)
                data = self.output_file.read_bytes()[self._read_from:].decode("utf-8", errors="replace")
                found = regex.search(data)
                if found:
                    self._read_from += len(data[:found.end()].encode("utf-8"))
                    return found
                raise AssertionError(f"AcMail exited ({self.proc.returncode if self.proc else '?'}) "
                                     f"before {pattern!r}:\n{data[-3000:]}")
            time.sleep(0.05)

    def window_ids(self, title_regex: str = ".*", visible_only: bool = True) -> list[str]:
        if not self.alive:
            return []
        args = ["search", "--all", "--pid", str(self.pid)]
        if visible_only:
            args.append("--onlyvisible")
        args += ["--name", title_regex]
        return self.display.xdotool(*args, check=False).split()

    def window_titles(self) -> list[str]:
        return [self.display.title(w) for w in self.window_ids()]

    def wait_window(self, title_regex: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.window_ids(title_regex)
            if found:
                return found[-1]
            if not self.alive:
                raise AssertionError(f"AcMail exited before a window {title_regex!r}:\n{self.output()[-3000:]}")
            time.sleep(0.1)
        raise AssertionError(f"no window {title_regex!r}; visible: {self.window_titles()}")

    def wait_no_window(self, title_regex: str, timeout: float = 15) -> None:
        deadline = time.monotonic() + timeout
        while self.window_ids(title_regex):
            if time.monotonic() > deadline:
                raise AssertionError(f"window {title_regex!r} still there: {self.window_titles()}")
            time.sleep(0.1)

    def sign_in_first_run(self, profile_search: str, identifiant: str, password: str,
                          email: str, *, before_validate: Callable[[str], None] | None = None) -> str:
        """The first-run assistant by keyboard: the académie found by typing `profile_search`, then
        the identifiant and the password, each page's Return moving on; returns the main window.
        `before_validate(wizard)` runs before the last Return (a screenshot of the filled form)."""
        display = self.display
        wizard = self.wait_window("Bienvenue")
        self.wait_for_log("first-run assistant: page 0 ready")
        display.type_text(profile_search, window=wizard)  # keyboard search (a space would open the list)
        display.key("Return", window=wizard)
        self.wait_for_log("first-run assistant: page 1 ready")
        display.type_text(identifiant, window=wizard)
        display.key("Return", window=wizard)
        self.wait_for_log("first-run assistant: page 2 ready")
        display.type_text(password, window=wizard)
        if before_validate is not None:
            before_validate(wizard)
        display.key("Return", window=wizard)
        main = self.wait_window(rf"AcMail — .*{re.escape(email)}", timeout=40)
        self.wait_for_log("first rows of the folder shown", timeout=30)
        return main

    def choose_file(self, title_regex: str, path: Path) -> None:
        """Type `path` into the open file dialog and press Return. Qt's file dialog completes file
        names as they are typed: when its pop-up is showing, the first Return takes the completion
        (the same file) and a second one accepts the dialog, as for a person typing there; on a
        loaded machine the pop-up may or may not be up in time, so a second Return follows if needed."""
        dialog = self.wait_window(title_regex, timeout=15)
        time.sleep(0.5)
        self.display.type_text(str(path), window=dialog)
        self.display.key("Return")
        try:
            self.wait_no_window(title_regex, timeout=5)
        except AssertionError:
            self.display.key("Return", window=dialog)
            self.wait_no_window(title_regex, timeout=15)

    def wm_close(self, window: str) -> None:
        """Alt+F4: openbox's Close action, which sends WM_DELETE_WINDOW as its × button does."""
        self.display.key("alt+F4", window=window)

    def click_close_button(self, window: str) -> None:
        """Click openbox's × in the title bar (the right-most button of the default layout)."""
        self.display.activate(window)
        x, y, width, _ = self.display.geometry(window)
        frame = subprocess.run(["xprop", "-display", self.display.display, "-id", window, "_NET_FRAME_EXTENTS"],
                               capture_output=True, text=True, timeout=10).stdout
        numbers = [int(n) for n in re.findall(r"\d+", frame.partition("=")[2])]
        right, top = (numbers[1], numbers[2]) if len(numbers) == 4 else (0, 20)
        button_x = x + width + right - max(top // 2, 8) - 2
        button_y = y - top // 2
        self.display.xdotool("mousemove", "--sync", str(button_x), str(button_y))
        self.display.xdotool("click", "1")

    def signal(self, sig: int) -> None:
        assert self.proc is not None
        self.proc.send_signal(sig)

    def wait_exit(self, timeout: float = 30) -> int:
        assert self.proc is not None
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"AcMail still running {timeout} s later; windows: {self.window_titles()}\n"
                                 f"{self.output()[-3000:]}") from None

    def stop(self) -> int | None:
        """End the process and everything it started, whatever state it is in."""
        if self.proc is None:
            return None
        return _kill_group(self.proc, grace=10)


def processes_of(executable_hint: str, roots: Iterable[Path]) -> list[int]:
    """PIDs whose environment points into one of `roots` (an AcMail of this test, however started)."""
    wanted = [str(r).encode() for r in roots]
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if executable_hint.encode() in cmdline and any(w in environ for w in wanted):
            found.append(int(entry.name))
    return found


class FileWalk:
    """Files created or changed under some folders since a snapshot."""

    def __init__(self, roots: Sequence[Path], exclude: Sequence[Path] = ()) -> None:
        self.roots = [Path(r) for r in roots]
        self.exclude = [Path(e) for e in exclude]
        self.before: dict[Path, tuple[int, int, int]] = {}

    @classmethod
    def snapshot(cls, roots: Sequence[Path], exclude: Sequence[Path] = ()) -> FileWalk:
        walk = cls(roots, exclude)
        walk.before = walk._state()
        return walk

    def _excluded(self, path: Path) -> bool:
        """Excluded: the folders given, and any path starting with one of them as a string, so that
        ``/tmp/acmail-mail-`` leaves out every test mail server of the machine, even one started later."""
        text = str(path)
        return any(path == e or e in path.parents or text.startswith(str(e)) for e in self.exclude)

    def _state(self) -> dict[Path, tuple[int, int, int]]:
        state: dict[Path, tuple[int, int, int]] = {}
        for root in self.roots:
            for dirpath, dirnames, filenames in os.walk(root, onerror=lambda _e: None):
                here = Path(dirpath)
                dirnames[:] = [d for d in dirnames if not self._excluded(here / d)]
                for name in filenames + [d for d in dirnames if (here / d).is_symlink()]:
                    path = here / name
                    if self._excluded(path):
                        continue
                    try:
                        info = path.lstat()
                    except OSError:
                        continue
                    state[path] = (info.st_mtime_ns, info.st_size, info.st_ino)
        return state

    def changes(self) -> list[Path]:
        """New files and files whose size, mtime or inode changed."""
        now = self._state()
        return sorted(p for p, s in now.items() if self.before.get(p) != s)


def mentions(paths: Iterable[Path], needles: Iterable[str]) -> dict[Path, list[str]]:
    """Which files have one of the needles (UTF-8 or UTF-16LE) in their name or their bytes."""
    encoded = [(n, [n.encode("utf-8"), n.encode("utf-16-le")]) for n in needles if n]
    hits: dict[Path, list[str]] = {}
    for path in paths:
        try:
            data = path.read_bytes() if path.is_file() and not path.is_symlink() else b""
        except OSError:
            data = b""
        name = str(path).encode("utf-8")
        found = [n for n, forms in encoded if any(f in data or f in name for f in forms)]
        if found:
            hits[path] = found
    return hits
