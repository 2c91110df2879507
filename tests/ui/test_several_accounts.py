"""Several accounts signed in at once over the real Dovecot and SMTP server (issue 21): each its own
mailbox (cache, connection, IDLE), the reply sent from the account that received the original, one
account's wrong password leaving the other working, signing out one leaving the other online."""

from __future__ import annotations

import email
from typing import Any

import pytest
from PySide6.QtCore import Qt

from acmail_desktop.core import compose as core_compose
from acmail_desktop.core import errors
from acmail_desktop.core.outbox import Outbox
from acmail_desktop.ui.accounts import SignedInAccounts
from tests.support.accounts import account_of

pytestmark = pytest.mark.integration


def plain_message(*, subject: str = "Bonjour", sender: str = "collegue@acmail.test",
                  to: str = "moi@acmail.test") -> bytes:
    return (f"From: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{abs(hash(subject))}@x>\r\n"
            "Date: Fri, 4 Dec 2026 10:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            "corps\r\n").encode()


def _sign_in(qtbot: Any, accounts: SignedInAccounts, context: Any, acc: Any) -> Any:
    account = account_of(context.providers.get("local"), context.ssl_context(), acc)
    session = account.open_imap()
    entry = accounts.add(account, session)
    with qtbot.waitSignal(entry.mailbox.folders_changed, timeout=20000):
        pass
    return entry


def _subjects(store: Any) -> set[str]:
    return {str(r[4]) for name, *_ in store.folders() for r in store.page(name)}


@pytest.fixture
def two_signed_in(qtbot, make_context, make_account, app_paths):  # type: ignore[no-untyped-def]
    context = make_context()
    outbox = Outbox(app_paths.data_dir)
    accounts = SignedInAccounts(context, outbox)
    first, second = make_account("perso"), make_account("fonct")
    entries = [_sign_in(qtbot, accounts, context, a) for a in (first, second)]
    yield context, accounts, (first, second), entries
    with qtbot.waitSignal(accounts.removed, timeout=20000, raising=False):
        accounts.sign_out_all()
    qtbot.waitUntil(lambda: len(accounts) == 0, timeout=20000)
    outbox.close()


def test_both_accounts_signed_in_each_gets_its_own_mail_by_idle(qtbot, mail_server, two_signed_in) -> None:  # type: ignore[no-untyped-def]
    _context, accounts, (first, second), (one, two) = two_signed_in
    assert one.mailbox.store.path != two.mailbox.store.path
    for entry in (one, two):
        entry.mailbox.sync_folder("INBOX")
    qtbot.waitUntil(lambda: all(e.mailbox.idle is not None and e.mailbox.idle.running for e in (one, two)),
                    timeout=20000)
    with qtbot.waitSignal(two.mailbox.new_mail, timeout=20000) as arrived:
        mail_server.deliver(second.identifiant, plain_message(subject="pour la boîte fonctionnelle"))
    assert arrived.args[0] == "INBOX"
    with qtbot.waitSignal(one.mailbox.new_mail, timeout=20000):
        mail_server.deliver(first.identifiant, plain_message(subject="pour moi"))
    assert "pour la boîte fonctionnelle" in _subjects(two.mailbox.store)
    assert "pour la boîte fonctionnelle" not in _subjects(one.mailbox.store)
    assert "pour moi" in _subjects(one.mailbox.store) and "pour moi" not in _subjects(two.mailbox.store)
    assert [e.key for e in accounts] == [one.key, two.key]


def test_reply_goes_from_the_account_that_received_the_original(qtbot, mail_server, two_signed_in) -> None:  # type: ignore[no-untyped-def]
    _context, accounts, (first, second), (one, two) = two_signed_in
    colleague = "inspecteur@acmail.test"
    raw = plain_message(subject="Convocation", sender=colleague, to=two.address)
    # Shown in the first account's folder (e.g. a unified inbox): the reply still goes from the second.
    chosen = accounts.reply_account(raw, folder_account=one.key)
    assert chosen is two
    assert accounts.reply_account(plain_message(to="autre@ailleurs.example"), one.key) is one
    draft = core_compose.reply(raw, own_addresses=list(accounts.addresses().values()))
    mail_server.smtp_messages.clear()
    entry = accounts.outbox.enqueue(chosen.key, sender=("", chosen.address), to=[(colleague, first.email)],
                                    subject=draft.subject, body=draft.body)
    one.outbox_runner.run_due()  # the other account's runner leaves it alone
    chosen.outbox_runner.run_due()  # what the compose window does after queueing
    qtbot.waitUntil(lambda: any(m.raw and b"Convocation" in m.raw for m in mail_server.smtp_messages),
                    timeout=30000)
    (sent,) = [m for m in mail_server.smtp_messages if b"Convocation" in m.raw]
    delivered = email.message_from_bytes(sent.raw)
    assert email.utils.parseaddr(delivered["From"])[1] == second.email
    assert sent.login == second.identifiant and sent.mail_from == second.email
    assert accounts.outbox.get(entry.id).account == two.key


def test_wrong_password_on_one_account_leaves_the_other_working(qtbot, mail_server, make_context,
                                                               make_account) -> None:  # type: ignore[no-untyped-def]
    context = make_context()
    accounts = SignedInAccounts(context)
    good, bad = make_account("ok"), make_account("faux")
    entry = _sign_in(qtbot, accounts, context, good)
    mail_server.reset_auth_log()
    wrong = account_of(context.providers.get("local"), context.ssl_context(), bad, password="pas-le-bon")
    with pytest.raises(errors.AuthFailed):
        wrong.open_imap()
    for _ in range(3):  # reconnects, IDLE, outbox of that account: refused without the network
        with pytest.raises(errors.AuthFailed):
            wrong.open_imap()
    assert [a.result for a in mail_server.auth_attempts(bad.identifiant)] == ["bad"]
    assert entry.account.rejected is None
    with qtbot.waitSignal(entry.mailbox.new_mail, timeout=20000):
        entry.mailbox.sync_folder("INBOX")
        qtbot.waitUntil(lambda: entry.mailbox.idle is not None and entry.mailbox.idle.running, timeout=20000)
        mail_server.deliver(good.identifiant, plain_message(subject="toujours là"))
    assert not mail_server.auth_attempts(good.identifiant) or all(
        a.result == "ok" for a in mail_server.auth_attempts(good.identifiant))
    with qtbot.waitSignal(accounts.removed, timeout=20000):
        accounts.sign_out(entry.key)


def test_signing_out_one_account_leaves_the_other_online(qtbot, mail_server, two_signed_in) -> None:  # type: ignore[no-untyped-def]
    _context, accounts, _users, (one, two) = two_signed_in
    with qtbot.waitSignal(accounts.removed, timeout=20000) as gone:
        accounts.sign_out(one.key)
    assert gone.args == [one.key] and one.mailbox.closed and one.account.rejected is None
    assert [e.key for e in accounts] == [two.key] and two.mailbox.online
    with qtbot.waitSignal(two.mailbox.folder_synced, timeout=20000):
        two.mailbox.sync_folder("INBOX")
    with pytest.raises(errors.PassCodeSpent):  # its credential left memory with it
        one.account.open_imap()


# --- the Controller: adding, refusing, removing, signing out of all ---------------------------------
@pytest.fixture
def controller_with(qtbot, make_context, make_account):  # type: ignore[no-untyped-def]

    from acmail_desktop.ui.app import Controller
    from tests.ui.mailbox_support import end_controller, login

    made: list[Any] = []

    def factory(policy: Any = None, keyring: Any = None, before: Any = None) -> tuple[Any, Any]:
        context = make_context(store=keyring)
        if policy is not None:
            context.policy = policy
        first = make_account("princ")
        if before is not None:
            before(context)
        controller = Controller(context)
        controller.quit_application = lambda: None
        qtbot.addWidget(controller.show_login())
        controller._logged_in(login(context, first))
        window = controller.main_window
        qtbot.waitUntil(lambda: window.folder_model.rowCount() > 0, timeout=15_000)
        made.append(controller)
        return controller, first

    yield factory
    for controller in made:
        end_controller(qtbot, controller)


def test_controller_adds_an_account_records_it_and_signs_out_of_all(qtbot, controller_with, make_account,
                                                                    mail_server) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.mailbox_support import login

    controller, first = controller_with()
    second = make_account("secr")
    entry = controller.add_account(login(controller.context, second))
    assert entry is not None and entry.mailbox.online
    assert [e.account.identity.identifiant for e in controller.accounts] == [first.identifiant, second.identifiant]
    assert [r.identifiant for r in controller.registry.load()] == [first.identifiant, second.identifiant]
    qtbot.waitUntil(lambda: entry.mailbox.store.folders() != [], timeout=15000)
    added_mailbox, accounts = entry.mailbox, controller.accounts
    window = controller.main_window
    with qtbot.waitSignal(window.logged_out, timeout=15000):
        assert controller.request_logout("user")
    qtbot.waitUntil(lambda: entry.key not in accounts, timeout=15000)  # signed out with the main window's
    assert added_mailbox.closed and added_mailbox.session is None
    with pytest.raises(errors.PassCodeSpent):  # no credential of either account left in memory
        entry.account.open_imap()


def test_policy_forbidding_accounts_refuses_the_second_and_logs_it_out(qtbot, controller_with, make_account,
                                                                      mail_server, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from acmail_desktop.core.policy import AccountsPolicy, Policy
    from tests.ui.mailbox_support import login

    controller, first = controller_with(Policy(source=tmp_path / "p.json",
                                               accounts=AccountsPolicy(allow_adding=False)))
    controller.registry.policy = controller.context.policy.accounts
    second = make_account("interdit")
    with pytest.raises(errors.AccountAddingForbidden):
        controller.check_account_allowed("local", second.identifiant)
    controller.check_account_allowed("local", first.identifiant)  # already there: not "adding"
    result = login(controller.context, second)
    assert controller.add_account(result) is None
    assert [e.account.identity.identifiant for e in controller.accounts] == [first.identifiant]
    assert [r.identifiant for r in controller.registry.load()] == [first.identifiant]
    def logged_out() -> bool:
        try:
            result.session.select("INBOX")
        except errors.SessionLost:
            return True  # closed
        except errors.ProtocolError:
            return False  # LOGOUT under way
        return False

    qtbot.waitUntil(logged_out, timeout=15000)
    with pytest.raises(errors.PassCodeSpent):
        result.account.open_imap()


def test_removing_an_added_account_leaves_no_file_and_no_keyring_item(qtbot, controller_with, make_account,
                                                                     app_paths) -> None:  # type: ignore[no-untyped-def]
    from acmail_desktop.core.secrets import KeyringStore
    from acmail_desktop.core.store import db_file_for
    from tests.ui.mailbox_support import login

    store = KeyringStore()  # the real gnome-keyring of the test session
    controller, first = controller_with(keyring=store)
    second = make_account("partant")
    store.set_password("local", second.identifiant, second.password)
    entry = controller.add_account(login(controller.context, second))
    assert entry is not None
    qtbot.waitUntil(lambda: entry.mailbox.store.folders() != [], timeout=15000)
    controller.main_window.outbox.save_draft(entry.key, {"subject": "brouillon du compte partant"})
    done: list[bool] = []
    assert controller.remove_account(entry.key, lambda: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=15000)
    assert [e.key for e in controller.accounts] == [f"local:{first.identifiant}"]
    leftovers = [p for d in app_paths.all_dirs() for p in d.rglob("*") if second.identifiant in p.name]
    assert leftovers == [] and not db_file_for(app_paths.cache_dir, entry.key).exists()
    assert store.get_password("local", second.identifiant) is None
    assert controller.main_window.outbox.local_drafts(entry.key) == []
    assert [r.identifiant for r in controller.registry.load()] == [first.identifiant]


# --- search over every signed-in account ---------------------------------------------------------
SUBFOLDER = "Inspection/Convocations"


def _dated(n: int, subject: str, body: str, day: int, attachment: str | None = None) -> bytes:
    head = (f"From: Inspection <ien.secteur@ac-local.fr>\r\nTo: ce@acmail.test\r\nSubject: {subject}\r\n"
            f"Date: Mon, {day} Nov 2026 08:00:00 +0100\r\nMessage-ID: <multi{n}-{day}@ac-local.fr>\r\n"
            "MIME-Version: 1.0\r\n")
    if attachment is None:
        return (head + f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n").encode()
    return (head + 'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n'
            f"--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
            f'--b1\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename="{attachment}"\r\n'
            "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b1--\r\n").encode()


def _results(window: Any) -> list[tuple[str, str, str]]:
    tree = window.results
    return [(tree.topLevelItem(i).text(2), tree.topLevelItem(i).text(3), tree.topLevelItem(i).text(4))
            for i in range(tree.topLevelItemCount())]


def _search(qtbot: Any, window: Any, **fields: Any) -> list[tuple[str, str, str]]:
    from datetime import date

    from PySide6.QtCore import QDate

    for name in ("text_edit", "sender_edit", "recipient_edit", "subject_edit", "body_edit", "attachment_edit"):
        getattr(window, name).setText(fields.get(name, ""))
    for check, edit, key in ((window.since_check, window.since_edit, "since"),
                             (window.before_check, window.before_edit, "before")):
        value: date | None = fields.get(key)
        check.setChecked(value is not None)
        if value is not None:
            edit.setDate(QDate(value.year, value.month, value.day))
    window.start_search()
    qtbot.waitUntil(lambda: "trouvé" in window.status_label.text() and "serveur…" not in window.status_label.text(),
                    timeout=20000)
    return _results(window)


def test_every_account_scope_searches_the_second_accounts_subfolder(qtbot, mail_server, make_context,
                                                                   make_account, app_paths) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from acmail_desktop.ui.search_window import SearchWindow

    context = make_context()
    accounts = SignedInAccounts(context)
    first, second = make_account("moi"), make_account("ecole")
    mail_server.deliver(first.identifiant, _dated(1, "Ordre du jour", "Rien de particulier", day=2))
    mail_server.deliver(second.identifiant, _dated(2, "Visite", "Convocation salle polyvalente", day=5),
                        folder=SUBFOLDER)
    mail_server.deliver(second.identifiant, _dated(3, "Documents", "Ci-joint.", day=12,
                                                   attachment="grille_evaluation_2026.pdf"), folder=SUBFOLDER)
    mail_server.deliver(second.identifiant, _dated(4, "Rappel", "Barème", day=25), folder=SUBFOLDER)
    one, two = (_sign_in(qtbot, accounts, context, a) for a in (first, second))
    try:
        window = SearchWindow([(e.title, e.mailbox) for e in accounts], one.mailbox, "INBOX",
                              folder_label=lambda name: name.rpartition("/")[2] or name)
        qtbot.addWidget(window)
        assert window.scope_combo.currentData() == "everything"
        # body word, never downloaded: the server of the second account finds it
        assert _search(qtbot, window, text_edit="polyvalente") == [("Visite", "Inspection › Convocations",
                                                                      two.address)]
        # now cached: found on this computer with the second account offline
        (hit,) = window.hits
        with qtbot.waitCallback(timeout=15000) as loaded:
            two.mailbox.load_message(hit.folder, hit.uid, loaded, loaded)
        two.mailbox.go_offline()
        qtbot.waitUntil(lambda: not two.mailbox.online, timeout=10000)
        window.start_search()
        qtbot.waitUntil(lambda: "Hors connexion" in window.status_label.text(), timeout=15000)
        assert _results(window) == [("Visite", "Inspection › Convocations", two.address)]
        assert window.hits[0].source == "local"
        two.mailbox.reconnect()
        qtbot.waitUntil(lambda: two.mailbox.online, timeout=15000)
        # attachment name, and a date range (only the message of the 12th)
        assert _search(qtbot, window, attachment_edit="grille_evaluation") == [
            ("Documents", "Inspection › Convocations", two.address)]
        assert _search(qtbot, window, since=date(2026, 11, 10), before=date(2026, 11, 20)) == [
            ("Documents", "Inspection › Convocations", two.address)]
        # the first account's own message is found beside them, each result naming its account
        both = _search(qtbot, window, since=date(2026, 11, 1), before=date(2026, 11, 3))
        assert both == [("Ordre du jour", "INBOX", one.address)]
        # "This account" (the first) no longer sees the second's messages
        window.scope_combo.setCurrentIndex(1)
        assert _search(qtbot, window, text_edit="polyvalente") == []
        # one account signed out: its results go, "Every account" searches the one left
        window.scope_combo.setCurrentIndex(2)
        _search(qtbot, window, since=date(2026, 11, 1), before=date(2026, 11, 30))
        assert {r[2] for r in _results(window)} == {one.address, two.address}
        with qtbot.waitSignal(accounts.removed, timeout=15000):
            accounts.sign_out(two.key)
        window.set_accounts([(e.title, e.mailbox) for e in accounts], one.mailbox)
        assert {r[2] for r in _results(window)} == {one.address}
        window.close()
    finally:
        with qtbot.waitSignal(accounts.removed, timeout=20000, raising=False):
            accounts.sign_out_all()


# --- Ajouter un compte: the login form reused, the policy asked before any connection ------------------
def test_add_account_dialog_signs_in_with_the_login_form_and_proposes_the_predefined_account(
        qtbot, controller_with, make_account, mail_server, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from acmail_desktop.core.policy import AccountsPolicy, Policy, PredefinedAccount
    from acmail_desktop.ui.login import LoginWindow

    school = make_account("ce")
    policy = Policy(source=tmp_path / "p.json", accounts=AccountsPolicy(
        predefined=(PredefinedAccount("local", school.identifiant, "Collège Jean Moulin"),),
        allow_adding=False))
    controller, first = controller_with(policy)
    controller.registry.policy = policy.accounts
    # the predefined account appears in the account list before anyone signed in to it
    assert [(r.identifiant, r.label, r.predefined) for r in controller.registry.accounts()] == [
        (first.identifiant, "", False), (school.identifiant, "Collège Jean Moulin", True)]
    dialog = controller.open_add_account()
    qtbot.addWidget(dialog)
    form = dialog.form
    assert isinstance(form, LoginWindow) and form.adding
    assert form.identifiant.text() == "" and form.password.text() == ""  # not the first account's
    assert dialog.suggestion_combo.itemText(1) == "Collège Jean Moulin"
    dialog.suggestion_combo.setCurrentIndex(1)
    assert form.identifiant.text() == school.identifiant
    # any other account: refused by the policy before any connection
    mail_server.reset_auth_log()
    dialog.suggestion_combo.setCurrentIndex(0)
    form.identifiant.setText("autre7")
    form.password.setText("peu importe")
    form.submit()
    assert form.error_title.text() == "Ajout de comptes non autorisé" and not form.busy
    assert form.error_frame.isVisibleTo(form)
    assert mail_server.auth_attempts() == []
    dialog.suggestion_combo.setCurrentIndex(1)
    form.password.setText(school.password)
    settings_before = controller.context.settings.get("account.identifiant")
    with qtbot.waitSignal(dialog.account_signed_in, timeout=20000):
        form.submit()
    qtbot.waitUntil(lambda: school.identifiant in {e.account.identity.identifiant for e in controller.accounts},
                    timeout=15000)
    entry = controller.accounts.get(f"local:{school.identifiant}")
    assert entry.title == "Collège Jean Moulin"
    assert controller.context.settings.get("account.identifiant") == settings_before  # login screen unchanged
    assert [a.result for a in mail_server.auth_attempts(school.identifiant)] == ["ok"]


def test_unified_inbox_lists_every_accounts_inbox_and_follows_new_mail(qtbot, mail_server, two_signed_in) -> None:  # type: ignore[no-untyped-def]
    from acmail_desktop.ui.search_window import UnifiedInboxWindow

    _context, accounts, (first, second), (one, two) = two_signed_in
    mail_server.deliver(first.identifiant, _dated(11, "Conseil de classe", "x", day=3))
    mail_server.deliver(second.identifiant, _dated(12, "Enquête rectorat", "x", day=4))
    mail_server.deliver(second.identifiant, _dated(13, "Dans un sous-dossier", "x", day=5), folder="Classes")
    for entry in (one, two):
        with qtbot.waitSignal(entry.mailbox.folder_synced, timeout=15000):
            entry.mailbox.sync_folder("INBOX")
    window = UnifiedInboxWindow([(e.title, e.mailbox) for e in accounts], one.mailbox)
    qtbot.addWidget(window)
    window.show()
    window.start_search()
    qtbot.waitUntil(lambda: window.results.topLevelItemCount() == 2, timeout=10000)
    assert [(r[0], r[2]) for r in _results(window)] == [("Enquête rectorat", two.address),
                                                         ("Conseil de classe", one.address)]
    assert not window.criteria.isVisible() and window.windowTitle() == "Toutes les boîtes de réception"
    opened: list[tuple[Any, str, int]] = []
    window.open_requested.connect(lambda mailbox, folder, uid: opened.append((mailbox, folder, uid)))
    window.results.setCurrentItem(window.results.topLevelItem(0))
    qtbot.keyClick(window.results, Qt.Key.Key_Return)
    assert opened and opened[0][0] is two.mailbox and opened[0][1] == "INBOX"
    qtbot.waitUntil(lambda: two.mailbox.idle is not None and two.mailbox.idle.running, timeout=20000)
    mail_server.deliver(second.identifiant, _dated(14, "Nouveau message", "x", day=28))
    qtbot.waitUntil(lambda: window.results.topLevelItemCount() == 3, timeout=20000)
    assert _results(window)[0][0] == "Nouveau message"


def _click_in_box(object_name: str, button_text: str, seen: list[str]) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def click() -> None:
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == object_name and widget.isVisible():
                seen.append(widget.text())
                button = next(b for b in widget.buttons() if b.text() == button_text)
                button.click()
                return
        QTimer.singleShot(50, click)

    QTimer.singleShot(50, click)


def test_sign_out_asks_which_account_and_keeps_the_others(qtbot, controller_with, make_account) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.mailbox_support import login

    controller, first = controller_with()
    second = make_account("deux")
    entry = controller.add_account(login(controller.context, second))
    window = controller.main_window
    seen: list[str] = []
    _click_in_box("signOutChoiceBox", entry.title, seen)
    with qtbot.waitSignal(controller.accounts.removed, timeout=15000):
        assert controller.request_sign_out()
    assert seen == ["Se déconnecter de quel compte ?"]
    assert controller.main_window is window and [e.key for e in controller.accounts] == [f"local:{first.identifiant}"]
    # "Cancel" keeps everything; with one account left there is no question at all
    entry = controller.add_account(login(controller.context, make_account("trois")))
    _click_in_box("signOutChoiceBox", "Annuler", seen)
    assert not controller.request_sign_out() and len(controller.accounts) == 2
    _click_in_box("signOutChoiceBox", "Tous les comptes", seen)
    with qtbot.waitSignal(window.logged_out, timeout=15000):
        assert controller.request_sign_out()
    qtbot.waitUntil(lambda: entry.mailbox.closed, timeout=15000)
    assert controller.main_window is None


def test_remembered_accounts_sign_in_after_the_first_and_a_rejected_one_is_forgotten(
        qtbot, controller_with, make_account, mail_server) -> None:  # type: ignore[no-untyped-def]
    from acmail_desktop.core.accounts import AccountRecord, AccountRegistry
    from acmail_desktop.core.secrets import KeyringStore

    store = KeyringStore()
    remembered, changed, passcode = make_account("mem"), make_account("change"), make_account("otp")

    def listed(context: Any) -> None:
        registry = AccountRegistry(context.paths, context.settings)
        for acc, mode in ((remembered, "password"), (changed, "password"), (passcode, "passcode")):
            registry.add(AccountRecord("local", acc.identifiant, mode))
        store.set_password("local", remembered.identifiant, remembered.password)
        store.set_password("local", changed.identifiant, "l-ancien-mot-de-passe")

    mail_server.reset_auth_log()
    try:
        controller, first = controller_with(keyring=store, before=listed)
        qtbot.waitUntil(lambda: f"local:{remembered.identifiant}" in controller.accounts, timeout=20000)
        qtbot.waitUntil(lambda: store.get_password("local", changed.identifiant) is None, timeout=20000)
        assert [e.account.identity.identifiant for e in controller.accounts] == [first.identifiant,
                                                                               remembered.identifiant]
        assert [a.result for a in mail_server.auth_attempts(changed.identifiant)] == ["bad"]
        assert mail_server.auth_attempts(passcode.identifiant) == []  # a code is typed each time
        assert controller.main_window.statusBar().currentMessage().startswith(f"{changed.identifiant} — ")
    finally:
        store.forget("local", remembered.identifiant)


def test_removing_the_last_account_signs_out_then_leaves_nothing_of_it(qtbot, controller_with, app_paths) -> None:  # type: ignore[no-untyped-def]
    from acmail_desktop.core.secrets import KeyringStore

    store = KeyringStore()
    controller, first = controller_with(keyring=store)
    store.set_password("local", first.identifiant, first.password)
    window = controller.main_window
    key = f"local:{first.identifiant}"
    window.outbox.save_draft(key, {"subject": "brouillon local"})
    with qtbot.waitSignal(window.logged_out, timeout=15000):
        assert controller.remove_account(key)
    assert controller.main_window is None
    leftovers = [p for d in app_paths.all_dirs() for p in d.rglob("*") if first.identifiant in p.name]
    assert leftovers == []
    assert store.get_password("local", first.identifiant) is None
    assert controller.registry.load() == []
    from acmail_desktop.core.outbox import Outbox

    outbox = Outbox(app_paths.data_dir)
    try:
        assert outbox.local_drafts(key) == []
    finally:
        outbox.close()
