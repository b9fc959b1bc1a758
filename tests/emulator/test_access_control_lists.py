"""Access control lists and IP ranges: operations 18-27."""

from __future__ import annotations

from .support import ID_RE, Api, expect_error, violated_fields


def test_create_defaults_and_wire(api: Api) -> None:
    body = {
        "name": "My new ACL",
        "ipRanges": [
            {"description": "Location 1", "ipAddress": "15.15.15.15", "range": 20},
            {"ipAddress": "15.15.15.16"},
        ],
    }
    response = api.post("/accessControlLists", body)
    assert response.status_code == 200
    acl = response.json()
    assert ID_RE.match(acl["id"]) and acl["enabled"] is True and acl["updateTime"] is None
    assert acl["projectId"] == api.project and acl["name"] == "My new ACL"
    first, second = acl["ipRanges"]
    assert first["description"] == "Location 1" and first["range"] == 20 and first["ipAddress"] == "15.15.15.15"
    assert first["accessControlListId"] == acl["id"] and first["projectId"] == api.project
    assert first["updateTime"] is None and ID_RE.match(first["id"])
    assert second["range"] == 32 and second["description"] is None
    assert api.post("/accessControlLists", {**body, "enabled": False}).json()["enabled"] is False


def test_create_validation(api: Api) -> None:
    cases = [
        ({"name": "x"}, {"ipRanges"}),
        ({"name": "x", "ipRanges": []}, {"ipRanges"}),
        ({"ipRanges": [{"ipAddress": "1.2.3.4"}]}, {"name"}),
        ({"name": "x", "ipRanges": ["15.15.15.15/32"]}, {"ipRanges[0]"}),
        ({"name": "x", "ipRanges": [{"ipAddress": "10.0.0.0/24"}]}, {"ipRanges[0].ipAddress"}),
        ({"name": "x", "ipRanges": [{"ipAddress": "2001:db8::1"}]}, {"ipRanges[0].ipAddress"}),
        ({"name": "x", "ipRanges": [{"ipAddress": "256.1.1.1"}]}, {"ipRanges[0].ipAddress"}),
        ({"name": "x", "ipRanges": [{}]}, {"ipRanges[0].ipAddress"}),
        ({"name": "x", "ipRanges": [{"ipAddress": "1.2.3.4", "range": 0}]}, {"ipRanges[0].range"}),
        ({"name": "x", "ipRanges": [{"ipAddress": "1.2.3.4", "range": 33}]}, {"ipRanges[0].range"}),
        ({"name": "x", "ipRanges": [{"ipAddress": "1.2.3.4", "range": "24"}]}, {"ipRanges[0].range"}),
        ({"name": "x", "enabled": "true", "ipRanges": [{"ipAddress": "1.2.3.4"}]}, {"enabled"}),
    ]
    for body, fields in cases:
        error = expect_error(api.post("/accessControlLists", body), 400, "INVALID_ARGUMENT")
        assert violated_fields(error) == fields, body
    assert api.get("/accessControlLists").json()["totalItems"] == 0


def test_list_and_get(api: Api) -> None:
    a, b = api.acl("a"), api.acl("b")
    listed = api.get("/accessControlLists").json()
    assert listed["accessControlLists"] == [a, b] and listed["totalItems"] == 2 and listed["pageSize"] == 500
    assert api.get(f"/accessControlLists/{a['id']}").json() == a
    expect_error(api.get("/accessControlLists/NOPE"), 404, "NOT_FOUND")


def test_put_replaces_name_and_enabled_and_keeps_omitted_ranges(api: Api) -> None:
    acl = api.acl("old", {"ipAddress": "1.1.1.1"}, {"ipAddress": "2.2.2.2", "range": 24})
    updated = api.put(f"/accessControlLists/{acl['id']}", {"name": "new"}).json()
    assert updated["name"] == "new" and updated["enabled"] is None and updated["updateTime"] is not None
    assert updated["ipRanges"] == acl["ipRanges"]
    expect_error(api.put(f"/accessControlLists/{acl['id']}", {"enabled": True}), 400, "INVALID_ARGUMENT", "name")
    expect_error(api.put("/accessControlLists/NOPE", {"name": "x"}), 404, "NOT_FOUND")


def test_put_with_ranges_replaces_the_set(api: Api) -> None:
    acl = api.acl("x", {"ipAddress": "1.1.1.1"}, {"ipAddress": "2.2.2.2", "range": 24})
    kept_id = acl["ipRanges"][1]["id"]
    body = {
        "name": "x",
        "enabled": True,
        "ipRanges": [{"ipAddress": "2.2.2.2", "range": 24}, {"ipAddress": "3.3.3.3"}],
    }
    updated = api.put(f"/accessControlLists/{acl['id']}", body).json()
    assert [(r["ipAddress"], r["range"]) for r in updated["ipRanges"]] == [("2.2.2.2", 24), ("3.3.3.3", 32)]
    assert updated["ipRanges"][0]["id"] == kept_id
    expect_error(api.put(f"/accessControlLists/{acl['id']}", {"name": "x", "ipRanges": []}), 400, "INVALID_ARGUMENT")


def test_ip_range_operations(api: Api) -> None:
    acl = api.acl()
    aid = acl["id"]
    response = api.post(
        f"/accessControlLists/{aid}/ipRanges",
        {"description": "IP range name", "ipAddress": "11.12.13.14", "range": 27},
    )
    assert response.status_code == 200
    added = response.json()
    assert added["accessControlListId"] == aid and added["range"] == 27 and added["updateTime"] is None
    listed = api.get(f"/accessControlLists/{aid}/ipRanges").json()
    assert listed["ipRanges"][-1] == added and listed["totalItems"] == 2
    updated = api.put(f"/accessControlLists/{aid}/ipRanges/{added['id']}", {"ipAddress": "10.0.1.2"}).json()
    assert updated["ipAddress"] == "10.0.1.2" and updated["range"] is None and updated["description"] is None
    assert updated["updateTime"] is not None
    expect_error(
        api.put(f"/accessControlLists/{aid}/ipRanges/{added['id']}", {"ipAddress": "1.2.3.4/8"}),
        400,
        "INVALID_ARGUMENT",
        "ipAddress",
    )
    expect_error(
        api.post(f"/accessControlLists/{aid}/ipRanges", {"ipAddress": "1.2.3.4", "range": 40}),
        400,
        "INVALID_ARGUMENT",
        "range",
    )
    assert api.delete(f"/accessControlLists/{aid}/ipRanges/{added['id']}").status_code == 204
    expect_error(api.delete(f"/accessControlLists/{aid}/ipRanges/{added['id']}"), 404, "NOT_FOUND")
    expect_error(api.get("/accessControlLists/NOPE/ipRanges"), 404, "NOT_FOUND")
    last = acl["ipRanges"][0]["id"]
    assert api.delete(f"/accessControlLists/{aid}/ipRanges/{last}").status_code == 204
    assert api.get(f"/accessControlLists/{aid}").json()["ipRanges"] == []


def test_delete_refused_while_linked(api: Api) -> None:
    acl = api.acl()
    tid = api.trunk()["id"]
    api.post(f"/trunks/{tid}/accessControlLists", {"accessControlListIds": [acl["id"]]})
    expect_error(api.delete(f"/accessControlLists/{acl['id']}"), 400, "FAILED_PRECONDITION", tid)
    api.delete(f"/trunks/{tid}/accessControlLists/{acl['id']}")
    assert api.delete(f"/accessControlLists/{acl['id']}").status_code == 204
    expect_error(api.get(f"/accessControlLists/{acl['id']}"), 404, "NOT_FOUND")
