"""Reply / reply-all / forward pre-filling and the forgotten-attachment reminder."""

from __future__ import annotations

import pytest

from acmail_desktop.core import compose

ORIGINAL = (
    "From: =?utf-8?q?=C3=89lodie_Martin?= <elodie.martin@ac-lyon.fr>\r\n"
    "To: Moi <moi@ac-lyon.fr>, Paul <paul@ac-lyon.fr>\r\n"
    "Cc: direction@ac-lyon.fr, MOI@ac-lyon.fr\r\n"
    "Subject: TR: RE: Conseil de classe\r\n"
    "Date: Tue, 03 Nov 2026 14:05:00 +0100\r\n"
    "Message-ID: <m2@ac-lyon.fr>\r\nIn-Reply-To: <m1@ac-lyon.fr>\r\nReferences: <m0@ac-lyon.fr> <m1@ac-lyon.fr>\r\n"
    "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    "Bonjour,\r\n\r\n> ancien texte\r\nÀ jeudi.\r\n"
).encode()


@pytest.mark.parametrize("subject, expected", [
    ("Conseil", "Re: Conseil"), ("Re: Conseil", "Re: Conseil"), ("RE: Re: Conseil", "Re: Conseil"),
    ("Réf : Conseil", "Re: Conseil"), ("TR: Conseil", "Re: Conseil"), ("Fw: Conseil", "Re: Conseil"),
    ("Re[2]: Conseil", "Re: Conseil"), ("AW: Fwd: RE : Conseil", "Re: Conseil"), ("", "Re:"),
    ("Relevé de notes", "Re: Relevé de notes"), ("Trimestre", "Re: Trimestre"),
])
def test_reply_subject_never_piles_up(subject: str, expected: str) -> None:
    assert compose.reply_subject(subject) == expected


def test_forward_subject() -> None:
    assert compose.forward_subject("TR: Re: Fwd: Sortie") == "Fwd: Sortie"
    assert compose.forward_subject("Fwd: Sortie") == "Fwd: Sortie"


def test_reply_quotes_with_french_attribution_and_threading() -> None:
    draft = compose.reply(ORIGINAL, own_addresses=["moi@ac-lyon.fr"])
    assert draft.to == [("Élodie Martin", "elodie.martin@ac-lyon.fr")] and draft.cc == []
    assert draft.subject == "Re: Conseil de classe"
    assert draft.in_reply_to == "<m2@ac-lyon.fr>"
    assert draft.references == "<m0@ac-lyon.fr> <m1@ac-lyon.fr> <m2@ac-lyon.fr>"
    assert draft.original_flag == "\\Answered"
    assert "Le mar. 3 nov. 2026 à " in draft.body and ", Élodie Martin a écrit :" in draft.body
    assert "> Bonjour,\n>\n>> ancien texte\n> À jeudi." in draft.body


def test_reply_all_without_own_address_and_no_duplicates() -> None:
    draft = compose.reply(ORIGINAL, own_addresses=["moi@ac-lyon.fr"], reply_all=True)
    assert draft.to == [("Élodie Martin", "elodie.martin@ac-lyon.fr")]
    assert [a for _, a in draft.cc] == ["paul@ac-lyon.fr", "direction@ac-lyon.fr"]


def test_reply_to_header_wins() -> None:
    raw = b"From: a@x.fr\r\nReply-To: liste@x.fr\r\nSubject: s\r\nMessage-ID: <a@x.fr>\r\n\r\nbody\r\n"
    assert compose.reply(raw, own_addresses=["me@x.fr"]).to == [("", "liste@x.fr")]


def test_reply_to_own_sent_message_goes_to_its_recipients() -> None:
    raw = b"From: me@x.fr\r\nTo: b@x.fr\r\nSubject: s\r\n\r\nbody\r\n"
    draft = compose.reply(raw, own_addresses=["ME@x.fr"])
    assert draft.to == [("", "b@x.fr")] and draft.in_reply_to is None and draft.references is None


def test_reply_with_signature_above_quote() -> None:
    draft = compose.reply(ORIGINAL, own_addresses=[], signature="M. Durand\nCollège Jean Moulin")
    assert draft.body.index("-- \nM. Durand") < draft.body.index("a écrit :")


def test_forward_inline_and_as_attachment() -> None:
    inline = compose.forward(ORIGINAL)
    assert inline.subject == "Fwd: Conseil de classe" and inline.original_flag == "$Forwarded"
    assert "-------- Message transféré --------" in inline.body and "À jeudi." in inline.body
    assert "De : Élodie Martin <elodie.martin@ac-lyon.fr>" in inline.body
    attached = compose.forward(ORIGINAL, as_attachment=True)
    assert attached.attachments[0].content_type == "message/rfc822"
    assert attached.attachments[0].data == ORIGINAL
    assert attached.attachments[0].filename == "Conseil de classe.eml"


def test_forward_inline_keeps_attachments() -> None:
    raw = (b"From: a@x.fr\r\nSubject: s\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
           b"--b\r\nContent-Type: text/plain\r\n\r\ntexte\r\n--b\r\nContent-Type: application/pdf\r\n"
           b"Content-Disposition: attachment; filename=a.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
           b"JVBERg==\r\n--b--\r\n")
    draft = compose.forward(raw)
    assert [(a.filename, a.data) for a in draft.attachments] == [("a.pdf", b"%PDF")]


@pytest.mark.parametrize("text", [
    "Veuillez trouver ci-joint le document.", "Voir la pièce jointe.", "Voir les pieces jointes",
    "Le compte rendu est en PJ.", "Je vous joins le planning.", "Please find attached the file.",
    "Ci-jointe la liste", "cf. fichier joint", "Le tableau est en annexe.",
])
def test_attachment_reminder_triggers(text: str) -> None:
    assert compose.needs_attachment_reminder(text, "", 0)
    assert not compose.needs_attachment_reminder(text, "", 1)


@pytest.mark.parametrize("text", [
    "Bonjour, à demain.", "Le point de jonction est ici.", "Je te rejoins à 8 h.", "pjtx",
])
def test_attachment_reminder_quiet(text: str) -> None:
    assert not compose.needs_attachment_reminder(text, "", 0)


def test_attachment_reminder_ignores_quoted_text_and_reply_prefix() -> None:
    body = "Merci, bien reçu.\n\nLe mar. 3 nov. 2026 à 14:05, Élodie a écrit :\n> voir la pièce jointe\n"
    assert not compose.mentions_attachment(body)
    assert compose.needs_attachment_reminder("voir objet", "Pièce jointe : planning", 0)


def test_reply_account_is_the_one_that_received_the_original() -> None:
    from acmail_desktop.core.compose import receiving_account

    accounts = {"aix:fdurand": "francois.durand@ac-aix-marseille.fr",
                "aix:ce.0131234a": "ce.0131234a@ac-aix-marseille.fr"}
    to_school = (b"From: ien@ac-aix-marseille.fr\r\nTo: Secretariat <CE.0131234A@ac-aix-marseille.fr>\r\n"
                 b"Cc: francois.durand@ac-aix-marseille.fr\r\nSubject: x\r\n\r\nbody\r\n")
    assert receiving_account(to_school, accounts, "aix:fdurand") == "aix:ce.0131234a"  # To before Cc, any case
    # Delivered-To (the server's word) wins over To: the user was in Bcc, To names someone else.
    bcc = (b"Delivered-To: francois.durand@ac-aix-marseille.fr\r\nFrom: a@b.fr\r\n"
           b"To: ce.0131234a@ac-aix-marseille.fr\r\nSubject: x\r\n\r\nbody\r\n")
    assert receiving_account(bcc, accounts, "aix:ce.0131234a") == "aix:fdurand"
    nobody = b"From: a@b.fr\r\nTo: liste@ac-aix-marseille.fr\r\nSubject: x\r\n\r\nbody\r\n"
    assert receiving_account(nobody, accounts, "aix:ce.0131234a") == "aix:ce.0131234a"
    # a display name that looks like an address of an account never decides
    spoof = b'From: a@b.fr\r\nTo: "francois.durand@ac-aix-marseille.fr" <x@evil.example>\r\n\r\nbody\r\n'
    assert receiving_account(spoof, accounts, "aix:ce.0131234a") == "aix:ce.0131234a"
