"""Every typed error AcMail can raise has its own French message (none falls to "unexpected")."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import acmail_desktop.core as core
from acmail_desktop.core import errors
from acmail_desktop.ui.catalogue import describe_error

pytestmark = pytest.mark.gui

# Bases that are never raised as such (only their subclasses are).
ABSTRACT = {errors.AcmailError, errors.AuthError, errors.SmtpError, errors.NetworkError, errors.TlsError}


def _all_error_classes() -> set[type[errors.AcmailError]]:
    for module in pkgutil.walk_packages(core.__path__, core.__name__ + "."):
        importlib.import_module(module.name)
    found: set[type[errors.AcmailError]] = set()
    pending = [errors.AcmailError]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            if sub not in found:
                found.add(sub)
                pending.append(sub)
    return found - ABSTRACT


def _instance(cls: type[errors.AcmailError]) -> errors.AcmailError:
    if issubclass(cls, errors.ProviderFileError):
        return cls("profile.xml", 3, "bad port")
    return cls("technical detail")


@pytest.mark.parametrize("cls", sorted(_all_error_classes(), key=lambda c: c.__name__),
                         ids=lambda c: c.__name__)
def test_specific_french_message(cls: type[errors.AcmailError]) -> None:
    message = describe_error(_instance(cls))
    assert message.title and message.text
    assert message.title != "Erreur", f"{cls.__name__} ({cls.code}) falls to the generic message"
    assert "technical detail" not in message.text


def test_codes_are_unique_per_meaning() -> None:
    """The UI, the diagnostics and the help desk key on `code`: two classes must never share one."""
    codes = [c.code for c in _all_error_classes()]
    assert all(isinstance(code, str) and code for code in codes)
    assert len(codes) == len(set(codes)), sorted(code for code in codes if codes.count(code) > 1)


def test_smtp_refusal_shows_the_server_words() -> None:
    error = errors.SmtpRejected("x", server_text="550 5.1.1 Destinataire inconnu")
    assert "Destinataire inconnu" in describe_error(error).text
