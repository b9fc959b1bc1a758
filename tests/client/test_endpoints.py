"""Endpoint operations, static and registered."""

from __future__ import annotations

import pydantic
import pytest
import respx

from pulumi_sinch_est.client import EndpointRequest, SinchClient

from .conftest import EST_BASE, sent_json

STATIC = {
    "id": "01W4FFL35P4NC4K35SIPENDP01",
    "sipTrunkId": "01W4FFL35P4NC4K35SIPTRUNK1",
    "name": "Capsule Corp Endpoint",
    "address": "127.0.0.1",
    "port": 5060,
    "transport": "UDP",
    "priority": 2,
    "enabled": True,
    "createTime": "2024-06-06T14:42:42.337854345Z",
    "updateTime": None,
}


def test_create_static_sends_api_defaults_and_no_registration_fields(
    client: SinchClient, router: respx.MockRouter
) -> None:
    route = router.post(f"{EST_BASE}/trunks/T1/endpoints").respond(201, json=STATIC)

    endpoint = client.endpoints.create(
        "T1", EndpointRequest(name="Capsule Corp Endpoint", address="127.0.0.1", priority=2)
    )

    assert sent_json(route.calls.last) == {
        "name": "Capsule Corp Endpoint",
        "address": "127.0.0.1",
        "port": 5060,
        "priority": 2,
        "transport": "UDP",
        "enabled": True,
    }
    assert endpoint.sip_trunk_id == "01W4FFL35P4NC4K35SIPTRUNK1"
    assert endpoint.port == 5060
    assert endpoint.is_registered is None


def test_create_registered_sends_username_and_flag(client: SinchClient, router: respx.MockRouter) -> None:
    route = router.post(f"{EST_BASE}/trunks/T1/endpoints").respond(
        200,
        json={
            "id": "E2",
            "name": "Desk phone",
            "isRegistered": True,
            "credentialUsername": "User01",
            "priority": 1,
        },
    )

    endpoint = client.endpoints.create(
        "T1", EndpointRequest(name="Desk phone", priority=1, credential_username="User01", transport="TLS")
    )

    assert sent_json(route.calls.last) == {
        "name": "Desk phone",
        "priority": 1,
        "isRegistered": True,
        "credentialUsername": "User01",
        "transport": "TLS",
        "enabled": True,
    }
    assert endpoint.is_registered is True
    assert endpoint.credential_username == "User01"


def test_deprecated_username_spelling_is_read() -> None:
    from pulumi_sinch_est.client import Endpoint

    assert Endpoint.model_validate({"credentialUserName": "User01"}).credential_username == "User01"


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"address": "10.0.0.1", "credential_username": "u"}],
    ids=["neither", "both"],
)
def test_request_needs_exactly_one_kind(kwargs: dict[str, str]) -> None:
    with pytest.raises(pydantic.ValidationError, match="exactly one of address"):
        EndpointRequest(name="e", priority=1, **kwargs)


def test_get_list_replace_delete(client: SinchClient, router: respx.MockRouter) -> None:
    base = f"{EST_BASE}/trunks/T1/endpoints"
    router.get(f"{base}/E1").respond(200, json=STATIC)
    router.get(base).respond(200, json={"endpoints": [STATIC], "totalItems": 1, "pageNumber": 1, "pageSize": 500})
    updated = {
        **STATIC,
        "address": "127.0.0.2",
        "priority": 3,
        "port": 5061,
        "transport": "TCP",
        "enabled": False,
    }
    put = router.put(f"{base}/E1").respond(200, json=updated)
    delete = router.delete(f"{base}/E1").respond(204)

    assert client.endpoints.get("T1", "E1").address == "127.0.0.1"
    assert [e.id for e in client.endpoints.list("T1")] == ["01W4FFL35P4NC4K35SIPENDP01"]
    replaced = client.endpoints.replace(
        "T1",
        "E1",
        EndpointRequest(
            name="Capsule Corp Endpoint - updated",
            address="127.0.0.2",
            priority=3,
            port=5061,
            transport="TCP",
            enabled=False,
        ),
    )
    client.endpoints.delete("T1", "E1")

    assert sent_json(put.calls.last) == {
        "name": "Capsule Corp Endpoint - updated",
        "address": "127.0.0.2",
        "priority": 3,
        "port": 5061,
        "transport": "TCP",
        "enabled": False,
    }
    assert (replaced.transport, replaced.enabled) == ("TCP", False)
    assert delete.called
