"""`acmail` and `python -m acmail_desktop`: parse arguments before importing Qt.

`acmail diagnose ...` is the same as `acmail-diagnose ...`.
"""

from __future__ import annotations

import argparse
import sys

from acmail_desktop import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="acmail", description="AcMail, la messagerie des académies")
    parser.add_argument("--version", action="version", version=f"AcMail {__version__}")
    parser.add_argument("--base-dir", help="keep every AcMail file under this folder (tests, demo)")
    parser.add_argument("--debug", action="store_true", help="verbose log (secrets are always masked)")
    parser.add_argument("--log-json", action="store_true", help="log as JSON lines (end-to-end tests)")
    parser.add_argument("--log-stderr", action="store_true", help="also log to standard error")
    parser.add_argument("--ca-file", action="append", default=[],
                        help="extra CA certificate to trust (PEM); may be repeated")
    parser.add_argument("--no-keyring", action="store_true", help="never read or write the OS keyring")
    parser.add_argument("--screenshot", help=argparse.SUPPRESS)
    parser.add_argument("messages", nargs="*", metavar="MESSAGE.eml",
                        help="open these message files in a read-only reader")
    # End-to-end tests of the idle logout cannot wait the policy's whole minutes.
    parser.add_argument("--idle-seconds", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--check-policy", nargs="?", const="", metavar="FILE",
                        help="validate an administrator policy file (default: the system one) and exit")
    return parser


def check_policy(path: str) -> int:
    """`acmail --check-policy [FILE]`: what an administrator runs before deploying a policy (no Qt).

    In French, like acmail-diagnose. Exit status 0 when AcMail would apply the file, 1 otherwise
    (refused, unreadable, unsafe permissions, or no file at all: a check of nothing is no success).
    The file is judged as deployed: owned by root and writable by nobody else, whoever runs the check.
    """
    from pathlib import Path

    from acmail_desktop.core.context import check_policy_resources
    from acmail_desktop.core.policy import load_policy, policy_path

    target = Path(path) if path else policy_path()
    if not target.exists():
        print(f"ABSENT {target} : ce fichier n'existe pas ; AcMail fonctionnerait sans politique "
              f"d'administrateur (aucun poste partagé).")
        return 1
    policy = check_policy_resources(load_policy(target, trusted_uids=frozenset({0})))
    if policy.broken:
        print(f"REFUSÉ {policy.problem}")
        print("AcMail démarrerait dans son mode le plus prudent : poste partagé, rien n'est conservé.")
        return 1
    print(f"OK {target}")
    for key, value in sorted(policy.locked.items()):
        print(f"  imposé      {key} = {value!r}")
    for key, value in sorted(policy.defaults.items()):
        print(f"  par défaut  {key} = {value!r}")
    print(f"  poste partagé : {'oui' if policy.shared_machine else 'non'} ; mots de passe mémorisables : "
          f"{'oui' if policy.allow_remember_password else 'non'}")
    if policy.identifiant_template:
        print(f"  modèle d'identifiant : {policy.identifiant_template}")
    if policy.support is not None:
        print(f"  assistance : {policy.support.name}")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "diagnose":
        from acmail_desktop.cli import main as diagnose_main

        return diagnose_main(argv[1:])
    args = build_parser().parse_args(argv)
    if args.check_policy is not None:
        return check_policy(args.check_policy)
    from acmail_desktop.ui.app import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
