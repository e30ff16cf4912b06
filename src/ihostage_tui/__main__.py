"""`python -m ihostage_tui` runs the command line."""

import sys

from ihostage_tui.cli import main

sys.exit(main())
