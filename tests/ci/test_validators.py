"""The CI examples pass the real validators: actionlint for the GitHub workflow, check-jsonschema's
bundled GitLab CI schema for the GitLab pipeline. Each validator is also shown a broken copy and must
reject it, so a validator that checks nothing cannot pass these tests."""

from __future__ import annotations

from pathlib import Path

from tests.ci.conftest import run_tool

CI = Path(__file__).resolve().parents[2] / "examples" / "ci"
GITHUB_WORKFLOW = CI / "github" / "pulumi.yml"
GITLAB_PIPELINE = CI / "gitlab" / ".gitlab-ci.yml"


def test_github_workflow_passes_actionlint(actionlint: str) -> None:
    result = run_tool(actionlint, "-no-color", str(GITHUB_WORKFLOW))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_actionlint_rejects_a_misspelt_action_input(actionlint: str, tmp_path: Path) -> None:
    broken = tmp_path / "pulumi.yml"
    broken.write_text(GITHUB_WORKFLOW.read_text().replace("stack-name: prod", "stack_name: prod", 1))
    result = run_tool(actionlint, "-no-color", str(broken))
    assert result.returncode == 1
    assert 'input "stack_name" is not defined in action "pulumi/actions@v6"' in result.stdout


def test_gitlab_pipeline_matches_the_gitlab_ci_schema(check_jsonschema: str) -> None:
    result = run_tool(check_jsonschema, "--builtin-schema", "vendor.gitlab-ci", str(GITLAB_PIPELINE))
    assert result.returncode == 0, result.stdout + result.stderr


def test_gitlab_schema_rejects_a_misspelt_job_key(check_jsonschema: str, tmp_path: Path) -> None:
    broken = tmp_path / ".gitlab-ci.yml"
    broken.write_text(GITLAB_PIPELINE.read_text().replace("  resource_group:", "  resource-group:", 1))
    result = run_tool(check_jsonschema, "--builtin-schema", "vendor.gitlab-ci", str(broken))
    assert result.returncode == 1
    assert "resource-group" in result.stdout
