"""Fixtures shared by every suite: a private Pulumi engine per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.harness.engine import Engine, cli_root_from_env


@pytest.fixture(scope="session")
def pulumi_cli_root() -> Path:
    return cli_root_from_env()


@pytest.fixture
def engine(pulumi_cli_root: Path, tmp_path: Path) -> Engine:
    """A fresh file backend, passphrase secrets and PULUMI_HOME for this test alone."""
    return Engine(cli_root=pulumi_cli_root, root=tmp_path / "pulumi")
