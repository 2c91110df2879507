"""Académie profiles: exporting a provider as Thunderbird autoconfig XML or as an AcMail profile."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from acmail_desktop.core.providers.model import (
    _SOCKET_NAMES,
    Provider,
    ServerSettings,
)


def to_autoconfig_xml(provider: Provider, identifiant: str | None = None) -> str:
    """A plain Thunderbird clientConfig (no acmail namespace) for other mail clients.

    With `identifiant`, %IDENTIFIANT% is replaced by it, since no other client knows our placeholder;
    without it the placeholder stays and a comment says to replace it.
    """

    def username(server: ServerSettings) -> str:
        if identifiant is not None:
            return server.username_template.replace("%IDENTIFIANT%", identifiant)
        return server.username_template

    def server_xml(tag: str, kind: str, server: ServerSettings) -> list[str]:
        return [
            f"    <{tag} type={quoteattr(kind)}>",
            f"      <hostname>{escape(server.hostname)}</hostname>",
            f"      <port>{server.port}</port>",
            f"      <socketType>{_SOCKET_NAMES[server.security]}</socketType>",
            f"      <username>{escape(username(server))}</username>",
            f"      <authentication>{escape(server.authentication)}</authentication>",
            f"    </{tag}>",
        ]

    ep_id = provider.emailprovider_id or (provider.domains[0] if provider.domains else provider.id)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<clientConfig version="1.1">']
    lines.append(f"  <emailProvider id={quoteattr(ep_id)}>")
    lines += [f"    <domain>{escape(d)}</domain>" for d in provider.domains]
    lines.append(f"    <displayName>{escape(provider.display_name)}</displayName>")
    lines.append(f"    <displayShortName>{escape(provider.short_name)}</displayShortName>")
    if identifiant is None and "%IDENTIFIANT%" in provider.imap.username_template + provider.smtp.username_template:
        lines.append("    <!-- Replace %IDENTIFIANT% by your académie identifiant (e.g. jdupont). -->")
    lines += server_xml("incomingServer", "imap", provider.imap)
    lines += server_xml("outgoingServer", "smtp", provider.smtp)
    lines.append("  </emailProvider>")
    if provider.webmail_url:  # Thunderbird puts <webMail> beside <emailProvider>, not inside
        lines.append("  <webMail>")
        lines.append(f"    <loginPage url={quoteattr(provider.webmail_url)}/>")
        lines.append("  </webMail>")
    lines.append("</clientConfig>")
    return "\n".join(lines) + "\n"


def to_profile_xml(provider: Provider) -> str:
    """A full AcMail profile (our namespace included) that `parse_provider` reads back: how a
    discovered account is kept as a user profile, with unconfirmed values still marked."""

    def verified(name: str) -> str:
        return ' verified="false"' if name in provider.unverified else ""

    def server_xml(tag: str, kind: str, prefix: str, server: ServerSettings) -> list[str]:
        return [
            f"    <{tag} type={quoteattr(kind)}>",
            f"      <hostname{verified(prefix + '.hostname')}>{escape(server.hostname)}</hostname>",
            f"      <port{verified(prefix + '.port')}>{server.port}</port>",
            f"      <socketType{verified(prefix + '.security')}>{_SOCKET_NAMES[server.security]}</socketType>",
            f"      <username>{escape(server.username_template)}</username>",
            f"      <authentication>{escape(server.authentication)}</authentication>",
            f"    </{tag}>",
        ]

    ep_id = provider.emailprovider_id or (provider.domains[0] if provider.domains else provider.id)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<clientConfig version="1.1" xmlns:acmail="urn:acmail:provider:1">',
             f"  <emailProvider id={quoteattr(ep_id)}>"]
    lines += [f"    <domain>{escape(d)}</domain>" for d in provider.domains]
    lines.append(f"    <displayName>{escape(provider.display_name)}</displayName>")
    lines.append(f"    <displayShortName>{escape(provider.short_name)}</displayShortName>")
    lines += server_xml("incomingServer", "imap", "imap", provider.imap)
    lines += server_xml("outgoingServer", "smtp", "smtp", provider.smtp)
    lines.append(f"    <acmail:academie id={quoteattr(provider.id)}/>")
    lines.append(f"    <acmail:identifiant form={quoteattr(provider.identifiant_form)} "
                 f"case={quoteattr(provider.identifiant_case)}/>")
    lines.append(f"    <acmail:otp kind={quoteattr(provider.otp_kind)}/>")
    if provider.webmail_url:
        lines.append(f"    <acmail:webmail url={quoteattr(provider.webmail_url)}"
                     + (f" name={quoteattr(provider.webmail_name)}" if provider.webmail_name else "") + "/>")
    lines.append(f"    <acmail:sentCopy byServer={quoteattr(str(provider.sent_copy_by_server).lower())}/>")
    lines += ["  </emailProvider>", "</clientConfig>"]
    return "\n".join(lines) + "\n"
