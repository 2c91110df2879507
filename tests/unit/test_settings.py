import json

import pytest

from acmail_desktop.core.errors import ConfigError, SettingLocked
from acmail_desktop.core.settings import SCHEMA, Settings


def test_defaults_types_and_round_trip(tmp_path) -> None:
    path = tmp_path / "settings.json"
    settings = Settings(path)
    for key, setting in SCHEMA.items():
        assert settings.get(key) == setting.default
    settings.set("account.identifiant", "fdurand")
    assert Settings(path).get("account.identifiant") == "fdurand"
    with pytest.raises(ConfigError):
        settings.set("network.timeout_s", "fast")
    with pytest.raises(ConfigError):
        settings.set("display.theme", "pink")


def test_locked_values_win_and_cannot_change(tmp_path) -> None:
    settings = Settings(tmp_path / "s.json", locked={"account.remember": False})
    assert settings.is_locked("account.remember")
    with pytest.raises(SettingLocked):
        settings.set("account.remember", True)


def test_damaged_file_falls_back_to_defaults(tmp_path) -> None:
    path = tmp_path / "s.json"
    path.write_text("{not json")
    assert Settings(path).get("general.language") == "fr"
    path.write_text(json.dumps({"network.timeout_s": "x", "unknown": 1, "account.identifiant": "a"}))
    settings = Settings(path)
    assert settings.get("network.timeout_s") == 20.0 and settings.get("account.identifiant") == "a"
