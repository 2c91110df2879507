"""The outbox survives a killed process: exactly one delivery, one Sent copy, drafts restored."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from acmail_desktop.core.outbox import SENT_COPY_DONE, UNCERTAIN, Outbox
from tests.support.accounts import account_of
from tests.support.assertions import sent_copies

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


def _run(config: dict) -> tuple[int, list[dict]]:  # type: ignore[type-arg]
    # The config (with the account's password) goes on stdin: never on a command line, which any local
    # user can read and which pytest prints when a subprocess call fails.
    proc = subprocess.run([sys.executable, "-m", "tests.support.outbox_child"], cwd=ROOT, input=json.dumps(config),
                          capture_output=True, text=True, timeout=60)
    events = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    assert proc.returncode in (0, -signal.SIGKILL), proc.stderr
    return proc.returncode, events


def _config(mail_server, server_provider_dir, app_paths, acc, to, **extra) -> dict:  # type: ignore[no-untyped-def,type-arg]
    return {"data_dir": str(app_paths.data_dir), "provider_dir": str(server_provider_dir),
            "ca_file": str(mail_server.ca_pem_path), "identifiant": acc.identifiant, "password": acc.password,
            "email": acc.email, "to": to.email, **extra}


def _sent_count(local_provider, ssl_context, acc, message_id: str) -> int:  # type: ignore[no-untyped-def]
    return sent_copies(account_of(local_provider, ssl_context, acc, timeout=10),
                       message_id)


def _deliveries(mail_server, message_id: str) -> int:  # type: ignore[no-untyped-def]
    return len([m for m in mail_server.smtp_messages if message_id.encode() in m.raw])


def test_killed_after_acceptance_sends_once_and_copies_once(mail_server, server_provider_dir, local_provider,
                                                            ssl_context, make_account, app_paths) -> None:  # type: ignore[no-untyped-def]
    acc, to = make_account("crash"), make_account("crashto")
    config = _config(mail_server, server_provider_dir, app_paths, acc, to, subject="Après acceptation")
    code, events = _run({**config, "action": "send", "kill_at": "after:accepted"})
    assert code == -signal.SIGKILL and events[-1] == {"event": "killing", "at": "after:accepted"}
    message_id = events[0]["message_id"]
    assert _deliveries(mail_server, message_id) == 1
    assert _sent_count(local_provider, ssl_context, acc, message_id) == 0
    code, events = _run({**config, "action": "resume"})
    assert code == 0
    assert {"event": "sent_copy_step", "id": events[0]["id"], "state": SENT_COPY_DONE} in events
    assert _deliveries(mail_server, message_id) == 1  # never sent a second time
    assert _sent_count(local_provider, ssl_context, acc, message_id) == 1
    _run({**config, "action": "resume"})  # a third run has nothing left to do
    assert _deliveries(mail_server, message_id) == 1
    assert _sent_count(local_provider, ssl_context, acc, message_id) == 1


def test_killed_between_250_and_record_becomes_uncertain(mail_server, server_provider_dir, local_provider,
                                                         ssl_context, make_account, app_paths) -> None:  # type: ignore[no-untyped-def]
    acc, to = make_account("crash"), make_account("crashto")
    config = _config(mail_server, server_provider_dir, app_paths, acc, to, subject="Avant enregistrement")
    code, events = _run({**config, "action": "send", "kill_at": "before:accepted"})
    assert code == -signal.SIGKILL
    message_id = events[0]["message_id"]
    assert _deliveries(mail_server, message_id) == 1  # the server did accept it
    code, events = _run({**config, "action": "resume"})
    assert {"event": "pending", "id": events[-1]["id"], "state": UNCERTAIN} in events
    assert _deliveries(mail_server, message_id) == 1  # and nothing resent it automatically


def test_queued_message_survives_kill_before_sending(mail_server, server_provider_dir, local_provider,
                                                     ssl_context, make_account, app_paths) -> None:  # type: ignore[no-untyped-def]
    acc, to = make_account("crash"), make_account("crashto")
    config = _config(mail_server, server_provider_dir, app_paths, acc, to, subject="Avant envoi")
    code, events = _run({**config, "action": "send", "kill_at": "before:sending"})
    assert code == -signal.SIGKILL
    message_id = events[0]["message_id"]
    assert _deliveries(mail_server, message_id) == 0
    _run({**config, "action": "resume"})
    assert _deliveries(mail_server, message_id) == 1
    assert _sent_count(local_provider, ssl_context, acc, message_id) == 1


def test_draft_restored_after_killed_process(mail_server, server_provider_dir, make_account,
                                             app_paths) -> None:  # type: ignore[no-untyped-def]
    acc, to = make_account("draft"), make_account("draftto")
    fields = {"to": to.email, "subject": "Brouillon été", "body": "Texte non envoyé, très important\n"}
    config = _config(mail_server, server_provider_dir, app_paths, acc, to, fields=fields)
    code, events = _run({**config, "action": "draft", "kill_at": "after:draft"})
    assert code == -signal.SIGKILL
    outbox = Outbox(app_paths.data_dir)
    recovered = outbox.recoverable_drafts()
    assert [d.id for d in recovered] == [events[0]["id"]]
    assert recovered[0].fields == fields
    outbox.adopt_draft(recovered[0].id)
    assert outbox.recoverable_drafts() == []  # ours now: not offered twice
    outbox.close_draft(recovered[0].id)
    assert Outbox(app_paths.data_dir).recoverable_drafts() == []


def test_killed_after_sent_copy_before_record_never_duplicates(mail_server, server_provider_dir, local_provider,
                                                                ssl_context, make_account, app_paths) -> None:  # type: ignore[no-untyped-def]
    acc, to = make_account("crash"), make_account("crashto")
    config = _config(mail_server, server_provider_dir, app_paths, acc, to, subject="Copie faite")
    code, events = _run({**config, "action": "send", "kill_at": "before:sent_copy_done"})
    assert code == -signal.SIGKILL
    message_id = events[0]["message_id"]
    assert _sent_count(local_provider, ssl_context, acc, message_id) == 1  # appended, not yet recorded
    code, events = _run({**config, "action": "resume"})
    assert {"event": "sent_copy_step", "id": events[0]["id"], "state": SENT_COPY_DONE} in events
    assert _deliveries(mail_server, message_id) == 1
    assert _sent_count(local_provider, ssl_context, acc, message_id) == 1


def _drafts_with(local_provider, ssl_context, acc, message_id: str) -> int:  # type: ignore[no-untyped-def]
    account = account_of(local_provider, ssl_context, acc, timeout=10)
    with account.imap_connection() as imap:
        imap.select("Drafts", readonly=True)
        return len(imap.search_header("Message-ID", message_id))


@pytest.mark.parametrize("kill_at", ["after:accepted", "before:sent_copy_done", "after:sent_copy_done"])
def test_sent_draft_leaves_drafts_exactly_once_whatever_the_kill(kill_at, mail_server, server_provider_dir,
                                                                 local_provider, ssl_context, make_account,
                                                                 app_paths) -> None:  # type: ignore[no-untyped-def]
    """A message written from a server draft: one delivery, one Sent copy, the draft gone, after a
    kill before the draft was removed, after it was removed but not recorded, or after the record."""
    acc, to = make_account("crd"), make_account("crdto")
    config = _config(mail_server, server_provider_dir, app_paths, acc, to, subject=f"Brouillon {kill_at}",
                     server_draft=True)
    code, events = _run({**config, "action": "send", "kill_at": kill_at})
    assert code == -signal.SIGKILL
    message_id, draft_id = events[0]["message_id"], events[0]["server_draft_id"]
    assert _drafts_with(local_provider, ssl_context, acc, draft_id) == (1 if kill_at == "after:accepted" else 0)
    _run({**config, "action": "resume"})
    _run({**config, "action": "resume"})
    assert _deliveries(mail_server, message_id) == 1
    assert _sent_count(local_provider, ssl_context, acc, message_id) == 1
    assert _drafts_with(local_provider, ssl_context, acc, draft_id) == 0
    assert Outbox(app_paths.data_dir).entries() == []
