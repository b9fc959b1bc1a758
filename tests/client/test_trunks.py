"""Trunk operations: method, path, body and parsing of each, with est-api.md's example bodies."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest
import respx

from pulumi_sinch_est.client import ConflictError, NotFoundError, SinchClient, Trunk, TrunkRequest

from .conftest import EST_BASE, STATIC_TOKEN, sent_json

CREATED = {
    "id": "01W4FFL35P4NC4K35SIPTRUNK1",
    "hostName": "acme-domain-1",
    "topLevelDomain": "pstn.sinch.com",
    "domain": "acme-domain-1.pstn.sinch.com",
    "name": "Acme Trunk",
    "callsPerSecond": 1,
    "enableCallerName": False,
    "callForwardNumber": "",
    "enableCallForward": False,
    "createTime": "2024-06-06T14:42:42.820177628Z",
    "updateTime": None,
    "projectId": "3acb7ae1-cf3d-4112-ba5e-3a9d8c71cd47",
}


def test_create_posts_every_writable_field_and_parses_the_trunk(client: SinchClient, router: respx.MockRouter) -> None:
    route = router.post(f"{EST_BASE}/trunks").respond(201, json=CREATED)

    trunk = client.trunks.create(TrunkRequest(name="Acme Trunk", host_name="acme-domain-1"))

    assert sent_json(route.calls.last) == {
        "name": "Acme Trunk",
        "hostName": "acme-domain-1",
        "enableCallerName": False,
        "callForwardNumber": "",
        "enableCallForward": False,
    }
    request = route.calls.last.request
    assert request.headers["Authorization"] == f"Bearer {STATIC_TOKEN}"
    assert request.headers["Content-Type"] == "application/json"
    assert trunk.id == "01W4FFL35P4NC4K35SIPTRUNK1"
    assert trunk.domain == "acme-domain-1.pstn.sinch.com"
    assert trunk.calls_per_second == 1
    assert trunk.create_time == datetime(2024, 6, 6, 14, 42, 42, 820177, tzinfo=UTC)
    assert trunk.update_time is None


def test_get_reads_one_trunk(client: SinchClient, router: respx.MockRouter) -> None:
    router.get(f"{EST_BASE}/trunks/01W4FFL35P4NC4K35SIPTRUNK1").respond(200, json=CREATED)

    assert client.trunks.get("01W4FFL35P4NC4K35SIPTRUNK1").host_name == "acme-domain-1"


def test_get_unknown_trunk_names_the_operation(client: SinchClient, router: respx.MockRouter) -> None:
    router.get(f"{EST_BASE}/trunks/01ABC").respond(
        404, json={"code": 404, "status": "NOT_FOUND", "message": "Trunk not found"}
    )

    with pytest.raises(NotFoundError) as caught:
        client.trunks.get("01ABC")

    assert str(caught.value).startswith("reading trunk 01ABC failed: HTTP 404 NOT_FOUND: Trunk not found")


def test_replace_puts_the_whole_object(client: SinchClient, router: respx.MockRouter) -> None:
    updated = {**CREATED, "name": "Updated", "enableCallerName": True, "updateTime": "2024-06-07T10:00:00Z"}
    route = router.put(f"{EST_BASE}/trunks/T1").respond(200, json=updated)

    trunk = client.trunks.replace(
        "T1",
        TrunkRequest(
            name="Updated",
            host_name="acme-domain-1",
            enable_caller_name=True,
            call_forward_number="+15552229999",
            enable_call_forward=True,
        ),
    )

    assert sent_json(route.calls.last) == {
        "name": "Updated",
        "hostName": "acme-domain-1",
        "enableCallerName": True,
        "callForwardNumber": "+15552229999",
        "enableCallForward": True,
    }
    assert trunk.enable_caller_name is True
    assert trunk.update_time == datetime(2024, 6, 7, 10, 0, tzinfo=UTC)


def test_delete_accepts_204_without_body(client: SinchClient, router: respx.MockRouter) -> None:
    route = router.delete(f"{EST_BASE}/trunks/T1").respond(204)

    client.trunks.delete("T1")

    assert route.call_count == 1


def test_list_walks_pages_and_reads_both_item_keys(client: SinchClient, router: respx.MockRouter) -> None:
    route = router.get(f"{EST_BASE}/trunks").mock(
        side_effect=[
            httpx.Response(200, json={"trunks": [{"id": "A"}], "totalItems": 2, "pageNumber": 1, "pageSize": 1}),
            httpx.Response(200, json={"sipTrunks": [{"id": "B"}], "totalItems": 2, "pageNumber": "2", "size": 1}),
        ]
    )

    assert [trunk.id for trunk in client.trunks.list()] == ["A", "B"]
    assert [call.request.url.params["page"] for call in route.calls] == ["1", "2"]


def test_duplicate_host_name_conflict_carries_the_hint(client: SinchClient, router: respx.MockRouter) -> None:
    router.post(f"{EST_BASE}/trunks").respond(
        409, json={"code": 409, "status": "ALREADY_EXISTS", "message": "hostName acme is already in use"}
    )

    with pytest.raises(ConflictError) as caught:
        client.trunks.create(TrunkRequest(name="x", host_name="acme"))

    assert "host names are global DNS labels" in str(caught.value)
    assert caught.value.operation == "creating trunk 'acme'"


class TestFindByHostName:
    def test_uses_the_domain_filter_and_confirms_case_insensitively(
        self, client: SinchClient, router: respx.MockRouter
    ) -> None:
        route = router.get(f"{EST_BASE}/trunks", params={"domain": "acme.pstn.sinch.com"}).respond(
            200,
            json={
                "trunks": [{"id": "T1", "hostName": "Acme"}],
                "totalItems": 1,
                "pageNumber": 1,
                "pageSize": 500,
            },
        )

        found = client.trunks.find_by_host_name("ACME")

        assert found is not None and found.id == "T1"
        assert route.call_count == 1

    def test_falls_back_to_scanning_when_the_filter_finds_nothing(
        self, client: SinchClient, router: respx.MockRouter
    ) -> None:
        router.get(f"{EST_BASE}/trunks", params={"domain": "acme.pstn.sinch.com"}).respond(
            200,
            json={
                "trunks": [{"id": "X", "hostName": "other"}],
                "totalItems": 1,
                "pageNumber": 1,
                "pageSize": 500,
            },
        )
        unfiltered = router.get(f"{EST_BASE}/trunks").respond(
            200,
            json={
                "trunks": [{"id": "X", "hostName": "other"}, {"id": "T1", "hostName": "acme"}],
                "totalItems": 2,
                "pageNumber": 1,
                "pageSize": 500,
            },
        )

        found = client.trunks.find_by_host_name("acme")

        assert found is not None and found.id == "T1"
        assert unfiltered.called

    def test_returns_none_when_absent(self, client: SinchClient, router: respx.MockRouter) -> None:
        router.get(f"{EST_BASE}/trunks").respond(
            200, json={"trunks": [], "totalItems": 0, "pageNumber": 1, "pageSize": 500}
        )

        assert client.trunks.find_by_host_name("acme") is None


class TestAccessControlListLinks:
    def test_link_posts_the_ids(self, client: SinchClient, router: respx.MockRouter) -> None:
        route = router.post(f"{EST_BASE}/trunks/T1/accessControlLists").respond(
            200, json={"accessControlListIds": ["A1", "A2"]}
        )

        client.trunks.link_access_control_lists("T1", ["A1", "A2"])

        assert sent_json(route.calls.last) == {"accessControlListIds": ["A1", "A2"]}

    def test_link_tolerates_an_empty_object(self, client: SinchClient, router: respx.MockRouter) -> None:
        router.post(f"{EST_BASE}/trunks/T1/accessControlLists").respond(200, json={})

        client.trunks.link_access_control_lists("T1", [])

    def test_list_ids_reads_the_spec_example(self, client: SinchClient, router: respx.MockRouter) -> None:
        router.get(f"{EST_BASE}/trunks/T1/accessControlLists").respond(
            200,
            json={
                "accessControlListIds": ["01HA2E80QCBX185VVP21PJG9CT"],
                "pageNumber": 1,
                "size": 1000,
                "totalItems": 1,
            },
        )

        assert client.trunks.list_access_control_list_ids("T1") == ["01HA2E80QCBX185VVP21PJG9CT"]

    def test_unlink_deletes_the_link(self, client: SinchClient, router: respx.MockRouter) -> None:
        route = router.delete(f"{EST_BASE}/trunks/T1/accessControlLists/A1").respond(204)

        client.trunks.unlink_access_control_list("T1", "A1")

        assert route.called


class TestCredentialListLinks:
    def test_link_posts_the_ids(self, client: SinchClient, router: respx.MockRouter) -> None:
        route = router.post(f"{EST_BASE}/trunks/T1/credentialLists").respond(200, json={"credentialListIds": ["C1"]})

        client.trunks.link_credential_lists("T1", ("C1",))

        assert sent_json(route.calls.last) == {"credentialListIds": ["C1"]}

    @pytest.mark.parametrize(
        "body",
        [
            {"credentialListIds": ["C1", "C2"], "totalItems": 2, "pageNumber": 1, "pageSize": 500},
            {
                "credentialLists": [{"id": "C1", "name": "a"}, {"id": "C2"}],
                "totalItems": 2,
                "pageNumber": 1,
                "pageSize": 500,
            },
            {
                "credentialLists": [{"id": "C1"}, {"id": "C2"}],
                "credentialListIds": ["C1", "C2"],
                "totalItems": 2,
                "pageNumber": 1,
                "pageSize": 500,
                "size": 500,
            },
        ],
        ids=["ids", "objects", "both"],
    )
    def test_list_ids_reads_ids_or_objects(
        self, client: SinchClient, router: respx.MockRouter, body: dict[str, object]
    ) -> None:
        router.get(f"{EST_BASE}/trunks/T1/credentialLists").respond(200, json=body)

        assert client.trunks.list_credential_list_ids("T1") == ["C1", "C2"]

    def test_replace_puts_the_sdk_body_form(self, client: SinchClient, router: respx.MockRouter) -> None:
        route = router.put(f"{EST_BASE}/trunks/T1/credentialLists").respond(200, json={"credentialListIds": ["C2"]})

        client.trunks.replace_credential_lists("T1", ["C2"])

        assert sent_json(route.calls.last) == {"credentialListIds": ["C2"]}

    def test_unlink_deletes_the_link(self, client: SinchClient, router: respx.MockRouter) -> None:
        route = router.delete(f"{EST_BASE}/trunks/T1/credentialLists/C1").respond(204)

        client.trunks.unlink_credential_list("T1", "C1")

        assert route.called


def test_extra_fields_are_kept(client: SinchClient, router: respx.MockRouter) -> None:
    router.get(f"{EST_BASE}/trunks/T1").respond(200, json={**CREATED, "enabled": True})

    trunk = client.trunks.get("T1")

    assert isinstance(trunk, Trunk)
    assert trunk.model_extra == {"enabled": True}
