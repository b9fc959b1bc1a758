"""Every operation of est-api §5 (1-48) and the Numbers subset is routed, and `EmulatorServer` basics."""

from __future__ import annotations

import pytest

from pulumi_sinch_est.emulator import EmulatorConfig, EmulatorServer

from .support import Api

X, Y = "01HZZZZZZZZZZZZZZZZZZZZZZX", "01HZZZZZZZZZZZZZZZZZZZZZZY"
OPERATIONS = [
    ("POST", "/trunks"),
    ("GET", "/trunks"),
    ("GET", f"/trunks/{X}"),
    ("PUT", f"/trunks/{X}"),
    ("DELETE", f"/trunks/{X}"),
    ("POST", f"/trunks/{X}/accessControlLists"),
    ("GET", f"/trunks/{X}/accessControlLists"),
    ("DELETE", f"/trunks/{X}/accessControlLists/{Y}"),
    ("POST", f"/trunks/{X}/credentialLists"),
    ("GET", f"/trunks/{X}/credentialLists"),
    ("PUT", f"/trunks/{X}/credentialLists"),
    ("DELETE", f"/trunks/{X}/credentialLists/{Y}"),
    ("POST", f"/trunks/{X}/endpoints"),
    ("GET", f"/trunks/{X}/endpoints"),
    ("GET", f"/trunks/{X}/endpoints/{Y}"),
    ("PUT", f"/trunks/{X}/endpoints/{Y}"),
    ("DELETE", f"/trunks/{X}/endpoints/{Y}"),
    ("POST", "/accessControlLists"),
    ("GET", "/accessControlLists"),
    ("GET", f"/accessControlLists/{X}"),
    ("PUT", f"/accessControlLists/{X}"),
    ("DELETE", f"/accessControlLists/{X}"),
    ("GET", f"/accessControlLists/{X}/trunks"),
    ("POST", f"/accessControlLists/{X}/ipRanges"),
    ("GET", f"/accessControlLists/{X}/ipRanges"),
    ("PUT", f"/accessControlLists/{X}/ipRanges/{Y}"),
    ("DELETE", f"/accessControlLists/{X}/ipRanges/{Y}"),
    ("POST", "/credentialLists"),
    ("GET", "/credentialLists"),
    ("GET", f"/credentialLists/{X}"),
    ("PUT", f"/credentialLists/{X}"),
    ("DELETE", f"/credentialLists/{X}"),
    ("GET", f"/credentialLists/{X}/trunks"),
    ("PUT", f"/credentialLists/{X}/credentials/User01"),
    ("DELETE", f"/credentialLists/{X}/credentials/User01"),
    ("GET", "/phoneNumbers"),
    ("GET", "/phoneNumbers/+15552229999"),
    ("GET", "/countryPermissions"),
    ("GET", "/countryPermissions/SE"),
    ("PUT", "/countryPermissions/SE"),
    ("POST", "/callBlockingRules"),
    ("GET", "/callBlockingRules"),
    ("PUT", f"/callBlockingRules/{X}"),
    ("DELETE", f"/callBlockingRules/{X}"),
    ("GET", "/calls"),
    ("GET", "/calls/export"),
    ("GET", "/calls/records/PCAP1/pcap"),
    ("POST", "/addProjects"),
]
NUMBERS_OPERATIONS = [
    ("GET", "/activeNumbers"),
    ("GET", "/activeNumbers/+15550001001"),
    ("PATCH", "/activeNumbers/+15550001001"),
    ("POST", "/activeNumbers/+15550001001:release"),
]


def test_every_documented_operation_is_routed(api: Api) -> None:
    assert len(OPERATIONS) == 48
    for method, path in OPERATIONS + NUMBERS_OPERATIONS:
        response = api.request(method, path, json={} if method in ("POST", "PUT", "PATCH") else None)
        assert response.status_code in (200, 201, 204, 400, 404), (method, path, response.text)
        assert "No such route" not in response.text, (method, path)
        if response.status_code >= 400:
            body = response.json()
            error = body.get("error", body)
            assert error["code"] == response.status_code and error["status"] and error["message"]


def test_server_api(emulator: EmulatorServer) -> None:
    assert emulator.host == "127.0.0.1" and emulator.port > 0
    assert emulator.url == f"http://127.0.0.1:{emulator.port}"
    env = emulator.env()
    assert env["SINCH_PROJECT_ID"] == emulator.config.project_id and "SINCH_ACCESS_TOKEN" not in env
    assert {env[k] for k in ("SINCH_EST_URL", "SINCH_NUMBERS_URL", "SINCH_AUTH_URL")} == {emulator.url}
    with pytest.raises(RuntimeError):
        emulator.start()


def test_defaults_work_without_any_configuration() -> None:
    config = EmulatorConfig()
    assert config.host == "127.0.0.1" and config.strict_deletes and config.duplicate_host_status == 409
    assert config.numbers[0] == "+15550001001" and config.numbers[-1] == "+15550001010"
    server = EmulatorServer()  # port 0: a free port
    server.start()
    try:
        api = Api(server)
        assert api.get("/activeNumbers").json()["totalSize"] == 10
        api.close()
    finally:
        server.stop()
    server.stop()  # stopping twice is harmless
