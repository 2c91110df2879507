"""KeyringStore's reading of backend failures: a vanished item is "not remembered", a broken
keyring is `KeyringUnavailable` (found by the automatic sign-in test racing a delete)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend
from secretstorage.exceptions import ItemNotFoundException

from acmail_desktop.core.errors import KeyringUnavailable
from acmail_desktop.core.secrets import KeyringStore


@pytest.fixture
def scripted_keyring() -> Iterator[Any]:
    """A backend whose every call raises `error` (what secretstorage does in the race).

    Made here, after the default backend was chosen, and unregistered after: keyring registers
    every KeyringBackend subclass, and a second viable one changes its default for later tests."""
    previous = keyring.get_keyring()

    class ScriptedKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]
        error: Exception = ItemNotFoundException("Item does not exist!")

        def get_password(self, service: str, username: str) -> str | None:
            raise self.error

        def set_password(self, service: str, username: str, password: str) -> None:
            raise self.error

        def delete_password(self, service: str, username: str) -> None:
            raise self.error

    backend = ScriptedKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)
        KeyringBackend._classes.discard(ScriptedKeyring)


def test_an_item_deleted_while_read_is_not_remembered(scripted_keyring) -> None:  # type: ignore[no-untyped-def]
    store = KeyringStore()
    assert store.available
    assert store.get_password("local", "fdurand") is None
    store.delete_password("local", "fdurand")  # already gone: nothing to do


def test_other_backend_failures_are_keyring_unavailable(scripted_keyring) -> None:  # type: ignore[no-untyped-def]
    scripted_keyring.error = RuntimeError("org.freedesktop.DBus.Error.ServiceUnknown")
    store = KeyringStore()
    with pytest.raises(KeyringUnavailable):
        store.get_password("local", "fdurand")
