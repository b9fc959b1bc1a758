"""CredentialListAttachment through the real engine against the emulator. Every stack holds a trunk, its
lists and the link, so the fixture's teardown also proves one `destroy` takes them down in an order the
strict delete rules accept (link before trunk and list)."""

from __future__ import annotations

from typing import Any

import pulumi
import pytest
from pulumi import automation as auto

from pulumi_sinch_est.resources.credential_list import CredentialArgs, CredentialList
from pulumi_sinch_est.resources.credential_list_attachment import CredentialListAttachment
from pulumi_sinch_est.resources.trunk import Trunk
from tests.harness.engine import Operations

from .conftest import Sinch, auto_ops

pytestmark = pytest.mark.engine

FIRST = [CredentialArgs(username="alice", password="Alice-Passw0rd-One")]
SECOND = [CredentialArgs(username="bob", password="Bob-Passw0rd-Two")]
CAROL = CredentialArgs(username="carol", password="Carol-Passw0rd-Three")


def _program(host_name: str, attach_to: str = "first", first: list[CredentialArgs] = FIRST) -> Any:
    """A trunk, two credential lists and one link from the trunk to the list named `attach_to`."""

    def program() -> None:
        trunk = Trunk("trunk", name="trunk", host_name=host_name)
        lists = {
            "first": CredentialList("first", credentials=first),
            "second": CredentialList("second", credentials=SECOND),
        }
        link = CredentialListAttachment("main", trunk_id=trunk.id, credential_list_id=lists[attach_to].id)
        pulumi.export("trunk", trunk.id)
        pulumi.export("first", lists["first"].id)
        pulumi.export("second", lists["second"].id)
        pulumi.export("id", link.id)

    return program


def _linked(sinch: Sinch, trunk_id: str) -> list[str]:
    ids: list[str] = sinch.api.get(f"/trunks/{trunk_id}/credentialLists").json()["credentialListIds"]
    return ids


def _writes(sinch: Sinch) -> list[str]:
    return [w.replace(f"/v1/projects/{sinch.server.env()['SINCH_PROJECT_ID']}", "") for w in sinch.writes()]


def test_credential_list_attachment_basic(sinch: Sinch) -> None:
    stack = sinch.stack(_program("cred-link-basic"))
    sinch.clear_requests()
    preview = stack.preview()  # the ids are unknown until the trunk and list exist: check lets that pass
    assert preview.change_summary.get(auto.OpType.CREATE) == 5 and sinch.writes() == []  # stack + 4
    outputs = stack.up().outputs
    trunk_id, list_id = outputs["trunk"].value, outputs["first"].value
    assert outputs["id"].value == f"{trunk_id}/{list_id}"
    assert _linked(sinch, trunk_id) == [list_id]

    sinch.clear_requests()
    stack.preview(expect_no_changes=True)
    stack.refresh(expect_no_changes=True)
    assert sinch.writes() == []


def test_credential_list_attachment_replace(sinch: Sinch) -> None:
    stack = sinch.stack(_program("cred-link-replace"))
    outputs = stack.up().outputs
    trunk_id, first, second = outputs["trunk"].value, outputs["first"].value, outputs["second"].value

    sinch.clear_requests()
    assert "replace" in auto_ops(stack, _program("cred-link-replace", attach_to="second"))
    assert stack.outputs()["id"].value == f"{trunk_id}/{second}"
    assert _linked(sinch, trunk_id) == [second]
    assert _writes(sinch) == [
        f"POST /trunks/{trunk_id}/credentialLists",
        f"DELETE /trunks/{trunk_id}/credentialLists/{first}",
    ]
    stack.preview(expect_no_changes=True, refresh=True)

    # A list gaining a username is replaced, and its link with it: new list linked, old link and list gone.
    ops = Operations()
    stack.workspace.program = _program("cred-link-replace", attach_to="first", first=[*FIRST, CAROL])
    stack.up(on_event=ops)
    assert "replace" in ops.of("first") and "replace" in ops.of("main")
    new_first = stack.outputs()["first"].value
    assert new_first != first and _linked(sinch, trunk_id) == [new_first]
    assert sorted(c["id"] for c in sinch.api.get("/credentialLists").json()["credentialLists"]) == sorted(
        [new_first, second]
    )
    stack.preview(expect_no_changes=True, refresh=True)


def test_credential_list_attachment_disappears(sinch: Sinch) -> None:
    program = _program("cred-link-gone")
    stack = sinch.stack(program)
    outputs = stack.up().outputs
    trunk_id, list_id = outputs["trunk"].value, outputs["first"].value
    sinch.api.delete(f"/trunks/{trunk_id}/credentialLists/{list_id}").raise_for_status()

    stack.refresh()
    assert "main" not in _names_in_state(stack)
    assert auto_ops(stack, program) == {"create"}
    assert _linked(sinch, trunk_id) == [list_id]


def test_credential_list_attachment_adopt(sinch: Sinch) -> None:
    trunk = sinch.api.post("/trunks", json={"name": "trunk", "hostName": "cred-link-adopt"}).json()
    cred_list = sinch.api.post("/credentialLists", json={"name": "first", "credentials": FIRST}).json()
    link = {"credentialListIds": [cred_list["id"]]}
    sinch.api.post(f"/trunks/{trunk['id']}/credentialLists", json=link).raise_for_status()
    sinch.clear_requests()

    def program() -> None:
        # Everything made by hand is adopted, so the stack's destroy removes all of it.
        t = Trunk("trunk", name="trunk", host_name="cred-link-adopt", import_id=trunk["id"])
        c = CredentialList("first", name="first", credentials=FIRST, import_id=cred_list["id"])
        CredentialListAttachment(
            "main", trunk_id=t.id, credential_list_id=c.id, import_id=f"{trunk['id']}/{cred_list['id']}"
        )

    stack = sinch.stack(program)
    assert auto_ops(stack, program) == {"create"}
    assert sinch.writes() == []
    assert _linked(sinch, trunk["id"]) == [cred_list["id"]]
    assert auto_ops(stack, program) == {"same"}


def _empty_trunk_id() -> None:
    cred_list = CredentialList("first", credentials=FIRST)
    CredentialListAttachment("main", trunk_id="", credential_list_id=cred_list.id)


def _wrong_import_id() -> None:
    CredentialListAttachment("main", trunk_id="T1", credential_list_id="L1", import_id="T1/L2")


@pytest.mark.parametrize(
    ("program", "shown"),
    [
        (_empty_trunk_id, "trunk_id = '' is invalid"),
        (_wrong_import_id, "import_id = 'T1/L2' is invalid: expected 'T1/L1'"),
    ],
    ids=["empty-trunk-id", "wrong-import-id"],
)
def test_credential_list_attachment_invalid(sinch: Sinch, program: Any, shown: str) -> None:
    stack = sinch.stack(program)
    sinch.clear_requests()
    with pytest.raises(auto.errors.CommandError) as failure:
        stack.preview()
    message = str(failure.value)
    assert "'main'" in message and shown in message
    assert "credential_list_id =" not in message  # unknown until the list exists: not an error at preview
    assert sinch.writes() == []


def _names_in_state(stack: auto.Stack) -> list[str]:
    return [str(r["urn"]).rsplit("::", 1)[-1] for r in (stack.export_stack().deployment or {}).get("resources", [])]
