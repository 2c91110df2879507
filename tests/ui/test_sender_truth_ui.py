"""Sender truth on screen (issue 14): forged senders delivered to the real Dovecot show their real
address in the message list and in the reader (in bold, with the warning); an honest name does not."""

from __future__ import annotations

import pytest

from tests.ui.mailbox_support import close_main, open_main
from tests.ui.test_main_window import _select_row

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
                _select_row(window, rows[subject])
            shown = reader.fields["from"][1]
            assert shown.text().startswith("attacker@evil.example") and shown.font().bold(), subject
            assert reader.warning_banner.isVisible() and "attacker@evil.example" in reader.warning_banner.text()
            assert "Attention" in reader.warning_banner.text()
        honest = rows["Conseil de classe"]
        assert model.index(honest, FROM_COLUMN).data() == "Élodie Marchand"
        with qtbot.waitSignal(window.message_shown, timeout=15000):
            _select_row(window, honest)
        assert not reader.warning_banner.isVisible()
        assert reader.fields["from"][1].text() == "Élodie Marchand <elodie.marchand@acmail.test>"
        assert not reader.fields["from"][1].font().bold()
        # Replies go to Reply-To: the reader says so before the user answers.
        assert reader.fields["reply_to"][1].isVisible()
        assert reader.fields["reply_to"][1].text() == "Secrétariat <secretariat@acmail.test>"
    finally:
        close_main(qtbot, window)
