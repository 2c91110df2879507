"""Where AcMail keeps its files.

Everything goes through one `AppPaths`, and a base directory (``--base-dir`` or ``ACMAIL_HOME``)
moves all of it, so that tests, the demo and shared machines never touch the real profile.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from acmail_desktop import APP_ID, APP_NAME

ENV_HOME = "ACMAIL_HOME"


@dataclass(frozen=True)
class AppPaths:
    config_dir: Path
    data_dir: Path
    cache_dir: Path
    log_dir: Path

    @classmethod
    def from_base(cls, base: Path) -> AppPaths:
        base = Path(base)
        return cls(base / "config", base / "data", base / "cache", base / "log")

    @classmethod
    def default(cls, base_dir: Path | str | None = None, *,
                platform_dirs: type[platformdirs.PlatformDirsABC] = platformdirs.PlatformDirs) -> AppPaths:
        """The override if given (argument, then ACMAIL_HOME), else the platform's user dirs.

        On Windows the settings roam (%APPDATA%: they follow a user from one lab machine to the next,
        also when AcMail runs from a read-only share); the message cache stays in %LOCALAPPDATA%, as it
        is large and can be fetched again.
        """
        base = base_dir or os.environ.get(ENV_HOME)
        if base:
            return cls.from_base(Path(base))
        dirs = platform_dirs(APP_ID, APP_NAME)
        return cls(
            Path(platform_dirs(APP_ID, APP_NAME, roaming=True).user_config_dir),
            Path(dirs.user_data_dir),
            Path(dirs.user_cache_dir),
            Path(dirs.user_log_dir),
        )

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def user_providers_dir(self) -> Path:
        return self.config_dir / "providers"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "acmail.log"

    def ensure(self) -> AppPaths:
        for d in (self.config_dir, self.data_dir, self.cache_dir, self.log_dir):
            d.mkdir(parents=True, exist_ok=True, mode=0o700)
        return self

    def all_dirs(self) -> tuple[Path, ...]:
        return (self.config_dir, self.data_dir, self.cache_dir, self.log_dir)


def resources_dir() -> Path:
    """The `resources/` folder: inside the installed package, or at the top of a source checkout."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "resources", here.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("AcMail resources folder not found")
