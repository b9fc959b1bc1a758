"""Another stack's objects are never taken: an ACL, a credential list and a call blocking rule already
exist in the project, made by someone else through the API, and a stack declares identical ones.

Its creates are answered 500 and not performed (the emulator's error rules), which leaves the outcome
unknown to the provider: the lookup that follows must not adopt the identical objects that were there
before the create began. The same holds for `sinch-est-recover` after a run killed while those creates
were in flight. In both cases the stack ends up with its own objects, and `destroy` removes only those.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from pulumi import automation as auto

from .conftest import Chaos
from .processes import find_cli, kill_tree
from .programs import lookalikes
from .test_crash import TESTS, recover

pytestmark = pytest.mark.engine

FOREIGN = {
    "Acl": (
        "accessControlLists",
        {"name": "shared-office", "enabled": True, "ipRanges": [{"ipAddress": "203.0.113.0", "range": 28}]},
    ),
    "CredentialList": (
        "credentialLists",
        {"name": "shared-users", "credentials": [{"username": "shared-pbx", "password": "Someone-Elses-Passw0rd"}]},
    ),
    "CallBlockingRule": ("callBlockingRules", {"name": "no-premium", "direction": "OUTBOUND", "calleeMatch": "1900"}),
}
"""What someone else made, by the resource class that declares an identical object: (collection, body)."""

UP_IN_A_CHILD = """
import json, sys
from pathlib import Path
from tests.harness.engine import Engine
from tests.reliability.programs import lookalikes
cli_root, root, env = json.loads(sys.argv[1])
Engine(cli_root=Path(cli_root), root=Path(root), env=env).stack(lookalikes()).up()
"""
"""The `up` to kill, in a child process for the reason test_crash gives."""


def _refused(hold_s: float = 0) -> list[dict[str, Any]]:
    """One 500 for each of the stack's creates, never performed."""
    return [
        {"method": "POST", "pathRegex": f"/{collection}$", "status": 500, "times": 1, "holdS": hold_s}
        for collection, _ in FOREIGN.values()
    ]


def _make_foreign(sinch: Chaos) -> dict[str, str]:
    """The other stack's objects, made with raw HTTP; their ids by resource class."""
    made = {}
    for kind, (collection, body) in FOREIGN.items():
        response = sinch.api.post(f"/{collection}", json=body)
        assert response.is_success, response.text
        made[kind] = str(response.json()["id"])
    return made


def _snapshot(sinch: Chaos, foreign: dict[str, str]) -> dict[str, Any]:
    """The foreign objects as the emulator holds them (update times included), by id."""
    project = httpx.get(f"{sinch.server.url}/_emulator/state").json()["projects"][sinch.server.config.project_id]
    held = {item["id"]: item for collection, _ in FOREIGN.values() for item in project.get(collection, [])}
    return {object_id: held.get(object_id) for object_id in foreign.values()}


def _writes_to(sinch: Chaos, foreign: dict[str, str]) -> list[str]:
    return [write for write in sinch.writes() if any(object_id in write for object_id in foreign.values())]


def _tracked(sinch: Chaos) -> dict[str, list[str]]:
    found = sinch.tracked()
    return {kind: found.get(kind, []) for kind in FOREIGN}


def _own_then_destroy(sinch: Chaos, stack: auto.Stack, foreign: dict[str, str], before: dict[str, Any]) -> None:
    """The next `up` makes the stack's own objects; `destroy` removes those and nothing else."""
    stack.up()
    ours = _tracked(sinch)
    assert all(len(ids) == 1 and ids[0] != foreign[kind] for kind, ids in ours.items()), (ours, foreign)
    stack.destroy()
    assert _snapshot(sinch, foreign) == before, "someone else's object was changed or deleted"
    assert _writes_to(sinch, foreign) == []
    for ids in ours.values():
        assert ids[0] not in json.dumps(httpx.get(f"{sinch.server.url}/_emulator/state").json())
    for kind, (collection, _) in FOREIGN.items():  # the other stack cleans up after itself
        assert sinch.api.delete(f"/{collection}/{foreign[kind]}").is_success


def test_a_create_refused_with_500_never_takes_another_stack_s_identical_object(sinch: Chaos) -> None:
    foreign = _make_foreign(sinch)
    before = _snapshot(sinch, foreign)
    sinch.clear_requests()
    stack = sinch.stack(lookalikes())
    sinch.faults(errors=_refused())

    with pytest.raises(auto.errors.CommandError) as failed:
        stack.up(continue_on_error=True)

    output = str(failed.value)
    for kind, object_id in foreign.items():
        assert f"this create made no {kind}: the identical {kind} already there before it began ({object_id})" in (
            output
        ), output
    assert output.count("HTTP 500") >= len(FOREIGN), output
    assert _tracked(sinch) == {kind: [] for kind in FOREIGN}
    assert _snapshot(sinch, foreign) == before and _writes_to(sinch, foreign) == []
    sinch.faults()
    _own_then_destroy(sinch, stack, foreign, before)


def test_recovery_never_takes_another_stack_s_identical_object(sinch: Chaos) -> None:
    foreign = _make_foreign(sinch)
    before = _snapshot(sinch, foreign)
    sinch.clear_requests()
    stack = sinch.stack(lookalikes())
    sinch.faults(errors=_refused(hold_s=10))  # in flight, never performed, when the run is killed
    engine = sinch.engine
    since = datetime.now(UTC)
    child = subprocess.Popen(
        [sys.executable, "-c", UP_IN_A_CHILD, json.dumps([str(engine.cli_root), str(engine.root), engine.env])],
        cwd=TESTS,
        env={**os.environ, "PYTHONPATH": str(TESTS.parent)},  # the repository root, for `tests.harness`
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        cli = find_cli("up", under=child.pid)
        deadline = time.monotonic() + 60
        while any(rule["times"] for rule in httpx.get(f"{sinch.server.url}/_emulator/faults").json()["errors"]):
            assert time.monotonic() < deadline, "the creates never reached the emulator"
            time.sleep(0.02)
        kill_tree(cli)
        assert child.wait(timeout=60) != 0
    finally:
        if child.poll() is None:
            kill_tree(child.pid)
    pending = (stack.export_stack().deployment or {}).get("pending_operations") or []
    assert len(pending) == len(FOREIGN), pending

    sinch.faults()
    assert recover(sinch, stack, since) == []  # each pending create is dropped: it made nothing
    assert _tracked(sinch) == {kind: [] for kind in FOREIGN}
    assert _snapshot(sinch, foreign) == before and _writes_to(sinch, foreign) == []
    _own_then_destroy(sinch, stack, foreign, before)
