"""Entry script for the PyInstaller build: the same `main()` as the `acmail` command."""

import sys

from acmail_desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
