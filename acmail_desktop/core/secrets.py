"""The only `keyring` importer: passwords and TOTP secrets live in the OS keyring, nowhere else.

No usable backend means no storing at all: there is no plain-text fallback, ever. Shared machines
use `SessionOnlyStore`, which never touches the keyring.
"""

from __future__ import annotations

import sys
from typing import Protocol

from acmail_desktop.core import log
from acmail_desktop.core.errors import KeyringUnavailable

SERVICE = "AcMail"
_INSECURE_MARKERS = ("fail", "null", "keyrings.alt", "plaintext", "chainer")


class CredentialStore(Protocol):
    available: bool

    def get_password(self, provider_id: str, identifiant: str) -> str | None: ...
    def set_password(self, provider_id: str, identifiant: str, password: str) -> None: ...
    def delete_password(self, provider_id: str, identifiant: str) -> None: ...
    def get_totp_secret(self, provider_id: str, identifiant: str) -> str | None: ...
    def set_totp_secret(self, provider_id: str, identifiant: str, secret: str) -> None: ...
    def forget(self, provider_id: str, identifiant: str) -> None: ...


def _account_key(provider_id: str, identifiant: str, kind: str = "password") -> str:
    return f"{provider_id}:{identifiant}:{kind}"


def _item_vanished(exc: BaseException) -> bool:
    """Secret Service: an item found by the search was deleted before its secret was read (a
    remembered password forgotten on one thread while another reads it). That is "no such
    entry", not a broken keyring. (secretstorage exists only where that backend is used.)"""
    vanished = getattr(sys.modules.get("secretstorage.exceptions"), "ItemNotFoundException", None)
    return isinstance(vanished, type) and isinstance(exc, vanished)


class KeyringStore:
    """Secrets in the OS keyring (Secret Service, Windows Credential Manager, macOS Keychain)."""

    def __init__(self) -> None:
        import keyring  # imported here: the one module allowed to, and only when used

        self._keyring = keyring
        backend = keyring.get_keyring()
        name = f"{type(backend).__module__}.{type(backend).__name__}".lower()
        self.backend_name = name
        self.available = not any(marker in name for marker in _INSECURE_MARKERS)
        if name.endswith("chainerbackend"):
            # The chainer is usable when it has a real backend inside it.
            inner = [b for b in getattr(backend, "backends", [])
                     if not any(m in type(b).__module__.lower() for m in _INSECURE_MARKERS)]
            self.available = bool(inner)
        if not self.available:
            log.auth.warning("no secure keyring backend (%s): nothing will be stored", name)

    def _call(self, fn, *args):  # type: ignore[no-untyped-def]
        if not self.available:
            raise KeyringUnavailable("no secure keyring backend available")
        try:
            return fn(*args)
        except self._keyring.errors.PasswordDeleteError:
            return None
        except self._keyring.errors.KeyringError as exc:
            # The backend's message can name the item but never holds the secret itself.
            raise KeyringUnavailable(f"keyring error: {type(exc).__name__}") from None
        except Exception as exc:  # D-Bus errors from secretstorage/jeepney surface as plain ones
            if _item_vanished(exc):
                return None  # deleted by another thread between the search and the read: not there
            raise KeyringUnavailable(f"keyring error: {type(exc).__name__}") from None

    def get_password(self, provider_id: str, identifiant: str) -> str | None:
        value = self._call(self._keyring.get_password, SERVICE, _account_key(provider_id, identifiant))
        if value:
            log.redactor.register(value, username=identifiant)
        return value

    def set_password(self, provider_id: str, identifiant: str, password: str) -> None:
        self._call(self._keyring.set_password, SERVICE, _account_key(provider_id, identifiant), password)

    def delete_password(self, provider_id: str, identifiant: str) -> None:
        self._call(self._keyring.delete_password, SERVICE, _account_key(provider_id, identifiant))

    def get_totp_secret(self, provider_id: str, identifiant: str) -> str | None:
        value = self._call(self._keyring.get_password, SERVICE,
                           _account_key(provider_id, identifiant, "totp"))
        if value:
            log.redactor.register(value)
        return value

    def set_totp_secret(self, provider_id: str, identifiant: str, secret: str) -> None:
        self._call(self._keyring.set_password, SERVICE,
                   _account_key(provider_id, identifiant, "totp"), secret)

    def forget(self, provider_id: str, identifiant: str) -> None:
        """*Oublier mes identifiants*: remove every entry of the account."""
        for kind in ("password", "totp"):
            self._call(self._keyring.delete_password, SERVICE, _account_key(provider_id, identifiant, kind))


class SessionOnlyStore:
    """Shared-machine mode: nothing is stored, the keyring is never called."""

    available = False

    def get_password(self, provider_id: str, identifiant: str) -> str | None:
        return None

    def set_password(self, provider_id: str, identifiant: str, password: str) -> None:
        raise KeyringUnavailable("storing secrets is disabled on a shared machine")

    def delete_password(self, provider_id: str, identifiant: str) -> None:
        return None

    def get_totp_secret(self, provider_id: str, identifiant: str) -> str | None:
        return None

    def set_totp_secret(self, provider_id: str, identifiant: str, secret: str) -> None:
        raise KeyringUnavailable("storing secrets is disabled on a shared machine")

    def forget(self, provider_id: str, identifiant: str) -> None:
        return None
