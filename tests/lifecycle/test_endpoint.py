"""Endpoint through the real engine against the emulator: the lifecycle matrix, static and registered."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pulumi
import pytest
from pulumi import automation as auto

from pulumi_sinch_est.resources.endpoint import Endpoint
from pulumi_sinch_est.resources.trunk import Trunk

from .conftest import Sinch, auto_ops

pytestmark = pytest.mark.engine

USERNAME = "desk-alice"
STATIC: dict[str, Any] = {"priority": 1, "address": "203.0.113.10"}


def _program(*, trunks: tuple[str, ...] = ("acme-ep",), on: int = 0, **endpoint: Any) -> Callable[[], None]:
    """Trunks with the given host names, and one endpoint `main` on trunk number `on`."""

    def program() -> None:
        made = [Trunk(f"trunk{i}", name="Acme", host_name=host) for i, host in enumerate(trunks)]
        main = Endpoint("main", trunk_id=made[on].id, **endpoint)
        pulumi.export("id", main.id)
        pulumi.export("trunk_ids", [t.id for t in made])
        pulumi.export("port", main.port)

    return program


@pytest.fixture
def credential(sinch: Sinch) -> Iterator[str]:
    """A credential list holding `USERNAME`, made by hand; deleted after the test's own destroy (the API
    refuses to delete it while an endpoint uses the username)."""
    body = {"name": "desk phones", "credentials": [{"username": USERNAME, "password": "Desk-phone-2024"}]}
    made = sinch.api.post("/credentialLists", json=body)
    made.raise_for_status()
    yield USERNAME
    for stack in sinch.stacks:
        stack.destroy()
    sinch.api.delete(f"/credentialLists/{made.json()['id']}").raise_for_status()


def _live(sinch: Sinch, stack: auto.Stack) -> dict[str, Any]:
    outputs = stack.outputs()
    trunk_id = outputs["trunk_ids"].value[0]
    response = sinch.api.get(f"/trunks/{trunk_id}/endpoints/{outputs['id'].value}")
    response.raise_for_status()
    body: dict[str, Any] = response.json()
    return body


def _endpoints(sinch: Sinch, trunk_id: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = sinch.api.get(f"/trunks/{trunk_id}/endpoints").json()["endpoints"]
    return items


def test_endpoint_basic(sinch: Sinch, credential: str) -> None:
    def program() -> None:
        trunk = Trunk("trunk", name="Acme", host_name="acme-ep")
        static = Endpoint("static", trunk_id=trunk.id, priority=1, address="pbx.example.com")
        registered = Endpoint(
            "registered",
            trunk_id=trunk.id,
            name="Desk",
            priority=2,
            transport="TLS",
            credential_username=credential,
        )
        pulumi.export("trunk_id", trunk.id)
        pulumi.export("ids", [static.id, registered.id])
        pulumi.export("ports", [static.port, registered.port])

    stack = sinch.stack(program)
    outputs = stack.up().outputs
    trunk_id = outputs["trunk_id"].value
    static_id, registered_id = outputs["ids"].value
    assert outputs["ports"].value == [5060, None]

    static = sinch.api.get(f"/trunks/{trunk_id}/endpoints/{static_id}").json()
    assert {k: static[k] for k in ("name", "address", "port", "transport", "priority", "enabled")} == {
        "name": "static",
        "address": "pbx.example.com",
        "port": 5060,
        "transport": "UDP",
        "priority": 1,
        "enabled": True,
    }
    registered = sinch.api.get(f"/trunks/{trunk_id}/endpoints/{registered_id}").json()
    assert (registered["isRegistered"], registered["credentialUsername"], registered["transport"]) == (
        True,
        credential,
        "TLS",
    )
    assert "address" not in registered or registered["address"] is None

    sinch.clear_requests()
    stack.preview(expect_no_changes=True)
    stack.refresh(expect_no_changes=True)
    assert sinch.writes() == []


def test_endpoint_update(sinch: Sinch) -> None:
    stack = sinch.stack(_program(**STATIC))
    endpoint_id = stack.up().outputs["id"].value

    changed: dict[str, Any] = {
        "name": "PBX two",
        "priority": 3,
        "enabled": False,
        "transport": "TCP",
        "address": "198.51.100.7",
        "port": 5080,
    }
    sinch.clear_requests()
    assert auto_ops(stack, _program(**changed)) == {"update"}
    trunk_id = stack.outputs()["trunk_ids"].value[0]
    (write,) = sinch.writes()  # one PUT of the whole endpoint, nothing else
    assert write.startswith("PUT ") and write.endswith(f"/trunks/{trunk_id}/endpoints/{endpoint_id}")
    live = _live(sinch, stack)
    assert {k: live[k] for k in ("id", *changed)} == {"id": endpoint_id, **changed}

    # Back to the defaults: the PUT sends them (a PUT nulls what it is not sent).
    assert auto_ops(stack, _program(**STATIC)) == {"update"}
    live = _live(sinch, stack)
    assert (live["name"], live["enabled"], live["transport"], live["port"]) == ("main", True, "UDP", 5060)
    stack.preview(expect_no_changes=True, refresh=True)


def test_endpoint_replace(sinch: Sinch, credential: str) -> None:
    trunks = ("acme-ep", "acme-ep-two")
    stack = sinch.stack(_program(trunks=trunks, **STATIC))
    static_id = stack.up().outputs["id"].value
    first, second = stack.outputs()["trunk_ids"].value

    # Static -> registered: a new endpoint, the old one gone.
    assert "replace" in auto_ops(stack, _program(trunks=trunks, priority=1, credential_username=credential))
    registered_id = stack.outputs()["id"].value
    assert registered_id != static_id
    assert [(e["id"], e.get("isRegistered")) for e in _endpoints(sinch, first)] == [(registered_id, True)]

    # Another trunk: created there, deleted here.
    assert "replace" in auto_ops(stack, _program(trunks=trunks, on=1, priority=1, credential_username=credential))
    assert _endpoints(sinch, first) == []
    assert [e["credentialUsername"] for e in _endpoints(sinch, second)] == [credential]
    stack.preview(
        expect_no_changes=True,
        program=_program(trunks=trunks, on=1, priority=1, credential_username=credential),
    )


def test_endpoint_drift(sinch: Sinch) -> None:
    program = _program(**STATIC)
    stack = sinch.stack(program)
    stack.up()
    outputs = stack.outputs()
    path = f"/trunks/{outputs['trunk_ids'].value[0]}/endpoints/{outputs['id'].value}"
    # A PUT by hand that leaves out transport and enabled: the API nulls them, which is drift too.
    by_hand: dict[str, Any] = {"name": "changed by hand", "priority": 9, "address": "192.0.2.1", "port": 5062}
    sinch.api.put(path, json=by_hand).raise_for_status()
    assert (_live(sinch, stack)["transport"], _live(sinch, stack)["enabled"]) == (None, None)

    with pytest.raises(auto.errors.CommandError):
        stack.preview(expect_no_changes=True, refresh=True)
    assert auto_ops(stack, program, refresh=True) == {"update"}
    live = _live(sinch, stack)
    assert {k: live[k] for k in (*by_hand, "transport", "enabled")} == {
        "name": "main",
        "priority": 1,
        "address": "203.0.113.10",
        "port": 5060,
        "transport": "UDP",
        "enabled": True,
    }
    stack.preview(expect_no_changes=True, refresh=True)


def test_endpoint_disappears(sinch: Sinch) -> None:
    program = _program(**STATIC)
    stack = sinch.stack(program)
    stack.up()
    outputs = stack.outputs()
    endpoint_id, trunk_id = outputs["id"].value, outputs["trunk_ids"].value[0]
    sinch.api.delete(f"/trunks/{trunk_id}/endpoints/{endpoint_id}").raise_for_status()

    stack.refresh()
    assert auto_ops(stack, program) == {"create"}
    assert [e["id"] for e in _endpoints(sinch, trunk_id)] == [stack.outputs()["id"].value]
    assert stack.outputs()["id"].value != endpoint_id


def test_endpoint_adopt(sinch: Sinch) -> None:
    stack = sinch.stack(_trunk_only)
    trunk_id = stack.up().outputs["trunk_ids"].value[0]
    by_hand: dict[str, Any] = {"name": "Made by hand", "priority": 2, "address": "pbx.example.com", "port": 5070}
    existing = sinch.api.post(f"/trunks/{trunk_id}/endpoints", json=by_hand).json()

    sinch.clear_requests()
    adopt = _program(import_id=existing["id"], **by_hand)
    assert auto_ops(stack, adopt) == {"create"}
    assert stack.outputs()["id"].value == existing["id"]
    assert sinch.writes() == []
    stack.preview(expect_no_changes=True, program=adopt)

    # Adopted means managed: the next change is an update of that same endpoint.
    assert auto_ops(stack, _program(import_id=existing["id"], **{**by_hand, "port": 5071})) == {"update"}
    assert _live(sinch, stack)["port"] == 5071


def _trunk_only() -> None:
    trunk = Trunk("trunk0", name="Acme", host_name="acme-ep")
    pulumi.export("trunk_ids", [trunk.id])


@pytest.mark.parametrize(
    ("args", "field", "shown"),
    [
        ({"address": "203.0.113.10", "credential_username": "alice"}, "address", "not both"),
        ({}, "address", "exactly one of address (static) or credential_username (registered)"),
        ({"address": "203.0.113.10", "port": 0}, "port", "0"),
        ({"address": "203.0.113.10", "port": 70000}, "port", "70000"),
        ({"address": "203.0.113.10", "priority": 0}, "priority", "0"),
        ({"address": "203.0.113.10", "transport": "SCTP"}, "transport", "'SCTP'"),
        ({"address": "300.1.2.3"}, "address", "'300.1.2.3'"),
        ({"credential_username": "alice", "port": 5060}, "port", "static endpoints only"),
    ],
)
def test_endpoint_invalid(sinch: Sinch, args: dict[str, Any], field: str, shown: str) -> None:
    def program() -> None:
        Endpoint("main", trunk_id="01HA2E80QCBX185VVP21PJG9CT", **{"priority": 1, **args})

    stack = sinch.stack(program)
    sinch.clear_requests()
    with pytest.raises(auto.errors.CommandError) as failure:
        stack.preview()
    message = str(failure.value)
    assert "main" in message and field in message and shown in message
    assert sinch.writes() == []
