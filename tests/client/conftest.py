"""Fixtures for client tests: a mocked network, a fake clock, and clients wired to both."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
import respx

from pulumi_sinch_est.client import RetryPolicy, SinchClient
from pulumi_sinch_est.client.auth import TokenCache
from pulumi_sinch_est.config import Settings
from tests.conftest import FakeClock

PROJECT = "3acb7ae1-cf3d-4112-ba5e-3a9d8c71cd47"
EST = "https://est.example"
NUMBERS = "https://numbers.example"
AUTH = "https://auth.example"
EST_BASE = f"{EST}/v1/projects/{PROJECT}"
NUMBERS_BASE = f"{NUMBERS}/v1/projects/{PROJECT}"
TOKEN_URL = f"{AUTH}/oauth2/token"

KEY_ID = "key-id-1"
KEY_SECRET = "Key-Secret-Value-42"
STATIC_TOKEN = "static-token-Value-0123456789"


def settings(*, keys: bool = True, timeout_s: float = 30.0) -> Settings:
    return Settings(
        project_id=PROJECT,
        key_id=KEY_ID if keys else None,
        key_secret=KEY_SECRET if keys else None,
        access_token=None if keys else STATIC_TOKEN,
        est_url=EST,
        numbers_url=NUMBERS,
        auth_url=AUTH,
        timeout_s=timeout_s,
    )


def jwt(claims: dict[str, Any]) -> str:
    def segment(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{segment({'alg': 'RS256', 'typ': 'JWT'})}.{segment(claims)}.c2lnbmF0dXJl"


def token_response(token: str, expires_in: int = 3600) -> httpx.Response:
    return httpx.Response(
        200, json={"access_token": token, "token_type": "Bearer", "expires_in": expires_in, "scope": ""}
    )


def sent_json(call: Any) -> Any:
    return json.loads(call.request.content)


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    """Every request must match a route; nothing reaches the network."""
    mock = respx.MockRouter(assert_all_called=False, assert_all_mocked=True)
    yield mock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(now=1_700_000_000.0)  # a wall time, for tokens' expiry


MakeClient = Callable[..., SinchClient]


@pytest.fixture
def make_client(router: respx.MockRouter, clock: FakeClock) -> Iterator[MakeClient]:
    """Clients on the mock network and fake clock, each with a private token cache."""
    clients: list[SinchClient] = []

    def make(*, keys: bool = False, timeout_s: float = 30.0, retry_policy: RetryPolicy | None = None) -> SinchClient:
        client = SinchClient(
            settings(keys=keys, timeout_s=timeout_s),
            retry_policy=retry_policy,
            transport=httpx.MockTransport(router.handler),
            clock=clock,
            token_cache=TokenCache(),
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def client(make_client: MakeClient) -> SinchClient:
    """A client with a static token, so tests of API areas see only their own requests."""
    return make_client()
