"""The token endpoint and the credential check on every API call."""

from __future__ import annotations

import base64
import json
import time

import httpx

from pulumi_sinch_est.emulator import EmulatorConfig, EmulatorServer

from .support import Api, client, expect_error, expect_numbers_error, fetch_token


def _payload(token: str) -> dict[str, object]:
    part = token.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))))


def test_token_endpoint_issues_jwt_shaped_bearer_token(emulator: EmulatorServer) -> None:
    response = client(emulator).post(
        "/oauth2/token",
        auth=(emulator.config.key_id, emulator.config.key_secret),
        data={"grant_type": "client_credentials"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 3600 and body["scope"] == ""
    token = body["access_token"]
    assert len(token.split(".")) == 3
    payload = _payload(token)
    assert payload["project_id"] == emulator.config.project_id
    assert isinstance(payload["exp"], int) and payload["exp"] > time.time() + 3500


def test_token_endpoint_rejects_bad_credentials(emulator: EmulatorServer) -> None:
    url = "/oauth2/token"
    http = client(emulator)
    wrong = http.post(url, auth=(emulator.config.key_id, "wrong"), data={"grant_type": "client_credentials"})
    assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_client"
    assert "error_description" in wrong.json()
    unknown = http.post(url, auth=("nobody", "x"), data={"grant_type": "client_credentials"})
    assert unknown.status_code == 401 and unknown.json()["error"] == "invalid_client"
    missing = http.post(url, data={"grant_type": "client_credentials"})
    assert missing.status_code == 401 and missing.json()["error"] == "invalid_client"


def test_token_endpoint_checks_grant_type(emulator: EmulatorServer) -> None:
    url = "/oauth2/token"
    http = client(emulator)
    credentials = (emulator.config.key_id, emulator.config.key_secret)
    wrong = http.post(url, auth=credentials, data={"grant_type": "password"})
    assert wrong.status_code == 400 and wrong.json()["error"] == "unsupported_grant_type"
    missing = http.post(url, auth=credentials, data={})
    assert missing.status_code == 400 and missing.json()["error"] == "invalid_request"


def test_missing_credentials_are_401(api: Api) -> None:
    response = api.get("/trunks", auth=False)
    expect_error(response, 401, "UNAUTHENTICATED", "Missing Authorization")
    assert "expired" not in response.headers["www-authenticate"]


def test_invalid_tokens_are_401_without_expired_challenge(api: Api) -> None:
    head, payload, signature = api.token.split(".")
    for token in ("garbage", "a.b.c", f"{head}.{payload}.{signature[:-2]}xx"):
        response = api.get("/trunks", auth=False, headers={"Authorization": f"Bearer {token}"})
        expect_error(response, 401, "UNAUTHENTICATED")
        assert "expired" not in response.headers["www-authenticate"]
    response = api.get("/trunks", auth=False, headers={"Authorization": "Digest abc"})
    expect_error(response, 401, "UNAUTHENTICATED", "Unsupported Authorization scheme")


def test_expired_token_is_401_with_expired_challenge_and_a_new_token_works(api: Api) -> None:
    assert api.get("/trunks").status_code == 200
    assert api.control("POST", "/tokens/expire").status_code == 204
    response = api.get("/trunks")
    expect_error(response, 401, "UNAUTHENTICATED", "expired")
    assert "expired" in response.headers["www-authenticate"]
    api.token = fetch_token(api.server)
    assert api.get("/trunks").status_code == 200


def test_token_ttl_is_configurable_and_enforced(api: Api) -> None:
    assert api.control("PATCH", "/config", json={"tokenTtlS": 1}).status_code == 200
    response = api.http.post(
        "/oauth2/token",
        data={"grant_type": "client_credentials"},
        auth=(api.server.config.key_id, api.server.config.key_secret),
    )
    assert response.json()["expires_in"] == 1
    api.token = response.json()["access_token"]
    assert api.get("/trunks").status_code == 200
    time.sleep(_payload(api.token)["exp"] - time.time() + 0.05)  # type: ignore[operator]
    response = api.get("/trunks")
    assert response.status_code == 401 and "expired" in response.headers["www-authenticate"]


def test_another_projects_token_is_403(api: Api, other_api: Api) -> None:
    response = api.get("/trunks", auth=False, headers={"Authorization": f"Bearer {other_api.token}"})
    expect_error(response, 403, "PERMISSION_DENIED", api.project)
    numbers = api.get("/activeNumbers", auth=False, headers={"Authorization": f"Bearer {other_api.token}"})
    expect_numbers_error(numbers, 403, "PERMISSION_DENIED")


def test_basic_key_credentials_are_accepted_on_api_calls(api: Api, other_api: Api) -> None:
    config = api.server.config
    good = httpx.BasicAuth(config.key_id, config.key_secret)
    assert api.http.get(api.path("/trunks"), auth=good).status_code == 200
    assert api.http.get(api.path("/activeNumbers"), auth=good).status_code == 200
    bad = api.http.get(api.path("/trunks"), auth=httpx.BasicAuth(config.key_id, "nope"))
    expect_error(bad, 401, "UNAUTHENTICATED")
    other = api.http.get(other_api.path("/trunks"), auth=good)
    expect_error(other, 403, "PERMISSION_DENIED")


def test_numbers_routes_use_the_numbers_error_shape(api: Api) -> None:
    expect_numbers_error(api.get("/activeNumbers", auth=False), 401, "UNAUTHENTICATED")


def test_static_access_token_is_accepted_for_the_configured_project() -> None:
    config = EmulatorConfig(port=0, access_token="static-demo-token")
    with EmulatorServer(config) as server:
        api = Api(server, token="static-demo-token")
        assert api.get("/trunks").status_code == 200
        assert server.env()["SINCH_ACCESS_TOKEN"] == "static-demo-token"
        other = api.http.get("/v1/projects/someone-else/trunks", headers={"Authorization": "Bearer static-demo-token"})
        expect_error(other, 403, "PERMISSION_DENIED")
        api.close()


def test_tokens_from_form_fields_are_accepted(emulator: EmulatorServer) -> None:
    response = client(emulator).post(
        "/oauth2/token",
        data={
            "grant_type": "client_credentials",
            "client_id": emulator.config.key_id,
            "client_secret": emulator.config.key_secret,
        },
    )
    assert response.status_code == 200
