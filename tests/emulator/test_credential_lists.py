"""Credential lists and credentials: operations 28-35, the password policy and no password leaks."""

from __future__ import annotations

from .support import ID_RE, PASSWORD, Api, expect_error, violated_fields


def test_create_returns_credentials_without_passwords(api: Api) -> None:
    body = {
        "name": "Multi credentials list",
        "credentials": [
            {"username": "User01", "password": PASSWORD},
            {"username": "User02", "password": PASSWORD},
        ],
    }
    response = api.post("/credentialLists", body)
    assert response.status_code == 201
    created = response.json()
    assert PASSWORD not in response.text and "password" not in response.text.lower()
    assert ID_RE.match(created["id"]) and created["updateTime"] is None and created["projectId"] == api.project
    assert [c["username"] for c in created["credentials"]] == ["User01", "User02"]
    assert all(set(c) == {"id", "username"} and ID_RE.match(c["id"]) for c in created["credentials"])
    assert api.post("/credentialLists", {"name": "empty"}).json()["credentials"] == []


def test_password_policy_and_username_rules(api: Api) -> None:
    for password, reason in (
        ("Short1A", "12 characters"),
        ("alllowercase123", "upper-case"),
        ("ALLUPPERCASE123", "lower-case"),
        ("NoDigitsAtAllHere", "digit"),
    ):
        body = {"name": "x", "credentials": [{"username": "u", "password": password}]}
        error = expect_error(api.post("/credentialLists", body), 400, "INVALID_ARGUMENT", reason)
        assert violated_fields(error) == {"credentials[0].password"}
        assert password not in error["message"]
    duplicate = {
        "name": "x",
        "credentials": [{"username": "u", "password": PASSWORD}, {"username": "u", "password": PASSWORD}],
    }
    error = expect_error(api.post("/credentialLists", duplicate), 400, "INVALID_ARGUMENT", "more than once")
    assert violated_fields(error) == {"credentials[1].username"}
    error = expect_error(
        api.post("/credentialLists", {"credentials": [{"password": PASSWORD}]}), 400, "INVALID_ARGUMENT"
    )
    assert violated_fields(error) == {"name", "credentials[0].username"}


def test_list_get_rename(api: Api) -> None:
    a, b = api.credential_list("a", "x"), api.credential_list("b", "y")
    listed = api.get("/credentialLists").json()
    assert listed["credentialLists"] == [a, b] and listed["totalItems"] == 2
    assert api.get(f"/credentialLists/{a['id']}").json() == a
    renamed = api.put(f"/credentialLists/{a['id']}", {"name": "renamed", "credentials": []}).json()
    assert renamed["name"] == "renamed" and renamed["credentials"] == a["credentials"]
    assert renamed["updateTime"] is not None
    expect_error(api.put(f"/credentialLists/{a['id']}", {}), 400, "INVALID_ARGUMENT", "name")
    expect_error(api.get("/credentialLists/NOPE"), 404, "NOT_FOUND")


def test_change_password(api: Api) -> None:
    creds = api.credential_list("c", "User01")
    path = f"/credentialLists/{creds['id']}/credentials/User01"
    response = api.put(path, {"password": "newPa$$word123"})
    assert response.status_code == 200
    assert response.json() == {"id": creds["credentials"][0]["id"], "username": "User01"}
    expect_error(api.put(path, {"password": "weak"}), 400, "INVALID_ARGUMENT", "password")
    expect_error(api.put(path, {}), 400, "INVALID_ARGUMENT", "password")
    expect_error(
        api.put(f"/credentialLists/{creds['id']}/credentials/ghost", {"password": PASSWORD}),
        404,
        "NOT_FOUND",
        "ghost",
    )


def test_delete_credential(api: Api) -> None:
    creds = api.credential_list("c", "keep", "drop", "used")
    api.endpoint(api.trunk()["id"], isRegistered=True, credentialUsername="used")
    assert api.delete(f"/credentialLists/{creds['id']}/credentials/drop").status_code == 204
    remaining = api.get(f"/credentialLists/{creds['id']}").json()["credentials"]
    assert [c["username"] for c in remaining] == ["keep", "used"]
    expect_error(api.delete(f"/credentialLists/{creds['id']}/credentials/drop"), 404, "NOT_FOUND")
    expect_error(api.delete(f"/credentialLists/{creds['id']}/credentials/used"), 400, "FAILED_PRECONDITION", "used")


def test_delete_list_refused_while_linked_or_used(api: Api) -> None:
    tid = api.trunk()["id"]
    linked = api.credential_list("linked", "l1")
    api.post(f"/trunks/{tid}/credentialLists", {"credentialListIds": [linked["id"]]})
    expect_error(api.delete(f"/credentialLists/{linked['id']}"), 400, "FAILED_PRECONDITION", tid)
    used = api.credential_list("used", "desk")
    endpoint = api.endpoint(tid, isRegistered=True, credentialUsername="desk")
    expect_error(api.delete(f"/credentialLists/{used['id']}"), 400, "FAILED_PRECONDITION", "desk")
    api.delete(f"/trunks/{tid}/endpoints/{endpoint['id']}")
    assert api.delete(f"/credentialLists/{used['id']}").status_code == 204
    api.delete(f"/trunks/{tid}/credentialLists/{linked['id']}")
    assert api.delete(f"/credentialLists/{linked['id']}").status_code == 204
