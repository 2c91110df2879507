"""What the user's own receiving server says about the sender (Authentication-Results, RFC 8601).

A server that checks DKIM, SPF and DMARC on arrival writes its verdict in an Authentication-Results
header at the top of the message. Anybody can write such a header too, so only one is believed:
the topmost one, and only when its authserv-id is one the académie profile names
(`<acmail:authenticationResults authservId="…"/>`). A forged header further down, or a topmost one
from another server, is ignored. The From domain counts as verified when that header reports
`dmarc=pass` for it, or `dkim=pass` with a signing domain (`header.d`) equal to it or a parent of it.

The header is parsed by `authres` (the RFC 7601/8601 parser of dkimpy's author); whatever it
cannot parse is "not verified", never an exception.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from acmail_desktop.core.addresses import header_fields

_MAX_HEADER = 4096


@dataclass(frozen=True)
class SignatureVerdict:
    domain: str          # the From domain the verdict is about
    verified: bool
    authserv_id: str     # "" when no trusted header was found
    results: str         # the methods and results seen, e.g. "dkim=pass spf=pass dmarc=pass"


def _parse(value: str) -> Any | None:
    import authres

    try:
        return authres.AuthenticationResultsHeader.parse_value(value[:_MAX_HEADER])
    except Exception:  # a hostile header: authres raises its own errors and, on odd input, others
        return None


def _aligned(signing_domain: str, from_domain: str) -> bool:
    signing_domain, from_domain = signing_domain.lower().rstrip("."), from_domain.lower().rstrip(".")
    return bool(signing_domain) and (from_domain == signing_domain or from_domain.endswith("." + signing_domain))


def signature_verdict(raw: bytes, from_address: str, trusted_ids: frozenset[str] | set[str]
                      ) -> SignatureVerdict | None:
    """The verdict for the From domain, or None when the profile names no authserv-id (nothing to
    believe, nothing shown)."""
    if not trusted_ids:
        return None
    domain = from_address.rpartition("@")[2].lower()
    topmost = header_fields(raw).get("authentication-results")  # the first occurrence only
    parsed = _parse(topmost) if topmost else None
    if parsed is None or str(parsed.authserv_id).lower() not in trusted_ids:
        return SignatureVerdict(domain, False, "", "")
    verified = False
    seen = []
    for result in parsed.results:
        method, outcome = str(result.method).lower(), str(result.result).lower()
        seen.append(f"{method}={outcome}")
        properties = {f"{p.type}.{p.name}".lower(): str(p.value) for p in result.properties}
        if outcome != "pass":
            continue
        if method == "dmarc" and properties.get("header.from", "").lower() == domain:
            verified = True
        if method == "dkim" and _aligned(properties.get("header.d", ""), domain):
            verified = True
    return SignatureVerdict(domain, verified and bool(domain), str(parsed.authserv_id), " ".join(seen))
