"""The mailbox core syncing in a child process, so a test can kill -9 it at any moment.

    python -m tests.support.sync_child   (JSON config on stdin: cache, provider_dir, ca_file,
                                          identifiant, password, folder, [loader_min_rows])

Loops forever: full sync of the folder, flag changes mirrored to the cache, bodies fetched into
the cache; prints one line per step so the parent knows the work is under way.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from acmail_desktop.core.imap.sync import FolderSync
from acmail_desktop.core.otp import password_credential
from acmail_desktop.core.providers import bundled_providers_dir, load_providers
from acmail_desktop.core.store import Store
from acmail_desktop.core.tls import make_ssl_context
from tests.support.accounts import account_for


def main() -> int:
    config = json.loads(sys.stdin.readline())
    if "loader_min_rows" in config:  # cold loads through the helper processes of imap.loader
        from acmail_desktop.core.imap import sync as sync_module

        sync_module.LOADER_MIN_ROWS = int(config["loader_min_rows"])
    provider = load_providers([bundled_providers_dir(), Path(config["provider_dir"])]).get("local")
    account = account_for(provider, make_ssl_context([config["ca_file"]]), config["identifiant"],
                          password_credential(config["identifiant"], config["password"]), timeout=30)
    store = Store(Path(config["cache"]))
    sync = FolderSync(account.open_imap(), store, commit_every=500)
    sync.start()
    folder = config["folder"]
    round_ = 0
    while True:
        round_ += 1
        sync.sync(folder, on_batch=lambda _folder, count: print(f"batch {count}", flush=True))
        uids = store.uids(folder)
        print(f"synced {len(uids)}", flush=True)
        sync.mark_seen(folder, uids[round_ % 7::7], seen=round_ % 2 == 1)
        for uid in uids[round_ * 5:round_ * 5 + 5]:
            sync.fetch_body(folder, uid)
        print(f"round {round_}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
