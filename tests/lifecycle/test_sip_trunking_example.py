"""The SipTrunking example project goes up, holds what it declares, previews clean and comes down in
one destroy, run exactly as `pulumi up` in its folder runs it (its Pulumi.yaml and Pulumi.dev.yaml
apply)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Sinch

pytestmark = pytest.mark.engine

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sip-trunking"


def test_sip_trunking_example(sinch: Sinch) -> None:
    stack = sinch.example_stack(EXAMPLE)
    outputs = stack.up().outputs
    assert outputs["sip_domain"].value.endswith(".pstn.sinch.com")
    assert outputs["workflow"].value == "C"
    trunk_id = outputs["trunk_id"].value

    endpoints = sinch.api.get(f"/trunks/{trunk_id}/endpoints").json()["endpoints"]
    assert sorted((e["name"], e["priority"], e["address"]) for e in endpoints) == [
        ("pbx", 1, "203.0.113.10"),
        ("pbx-failover", 2, "203.0.113.11"),
    ]
    assert {e["id"] for e in endpoints} == set(outputs["endpoint_ids"].value.values())
    (acl_id,) = sinch.api.get(f"/trunks/{trunk_id}/accessControlLists").json()["accessControlListIds"]
    ranges = sinch.api.get(f"/accessControlLists/{acl_id}").json()["ipRanges"]
    assert [(r["ipAddress"], r["range"]) for r in ranges] == [("203.0.113.10", 31)]
    numbers = sinch.api.get("/phoneNumbers", params={"sipTrunkId": trunk_id}).json()["phoneNumbers"]
    assert sorted(n["phoneNumber"] for n in numbers) == ["+15550001004", "+15550001005"] == outputs["numbers"].value

    stack.preview(expect_no_changes=True)
    stack.destroy()
    assert sinch.leftovers() == {k: [] for k in sinch.leftovers()}
