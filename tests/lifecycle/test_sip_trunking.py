"""SipTrunking through the real engine against the emulator: workflows A to E brought up by the
component, what the API then holds, a clean second preview, one update each, EST's order on the way up
and down, and bad answers failing the preview with no write.

Two workflows share a stack where that keeps each assertion clear (outbound A + E, inbound B + D, and
two flavours of C), to keep the number of engine runs down.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pulumi
import pytest
from pulumi import automation as auto

from pulumi_sinch_est.components import SipTrunking
from tests.conftest import state_resources
from tests.harness.engine import Operations

from .conftest import NUMBERS, Sinch

pytestmark = pytest.mark.engine

PASSWORD = "Desk-phone-2024"
ROTATED = "Desk-phone-2025"


def _program(components: dict[str, dict[str, Any]]) -> Callable[[], None]:
    """One SipTrunking per entry, each exported with its outputs under its name."""

    def program() -> None:
        for name, args in components.items():
            made = SipTrunking(name, **args)
            pulumi.export(
                name,
                {
                    "workflow": made.workflow,
                    "trunk_id": made.trunk_id,
                    "domain": made.domain,
                    "acl_id": made.acl_id,
                    "credential_list_id": made.credential_list_id,
                    "endpoint_ids": made.endpoint_ids,
                    "phone_numbers": made.phone_numbers,
                },
            )

    return program


def _up(stack: auto.Stack, program: Callable[[], None]) -> dict[str, set[str]]:
    """`up` with `program`; the resources it changed and how."""
    stack.workspace.program = program
    ops = Operations()
    stack.up(on_event=ops)
    return ops.changed()


def _get(sinch: Sinch, path: str) -> Any:
    response = sinch.api.get(path)
    response.raise_for_status()
    return response.json()


def _holds(sinch: Sinch, trunk_id: str) -> dict[str, Any]:
    """What the API holds for one trunk: the ranges of its linked ACLs, the usernames of its linked
    credential lists, its endpoints and its numbers."""
    acl_ids = _get(sinch, f"/trunks/{trunk_id}/accessControlLists")["accessControlListIds"]
    list_ids = _get(sinch, f"/trunks/{trunk_id}/credentialLists")["credentialListIds"]
    endpoints = _get(sinch, f"/trunks/{trunk_id}/endpoints")["endpoints"]
    numbers = _get(sinch, "/phoneNumbers")["phoneNumbers"]
    return {
        "acl_ranges": sorted(
            f"{r['ipAddress']}/{r['range']}"
            for acl_id in acl_ids
            for r in _get(sinch, f"/accessControlLists/{acl_id}")["ipRanges"]
        ),
        "usernames": sorted(
            c["username"] for list_id in list_ids for c in _get(sinch, f"/credentialLists/{list_id}")["credentials"]
        ),
        "endpoints": sorted(
            (e["name"], e["priority"], e.get("address") or e.get("credentialUsername"), e.get("port"), e["transport"])
            for e in endpoints
        ),
        "numbers": sorted(n["phoneNumber"] for n in numbers if n["sipTrunkId"] == trunk_id),
    }


def _trunk_id(stack: auto.Stack, name: str) -> str:
    trunk_id: str = stack.outputs()[name].value["trunk_id"]
    return trunk_id


NOTHING: dict[str, Any] = {"acl_ranges": [], "usernames": [], "endpoints": [], "numbers": []}


def _outbound(cidrs: list[str], password: str) -> dict[str, dict[str, Any]]:
    return {
        "out-acl": {"direction": "outbound", "authentication": "acl", "acl_cidrs": cidrs},
        "out-digest": {
            "direction": "outbound",
            "authentication": "credentials",
            "credentials": [{"username": "pbx-out", "password": password}],
        },
    }


def test_sip_trunking_outbound(sinch: Sinch) -> None:
    """Workflow A (trunk + ACL) and E (trunk + credential list); updates: ranges, a password rotation."""
    stack = sinch.stack(_program(_outbound(["203.0.113.10/32", "198.51.100.0/28"], PASSWORD)))
    outputs = stack.up().outputs
    assert (outputs["out-acl"].value["workflow"], outputs["out-digest"].value["workflow"]) == ("A", "E")
    assert outputs["out-acl"].value["domain"].endswith(".pstn.sinch.com")
    assert _holds(sinch, _trunk_id(stack, "out-acl")) == {
        **NOTHING,
        "acl_ranges": ["198.51.100.0/28", "203.0.113.10/32"],
    }
    assert _holds(sinch, _trunk_id(stack, "out-digest")) == {**NOTHING, "usernames": ["pbx-out"]}
    assert outputs["out-digest"].value["acl_id"] is None
    assert outputs["out-acl"].value["credential_list_id"] is None

    sinch.clear_requests()
    stack.preview(expect_no_changes=True)
    assert sinch.writes() == []

    changed = _up(stack, _program(_outbound(["203.0.113.10/32", "192.0.2.0/24"], ROTATED)))
    assert changed == {"out-acl-acl": {"update"}, "out-digest-credentials": {"update"}}
    assert _holds(sinch, _trunk_id(stack, "out-acl"))["acl_ranges"] == ["192.0.2.0/24", "203.0.113.10/32"]
    assert PASSWORD not in sinch.engine.stored_text() and ROTATED not in sinch.engine.stored_text()


def _inbound(*, failover: bool, transport: str) -> dict[str, dict[str, Any]]:
    static_endpoints: list[dict[str, Any]] = [{"name": "pbx", "address": "203.0.113.10", "port": 5070}]
    if failover:
        static_endpoints.append({"name": "pbx-failover", "address": "pbx2.example.com"})
    return {
        "in-static": {
            "direction": "inbound",
            "endpoint_type": "static",
            "endpoints": static_endpoints,
            "phone_numbers": list(NUMBERS[:2] if failover else NUMBERS[:1]),
        },
        "in-registered": {
            "direction": "inbound",
            "endpoint_type": "registered",
            "credentials": [{"username": "desk01", "password": PASSWORD}],
            "endpoints": [{"name": "desk", "credential_username": "desk01", "transport": transport}],
            "phone_numbers": [NUMBERS[2]],
        },
    }


def test_sip_trunking_inbound(sinch: Sinch) -> None:
    """Workflow B (static endpoint + number) and D (credential list + registered endpoint + number);
    updates: a failover endpoint and a second number for B, another transport for D."""
    stack = sinch.stack(_program(_inbound(failover=False, transport="TLS")))
    outputs = stack.up().outputs
    assert (outputs["in-static"].value["workflow"], outputs["in-registered"].value["workflow"]) == ("B", "D")
    assert _holds(sinch, _trunk_id(stack, "in-static")) == {
        **NOTHING,
        "endpoints": [("pbx", 1, "203.0.113.10", 5070, "UDP")],
        "numbers": [NUMBERS[0]],
    }
    assert _holds(sinch, _trunk_id(stack, "in-registered")) == {
        **NOTHING,
        "usernames": ["desk01"],
        "endpoints": [("desk", 1, "desk01", None, "TLS")],
        "numbers": [NUMBERS[2]],
    }
    assert outputs["in-static"].value["phone_numbers"] == [NUMBERS[0]]
    assert set(outputs["in-registered"].value["endpoint_ids"]) == {"desk"}

    sinch.clear_requests()
    stack.preview(expect_no_changes=True)
    assert sinch.writes() == []

    changed = _up(stack, _program(_inbound(failover=True, transport="TCP")))
    assert changed == {
        f"in-static-number-{NUMBERS[1].lstrip('+')}": {"create"},
        "in-static-pbx-failover": {"create"},
        "in-registered-desk": {"update"},
    }
    assert _holds(sinch, _trunk_id(stack, "in-static"))["endpoints"] == [
        ("pbx", 1, "203.0.113.10", 5070, "UDP"),
        ("pbx-failover", 2, "pbx2.example.com", 5060, "UDP"),
    ]
    assert _holds(sinch, _trunk_id(stack, "in-static"))["numbers"] == list(NUMBERS[:2])
    assert _holds(sinch, _trunk_id(stack, "in-registered"))["endpoints"] == [("desk", 1, "desk01", None, "TCP")]


def _both(*, primary: str, numbers: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    return {
        "both-acl": {
            "direction": "both",
            "authentication": "acl",
            "endpoint_type": "static",
            "acl_cidrs": ["203.0.113.10/31"],
            "endpoints": [{"address": primary}, {"address": "203.0.113.11"}],
            "phone_numbers": list(numbers),
        },
        "both-digest": {
            "direction": "both",
            "authentication": "credentials",
            "endpoint_type": "registered",
            "credentials": [{"username": "pbx", "password": PASSWORD}, {"username": "desk02", "password": PASSWORD}],
            "endpoints": [{"name": "desk", "credential_username": "desk02"}],
            "phone_numbers": [NUMBERS[5]],
        },
    }


def _position(log: list[str], method: str, suffix: str) -> int:
    """Index of the first logged write with this method whose path ends with `suffix`."""
    return next(i for i, line in enumerate(log) if line.startswith(f"{method} ") and line.endswith(suffix))


def test_sip_trunking_both(sinch: Sinch) -> None:
    """Workflow C twice (ACL + static endpoints; credentials + registered endpoint): what the API holds,
    EST's order on the way up and back down, children parented to the component; update: a number
    removed, the primary moved."""
    stack = sinch.stack(_program(_both(primary="203.0.113.10", numbers=(NUMBERS[3], NUMBERS[4]))))
    sinch.clear_requests()
    outputs = stack.up().outputs
    up_log = sinch.writes()
    assert {outputs[n].value["workflow"] for n in ("both-acl", "both-digest")} == {"C"}
    assert _holds(sinch, _trunk_id(stack, "both-acl")) == {
        **NOTHING,
        "acl_ranges": ["203.0.113.10/31"],
        "endpoints": [("endpoint-1", 1, "203.0.113.10", 5060, "UDP"), ("endpoint-2", 2, "203.0.113.11", 5060, "UDP")],
        "numbers": [NUMBERS[3], NUMBERS[4]],
    }
    assert _holds(sinch, _trunk_id(stack, "both-digest")) == {
        **NOTHING,
        "usernames": ["desk02", "pbx"],
        "endpoints": [("desk", 1, "desk02", None, "UDP")],
        "numbers": [NUMBERS[5]],
    }

    digest = outputs["both-digest"].value
    project = f"/projects/{sinch.server.env()['SINCH_PROJECT_ID']}"
    trunk, cred_list = digest["trunk_id"], digest["credential_list_id"]
    number, endpoint = NUMBERS[5].lstrip("+"), digest["endpoint_ids"]["desk"]
    # Up: trunk and list, then the link, then the number, then the endpoint.
    assert (
        max(_position(up_log, "POST", f"{project}/trunks"), _position(up_log, "POST", f"{project}/credentialLists"))
        < _position(up_log, "POST", f"/trunks/{trunk}/credentialLists")
        < _position(up_log, "PATCH", number)
        < _position(up_log, "POST", f"/trunks/{trunk}/endpoints")
    )

    deployment = state_resources(stack)
    component = next(r["urn"] for r in deployment if r["urn"].endswith("::both-digest"))
    children = {r["urn"].rsplit("::", 1)[-1]: r for r in deployment if r.get("parent") == component}
    assert set(children) == {
        "both-digest-trunk",
        "both-digest-credentials",
        "both-digest-credentials-link",
        f"both-digest-number-{number}",
        "both-digest-desk",
    }
    endpoint_deps = {urn.rsplit("::", 1)[-1] for urn in children["both-digest-desk"]["dependencies"]}
    assert endpoint_deps == {"both-digest-trunk", "both-digest-credentials-link", f"both-digest-number-{number}"}

    sinch.clear_requests()
    stack.preview(expect_no_changes=True)
    assert sinch.writes() == []

    changed = _up(stack, _program(_both(primary="198.51.100.7", numbers=(NUMBERS[3],))))
    assert changed == {f"both-acl-number-{NUMBERS[4].lstrip('+')}": {"delete"}, "both-acl-endpoint-1": {"update"}}
    holds = _holds(sinch, _trunk_id(stack, "both-acl"))
    assert (holds["numbers"], holds["endpoints"][0][2]) == ([NUMBERS[3]], "198.51.100.7")

    # Down: the endpoint, then the number, then the link, then the list and the trunk.
    sinch.clear_requests()
    stack.destroy()
    down_log = sinch.writes()
    assert (
        _position(down_log, "DELETE", f"/trunks/{trunk}/endpoints/{endpoint}")
        < _position(down_log, "PATCH", number)
        < _position(down_log, "DELETE", f"/trunks/{trunk}/credentialLists/{cred_list}")
        < min(
            _position(down_log, "DELETE", f"{project}/credentialLists/{cred_list}"),
            _position(down_log, "DELETE", f"{project}/trunks/{trunk}"),
        )
    )


BAD_ANSWERS: list[tuple[dict[str, Any], str]] = [
    (
        {
            "direction": "inbound",
            "authentication": "credentials",
            "endpoint_type": "static",
            "endpoints": [{"address": "203.0.113.10"}],
            "phone_numbers": [NUMBERS[0]],
        },
        "SipTrunking 'bad': authentication = 'credentials' does not apply to direction 'inbound'",
    ),
    (
        {
            "direction": "inbound",
            "endpoint_type": "registered",
            "endpoints": [{"credential_username": "desk01"}],
            "phone_numbers": [NUMBERS[0]],
        },
        "SipTrunking 'bad': credentials = (missing) is required for endpoint_type 'registered'",
    ),
    (
        {
            "direction": "inbound",
            "endpoint_type": "static",
            "endpoints": [{"port": 5060}],
            "phone_numbers": [NUMBERS[0]],
        },
        "SipTrunking 'bad': endpoints[0].address = (missing) is required for endpoint_type 'static'",
    ),
    (
        {"direction": "outbound", "authentication": "acl"},
        "SipTrunking 'bad': acl_cidrs = (missing) is required for authentication 'acl'",
    ),
    # A value the answers accept but the child resource's own check refuses, in the same preview.
    ({"direction": "outbound", "authentication": "acl", "acl_cidrs": ["203.0.113.10/24"]}, "bad-acl"),
]


def test_sip_trunking_invalid(sinch: Sinch) -> None:
    stack = sinch.stack(_program({}))
    for answers, expected in BAD_ANSWERS:
        sinch.clear_requests()
        with pytest.raises(auto.errors.CommandError) as failure:
            stack.preview(program=_program({"bad": answers}))
        assert expected in str(failure.value), str(failure.value)
        assert sinch.writes() == []
    assert "203.0.113.10/24" in str(failure.value) and "ip_ranges" in str(failure.value)
