"""`python -m pulumi_sinch_est.emulator` runs the CLI."""

import sys

from .cli import main

sys.exit(main())
