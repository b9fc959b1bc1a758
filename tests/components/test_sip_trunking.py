"""Which primitives `SipTrunking` declares for each workflow, under which parent and after what, seen
by a mock resource monitor (no engine, no API)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pulumi
import pytest
from pulumi.runtime import mocks, rpc

from pulumi_sinch_est.components import SipTrunking, SipTrunkingArgs, SipTrunkingError
from pulumi_sinch_est.resources.credential_list import CredentialArgs

from .test_answers import C_ACL_REGISTERED, C_ACL_STATIC, PASSWORD, A, B, D

COMPONENT = "sinch-est:index:SipTrunking"


@dataclass
class Registration:
    kind: str
    """The type token's last part: `Trunk`, `Acl`, ... or the component's `SipTrunking`."""
    parent: str
    """The parent's name ("" for a top-level resource)."""
    dependencies: set[str]
    """Names of every resource it waits for, from its inputs' ids and `depends_on`."""
    inputs: dict[str, Any]
    """As the monitor received them; a secret stays wrapped (`rpc.is_rpc_secret`)."""


def _name(urn: str) -> str:
    return urn.rsplit("::", 1)[-1] if urn else ""


class _Mocks(mocks.Mocks):
    def new_resource(self, args: mocks.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        outputs = dict(args.inputs)
        if args.typ.endswith(":Trunk"):
            outputs["domain"] = f"{args.name}.pstn.sinch.com"
        return f"{args.name}-id", outputs

    def call(self, args: mocks.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        return {}, None


class Recorder(mocks.MockMonitor):
    """The mock monitor, keeping what each registration asked for."""

    def __init__(self) -> None:
        super().__init__(_Mocks())
        self.registered: dict[str, Registration] = {}

    def RegisterResource(self, request: Any) -> Any:  # noqa: N802 (the gRPC method's name)
        response = super().RegisterResource(request)  # type: ignore[no-untyped-call]  # the SDK leaves it unannotated
        if request.type != "pulumi:pulumi:Stack":
            self.registered[request.name] = Registration(
                kind=request.type.rsplit(":", 1)[-1],
                parent="" if request.parent.endswith("pulumi:pulumi:Stack::project-dev") else _name(request.parent),
                dependencies={_name(urn) for urn in request.dependencies},
                inputs=rpc.deserialize_properties(request.object),
            )
        return response

    def kinds(self) -> dict[str, str]:
        return {name: r.kind for name, r in self.registered.items()}


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    monitor = Recorder()
    pulumi.runtime.set_mocks(monitor.mocks, project="project", stack="dev", preview=False, monitor=monitor)
    yield monitor


def _declare(build: Callable[[], Any]) -> None:
    """Run `build` as a program and wait until every registration and returned Output is done."""
    pulumi.runtime.test(build)()


def test_workflow_a(recorder: Recorder) -> None:
    _declare(lambda: SipTrunking("t", **A))
    assert recorder.kinds() == {
        "t": "SipTrunking",
        "t-trunk": "Trunk",
        "t-acl": "Acl",
        "t-acl-link": "AclAttachment",
    }
    assert recorder.registered["t-acl-link"].dependencies == {"t-trunk", "t-acl"}
    assert recorder.registered["t-acl"].inputs["ip_ranges"] == ["203.0.113.10/32"]


def test_workflow_b(recorder: Recorder) -> None:
    _declare(lambda: SipTrunking("t", **B))
    assert recorder.kinds() == {
        "t": "SipTrunking",
        "t-trunk": "Trunk",
        "t-number-15550100001": "PhoneNumberAssignment",
        "t-endpoint-1": "Endpoint",
    }
    assert recorder.registered["t-number-15550100001"].dependencies == {"t-trunk"}
    assert recorder.registered["t-endpoint-1"].dependencies == {"t-trunk", "t-number-15550100001"}
    endpoint = recorder.registered["t-endpoint-1"].inputs
    assert (endpoint["address"], endpoint["priority"], endpoint["name"]) == ("203.0.113.10", 1, "endpoint-1")


def test_workflow_c(recorder: Recorder) -> None:
    """Both directions on one trunk: the outbound part's link comes before numbers and endpoints."""
    _declare(lambda: SipTrunking("t", **C_ACL_STATIC))
    assert recorder.kinds() == {
        "t": "SipTrunking",
        "t-trunk": "Trunk",
        "t-acl": "Acl",
        "t-acl-link": "AclAttachment",
        "t-number-15550100001": "PhoneNumberAssignment",
        "t-endpoint-1": "Endpoint",
    }
    assert recorder.registered["t-number-15550100001"].dependencies == {"t-trunk", "t-acl-link"}
    assert recorder.registered["t-endpoint-1"].dependencies == {"t-trunk", "t-acl-link", "t-number-15550100001"}


def test_workflow_c_acl_with_registered_endpoints(recorder: Recorder) -> None:
    """ACL for outbound, registered endpoints for inbound: both lists are built and linked."""
    _declare(lambda: SipTrunking("t", **C_ACL_REGISTERED))
    assert {k for k in recorder.kinds() if "link" in k} == {"t-acl-link", "t-credentials-link"}
    assert recorder.registered["t-endpoint-1"].dependencies == {
        "t-trunk",
        "t-acl-link",
        "t-credentials-link",
        "t-number-15550100001",
    }


def test_workflow_d(recorder: Recorder) -> None:
    _declare(lambda: SipTrunking("t", **D))
    assert recorder.kinds() == {
        "t": "SipTrunking",
        "t-trunk": "Trunk",
        "t-credentials": "CredentialList",
        "t-credentials-link": "CredentialListAttachment",
        "t-number-15550100001": "PhoneNumberAssignment",
        "t-endpoint-1": "Endpoint",
    }
    assert recorder.registered["t-credentials-link"].dependencies == {"t-trunk", "t-credentials"}
    assert recorder.registered["t-number-15550100001"].dependencies == {"t-trunk", "t-credentials-link"}
    # The endpoint registers with a username of the list: only after the list is linked.
    assert recorder.registered["t-endpoint-1"].dependencies == {"t-trunk", "t-credentials-link", "t-number-15550100001"}
    assert recorder.registered["t-endpoint-1"].inputs["credential_username"] == "desk01"


def test_workflow_e(recorder: Recorder) -> None:
    """Also: the arguments as one `SipTrunkingArgs`, and a password that is a secret Output."""

    def build() -> None:
        secret = pulumi.Output.secret(PASSWORD)
        credentials: list[CredentialArgs] = [{"username": "pbx", "password": secret}]
        SipTrunking("t", SipTrunkingArgs(direction="outbound", authentication="credentials", credentials=credentials))

    _declare(build)
    assert recorder.kinds() == {
        "t": "SipTrunking",
        "t-trunk": "Trunk",
        "t-credentials": "CredentialList",
        "t-credentials-link": "CredentialListAttachment",
    }
    credentials = recorder.registered["t-credentials"].inputs["credentials"]
    assert rpc.is_rpc_secret(credentials)
    assert rpc.unwrap_rpc_secret(credentials) == [{"username": "pbx", "password": PASSWORD}]


def test_children_are_parented_and_the_component_stores_no_arguments(recorder: Recorder) -> None:
    _declare(lambda: SipTrunking("t", **C_ACL_REGISTERED))
    assert {name: r.parent for name, r in recorder.registered.items()} == {
        name: ("" if name == "t" else "t") for name in recorder.registered
    }
    assert recorder.registered["t"].inputs == {}  # the passwords are nowhere but in the credential list
    assert PASSWORD not in repr(recorder.registered["t"])


def test_outputs(recorder: Recorder) -> None:
    seen: dict[str, Any] = {}

    def build() -> pulumi.Output[Any]:
        trunking = SipTrunking("t", **B, trunk_name="Shop", host_name="shop-trunk")
        return pulumi.Output.all(
            workflow=trunking.workflow,
            trunk_id=trunking.trunk_id,
            domain=trunking.domain,
            host_name=trunking.host_name,
            acl_id=trunking.acl_id,
            credential_list_id=trunking.credential_list_id,
            endpoint_ids=trunking.endpoint_ids,
            phone_numbers=trunking.phone_numbers,
        ).apply(seen.update)

    _declare(build)
    assert seen == {
        "workflow": "B",
        "trunk_id": "t-trunk-id",
        "domain": "t-trunk.pstn.sinch.com",
        "host_name": "shop-trunk",
        "acl_id": None,
        "credential_list_id": None,
        "endpoint_ids": {"endpoint-1": "t-endpoint-1-id"},
        "phone_numbers": ["+15550100001"],
    }
    assert recorder.registered["t-trunk"].inputs["name"] == "Shop"


def test_bad_answers_declare_nothing(recorder: Recorder) -> None:
    def build() -> None:
        SipTrunking("t", **{**B, "authentication": "credentials"})

    with pytest.raises(SipTrunkingError, match="SipTrunking 't': authentication = 'credentials' does not apply"):
        _declare(build)
    assert recorder.registered == {}
