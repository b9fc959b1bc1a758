"""Trunk through the real engine against the emulator: the lifecycle matrix every resource runs."""

from __future__ import annotations

from typing import Any

import pulumi
import pytest
from pulumi import automation as auto

from pulumi_sinch_est import Trunk

from .conftest import Sinch, auto_ops

pytestmark = pytest.mark.engine


def _program(**args: Any) -> Any:
    def program() -> None:
        trunk = Trunk("main", **args)
        pulumi.export("id", trunk.id)
        pulumi.export("domain", trunk.domain)
        pulumi.export("host_name", trunk.host_name)

    return program


def test_trunk_basic(sinch: Sinch) -> None:
    stack = sinch.stack(_program(name="Acme", host_name="acme-basic"))
    up = stack.up()
    trunk_id = up.outputs["id"].value
    assert up.outputs["domain"].value == "acme-basic.pstn.sinch.com"

    live = sinch.api.get(f"/trunks/{trunk_id}").json()
    assert (live["name"], live["hostName"], live["enableCallerName"]) == ("Acme", "acme-basic", False)

    sinch.clear_requests()
    stack.preview(expect_no_changes=True)
    stack.refresh(expect_no_changes=True)
    assert sinch.writes() == []


def test_trunk_generated_host_name_is_stable(sinch: Sinch) -> None:
    stack = sinch.stack(_program(name="Generated"))
    first = stack.up().outputs["host_name"].value
    assert first.startswith("dev-main-") and len(first) == len("dev-main-") + 6
    stack.preview(expect_no_changes=True)
    assert stack.up().outputs["host_name"].value == first


def test_trunk_update(sinch: Sinch) -> None:
    stack = sinch.stack(_program(name="Acme", host_name="acme-update"))
    trunk_id = stack.up().outputs["id"].value

    changed = _program(
        name="Acme renamed",
        host_name="acme-update",
        enable_caller_name=True,
        enable_call_forward=True,
        call_forward_number="+15551230000",
    )
    assert auto_ops(stack, changed) == {"update"}
    live = sinch.api.get(f"/trunks/{trunk_id}").json()
    assert live["name"] == "Acme renamed" and live["enableCallerName"] is True
    assert live["callForwardNumber"] == "+15551230000" and live["id"] == trunk_id
    stack.preview(program=changed, expect_no_changes=True)


def test_trunk_replace(sinch: Sinch) -> None:
    stack = sinch.stack(_program(name="Acme", host_name="acme-one"))
    old_id = stack.up().outputs["id"].value

    ops = auto_ops(stack, _program(name="Acme", host_name="acme-two"))
    assert "replace" in ops
    new_id = stack.outputs()["id"].value
    assert new_id != old_id
    assert [t["hostName"] for t in sinch.api.get("/trunks").json()["trunks"]] == ["acme-two"]


def test_trunk_drift(sinch: Sinch) -> None:
    program = _program(name="Acme", host_name="acme-drift")
    stack = sinch.stack(program)
    trunk_id = stack.up().outputs["id"].value
    body = {"name": "changed by hand", "hostName": "acme-drift", "enableCallerName": True}
    sinch.api.put(f"/trunks/{trunk_id}", json=body).raise_for_status()

    with pytest.raises(auto.errors.CommandError):
        stack.preview(expect_no_changes=True, refresh=True)
    assert auto_ops(stack, program, refresh=True) - {"refresh"} == {"update"}
    live = sinch.api.get(f"/trunks/{trunk_id}").json()
    assert (live["name"], live["enableCallerName"]) == ("Acme", False)
    stack.preview(expect_no_changes=True, refresh=True)


def test_trunk_disappears(sinch: Sinch) -> None:
    program = _program(name="Acme", host_name="acme-gone")
    stack = sinch.stack(program)
    trunk_id = stack.up().outputs["id"].value
    sinch.api.delete(f"/trunks/{trunk_id}").raise_for_status()

    stack.refresh()
    recorded = auto_ops(stack, program)
    assert recorded == {"create"}
    assert stack.outputs()["id"].value != trunk_id


def test_trunk_adopt(sinch: Sinch) -> None:
    existing = sinch.api.post("/trunks", json={"name": "Made by hand", "hostName": "acme-adopt"}).json()
    sinch.clear_requests()

    stack = sinch.stack(_program(name="Made by hand", host_name="acme-adopt", import_id=existing["id"]))
    assert stack.up().outputs["id"].value == existing["id"]
    assert sinch.writes() == []
    stack.preview(expect_no_changes=True)


@pytest.mark.parametrize(
    ("args", "field", "shown"),
    [
        ({"host_name": "acme_trunk"}, "host_name", "'acme_trunk'"),
        ({"host_name": "a" * 64}, "host_name", "'aaaa"),
        ({"host_name": "-acme"}, "host_name", "'-acme'"),
        ({"host_name": "acme-x", "enable_call_forward": True}, "call_forward_number", "required"),
        ({"host_name": "acme-x", "call_forward_number": "5551234"}, "call_forward_number", "'5551234'"),
        ({"host_name": "acme-x", "name": "   "}, "name", "'   '"),
    ],
)
def test_trunk_invalid(sinch: Sinch, args: dict[str, Any], field: str, shown: str) -> None:
    stack = sinch.stack(_program(**{"name": "Acme", **args}))
    sinch.clear_requests()
    with pytest.raises(auto.errors.CommandError) as failure:
        stack.preview()
    message = str(failure.value)
    assert "main" in message and field in message and shown in message
    assert sinch.writes() == []


def test_trunk_host_name_taken(sinch: Sinch) -> None:
    """A failed create reads as one line naming the cause and the way out, not a traceback."""
    taken = sinch.api.post("/trunks", json={"name": "Someone else's", "hostName": "acme-taken"}).json()
    stack = sinch.stack(_program(name="Acme", host_name="acme-taken"))
    with pytest.raises(auto.errors.CommandError) as failure:
        stack.up()
    first = next(line for line in str(failure.value).splitlines() if "error:" in line and "main" in line)
    assert "pulumi_sinch_est.ProviderError: creating Trunk with host_name 'acme-taken' failed: HTTP 409" in first
    assert f"import_id={taken['id']!r}" in first
    sinch.api.delete(f"/trunks/{taken['id']}").raise_for_status()
