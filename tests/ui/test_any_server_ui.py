"""The main window against server personalities (issue 24): the tree, Delete / Ctrl+Z and new
folders where the special folders are only named (INBOX.Trash, Corbeille) or absent."""

from __future__ import annotations

from typing import Any

import pytest
from imapclient import IMAPClient
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QMessageBox

from acmail_desktop.core.context import AppContext
from acmail_desktop.core.secrets import SessionOnlyStore
from acmail_desktop.core.settings import Settings
from acmail_desktop.ui.models.icons import folder_icon
from acmail_desktop.ui.roles import Roles
from tests.ui.mailbox_support import close_main, open_main, row_uids

pytestmark = [pytest.mark.gui, pytest.mark.integration]


def _context(app_paths, personality) -> AppContext:  # type: ignore[no-untyped-def]
    settings = Settings(app_paths.settings_file)
    settings.set("account.academie", "local")
    return AppContext(app_paths, settings, personality.registry, SessionOnlyStore(),
                      extra_ca_files=[str(personality.server.ca_pem_path)])


def _msg(n: int) -> bytes:
    return (f"From: parent{n}@ac-local.fr\r\nTo: prof@acmail.test\r\nSubject: Absence n°{n}\r\n"
            f"Date: Tue, 3 Nov 2026 09:{n:02d}:00 +0100\r\nMessage-ID: <ui{n}@ac-local.fr>\r\n\r\nCorps\r\n").encode()


def _server_uids(personality, acc, folder: str) -> list[int]:  # type: ignore[no-untyped-def]
    server = personality.server
    client = IMAPClient(server.host, port=server.imaps_port, ssl=True, ssl_context=personality.ssl_context)
    try:
        client.login(acc.identifiant, acc.password)
        client.select_folder(folder, readonly=True)
        return sorted(client.search(["ALL"]))
    finally:
        client.logout()


def _select_first(window: Any) -> None:
    window.message_view.setCurrentIndex(window.message_model.index(0, 4))
    window.message_view.selectionModel().select(window.message_model.index(0, 0),
                                                QItemSelectionModel.SelectionFlag.ClearAndSelect
                                                | QItemSelectionModel.SelectionFlag.Rows)


def _same_icon(a: Any, b: Any) -> bool:
    return bool(a.pixmap(16, 16).toImage() == b.pixmap(16, 16).toImage())


@pytest.mark.parametrize("personality", ["courier", "oracle"], indirect=True)
def test_named_trash_shown_in_french_delete_goes_there_and_ctrl_z_brings_it_back(
        qtbot, app_paths, personality) -> None:  # type: ignore[no-untyped-def]
    acc = personality.add_account("ui")
    for n in range(3):
        personality.server.deliver(acc.identifiant, _msg(n))
    window = open_main(qtbot, _context(app_paths, personality), acc)
    try:
        model = window.folder_model
        prefix = personality.server.prefix
        names = {"courier": ("INBOX.Trash", "INBOX.Sent", "INBOX.Drafts"),
                 "oracle": ("Corbeille", "Éléments envoyés", "Brouillons")}[personality.name]
        for name, use, french in zip(names, ("\\Trash", "\\Sent", "\\Drafts"),
                                     ("Corbeille", "Envoyés", "Brouillons"), strict=True):
            index = model.index_of(name)
            assert index.isValid(), name
            assert index.data(Qt.ItemDataRole.DisplayRole) == french
            assert index.data(Roles.SpecialUse) == use
            assert _same_icon(index.data(Qt.ItemDataRole.DecorationRole), folder_icon(use))
            assert not _same_icon(index.data(Qt.ItemDataRole.DecorationRole), folder_icon(None))
            assert not index.parent().isValid(), "shown at the top level, without the prefix"
        assert model.index_of("INBOX").data(Qt.ItemDataRole.DisplayRole) == "Boîte de réception"
        trash = names[0]
        _select_first(window)
        uid = window.selected_uids()[0]
        with qtbot.waitSignal(window.operation_done, timeout=15000) as done:
            qtbot.keyClick(window.message_view, Qt.Key.Key_Delete)
        assert done.args == ["delete"]
        assert uid not in _server_uids(personality, acc, "INBOX")
        assert len(_server_uids(personality, acc, trash)) == 1, "moved to that Trash, not erased"
        qtbot.wait(1500)  # the sync after the move must not hide what was done
        status = window.statusBar().currentMessage()
        assert "Corbeille" in status and "Ctrl+Z" in status, status
        assert window.undo_action.isEnabled()
        with qtbot.waitSignal(window.operation_done, timeout=15000) as done:
            qtbot.keyClick(window.message_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert done.args == ["undo"]
        assert len(_server_uids(personality, acc, "INBOX")) == 3 and _server_uids(personality, acc, trash) == []
        assert window.message_model.rowCount() == 3
        # A new folder at the top level goes under the personal prefix, shown without it.
        with qtbot.waitSignal(window.operation_done, timeout=15000):
            window.folders.create_folder(window.folders.child_name(None, "Projets"))
        with qtbot.waitSignal(window.folders_loaded, timeout=15000, raising=False):
            pass
        created = prefix + "Projets"
        assert window.folder_model.index_of(created).isValid()
        assert window.folder_model.index_of(created).data(Qt.ItemDataRole.DisplayRole) == "Projets"
        assert not window.folder_model.index_of(created).parent().isValid()
    finally:
        close_main(qtbot, window)


@pytest.mark.parametrize("personality", ["bare"], indirect=True)
def test_without_a_trash_delete_asks_before_erasing(qtbot, app_paths, personality, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    acc = personality.add_account("ui")
    for n in range(2):
        personality.server.deliver(acc.identifiant, _msg(n))
    window = open_main(qtbot, _context(app_paths, personality), acc)
    asked: list[str] = []
    answer = QMessageBox.StandardButton.No

    def question(_parent, _title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    try:
        assert window.folder_model.folder_by_use("\\Trash") is None
        _select_first(window)
        uid = window.selected_uids()[0]
        qtbot.keyClick(window.message_view, Qt.Key.Key_Delete)
        assert len(asked) == 1 and "Corbeille" in asked[0], asked
        qtbot.wait(300)
        assert uid in _server_uids(personality, acc, "INBOX"), "No: nothing erased"
        answer = QMessageBox.StandardButton.Yes
        with qtbot.waitSignal(window.operation_done, timeout=15000):
            qtbot.keyClick(window.message_view, Qt.Key.Key_Delete)
        assert len(asked) == 2
        assert uid not in _server_uids(personality, acc, "INBOX") and uid not in row_uids(window)
        status = window.statusBar().currentMessage()
        assert "supprimé" in status and "déplacé" not in status and "Ctrl+Z" not in status
        assert not window.undo_action.isEnabled(), "an erased message cannot be brought back"
    finally:
        close_main(qtbot, window)


def test_one_folder_per_special_use_and_labels_never_ambiguous(qapp) -> None:  # type: ignore[no-untyped-def]
    """A French server where another client also made "Trash" and "Sent": one Corbeille (the one
    core chose), and the other folder keeps its own name; the same label twice gets the server name."""
    from acmail_desktop.core.folders import Namespace
    from acmail_desktop.ui.models.folders import FolderTreeModel

    model = FolderTreeModel()
    rows = [("INBOX", "/", "", "\\Inbox", 0, 0), ("Trash", "/", "", "\\Trash", 0, 0),
            ("Corbeille", "/", "", None, 0, 0), ("Éléments envoyés", "/", "", None, 0, 0),
            ("Projets", "/", "", None, 0, 0), ("Projets/Corbeille", "/", "", None, 0, 0)]
    model.set_folders(rows, Namespace("", "/"))
    assert model.folder_by_use("\\Trash") == "Trash"
    assert model.index_of("Corbeille").data(Roles.SpecialUse) is None
    assert model.index_of("Trash").data(Qt.ItemDataRole.DisplayRole) == "Corbeille (Trash)"
    assert model.index_of("Corbeille").data(Qt.ItemDataRole.DisplayRole) == "Corbeille"
    assert model.folder_by_use("\\Sent") == "Éléments envoyés"  # no answer from core: the name rule
    assert model.index_of("Projets/Corbeille").data(Roles.SpecialUse) is None  # not at the top level


@pytest.mark.parametrize("personality", ["dovecot"], indirect=True)
def test_an_ignored_flag_change_is_shown_as_not_made(qtbot, app_paths, personality) -> None:  # type: ignore[no-untyped-def]
    """The session believes its EXAMINEd folder is writable (what a draft save used to leave):
    Dovecot ignores the STORE with a tagged OK; the window says the change was not made and the
    list keeps showing the server's state, not the flag."""
    from acmail_desktop.core.imap.fetchparse import FLAGGED

    acc = personality.add_account("ui")
    personality.server.deliver(acc.identifiant, _msg(1))
    window = open_main(qtbot, _context(app_paths, personality), acc)
    try:
        _select_first(window)
        uid = window.selected_uids()[0]
        session = window.mailbox.sync.session
        done: list[bool] = []
        window.mailbox.run(lambda s: (s.select("INBOX", readonly=True), setattr(s, "selected_writable", True)),
                           lambda _r: done.append(True))
        qtbot.waitUntil(lambda: bool(done), timeout=10000)
        window.flag_action.trigger()
        qtbot.waitUntil(lambda: "Modification non effectuée" in window.statusBar().currentMessage(), timeout=10000)
        assert not int(window.store.message("INBOX", uid)["flags"]) & FLAGGED
        assert not window.message_model.index(0, 0).data(Roles.Flagged)
        assert not session.selected_writable
    finally:
        close_main(qtbot, window)


@pytest.mark.parametrize("personality", ["courier", "oracle", pytest.param("cyrus", marks=pytest.mark.slow)],
                         indirect=True)
def test_drafts_found_by_core_whatever_the_server_calls_it(qtbot, app_paths, personality) -> None:  # type: ignore[no-untyped-def]
    """INBOX.Drafts on Courier, Brouillons on the Oracle-like server (neither marked \\Drafts), a
    real Cyrus's own: the window's Drafts is core.folders' answer, and a draft there opens for editing."""
    acc = personality.add_account("ui")
    drafts = {"courier": "INBOX.Drafts", "oracle": "Brouillons"}.get(personality.name) or \
        personality.server.server_name("Drafts")
    personality.server.deliver(acc.identifiant, _msg(1), folder=drafts, flags="DS")
    window = open_main(qtbot, _context(app_paths, personality), acc)
    try:
        assert window.drafts_folder() == drafts
        with qtbot.waitSignal(window.messages_loaded, timeout=20000):
            window.open_folder(drafts)
        assert window.in_drafts()
        _select_first(window)
        assert window.edit_draft_action.isEnabled()
    finally:
        close_main(qtbot, window)


@pytest.mark.parametrize("personality", ["bare"], indirect=True)
def test_a_folder_merely_named_drafts_is_not_the_drafts(qtbot, app_paths, personality) -> None:  # type: ignore[no-untyped-def]
    """No Drafts on the server, a user's folder "Projets/Drafts": its messages are mail like any
    other (sender column, no "Edit draft"), not the account's drafts."""
    acc = personality.add_account("ui")
    personality.server.create_folder(acc.identifiant, "Projets/Drafts")
    personality.server.deliver(acc.identifiant, _msg(2), folder="Projets/Drafts")
    window = open_main(qtbot, _context(app_paths, personality), acc)
    try:
        qtbot.waitUntil(lambda: window.folder_model.index_of("Projets/Drafts").isValid(), timeout=15000)
        assert window.drafts_folder() is None
        with qtbot.waitSignal(window.messages_loaded, timeout=20000):
            window.open_folder("Projets/Drafts")
        assert not window.in_drafts()
        _select_first(window)
        assert not window.edit_draft_action.isEnabled()
        assert window.message_model.headerData(3, Qt.Orientation.Horizontal) != "À"
    finally:
        close_main(qtbot, window)

