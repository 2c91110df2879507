"""The one catalogue of user text (core/catalogue.py): every code raised has an entry, in French."""

from __future__ import annotations

import inspect

import pytest

from acmail_desktop import cli
from acmail_desktop.core import attachments, catalogue, errors
from acmail_desktop.core.diagnostics.verdicts import CODES, entry_key
from tests.support.catalogue_tables import compile_translations


def _codes_raised_in_core() -> set[str]:
    classes = [cls for module in (errors, attachments) for _name, cls in inspect.getmembers(module, inspect.isclass)
               if issubclass(cls, errors.AcmailError) and "code" in cls.__dict__]
    assert len(classes) > 40  # the walk found the typed errors
    return {cls.code for cls in classes}


@pytest.mark.parametrize("code", sorted(_codes_raised_in_core()))
def test_every_error_code_has_an_entry(code: str) -> None:
    assert catalogue.has_entry(code), f"add {code!r} to core/catalogue.py (or to its ALIASES)"


@pytest.mark.parametrize("code", CODES)
def test_every_verdict_code_has_an_entry(code: str) -> None:
    assert catalogue.has_entry(entry_key(code))


def test_aliases_point_at_entries() -> None:
    assert set(catalogue.ALIASES.values()) <= set(catalogue.ENTRIES)
    assert not set(catalogue.ALIASES) & set(catalogue.ENTRIES)


@pytest.mark.parametrize("code", sorted(catalogue.ENTRIES))
def test_every_text_of_every_entry_is_translated(code: str) -> None:
    compile_translations()
    french = cli.french()
    entry = catalogue.ENTRIES[code]
    for text in (entry.title, entry.text, entry.action, entry.report_action):
        if text:
            assert french(catalogue.CONTEXT, text) != text, (code, text)
