"""Targets for helper processes spawned by tests (module-level: spawn pickles them by reference)."""

from __future__ import annotations

import os
import time

from acmail_desktop.core import helper_process


def report_niceness(connection: helper_process.Connection) -> None:
    """Say the niceness this helper runs at, then wait for the pipe to close."""
    connection.send(os.nice(0) if hasattr(os, "nice") else 0)
    try:
        connection.recv()
    except EOFError:
        return


def sleep_forever(connection: helper_process.Connection) -> None:
    helper_process.signal_ready(connection)
    while True:
        time.sleep(1)
