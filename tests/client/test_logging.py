"""Wire logging: one line per request with method, path, status and duration, and never a secret."""

from __future__ import annotations

import base64
import logging
import re

import httpx
import pytest
import respx

from pulumi_sinch_est.client import AuthenticationError, CredentialListRequest, CredentialRequest
from tests.conftest import FakeClock

from .conftest import EST_BASE, KEY_ID, KEY_SECRET, TOKEN_URL, MakeClient, jwt, token_response

PASSWORD = "Very-Secret-Passw0rd"


def test_requests_are_logged_without_credentials(
    make_client: MakeClient, router: respx.MockRouter, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    old, new, newest = (jwt({"exp": clock.now + 3600, "n": n}) for n in (1, 2, 3))
    router.post(TOKEN_URL).mock(side_effect=[token_response(token) for token in (old, new, newest)])
    router.post(f"{EST_BASE}/credentialLists").mock(
        side_effect=[
            httpx.Response(401, headers={"WWW-Authenticate": 'Bearer error="invalid_token", error="expired"'}),
            httpx.Response(201, json={"id": "C1", "name": "l"}),
        ]
    )
    router.put(f"{EST_BASE}/credentialLists/C1/credentials/u").respond(
        401, json={"message": f"rejected Bearer {new} for password={PASSWORD}"}
    )
    client = make_client(keys=True)

    with caplog.at_level(logging.DEBUG):
        client.credential_lists.create(
            CredentialListRequest(name="l", credentials=[CredentialRequest(username="u", password=PASSWORD)])
        )
        with pytest.raises(AuthenticationError) as caught:
            client.credential_lists.set_password("C1", "u", PASSWORD)

    wire = [
        r.getMessage() for r in caplog.records if r.name == "pulumi_sinch_est.client" and r.levelno == logging.DEBUG
    ]
    assert re.fullmatch(r"POST /oauth2/token -> 200 in \d+ ms", wire[0])
    assert re.fullmatch(r"POST /v1/projects/[\w-]+/credentialLists -> 401 in \d+ ms", wire[1])
    assert wire[2].startswith("POST /oauth2/token -> 200")
    assert wire[3].endswith("ms") and "credentialLists -> 201" in wire[3]
    assert any("/credentials/u -> 401" in line for line in wire)

    basic = base64.b64encode(f"{KEY_ID}:{KEY_SECRET}".encode()).decode()
    everything = "\n".join([*(r.getMessage() for r in caplog.records), caplog.text, str(caught.value)])
    for secret in (KEY_SECRET, basic, old, new, newest, PASSWORD):
        assert secret not in everything


def test_transport_failures_are_logged(
    make_client: MakeClient, router: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    router.get(f"{EST_BASE}/trunks/T1").mock(side_effect=[httpx.ConnectError("refused"), httpx.Response(200, json={})])

    with caplog.at_level(logging.DEBUG, logger="pulumi_sinch_est.client"):
        make_client().trunks.get("T1")

    assert any(
        re.fullmatch(r"GET /v1/projects/[\w-]+/trunks/T1 failed after \d+ ms: ConnectError", r.getMessage())
        for r in caplog.records
    )
