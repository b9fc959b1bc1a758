"""The `/_emulator/` control plane: request log, state dump, reset, config, keys."""

from __future__ import annotations

import json

from .support import PASSWORD, Api, expect_error


def test_request_log_records_api_and_token_calls_only(api: Api) -> None:
    api.control("DELETE", "/requests")
    api.get("/trunks", params={"page": 1})
    api.post("/trunks", {"name": "x"})
    api.control("GET", "/state")
    api.http.post("/oauth2/token", data={"grant_type": "client_credentials"})
    entries = api.control("GET", "/requests").json()["requests"]
    assert [(e["method"], e["status"]) for e in entries] == [("GET", 200), ("POST", 400), ("POST", 401)]
    first = entries[0]
    assert first["path"] == api.path("/trunks") and first["query"] == "page=1" and first["fault"] is None
    assert isinstance(first["duration_ms"], float) and first["duration_ms"] >= 0
    assert entries[2]["path"] == "/oauth2/token"
    assert [e["seq"] for e in entries] == sorted(e["seq"] for e in entries)
    since = api.control("GET", "/requests", params={"since": entries[1]["seq"]}).json()["requests"]
    assert since == entries[2:]
    assert api.control("DELETE", "/requests").status_code == 204
    assert api.control("GET", "/requests").json()["requests"] == []
    api.get("/trunks")
    assert api.control("GET", "/requests").json()["requests"][0]["seq"] > entries[-1]["seq"]


def test_state_dump_has_objects_links_and_assignments_but_no_password(api: Api) -> None:
    tid = api.trunk()["id"]
    acl = api.acl()
    creds = api.credential_list("c", "User01")
    api.post(f"/trunks/{tid}/accessControlLists", {"accessControlListIds": [acl["id"]]})
    api.post(f"/trunks/{tid}/credentialLists", {"credentialListIds": [creds["id"]]})
    api.endpoint(tid, isRegistered=True, credentialUsername="User01")
    api.assign("+15550001001", tid)
    api.settle("+15550001001")
    api.assign("+15550001002", tid)
    response = api.control("GET", "/state")
    assert response.status_code == 200
    assert PASSWORD not in response.text and "password" not in response.text.lower()
    project = response.json()["projects"][api.project]
    assert [t["id"] for t in project["trunks"]] == [tid]
    assert project["credentialLists"][0]["credentials"][0]["username"] == "User01"
    assert project["links"] == {
        "trunkAccessControlLists": [{"trunkId": tid, "accessControlListId": acl["id"]}],
        "trunkCredentialLists": [{"trunkId": tid, "credentialListId": creds["id"]}],
    }
    assert project["numberAssignments"] == [{"phoneNumber": "+15550001001", "trunkId": tid}]
    pending = project["pendingProvisioning"]
    assert len(pending) == 1 and pending[0]["phoneNumber"] == "+15550001002" and pending[0]["trunkId"] == tid
    assert pending[0]["status"] in ("WAITING", "IN_PROGRESS")
    assert project["phoneNumbers"][0]["phoneNumber"] == "+15550001001"
    assert len(project["activeNumbers"]) == 10 and project["endpoints"][0]["isRegistered"] is True


def test_reset_returns_to_the_start_state(api: Api) -> None:
    api.trunk()
    api.post(f"/activeNumbers/{'+15550001001'}:release")
    api.control("PATCH", "/config", json={"strictDeletes": False})
    assert api.control("POST", "/reset").status_code == 204
    project = api.control("GET", "/state").json()["projects"][api.project]
    assert project["trunks"] == [] and len(project["activeNumbers"]) == 10
    assert api.control("GET", "/requests").json()["requests"] == []
    assert api.control("GET", "/config").json()["strictDeletes"] is True
    assert api.get("/trunks").status_code == 200  # tokens survive a reset


def test_config_get_patch_and_validation(api: Api) -> None:
    config = api.control("GET", "/config").json()
    assert config == {
        "provisioningDelayS": 0.2,
        "strictDeletes": True,
        "duplicateHostStatus": 409,
        "tokenTtlS": 3600,
        "pageSizeDefault": 500,
        "echoRejectedValues": False,
    }
    patched = api.control("PATCH", "/config", json={"provisioningDelayS": 0, "duplicateHostStatus": 400}).json()
    assert patched["provisioningDelayS"] == 0 and patched["duplicateHostStatus"] == 400
    for body in (
        {"duplicateHostStatus": 418},
        {"tokenTtlS": 0},
        {"strictDeletes": "no"},
        {"nope": 1},
        {"pageSizeDefault": 5000},
        {"provisioningDelayS": 1e9},
        {"tokenTtlS": 10**12},
        {"echoRejectedValues": "yes"},
        ["not", "an", "object"],
    ):
        expect_error(api.control("PATCH", "/config", json=body), 400, "INVALID_ARGUMENT")
    assert api.control("GET", "/config").json() == patched


def test_zero_provisioning_delay_applies_on_the_next_read(api: Api) -> None:
    api.control("PATCH", "/config", json={"provisioningDelayS": 0})
    tid = api.trunk()["id"]
    assert api.assign("+15550001005", tid)["voiceConfiguration"]["scheduledVoiceProvisioning"]["status"] == "WAITING"
    assert api.get("/activeNumbers/+15550001005").json()["voiceConfiguration"]["trunkId"] == tid


def test_control_plane_needs_no_auth_and_rejects_bad_bodies(api: Api) -> None:
    assert api.control("GET", "/health").json() == {"status": "ok"}
    json_type = {"Content-Type": "application/json"}
    expect_error(api.control("POST", "/numbers", content=b"{oops", headers=json_type), 400, "INVALID_ARGUMENT")
    expect_error(api.control("POST", "/keys", json={"keyId": "k"}), 400, "INVALID_ARGUMENT", "keySecret")
    expect_error(api.control("GET", "/requests", params={"since": "x"}), 400, "INVALID_ARGUMENT")
    assert api.control("GET", "/nope").status_code == 404


def test_state_dump_is_json_serialisable_for_every_project(api: Api, other_api: Api) -> None:
    other_api.trunk()
    dump = api.control("GET", "/state").json()
    assert set(dump["projects"]) >= {api.project, other_api.project}
    json.dumps(dump)
