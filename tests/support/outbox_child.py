"""AcMail's outbox core in a child process, killed with SIGKILL at a chosen step (crash tests).

    python -m tests.support.outbox_child   (JSON config on stdin, since it holds a password)

config: data_dir, provider_dir, ca_file, identifiant, password, email, to, subject, action
("send" or "resume" or "draft"), kill_at ("before:accepted", "after:accepted", "after:draft" or "");
server_draft (optional): the message is sent from a draft first saved in the server's Drafts.
Prints one JSON line per event on stdout, flushed, so the parent can follow.
"""

from __future__ import annotations

import io
import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

from acmail_desktop.core.mime import write_message
from acmail_desktop.core.otp import password_credential
from acmail_desktop.core.outbox import Outbox, save_draft_to_server
from acmail_desktop.core.providers import bundled_providers_dir, load_providers
from acmail_desktop.core.tls import make_ssl_context
from tests.support.accounts import account_for


def say(**event: Any) -> None:
    print(json.dumps(event), flush=True)


def main(argv: list[str]) -> int:
    config = json.loads(sys.stdin.read())
    kill_at = config.get("kill_at", "")
    outbox = Outbox(Path(config["data_dir"]))
    original_set = outbox._set

    def set_with_kill(entry_id: str, state: str, **kwargs: Any) -> None:
        if kill_at == f"before:{state}":
            say(event="killing", at=kill_at)
            os.kill(os.getpid(), signal.SIGKILL)
        original_set(entry_id, state, **kwargs)
        if kill_at == f"after:{state}":
            say(event="killing", at=kill_at)
            os.kill(os.getpid(), signal.SIGKILL)

    outbox._set = set_with_kill  # type: ignore[method-assign]
    if config["action"] == "draft":
        draft_id = outbox.save_draft("local:" + config["identifiant"], config["fields"])
        say(event="draft", id=draft_id)
        if kill_at == "after:draft":
            os.kill(os.getpid(), signal.SIGKILL)
        return 0
    provider = load_providers([bundled_providers_dir(), Path(config["provider_dir"])]).get("local")
    account = account_for(provider, make_ssl_context([config["ca_file"]]), config["identifiant"],
                          password_credential(config["identifiant"], config["password"]), timeout=10,
                          email=config["email"])
    key = account.identity.key
    if config["action"] == "send":
        server_draft_id = None
        if config.get("server_draft"):
            draft = io.BytesIO()
            server_draft_id, _ = write_message(draft, sender=("", config["email"]), to=[("", config["to"])],
                                               subject=config["subject"], body="Brouillon\n")
            with account.imap_connection() as imap:
                save_draft_to_server(imap, draft.getvalue(), server_draft_id, None)
        entry = outbox.enqueue(key, sender=("", config["email"]), to=[("", config["to"])],
                               subject=config["subject"], body="Corps du message\n", server_draft_id=server_draft_id)
        say(event="queued", id=entry.id, message_id=entry.message_id, server_draft_id=server_draft_id)
    for entry in outbox.due(key):
        entry = outbox.send_step(entry.id, account)
        say(event="sent_step", id=entry.id, state=entry.state)
        if entry.state == "accepted":
            with account.imap_connection() as imap:
                entry = outbox.sent_copy_step(entry.id, imap)
            say(event="sent_copy_step", id=entry.id, state=entry.state)
    for entry in outbox.entries(key):
        say(event="pending", id=entry.id, state=entry.state)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
