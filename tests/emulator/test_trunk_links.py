"""Trunk <-> ACL and trunk <-> credential-list links: operations 6-12, 23 and 33."""

from __future__ import annotations

from .support import Api, expect_error, violated_fields


def test_link_acls_appends_and_echoes_the_request(api: Api) -> None:
    tid = api.trunk()["id"]
    first, second = api.acl("a"), api.acl("b")
    response = api.post(f"/trunks/{tid}/accessControlLists", {"accessControlListIds": [first["id"]]})
    assert response.status_code == 200 and response.json() == {"accessControlListIds": [first["id"]]}
    response = api.post(f"/trunks/{tid}/accessControlLists", {"accessControlListIds": [second["id"], first["id"]]})
    assert response.json() == {"accessControlListIds": [second["id"], first["id"]]}
    listed = api.get(f"/trunks/{tid}/accessControlLists").json()
    assert listed["accessControlListIds"] == [first["id"], second["id"]] and listed["totalItems"] == 2
    assert listed["pageNumber"] == 1 and listed["pageSize"] == 500
    assert api.get(f"/accessControlLists/{first['id']}/trunks").json()["trunks"][0]["id"] == tid


def test_link_acls_edge_cases(api: Api) -> None:
    tid = api.trunk()["id"]
    acl = api.acl()
    empty = api.post(f"/trunks/{tid}/accessControlLists", {"accessControlListIds": []})
    assert empty.status_code == 200 and empty.json() == {}
    body = expect_error(api.post(f"/trunks/{tid}/accessControlLists", {}), 400, "INVALID_ARGUMENT")
    assert violated_fields(body) == {"accessControlListIds"}
    response = api.post(f"/trunks/{tid}/accessControlLists", {"accessControlListIds": [acl["id"], "NOPE"]})
    expect_error(response, 404, "NOT_FOUND", "NOPE")
    assert api.get(f"/trunks/{tid}/accessControlLists").json()["accessControlListIds"] == []
    expect_error(api.post("/trunks/NOPE/accessControlLists", {"accessControlListIds": [acl["id"]]}), 404, "NOT_FOUND")


def test_unlink_acl(api: Api) -> None:
    tid = api.trunk()["id"]
    acl = api.acl()
    api.post(f"/trunks/{tid}/accessControlLists", {"accessControlListIds": [acl["id"]]})
    assert api.delete(f"/trunks/{tid}/accessControlLists/{acl['id']}").status_code == 204
    assert api.get(f"/trunks/{tid}/accessControlLists").json()["accessControlListIds"] == []
    expect_error(api.delete(f"/trunks/{tid}/accessControlLists/{acl['id']}"), 404, "NOT_FOUND", "not linked")
    expect_error(api.delete(f"/trunks/{tid}/accessControlLists/NOPE"), 404, "NOT_FOUND")


def test_credential_list_links_list_both_keys(api: Api) -> None:
    tid = api.trunk()["id"]
    first, second = api.credential_list("one", "u1"), api.credential_list("two", "u2")
    response = api.post(f"/trunks/{tid}/credentialLists", {"credentialListIds": [first["id"]]})
    assert response.status_code == 200 and response.json() == {"credentialListIds": [first["id"]]}
    api.post(f"/trunks/{tid}/credentialLists", {"credentialListIds": [second["id"]]})
    listed = api.get(f"/trunks/{tid}/credentialLists").json()
    assert listed["credentialLists"] == [first, second]
    assert listed["credentialListIds"] == [first["id"], second["id"]] and listed["totalItems"] == 2
    ordered = api.get(f"/trunks/{tid}/credentialLists", params={"sort": "name,descending"}).json()
    assert [c["name"] for c in ordered["credentialLists"]] == ["two", "one"]
    assert api.get(f"/credentialLists/{first['id']}/trunks").json()["trunks"][0]["id"] == tid


def test_bulk_replace_credential_lists_accepts_object_and_bare_array(api: Api) -> None:
    tid = api.trunk()["id"]
    a, b, c = (api.credential_list(n, n) for n in ("a", "b", "c"))
    api.post(f"/trunks/{tid}/credentialLists", {"credentialListIds": [a["id"], b["id"]]})
    response = api.put(f"/trunks/{tid}/credentialLists", {"credentialListIds": [c["id"]]})
    assert response.status_code == 200 and response.json() == {"credentialListIds": [c["id"]]}
    assert api.get(f"/trunks/{tid}/credentialLists").json()["credentialListIds"] == [c["id"]]
    response = api.put(f"/trunks/{tid}/credentialLists", [a["id"], b["id"]])
    assert response.json() == {"credentialListIds": [a["id"], b["id"]]}
    assert api.get(f"/credentialLists/{c['id']}/trunks").json()["trunks"] == []
    expect_error(api.put(f"/trunks/{tid}/credentialLists", {"credentialListIds": ["NOPE"]}), 404, "NOT_FOUND")
    expect_error(api.put(f"/trunks/{tid}/credentialLists", {"x": 1}), 400, "INVALID_ARGUMENT")
    assert api.put(f"/trunks/{tid}/credentialLists", []).json() == {"credentialListIds": []}


def test_unlink_credential_list_and_unknown_ids(api: Api) -> None:
    tid = api.trunk()["id"]
    creds = api.credential_list()
    expect_error(api.post(f"/trunks/{tid}/credentialLists", {"credentialListIds": ["NOPE"]}), 404, "NOT_FOUND")
    api.post(f"/trunks/{tid}/credentialLists", {"credentialListIds": [creds["id"]]})
    assert api.delete(f"/trunks/{tid}/credentialLists/{creds['id']}").status_code == 204
    expect_error(api.delete(f"/trunks/{tid}/credentialLists/{creds['id']}"), 404, "NOT_FOUND")
    expect_error(api.get("/trunks/NOPE/credentialLists"), 404, "NOT_FOUND")
