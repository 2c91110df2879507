"""Help topics: French pages in resources/help/fr, filled with the chosen académie's own data.

Every link and phone number comes from the profile; a value the profile lacks becomes a sentence
that says so, never an invented one.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from string import Template

from acmail_desktop.core.identity import strip_accents
from acmail_desktop.core.paths import resources_dir
from acmail_desktop.core.providers import Provider
from acmail_desktop.core.setup_export import SECURITY_LABELS

_META = re.compile(r"<!--\s*(title|keywords):\s*(.*?)\s*-->")
_TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class HelpTopic:
    id: str
    title: str
    keywords: str
    template: str

    def render(self, provider: Provider, identifiant: str = "", email: str = "") -> str:
        return Template(self.template).safe_substitute(_values(provider, identifiant, email))

    def matches(self, query: str, rendered: str) -> bool:
        wanted = _fold(query).split()
        haystack = _fold(f"{self.title} {self.keywords} {_TAGS.sub(' ', rendered)}")
        return all(word in haystack for word in wanted)


def _fold(text: str) -> str:
    return strip_accents(html.unescape(text)).lower()


def _link(url: str, text: str) -> str:
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(text)}</a>'


def _values(provider: Provider, identifiant: str, email: str) -> dict[str, str]:
    esc = html.escape
    # "l'assistance : <name>, <phone> (<link>)" reads correctly whatever the name looks like.
    contact = "l'assistance : " + esc(provider.support_name) if provider.support_name else \
        "l'assistance de votre académie"
    if provider.support_phone:
        contact += f", {esc(provider.support_phone)}"
    if provider.support_url:
        contact += " (" + _link(provider.support_url, "page d'assistance") + ")"
    reset = ("Utilisez le lien officiel de votre académie : "
             + _link(provider.password_reset_url, provider.password_reset_label or "Je ne connais pas mon "
                     "mot de passe")) if provider.password_reset_url else (
        "Le profil de votre académie n'indique pas de page de réinitialisation : contactez " + contact + ".")
    change = ("Portail de changement du mot de passe : " + _link(provider.password_change_url,
                                                                  provider.password_change_url)
              if provider.password_change_url else
              "Le profil de votre académie n'indique pas l'adresse du portail : demandez-la à " + contact + ".")
    webmail = (_link(provider.webmail_url, provider.webmail_name or provider.webmail_url)
               + f" ({esc(provider.webmail_url)})") if provider.webmail_url else (
        "le profil de votre académie n'indique pas l'adresse du webmail ; demandez-la à " + contact + ".")
    unverified = ""
    if any(name.startswith(("imap.", "smtp.")) for name in provider.unverified):
        unverified = ("<i>Certains de ces réglages n'ont pas pu être confirmés auprès d'une source "
                      "officielle : en cas de doute, vérifiez-les auprès de " + contact + ".</i>")
    domain = provider.domains[0] if provider.domains else ""
    ident = identifiant or "votre identifiant"
    return {
        "academie": esc(provider.display_name),
        "domain": esc(domain),
        "support_contact": contact,
        "reset_line": reset,
        "password_change_line": change,
        "webmail_line": webmail,
        "unverified_line": unverified,
        "email": esc(email or f"prenom.nom@{domain}"),
        "username": esc(provider.imap.username_for(ident, email or None) if identifiant else ident),
        "imap_host": esc(provider.imap.hostname),
        "imap_port": str(provider.imap.port),
        "imap_security": SECURITY_LABELS[provider.imap.security],
        "smtp_host": esc(provider.smtp.hostname),
        "smtp_port": str(provider.smtp.port),
        "smtp_security": SECURITY_LABELS[provider.smtp.security],
    }


def load_topics(language: str = "fr") -> list[HelpTopic]:
    folder = resources_dir() / "help" / language
    if not folder.is_dir():
        folder = resources_dir() / "help" / "fr"
    topics = []
    for path in sorted(Path(folder).glob("*.html")):
        text = path.read_text(encoding="utf-8")
        meta = dict(_META.findall(text))
        topic_id = path.stem.split("-", 1)[-1]
        topics.append(HelpTopic(topic_id, meta.get("title", topic_id), meta.get("keywords", ""),
                                _META.sub("", text).strip()))
    return topics
