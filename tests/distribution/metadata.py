"""pyproject.toml's `[project]` table, read once for the tests that check what a release publishes."""

from __future__ import annotations

import tomllib
from typing import Any

from tests.harness.engine import REPO_ROOT

PYPROJECT = REPO_ROOT / "pyproject.toml"
PROJECT: dict[str, Any] = tomllib.loads(PYPROJECT.read_text())["project"]
VERSION: str = PROJECT["version"]
"""The package's version, written only in pyproject.toml; the installed package reports it through
`importlib.metadata.version("pulumi-sinch-est")`."""
