"""Académie profiles: reading and validating the XML files (expat, line numbers, no DTD/entities).

Parsing goes through expat directly rather than ElementTree so that every element keeps its line
number (errors name the file and the line) and so that a DOCTYPE or an entity declaration is refused
before anything is expanded: the files are plain data and a profile dropped in a user folder must not
be able to blow up memory ("billion laughs") or pull in external files.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, cast
from xml.parsers import expat

from acmail_desktop.core.errors import ProviderFileError
from acmail_desktop.core.providers.model import (
    ACMAIL_NS,
    MAX_FILE_BYTES,
    CredentialKind,
    IdentifiantCase,
    IdentifiantForm,
    Messagerie,
    OtpKind,
    Provider,
    ProviderLoadProblem,
    ProviderRegistry,
    Security,
    ServerSettings,
)

_NS_SEP = "}"
_A = "{" + ACMAIL_NS + _NS_SEP  # prefix of our expanded names, e.g. "{urn:acmail:provider:1}otp"

_SOCKET_TYPES: dict[str, Security] = {"ssl": "implicit", "tls": "implicit", "starttls": "starttls"}
_AUTH_METHODS = frozenset(
    {
        "password-cleartext",
        "password-encrypted",
        "plain",
        "secure",
        "OAuth2",
        "GSSAPI",
        "NTLM",
        "TLS-client-cert",
        "client-IP-address",
        "none",
    }
)
_PLACEHOLDERS = ("%IDENTIFIANT%", "%EMAILADDRESS%", "%EMAILLOCALPART%", "%EMAILDOMAIN%")
_LABEL = r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST_RE = re.compile(rf"^(?=.{{1,253}}$){_LABEL}(\.{_LABEL})*\.?$")
_ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_PORT_RE = re.compile(r"^[0-9]{1,5}$")
_SERVER_FIELDS = ("hostname", "port", "security", "username_template", "authentication")


# --- XML reading with line numbers -----------------------------------------------------------
@dataclass
class _Node:
    tag: str
    attrib: dict[str, str]
    line: int
    children: list[_Node] = field(default_factory=list)
    text_parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.text_parts).strip()

    def find_all(self, tag: str) -> list[_Node]:
        return [c for c in self.children if c.tag == tag]

    def find(self, tag: str) -> _Node | None:
        for child in self.children:
            if child.tag == tag:
                return child
        return None


class _RefusedError(Exception):
    """Raised from an expat handler to stop at a construct we never accept."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def _read_tree(data: bytes, source: Path) -> _Node:
    """Parse bytes into a line-numbered tree, refusing DTDs, entities and processing tricks."""
    if len(data) > MAX_FILE_BYTES:
        raise ProviderFileError(source, None, f"file larger than {MAX_FILE_BYTES} bytes")
    parser = expat.ParserCreate(namespace_separator=_NS_SEP)
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[_Node] = []
    root: list[_Node] = []

    def refuse(message: str) -> Callable[..., None]:
        def handler(*_args: object) -> None:
            raise _RefusedError(parser.CurrentLineNumber, message)

        return handler

    def start(name: str, attrs: dict[str, str]) -> None:
        node = _Node(_expand(name), {_expand(k): v for k, v in attrs.items()}, parser.CurrentLineNumber)
        if stack:
            stack[-1].children.append(node)
        else:
            root.append(node)
        stack.append(node)

    def end(_name: str) -> None:
        stack.pop()

    def chars(text: str) -> None:
        if stack:
            stack[-1].text_parts.append(text)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.StartDoctypeDeclHandler = refuse("DOCTYPE declarations are not allowed")
    parser.EntityDeclHandler = refuse("entity declarations are not allowed")
    parser.UnparsedEntityDeclHandler = refuse("entity declarations are not allowed")

    def external_entity(*_args: object) -> int:
        raise _RefusedError(parser.CurrentLineNumber, "external entities are not allowed")

    parser.ExternalEntityRefHandler = external_entity
    parser.SkippedEntityHandler = refuse("undefined entity reference")
    try:
        parser.Parse(data, True)
    except _RefusedError as exc:
        raise ProviderFileError(source, exc.line, exc.message) from None
    except expat.ExpatError as exc:
        message = expat.ErrorString(exc.code) if exc.code else str(exc)
        raise ProviderFileError(source, exc.lineno or None, f"malformed XML: {message}") from None
    except (ValueError, UnicodeError, LookupError) as exc:  # e.g. a bogus encoding declaration
        raise ProviderFileError(source, None, f"malformed XML: {exc}") from None
    if not root:
        raise ProviderFileError(source, None, "empty document")
    return root[0]


def _expand(name: str) -> str:
    """expat's "uri}local" to ElementTree's "{uri}local"; unqualified names stay as they are."""
    if _NS_SEP in name:
        uri, _, local = name.rpartition(_NS_SEP)
        return "{" + uri + _NS_SEP + local
    return name


# --- schema ----------------------------------------------------------------------------------
class _Schema:
    """Validates one parsed tree into a Provider, collecting the unverified field names."""

    def __init__(self, source: Path, strict: bool, email_domain: str | None):
        self.source = source
        self.strict = strict
        self.email_domain = email_domain
        self.unverified: set[str] = set()

    def fail(self, node: _Node | None, message: str) -> ProviderFileError:
        return ProviderFileError(self.source, node.line if node else None, message)

    def verified_flag(self, node: _Node) -> bool:
        value = node.attrib.get("verified", "true").strip().lower()
        if value not in ("true", "false"):
            raise self.fail(node, f"verified must be 'true' or 'false', not {value!r}")
        return value == "true"

    def mark(self, node: _Node, *names: str, attr_names: dict[str, str] | None = None) -> None:
        """Record `names` as unverified if the element says so, and the attributes listed in
        ``unverified="a b"`` (our extension for elements with several values)."""
        if not self.verified_flag(node):
            self.unverified.update(names)
        listed = node.attrib.get("unverified", "").split()
        for attr in listed:
            if attr_names is None or attr not in attr_names:
                raise self.fail(node, f"unverified lists unknown attribute {attr!r}")
            self.unverified.add(attr_names[attr])

    def bool_attr(self, node: _Node, name: str, default: bool) -> bool:
        raw = node.attrib.get(name)
        if raw is None:
            return default
        value = raw.strip().lower()
        if value not in ("true", "false"):
            raise self.fail(node, f"{name} must be 'true' or 'false', not {raw!r}")
        return value == "true"

    def url_attr(self, node: _Node, name: str = "url") -> str | None:
        raw = node.attrib.get(name)
        if raw is None:
            return None
        value = raw.strip()
        if not re.match(r"^https://[^\s/?#]+[^\s]*$", value):
            raise self.fail(node, f"{name} must be an https:// URL, not {raw!r}")
        return value

    def text_attr(self, node: _Node, name: str) -> str | None:
        raw = node.attrib.get(name)
        if raw is None:
            return None
        value = " ".join(raw.split())
        if not value:
            raise self.fail(node, f"{name} is empty")
        return value

    # -- servers --
    def server(self, node: _Node, kind: Literal["imap", "smtp"]) -> ServerSettings:
        whole_ok = self.verified_flag(node)
        if not whole_ok:
            self.unverified.update(f"{kind}.{f}" for f in _SERVER_FIELDS)

        def child(tag: str, required: bool = True) -> _Node | None:
            found = node.find_all(tag)
            if len(found) > 1 and tag != "authentication":
                raise self.fail(found[1], f"duplicate <{tag}> in {kind} server")
            if not found:
                if required:
                    raise self.fail(node, f"{kind} server has no <{tag}>")
                return None
            if not self.verified_flag(found[0]):
                field_name = "security" if tag == "socketType" else tag
                field_name = "username_template" if tag == "username" else field_name
                self.unverified.add(f"{kind}.{field_name}")
            return found[0]

        host_node = cast(_Node, child("hostname"))
        hostname = host_node.text
        if "%EMAILDOMAIN%" in hostname and self.email_domain:
            hostname = hostname.replace("%EMAILDOMAIN%", self.email_domain)
        if not _HOST_RE.match(hostname):
            raise self.fail(host_node, f"invalid {kind} hostname {hostname!r}")
        hostname = hostname.rstrip(".").lower()

        port_node = cast(_Node, child("port"))
        if not _PORT_RE.match(port_node.text) or not 1 <= int(port_node.text) <= 65535:
            raise self.fail(port_node, f"{kind} port must be an integer 1-65535, not {port_node.text!r}")
        port = int(port_node.text)

        sock_node = cast(_Node, child("socketType"))
        security = self.security(sock_node, kind)

        user_node = child("username", required=False)
        username = user_node.text if user_node is not None else "%EMAILADDRESS%"
        if not username or any(c.isspace() for c in username):
            raise self.fail(user_node or node, f"invalid {kind} username template {username!r}")
        unknown = set(re.findall(r"%[A-Z]+%", username)) - set(_PLACEHOLDERS)
        if unknown:
            raise self.fail(user_node or node, f"unknown placeholder {sorted(unknown)[0]} in username")

        auth_nodes = node.find_all("authentication")
        auth = "password-cleartext"
        if auth_nodes:
            auth = auth_nodes[0].text
            if auth not in _AUTH_METHODS:
                raise self.fail(auth_nodes[0], f"unknown {kind} authentication {auth!r}")
            if not self.verified_flag(auth_nodes[0]):
                self.unverified.add(f"{kind}.authentication")

        all_ok = not any(name.startswith(kind + ".") for name in self.unverified)
        return ServerSettings(hostname, port, security, username, auth, verified=all_ok)

    def security(self, node: _Node, kind: str) -> Security:
        value = node.text.lower()
        if value == "plain":
            raise self.fail(node, f"{kind} socketType plain is refused: passwords are never sent in clear")
        if value not in _SOCKET_TYPES:
            raise self.fail(node, f"unknown {kind} socketType {node.text!r} (expected SSL or STARTTLS)")
        return _SOCKET_TYPES[value]

    def pick_server(self, provider: _Node, tag: str, kind: Literal["imap", "smtp"]) -> ServerSettings:
        """The first server of the wanted type; outside strict mode plain ones are skipped."""
        candidates = [n for n in provider.find_all(tag) if n.attrib.get("type", "").lower() == kind]
        if not candidates:
            raise self.fail(provider, f'no <{tag} type="{kind}">')
        last_error: ProviderFileError | None = None
        for candidate in candidates:
            saved = set(self.unverified)
            try:
                return self.server(candidate, kind)
            except ProviderFileError as exc:
                if self.strict:
                    raise
                self.unverified = saved
                last_error = exc
        assert last_error is not None
        raise last_error

    # -- whole document --
    def provider(self, root: _Node) -> Provider:
        if root.tag != "clientConfig":
            raise self.fail(root, f"root element must be <clientConfig>, not <{_short(root.tag)}>")
        version = root.attrib.get("version")
        if version is not None and version.strip() != "1.1":
            raise self.fail(root, f"unsupported clientConfig version {version!r} (expected 1.1)")
        providers = root.find_all("emailProvider")
        if not providers:
            raise self.fail(root, "no <emailProvider>")
        if len(providers) > 1 and self.strict:
            raise self.fail(providers[1], "more than one <emailProvider> in a profile file")
        ep = providers[0]
        ep_id = (ep.attrib.get("id") or "").strip()
        if not ep_id:
            raise self.fail(ep, "<emailProvider> has no id")

        domains: list[str] = []
        for node in ep.find_all("domain"):
            domain = node.text.lower().rstrip(".")
            if not _HOST_RE.match(domain) or "." not in domain:
                raise self.fail(node, f"invalid domain {node.text!r}")
            if domain not in domains:
                domains.append(domain)
        if not domains:
            raise self.fail(ep, "no <domain>")
        if self.email_domain is None:
            self.email_domain = domains[0]

        display_node = ep.find("displayName")
        display = " ".join(display_node.text.split()) if display_node is not None else ""
        if not display:
            raise self.fail(display_node or ep, "no <displayName>")
        short_node = ep.find("displayShortName")
        short = " ".join(short_node.text.split()) if short_node is not None else ""
        short = short or display

        imap = self.pick_server(ep, "incomingServer", "imap")
        smtp = self.pick_server(ep, "outgoingServer", "smtp")

        ours = self.acmail_elements(ep)
        academie = ours.get("academie")
        if academie is not None:
            academie_id = (academie.attrib.get("id") or "").strip()
            if not _ID_RE.match(academie_id):
                raise self.fail(
                    academie,
                    f"acmail:academie id must be lower-case words joined by '-', not {academie_id!r}",
                )
            is_default = self.bool_attr(academie, "default", False)
        elif self.strict:
            raise self.fail(ep, "no <acmail:academie id=...>")
        else:
            academie_id = _id_from(ep_id)
            is_default = False

        form: IdentifiantForm = "email" if imap.username_template == "%EMAILADDRESS%" else "short"
        case: IdentifiantCase = "preserve"
        pattern: str | None = None
        hint: str | None = None
        ident = ours.get("identifiant")
        if ident is not None:
            self.mark(
                ident,
                "identifiant_form",
                "identifiant_case",
                "identifiant_pattern",
                attr_names={
                    "form": "identifiant_form",
                    "case": "identifiant_case",
                    "pattern": "identifiant_pattern",
                    "hint": "identifiant_hint",
                },
            )
            raw_form = ident.attrib.get("form", form)
            if raw_form not in ("short", "email"):
                raise self.fail(ident, f"identifiant form must be 'short' or 'email', not {raw_form!r}")
            form = cast(IdentifiantForm, raw_form)
            raw_case = ident.attrib.get("case", "preserve")
            if raw_case not in ("lower", "preserve"):
                raise self.fail(ident, f"identifiant case must be 'lower' or 'preserve', not {raw_case!r}")
            case = cast(IdentifiantCase, raw_case)
            pattern = ident.attrib.get("pattern")
            if pattern is not None:
                try:
                    with warnings.catch_warnings():  # a FutureWarning means an ambiguous pattern: refuse
                        warnings.simplefilter("error")
                        re.compile(pattern)
                except (re.error, RecursionError, OverflowError, ValueError, Warning) as exc:
                    raise self.fail(ident, f"identifiant pattern is not a valid regular expression: {exc}") from None
            hint = self.text_attr(ident, "hint")

        otp: OtpKind = "none"
        otp_node = ours.get("otp")
        if otp_node is not None:
            self.mark(otp_node, "otp_kind")
            raw_otp = otp_node.attrib.get("kind", "")
            if raw_otp not in ("none", "passcode", "totp"):
                raise self.fail(otp_node, f"unknown otp kind {raw_otp!r} (expected none, passcode or totp)")
            otp = cast(OtpKind, raw_otp)

        reset_url = reset_label = change_url = webmail_url = webmail_name = None
        if (el := ours.get("passwordReset")) is not None:
            self.mark(
                el,
                "password_reset_url",
                "password_reset_label",
                attr_names={"url": "password_reset_url", "label": "password_reset_label"},
            )
            reset_url = self.url_attr(el)
            reset_label = self.text_attr(el, "label")
        if (el := ours.get("passwordChange")) is not None:
            self.mark(el, "password_change_url", attr_names={"url": "password_change_url"})
            change_url = self.url_attr(el)
        if (el := ours.get("webmail")) is not None:
            self.mark(el, "webmail_url", "webmail_name", attr_names={"url": "webmail_url", "name": "webmail_name"})
            webmail_url = self.url_attr(el)
            webmail_name = self.text_attr(el, "name")

        support_name = support_phone = support_url = None
        if (el := ours.get("support")) is not None:
            self.mark(
                el,
                "support_name",
                "support_phone",
                "support_url",
                attr_names={"name": "support_name", "phone": "support_phone", "url": "support_url"},
            )
            support_name = self.text_attr(el, "name")
            support_phone = self.text_attr(el, "phone")
            if support_phone is not None and not re.match(r"^\+?[0-9][0-9 .()-]{3,30}$", support_phone):
                raise self.fail(el, f"support phone {support_phone!r} is not a phone number")
            support_url = self.url_attr(el)

        quota: int | None = None
        if (el := ours.get("quota")) is not None:
            self.mark(el, "quota_hint_mb")
            raw_quota = el.attrib.get("hintMb", "")
            if not re.match(r"^[0-9]{1,7}$", raw_quota) or int(raw_quota) == 0:
                raise self.fail(el, f"quota hintMb must be a positive integer, not {raw_quota!r}")
            quota = int(raw_quota)

        sent_copy = False
        if (el := ours.get("sentCopy")) is not None:
            self.mark(el, "sent_copy_by_server")
            sent_copy = self.bool_attr(el, "byServer", False)

        words: list[str] = []
        trusted: list[str] = []
        if (el := ours.get("institution")) is not None:
            for child in el.children:
                local = child.tag[len(_A):] if child.tag.startswith(_A) else ""
                if local == "name":
                    text = " ".join(child.text.split())
                    if not text:
                        raise self.fail(child, "acmail:name is empty")
                    words.append(text)
                elif local == "domain":
                    domain = child.text.lower().rstrip(".")
                    if not _HOST_RE.match(domain) or "." not in domain:
                        raise self.fail(child, f"invalid institution domain {child.text!r}")
                    trusted.append(domain)
                else:
                    raise self.fail(child, f"unknown element {_short(child.tag)} in acmail:institution")
        authserv: list[str] = []
        if (el := ours.get("authenticationResults")) is not None:
            for value in (el.attrib.get("authservId") or "").split():
                if not _HOST_RE.match(value):
                    raise self.fail(el, f"authservId must be host names, not {value!r}")
                authserv.append(value.lower())
            if not authserv:
                raise self.fail(el, "acmail:authenticationResults has no authservId")

        messagerie: Messagerie | None = None
        if (el := ours.get("messagerie")) is not None:
            self.mark(el, "messagerie_current")
            raw = el.attrib.get("current", "")
            if raw not in ("nationale", "academique"):
                raise self.fail(el, f"messagerie current must be 'nationale' or 'academique', not {raw!r}")
            messagerie = cast(Messagerie, raw)
        credential: CredentialKind = "password"
        app_url: str | None = None
        if (el := ours.get("credential")) is not None:
            self.mark(el, "credential_kind", "app_password_url", attr_names={"url": "app_password_url"})
            raw = el.attrib.get("kind", "")
            if raw not in ("password", "application-password"):
                raise self.fail(el, f"credential kind must be 'password' or 'application-password', not {raw!r}")
            credential = cast(CredentialKind, raw)
            app_url = self.url_attr(el)
        per_minute = per_hour = None
        if (el := ours.get("sendingLimit")) is not None:
            self.mark(el, "sending_limit_per_minute", "sending_limit_per_hour")
            per_minute, per_hour = (self.count_attr(el, name) for name in ("perMinute", "perHour"))
        smtp_discover = ours.get("smtpDiscovery") is not None

        return Provider(
            id=academie_id,
            display_name=display,
            short_name=short,
            domains=tuple(domains),
            imap=imap,
            smtp=smtp,
            identifiant_form=form,
            identifiant_case=case,
            identifiant_pattern=pattern,
            otp_kind=otp,
            password_reset_url=reset_url,
            password_change_url=change_url,
            webmail_url=webmail_url,
            webmail_name=webmail_name,
            support_name=support_name,
            support_phone=support_phone,
            support_url=support_url,
            quota_hint_mb=quota,
            sent_copy_by_server=sent_copy,
            is_default=is_default,
            unverified=frozenset(self.unverified),
            source=self.source,
            password_reset_label=reset_label,
            identifiant_hint=hint,
            emailprovider_id=ep_id,
            institution_words=tuple(words),
            institution_domains=tuple(trusted),
            authserv_ids=tuple(authserv),
            messagerie_current=messagerie,
            credential_kind=credential,
            app_password_url=app_url,
            sending_limit_per_minute=per_minute,
            sending_limit_per_hour=per_hour,
            smtp_discover=smtp_discover,
        )

    def count_attr(self, node: _Node, name: str) -> int | None:
        raw = node.attrib.get(name)
        if raw is None:
            return None
        if not re.match(r"^[0-9]{1,7}$", raw) or int(raw) == 0:
            raise self.fail(node, f"{name} must be a positive integer, not {raw!r}")
        return int(raw)

    def acmail_elements(self, ep: _Node) -> dict[str, _Node]:
        known = {
            "academie",
            "identifiant",
            "otp",
            "passwordReset",
            "passwordChange",
            "webmail",
            "support",
            "quota",
            "sentCopy",
            "institution",
            "authenticationResults",
            "messagerie",
            "credential",
            "sendingLimit",
            "smtpDiscovery",
        }
        found: dict[str, _Node] = {}
        for node in ep.children:
            if not node.tag.startswith(_A):
                continue
            local = node.tag[len(_A) :]
            if local not in known:
                raise self.fail(node, f"unknown element acmail:{local}")
            if local in found:
                raise self.fail(node, f"duplicate acmail:{local}")
            found[local] = node
        return found


def _short(tag: str) -> str:
    return tag.rpartition(_NS_SEP)[2]


def _id_from(emailprovider_id: str) -> str:
    """An académie-like id for a plain clientConfig: "ac-nice.fr" gives "nice"."""
    base = emailprovider_id.lower().removeprefix("ac-")
    base = re.sub(r"\.[a-z]+$", "", base)
    base = re.sub(r"[^a-z0-9]+", "-", base).strip("-")
    return base or "provider"


# --- public functions ------------------------------------------------------------------------
def parse_provider_bytes(
    data: bytes, source: Path | str, *, strict: bool = True, email_domain: str | None = None
) -> Provider:
    """Parse profile bytes (a file, or an autoconfig document fetched by discovery).

    `strict` (files) requires our acmail:academie element and refuses any plain server; without it
    (discovery) plain servers are skipped in favour of the next one and a plain clientConfig is fine.
    """
    path = Path(source)
    root = _read_tree(data, path)
    try:
        return _Schema(path, strict, email_domain).provider(root)
    except (ValueError, OverflowError, RecursionError) as exc:  # belt and braces: always name the file
        raise ProviderFileError(path, None, f"invalid profile: {exc}") from None


def parse_provider(path: Path) -> Provider:
    """Load one profile file; raises ProviderFileError(path, line, message)."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ProviderFileError(path, None, f"cannot read: {exc.strerror or exc}") from None
    return parse_provider_bytes(data, path, strict=True)


def _profile_files(directory: Path) -> Iterator[Path]:
    yield from sorted(p for p in directory.iterdir() if p.suffix.lower() == ".xml" and not p.name.startswith("."))


def load_providers(dirs: Sequence[Path]) -> ProviderRegistry:
    """Load every *.xml of each folder in turn; a later folder overrides an earlier one by id.

    A missing folder is normal (no system overrides) and silently skipped; a bad file is reported in
    `problems` and the others still load.
    """
    registry = ProviderRegistry()
    for directory in dirs:
        directory = Path(directory)
        if not directory.is_dir():
            continue
        try:
            files = list(_profile_files(directory))
        except OSError as exc:
            registry.problems.append(ProviderLoadProblem(directory, None, f"cannot list folder: {exc}"))
            continue
        seen_here: dict[str, Path] = {}
        for path in files:
            try:
                provider = parse_provider(path)
            except ProviderFileError as exc:
                registry.problems.append(ProviderLoadProblem(exc.path, exc.line, exc.detail))
                continue
            if provider.id in seen_here:
                registry.problems.append(
                    ProviderLoadProblem(
                        path, None, f"id {provider.id!r} already defined by {seen_here[provider.id]}; ignored"
                    )
                )
                continue
            seen_here[provider.id] = path
            registry.providers.pop(provider.id, None)  # re-insert so overrides sort last for for_domain
            registry.providers[provider.id] = provider
    _report_domain_clashes(registry)
    return registry


def _report_domain_clashes(registry: ProviderRegistry) -> None:
    owner: dict[str, Provider] = {}
    for provider in registry.providers.values():
        for domain in provider.domains:
            if domain in owner:
                registry.problems.append(
                    ProviderLoadProblem(
                        provider.source,
                        None,
                        f"domain {domain!r} also claimed by {owner[domain].id!r} ({owner[domain].source}); "
                        f"{provider.id!r} wins",
                    )
                )
            owner[domain] = provider


def bundled_providers_dir() -> Path:
    """The shipped profiles: inside the installed package first, else at the top of a checkout."""
    package_dir = Path(__file__).resolve().parents[2]  # .../acmail_desktop
    installed = package_dir / "resources" / "providers"
    if installed.is_dir():
        return installed
    return package_dir.parent / "resources" / "providers"
