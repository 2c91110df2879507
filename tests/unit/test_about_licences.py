"""The About window names the licence of every bundled component (#19: IMAPClient showed "?")."""

from __future__ import annotations

import importlib.metadata as metadata
import re

from acmail_desktop.core.about import components


def test_every_runtime_dependency_is_listed_with_a_licence() -> None:
    requires = metadata.distribution("acmail_desktop").requires or []
    wanted = {re.split(r"[\s;<>=!~\[(]", r, maxsplit=1)[0].lower().replace("_", "-")
              for r in requires if "extra ==" not in r}
    listed = {c.name.lower().replace("_", "-"): c.licence for c in components()}
    assert wanted <= set(listed), wanted - set(listed)
    assert all(licence and licence != "?" for licence in listed.values()), listed
    assert listed["imapclient"] == "BSD-3-Clause"  # no licence field, only its COPYING file
