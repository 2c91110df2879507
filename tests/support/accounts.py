"""THE factory of a core `Account` for the tests (issue 15: one way, not one per test module).

`account_for` builds it from an identifiant and a password or credential; `account_of` from a test
account as `make_account` / `personality.add_account()` return it (identifiant, password, email).
"""

from __future__ import annotations

import ssl
from typing import Any

from acmail_desktop.core.account import Account, AccountIdentity
from acmail_desktop.core.otp import Credential, password_credential
from acmail_desktop.core.providers import Provider


def account_for(provider: Provider, ssl_context: ssl.SSLContext, identifiant: str,
                secret: str | Credential, *, email: str | None = None, timeout: float = 15.0,
                compress: bool = False) -> Account:
    """An Account on `provider` signing in as `identifiant` with `secret` (a password: the login
    name comes from the profile's username template, as the app computes it; or a Credential)."""
    if isinstance(secret, str):
        address = email or (identifiant if "@" in identifiant else None)
        secret = password_credential(provider.imap.username_for(identifiant, address), secret)
    return Account(AccountIdentity(provider, identifiant), secret, ssl_context, timeout=timeout, email=email,
                   compress=compress)


def account_of(provider: Provider, ssl_context: ssl.SSLContext, acc: Any, password: str | None = None, *,
               credential: Credential | None = None, timeout: float = 15.0, compress: bool = False) -> Account:
    """The Account of a test account (`acc.identifiant`, `.password`, `.email`); `password` to try
    another password, `credential` for a PassCode or TOTP credential."""
    return account_for(provider, ssl_context, acc.identifiant, credential or password or acc.password,
                       email=acc.email, timeout=timeout, compress=compress)
