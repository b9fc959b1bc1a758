"""One example project through the real engine, run by a pinned virtualenv's interpreter.

`python -m tests.distribution.smoke EXAMPLE ROOT REPORT [--secret KEY=VALUE ...]` copies the example
project into ROOT, runs `up`, an empty `preview` and `destroy` on it exactly as `pulumi up` in its folder
would (the Automation API, the inline program and the provider process all run on this interpreter's
Pulumi SDK, httpx and pydantic), and writes one JSON report to REPORT: the versions it ran with, where the
package was imported from, the stack's outputs and the engine's operations of each step. Judging the
report is the caller's job (tests/lifecycle/test_dependency_range.py); a failed step fails the process
with the engine's error. The emulator's `SINCH_*` settings and the CLI folder come from the environment.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import shutil
from pathlib import Path
from typing import Any

from pulumi import automation as auto

import pulumi_sinch_est
from tests.harness.engine import Engine, Operations, cli_root_from_env

DISTRIBUTIONS = ("pulumi", "httpx", "pydantic")


def _ops(ops: Operations) -> dict[str, list[str]]:
    return {name: sorted(kinds) for name, kinds in sorted(ops.by_name.items())}


def run(example: Path, root: Path, secrets: dict[str, str]) -> dict[str, Any]:
    engine = Engine(cli_root=cli_root_from_env(), root=root)
    work_dir = root / "project"
    shutil.copytree(example, work_dir)
    stack = engine.project_stack(work_dir)
    for key, value in secrets.items():
        stack.set_config(key, auto.ConfigValue(value=value, secret=True))
    up, preview, destroy = Operations(), Operations(), Operations()
    try:
        outputs = {key: value.value for key, value in stack.up(on_event=up).outputs.items() if not value.secret}
        stack.preview(on_event=preview, expect_no_changes=True)
    finally:
        # Also after a failed step, so that the emulator is left clean and the caller sees that failure.
        stack.destroy(on_event=destroy)
    return {
        "versions": {name: importlib.metadata.version(name) for name in DISTRIBUTIONS},
        "package": pulumi_sinch_est.__file__,
        "outputs": outputs,
        "up": _ops(up),
        "preview": _ops(preview),
        "destroy": _ops(destroy),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("example", type=Path)
    parser.add_argument("root", type=Path)
    parser.add_argument("report", type=Path)
    parser.add_argument("--secret", action="append", default=[], metavar="KEY=VALUE")
    args = parser.parse_args()
    secrets = dict(item.split("=", 1) for item in args.secret)
    args.report.write_text(json.dumps(run(args.example, args.root, secrets)))


if __name__ == "__main__":
    main()
