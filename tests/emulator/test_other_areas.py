"""Country permissions, call blocking rules, calls, pcap and addProjects: operations 38-48."""

from __future__ import annotations

from .support import Api, expect_error, violated_fields


def test_country_permissions(api: Api) -> None:
    body = api.get("/countryPermissions").json()
    assert set(body) == {"countryPermissions"}
    by_code = {p["isoCode"]: p for p in body["countryPermissions"]}
    assert by_code["US"]["enabled"] and by_code["CA"]["enabled"] and not by_code["SE"]["enabled"]
    assert len(by_code) >= 50
    sweden = api.get("/countryPermissions/SE").json()
    assert sweden == {
        "isoCode": "SE",
        "name": "Sweden",
        "continent": "Europe",
        "countryDialingCodes": ["+46"],
        "enabled": False,
    }
    response = api.put("/countryPermissions/SE", {"enabled": True})
    assert response.status_code == 200 and response.json() == {**sweden, "enabled": True}
    assert api.get("/countryPermissions/se").json()["enabled"] is True
    expect_error(api.put("/countryPermissions/SE", {}), 400, "INVALID_ARGUMENT", "enabled")
    expect_error(api.put("/countryPermissions/SE", {"enabled": "yes"}), 400, "INVALID_ARGUMENT")
    expect_error(api.get("/countryPermissions/XX"), 404, "NOT_FOUND")
    expect_error(api.put("/countryPermissions/XX", {"enabled": True}), 404, "NOT_FOUND")


def test_call_blocking_rules(api: Api) -> None:
    body = {
        "name": "Block calls from US",
        "direction": "INBOUND",
        "callerCountry": "US",
        "callerMatch": "123",
    }
    response = api.post("/callBlockingRules", body)
    assert response.status_code == 200
    rule = response.json()
    assert rule == {
        "id": rule["id"],
        "name": "Block calls from US",
        "direction": "inbound",
        "callerCountry": "US",
        "callerMatch": "123",
        "calleeCountry": None,
        "calleeMatch": None,
        "createTime": rule["createTime"],
        "updateTime": None,
        "projectId": api.project,
    }
    other = api.post(
        "/callBlockingRules", {"name": "A outbound", "direction": "OUTBOUND", "calleeCountry": "SE"}
    ).json()
    listed = api.get("/callBlockingRules").json()
    assert listed["callBlockingRules"] == [rule, other] and listed["totalItems"] == 2
    by_name = api.get("/callBlockingRules", params={"sort": "name,ascending"}).json()["callBlockingRules"]
    assert [r["id"] for r in by_name] == [other["id"], rule["id"]]
    replaced = api.put(f"/callBlockingRules/{rule['id']}", {"direction": "OUTBOUND", "calleeMatch": "+46"}).json()
    assert replaced["direction"] == "outbound" and replaced["name"] is None and replaced["callerCountry"] is None
    assert replaced["calleeMatch"] == "+46" and replaced["updateTime"] is not None
    assert api.delete(f"/callBlockingRules/{rule['id']}").status_code == 204
    expect_error(api.delete(f"/callBlockingRules/{rule['id']}"), 404, "NOT_FOUND")
    expect_error(api.put(f"/callBlockingRules/{rule['id']}", body), 404, "NOT_FOUND")


def test_call_blocking_rule_validation(api: Api) -> None:
    error = expect_error(api.post("/callBlockingRules", {"name": "x"}), 400, "INVALID_ARGUMENT")
    assert violated_fields(error) == {"direction"}
    bad = {"direction": "SIDEWAYS", "callerCountry": "USA", "calleeMatch": "abc"}
    error = expect_error(api.post("/callBlockingRules", bad), 400, "INVALID_ARGUMENT")
    assert violated_fields(error) == {"direction", "callerCountry", "calleeMatch"}


def test_calls_are_an_empty_paginated_list(api: Api) -> None:
    body = api.get("/calls", params={"from": " 1781", "direction": "INBOUND,OUTBOUND"}).json()
    assert body == {"calls": [], "totalItems": 0, "pageNumber": 1, "pageSize": 100, "size": 100}
    expect_error(api.get("/calls", params={"callResult": "EXPLODED"}), 400, "INVALID_ARGUMENT", "callResult")


def test_calls_export_is_a_csv_with_a_header(api: Api) -> None:
    response = api.get("/calls/export", headers={"Accept": "text/plain"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/csv")
    assert "EST_call_records.csv" in response.headers["content-disposition"]
    lines = response.text.splitlines()
    assert len(lines) == 1 and lines[0].startswith("callId,from,to,direction")


def test_pcap_is_not_found(api: Api) -> None:
    expect_error(api.get("/calls/records/PCAP123/pcap", params={"direction": "INBOUND"}), 404, "NOT_FOUND", "PCAP123")


def test_add_projects(api: Api) -> None:
    response = api.post("/addProjects", {"projectIds": [api.project, "3acb7ae1-cf3d-4112-ba5e-3a9d8c71cd47"]})
    assert response.status_code == 200
    assert response.json() == {"addedProjects": ["3acb7ae1-cf3d-4112-ba5e-3a9d8c71cd47"]}
    assert api.post("/addProjects", {"projectIds": ["3acb7ae1-cf3d-4112-ba5e-3a9d8c71cd47"]}).json() == {
        "addedProjects": []
    }
    expect_error(api.post("/addProjects", {}), 400, "INVALID_ARGUMENT", "projectIds")
    expect_error(api.post("/addProjects", {"projectIds": []}), 400, "INVALID_ARGUMENT", "projectIds")
    assert "3acb7ae1-cf3d-4112-ba5e-3a9d8c71cd47" in api.control("GET", "/state").json()["estProjects"]


def test_bad_json_body_and_unknown_routes(api: Api) -> None:
    response = api.request("POST", "/trunks", content=b"{not json", headers={"Content-Type": "application/json"})
    expect_error(response, 400, "INVALID_ARGUMENT", "Failed to read HTTP message")
    expect_error(api.post("/trunks", ["a", "list"]), 400, "INVALID_ARGUMENT", "JSON object")
    expect_error(api.get("/nothing-here"), 404, "NOT_FOUND", "No such route")
    expect_error(api.request("PATCH", "/trunks"), 405, "METHOD_NOT_ALLOWED")
