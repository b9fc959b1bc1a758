"""The pre-commit configuration runs ruff, ruff-format and mypy with the project's virtualenv: it is
valid, and in a scratch repository (same configuration, same pyproject.toml, the project's virtualenv)
each hook catches the kind of problem it is there for, with no network."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.harness.engine import REPO_ROOT

CONFIG = REPO_ROOT / ".pre-commit-config.yaml"
VENV = Path(sys.prefix)
BAD_MODULE = 'import os\nanswer: int = "forty-two"\nvalues = [1,2]\n'
"""An unused import (ruff), unformatted code (ruff-format) and a wrong type (mypy)."""


def _pre_commit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [str(VENV / "bin" / "pre-commit"), *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300, check=False)


def test_the_hooks_are_ruff_ruff_format_and_mypy_from_the_virtualenv() -> None:
    assert _pre_commit("validate-config", str(CONFIG), cwd=REPO_ROOT).returncode == 0
    (repo,) = yaml.safe_load(CONFIG.read_text())["repos"]
    assert repo["repo"] == "local"
    assert [hook["id"] for hook in repo["hooks"]] == ["ruff", "ruff-format", "mypy"]
    assert all(hook["entry"].startswith(".venv/bin/") for hook in repo["hooks"])


@pytest.fixture
def scratch_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "pulumi_sinch_est").mkdir(parents=True)
    shutil.copy(CONFIG, repo)
    shutil.copy(REPO_ROOT / "pyproject.toml", repo)
    (repo / ".venv").symlink_to(VENV)
    (repo / "pulumi_sinch_est" / "__init__.py").write_text(BAD_MODULE)
    for checked in ("tests", "benchmarks"):  # the other folders pyproject.toml has mypy check
        (repo / checked).mkdir()
        (repo / checked / "__init__.py").write_text("")
    for command in (["init", "-q"], ["add", "."]):
        subprocess.run(["git", *command], cwd=repo, check=True, capture_output=True)
    return repo


def test_each_hook_catches_its_problem(scratch_repo: Path) -> None:
    result = _pre_commit("run", "--all-files", cwd=scratch_repo)
    assert result.returncode == 1
    out = result.stdout
    assert "F401" in out and "`os` imported but unused" in out
    assert "files were modified by this hook" in out
    assert (scratch_repo / "pulumi_sinch_est" / "__init__.py").read_text().endswith("values = [1, 2]\n")
    assert 'Incompatible types in assignment (expression has type "str", variable has type "int")' in out
