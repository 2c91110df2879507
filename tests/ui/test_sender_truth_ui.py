"""Sender truth on screen (issue 14), with messages delivered to the real Dovecot: forged senders show
their real address in the message list and in the reader (in bold, with the warning), an honest name
does not; a message that presents itself as the institution from outside is marked in the list and
warned about in the reader with its outside links; the signature verdict comes only from the
topmost Authentication-Results header of the profile's own server (Dovecot adds none: the tests
write them)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl

from tests.support.mailserver import AUTHSERV_ID
from tests.ui.mailbox_support import close_main, open_main, select_row

pytestmark = [pytest.mark.gui, pytest.mark.integration]

FROM_COLUMN, SUBJECT_COLUMN = 3, 4
FORGED = {
    "Bulletin de salaire": "=?utf-8?b?cmVjdGV1ckBhYy1wYXJpcy5mcg==?= <attacker@evil.example>",
    "Message du recteur": "recteur@ac-paris.fr <attacker@evil.example>",
    "Mot de passe": "=?utf-8?q?Service_=E2=80=AErf=2Eslessim-ca?= <attacker@evil.example>",
    "Inspection": "=?utf-8?q?R=D0=B5ctorat?= <attacker@evil.example>",  # Cyrillic "е"
}


def _raw(sender: str, subject: str, to: str, extra: str = "") -> bytes:
    return (f"From: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\n{extra}"
            f"Message-ID: <{abs(hash(subject))}@evil.example>\r\nDate: Fri, 04 Dec 2026 09:00:00 +0100\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\nBonjour,\r\nmerci de répondre.\r\n").encode()


def test_forged_senders_show_their_real_address_in_list_and_reader(qtbot, make_context, make_account,
                                                                   mail_server) -> None:  # type: ignore[no-untyped-def]
    acc = make_account("st")
    for subject, sender in FORGED.items():
        mail_server.deliver(acc.identifiant, _raw(sender, subject, acc.email))
    mail_server.deliver(acc.identifiant, _raw("=?utf-8?q?=C3=89lodie_Marchand?= <elodie.marchand@acmail.test>",
                                              "Conseil de classe", acc.email,
                                              "Reply-To: Secrétariat <secretariat@acmail.test>\r\n"))
    window = open_main(qtbot, make_context(), acc)
    model, reader = window.message_model, window.reader
    try:
        rows = {model.index(r, SUBJECT_COLUMN).data(): r for r in range(model.rowCount())}
        for subject in FORGED:
            assert model.index(rows[subject], FROM_COLUMN).data() == "attacker@evil.example", subject
            with qtbot.waitSignal(window.message_shown, timeout=15000):
                select_row(window, rows[subject])
            shown = reader.fields["from"][1]
            assert shown.text().startswith("attacker@evil.example") and shown.font().bold(), subject
            assert reader.warning_banner.isVisible() and "attacker@evil.example" in reader.warning_banner.text()
            assert "Attention" in reader.warning_banner.text()
        honest = rows["Conseil de classe"]
        assert model.index(honest, FROM_COLUMN).data() == "Élodie Marchand"
        with qtbot.waitSignal(window.message_shown, timeout=15000):
            select_row(window, honest)
        assert not reader.warning_banner.isVisible()
        assert reader.fields["from"][1].text() == "Élodie Marchand <elodie.marchand@acmail.test>"
        assert not reader.fields["from"][1].font().bold()
        # Replies go to Reply-To: the reader says so before the user answers.
        assert reader.fields["reply_to"][1].isVisible()
        assert reader.fields["reply_to"][1].text() == "Secrétariat <secretariat@acmail.test>"
    finally:
        close_main(qtbot, window)


def test_impersonation_and_signature_verdict(qtbot, make_context, make_account, mail_server) -> None:  # type: ignore[no-untyped-def]
    acc = make_account("im")
    ours = AUTHSERV_ID
    phishing = _raw("Rectorat <rectorat@evil.example>", "Mise à jour de votre messagerie", acc.email,
                    f"Authentication-Results: {ours}; dkim=none; spf=fail smtp.mailfrom=evil.example\r\n")
    phishing = phishing.replace(b"merci de r\xc3\xa9pondre.", b"connectez-vous sur https://evil.example/login "
                                b"ou https://webmail.acmail.test/aide")
    genuine = _raw("Rectorat <rectorat@acmail.test>", "Calendrier des conseils", acc.email,
                   f"Authentication-Results: {ours}; dkim=pass header.d=acmail.test; dmarc=pass "
                   "header.from=acmail.test\r\n"
                   f"Authentication-Results: {ours}; dkim=fail header.d=acmail.test\r\n")
    forged = _raw("Rectorat <rectorat@acmail.test>", "Prime exceptionnelle", acc.email,
                  "Authentication-Results: mx.evil.example; dkim=pass header.d=acmail.test\r\n"
                  f"Authentication-Results: {ours}; dkim=pass header.d=acmail.test; dmarc=pass "
                  "header.from=acmail.test\r\n")
    for raw in (phishing, genuine, forged):
        mail_server.deliver(acc.identifiant, raw)
    window = open_main(qtbot, make_context(), acc)
    model, reader = window.message_model, window.reader
    try:
        rows = {model.index(r, SUBJECT_COLUMN).data(): r for r in range(model.rowCount())}
        marked = model.index(rows["Mise à jour de votre messagerie"], FROM_COLUMN)
        assert marked.data(Qt.ItemDataRole.DecorationRole) is not None
        assert "Se présente comme venant de l'institution" in marked.data(Qt.ItemDataRole.ToolTipRole)
        assert model.index(rows["Calendrier des conseils"], FROM_COLUMN).data(Qt.ItemDataRole.DecorationRole) is None

        with qtbot.waitSignal(window.message_shown, timeout=15000):
            select_row(window, rows["Mise à jour de votre messagerie"])
        banner = reader.warning_banner.text()
        assert reader.warning_banner.isVisible() and "se présente comme venant de l'institution" in banner
        assert "rectorat@evil.example" in banner and "hors de l'académie : evil.example" in banner
        assert "webmail.acmail.test" not in banner
        assert reader.signature_label.text() == "Signature non vérifiée : evil.example"
        # At 1024x600 the warning wraps on more lines: none of them may be clipped.
        window.resize(1024, 600)
        qtbot.wait(200)
        shown = reader.warning_banner
        assert shown.height() >= shown.heightForWidth(shown.width())
        with qtbot.waitSignal(reader.link_confirmation_shown, timeout=5000):
            reader.follow_link(QUrl("https://evil.example/login"))
        assert "prétend venir de l'institution" in reader.link_box.text()
        reader.link_box.close()

        with qtbot.waitSignal(window.message_shown, timeout=15000):
            select_row(window, rows["Calendrier des conseils"])
        assert not reader.warning_banner.isVisible()
        assert reader.signature_label.isVisible() and reader.signature_label.text() == \
            "Signature vérifiée : acmail.test"

        with qtbot.waitSignal(window.message_shown, timeout=15000):
            select_row(window, rows["Prime exceptionnelle"])
        assert reader.signature_label.text() == "Signature non vérifiée : acmail.test"
    finally:
        close_main(qtbot, window)


def test_address_completion_never_offers_a_deceptive_name(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Typing "recteur" in the compose window must not offer the attacker under the rector's name."""
    from acmail_desktop.core.imap.fetchparse import row_from_items
    from acmail_desktop.core.store import Store
    from acmail_desktop.ui.compose_launcher import seen_addresses

    headers = [b"From: =?utf-8?b?cmVjdGV1ckBhYy1wYXJpcy5mcg==?= <attacker@evil.example>\r\nSubject: a\r\n",
               b"From: =?utf-8?q?R=C3=A9mi_Recteur?= <remi.recteur@acmail.test>\r\nSubject: b\r\n"]
    with Store(tmp_path / "cache.sqlite3") as store:
        store.put_headers("INBOX", [row_from_items(uid, (), None, len(h), h) for uid, h in enumerate(headers, 1)])
        offered = seen_addresses(store, "recteur")
    assert sorted(offered) == ["Rémi Recteur <remi.recteur@acmail.test>", "attacker@evil.example"]
