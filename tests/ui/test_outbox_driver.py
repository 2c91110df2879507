"""One outbox driver: the compose window hands its message to the account's OutboxRunner and listens.

Against the real SMTP server and Dovecot: the window sends through the shared runner in one SMTP task
and one IMAP task, asks the SIZE once per session, and a window closed right after Send does not stop
its message (the runner, not the window, owns the send).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt

from acmail_desktop.core.account import Account
from acmail_desktop.core.imap.session import ImapSession
from acmail_desktop.core.outbox import SENT_COPY_DONE, Outbox
from acmail_desktop.ui.compose import ComposeWindow
from acmail_desktop.ui.outbox import OutboxRunner
from acmail_desktop.ui.tasks import ConnectionWorker
from tests.support.accounts import account_of
from tests.support.assertions import sent_copies

pytestmark = [pytest.mark.gui, pytest.mark.integration]


class _CountingImap:
    """The main window's IMAP worker (a real session on a real worker), counting the tasks it runs."""

    def __init__(self, account: Account) -> None:
        self.session = account.open_imap()
        self.worker = ConnectionWorker("imap-main")
        self.runs = 0

    def __call__(self, work: Callable[[ImapSession], Any], on_success: Callable[[Any], None],
                 on_failure: Callable[[BaseException], None]) -> None:
        self.runs += 1
        self.worker.submit(lambda: work(self.session), on_success, on_failure)

    def close(self) -> None:
        self.worker.shutdown(wait=True)
        self.session.logout()


def test_one_smtp_task_and_one_imap_task_per_message_through_the_shared_runner(
        qtbot, make_context, make_account, mail_server, local_provider, tmp_path) -> None:  # type: ignore[no-untyped-def]
    me, to = make_account("drv"), make_account("drvto")
    context = make_context()
    account = account_of(local_provider, context.ssl_context(), me)
    imap = _CountingImap(account)
    outbox = Outbox(context.paths.data_dir)
    runner = OutboxRunner(outbox, account, imap_runner=imap)
    smtp_tasks: list[str] = []
    submit = runner.worker.submit
    runner.worker.submit = lambda fn, *a: (smtp_tasks.append(getattr(fn, "__name__", "?")),  # type: ignore[method-assign]
                                           submit(fn, *a))[1]
    try:
        ehlos = mail_server.smtp_ehlos
        window = ComposeWindow.new(context, account, to=to.email, runner=runner)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.size_limit is not None, timeout=10000)
        probe_ehlos = mail_server.smtp_ehlos - ehlos
        assert probe_ehlos >= 1
        second = ComposeWindow.new(context, account, runner=runner)
        qtbot.addWidget(second)
        second.show()
        qtbot.waitUntil(lambda: second.size_limit == window.size_limit, timeout=10000)
        assert mail_server.smtp_ehlos - ehlos == probe_ehlos  # the SIZE was asked once per session
        assert window.outbox is outbox and not hasattr(window, "smtp_worker")

        window.subject_edit.setText("Un seul conducteur")
        attachment = tmp_path / "note.txt"
        attachment.write_bytes(b"Ordre du jour\n")
        window.add_attachments([attachment])
        before_smtp, before_imap = len(smtp_tasks), imap.runs
        states: list[str] = []
        window.send_state_changed.connect(lambda _id, state: states.append(state))
        with qtbot.waitSignal(window.sent_copy_done, timeout=20000) as sent:
            qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
        assert states == ["queued", "accepted", SENT_COPY_DONE]
        # Spool + send in one SMTP task, Sent copy in one IMAP task: two round trips (it was three).
        assert (len(smtp_tasks) - before_smtp, imap.runs - before_imap) == (1, 1)
        entry = outbox.get(sent.args[0])
        assert len([m for m in mail_server.smtp_messages if entry.message_id.encode() in m.raw]) == 1
        assert sent_copies(account, entry.message_id) == 1

        # Closed right after Send: the runner, not the window, owns the message; it goes once.
        second.to_edit.setText(to.email)
        second.subject_edit.setText("Fenêtre fermée aussitôt")
        finished: list[str] = []
        runner.entry_changed.connect(lambda entry_id, state: finished.append(entry_id)
                                     if state == SENT_COPY_DONE else None)
        second.send()
        second.close()
        qtbot.waitUntil(lambda: len(finished) == 1, timeout=20000)
        gone = outbox.get(finished[-1])
        assert gone.subject == "Fenêtre fermée aussitôt" and outbox.entries(account.identity.key) == []
        assert len([m for m in mail_server.smtp_messages if gone.message_id.encode() in m.raw]) == 1
        assert sent_copies(account, gone.message_id) == 1
    finally:
        runner.shutdown()
        imap.close()
