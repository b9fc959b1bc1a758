"""AclAttachment and CredentialListAttachment through the real engine against the emulator, one body for
both (one implementation serves both). Every stack holds a trunk, its lists and the link, so the
fixture's teardown also proves one `destroy` takes them down in an order the strict delete rules accept
(link before trunk and list)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pulumi
import pytest
from pulumi import automation as auto

from pulumi_sinch_est.resources.acl import Acl
from pulumi_sinch_est.resources.acl_attachment import AclAttachment
from pulumi_sinch_est.resources.credential_list import CredentialArgs, CredentialList
from pulumi_sinch_est.resources.credential_list_attachment import CredentialListAttachment
from pulumi_sinch_est.resources.trunk import Trunk
from tests.conftest import state_resources
from tests.harness.engine import Operations

from .conftest import Sinch, auto_ops

pytestmark = pytest.mark.engine

FIRST = [CredentialArgs(username="alice", password="Alice-Passw0rd-One")]
SECOND = [CredentialArgs(username="bob", password="Bob-Passw0rd-Two")]
CAROL = CredentialArgs(username="carol", password="Carol-Passw0rd-Three")


@dataclass(frozen=True)
class Kind:
    """One attachment as a program declares it and as the API shows it."""

    prefix: str
    """Of the trunks' host names, which are unique across tests."""
    field: str
    path: str
    """The trunk's collection of links, and the API's collection of the lists."""
    ids_key: str
    lists: Callable[[str, str | None], pulumi.CustomResource]
    """A list named "first" or "second" (adopting the id given)."""
    attach: Callable[[pulumi.Input[str], pulumi.Input[str], str | None], pulumi.CustomResource]
    """The link `main` (adopting the id given)."""
    make_by_hand: Callable[[Sinch], str]
    """A list like "first" made through the API; its id."""


def _acl(name: str, import_id: str | None = None) -> pulumi.CustomResource:
    ranges = {"first": ["203.0.113.0/24"], "second": ["198.51.100.7/32"]}[name]
    return Acl(name, ip_ranges=ranges, import_id=import_id) if import_id else Acl(name, ip_ranges=ranges)


def _credential_list(name: str, import_id: str | None = None) -> pulumi.CustomResource:
    credentials = {"first": FIRST, "second": SECOND}[name]
    if import_id:
        return CredentialList(name, name=name, credentials=credentials, import_id=import_id)
    return CredentialList(name, credentials=credentials)


def _acl_by_hand(sinch: Sinch) -> str:
    ranges = [{"ipAddress": "203.0.113.0", "range": 24}]
    acl = sinch.api.post("/accessControlLists", json={"name": "first", "enabled": True, "ipRanges": ranges})
    return str(acl.json()["id"])


def _credential_list_by_hand(sinch: Sinch) -> str:
    return str(sinch.api.post("/credentialLists", json={"name": "first", "credentials": FIRST}).json()["id"])


def _acl_link(trunk_id: pulumi.Input[str], list_id: pulumi.Input[str], import_id: str | None) -> AclAttachment:
    if import_id:
        return AclAttachment("main", trunk_id=trunk_id, acl_id=list_id, import_id=import_id)
    return AclAttachment("main", trunk_id=trunk_id, acl_id=list_id)


def _credential_list_link(
    trunk_id: pulumi.Input[str], list_id: pulumi.Input[str], import_id: str | None
) -> CredentialListAttachment:
    if import_id:
        return CredentialListAttachment("main", trunk_id=trunk_id, credential_list_id=list_id, import_id=import_id)
    return CredentialListAttachment("main", trunk_id=trunk_id, credential_list_id=list_id)


ACL = Kind("acl-link", "acl_id", "accessControlLists", "accessControlListIds", _acl, _acl_link, _acl_by_hand)
CREDENTIAL_LIST = Kind(
    "cred-link",
    "credential_list_id",
    "credentialLists",
    "credentialListIds",
    _credential_list,
    _credential_list_link,
    _credential_list_by_hand,
)


@pytest.fixture(params=[ACL, CREDENTIAL_LIST], ids=["acl", "credential-list"])
def kind(request: pytest.FixtureRequest) -> Kind:
    chosen: Kind = request.param
    return chosen


def _program(kind: Kind, host_name: str, attach_to: str = "first") -> Callable[[], None]:
    """A trunk, two lists and one link from the trunk to the list named `attach_to`."""

    def program() -> None:
        trunk = Trunk("trunk", name="trunk", host_name=host_name)
        lists = {name: kind.lists(name, None) for name in ("first", "second")}
        link = kind.attach(trunk.id, lists[attach_to].id, None)
        pulumi.export("trunk", trunk.id)
        pulumi.export("first", lists["first"].id)
        pulumi.export("second", lists["second"].id)
        pulumi.export("id", link.id)

    return program


def _linked(sinch: Sinch, kind: Kind, trunk_id: str) -> list[str]:
    ids: list[str] = sinch.api.get(f"/trunks/{trunk_id}/{kind.path}").json()[kind.ids_key]
    return ids


def _writes(sinch: Sinch) -> list[str]:
    return [w.replace(f"/v1/projects/{sinch.server.env()['SINCH_PROJECT_ID']}", "") for w in sinch.writes()]


def _names_in_state(stack: auto.Stack) -> list[str]:
    return [str(r["urn"]).rsplit("::", 1)[-1] for r in state_resources(stack)]


def test_attachment_basic(sinch: Sinch, kind: Kind) -> None:
    stack = sinch.stack(_program(kind, f"{kind.prefix}-basic"))
    sinch.clear_requests()
    preview = stack.preview()  # the ids are unknown until the trunk and list exist: check lets that pass
    assert preview.change_summary.get(auto.OpType.CREATE) == 5 and sinch.writes() == []  # stack + 4
    outputs = stack.up().outputs
    trunk_id, list_id = outputs["trunk"].value, outputs["first"].value
    assert outputs["id"].value == f"{trunk_id}/{list_id}"
    assert _linked(sinch, kind, trunk_id) == [list_id]

    sinch.clear_requests()
    stack.preview(expect_no_changes=True)
    stack.refresh(expect_no_changes=True)
    assert sinch.writes() == []


def test_attachment_replace(sinch: Sinch, kind: Kind) -> None:
    stack = sinch.stack(_program(kind, f"{kind.prefix}-replace"))
    outputs = stack.up().outputs
    trunk_id, first, second = outputs["trunk"].value, outputs["first"].value, outputs["second"].value

    sinch.clear_requests()
    assert "replace" in auto_ops(stack, _program(kind, f"{kind.prefix}-replace", attach_to="second"))
    assert stack.outputs()["id"].value == f"{trunk_id}/{second}"
    assert _linked(sinch, kind, trunk_id) == [second]
    assert _writes(sinch) == [
        f"POST /trunks/{trunk_id}/{kind.path}",
        f"DELETE /trunks/{trunk_id}/{kind.path}/{first}",
    ]
    stack.preview(expect_no_changes=True, refresh=True)


def test_a_credential_list_gaining_a_username_is_replaced_with_its_link(sinch: Sinch) -> None:
    """New list linked, old link and list gone: the API cannot add a credential to a list."""

    def program(first: list[CredentialArgs]) -> Callable[[], None]:
        def declare() -> None:
            trunk = Trunk("trunk", name="trunk", host_name="cred-link-grow")
            lists = {"first": CredentialList("first", credentials=first), "second": _credential_list("second")}
            CredentialListAttachment("main", trunk_id=trunk.id, credential_list_id=lists["first"].id)
            pulumi.export("trunk", trunk.id)
            pulumi.export("first", lists["first"].id)
            pulumi.export("second", lists["second"].id)

        return declare

    stack = sinch.stack(program(FIRST))
    outputs = stack.up().outputs
    trunk_id, first, second = outputs["trunk"].value, outputs["first"].value, outputs["second"].value

    ops = Operations()
    stack.workspace.program = program([*FIRST, CAROL])
    stack.up(on_event=ops)
    assert "replace" in ops.of("first") and "replace" in ops.of("main")
    new_first = stack.outputs()["first"].value
    assert new_first != first and _linked(sinch, CREDENTIAL_LIST, trunk_id) == [new_first]
    assert sorted(c["id"] for c in sinch.api.get("/credentialLists").json()["credentialLists"]) == sorted(
        [new_first, second]
    )
    stack.preview(expect_no_changes=True, refresh=True)


def test_attachment_disappears(sinch: Sinch, kind: Kind) -> None:
    program = _program(kind, f"{kind.prefix}-gone")
    stack = sinch.stack(program)
    outputs = stack.up().outputs
    trunk_id, list_id = outputs["trunk"].value, outputs["first"].value
    sinch.api.delete(f"/trunks/{trunk_id}/{kind.path}/{list_id}").raise_for_status()

    stack.refresh()
    assert "main" not in _names_in_state(stack)
    assert auto_ops(stack, program) == {"create"}
    assert _linked(sinch, kind, trunk_id) == [list_id]


def test_attachment_adopt(sinch: Sinch, kind: Kind) -> None:
    host_name = f"{kind.prefix}-adopt"
    trunk = sinch.api.post("/trunks", json={"name": "trunk", "hostName": host_name}).json()
    list_id = kind.make_by_hand(sinch)
    sinch.api.post(f"/trunks/{trunk['id']}/{kind.path}", json={kind.ids_key: [list_id]}).raise_for_status()
    sinch.clear_requests()

    def program() -> None:
        # Everything made by hand is adopted, so the stack's destroy removes all of it.
        t = Trunk("trunk", name="trunk", host_name=host_name, import_id=trunk["id"])
        first = kind.lists("first", list_id)
        kind.attach(t.id, first.id, f"{trunk['id']}/{list_id}")

    stack = sinch.stack(program)
    ops = Operations()
    stack.up(on_event=ops)
    assert ops.of("main") == {"create"} and ops.of("first") == {"create"} and ops.of("trunk") == {"create"}
    assert sinch.writes() == []
    assert _linked(sinch, kind, trunk["id"]) == [list_id]

    ops = Operations()
    stack.up(on_event=ops)
    # Nothing adopted is written again: an adopted credential list trusts its configured passwords.
    assert ops.by_name and all(ops.of(name) == {"same"} for name in ("main", "trunk", "first"))
    stack.preview(expect_no_changes=True)


def _empty_trunk_id(kind: Kind) -> Callable[[], None]:
    def program() -> None:
        kind.attach("", kind.lists("first", None).id, None)

    return program


def _wrong_import_id(kind: Kind) -> Callable[[], None]:
    def program() -> None:
        kind.attach("T1", "L1", "T1/L2")

    return program


@pytest.mark.parametrize(
    ("program", "shown", "not_shown"),
    [
        (_empty_trunk_id, "trunk_id = '' is invalid", "{field}"),
        # The message names the field in what it expects (`<trunk_id>/<acl_id>`), never with a value.
        (_wrong_import_id, "import_id = 'T1/L2' is invalid: expected 'T1/L1'", "{field} ="),
    ],
    ids=["empty-trunk-id", "wrong-import-id"],
)
def test_attachment_invalid(
    sinch: Sinch, kind: Kind, program: Callable[[Kind], Callable[[], None]], shown: str, not_shown: str
) -> None:
    stack = sinch.stack(program(kind))
    sinch.clear_requests()
    with pytest.raises(auto.errors.CommandError) as failure:
        stack.preview()
    message = str(failure.value)
    assert "'main'" in message and shown in message
    assert not_shown.format(field=kind.field) not in message  # unknown until the list exists: no error yet
    assert sinch.writes() == []
