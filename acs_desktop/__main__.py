"""`python -m acs_desktop` runs the same entry point as the `acs-desktop` command."""

import sys

from acs_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
