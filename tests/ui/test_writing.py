"""Issue 17 with the real windows over the real servers: a refused recipient named in the compose window
(nothing sent, the address marked, the refused copy leaves the outbox once corrected), a draft of the
server's Drafts reopened from the main window (Entrée, double-click, menu), edited and sent once, the
recipients shown in Sent and Drafts, the display name proposed and kept."""

from __future__ import annotations

import email
import email.policy
import io

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from acmail_desktop.core.mime import write_message
from acmail_desktop.core.outbox import FAILED, Outbox
from acmail_desktop.ui.catalogue import describe_refusal
from acmail_desktop.ui.compose import ComposeWindow
from acmail_desktop.ui.outbox import OutboxView
from acmail_desktop.ui.richedit import document_blocks
from tests.support.accounts import account_of
from tests.ui.mailbox_support import close_main, open_main

pytestmark = [pytest.mark.gui, pytest.mark.integration]


def test_refused_recipient_named_marked_and_corrected(shots, qtbot, make_context, make_account, mail_server,
                                                      local_provider) -> None:  # type: ignore[no-untyped-def]
    me, known = make_account("gref"), make_account("grefok")
    context = make_context()
    outbox = Outbox(context.paths.data_dir)
    window = ComposeWindow.new(context, account_of(local_provider, context.ssl_context(), me), outbox=outbox,
                               to=f"{known.email}, eleve.inconnu@acmail.test")
    qtbot.addWidget(window)
    window.show()
    window.subject_edit.setText("Sortie scolaire")
    window.body.setPlainText("Bonjour,\n")
    states: list[str] = []
    window.send_state_changed.connect(lambda _id, state: states.append(state))
    qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: FAILED in states, timeout=20000)
    text = window.status_label.text()
    assert "L'adresse eleve.inconnu@acmail.test n'existe pas (550 5.1.1 User unknown)." in text
    assert "Rien n'a été envoyé" in text
    assert "c62828" in window.to_edit.styleSheet()  # the field is marked
    assert window.to_edit.selectedText() == "eleve.inconnu@acmail.test"  # and the address selected
    assert not [m for m in mail_server.smtp_messages if b"Sortie scolaire" in m.raw]
    assert not window.to_edit.isReadOnly() and window.send_action.isEnabled()  # the user decides
    view = OutboxView(outbox, window.account.identity.key)
    qtbot.addWidget(view)
    assert "Refusé : eleve.inconnu@acmail.test" in view.list.item(0).text()
    window.grab().save(str(shots / "compose-refusal.png"))

    window.to_edit.setText(known.email)  # corrected
    with qtbot.waitSignal(window.sent_copy_done, timeout=20000):
        qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
    assert len([m for m in mail_server.smtp_messages if b"Sortie scolaire" in m.raw]) == 1
    assert outbox.entries(window.account.identity.key) == []  # the refused copy left the outbox


def test_refused_entry_discarded_when_window_closed(qtbot, make_context, make_account, mail_server,
                                                    local_provider) -> None:  # type: ignore[no-untyped-def]
    me = make_account("gdis")
    context = make_context()
    outbox = Outbox(context.paths.data_dir)
    window = ComposeWindow.new(context, account_of(local_provider, context.ssl_context(), me), outbox=outbox,
                               to="inconnu.total@acmail.test")
    qtbot.addWidget(window)
    window.show()
    window.subject_edit.setText("Jamais envoyé")
    states: list[str] = []
    window.send_state_changed.connect(lambda _id, state: states.append(state))
    qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: FAILED in states, timeout=20000)
    window.close()
    assert outbox.entries(window.account.identity.key) == []  # left the outbox; the text is a draft
    assert outbox.draft(window.draft_id or "").fields["subject"] == "Jamais envoyé"


def test_display_name_proposed_kept_and_sent(qtbot, make_context, make_account, mail_server,
                                             local_provider) -> None:  # type: ignore[no-untyped-def]
    me, to = make_account("gnom"), make_account("gnomto")
    context = make_context()
    account = account_of(local_provider, context.ssl_context(), me)
    account.email = "anne-marie.lefevre@acmail.test"  # a prenom.nom address: a name is proposed
    window = ComposeWindow.new(context, account, to=to.email)
    qtbot.addWidget(window)
    assert window.name_edit.text() == "Anne-Marie Lefevre"
    window.name_edit.setText("Anne-Marie Lefèvre")  # the accent the address cannot carry
    account.email = me.email
    window.subject_edit.setText("Nom")
    window.body.setPlainText("x\n")
    window.show()
    with qtbot.waitSignal(window.message_sent, timeout=20000):
        qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
    assert context.settings.get("sending.display_name") == "Anne-Marie Lefèvre"
    raw = next(m.raw for m in mail_server.smtp_messages if to.email in m.rcpt_tos)
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["From"].addresses[0].display_name == "Anne-Marie Lefèvre"
    second = ComposeWindow.new(context, account)
    qtbot.addWidget(second)
    assert second.name_edit.text() == "Anne-Marie Lefèvre"  # remembered, not proposed again


def _select(window, row: int) -> None:  # type: ignore[no-untyped-def]
    view = window.message_view
    view.setCurrentIndex(window.message_model.index(row, 4))
    view.selectionModel().select(window.message_model.index(row, 0),
                                 QItemSelectionModel.SelectionFlag.ClearAndSelect
                                 | QItemSelectionModel.SelectionFlag.Rows)


def test_server_draft_reopened_edited_and_sent_once(qtbot, make_context, make_account, mail_server) -> None:  # type: ignore[no-untyped-def]
    me, to = make_account("gdr"), make_account("gdrto")
    out = io.BytesIO()
    write_message(out, sender=("", me.email), to=[("Élise Martin", to.email)],
                  subject="Conseil pédagogique", body="Ordre du jour à compléter\n")
    mail_server.deliver(me.identifiant, out.getvalue(), folder="Drafts", flags="DS")
    context = make_context()
    window = open_main(qtbot, context, me)
    try:
        drafts = window.drafts_folder()
        assert drafts
        with qtbot.waitSignal(window.messages_loaded, timeout=20000):
            window.open_folder(drafts)
        assert window.message_model.headerData(3, Qt.Orientation.Horizontal) == "À"
        assert to.email in window.message_model.index(0, 3).data()
        _select(window, 0)
        assert window.edit_draft_action.isEnabled()
        menu_texts = [a.text() for a in window.menuBar().actions()[1].menu().actions()]
        assert "&Modifier le brouillon" in menu_texts
        window.message_view.setFocus()
        assert window.in_drafts(), (window.current_folder, drafts)
        qtbot.keyClick(window.message_view, Qt.Key.Key_Return)  # Entrée opens it for editing
        qtbot.waitUntil(lambda: len(window.compose_windows) == 1, timeout=15000)
        compose = window.compose_windows[0]
        assert compose.subject_edit.text() == "Conseil pédagogique"
        assert compose.to_edit.addresses() == [("Élise Martin", to.email)]
        assert compose.body.toPlainText().startswith("Ordre du jour à compléter")
        compose.body.setPlainText("Ordre du jour complet\n")
        with qtbot.waitSignal(compose.server_draft_saved, timeout=15000):
            compose.save_draft_to_server()  # replaces the draft (one, not two)
        with qtbot.waitSignal(compose.sent_copy_done, timeout=20000):
            qtbot.mouseClick(compose.send_button, Qt.MouseButton.LeftButton)
        assert len([m for m in mail_server.smtp_messages if to.email in m.rcpt_tos]) == 1
        check = window.account.open_imap()
        try:
            check.select(drafts, readonly=True)
            assert check.search_uids() == []  # the draft left Drafts once sent
        finally:
            check.logout()
    finally:
        close_main(qtbot, window)


def test_refusal_sentences_name_the_address_and_keep_the_code() -> None:
    address = "x.y@ac-test.fr"
    assert describe_refusal(address, 550, f"5.1.1 <{address}>: Recipient address rejected: User unknown") == \
        f"L'adresse {address} n'existe pas (550 5.1.1 User unknown)."
    assert describe_refusal(address, 552, "5.2.2 Mailbox full") == \
        f"La boîte de {address} est pleine (552 5.2.2 Mailbox full)."
    assert describe_refusal(address, 554, "5.7.1 Relay access denied").startswith("Le serveur n'autorise pas")
    assert describe_refusal(address, 450, "4.2.1 Try later").startswith(f"L'adresse {address} est refusée pour")
    assert describe_refusal(address, 553, "Nope") == f"Le serveur a refusé l'adresse {address} (553 Nope)."


def _parts(mail_server, acc) -> email.message.EmailMessage:  # type: ignore[no-untyped-def]
    raw = next(m.raw for m in reversed(mail_server.smtp_messages) if acc.email in m.rcpt_tos)
    return email.message_from_bytes(raw, policy=email.policy.default)  # type: ignore[return-value]


def test_formatting_toolbar_and_shortcuts_send_text_and_html(shots, qtbot, make_context, make_account, mail_server,
                                                             local_provider) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QMimeData

    me, to = make_account("fmt"), make_account("fmtto")
    context = make_context()
    window = ComposeWindow.new(context, account_of(local_provider, context.ssl_context(), me), to=to.email)
    qtbot.addWidget(window)
    window.show()
    window.subject_edit.setText("Réunion")
    body, bar = window.body, window.formatting_bar
    window.activateWindow()  # window shortcuts need the active window and the focus in it
    body.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(body.hasFocus, timeout=5000)
    qtbot.keyClicks(body, "Bonjour ")
    qtbot.keyClick(body, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # Ctrl+B: bold on
    qtbot.keyClicks(body, "important")
    qtbot.keyClick(body, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # and off
    qtbot.keyClicks(body, " :")
    qtbot.keyClick(body, Qt.Key.Key_Return)
    bar.bullets_action.trigger()
    qtbot.keyClicks(body, "salle 12")
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClicks(body, "voir ")
    assert bar.insert_link("https://ac-test.fr/plan")
    qtbot.keyClick(body, Qt.Key.Key_Return)
    qtbot.keyClick(body, Qt.Key.Key_Return)  # an empty item ends the list
    pasted = QMimeData()
    pasted.setHtml('<p onclick="x()">Collé <i>ici</i><script>alert(1)</script><img src="https://t.example/p.gif"></p>')
    body.insertFromMimeData(pasted)
    assert "alert" not in body.toHtml() and "onclick" not in body.toHtml()
    window.grab().save(str(shots / "compose-formatting.png"))
    with qtbot.waitSignal(window.message_sent, timeout=20000):
        qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
    parsed = _parts(mail_server, to)
    assert [p.get_content_type() for p in parsed.iter_parts()] == ["text/plain", "text/html"]
    plain = parsed.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert plain == "Bonjour important :\n- salle 12\n- voir https://ac-test.fr/plan\nCollé ici\n"
    html = parsed.get_body(("html",)).get_content().replace("\r\n", "\n")
    assert "<p>Bonjour <strong>important</strong> :</p>" in html, html
    link = '<a href="https://ac-test.fr/plan">https://ac-test.fr/plan</a>'
    assert f"<ul>\n<li>salle 12</li>\n<li>voir {link}</li>" in html
    assert "<em>ici</em>" in html and "script" not in html and "<img" not in html and "style=\"" not in html.split(
        "<body", 1)[1].split(">", 1)[1]


def test_reply_to_html_mail_keeps_the_formatting_in_both_parts(qtbot, make_context, make_account, mail_server,
                                                               local_provider) -> None:  # type: ignore[no-untyped-def]
    from tests.support.sample_mail import HTML_ORIGINAL

    me, to = make_account("rep"), make_account("repto")
    context = make_context()
    account = account_of(local_provider, context.ssl_context(), me)
    original = HTML_ORIGINAL.format(me=me.email).replace("chloe.martin@acmail.test", to.email).encode()
    window = ComposeWindow(context, account, ComposeWindow.reply_draft(context, account, original))
    qtbot.addWidget(window)
    window.show()
    window.body.moveCursor(window.body.textCursor().MoveOperation.Start)
    qtbot.keyClicks(window.body, "Merci Chloe")
    with qtbot.waitSignal(window.message_sent, timeout=20000):
        qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
    parsed = _parts(mail_server, to)
    assert parsed["In-Reply-To"] == "<html-orig-17@acmail.test>"
    plain = parsed.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert plain.startswith("Merci Chloe\n")
    assert "\nLe jeu. 3 déc. 2026 à " in plain and ", Chloé Martin a écrit :\n" in plain
    assert "> Le programme :\n> - Jour 1 : musée\n> - Jour 2 : château" in plain
    html = parsed.get_body(("html",)).get_content().replace("\r\n", "\n")
    assert '<blockquote type="cite">' in html and "<strong>programme</strong>" in html
    assert "<li>Jour 2 : château</li>" in html and "tracker.example" not in html


def test_plain_text_setting_hides_the_toolbar_and_sends_text_only(qtbot, make_context, make_account, mail_server,
                                                                  local_provider) -> None:  # type: ignore[no-untyped-def]
    me, to = make_account("txt"), make_account("txtto")
    context = make_context()
    context.settings.set("sending.plain_text", True)
    window = ComposeWindow.new(context, account_of(local_provider, context.ssl_context(), me), to=to.email)
    qtbot.addWidget(window)
    window.show()
    assert not window.formatting_bar.isVisible() and not window.body.acceptRichText()
    window.subject_edit.setText("Texte brut")
    window.body.setPlainText("Simple.\n")
    with qtbot.waitSignal(window.message_sent, timeout=20000):
        qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
    parsed = _parts(mail_server, to)
    assert parsed.get_content_type() == "text/plain"


def test_spelling_underlined_with_suggestions_but_not_in_quotes(qtbot, make_context, make_account, mail_server,
                                                                local_provider) -> None:  # type: ignore[no-untyped-def]
    from acmail_desktop.core.spelling import load_checker

    if load_checker() is None:
        pytest.skip("no French dictionary: install libenchant-2-2 and hunspell-fr (scripts/bootstrap.sh)")
    me = make_account("orth")
    context = make_context()
    window = ComposeWindow.new(context, account_of(local_provider, context.ssl_context(), me))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.body.spell_highlighter is not None, timeout=10000)
    window.body.setPlainText("Bonjur, la sortie est confirmée.\n> texte citée avec fotes\n")
    assert window.body.misspelled_words() == ["Bonjur"]  # the quoted line is not the user's to correct
    cursor, suggestions = window.body.spelling_suggestions_at(2)  # type: ignore[misc]
    assert "Bonjour" in suggestions
    cursor.insertText("Bonjour")
    assert window.body.toPlainText().startswith("Bonjour, la sortie") and window.body.misspelled_words() == []


def test_local_draft_listed_and_reopened_for_editing(qtbot, make_context, make_account, mail_server,
                                                     local_provider) -> None:  # type: ignore[no-untyped-def]
    """A draft the server could not take (written offline) is kept on this computer and reopens from the
    outbox dialog; a draft open in a window is not offered twice."""
    me = make_account("loc")
    context = make_context()
    account = account_of(local_provider, context.ssl_context(), me)
    outbox = Outbox(context.paths.data_dir)
    window = ComposeWindow.new(context, account, outbox=outbox, to="collegue@acmail.test")
    qtbot.addWidget(window)
    window.subject_edit.setText("Écrit dans le train")
    window.body.setPlainText("Texte hors ligne\n")
    window.close()  # no IMAP runner given: the draft stays on this computer
    draft_id = window.draft_id
    editing: set[str] = set()
    view = OutboxView(outbox, account.identity.key, editing=lambda: editing)
    qtbot.addWidget(view)
    assert view.drafts_list.count() == 1 and "Écrit dans le train" in view.drafts_list.item(0).text()
    with qtbot.waitSignal(view.draft_edit_requested) as requested:
        view.edit_draft_button.click()
    assert requested.args == [draft_id]
    reopened = ComposeWindow.restore(context, account, draft_id or "", outbox=outbox)
    qtbot.addWidget(reopened)
    assert reopened.subject_edit.text() == "Écrit dans le train"
    assert reopened.to_edit.text() == "collegue@acmail.test" and reopened.body.toPlainText() == "Texte hors ligne\n"
    editing.add(draft_id or "")
    view.refresh()
    assert view.drafts_list.count() == 0 and not view.edit_draft_button.isVisibleTo(view)


def test_passcode_session_second_message_needs_no_new_code(qtbot, make_context, make_account, mail_server,
                                                            local_provider) -> None:  # type: ignore[no-untyped-def]
    from acmail_desktop.core.otp import passcode_credential

    me, to = make_account("pc2"), make_account("pc2to")
    context = make_context()
    code = mail_server.fresh_passcode(me.identifiant)
    account = account_of(local_provider, context.ssl_context(), me,
                         credential=passcode_credential(me.identifiant, code[:-6], code[-6:]), timeout=10)
    session = account.open_imap()  # the sign-in spends the first code

    def runner(work, on_success, on_failure):  # type: ignore[no-untyped-def]
        try:
            on_success(work(session))
        except Exception as exc:
            on_failure(exc)

    try:
        first = ComposeWindow.new(context, account, to=to.email, imap_runner=runner)
        qtbot.addWidget(first)
        first.show()
        first.subject_edit.setText("Premier")
        qtbot.mouseClick(first.send_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(first.passcode_bar.isVisible, timeout=10000)
        assert "servira pour le reste de la session" in first.status_label.text()
        fresh = mail_server.fresh_passcode(me.identifiant)
        first.pin_edit.setText(fresh[:-6])
        first.code_edit.setText(fresh[-6:])
        mail_server.reset_auth_log()
        with qtbot.waitSignal(first.message_sent, timeout=20000):
            qtbot.mouseClick(first.passcode_button, Qt.MouseButton.LeftButton)
        second = ComposeWindow.new(context, account, to=to.email, imap_runner=runner)
        qtbot.addWidget(second)
        second.show()
        second.subject_edit.setText("Second")
        with qtbot.waitSignal(second.message_sent, timeout=20000):
            qtbot.mouseClick(second.send_button, Qt.MouseButton.LeftButton)
        assert not second.passcode_bar.isVisible()
        assert [a.result for a in mail_server.auth_attempts(me.identifiant) if a.service == "smtp"] == ["ok"]
        assert len([m for m in mail_server.smtp_messages if to.email in m.rcpt_tos]) == 2
    finally:
        account.close_smtp()
        session.logout()


def test_refused_message_corrected_from_the_outbox(qtbot, make_context, make_account, mail_server,
                                                   local_provider) -> None:  # type: ignore[no-untyped-def]
    """Refused while the outbox sent it in the background: Corriger reopens it with the address marked
    (Bcc kept from the envelope); the corrected message goes once and the refused copy leaves."""
    me, to, hidden = make_account("cor"), make_account("corto"), make_account("corbcc")
    context = make_context()
    account = account_of(local_provider, context.ssl_context(), me)
    outbox = Outbox(context.paths.data_dir)
    entry = outbox.enqueue(account.identity.key, sender=("", me.email),
                           to=[("Élise", to.email), ("", "faute.de.frappe@acmail.test")], bcc=[("", hidden.email)],
                           subject="Conseil", body="Ordre du jour\n")
    assert outbox.send_step(entry.id, account).state == FAILED
    view = OutboxView(outbox, account.identity.key)
    qtbot.addWidget(view)
    view.list.setCurrentRow(0)
    assert view.correct_button.isEnabled()
    with qtbot.waitSignal(view.correct_requested) as requested:
        view.correct_button.click()
    window = ComposeWindow.correct(context, account, outbox.get(requested.args[0]), outbox=outbox)
    qtbot.addWidget(window)
    window.show()
    assert window.to_edit.selectedText() == "faute.de.frappe@acmail.test"
    assert "n'existe pas" in window.status_label.text()
    assert window.bcc_edit.addresses() == [("", hidden.email)] and window.subject_edit.text() == "Conseil"
    window.to_edit.setText(f"Élise <{to.email}>")
    with qtbot.waitSignal(window.message_sent, timeout=20000):
        qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
    assert outbox.get(entry.id).state == "cancelled"
    delivered = [m for m in mail_server.smtp_messages if to.email in m.rcpt_tos]
    assert len(delivered) == 1 and hidden.email in delivered[0].rcpt_tos


def test_double_click_and_context_menu_open_a_thunderbird_draft(qtbot, make_context, make_account,
                                                                 mail_server) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMenu

    from tests.support.sample_mail import THUNDERBIRD_DRAFT

    me, to, cc, bcc = make_account("dcl"), make_account("dclto"), make_account("dclcc"), make_account("dclbcc")
    raw = THUNDERBIRD_DRAFT.format(me=me.email, to=to.email, cc=cc.email, bcc=bcc.email).encode()
    mail_server.deliver(me.identifiant, raw, folder="Drafts", flags="DS")
    window = open_main(qtbot, make_context(), me)
    try:
        with qtbot.waitSignal(window.messages_loaded, timeout=20000):
            window.open_folder(window.drafts_folder() or "Drafts")
        _select(window, 0)
        menus: list[QMenu] = []
        original_popup = QMenu.popup
        QMenu.popup = lambda menu, *_a: menus.append(menu)  # type: ignore[method-assign,assignment]
        try:
            window._message_menu(window.message_view.rect().center())
        finally:
            QMenu.popup = original_popup  # type: ignore[method-assign]
        assert menus and menus[0].actions()[0] is window.edit_draft_action
        window.message_view.doubleClicked.emit(window.message_model.index(0, 4))
        qtbot.waitUntil(lambda: len(window.compose_windows) == 1, timeout=15000)
        compose = window.compose_windows[0]
        assert compose.subject_edit.text() == "Sortie pédagogique — autorisations"
        assert compose.bcc_edit.addresses() == [("", bcc.email)]
        assert [a.filename for a in compose.attachments] == ["autorisation sortie été.pdf"]
        bold = [run.text for block in document_blocks(compose.body.document()) for run in block.runs if run.bold]
        assert bold == ["autorisations"]  # the HTML draft opens formatted
    finally:
        close_main(qtbot, window)
