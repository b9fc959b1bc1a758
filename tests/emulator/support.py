"""Helpers for the emulator suite: an HTTP client bound to one project, object factories, error checks."""

from __future__ import annotations

import itertools
import re
import ssl
import time
from typing import Any

import httpx

from pulumi_sinch_est.emulator import EmulatorServer

PASSWORD = "Corr3ctHorseBattery"
ID_RE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{26}$")
TIME_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")
_hosts = itertools.count(1)
_TLS = ssl.create_default_context()  # built once: httpx would load the CA bundle for every new client


def client(server: EmulatorServer, timeout: float = 5.0) -> httpx.Client:
    return httpx.Client(base_url=server.url, timeout=timeout, verify=_TLS)


def unique_host() -> str:
    return f"host-{next(_hosts)}"


def fetch_token(server: EmulatorServer, key_id: str | None = None, key_secret: str | None = None) -> str:
    with client(server) as http:
        response = http.post(
            "/oauth2/token",
            auth=(key_id or server.config.key_id, key_secret or server.config.key_secret),
            data={"grant_type": "client_credentials"},
        )
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


def expect_error(response: httpx.Response, status: int, rpc_status: str, *fragments: str) -> dict[str, Any]:
    """An EST error: HTTP status, §4.2 body with `code`/`status`, message containing each fragment."""
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert body["code"] == status and body["status"] == rpc_status, body
    for fragment in fragments:
        assert fragment in body["message"], body
    return body


def expect_numbers_error(response: httpx.Response, status: int, rpc_status: str, *fragments: str) -> dict[str, Any]:
    """A Numbers API error: `{"error": {code, status, message}}`."""
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == status and error["status"] == rpc_status, error
    for fragment in fragments:
        assert fragment in error["message"], error
    return dict(error)


def violated_fields(body: dict[str, Any]) -> set[str]:
    return {v["field"] for d in body["details"] for v in d.get("fieldViolations", [])}


class Api:
    """An httpx client for one project of a running emulator, authenticated with a bearer token."""

    def __init__(
        self,
        server: EmulatorServer,
        *,
        token: str | None = None,
        project: str | None = None,
        timeout: float = 5.0,
    ) -> None:
        self.server = server
        self.project = project or server.config.project_id
        self.http = client(server, timeout)
        self.token = token or fetch_token(server)

    def close(self) -> None:
        self.http.close()

    def path(self, path: str) -> str:
        return f"/v1/projects/{self.project}{path}"

    def request(
        self,
        method: str,
        path: str,
        *,
        auth: bool = True,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        all_headers = {"Authorization": f"Bearer {self.token}"} if auth else {}
        all_headers.update(headers or {})
        return self.http.request(method, self.path(path), headers=all_headers, **kwargs)

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, json: Any = None, **kwargs: Any) -> httpx.Response:
        return self.request("POST", path, json={} if json is None else json, **kwargs)

    def put(self, path: str, json: Any = None, **kwargs: Any) -> httpx.Response:
        return self.request("PUT", path, json={} if json is None else json, **kwargs)

    def patch(self, path: str, json: Any = None, **kwargs: Any) -> httpx.Response:
        return self.request("PATCH", path, json={} if json is None else json, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("DELETE", path, **kwargs)

    def control(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        return self.http.request(method, "/_emulator" + path, **kwargs)

    # Factories -------------------------------------------------------------------------------------------

    def trunk(self, host: str | None = None, **fields: Any) -> dict[str, Any]:
        response = self.post("/trunks", {"name": "Trunk", "hostName": host or unique_host(), **fields})
        assert response.status_code == 201, response.text
        return dict(response.json())

    def acl(self, name: str = "Office", *ranges: dict[str, Any]) -> dict[str, Any]:
        body = {"name": name, "ipRanges": list(ranges) or [{"ipAddress": "203.0.113.10"}]}
        response = self.post("/accessControlLists", body)
        assert response.status_code == 200, response.text
        return dict(response.json())

    def credential_list(self, name: str = "Creds", *usernames: str) -> dict[str, Any]:
        credentials = [{"username": u, "password": PASSWORD} for u in (usernames or ("alice",))]
        response = self.post("/credentialLists", {"name": name, "credentials": credentials})
        assert response.status_code == 201, response.text
        return dict(response.json())

    def endpoint(self, trunk_id: str, **fields: Any) -> dict[str, Any]:
        body = {"name": "PBX", "priority": 1, **fields}
        if "credentialUsername" not in fields and "address" not in fields:
            body["address"] = "198.51.100.7"
        response = self.post(f"/trunks/{trunk_id}/endpoints", body)
        assert response.status_code == 201, response.text
        return dict(response.json())

    def assign(self, number: str, trunk_id: str) -> dict[str, Any]:
        response = self.patch(f"/activeNumbers/{number}", {"voiceConfiguration": {"type": "EST", "trunkId": trunk_id}})
        assert response.status_code == 200, response.text
        return dict(response.json())

    def settle(self, number: str, timeout: float = 5.0) -> dict[str, Any]:
        """Poll the Numbers API until the number's provisioning has applied or failed."""
        deadline = time.monotonic() + timeout
        while True:
            item = self.get(f"/activeNumbers/{number}").json()
            scheduled = item["voiceConfiguration"]["scheduledVoiceProvisioning"]
            if scheduled is None or scheduled["status"] == "FAILED":
                return dict(item)
            assert time.monotonic() < deadline, item
            time.sleep(0.02)
