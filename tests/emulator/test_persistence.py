"""With a state file, everything but tokens survives a restart; the file never holds a password."""

from __future__ import annotations

from pathlib import Path

from pulumi_sinch_est.emulator import EmulatorConfig, EmulatorServer

from .support import PASSWORD, Api


def _config(state_file: Path) -> EmulatorConfig:
    return EmulatorConfig(port=0, state_file=state_file, provisioning_delay_s=0.2)


def _objects(api: Api) -> dict[str, object]:
    project = api.control("GET", "/state").json()["projects"][api.project]
    return {k: v for k, v in project.items() if k != "projectId"}


def test_state_survives_a_restart(tmp_path: Path) -> None:
    state_file = tmp_path / "state" / "emulator.json"
    with EmulatorServer(_config(state_file)) as first:
        api = Api(first)
        tid = api.trunk("persisted")["id"]
        acl = api.acl()
        creds = api.credential_list("c", "User01")
        api.post(f"/trunks/{tid}/accessControlLists", {"accessControlListIds": [acl["id"]]})
        api.post(f"/trunks/{tid}/credentialLists", {"credentialListIds": [creds["id"]]})
        api.endpoint(tid, isRegistered=True, credentialUsername="User01")
        api.put("/countryPermissions/SE", {"enabled": True})
        api.post("/callBlockingRules", {"direction": "INBOUND", "callerMatch": "1900"})
        api.post("/activeNumbers/+15550001010:release")
        api.control("POST", "/numbers", json={"phoneNumber": "+46701234567"})
        api.assign("+15550001001", tid)
        api.settle("+15550001001")
        before = _objects(api)
        token = api.token
        api.close()

    text = state_file.read_text()
    assert PASSWORD not in text and "persisted" in text
    assert [p.name for p in state_file.parent.iterdir()] == ["emulator.json"]  # no temp file left behind

    with EmulatorServer(_config(state_file)) as second:
        api = Api(second, token=token)
        assert _objects(api) == before
        assert api.get("/trunks").status_code == 200  # tokens are verified statelessly
        expected = [f"+1555000{n}" for n in range(1001, 1010)] + ["+46701234567"]
        assert sorted(n["phoneNumber"] for n in api.get("/activeNumbers").json()["activeNumbers"]) == sorted(expected)
        assert api.post("/trunks", {"name": "x", "hostName": "PERSISTED"}).status_code == 409
        assert api.put(f"/credentialLists/{creds['id']}/credentials/User01", {"password": PASSWORD}).status_code == 200
        api.close()


def test_pending_provisioning_completes_after_a_restart(tmp_path: Path) -> None:
    state_file = tmp_path / "emulator.json"
    with EmulatorServer(_config(state_file)) as first:
        api = Api(first)
        tid = api.trunk()["id"]
        api.assign("+15550001002", tid)
        api.close()
    with EmulatorServer(_config(state_file)) as second:
        api = Api(second)
        assert api.settle("+15550001002")["voiceConfiguration"]["trunkId"] == tid
        assert api.get("/phoneNumbers").json()["phoneNumbers"][0]["sipTrunkId"] == tid
        api.close()


def test_reset_is_persisted(tmp_path: Path) -> None:
    state_file = tmp_path / "emulator.json"
    with EmulatorServer(_config(state_file)) as first:
        api = Api(first)
        api.trunk()
        api.control("POST", "/reset")
        api.close()
    with EmulatorServer(_config(state_file)) as second:
        api = Api(second)
        assert api.get("/trunks").json()["totalItems"] == 0
        api.close()
