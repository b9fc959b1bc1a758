"""The one folder outside the clone where the suite keeps what it builds once: the pinned Pulumi CLI
(tools/pulumi-cli/build.sh, which reads the same variables), actionlint and the pinned virtualenvs."""

from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path:
    """`$PULUMI_SINCH_EST_CACHE`, else `pulumi-sinch-est/` under `$XDG_CACHE_HOME` or `~/.cache`."""
    explicit = os.environ.get("PULUMI_SINCH_EST_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pulumi-sinch-est"
