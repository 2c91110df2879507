"""Entry script for the PyInstaller build: the same `main()` as the `acmail` command."""

import multiprocessing
import sys

from acmail_desktop.__main__ import main

if __name__ == "__main__":
    # The HTML converter and the header loader run in spawned processes: in the frozen build
    # those start this same executable, which must then run the child, not a second AcMail.
    multiprocessing.freeze_support()
    sys.exit(main())
