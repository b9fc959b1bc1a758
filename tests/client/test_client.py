"""The client as a whole: its public surface, the per-process cache, and success bodies it cannot read."""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import respx

import pulumi_sinch_est.client as client_package
from pulumi_sinch_est.client import (
    ApiError,
    SinchClient,
    SinchError,
    TrunkRequest,
    UnexpectedResponseError,
    errors,
    get_client,
    models,
)
from pulumi_sinch_est.client.auth import TokenCache
from pulumi_sinch_est.client.transport import shared_http_client
from pulumi_sinch_est.config import ConfigurationError
from tests.conftest import FakeClock

from .conftest import EST_BASE, TOKEN_URL, jwt, settings, token_response

AREAS = {
    "trunks": [
        "create",
        "get",
        "list",
        "replace",
        "delete",
        "find_by_host_name",
        "link_access_control_lists",
        "list_access_control_list_ids",
        "unlink_access_control_list",
        "link_credential_lists",
        "list_credential_list_ids",
        "replace_credential_lists",
        "unlink_credential_list",
    ],
    "endpoints": ["create", "get", "list", "replace", "delete"],
    "access_control_lists": [
        "create",
        "get",
        "list",
        "replace",
        "delete",
        "list_trunks",
        "add_ip_range",
        "list_ip_ranges",
        "replace_ip_range",
        "delete_ip_range",
        "find_by_name",
    ],
    "credential_lists": [
        "create",
        "get",
        "list",
        "rename",
        "delete",
        "list_trunks",
        "set_password",
        "delete_credential",
        "find_by_name",
    ],
    "phone_numbers": ["list", "get"],
    "country_permissions": ["list", "get", "update"],
    "call_blocking_rules": ["create", "list", "replace", "delete", "get"],
    "calls": ["find"],
    "projects": ["add"],
    "active_numbers": ["get", "list", "assign_to_trunk", "unassign_from_trunk"],
}


def test_all_is_sorted_and_importable() -> None:
    assert client_package.__all__ == sorted(client_package.__all__)
    for name in client_package.__all__:
        assert hasattr(client_package, name), name


def test_every_error_and_model_is_exported() -> None:
    error_names = {n for n, o in vars(errors).items() if isinstance(o, type) and issubclass(o, SinchError)}
    assert error_names <= set(client_package.__all__)
    assert set(models.__all__) <= set(client_package.__all__)
    assert models.__all__ == sorted(models.__all__)


def test_every_area_has_its_operations() -> None:
    client = SinchClient(settings(keys=False), transport=httpx.MockTransport(lambda r: httpx.Response(500)))
    for area, methods in AREAS.items():
        for method in methods:
            assert callable(getattr(getattr(client, area), method)), f"{area}.{method}"
    client.close()


def test_key_pair_is_preferred_over_a_static_token(router: respx.MockRouter, clock: FakeClock) -> None:
    minted = jwt({"exp": clock.now + 3600})
    router.post(TOKEN_URL).mock(return_value=token_response(minted))
    api = router.get(f"{EST_BASE}/trunks/T1").respond(200, json={"id": "T1"})
    both = dataclasses.replace(settings(keys=True), access_token="also-a-token")

    client = SinchClient(both, transport=httpx.MockTransport(router.handler), clock=clock, token_cache=TokenCache())
    client.trunks.get("T1")

    assert api.calls.last.request.headers["Authorization"] == f"Bearer {minted}"


def test_settings_without_credentials_are_refused() -> None:
    bare = dataclasses.replace(settings(keys=False), access_token=None)

    with pytest.raises(ConfigurationError, match="Sinch credentials are not set"):
        SinchClient(bare, transport=httpx.MockTransport(lambda r: httpx.Response(204)))


def test_get_client_is_one_client_per_settings_across_threads() -> None:
    first = settings(keys=False, timeout_s=11)
    second = settings(keys=False, timeout_s=12)

    with ThreadPoolExecutor(max_workers=8) as pool:
        clients = list(pool.map(lambda _: get_client(first), range(16)))

    assert all(c is clients[0] for c in clients)
    assert get_client(dataclasses.replace(first)) is clients[0], "equal settings share the client"
    assert get_client(second) is not clients[0]
    assert clients[0]._http is get_client(second)._http is shared_http_client(), "one pool per process"


def test_close_releases_a_private_pool_only() -> None:
    private = SinchClient(settings(keys=False), transport=httpx.MockTransport(lambda r: httpx.Response(204)))
    shared = SinchClient(settings(keys=False))

    private.close()
    shared.close()

    assert private._http.is_closed
    assert not shared_http_client().is_closed


def test_repr_shows_no_secret() -> None:
    text = repr(SinchClient(settings(keys=True)))

    assert "Key-Secret" not in text and "key_secret" not in text


@pytest.mark.parametrize(
    ("response", "problem"),
    [
        (httpx.Response(200, content=b"<html>"), "HTTP 200 with a body that is not JSON"),
        (httpx.Response(200, json=["a"]), "expected a JSON object for Trunk"),
        (httpx.Response(200), "expected a JSON object for Trunk"),
        (httpx.Response(200, json={"callsPerSecond": "many"}), "Trunk.callsPerSecond"),
    ],
    ids=["not-json", "array", "empty", "wrong-type"],
)
def test_unreadable_success_bodies_are_unexpected(
    client: SinchClient, router: respx.MockRouter, response: httpx.Response, problem: str
) -> None:
    router.get(f"{EST_BASE}/trunks/T1").mock(return_value=response)

    with pytest.raises(UnexpectedResponseError) as caught:
        client.trunks.get("T1")

    assert problem in str(caught.value)
    assert not isinstance(caught.value, ApiError)
    assert not caught.value.may_have_been_processed  # a read changes nothing


@pytest.mark.parametrize(
    "response",
    [httpx.Response(201, content=b"<html>"), httpx.Response(201), httpx.Response(201, json={"callsPerSecond": "x"})],
    ids=["not-json", "empty", "wrong-type"],
)
def test_an_unreadable_success_answering_a_create_may_have_been_processed(
    client: SinchClient, router: respx.MockRouter, response: httpx.Response
) -> None:
    router.post(f"{EST_BASE}/trunks").mock(return_value=response)

    with pytest.raises(UnexpectedResponseError) as caught:
        client.trunks.create(TrunkRequest(name="Voice", host_name="voice"))

    assert caught.value.may_have_been_processed  # the object may exist: the caller must look it up
    assert str(caught.value).endswith("(the request was processed)")
