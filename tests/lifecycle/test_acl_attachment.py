"""AclAttachment through the real engine against the emulator. Every stack holds a trunk, its lists and
the link, so the fixture's teardown also proves one `destroy` takes them down in an order the strict
delete rules accept (link before trunk and list)."""

from __future__ import annotations

from typing import Any

import pulumi
import pytest
from pulumi import automation as auto

from pulumi_sinch_est.resources.acl import Acl
from pulumi_sinch_est.resources.acl_attachment import AclAttachment
from pulumi_sinch_est.resources.trunk import Trunk
from tests.harness.engine import Operations

from .conftest import Sinch, auto_ops

pytestmark = pytest.mark.engine


def _program(host_name: str, attach_to: str = "first") -> Any:
    """A trunk, two ACLs and one link from the trunk to the ACL named `attach_to`."""

    def program() -> None:
        trunk = Trunk("trunk", name="trunk", host_name=host_name)
        acls = {
            "first": Acl("first", ip_ranges=["203.0.113.0/24"]),
            "second": Acl("second", ip_ranges=["198.51.100.7/32"]),
        }
        link = AclAttachment("main", trunk_id=trunk.id, acl_id=acls[attach_to].id)
        pulumi.export("trunk", trunk.id)
        pulumi.export("first", acls["first"].id)
        pulumi.export("second", acls["second"].id)
        pulumi.export("id", link.id)

    return program


def _linked(sinch: Sinch, trunk_id: str) -> list[str]:
    ids: list[str] = sinch.api.get(f"/trunks/{trunk_id}/accessControlLists").json()["accessControlListIds"]
    return ids


def _writes(sinch: Sinch) -> list[str]:
    return [w.replace(f"/v1/projects/{sinch.server.env()['SINCH_PROJECT_ID']}", "") for w in sinch.writes()]


def test_acl_attachment_basic(sinch: Sinch) -> None:
    stack = sinch.stack(_program("acl-link-basic"))
    sinch.clear_requests()
    preview = stack.preview()  # the ids are unknown until the trunk and ACL exist: check lets that pass
    assert preview.change_summary.get(auto.OpType.CREATE) == 5 and sinch.writes() == []  # stack + 4
    outputs = stack.up().outputs
    trunk_id, acl_id = outputs["trunk"].value, outputs["first"].value
    assert outputs["id"].value == f"{trunk_id}/{acl_id}"
    assert _linked(sinch, trunk_id) == [acl_id]

    sinch.clear_requests()
    stack.preview(expect_no_changes=True)
    stack.refresh(expect_no_changes=True)
    assert sinch.writes() == []


def test_acl_attachment_replace(sinch: Sinch) -> None:
    stack = sinch.stack(_program("acl-link-replace"))
    outputs = stack.up().outputs
    trunk_id, first, second = outputs["trunk"].value, outputs["first"].value, outputs["second"].value

    sinch.clear_requests()
    assert "replace" in auto_ops(stack, _program("acl-link-replace", attach_to="second"))
    assert stack.outputs()["id"].value == f"{trunk_id}/{second}"
    assert _linked(sinch, trunk_id) == [second]
    assert _writes(sinch) == [
        f"POST /trunks/{trunk_id}/accessControlLists",
        f"DELETE /trunks/{trunk_id}/accessControlLists/{first}",
    ]
    stack.preview(expect_no_changes=True, refresh=True)


def test_acl_attachment_disappears(sinch: Sinch) -> None:
    program = _program("acl-link-gone")
    stack = sinch.stack(program)
    outputs = stack.up().outputs
    trunk_id, acl_id = outputs["trunk"].value, outputs["first"].value
    sinch.api.delete(f"/trunks/{trunk_id}/accessControlLists/{acl_id}").raise_for_status()

    stack.refresh()
    assert "main" not in _names_in_state(stack)
    assert auto_ops(stack, program) == {"create"}
    assert _linked(sinch, trunk_id) == [acl_id]


def test_acl_attachment_adopt(sinch: Sinch) -> None:
    trunk = sinch.api.post("/trunks", json={"name": "trunk", "hostName": "acl-link-adopt"}).json()
    acl = sinch.api.post(
        "/accessControlLists",
        json={"name": "first", "enabled": True, "ipRanges": [{"ipAddress": "203.0.113.0", "range": 24}]},
    ).json()
    sinch.api.post(f"/trunks/{trunk['id']}/accessControlLists", json={"accessControlListIds": [acl["id"]]})
    sinch.clear_requests()

    def program() -> None:
        # Everything made by hand is adopted, so the stack's destroy removes all of it.
        t = Trunk("trunk", name="trunk", host_name="acl-link-adopt", import_id=trunk["id"])
        a = Acl("first", ip_ranges=["203.0.113.0/24"], import_id=acl["id"])
        AclAttachment("main", trunk_id=t.id, acl_id=a.id, import_id=f"{trunk['id']}/{acl['id']}")

    stack = sinch.stack(program)
    ops = Operations()
    stack.up(on_event=ops)
    assert ops.of("main") == {"create"}
    assert sinch.writes() == []
    assert _linked(sinch, trunk["id"]) == [acl["id"]]
    stack.preview(expect_no_changes=True)


def test_acl_attachment_invalid(sinch: Sinch) -> None:
    def program() -> None:
        acl = Acl("first", ip_ranges=["203.0.113.0/24"])
        AclAttachment("main", trunk_id="", acl_id=acl.id)

    stack = sinch.stack(program)
    sinch.clear_requests()
    with pytest.raises(auto.errors.CommandError) as failure:
        stack.preview()
    message = str(failure.value)
    assert "main" in message and "trunk_id = ''" in message
    assert "acl_id" not in message  # unknown until the ACL exists: not an error at preview
    assert sinch.writes() == []


def _names_in_state(stack: auto.Stack) -> list[str]:
    return [str(r["urn"]).rsplit("::", 1)[-1] for r in (stack.export_stack().deployment or {}).get("resources", [])]
