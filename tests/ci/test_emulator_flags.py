"""The CI fork jobs start the emulator with flags that fit the stacks they run.

The stack files name the Sinch project (`sinch:projectId`) and the numbers; the job's environment names
the access key and the URLs. The emulator answers 403 for a project or key it was not started with, and
404 for a number it does not rent out, so a job whose emulator flags disagree with either fails only in
CI, after a user's edit. Each job's `sinch-est-emulator` command line is read out of the workflow file and
parsed by the emulator's own argument parser, so a flag renamed there fails here too.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from pulumi_sinch_est.emulator.cli import build_parser, config_from_args
from pulumi_sinch_est.emulator.config import EmulatorConfig

from .test_validators import GITHUB_WORKFLOW, GITLAB_PIPELINE
from .workflow_commands import load

ROOT = Path(__file__).resolve().parents[2]
FORK_STACKS = [
    ROOT / "examples/multi-stack/network/Pulumi.shared.yaml",
    ROOT / "examples/multi-stack/voice/Pulumi.dev.yaml",
]
"""The stacks the fork job brings up (see test_workflow_commands.FORK_JOB)."""


def emulator_command(text: str) -> list[str]:
    """The arguments of the `sinch-est-emulator` command in a shell script, up to its redirections."""
    words = shlex.split(text.replace("\\\n", " "), posix=True)
    start = words.index("sinch-est-emulator") + 1
    end = next(
        (i for i, w in enumerate(words[start:], start) if w in {">", "&", "&&", ";", "|"} or w[0] in "&>2"), None
    )
    return words[start:end]


def github_fork_job() -> tuple[list[str], dict[str, Any]]:
    job = load(GITHUB_WORKFLOW)["jobs"]["emulator"]
    script = next(step["run"] for step in job["steps"] if "sinch-est-emulator" in step.get("run", ""))
    return emulator_command(script), job["env"]


def gitlab_fork_job() -> tuple[list[str], dict[str, Any]]:
    job = load(GITLAB_PIPELINE)["emulator"]
    script = next(step for step in job["script"] if "sinch-est-emulator" in step)
    return emulator_command(script), job["variables"]


JOBS = {"github": github_fork_job, "gitlab": gitlab_fork_job}


def _config(args: list[str]) -> EmulatorConfig:
    return config_from_args(build_parser().parse_args(args))


def _stack_config(path: Path) -> dict[str, Any]:
    config: dict[str, Any] = yaml.safe_load(path.read_text())["config"]
    return config


@pytest.mark.parametrize("system", JOBS)
def test_fork_job_emulator_serves_the_stack_files_project(system: str) -> None:
    """Given explicitly: the emulator's default is its demo project, which the docs tell users to replace
    in the stack files with their own."""
    args, _ = JOBS[system]()
    assert "--project-id" in args, "start the emulator with the stack files' --project-id"
    project_ids = {_stack_config(path)["sinch:projectId"] for path in FORK_STACKS}
    assert project_ids == {_config(args).project_id}


@pytest.mark.parametrize("system", JOBS)
def test_fork_job_emulator_accepts_the_jobs_key_and_urls(system: str) -> None:
    args, env = JOBS[system]()
    config = _config(args)
    assert (env["SINCH_KEY_ID"], env["SINCH_KEY_SECRET"]) == (config.key_id, config.key_secret)
    for name in ("SINCH_EST_URL", "SINCH_NUMBERS_URL", "SINCH_AUTH_URL"):
        assert urlsplit(env[name]).port == config.port, name


@pytest.mark.parametrize("system", JOBS)
def test_fork_job_emulator_rents_the_stack_files_numbers(system: str) -> None:
    args, _ = JOBS[system]()
    wanted = {
        n for path in FORK_STACKS for key, v in _stack_config(path).items() if key.endswith(":phoneNumbers") for n in v
    }
    assert wanted and wanted <= set(_config(args).numbers)
