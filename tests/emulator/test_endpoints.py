"""SIP endpoints: operations 13-17, static and registered."""

from __future__ import annotations

from .support import ID_RE, Api, expect_error, violated_fields


def test_static_endpoint_defaults(api: Api) -> None:
    tid = api.trunk()["id"]
    response = api.post(
        f"/trunks/{tid}/endpoints", {"name": "Capsule Corp Endpoint", "address": "127.0.0.1", "priority": 2}
    )
    assert response.status_code == 201
    endpoint = response.json()
    assert ID_RE.match(endpoint["id"])
    assert endpoint == {
        "id": endpoint["id"],
        "sipTrunkId": tid,
        "projectId": api.project,
        "name": "Capsule Corp Endpoint",
        "address": "127.0.0.1",
        "port": 5060,
        "transport": "UDP",
        "priority": 2,
        "enabled": True,
        "createTime": endpoint["createTime"],
        "updateTime": None,
    }


def test_static_endpoint_accepts_a_domain_name(api: Api) -> None:
    tid = api.trunk()["id"]
    endpoint = api.endpoint(tid, address="pbx.example.com", port=5080, transport="TLS", enabled=False)
    assert (endpoint["address"], endpoint["port"], endpoint["transport"], endpoint["enabled"]) == (
        "pbx.example.com",
        5080,
        "TLS",
        False,
    )


def test_registered_endpoint_needs_a_known_username(api: Api) -> None:
    tid = api.trunk()["id"]
    api.credential_list("not linked to the trunk", "User01")
    endpoint = api.endpoint(tid, isRegistered=True, credentialUsername="User01", transport="TLS")
    assert endpoint["isRegistered"] is True and endpoint["credentialUsername"] == "User01"
    assert "address" not in endpoint and endpoint["transport"] == "TLS"
    unknown = {"name": "x", "priority": 1, "isRegistered": True, "credentialUsername": "ghost"}
    expect_error(api.post(f"/trunks/{tid}/endpoints", unknown), 400, "INVALID_ARGUMENT", "ghost")
    missing = {"name": "x", "priority": 1, "isRegistered": True}
    body = expect_error(api.post(f"/trunks/{tid}/endpoints", missing), 400, "INVALID_ARGUMENT")
    assert violated_fields(body) == {"credentialUsername"}


def test_endpoint_validation(api: Api) -> None:
    tid = api.trunk()["id"]
    cases = [
        ({"address": "10.0.0.1"}, {"name", "priority"}),
        ({"name": "x", "address": "10.0.0.1", "priority": 0}, {"priority"}),
        ({"name": "x", "address": "10.0.0.1", "priority": "1"}, {"priority"}),
        ({"name": "x", "address": "10.0.0.1", "priority": 1, "port": 0}, {"port"}),
        ({"name": "x", "address": "10.0.0.1", "priority": 1, "port": 65536}, {"port"}),
        ({"name": "x", "address": "10.0.0.1", "priority": 1, "transport": "SCTP"}, {"transport"}),
        ({"name": "x", "address": "not an address!", "priority": 1}, {"address"}),
        ({"name": "x", "priority": 1}, {"address"}),
        ({"name": "x", "priority": 1, "address": "10.0.0.1", "enabled": "yes"}, {"enabled"}),
        (
            {"name": "x", "priority": 1, "address": "10.0.0.1", "credentialUsername": "u"},
            {"credentialUsername"},
        ),
        (
            {
                "name": "x",
                "priority": 1,
                "isRegistered": True,
                "credentialUsername": "u",
                "address": "10.0.0.1",
            },
            {"address"},
        ),
    ]
    for body, fields in cases:
        error = expect_error(api.post(f"/trunks/{tid}/endpoints", body), 400, "INVALID_ARGUMENT")
        assert violated_fields(error) == fields, body
    expect_error(
        api.post("/trunks/NOPE/endpoints", {"name": "x", "address": "10.0.0.1", "priority": 1}),
        404,
        "NOT_FOUND",
    )


def test_get_list_put_delete(api: Api) -> None:
    tid = api.trunk()["id"]
    first = api.endpoint(tid, name="primary")
    second = api.endpoint(tid, name="failover", priority=2)
    listed = api.get(f"/trunks/{tid}/endpoints").json()
    assert listed["endpoints"] == [first, second] and listed["totalItems"] == 2
    assert api.get(f"/trunks/{tid}/endpoints/{first['id']}").json() == first
    body = {
        "name": "Capsule Corp Endpoint - updated",
        "address": "127.0.0.2",
        "priority": 3,
        "port": 5061,
        "transport": "TCP",
        "enabled": False,
    }
    updated = api.put(f"/trunks/{tid}/endpoints/{first['id']}", body).json()
    assert {k: updated[k] for k in body} == body and updated["updateTime"] is not None
    replaced = api.put(
        f"/trunks/{tid}/endpoints/{first['id']}", {"name": "bare", "address": "127.0.0.3", "priority": 1}
    ).json()
    assert replaced["port"] is None and replaced["transport"] is None and replaced["enabled"] is None
    assert api.delete(f"/trunks/{tid}/endpoints/{second['id']}").status_code == 204
    expect_error(api.get(f"/trunks/{tid}/endpoints/{second['id']}"), 404, "NOT_FOUND")
    expect_error(api.put(f"/trunks/{tid}/endpoints/NOPE", body), 404, "NOT_FOUND")


def test_put_can_switch_static_to_registered(api: Api) -> None:
    tid = api.trunk()["id"]
    api.credential_list("c", "desk")
    endpoint = api.endpoint(tid)
    body = {"name": "desk", "priority": 1, "isRegistered": True, "credentialUsername": "desk"}
    switched = api.put(f"/trunks/{tid}/endpoints/{endpoint['id']}", body).json()
    assert switched["isRegistered"] is True and "address" not in switched
    expect_error(
        api.put(f"/trunks/{tid}/endpoints/{endpoint['id']}", {**body, "credentialUsername": "ghost"}),
        400,
        "INVALID_ARGUMENT",
    )


def test_endpoint_of_another_trunk_is_not_found(api: Api) -> None:
    one, two = api.trunk()["id"], api.trunk()["id"]
    endpoint = api.endpoint(one)
    expect_error(api.get(f"/trunks/{two}/endpoints/{endpoint['id']}"), 404, "NOT_FOUND")
    expect_error(api.delete(f"/trunks/{two}/endpoints/{endpoint['id']}"), 404, "NOT_FOUND")
