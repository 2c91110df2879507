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
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "diagnose":
        from acmail_desktop.cli import main as diagnose_main

        return diagnose_main(argv[1:])
    args = build_parser().parse_args(argv)
    from acmail_desktop.ui.app import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
