"""Fault injection: seeded error rates, latency, the token bucket and lost responses."""

from __future__ import annotations

import time

import httpx
import pytest

from pulumi_sinch_est.emulator import EmulatorConfig, EmulatorServer, FaultConfig

from .support import Api, client, expect_error, expect_numbers_error

RATES = {"429": 0.25, "500": 0.15, "503": 0.1}


def _statuses(api: Api, count: int = 40) -> list[int]:
    return [api.get("/trunks").status_code for _ in range(count)]


def test_same_seed_gives_the_same_sequence_of_statuses(api: Api) -> None:
    assert api.control("PUT", "/faults", json={"errorRates": RATES, "seed": 42}).status_code == 200
    first = _statuses(api)
    api.control("PUT", "/faults", json={"errorRates": RATES, "seed": 42})
    second = _statuses(api)
    api.control("PUT", "/faults", json={"errorRates": RATES, "seed": 43})
    third = _statuses(api)
    assert first == second and first != third
    assert {200, 429, 500, 503} <= set(first)


def test_seed_from_the_config_at_start_is_deterministic() -> None:
    runs = []
    for _ in range(2):
        config = EmulatorConfig(port=0, seed=5, faults=FaultConfig(error_rates={500: 0.5}))
        with EmulatorServer(config) as server:
            api = Api(server)
            runs.append(_statuses(api, 20))
            api.close()
    assert runs[0] == runs[1] and set(runs[0]) == {200, 500}


def test_injected_errors_have_the_api_shape_and_are_not_performed(api: Api) -> None:
    api.control("PUT", "/faults", json={"errorRates": {"429": 1.0}, "retryAfterS": 3})
    response = api.post("/trunks", {"name": "x", "hostName": "never-created"})
    expect_error(response, 429, "RESOURCE_EXHAUSTED")
    assert response.headers["retry-after"] == "3"
    expect_numbers_error(api.get("/activeNumbers"), 429, "RESOURCE_EXHAUSTED")
    api.control("PUT", "/faults", json={"errorRates": {"503": 1.0}})
    expect_error(api.get("/trunks"), 503, "UNAVAILABLE")
    assert "retry-after" not in api.get("/trunks").headers
    # Neither the control plane nor the token endpoint is subject to error rates.
    assert api.control("GET", "/state").json()["projects"][api.project]["trunks"] == []
    assert (
        api.http.post(
            "/oauth2/token",
            auth=(api.server.config.key_id, api.server.config.key_secret),
            data={"grant_type": "client_credentials"},
        ).status_code
        == 200
    )
    faults = api.control("GET", "/faults").json()
    assert faults["errorRates"] == {"503": 1.0}
    statuses = [(e["status"], e["fault"]) for e in api.control("GET", "/requests").json()["requests"]]
    assert (429, "injected") in statuses and (503, "injected") in statuses


def test_faults_configured_at_start_apply_from_the_first_request() -> None:
    with EmulatorServer(EmulatorConfig(port=0, faults=FaultConfig(error_rates={500: 1.0}))) as server:
        api = Api(server)
        expect_error(api.get("/trunks"), 500, "INTERNAL")
        assert api.control("GET", "/health").status_code == 200
        api.close()


def test_latency(api: Api) -> None:
    api.control("PUT", "/faults", json={"latencyMs": 150})
    started = time.monotonic()
    assert api.get("/trunks").status_code == 200
    assert time.monotonic() - started >= 0.15
    started = time.monotonic()
    api.control("GET", "/faults")
    assert time.monotonic() - started < 0.15


def test_token_bucket_rate_limits_the_token_endpoint_without_retry_after(api: Api) -> None:
    api.control("PUT", "/faults", json={"tokenBucket": {"capacity": 2, "refillPerS": 0.001}})
    credentials = (api.server.config.key_id, api.server.config.key_secret)
    responses = [
        api.http.post("/oauth2/token", auth=credentials, data={"grant_type": "client_credentials"}) for _ in range(3)
    ]
    assert [r.status_code for r in responses] == [200, 200, 429]
    assert "retry-after" not in responses[2].headers and "error_description" in responses[2].json()
    assert api.get("/trunks").status_code == 200  # API calls are not limited by the token bucket
    api.control("PUT", "/faults", json={"tokenBucket": {"capacity": 1, "refillPerS": 50}})
    time.sleep(0.05)
    assert (
        api.http.post("/oauth2/token", auth=credentials, data={"grant_type": "client_credentials"}).status_code == 200
    )


def test_lost_response_is_performed_but_never_answered(api: Api) -> None:
    rule = {"method": "POST", "pathRegex": r"/trunks$", "times": 1}
    assert api.control("PUT", "/faults", json={"lostResponses": [rule]}).status_code == 200
    with pytest.raises(httpx.TransportError):
        api.post("/trunks", {"name": "x", "hostName": "lost-host"})
    trunks = api.get("/trunks").json()["trunks"]
    assert [t["hostName"] for t in trunks] == ["lost-host"]  # it exists although nobody saw the 201
    expect_error(api.post("/trunks", {"name": "x", "hostName": "lost-host"}), 409, "ALREADY_EXISTS")
    assert api.control("GET", "/faults").json()["lostResponses"][0]["times"] == 0
    log = api.control("GET", "/requests").json()["requests"]
    dropped = [e for e in log if e["fault"] == "dropped"]
    assert len(dropped) == 1 and dropped[0]["status"] == 201 and dropped[0]["method"] == "POST"


def test_lost_response_in_error_mode_is_performed_then_answered_500(api: Api) -> None:
    rule = {"method": "POST", "pathRegex": r"/accessControlLists$", "times": 1, "mode": "error"}
    api.control("PUT", "/faults", json={"lostResponses": [rule]})
    office = {"name": "office", "ipRanges": [{"ipAddress": "203.0.113.0", "range": 24}]}
    response = api.post("/accessControlLists", office)
    expect_error(response, 500, "INTERNAL")
    assert [a["name"] for a in api.get("/accessControlLists").json()["accessControlLists"]] == ["office"]
    log = api.control("GET", "/requests").json()["requests"]
    creates = [e for e in log if e["method"] == "POST" and e["path"].endswith("/accessControlLists")]
    assert [(e["fault"], e["status"]) for e in creates] == [("dropped", 200)]  # performed, then replaced


def test_lost_response_in_hold_mode_times_the_client_out(emulator: EmulatorServer) -> None:
    api = Api(emulator, timeout=0.2)
    rule = {"method": "PATCH", "pathRegex": "activeNumbers", "times": 1, "mode": "hold", "holdS": 0.5}
    api.control("PUT", "/faults", json={"lostResponses": [rule]})
    tid = api.trunk()["id"]
    with pytest.raises(httpx.ReadTimeout):
        api.patch("/activeNumbers/+15550001004", {"voiceConfiguration": {"type": "EST", "trunkId": tid}})
    assert api.settle("+15550001004")["voiceConfiguration"]["trunkId"] == tid
    api.close()


def test_fault_settings_are_validated(api: Api) -> None:
    for body in (
        {"errorRates": {"200": 0.5}},
        {"errorRates": {"500": 2}},
        {"errorRates": {"500": 0.7, "503": 0.7}},
        {"latencyMs": -1},
        {"lostResponses": [{"method": "GET"}]},
        {"lostResponses": [{"method": "GET", "pathRegex": "("}]},
        {"seed": "x"},
        {"tokenBucket": 5},
    ):
        expect_error(api.control("PUT", "/faults", json=body), 400, "INVALID_ARGUMENT")
    assert api.control("GET", "/faults").json()["errorRates"] == {}


def test_reset_restores_the_configured_faults(api: Api) -> None:
    api.control("PUT", "/faults", json={"errorRates": {"500": 1.0}})
    assert api.get("/trunks").status_code == 500
    assert api.control("POST", "/reset").status_code == 204
    assert api.get("/trunks").status_code == 200
    with client(api.server) as http:
        assert http.get("/_emulator/faults").json()["errorRates"] == {}


OFFICE = {"name": "office", "ipRanges": [{"ipAddress": "203.0.113.0", "range": 24}]}


def test_error_rules_answer_matching_requests_without_performing_them(api: Api) -> None:
    rules = [
        {"method": "POST", "pathRegex": "/accessControlLists$", "status": 500, "times": 2},
        {"method": "GET", "pathRegex": "/trunks$", "status": 429, "times": 1},
    ]
    assert api.control("PUT", "/faults", json={"errors": rules, "retryAfterS": 4}).status_code == 200

    expect_error(api.post("/accessControlLists", OFFICE), 500, "INTERNAL")
    assert api.control("GET", "/faults").json()["errors"][0]["times"] == 1  # counts down
    assert api.get("/accessControlLists").json()["accessControlLists"] == []  # a GET does not match
    limited = api.get("/trunks")
    expect_error(limited, 429, "RESOURCE_EXHAUSTED")
    assert limited.headers["retry-after"] == "4"
    assert api.get("/trunks").status_code == 200  # its one time is used up
    expect_error(api.post("/accessControlLists", OFFICE), 500, "INTERNAL")
    assert api.control("GET", "/state").json()["projects"][api.project]["accessControlLists"] == []

    made = api.post("/accessControlLists", OFFICE)
    assert made.status_code == 200, made.text
    assert api.control("GET", "/faults").json()["errors"] == [
        {"method": "POST", "pathRegex": "/accessControlLists$", "status": 500, "times": 0, "holdS": 0.0},
        {"method": "GET", "pathRegex": "/trunks$", "status": 429, "times": 0, "holdS": 0.0},
    ]
    log = api.control("GET", "/requests").json()["requests"]
    creates = [
        (e["status"], e["fault"]) for e in log if e["path"].endswith("/accessControlLists") and e["method"] == "POST"
    ]
    assert creates == [(500, "injected"), (500, "injected"), (200, None)]


def test_error_rules_are_validated(api: Api) -> None:
    for body, fragment in (
        ({"errors": [{"method": "POST", "pathRegex": "x"}]}, "errors[0].status"),
        ({"errors": [{"method": "POST", "pathRegex": "x", "status": 200}]}, "errors[0].status"),
        ({"errors": [{"method": "POST", "pathRegex": "(", "status": 500}]}, "errors[0].pathRegex"),
        ({"errors": [{"method": "POST", "pathRegex": "x", "status": 500, "times": -1}]}, "errors[0].times"),
        ({"errors": [{"method": "POST", "pathRegex": "x", "status": 500, "holdS": -1}]}, "errors[0].holdS"),
        ({"errors": {"method": "POST"}}, "errors[0]"),
    ):
        expect_error(api.control("PUT", "/faults", json=body), 400, "INVALID_ARGUMENT", fragment)
    assert api.control("GET", "/faults").json()["errors"] == []


def test_unknown_keys_in_fault_and_config_bodies_are_refused_by_name(api: Api) -> None:
    for body, fragment in (
        ({"errorRate": {"500": 1.0}}, "errorRate is not a known setting"),
        ({"tokenBucket": {"capacity": 1, "refill": 2}}, "tokenBucket.refill is not a known setting"),
        ({"lostResponses": [{"method": "POST", "pathRegex": "x", "hold": 1}]}, "lostResponses[0].hold is not"),
        ({"errors": [{"method": "POST", "pathRegex": "x", "status": 500, "time": 1}]}, "errors[0].time is not"),
    ):
        expect_error(api.control("PUT", "/faults", json=body), 400, "INVALID_ARGUMENT", fragment)
    assert api.control("GET", "/faults").json()["errorRates"] == {}
    expect_error(api.control("PATCH", "/config", json={"strictDelete": False}), 400, "INVALID_ARGUMENT", "strictDelete")


def test_an_error_rule_can_hold_its_answer(emulator: EmulatorServer) -> None:
    api = Api(emulator, timeout=0.2)
    rule = {"method": "POST", "pathRegex": "/accessControlLists$", "status": 500, "holdS": 0.5}
    api.control("PUT", "/faults", json={"errors": [rule]})
    with pytest.raises(httpx.ReadTimeout):  # still in flight when the caller gives up
        api.post("/accessControlLists", OFFICE)
    assert api.control("GET", "/faults").json()["errors"][0]["times"] == 0
    time.sleep(0.5)
    assert api.control("GET", "/state").json()["projects"][api.project]["accessControlLists"] == []
    api.close()
