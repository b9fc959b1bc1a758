"""The Pulumi commands the CI examples run, read from the workflow files and run against the emulator.

`pulumi-language-python` cannot run here, so each command runs through the example runner
(`Engine.project_stack`: the project folder's Pulumi.yaml and stack config, the program run as `pulumi up`
in that folder runs it) with the same verb, folder, stack and flags: `preview --diff` is
`Stack.preview(diff=True)`, `up --yes` is `Stack.up()`, `config set --secret k "$V"` sets `<project>:k` as a
secret from the job's environment, `stack init` creates the stack. `install` has nothing to do: the
runner uses this interpreter, where the projects' one requirement (`pulumi-sinch-est`) is installed.
Credentials come from the environment, as in the workflows. The expected command lists below are the
contract: editing a workflow's Pulumi commands fails this test until it is updated here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

import pytest
import yaml
from pulumi import automation as auto

from tests.multistack.conftest import Site

from .test_validators import GITHUB_WORKFLOW, GITLAB_PIPELINE
from .workflow_commands import PulumiCommand, github_job, github_steps, gitlab_job

pytestmark = pytest.mark.engine

NETWORK, VOICE = "examples/multi-stack/network", "examples/multi-stack/voice"
PASSWORD = ("--secret", "deskPhonePassword", "$DESK_PHONE_PASSWORD")
INSTALL = [PulumiCommand("install", NETWORK, None), PulumiCommand("install", VOICE, None)]
SET_PASSWORD = PulumiCommand("config set", NETWORK, "shared", PASSWORD)
PREVIEW_JOB = [
    *INSTALL,
    SET_PASSWORD,
    PulumiCommand("preview", NETWORK, "shared", ("--diff",)),
    PulumiCommand("preview", VOICE, "dev", ("--diff",)),
    PulumiCommand("preview", VOICE, "prod", ("--diff",)),
]
UP_JOB = [
    *INSTALL,
    SET_PASSWORD,
    PulumiCommand("up", NETWORK, "shared", ("--yes",)),
    PulumiCommand("up", VOICE, "dev", ("--yes",)),
    PulumiCommand("up", VOICE, "prod", ("--yes",)),
]
FORK_JOB = [
    *INSTALL,
    PulumiCommand("stack init", NETWORK, "shared"),
    PulumiCommand("stack init", VOICE, "dev"),
    SET_PASSWORD,
    PulumiCommand("up", NETWORK, "shared", ("--yes",)),
    PulumiCommand("preview", VOICE, "dev", ("--diff",)),
    PulumiCommand("up", VOICE, "dev", ("--yes",)),
    PulumiCommand("destroy", VOICE, "dev", ("--yes",)),
    PulumiCommand("destroy", NETWORK, "shared", ("--yes",)),
]
JOBS = {"preview": PREVIEW_JOB, "up": UP_JOB, "emulator": FORK_JOB}
PR_NUMBER = "+15550001003"
"""What the pull request of the test adds to prod: a second number."""


@pytest.mark.parametrize("job", sorted(JOBS))
def test_both_ci_systems_run_the_expected_commands(job: str) -> None:
    assert github_job(GITHUB_WORKFLOW, job) == JOBS[job]
    assert gitlab_job(GITLAB_PIPELINE, job) == JOBS[job]


def test_github_previews_comment_on_the_pull_request() -> None:
    previews = [s["with"] for s in github_steps(GITHUB_WORKFLOW, "preview", "pulumi/actions") if "with" in s]
    assert len(previews) == 3
    assert all(p["comment-on-pr"] is True and p["diff"] is True for p in previews)


class Runner:
    """Runs workflow commands on a copy of the repository's examples, one stack object per stack."""

    def __init__(self, site: Site, job_env: Mapping[str, str]) -> None:
        self.site, self.job_env = site, job_env
        self.stacks: dict[tuple[str, str], auto.Stack] = {}
        self.previews: dict[str, dict[str, int]] = {}

    def stack(self, command: PulumiCommand) -> auto.Stack:
        assert command.cwd is not None and command.stack is not None, command
        key = (command.cwd, command.stack)
        if key not in self.stacks:
            self.stacks[key] = self.site.engine.project_stack(self.site.engine.root / command.cwd, command.stack)
            self.site.stacks.append(self.stacks[key])
        return self.stacks[key]

    def run(self, commands: list[PulumiCommand]) -> None:
        for command in commands:
            getattr(self, "_" + command.verb.replace(" ", "_"))(command)

    def _install(self, command: PulumiCommand) -> None:
        assert command.cwd is not None
        assert (self.site.engine.root / command.cwd / "requirements.txt").read_text().split() == ["pulumi-sinch-est"]

    def _stack_init(self, command: PulumiCommand) -> None:
        self.stack(command)

    def _config_set(self, command: PulumiCommand) -> None:
        secret, key, value = command.options
        assert secret == "--secret" and value.startswith("$"), command
        project = yaml.safe_load((self.site.engine.root / str(command.cwd) / "Pulumi.yaml").read_text())["name"]
        config = auto.ConfigValue(value=self.job_env[value[1:]], secret=True)
        self.stack(command).set_config(f"{project}:{key}", config)

    def _preview(self, command: PulumiCommand) -> None:
        assert command.options == ("--diff",), command
        result = self.stack(command).preview(diff=True)
        # The keys are the operation names of the CLI's JSON (`OpType` is a str enum): plain strings here.
        self.previews[f"{command.cwd}/{command.stack}"] = cast(dict[str, int], dict(result.change_summary))

    def _up(self, command: PulumiCommand) -> None:
        assert command.options == ("--yes",), command
        self.stack(command).up()

    def _destroy(self, command: PulumiCommand) -> None:
        assert command.options == ("--yes",), command
        self.stack(command).destroy()
        self.site.forget(self.stacks.pop((str(command.cwd), str(command.stack))))


def _add_number_to_prod(site: Site) -> None:
    """The pull request: prod's stack file gains a number."""
    path = site.engine.root / VOICE / "Pulumi.prod.yaml"
    stack_file = yaml.safe_load(path.read_text())
    stack_file["config"]["voice:phoneNumbers"].append(PR_NUMBER)
    path.write_text(yaml.safe_dump(stack_file))


def test_preview_then_up_as_the_workflow_runs_them(site: Site) -> None:
    site.engine.env.update(site.server.env())
    runner = Runner(site, {"DESK_PHONE_PASSWORD": "Workfl0w-Secret-Passw0rd"})
    runner.run(github_job(GITHUB_WORKFLOW, "up"))  # the first deployment, from main
    assert len(site.leftovers()["trunks"]) == 2

    _add_number_to_prod(site)
    site.clear_requests()
    runner.run(github_job(GITHUB_WORKFLOW, "preview"))
    assert site.writes() == []
    changed = {name: summary for name, summary in runner.previews.items() if set(summary) != {"same"}}
    # prod's stack, trunk, ACL link, endpoint and first number stay; the new number is the one change.
    assert changed == {f"{VOICE}/prod": {"same": 5, "create": 1}}

    runner.run(github_job(GITHUB_WORKFLOW, "up"))  # the merge
    assert PR_NUMBER in site.leftovers()["phoneNumbers"]


def test_fork_job_runs_against_the_emulator(site: Site) -> None:
    site.engine.env.update(site.server.env())
    runner = Runner(site, {"DESK_PHONE_PASSWORD": "Emulator-0nly-Passw0rd"})
    runner.run(github_job(GITHUB_WORKFLOW, "emulator"))
    assert runner.previews == {f"{VOICE}/dev": {"create": 8}}  # the stack and its seven resources
    assert site.stacks == []
