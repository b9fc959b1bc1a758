"""Access control list and IP range operations."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import respx

from pulumi_sinch_est.client import (
    AccessControlListRequest,
    AmbiguousMatchError,
    BadRequestError,
    IpRangeRequest,
    SinchClient,
)

from .conftest import EST_BASE, sent_json

# est-api.md §6.3, the spec's captured create response: nanoseconds, no zone, "" for updateTime.
CREATED = {
    "name": "My new ACL",
    "projectId": "3acb7ae1-cf3d-4112-ba5e-3a9d8c71cd47",
    "enabled": True,
    "id": "01HA9BRJW4J3QE4WBKVC337V4E",
    "createTime": "2023-09-14T08:08:48.264185988",
    "updateTime": None,
    "ipRanges": [
        {
            "description": "Location 1",
            "ipAddress": "15.15.15.15",
            "range": 20,
            "projectId": "3acb7ae1-cf3d-4112-ba5e-3a9d8c71cd47",
            "accessControlListId": "01HA9BRJW4J3QE4WBKVC337V4E",
            "id": "01HA9BRJYR9Q7ZBDYMXHVWT8S8",
            "createTime": "2023-09-14T08:08:48.346874339",
            "updateTime": "",
        }
    ],
}

LISTED = {
    "accessControlLists": [
        {
            "name": "My Access Control List",
            "enabled": True,
            "id": "01HA2E80QCBX185VVP21PJG9CT",
            "createTime": "2023-09-11T15:37:30",
            "updateTime": "2023-09-11T15:38:14",
            "ipRanges": [{"ipAddress": "54.172.60.0", "range": 30, "id": "R1", "updateTime": ""}],
        }
    ],
    "totalItems": 1,
    "pageNumber": 1,
    "pageSize": 1000,
}


def test_create_sends_ranges_and_parses_the_spec_example(client: SinchClient, router: respx.MockRouter) -> None:
    route = router.post(f"{EST_BASE}/accessControlLists").respond(200, json=CREATED)

    acl = client.access_control_lists.create(
        AccessControlListRequest(
            name="My new ACL",
            ip_ranges=[IpRangeRequest(description="Location 1", ip_address="15.15.15.15", range=20)],
        )
    )

    assert sent_json(route.calls.last) == {
        "name": "My new ACL",
        "enabled": True,
        "ipRanges": [{"description": "Location 1", "ipAddress": "15.15.15.15", "range": 20}],
    }
    assert acl.create_time == datetime(2023, 9, 14, 8, 8, 48, 264185, tzinfo=UTC)
    assert acl.ip_ranges is not None
    assert acl.ip_ranges[0].update_time is None
    assert acl.ip_ranges[0].access_control_list_id == "01HA9BRJW4J3QE4WBKVC337V4E"


def test_replace_without_ranges_sends_name_and_enabled_only(client: SinchClient, router: respx.MockRouter) -> None:
    route = router.put(f"{EST_BASE}/accessControlLists/A1").respond(200, json=CREATED)

    client.access_control_lists.replace("A1", AccessControlListRequest(name="renamed", enabled=False))

    assert sent_json(route.calls.last) == {"name": "renamed", "enabled": False}


def test_get_list_delete(client: SinchClient, router: respx.MockRouter) -> None:
    router.get(f"{EST_BASE}/accessControlLists/A1").respond(200, json=CREATED)
    router.get(f"{EST_BASE}/accessControlLists").respond(200, json=LISTED)
    delete = router.delete(f"{EST_BASE}/accessControlLists/A1").respond(204)

    assert client.access_control_lists.get("A1").name == "My new ACL"
    acls = client.access_control_lists.list()
    client.access_control_lists.delete("A1")

    assert acls[0].update_time == datetime(2023, 9, 11, 15, 38, 14, tzinfo=UTC)
    assert delete.called


def test_delete_with_dependents_explains_the_teardown_order(client: SinchClient, router: respx.MockRouter) -> None:
    router.delete(f"{EST_BASE}/accessControlLists/A1").respond(
        400,
        json={"code": 400, "status": "FAILED_PRECONDITION", "message": "ACL is linked to trunks: T1"},
    )

    with pytest.raises(BadRequestError) as caught:
        client.access_control_lists.delete("A1")

    assert str(caught.value) == (
        "deleting access control list A1 failed: HTTP 400 FAILED_PRECONDITION: ACL is linked to trunks: T1 "
        "(hint: objects in use cannot be deleted; remove dependents first: unassign phone numbers, delete "
        "endpoints, unlink access control lists and credential lists, then delete the trunk or list; "
        "see docs/troubleshooting.md#delete-refused-dependents)"
    )


def test_list_trunks(client: SinchClient, router: respx.MockRouter) -> None:
    router.get(f"{EST_BASE}/accessControlLists/A1/trunks").respond(
        200, json={"trunks": [{"id": "T1"}], "totalItems": 1, "pageNumber": 1, "pageSize": 500}
    )

    assert [t.id for t in client.access_control_lists.list_trunks("A1")] == ["T1"]


def test_ip_range_operations(client: SinchClient, router: respx.MockRouter) -> None:
    base = f"{EST_BASE}/accessControlLists/A1/ipRanges"
    added = {
        "description": "IP range name",
        "ipAddress": "11.12.13.14",
        "range": 27,
        "accessControlListId": "A1",
        "id": "01HA9BYAH3J5TFDGK62991YYWC",
        "createTime": "2023-09-14T08:11:56.324855024",
        "updateTime": "",
    }
    post = router.post(base).respond(200, json=added)
    router.get(base).respond(200, json={"ipRanges": [added], "totalItems": 1, "pageNumber": 1, "pageSize": 500})
    put = router.put(f"{base}/R1").respond(
        200, json={**added, "description": "West wing - updated", "ipAddress": "10.0.1.2", "range": 16}
    )
    delete = router.delete(f"{base}/R1").respond(204)

    ip_range = client.access_control_lists.add_ip_range(
        "A1", IpRangeRequest(description="IP range name", ip_address="11.12.13.14", range=27)
    )
    listed = client.access_control_lists.list_ip_ranges("A1")
    replaced = client.access_control_lists.replace_ip_range(
        "A1", "R1", IpRangeRequest(description="West wing - updated", ip_address="10.0.1.2", range=16)
    )
    client.access_control_lists.delete_ip_range("A1", "R1")

    assert sent_json(post.calls.last) == {
        "description": "IP range name",
        "ipAddress": "11.12.13.14",
        "range": 27,
    }
    assert sent_json(put.calls.last) == {
        "description": "West wing - updated",
        "ipAddress": "10.0.1.2",
        "range": 16,
    }
    assert ip_range.id == "01HA9BYAH3J5TFDGK62991YYWC"
    assert [r.range for r in listed] == [27]
    assert replaced.ip_address == "10.0.1.2"
    assert delete.called


def test_ip_range_request_defaults_to_one_address() -> None:
    assert IpRangeRequest(ip_address="192.0.2.1").to_body() == {"ipAddress": "192.0.2.1", "range": 32}


def test_cidr_rejection_gets_the_shape_hint(client: SinchClient, router: respx.MockRouter) -> None:
    router.post(f"{EST_BASE}/accessControlLists").respond(
        400, json={"code": 400, "status": "VALIDATION_FAILED", "message": "Failed to read HTTP message"}
    )

    with pytest.raises(BadRequestError, match="not a CIDR string"):
        client.access_control_lists.create(
            AccessControlListRequest(name="a", ip_ranges=[IpRangeRequest(ip_address="1.2.3.4")])
        )


class TestFindByName:
    def test_finds_the_exact_name(self, client: SinchClient, router: respx.MockRouter) -> None:
        router.get(f"{EST_BASE}/accessControlLists").respond(200, json=LISTED)

        found = client.access_control_lists.find_by_name("My Access Control List")

        assert found is not None and found.id == "01HA2E80QCBX185VVP21PJG9CT"
        assert client.access_control_lists.find_by_name("my access control list") is None

    def test_several_matches_refuse_to_guess(self, client: SinchClient, router: respx.MockRouter) -> None:
        router.get(f"{EST_BASE}/accessControlLists").respond(
            200,
            json={
                "accessControlLists": [{"id": "A", "name": "dup"}, {"id": "B", "name": "dup"}],
                "totalItems": 2,
                "pageNumber": 1,
                "pageSize": 500,
            },
        )

        with pytest.raises(AmbiguousMatchError) as caught:
            client.access_control_lists.find_by_name("dup")

        assert caught.value.ids == ["A", "B"]
        assert str(caught.value) == "finding access control list named 'dup' failed: 2 objects match: A, B"
