"""`python -m pulumi_sinch_est.export`, the same as `sinch-est-export`."""

from .cli import main

raise SystemExit(main())
