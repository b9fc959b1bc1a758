"""`pulumi up` killed with SIGKILL mid-run, then recovered the documented way: nothing orphaned or doubled.

The run is killed while Sinch has performed an ACL create whose answer has not come back yet, so the
state is left with a pending create for an object that exists, a stale lock (the self-managed backend's
lock file), and whatever else was in flight. The recovery is the package's recipe (docs/troubleshooting.md,
"A `pulumi up` was killed"), run as a user runs it: `cancel`; export the state; `sinch-est-recover`, which
looks each pending create's object up in Sinch through the API and adopts the ones that exist, dropping
the rest; import; `refresh`; `up`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from pulumi import automation as auto

from .conftest import NUMBERS, PASSWORD, Chaos, Timer, until_done
from .processes import find_cli, kill_tree
from .programs import every_type

pytestmark = pytest.mark.engine

UP_IN_A_CHILD = """
import json, sys
from pathlib import Path
from tests.harness.engine import Engine
from tests.reliability.programs import every_type
cli_root, root, env, numbers = json.loads(sys.argv[1])
Engine(cli_root=Path(cli_root), root=Path(root), env=env).stack(every_type(numbers)).up()
"""
"""The `up` to kill runs in a child Python process. In this process, the Automation API's language server
would finish the dying program on gRPC threads that format tracebacks concurrently, which corrupts
Python 3.11's `ast` recursion counter for the rest of the session."""
TESTS = Path(__file__).resolve().parents[1]
HELD_CREATE = {"method": "POST", "pathRegex": r"/accessControlLists$", "times": 1, "mode": "hold", "holdS": 3}


def recover(sinch: Chaos, stack: auto.Stack, since: datetime) -> list[str]:
    """The recipe: remove the stale lock, settle the interrupted operations with the recovery command
    (a separate process with only the user's SINCH_* settings, told when the killed run started), import,
    refresh; the names adopted."""
    stack.cancel()
    exported = stack.export_stack()
    settled = subprocess.run(
        [sys.executable, "-m", "pulumi_sinch_est.recovery", "--since", since.isoformat()],
        input=json.dumps({"version": exported.version, "deployment": exported.deployment}),
        env={**{k: v for k, v in os.environ.items() if not k.startswith("SINCH_")}, **sinch.server.env()},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert settled.returncode == 0, settled.stderr
    assert PASSWORD not in settled.stderr
    repaired = json.loads(settled.stdout)
    assert "pending_operations" not in repaired["deployment"]
    stack.import_stack(auto.Deployment(version=repaired["version"], deployment=repaired["deployment"]))
    stack.refresh()
    lines = [line.split(" ") for line in settled.stderr.splitlines()]
    return [words[2].removesuffix(":") for words in lines if words[0] == "adopted"]


def test_up_killed_mid_run_then_refresh_and_up_converge(sinch: Chaos) -> None:
    timer = Timer.start()
    stack = sinch.stack(every_type(NUMBERS[:2]))
    sinch.faults(latencyMs=20, lostResponses=[HELD_CREATE])
    engine = sinch.engine
    arguments = json.dumps([str(engine.cli_root), str(engine.root), engine.env, list(NUMBERS[:2])])
    since = datetime.now(UTC)  # what the user reads off the log of the run about to be killed
    child = subprocess.Popen(
        [sys.executable, "-c", UP_IN_A_CHILD, arguments],
        cwd=TESTS,
        # The repository root, for `tests.harness` (pytest's `pythonpath` setting, in this process).
        env={**os.environ, "PYTHONPATH": str(TESTS.parent)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        cli = find_cli("up", under=child.pid)
        deadline = time.monotonic() + 60
        while httpx.get(f"{sinch.server.url}/_emulator/faults").json()["lostResponses"][0]["times"]:
            assert time.monotonic() < deadline, "the ACL create never reached the emulator"
            time.sleep(0.02)
        time.sleep(0.3)  # the held ACL create has been performed; let the other creates get going
        kill_tree(cli)
        assert child.wait(timeout=60) != 0
    finally:
        if child.poll() is None:
            kill_tree(child.pid)
    assert (stack.export_stack().deployment or {}).get("pending_operations"), "nothing was interrupted: nothing proved"
    assert list((sinch.engine.root / "state").rglob("locks/**/*.json")), "no stale lock: the crash was too late"

    sinch.faults()
    adopted = recover(sinch, stack, since)
    assert "office-all" in adopted
    runs = until_done(stack.up, 2)
    assert sinch.leaks() == {}
    assert sinch.count() == 9
    stack.preview(expect_no_changes=True)
    stack.destroy()
    assert sinch.count() == 0
    print(f"crash: adopted={adopted} up runs after recovery={runs} wall={timer.seconds()} s")
