"""`acmail-diagnose`: connection checks for help-desk staff and scripts (core only, no Qt).

Exit status: 0 all ok, 1 warnings, 2 a failure, 3 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace

from acmail_desktop import __version__
from acmail_desktop.core import errors
from acmail_desktop.core.account import Account, AccountIdentity
from acmail_desktop.core.otp import password_credential
from acmail_desktop.core.paths import AppPaths
from acmail_desktop.core.providers import Provider, bundled_providers_dir, load_providers
from acmail_desktop.core.smtp import SmtpSubmission
from acmail_desktop.core.tls import make_ssl_context


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"acmail-diagnose: {message}", file=sys.stderr)
        sys.exit(3)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="acmail-diagnose", description="Diagnostic de connexion AcMail")
    p.add_argument("--version", action="version", version=f"acmail-diagnose {__version__}")
    p.add_argument("--academie", help="académie profile id (e.g. aix-marseille)")
    p.add_argument("--base-dir", help="AcMail base folder (user profiles, settings)")
    p.add_argument("--imap-host")
    p.add_argument("--imap-port", type=int)
    p.add_argument("--imap-security", choices=("implicit", "starttls"))
    p.add_argument("--smtp-host")
    p.add_argument("--smtp-port", type=int)
    p.add_argument("--smtp-security", choices=("implicit", "starttls"))
    p.add_argument("--identifiant")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    p.add_argument("--ca-file", action="append", default=[])
    p.add_argument("--no-auth", action="store_true")
    p.add_argument("--timeout", type=float, default=10.0)
    p.add_argument("--json", action="store_true")
    return p


def _provider(args: argparse.Namespace) -> Provider:
    paths = AppPaths.default(args.base_dir)
    registry = load_providers([bundled_providers_dir(), paths.user_providers_dir])
    provider = registry.get(args.academie) if args.academie else registry.default()
    imap, smtp = provider.imap, provider.smtp
    if args.imap_host or args.imap_port or args.imap_security:
        imap = replace(imap, hostname=args.imap_host or imap.hostname, port=args.imap_port or imap.port,
                       security=args.imap_security or imap.security)
    if args.smtp_host or args.smtp_port or args.smtp_security:
        smtp = replace(smtp, hostname=args.smtp_host or smtp.hostname, port=args.smtp_port or smtp.port,
                       security=args.smtp_security or smtp.security)
    return replace(provider, imap=imap, smtp=smtp)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        provider = _provider(args)
    except (KeyError, errors.AcmailError) as exc:
        print(f"acmail-diagnose: {exc}", file=sys.stderr)
        return 3
    context = make_ssl_context(args.ca_file)
    checks: list[dict[str, str]] = []
    worst = 0
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else ""
    identifiant = (args.identifiant or "").strip()
    credential = password_credential(provider.imap.username_for(identifiant), password) \
        if password and identifiant and not args.no_auth else None
    account = Account(AccountIdentity(provider, identifiant or "-"), credential, context,  # type: ignore[arg-type]
                      timeout=args.timeout) if credential else None

    def record(check_id: str, error: BaseException | None, summary: str) -> None:
        nonlocal worst
        status = "ok" if error is None else "fail"
        worst = max(worst, 0 if error is None else 2)
        checks.append({"id": check_id, "status": status, "summary": summary,
                       "code": getattr(error, "code", "ok") if error else "ok",
                       "detail": str(error) if error else ""})

    try:
        if account is not None:
            account.open_imap().logout()
            record("imap_login", None, "IMAP login accepted")
        else:
            session = Account(AccountIdentity(provider, "-"), None, context,  # type: ignore[arg-type]
                              timeout=args.timeout).new_imap_session()
            session.connect()
            session.close()
            record("imap_connect", None, f"IMAP {provider.imap.hostname}:{provider.imap.port} reachable")
    except errors.AcmailError as exc:
        record("imap", exc, "IMAP check failed")
    try:
        with SmtpSubmission(provider.smtp, context, timeout=args.timeout) as submission:
            submission.connect()
        record("smtp_connect", None, f"SMTP {provider.smtp.hostname}:{provider.smtp.port} reachable")
    except errors.AcmailError as exc:
        record("smtp", exc, "SMTP check failed")
    verdict = next((c["code"] for c in checks if c["status"] == "fail"), "ok")
    if args.json:
        print(json.dumps({"verdict": verdict, "checks": checks}, ensure_ascii=False, indent=2))
    else:
        for check in checks:
            print(f"[{check['status']:>4}] {check['id']}: {check['summary']} {check['detail']}")
        print(f"verdict: {verdict}")
    return worst


if __name__ == "__main__":
    sys.exit(main())
