"""Refresh through the real engine reads from one listing per collection (`client.listings`), and still
sees every out-of-band change: an edit shows as drift, a deleted object is confirmed by its own GET and
dropped, and a whole trunk deleted from under its endpoints drops them too."""

from __future__ import annotations

import re
import time
from collections import Counter
from typing import Any

import pulumi
import pytest
from pulumi import automation as auto

from pulumi_sinch_est.resources.acl import Acl
from pulumi_sinch_est.resources.acl_attachment import AclAttachment
from pulumi_sinch_est.resources.endpoint import Endpoint
from pulumi_sinch_est.resources.phone_number_assignment import PhoneNumberAssignment
from pulumi_sinch_est.resources.trunk import Trunk

from .conftest import NUMBERS, Sinch

pytestmark = pytest.mark.engine

TRUNKS = 3
ENDPOINTS_PER_TRUNK = 2


def program() -> None:
    acl = Acl("acl", name="Offices", ip_ranges=["203.0.113.0/28"])
    for t in range(TRUNKS):
        trunk = Trunk(f"trunk{t}", name=f"Site {t}", host_name=f"listing-site-{t}")
        AclAttachment(f"link{t}", trunk_id=trunk.id, acl_id=acl.id)
        PhoneNumberAssignment(f"number{t}", phone_number=NUMBERS[t], trunk_id=trunk.id)
        endpoints = [
            Endpoint(f"pbx{t}-{e}", trunk_id=trunk.id, priority=e + 1, address=f"203.0.113.{e + 1}")
            for e in range(ENDPOINTS_PER_TRUNK)
        ]
        pulumi.export(f"trunk{t}", trunk.id)
        pulumi.export(f"endpoints{t}", [e.id for e in endpoints])


def _reads(sinch: Sinch) -> Counter[str]:
    """GET requests by shape: ids replaced by `{id}`, numbers by `{number}`."""
    shapes: Counter[str] = Counter()
    for r in sinch.requests():
        if r["method"] == "GET":
            path = re.sub(r"/projects/[^/]+", "", r["path"])
            path = re.sub(r"/(trunks|endpoints|accessControlLists|credentialLists)/[^/]+", r"/\1/{id}", path)
            shapes[re.sub(r"/activeNumbers/[^/]+", "/activeNumbers/{number}", path)] += 1
    return shapes


def _planned(stack: auto.Stack) -> dict[str, int]:
    return {op: n for op, n in stack.preview().change_summary.items() if op != "same" and n}


def test_refresh_lists_each_collection_once_and_gets_nothing_one_by_one(sinch: Sinch) -> None:
    stack = sinch.stack(program)
    stack.up()
    sinch.clear_requests()

    stack.refresh()

    assert _reads(sinch) == {
        "/v1/trunks": 1,
        "/v1/accessControlLists": 1,
        "/v1/activeNumbers": 1,
        "/v1/trunks/{id}/endpoints": TRUNKS,
        "/v1/trunks/{id}/accessControlLists": TRUNKS,
    }
    assert sinch.writes() == []
    assert _planned(stack) == {}


def test_refresh_from_listings_still_sees_edits_and_deletes(sinch: Sinch) -> None:
    stack = sinch.stack(program)
    outputs = stack.up().outputs
    renamed, emptied = outputs["trunk0"].value, outputs["trunk1"].value
    gone_endpoint = outputs["endpoints1"].value[0]
    live: dict[str, Any] = sinch.api.get(f"/trunks/{renamed}").json()
    sinch.api.put(f"/trunks/{renamed}", json={**live, "name": "Renamed by hand"}).raise_for_status()
    sinch.api.delete(f"/trunks/{emptied}/endpoints/{gone_endpoint}").raise_for_status()
    sinch.clear_requests()

    stack.refresh()

    missing = [r for r in sinch.requests() if r["method"] == "GET" and r["path"].endswith(gone_endpoint)]
    assert [r["status"] for r in missing] == [404], "the endpoint missing from the listing is confirmed by a GET"
    assert _planned(stack) == {"update": 1, "create": 1}
    stack.up()
    assert sinch.api.get(f"/trunks/{renamed}").json()["name"] == "Site 0"
    assert len(sinch.api.get(f"/trunks/{emptied}/endpoints").json()["endpoints"]) == ENDPOINTS_PER_TRUNK


def test_a_trunk_deleted_with_its_endpoints_drops_them_all(sinch: Sinch) -> None:
    """The endpoint listing of a deleted trunk is a 404: its endpoints fall back to GETs, which say gone."""
    stack = sinch.stack(program)
    outputs = stack.up().outputs
    trunk = outputs["trunk2"].value
    sinch.api.patch(f"/activeNumbers/{NUMBERS[2]}", json={"voiceConfiguration": {"type": "EST", "trunkId": ""}})
    for endpoint in outputs["endpoints2"].value:
        sinch.api.delete(f"/trunks/{trunk}/endpoints/{endpoint}").raise_for_status()
    for acl_id in sinch.api.get(f"/trunks/{trunk}/accessControlLists").json()["accessControlListIds"]:
        sinch.api.delete(f"/trunks/{trunk}/accessControlLists/{acl_id}").raise_for_status()
    _until_unassigned(sinch, NUMBERS[2])
    sinch.api.delete(f"/trunks/{trunk}").raise_for_status()

    stack.refresh()

    gone = {"trunk2", "link2", "number2", *(f"pbx2-{e}" for e in range(ENDPOINTS_PER_TRUNK))}
    deployment = stack.export_stack().deployment
    assert deployment is not None
    names = {
        r["urn"].rsplit("::", 1)[1] for r in deployment["resources"] if r["type"].startswith("pulumi-python:dynamic")
    }
    assert not names & gone
    assert _planned(stack) == {"create": len(gone)}


def _until_unassigned(sinch: Sinch, number: str) -> None:
    """The emulator applies an unassignment after its provisioning delay; wait for it (bounded)."""
    for _ in range(100):
        config = sinch.api.get(f"/activeNumbers/{number}").json()["voiceConfiguration"]
        if not config.get("scheduledVoiceProvisioning"):
            return
        time.sleep(0.1)
    raise AssertionError(f"{number} is still provisioning")
