"""The Pulumi commands a CI workflow file runs, read from the file itself.

A GitHub workflow runs Pulumi in two ways: `run:` scripts with `pulumi ...` lines, and `pulumi/actions`
steps whose `with:` inputs name the command, stack and folder. A GitLab job runs `pulumi ...` lines from
its `before_script`, `script` and `after_script` (the `default:` ones when the job has none). Both are
read into the same `PulumiCommand` shape, in the order the job runs them, so a test can compare the two
files and run exactly those operations.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

TWO_WORD_VERBS = {"stack", "config"}
"""Commands named by two words (`stack init`, `config set`)."""
INTERACTIVE_FREE = {"up", "destroy"}
"""What `pulumi/actions` runs with `--yes`: the action never prompts."""


@dataclass(frozen=True)
class PulumiCommand:
    verb: str
    """`preview`, `up`, `destroy`, `install`, `stack init`, `config set`, ..."""
    cwd: str | None
    """The project folder (`--cwd` / `work-dir`), relative to the repository root."""
    stack: str | None
    """`--stack`, `stack-name`, or the stack a `stack init` creates."""
    options: tuple[str, ...] = ()
    """Every other flag and argument, in order (`--diff`, `--yes`, `--secret key "$VALUE"`)."""


def parse_command_line(line: str) -> PulumiCommand | None:
    """The command of one shell line, or None when the line does not run `pulumi`. A pipe ends it."""
    words = shlex.split(line, comments=True)
    if "|" in words:
        words = words[: words.index("|")]
    if not words or words[0] != "pulumi":
        return None
    verb_words = 2 if len(words) > 2 and words[1] in TWO_WORD_VERBS else 1
    verb = " ".join(words[1 : 1 + verb_words])
    rest = iter(words[1 + verb_words :])
    cwd = stack = None
    options: list[str] = []
    for word in rest:
        if word in ("--cwd", "-C"):
            cwd = next(rest)
        elif word in ("--stack", "-s"):
            stack = next(rest)
        else:
            options.append(word)
    if verb == "stack init" and options and not options[0].startswith("-"):
        stack = options.pop(0)
    return PulumiCommand(verb, cwd, stack, tuple(options))


def _script_commands(script: str | list[str]) -> list[PulumiCommand]:
    lines = script if isinstance(script, list) else [script]
    found = []
    for block in lines:
        for line in block.replace("\\\n", " ").splitlines():
            command = parse_command_line(line.strip())
            if command is not None:
                found.append(command)
    return found


def _action_command(inputs: dict[str, Any]) -> PulumiCommand | None:
    """A `pulumi/actions` step as the command it runs; None for a step that only installs the CLI."""
    verb = inputs.get("command")
    if verb is None:
        return None
    options = ["--diff"] if inputs.get("diff") is True else []
    if verb in INTERACTIVE_FREE:
        options.append("--yes")
    return PulumiCommand(verb, inputs.get("work-dir"), inputs.get("stack-name"), tuple(options))


def load(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(path.read_text())
    return loaded


def github_job(path: Path, job: str) -> list[PulumiCommand]:
    """Every Pulumi command of one job of a GitHub Actions workflow, in step order."""
    found: list[PulumiCommand] = []
    for step in load(path)["jobs"][job]["steps"]:
        if "run" in step:
            found.extend(_script_commands(step["run"]))
        elif str(step.get("uses", "")).startswith("pulumi/actions@"):
            command = _action_command(step.get("with", {}))
            if command is not None:
                found.append(command)
    return found


def github_steps(path: Path, job: str, uses: str) -> list[dict[str, Any]]:
    """The steps of a job that use an action (`pulumi/actions`), as written."""
    steps: list[dict[str, Any]] = load(path)["jobs"][job]["steps"]
    return [s for s in steps if str(s.get("uses", "")).startswith(f"{uses}@")]


def gitlab_job(path: Path, job: str) -> list[PulumiCommand]:
    """Every Pulumi command of one GitLab CI job: its (or the default) before_script, script, after_script."""
    pipeline = load(path)
    default, definition = pipeline.get("default", {}), pipeline[job]
    found: list[PulumiCommand] = []
    for part in ("before_script", "script", "after_script"):
        script = definition.get(part, default.get(part, []))
        found.extend(_script_commands(script))
    return found
