"""Deterministic realistic mailbox content for tests and the demo.

Why direct Maildir writes: seeding over IMAP APPEND would take minutes for 50,000 messages and
would exercise the server, not the client. Files carry ``,S=``/``,W=`` sizes and an mtime that
Dovecot reports as INTERNALDATE; Dovecot assigns UIDs when it first scans the folder.
"""

from __future__ import annotations

import random
import time
import unicodedata
from datetime import UTC, datetime
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, formatdate, make_msgid
from typing import TYPE_CHECKING

from tests.support.mailserver import write_maildir_message

if TYPE_CHECKING:
    from tests.support.mailserver import MailServer

DOMAIN = "acmail.test"
COLLEAGUES = [
    ("Élodie Marchand", "elodie.marchand@ac-local.fr"),
    ("François Lefèvre", "francois.lefevre@ac-local.fr"),
    ("Anaïs Rousseau", "anais.rousseau@ac-local.fr"),
    ("Jérôme Dubœuf", "jerome.duboeuf@ac-local.fr"),
    ("Hélène Giraud", "helene.giraud@ac-local.fr"),
    ("Cédric N'Diaye", "cedric.ndiaye@ac-local.fr"),
]
RECTORAT = [
    ("Rectorat — Division des personnels", "dpe@ac-local.fr"),
    ("DSDEN — Service de la vie scolaire", "vie-scolaire@ac-local.fr"),
    ("Inspection pédagogique régionale", "ipr-lettres@ac-local.fr"),
]
PARENTS = [
    ("M. et Mme Benali", "famille.benali@exemple.fr"),
    ("Sophie Lambert", "sophie.lambert@exemple.fr"),
    ("Karim Haddad", "k.haddad@exemple.fr"),
    ("Nathalie Œhler", "n.oehler@exemple.fr"),
]
SUBJECTS = [
    "Conseil de classe du 3e trimestre",
    "Réunion parents-professeurs : créneaux disponibles",
    "Sortie pédagogique au musée d'Orsay",
    "Absence de mon fils jeudi",
    "Rappel : saisie des notes avant vendredi",
    "Emploi du temps modifié — semaine B",
    "Projet interdisciplinaire « Énergies »",
    "Convocation : formation PAF (numérique éducatif)",
    "Question sur le devoir maison n°4",
    "Compte rendu du conseil pédagogique",
    "Mouvement intra-académique : résultats",
    "Bulletin de salaire disponible sur l'ENSAP",
    "Épreuves du brevet : répartition des surveillances",
    "Demande de rendez-vous",
    "Voyage en Espagne — autorisations de sortie",
    "Menu de la cantine et allergies",
    "Remplacement de Mme Giraud",
    "Commande de manuels scolaires 2025",
    "Élection des représentants de parents d'élèves",
    "Procédure d'évacuation : exercice incendie",
]
BODIES = [
    "Bonjour,\n\nJe vous prie de bien vouloir trouver ci-joint les informations demandées.\n"
    "N'hésitez pas à revenir vers moi pour toute question.\n\nBien cordialement,\n{name}\n",
    "Bonjour à tous,\n\nPour rappel, la réunion aura lieu en salle 112 à 17 h 30.\n"
    "Merci de confirmer votre présence avant mercredi.\n\nCordialement,\n{name}\n",
    "Madame, Monsieur,\n\nNous vous remercions de votre message. Notre enfant sera absent "
    "pour raison médicale ; un justificatif suivra.\n\nRespectueusement,\n{name}\n",
    "Chers collègues,\n\nL'échéance de saisie est fixée à vendredi midi. Au-delà, le logiciel "
    "sera verrouillé par l'administration.\n\nBonne fin de semaine,\n{name}\n",
]
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)
PDF_LIKE = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)
ODT_LIKE = b"PK\x03\x04" + b"mimetypeapplication/vnd.oasis.opendocument.text" + bytes(64)


def _addr(name: str, email: str) -> Address:
    """Display names with accents end up as RFC 2047 encoded words when serialised."""
    return Address(display_name=name, addr_spec=email)


def _message(
    rng: random.Random,
    sender: tuple[str, str],
    to: Address,
    subject: str,
    when: float,
    kind: str,
    msgid: str,
    reply_to: list[str] | None = None,
) -> bytes:
    msg = EmailMessage()
    msg["From"] = _addr(*sender)
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(datetime.fromtimestamp(when, tz=UTC).astimezone())
    msg["Message-ID"] = msgid
    if reply_to:
        msg["In-Reply-To"] = reply_to[-1]
        msg["References"] = " ".join(reply_to)
    body = rng.choice(BODIES).format(name=sender[0])
    html = (
        "<html><body>"
        + "".join(f"<p>{line}</p>" for line in body.replace("&", "&amp;").split("\n") if line)
        + "</body></html>"
    )
    if kind == "html":
        msg.set_content(html, subtype="html", cte="quoted-printable")
    else:
        msg.set_content(body, cte="quoted-printable")
        if kind in ("alternative", "pdf", "odt", "image"):
            msg.add_alternative(html, subtype="html", cte="quoted-printable")
        if kind == "pdf":
            msg.add_attachment(
                PDF_LIKE, maintype="application", subtype="pdf", filename="Compte-rendu conseil pédagogique.pdf"
            )
        elif kind == "odt":
            msg.add_attachment(
                ODT_LIKE, maintype="application", subtype="vnd.oasis.opendocument.text", filename="progression_6eB.odt"
            )
        elif kind == "image":
            msg.add_attachment(TINY_PNG, maintype="image", subtype="png", filename="photo-sortie.png")
    return bytes(msg)


def seed_demo_mailbox(server: MailServer, identifiant: str) -> int:
    """~40 INBOX messages plus Sent/Drafts/Archive/Trash/Junk and user folders; returns the count."""
    rng = random.Random(20240901)
    acc = server.authority.account(identifiant)
    me = _addr(identifiant.capitalize(), acc.email)
    now = time.time()
    count = 0
    senders = COLLEAGUES + RECTORAT + PARENTS
    kinds = ["plain", "alternative", "html", "plain", "alternative", "pdf", "odt", "image"]
    thread_ids: list[str] = []
    for i in range(40):
        when = now - rng.uniform(0, 35 * 86400)
        sender = rng.choice(senders)
        subject = rng.choice(SUBJECTS)
        msgid = make_msgid(idstring=f"seed{i}", domain="ac-local.fr")
        refs = None
        if i % 7 == 3 and thread_ids:  # replies inside a thread
            refs = thread_ids[-3:]
            subject = "Re: " + SUBJECTS[0]
        if i % 7 == 0:
            thread_ids.append(msgid)
        raw = _message(rng, sender, me, subject, when, kinds[i % len(kinds)], msgid, refs)
        flags = ""
        if i >= 8:  # the 8 most recent-looking ones stay unread
            flags += "S"
        if i % 9 == 0:
            flags += "F"
        if i % 5 == 0 and "S" in flags:
            flags += "R"
        server.deliver(identifiant, raw, flags=flags, internaldate=when)
        count += 1
    extras = {
        "Sent": 5,
        "Drafts": 2,
        "Archive": 6,
        "Trash": 3,
        "Junk": 2,
        "Classes/6eB": 4,
        "Classes/4eA": 2,
        "Administration": 3,
    }
    for folder, n in extras.items():
        folder = folder.replace("/", server.separator)  # the server personality's hierarchy
        server.create_folder(identifiant, folder)
        for j in range(n):
            when = now - rng.uniform(0, 60 * 86400)
            if folder in ("Sent", "Drafts"):
                sender = (identifiant.capitalize(), acc.email)
                to = _addr(*rng.choice(COLLEAGUES + PARENTS))
            else:
                sender, to = rng.choice(senders), me
            if folder == "Junk":
                sender = ("Gagnant Loterie", "promo@spam.example")
            msgid = make_msgid(idstring=f"{folder}{j}".replace("/", "-"), domain="ac-local.fr")
            raw = _message(rng, sender, to, rng.choice(SUBJECTS), when, rng.choice(kinds), msgid)
            flags = "D" if folder == "Drafts" else "S"
            server.deliver(identifiant, raw, folder=folder, flags=flags, internaldate=when)
            count += 1
    return count


FIRST = [
    "Marie",
    "Jean",
    "Léa",
    "Hugo",
    "Chloé",
    "Lucas",
    "Inès",
    "Noé",
    "Zoé",
    "Théo",
    "Maëlle",
    "Raphaël",
    "Camille",
    "Sébastien",
    "Aurélie",
    "Grégoire",
]
LAST = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèbvre",
    "Michel",
    "Garcia",
    "Fontaine",
]


def seed_large_folder(
    server: MailServer,
    identifiant: str,
    folder: str,
    count: int = 50_000,
    start_uid_hint: int | None = None,
) -> float:
    """Write ``count`` varied messages into ``folder`` quickly; returns elapsed seconds.

    ``start_uid_hint`` only seeds the generator differently (Dovecot assigns UIDs on its first
    scan, in file-name order). About 10 % are multipart/mixed with an attachment, 60 % seen.
    """
    t0 = time.perf_counter()
    rng = random.Random(start_uid_hint or 50_000)
    if folder.upper() != "INBOX":
        server.create_folder(identifiant, folder)
    path = server.folder_path(identifiant, folder)
    acc = server.authority.account(identifiant)
    now = time.time()
    span = 3 * 365 * 86400
    filler = ("Lorem ipsum dolor sit amet, séance de travail et compte rendu. " * 40).encode()
    attachment = (b"JVBERi0xLjQK" * 200 + b"\n") * 4
    # Encoding headers is the slow part: prepare every variant once.
    senders = []
    for first in FIRST:
        for last in LAST:
            local = unicodedata.normalize("NFKD", f"{first}.{last}".lower()).encode("ascii", "ignore").decode()
            senders.append(f"From: {Header(f'{first} {last}', 'utf-8').encode()} <{local}@ac-local.fr>\n")
    subjects = [Header(subject, "utf-8").encode() for subject in SUBJECTS]
    to_line = f"To: {acc.email}\nMIME-Version: 1.0\n"
    plain_ct = b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
    mixed_tail = (
        b'\n--b1\nContent-Type: application/pdf; name="piece-jointe.pdf"\n'
        b"Content-Transfer-Encoding: base64\n"
        b'Content-Disposition: attachment; filename="piece-jointe.pdf"\n\n' + attachment + b"--b1--\n"
    )
    for i in range(count):
        when = now - span + span * i / max(count, 1)
        head = (
            rng.choice(senders)
            + to_line
            + f"Subject: {rng.choice(subjects)} ({i})\n"
            + f"Date: {formatdate(when)}\n"
            + f"Message-ID: <big{i}.{rng.getrandbits(32):08x}@ac-local.fr>\n"
        ).encode()
        body = filler[: rng.randint(200, len(filler))]
        if rng.random() < 0.1:
            raw = head + b'Content-Type: multipart/mixed; boundary="b1"\n\n--b1\n' + plain_ct + body + mixed_tail
        else:
            raw = head + plain_ct + body + b"\n"
        flags = "S" if rng.random() < 0.6 else ""
        write_maildir_message(path, raw, flags, internaldate=when, fsync=False)
    return time.perf_counter() - t0


def newsletter_message(to: str, *, logo_png: bytes = b"", remote_host: str = "lettre.example-diffusion.fr",
                       when: float | None = None) -> bytes:
    """A rectorat newsletter as such mail really comes: a layout table, coloured bands, a logo
    embedded as a cid: part, a remote banner and tracking pixel, links whose text is a URL, and a
    plain-text alternative. Used by the screenshots, the benchmarks and the reader's tests."""
    msg = EmailMessage()
    msg["From"] = _addr("Rectorat — Lettre d'information", "lettre-info@ac-local.fr")
    msg["To"] = to
    msg["Subject"] = "La lettre du rectorat n° 42 — rentrée, formations, calendrier"
    msg["Date"] = formatdate(when if when is not None else time.time(), localtime=True)
    msg["Message-ID"] = make_msgid(domain="ac-local.fr")
    agenda = [("Lundi 6 janvier", "Reprise des cours"), ("Mercredi 15 janvier", "Conseil pédagogique"),
              ("Jeudi 23 janvier", "Formation « Numérique éducatif » (PAF)"),
              ("Vendredi 7 février", "Début des vacances d'hiver (zone B)")]
    rows = "".join(f'<tr><td style="padding:4px 8px"><b>{day}</b></td><td style="padding:4px 8px">{what}</td></tr>'
                   for day, what in agenda)
    html = f"""<html><head><style>.btn {{ background:#000091; color:#fff }}</style></head>
<body style="margin:0; background:#eef1f6">
<table width="100%" cellpadding="0" cellspacing="0" bgcolor="#eef1f6"><tr><td align="center">
<table width="640" cellpadding="12" cellspacing="0" bgcolor="#ffffff">
<tr><td bgcolor="#000091"><img src="cid:logo@ac-local.fr" width="48" height="48" alt="Logo">
<font color="#ffffff" size="5"><b>&nbsp;La lettre du rectorat</b></font><br>
<font color="#cfd8ff">Numéro 42 — janvier</font></td></tr>
<tr><td><img src="https://{remote_host}/banniere-rentree.jpg" width="600" height="120" alt="Bannière"></td></tr>
<tr><td><h2 style="color:#000091">Bonne rentrée à toutes et à tous</h2>
<p>Madame, Monsieur,</p>
<p>Cette lettre rassemble les <b>informations utiles</b> du mois : le calendrier, les formations ouvertes
et les <i>nouveautés</i> de l'environnement numérique de travail.</p>
<h3 style="color:#000091">Calendrier</h3>
<table width="100%" cellspacing="0" border="1" style="border-collapse:collapse">
<tr bgcolor="#e3e3fd"><th align="left">Date</th><th align="left">Événement</th></tr>{rows}</table>
<h3 style="color:#000091">Formations ouvertes</h3>
<ul><li>Accompagner les élèves à besoins particuliers — <span style="color:#18753c">places disponibles</span></li>
<li>Évaluer par compétences — <span style="color:#b34000">liste d'attente</span></li>
<li>Protéger ses données personnelles</li></ul>
<blockquote style="color:#3a3a3a">« La formation continue est un droit et une chance. » — le recteur</blockquote>
<p>Inscriptions sur <a href="https://{remote_host}/track?u=91&amp;l=paf">www.ac-local.fr/formations</a>
avant le 20 janvier.</p>
<p><a class="btn" href="https://www.ac-local.fr/lettre/42">Lire la lettre en ligne</a></p></td></tr>
<tr><td bgcolor="#f6f6f6"><font size="2" color="#666666">Vous recevez cette lettre en tant que personnel
de l'académie. <a href="https://{remote_host}/desinscription">Se désinscrire</a></font>
<img src="https://{remote_host}/pixel.gif?id=91" width="1" height="1"></td></tr>
</table></td></tr></table></body></html>"""
    msg.set_content("La lettre du rectorat n° 42\n\nBonne rentrée à toutes et à tous.\n"
                    "Calendrier, formations : https://www.ac-local.fr/lettre/42\n", cte="quoted-printable")
    msg.add_alternative(html, subtype="html", cte="quoted-printable")
    if logo_png:
        html_part = msg.get_payload()[1]
        html_part.add_related(logo_png, maintype="image", subtype="png", cid="<logo@ac-local.fr>")
    return bytes(msg)
