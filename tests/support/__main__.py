"""``python -m tests.support demo --base-dir DIR``: same as ``python -m tests.support.mailserver``."""

import sys

from tests.support.mailserver import main

sys.exit(main())
