"""`examples/multi-stack`: a shared `network` stack and the `voice` project's `dev` and `prod` stacks on one
Sinch project, on a file backend and on PostgreSQL.

The voice stacks read the network stack's ids through `StackReference("organization/network/shared")`.
A change to a shared ACL is the network stack's change alone; the teardown must go voice first, and a
shared ACL still linked to a trunk is refused deletion rather than pulled from under it.
"""

from __future__ import annotations

import base64
import threading
import time
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
import yaml
from pulumi import automation as auto

from tests.harness.engine import Operations
from tests.harness.postgres import PostgresServer

from .conftest import DESK_PHONE_PASSWORD, Site

pytestmark = pytest.mark.engine

NETWORK_CONFIG = {"network:deskPhonePassword": DESK_PHONE_PASSWORD}
NEW_OFFICE_RANGE = "192.0.2.0/29"
LOCK_WAIT_S = 60


def _linked_acls(site: Site, trunk_id: str) -> set[str]:
    return set(site.api.get(f"/trunks/{trunk_id}/accessControlLists").json()["accessControlListIds"])


def _ranges(site: Site, acl_id: str) -> set[str]:
    acl = site.api.get(f"/accessControlLists/{acl_id}").json()
    return {f"{r['ipAddress']}/{r['range']}" for r in acl["ipRanges"]}


def _database(site: Site) -> str:
    assert site.engine.backend is not None
    return urlsplit(site.engine.backend).path.lstrip("/")


def _postgres_rows(postgres: PostgresServer, database: str) -> dict[str, str]:
    """The state table as the CLI stored it: key -> the blob's text (rows hold base64 in JSON)."""
    rows = postgres.query("SELECT key, data->>'data' FROM pulumi_state", database)
    return {key: base64.b64decode(data).decode(errors="replace") for key, _, data in (r.partition("|") for r in rows)}


def _stored_text(site: Site, backend: str, request: pytest.FixtureRequest) -> str:
    if backend == "file":
        return site.engine.stored_text()
    return "\n".join(_postgres_rows(request.getfixturevalue("postgres"), _database(site)).values())


def _change_office_ranges(site: Site) -> None:
    """What a user does: edit `Pulumi.shared.yaml` and add a range to the shared office ACL."""
    path = site.projects / "network" / "Pulumi.shared.yaml"
    stack_file = yaml.safe_load(path.read_text())
    stack_file["config"]["network:officeCidrs"].append(NEW_OFFICE_RANGE)
    path.write_text(yaml.safe_dump(stack_file))


@pytest.mark.parametrize("backend", ["file", "postgres"])
def test_shared_network_two_voice_stacks(site: Site, backend: str, request: pytest.FixtureRequest) -> None:
    network = site.project_stack("network", "shared", NETWORK_CONFIG)
    acl_ids = network.up().outputs["acl_ids"].value
    dev, prod = site.project_stack("voice", "dev"), site.project_stack("voice", "prod")
    dev_out, prod_out = dev.up().outputs, prod.up().outputs

    # Each stack's trunk is its own, named after its stack; the links point at the shared ACLs.
    assert dev_out["host_name"].value.startswith("dev-trunk-")
    assert prod_out["host_name"].value.startswith("prod-trunk-")
    dev_trunk, prod_trunk = dev_out["trunk_id"].value, prod_out["trunk_id"].value
    assert _linked_acls(site, dev_trunk) == {acl_ids["office"], acl_ids["lab"]}
    assert _linked_acls(site, prod_trunk) == {acl_ids["office"]}

    # Secrets set per stack are stored encrypted in its config file and never in plaintext in state.
    shared_file = (site.projects / "network" / "Pulumi.shared.yaml").read_text()
    assert "secure:" in shared_file and DESK_PHONE_PASSWORD not in shared_file
    stored = _stored_text(site, backend, request)
    assert "acl_ids" in stored and DESK_PHONE_PASSWORD not in stored
    assert site.server.config.key_secret not in stored

    # A change to the shared ACL is an in-place update in the network stack and nothing else.
    _change_office_ranges(site)
    ops = Operations()
    network.up(on_event=ops)
    # The program's default provider takes the stack config as its inputs, so the edited config file
    # shows as its update too (no API call): every resource but the office ACL stays the same.
    assert ops.changed() == {"office": {"update"}, "default": {"update"}}
    site.clear_requests()
    dev.preview(expect_no_changes=True)
    prod.preview(expect_no_changes=True)
    assert site.writes() == []
    assert NEW_OFFICE_RANGE in _ranges(site, acl_ids["office"])
    assert acl_ids["office"] in _linked_acls(site, dev_trunk) & _linked_acls(site, prod_trunk)

    # Teardown: dev goes; the network stack cannot go while prod's trunk still links the office ACL.
    dev.destroy()
    site.forget(dev)
    with pytest.raises(auto.errors.CommandError) as refused:
        network.destroy()
    assert f"access control list {acl_ids['office']} is linked to SIP trunks: {prod_trunk}" in str(refused.value)
    assert _linked_acls(site, prod_trunk) == {acl_ids["office"]}
    prod.destroy()
    site.forget(prod)
    network.destroy()
    site.forget(network)


def _locks(postgres: PostgresServer, database: str) -> list[str]:
    """Lock rows of the stack; keys start with the database name (`state_0/.pulumi/locks/...`)."""
    return [k for k in _postgres_rows(postgres, database) if "/.pulumi/locks/" in f"/{k}"]


def _faults(site: Site, **body: Any) -> None:
    httpx.put(f"{site.server.url}/_emulator/faults", json=body).raise_for_status()


@pytest.mark.parametrize("backend", ["postgres"])
def test_concurrent_ups_are_refused_by_the_lock(site: Site, backend: str, postgres: PostgresServer) -> None:
    database = _database(site)
    first = site.project_stack("network", "shared", NETWORK_CONFIG)
    second = site.engine.project_stack(site.projects / "network", "shared")
    # Slow API calls keep the first `up` inside its lock until the second has been turned away.
    _faults(site, latencyMs=3000)
    outcome: dict[str, Any] = {}

    def run_first() -> None:
        try:
            outcome["result"] = first.up()
        except Exception as exc:  # reported by the assertion below
            outcome["error"] = exc

    runner = threading.Thread(target=run_first)
    runner.start()
    try:
        deadline = time.monotonic() + LOCK_WAIT_S
        while not _locks(postgres, database) and time.monotonic() < deadline and runner.is_alive():
            time.sleep(0.05)
        assert len(_locks(postgres, database)) == 1, outcome
        with pytest.raises(auto.errors.CommandError) as refused:
            second.up()
    finally:
        _faults(site)
        runner.join(timeout=LOCK_WAIT_S)
    assert "the stack is currently locked by 1 lock(s)" in str(refused.value)
    assert "error" not in outcome, outcome.get("error")

    # One run's objects, recorded once: no duplicates, no lock left, nothing to do.
    assert _locks(postgres, database) == []
    leftovers = site.leftovers()
    assert len(leftovers["accessControlLists"]) == 2 and len(leftovers["credentialLists"]) == 1
    first.preview(expect_no_changes=True)
