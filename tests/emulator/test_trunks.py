"""SIP trunks: operations 1-5 and their rules."""

from __future__ import annotations

from .support import ID_RE, TIME_RE, Api, expect_error, unique_host, violated_fields


def test_create_applies_defaults_and_wire_format(api: Api) -> None:
    response = api.post("/trunks", {"name": "Acme Trunk", "hostName": "acme-domain-1"})
    assert response.status_code == 201
    trunk = response.json()
    assert ID_RE.match(trunk["id"]) and TIME_RE.match(trunk["createTime"])
    assert trunk == {
        "id": trunk["id"],
        "hostName": "acme-domain-1",
        "topLevelDomain": "pstn.sinch.com",
        "domain": "acme-domain-1.pstn.sinch.com",
        "name": "Acme Trunk",
        "callsPerSecond": 1,
        "enableCallerName": False,
        "callForwardNumber": "",
        "enableCallForward": False,
        "createTime": trunk["createTime"],
        "updateTime": None,
        "projectId": api.project,
    }


def test_create_with_call_forwarding(api: Api) -> None:
    trunk = api.trunk(enableCallForward=True, callForwardNumber="+15552229999", enableCallerName=True)
    assert trunk["enableCallForward"] is True and trunk["callForwardNumber"] == "+15552229999"
    assert trunk["enableCallerName"] is True


def test_create_validation_reports_every_bad_field(api: Api) -> None:
    body = expect_error(api.post("/trunks", {}), 400, "INVALID_ARGUMENT", "name", "hostName")
    assert violated_fields(body) == {"name", "hostName"}
    assert body["details"][0]["type"] == "BadRequest"
    bad = {"name": "x", "hostName": "bad_host!", "enableCallerName": "yes"}
    body = expect_error(api.post("/trunks", bad), 400, "INVALID_ARGUMENT")
    assert violated_fields(body) == {"hostName", "enableCallerName"}


def test_host_name_charset_and_length(api: Api) -> None:
    for host in ("has.dot", "has space", "ünïcode", "a" * 64, "", "trailing-newline\n"):
        expect_error(api.post("/trunks", {"name": "x", "hostName": host}), 400, "INVALID_ARGUMENT", "hostName")
    assert api.post("/trunks", {"name": "x", "hostName": "A-" + "b" * 61}).status_code == 201


def test_call_forward_number_required_and_e164(api: Api) -> None:
    body = {"name": "x", "hostName": unique_host(), "enableCallForward": True}
    expect_error(api.post("/trunks", body), 400, "INVALID_ARGUMENT", "callForwardNumber", "required")
    for number in ("15552229999", "+0123", "+1555abc", "+1234567890123456"):
        response = api.post("/trunks", {**body, "callForwardNumber": number})
        expect_error(response, 400, "INVALID_ARGUMENT", "callForwardNumber", "E.164")


def test_duplicate_host_name_is_409_case_insensitively(api: Api) -> None:
    api.trunk("Shared-Host")
    response = api.post("/trunks", {"name": "again", "hostName": "shared-HOST"})
    expect_error(response, 409, "ALREADY_EXISTS", "shared-HOST")


def test_duplicate_host_name_is_unique_across_projects(api: Api, other_api: Api) -> None:
    api.trunk("global-host")
    expect_error(other_api.post("/trunks", {"name": "x", "hostName": "global-host"}), 409, "ALREADY_EXISTS")


def test_duplicate_host_status_can_be_400(api: Api) -> None:
    assert api.control("PATCH", "/config", json={"duplicateHostStatus": 400}).status_code == 200
    api.trunk("dup")
    expect_error(api.post("/trunks", {"name": "x", "hostName": "dup"}), 400, "ALREADY_EXISTS")


def test_get_and_unknown_id(api: Api) -> None:
    trunk = api.trunk()
    assert api.get(f"/trunks/{trunk['id']}").json() == trunk
    expect_error(api.get("/trunks/01HZZZZZZZZZZZZZZZZZZZZZZZ"), 404, "NOT_FOUND", "01HZZZZZZZZZZZZZZZZZZZZZZZ")


def test_objects_are_scoped_to_the_project_in_the_path(api: Api, other_api: Api) -> None:
    trunk = api.trunk()
    expect_error(other_api.get(f"/trunks/{trunk['id']}"), 404, "NOT_FOUND")
    expect_error(other_api.delete(f"/trunks/{trunk['id']}"), 404, "NOT_FOUND")
    assert other_api.get("/trunks").json()["trunks"] == []


def test_list_envelope_and_pagination(api: Api) -> None:
    created = [api.trunk() for _ in range(3)]
    full = api.get("/trunks").json()
    assert full["trunks"] == created
    assert (full["totalItems"], full["pageNumber"], full["pageSize"], full["size"]) == (3, 1, 500, 500)
    first = api.get("/trunks", params={"page": 1, "size": 2}).json()
    second = api.get("/trunks", params={"page": 2, "size": 2}).json()
    assert first["trunks"] == created[:2] and second["trunks"] == created[2:]
    assert second["pageNumber"] == 2 and second["pageSize"] == 2 and second["totalItems"] == 3
    beyond = api.get("/trunks", params={"page": 9, "size": 2}).json()
    assert beyond["trunks"] == [] and beyond["totalItems"] == 3
    assert api.get("/trunks", params={"size": 5000}).json()["pageSize"] == 1000
    for bad in ({"page": 0}, {"page": "x"}, {"size": 0}):
        expect_error(api.get("/trunks", params=bad), 400, "INVALID_ARGUMENT")


def test_page_size_default_is_configurable(api: Api) -> None:
    api.control("PATCH", "/config", json={"pageSizeDefault": 2})
    for _ in range(3):
        api.trunk()
    body = api.get("/trunks").json()
    assert len(body["trunks"]) == 2 and body["pageSize"] == 2 and body["totalItems"] == 3


def test_list_filters_by_domain(api: Api) -> None:
    wanted = api.trunk("findme")
    api.trunk()
    body = api.get("/trunks", params={"domain": "FindMe.pstn.sinch.com"}).json()
    assert body["trunks"] == [wanted] and body["totalItems"] == 1


def test_put_replaces_the_whole_object(api: Api) -> None:
    trunk = api.trunk(enableCallerName=True, enableCallForward=True, callForwardNumber="+15550000000")
    body = {
        "name": "Renamed",
        "hostName": "renamed-host",
        "id": "IGNORED",
        "callsPerSecond": 99,
        "domain": "evil.example.com",
        "createTime": "2000-01-01T00:00:00Z",
    }
    response = api.put(f"/trunks/{trunk['id']}", body)
    assert response.status_code == 200
    updated = response.json()
    assert updated["id"] == trunk["id"] and updated["callsPerSecond"] == 1
    assert updated["createTime"] == trunk["createTime"] and updated["updateTime"] is not None
    assert updated["hostName"] == "renamed-host" and updated["domain"] == "renamed-host.pstn.sinch.com"
    assert updated["enableCallerName"] is None and updated["enableCallForward"] is None
    assert updated["callForwardNumber"] is None
    assert api.get(f"/trunks/{trunk['id']}").json() == updated


def test_put_validation_and_uniqueness(api: Api) -> None:
    trunk = api.trunk("mine")
    api.trunk("theirs")
    body = expect_error(api.put(f"/trunks/{trunk['id']}", {"name": "x"}), 400, "INVALID_ARGUMENT")
    assert violated_fields(body) == {"hostName"}
    expect_error(api.put(f"/trunks/{trunk['id']}", {"name": "x", "hostName": "THEIRS"}), 409, "ALREADY_EXISTS")
    assert api.put(f"/trunks/{trunk['id']}", {"name": "x", "hostName": "MINE"}).status_code == 200
    expect_error(api.put("/trunks/UNKNOWN", {"name": "x", "hostName": "y"}), 404, "NOT_FOUND")


def test_delete(api: Api) -> None:
    trunk = api.trunk()
    response = api.delete(f"/trunks/{trunk['id']}")
    assert response.status_code == 204 and response.content == b""
    expect_error(api.get(f"/trunks/{trunk['id']}"), 404, "NOT_FOUND")
    expect_error(api.delete(f"/trunks/{trunk['id']}"), 404, "NOT_FOUND")
    api.trunk(trunk["hostName"])  # the host name is free again


def test_delete_refused_while_dependents_exist(api: Api) -> None:
    trunk = api.trunk()
    tid = trunk["id"]
    endpoint = api.endpoint(tid)
    acl = api.acl()
    creds = api.credential_list()
    api.post(f"/trunks/{tid}/accessControlLists", {"accessControlListIds": [acl["id"]]})
    api.post(f"/trunks/{tid}/credentialLists", {"credentialListIds": [creds["id"]]})
    api.assign("+15550001001", tid)
    body = expect_error(
        api.delete(f"/trunks/{tid}"),
        400,
        "FAILED_PRECONDITION",
        endpoint["id"],
        acl["id"],
        creds["id"],
        "+15550001001",
    )
    assert "endpoints" in body["message"]
    api.delete(f"/trunks/{tid}/endpoints/{endpoint['id']}")
    api.delete(f"/trunks/{tid}/accessControlLists/{acl['id']}")
    api.delete(f"/trunks/{tid}/credentialLists/{creds['id']}")
    api.settle("+15550001001")
    expect_error(api.delete(f"/trunks/{tid}"), 400, "FAILED_PRECONDITION", "+15550001001")
    api.patch("/activeNumbers/+15550001001", {"voiceConfiguration": {"type": "EST", "trunkId": ""}})
    expect_error(api.delete(f"/trunks/{tid}"), 400, "FAILED_PRECONDITION")  # unassign still pending
    api.settle("+15550001001")
    assert api.delete(f"/trunks/{tid}").status_code == 204


def test_lenient_deletes_cascade(api: Api) -> None:
    assert api.control("PATCH", "/config", json={"strictDeletes": False}).json()["strictDeletes"] is False
    trunk = api.trunk()
    tid = trunk["id"]
    api.endpoint(tid)
    acl = api.acl()
    api.post(f"/trunks/{tid}/accessControlLists", {"accessControlListIds": [acl["id"]]})
    api.assign("+15550001002", tid)
    api.settle("+15550001002")
    assert api.delete(f"/trunks/{tid}").status_code == 204
    number = api.get("/activeNumbers/+15550001002").json()["voiceConfiguration"]
    assert number["type"] == "EST" and number["trunkId"] == ""
    assert api.get("/phoneNumbers").json()["phoneNumbers"] == []
    assert api.get(f"/accessControlLists/{acl['id']}/trunks").json()["trunks"] == []
