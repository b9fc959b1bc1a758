"""Teardown order under the emulator's strict delete rules (a parent with dependents cannot be deleted):
a full `destroy` succeeds in one run, and a targeted one never strands a dependent."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from pulumi import automation as auto

from pulumi_sinch_est.recovery import TYPE_PREFIX

from .conftest import NUMBERS, Chaos, Timer
from .programs import every_type

pytestmark = pytest.mark.engine


def dangling(sinch: Chaos, stack: auto.Stack) -> list[str]:
    """Dependents whose parent is gone, in Sinch and in the state; empty when none."""
    project = httpx.get(f"{sinch.server.url}/_emulator/state").json()["projects"][sinch.server.config.project_id]
    trunks = {t["id"] for t in project["trunks"]}
    acls = {a["id"] for a in project["accessControlLists"]}
    lists = {c["id"] for c in project["credentialLists"]}
    usernames = {c["username"] for item in project["credentialLists"] for c in item.get("credentials") or []}
    links = project["links"]
    endpoints = project["endpoints"]
    found = [f"endpoint {e['id']} on trunk {e['sipTrunkId']}" for e in endpoints if e["sipTrunkId"] not in trunks]
    found += [
        f"registered endpoint {e['id']} using {e['credentialUsername']}"
        for e in endpoints
        if e.get("credentialUsername") and e["credentialUsername"] not in usernames
    ]
    found += [f"link {k}" for k in links["trunkAccessControlLists"] if k["accessControlListId"] not in acls]
    found += [f"link {k}" for k in links["trunkCredentialLists"] if k["credentialListId"] not in lists]
    found += [f"number {n}" for n in project["numberAssignments"] if n["trunkId"] not in trunks]
    resources = (stack.export_stack().deployment or {})["resources"]
    urns = {r["urn"] for r in resources}
    found += [f"state: {r['urn']} -> {d}" for r in resources for d in r.get("dependencies") or [] if d not in urns]
    return found


def _urn(stack: auto.Stack, name: str) -> str:
    resources: list[dict[str, Any]] = (stack.export_stack().deployment or {})["resources"]
    ours = [r for r in resources if r["type"].startswith(TYPE_PREFIX)]
    return next(str(r["urn"]) for r in ours if r["urn"].endswith(f"::{name}"))


def test_destroy_of_the_bidirectional_stack_takes_one_run(sinch: Chaos) -> None:
    timer = Timer.start()
    stack = sinch.stack(every_type(NUMBERS[:2]))
    stack.up()
    assert sinch.count() == 9
    sinch.faults(latencyMs=10)
    stack.destroy()  # one run, no retry
    assert sinch.count() == 0
    print(f"teardown/full destroy: runs=1 wall={timer.seconds()} s")


def test_targeted_destroy_never_strands_a_dependent(sinch: Chaos) -> None:
    timer = Timer.start()
    stack = sinch.stack(every_type(NUMBERS[:1]))
    stack.up()

    # The trunk alone: the engine refuses while dependents are left out of the target.
    with pytest.raises(auto.errors.CommandError):
        stack.destroy(target=[_urn(stack, "trunk")])
    assert sinch.count() == 8 and dangling(sinch, stack) == []

    # The ACL with its dependents: the link goes first, the trunk and the rest stay.
    stack.destroy(target=[_urn(stack, "office-all")], target_dependents=True)
    assert sinch.count() == 6 and dangling(sinch, stack) == [] and sinch.leaks() == {}

    # The credential list with its dependents: the link and the registered endpoint go first.
    stack.destroy(target=[_urn(stack, "pbx-users-all")], target_dependents=True)
    assert sinch.count() == 3 and dangling(sinch, stack) == [] and sinch.leaks() == {}

    stack.up()
    assert sinch.count() == 8 and sinch.leaks() == {}
    stack.preview(expect_no_changes=True)
    stack.destroy()
    assert sinch.count() == 0
    print(f"teardown/targeted: wall={timer.seconds()} s")
