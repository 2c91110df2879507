"""Small parts of ending a session well: late background work, where attachments are proposed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import platformdirs
import pytest

from acmail_desktop.core.policy import load_policy
from acmail_desktop.core.shared_session import SharedSession
from acmail_desktop.ui.context import AppContext
from acmail_desktop.ui.tasks import ConnectionWorker


def test_work_handed_to_a_closed_worker_is_dropped_not_raised(qapp: Any, caplog: pytest.LogCaptureFixture) -> None:
    """A window left over after logout used to get 'cannot schedule new futures after shutdown'."""
    worker = ConnectionWorker("imap-test")
    worker.shutdown()
    ran: list[str] = []
    with caplog.at_level("INFO", logger="acmail.ui"):
        future = worker.submit(lambda: ran.append("work"), lambda _r: ran.append("success"),
                               lambda _e: ran.append("failure"))
    assert future.cancelled() and ran == []
    assert "task dropped, the connection is closed" in caplog.text


def test_the_shared_machine_never_proposes_the_wiped_folder(tmp_path: Path) -> None:
    session = SharedSession.start(tmp_path / "root")
    try:
        context = AppContext.create(session.paths, shared_session=session)
        proposed = context.attachments_save_dir
        assert session.directory not in proposed.parents and proposed != session.directory
        assert proposed == Path(platformdirs.user_documents_dir())
        policy_file = tmp_path / "policy.json"
        policy_file.write_text(json.dumps({"version": 1, "shared_machine": True,
                                           "attachments_save_dir": "/srv/homes/eleve/Documents"}), encoding="utf-8")
        with_policy = AppContext.create(session.paths, policy=load_policy(policy_file), shared_session=session)
        assert with_policy.attachments_save_dir == Path("/srv/homes/eleve/Documents")
    finally:
        session.close()
