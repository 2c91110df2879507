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
    parser.add_argument("--check-policy", nargs="?", const="", metavar="FILE",
                        help="validate an administrator policy file (default: the system one) and exit")
    return parser


def check_policy(path: str) -> int:
    """`acmail --check-policy [FILE]`: what an administrator runs before deploying a policy (no Qt)."""
    from pathlib import Path

    from acmail_desktop.core.policy import load_policy, policy_path

    target = Path(path) if path else policy_path()
    from acmail_desktop.ui.context import check_policy_resources  # no Qt in there

    policy = check_policy_resources(load_policy(target))
    if not policy.present:
        print(f"{target}: no policy file (AcMail runs without an administrator policy)")
        return 0
    if policy.broken:
        print(f"REFUSED {policy.problem}")
        print("AcMail would start in its safest mode: shared machine, nothing stored.")
        return 1
    print(f"OK {target}")
    for key, value in sorted(policy.locked.items()):
        print(f"  locked   {key} = {value!r}")
    for key, value in sorted(policy.defaults.items()):
        print(f"  default  {key} = {value!r}")
    print(f"  shared machine: {policy.shared_machine}; passwords may be remembered: "
          f"{policy.allow_remember_password}")
    if policy.identifiant_template:
        print(f"  identifiant template: {policy.identifiant_template}")
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
