"""`acmail-diagnose`: connection checks for help-desk staff and scripts (core, no GUI).

The French of the verdict (core/catalogue.py) and of the checks and report (core/diagnostics) comes
through QtCore's QTranslator and the compiled .qm, the same translation the windows use; no display
is needed.

Nothing secret goes on the command line: the password or PassCode is read from standard input with
`--password-stdin`. Exit status: 0 all ok, 1 warnings, 2 a failure, 3 usage error.
"""

from __future__ import annotations

import argparse
import ssl
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from typing import TextIO

from acmail_desktop import __version__
from acmail_desktop.core import errors
from acmail_desktop.core.catalogue import Translate, untranslated
from acmail_desktop.core.context import app_providers, check_policy_resources
from acmail_desktop.core.diagnostics import (
    DiagnosticsConfig,
    DiagnosticsRun,
    ProgressEvent,
    render_json,
    render_text,
)
from acmail_desktop.core.diagnostics.probes import Resolver, system_resolver
from acmail_desktop.core.otp import Secret
from acmail_desktop.core.paths import AppPaths, resources_dir
from acmail_desktop.core.policy import Policy, PolicySettings, load_policy
from acmail_desktop.core.providers import Provider
from acmail_desktop.core.tls import make_ssl_context

EXIT_USAGE = 3


class UsageError(Exception):
    pass


def french() -> Translate:
    """The French of the catalogue's texts (core/catalogue.py) from the compiled .qm, as the app reads
    it. QtCore only: a QTranslator needs neither a display nor a QCoreApplication. English when the
    .qm is missing (a source checkout not yet built), with a warning."""
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    qm = resources_dir() / "translations" / "acmail_fr.qm"
    if not translator.load(str(qm)):
        print(f"acmail-diagnose: traductions introuvables ({qm}), verdict en anglais", file=sys.stderr)
        return untranslated

    def translate(context: str, text: str) -> str:
        return translator.translate(context, text) or text

    return translate


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="acmail-diagnose", description="Diagnostic de connexion AcMail (IMAP et SMTP).",
                epilog="Statut de sortie : 0 tout va bien, 1 avertissements, 2 échec, 3 erreur d'usage.")
    p.add_argument("--version", action="version", version=f"acmail-diagnose {__version__}")
    p.add_argument("--academie", help="identifiant du profil d'académie (ex. : aix-marseille)")
    p.add_argument("--base-dir", help="dossier de base AcMail (profils utilisateur, réglages)")
    p.add_argument("--imap-host")
    p.add_argument("--imap-port", type=int)
    p.add_argument("--imap-security", choices=("implicit", "starttls"))
    p.add_argument("--smtp-host")
    p.add_argument("--smtp-port", type=int)
    p.add_argument("--smtp-security", choices=("implicit", "starttls"))
    p.add_argument("--identifiant", default="")
    p.add_argument("--password-stdin", action="store_true",
                   help="lire le mot de passe (ou le PassCode) sur l'entrée standard")
    p.add_argument("--passcode", action="store_true", help="le secret lu est un PassCode (PIN + code)")
    p.add_argument("--ca-file", action="append", default=[], help="autorité de certification en plus (PEM)")
    p.add_argument("--no-auth", action="store_true", help="ne pas tester l'authentification")
    p.add_argument("--send-test", action="store_true", help="s'envoyer un message de test")
    p.add_argument("--timeout", type=float, default=5.0, help="délai maximal par étape, en secondes")
    p.add_argument("--json", action="store_true", help="résultat en JSON (codes stables)")
    p.add_argument("--unmask", action="store_true", help="ne pas masquer l'identifiant dans le rapport")
    p.add_argument("--quiet", action="store_true", help="pas de progression sur la sortie d'erreur")
    return p


def _policy() -> Policy:
    """The administrator policy exactly as the app reads it (same file, same checks)."""
    return check_policy_resources(load_policy())


def _provider(args: argparse.Namespace, policy: Policy) -> Provider:
    """The profile the app would use: same folders (/etc/acmail/providers), the policy's custom
    profile, académie and support contact."""
    paths = AppPaths.default(args.base_dir)
    registry = app_providers(paths, policy, shared=policy.shared_machine)
    academie = args.academie or policy.locked.get("account.academie") or policy.defaults.get("account.academie")
    provider = registry.get(academie) if academie else registry.default()
    imap, smtp = provider.imap, provider.smtp
    for port in (args.imap_port, args.smtp_port):
        if port is not None and not 0 < port < 65536:
            raise UsageError(f"invalid port {port}")
    if args.imap_host or args.imap_port or args.imap_security:
        imap = replace(imap, hostname=args.imap_host or imap.hostname, port=args.imap_port or imap.port,
                       security=args.imap_security or imap.security)
    if args.smtp_host or args.smtp_port or args.smtp_security:
        smtp = replace(smtp, hostname=args.smtp_host or smtp.hostname, port=args.smtp_port or smtp.port,
                       security=args.smtp_security or smtp.security)
    return replace(provider, imap=imap, smtp=smtp)


def _ssl_context(args: argparse.Namespace, policy: Policy) -> ssl.SSLContext:
    """The trust and TLS minimum the app would use (policy, then the user's settings), plus
    --ca-file: a policy asking for TLS 1.3 is honoured by the CLI exactly as by the app."""
    settings = PolicySettings(AppPaths.default(args.base_dir).settings_file, locked=policy.locked,
                              defaults=policy.settings_defaults())
    ca_files = [*policy.extra_ca_files, *settings.get("security.extra_ca_files"), *args.ca_file]
    return make_ssl_context(ca_files, str(settings.get("security.min_tls_version")))


def main(argv: list[str] | None = None, *, now: Callable[[], float] = time.time,
         resolver: Resolver = system_resolver, stdin: TextIO | None = None) -> int:
    """Entry point; `now` and `resolver` are injectable so tests need neither a wrong clock nor DNS."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(argv)
        if args.timeout <= 0:
            raise UsageError("--timeout must be positive")
        if args.send_test and (args.no_auth or not args.password_stdin):
            raise UsageError("--send-test needs --password-stdin and authentication")
        policy = _policy()
        if policy.broken:
            print(f"acmail-diagnose: politique d'administrateur refusée : {policy.problem}", file=sys.stderr)
        provider = _provider(args, policy)
        context = _ssl_context(args, policy)
    except UsageError as exc:
        print(f"acmail-diagnose: {exc}", file=sys.stderr)
        print("usage: voir acmail-diagnose --help", file=sys.stderr)
        return EXIT_USAGE
    except errors.AcmailError as exc:
        print(f"acmail-diagnose: {exc}", file=sys.stderr)
        return EXIT_USAGE
    secret: Secret | None = None
    if args.password_stdin:
        stream = stdin or sys.stdin
        secret = Secret(stream.readline().rstrip("\r\n"))
    config = DiagnosticsConfig(
        provider=provider, ssl_context=context, identifiant=args.identifiant, secret=secret,
        secret_kind="passcode" if args.passcode else "password",
        test_auth=bool(args.password_stdin and not args.no_auth), send_test=args.send_test,
        step_timeout=args.timeout, resolver=resolver, now=now, translate=french())

    def progress(event: ProgressEvent) -> None:
        if event.kind == "finished" and event.result is not None and not args.quiet:
            print(f"[{event.index + 1:>2}/{event.total}] {event.result.status:<7} {event.title}",
                  file=sys.stderr, flush=True)

    report = DiagnosticsRun(config, progress).execute()
    secrets = [secret.reveal()] if secret else []
    if args.json:
        print(render_json(report, unmask=args.unmask, secrets=secrets))
    else:
        print(render_text(report, unmask=args.unmask, secrets=secrets, translate=config.translate), end="")
    return report.exit_status


if __name__ == "__main__":
    sys.exit(main())
