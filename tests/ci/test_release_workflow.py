"""The repository's own release workflow: it passes actionlint (which is shown a broken copy and must
reject it), it publishes on `v*` tags through trusted publishing from an environment after `twine check`,
and its version guard accepts the tag of pyproject.toml's version and refuses any other."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.ci.conftest import run_tool
from tests.distribution.metadata import VERSION
from tests.harness.engine import REPO_ROOT

WORKFLOW = REPO_ROOT / ".github" / "workflows" / "release.yml"
GUARD = "The tag, pyproject.toml and CHANGELOG.md name the same version"


def _workflow() -> dict[Any, Any]:
    loaded: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text())
    return loaded


def test_release_workflow_passes_actionlint(actionlint: str) -> None:
    result = run_tool(actionlint, "-no-color", str(WORKFLOW))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_actionlint_rejects_a_broken_release_workflow(actionlint: str, tmp_path: Path) -> None:
    broken = tmp_path / "release.yml"
    broken.write_text(WORKFLOW.read_text().replace("id-token: write", "id-token: publish", 1))
    result = run_tool(actionlint, "-no-color", str(broken))
    assert result.returncode == 1
    assert '"publish" is invalid as permission of scope "id-token"' in result.stdout


def test_a_v_tag_builds_checks_and_publishes_with_trusted_publishing() -> None:
    workflow = _workflow()
    # PyYAML reads the bare key `on` as True.
    assert workflow[True] == {"push": {"tags": ["v*"]}}
    assert workflow["permissions"] == {"contents": "read"}
    build, publish = workflow["jobs"]["build"], workflow["jobs"]["publish"]
    runs = [step.get("run", "") for step in build["steps"]]
    assert "python -m build" in runs and "python -m twine check --strict dist/*" in runs
    assert publish["needs"] == "build"
    assert publish["environment"]
    assert publish["permissions"] == {"id-token": "write"}
    assert publish["steps"][-1] == {"uses": "pypa/gh-action-pypi-publish@release/v1"}


@pytest.mark.parametrize(("tag", "accepted"), [(f"v{VERSION}", True), ("v999.0.0", False), (VERSION, False)])
def test_the_version_guard_accepts_only_the_tag_of_the_version(tag: str, accepted: bool) -> None:
    (script,) = [step["run"] for step in _workflow()["jobs"]["build"]["steps"] if step.get("name") == GUARD]
    result = subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=REPO_ROOT,
        env={**os.environ, "GITHUB_REF_NAME": tag},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode == 0) is accepted, result.stdout + result.stderr
    if not accepted:
        assert f"tag {tag} does not match version {VERSION}" in result.stdout
