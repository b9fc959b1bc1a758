"""Tokens: fetched once, shared by threads, refreshed early, replaced once on 401, rate limits waited out."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs

import httpx
import pytest
import respx

from pulumi_sinch_est.client import (
    AuthenticationError,
    RateLimitedError,
    SinchClient,
    TrunkRequest,
    UnexpectedResponseError,
)
from pulumi_sinch_est.client.auth import TOKEN_RETRY_AFTER_CAP_S, TokenCache
from tests.conftest import FakeClock

from .conftest import EST_BASE, KEY_ID, KEY_SECRET, STATIC_TOKEN, TOKEN_URL, MakeClient, jwt, settings, token_response

TRUNK = f"{EST_BASE}/trunks/T1"
OK_TRUNK = httpx.Response(200, json={"id": "T1"})
EXPIRED = {"WWW-Authenticate": 'Bearer error="invalid_token", error_description="The access token expired"'}


def bearer(call: respx.models.Call) -> str:
    return call.request.headers["Authorization"].removeprefix("Bearer ")


def test_token_request_uses_basic_auth_and_the_form_grant(
    make_client: MakeClient, router: respx.MockRouter, clock: FakeClock
) -> None:
    token = jwt({"exp": clock.now + 3600})
    token_route = router.post(TOKEN_URL).mock(return_value=token_response(token))
    api = router.get(TRUNK).mock(return_value=OK_TRUNK)
    client = make_client(keys=True)

    client.trunks.get("T1")
    client.trunks.get("T1")

    request = token_route.calls.last.request
    assert request.headers["Authorization"] == httpx.BasicAuth(KEY_ID, KEY_SECRET)._auth_header
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert parse_qs(request.content.decode()) == {"grant_type": ["client_credentials"]}
    assert token_route.call_count == 1, "the second call reuses the cached token"
    assert [bearer(call) for call in api.calls] == [token, token]


def test_eight_threads_share_one_token_request(
    make_client: MakeClient, router: respx.MockRouter, clock: FakeClock
) -> None:
    token = jwt({"exp": clock.now + 3600})

    def slow_token(request: httpx.Request) -> httpx.Response:
        time.sleep(0.05)  # long enough for the other threads to pile up behind the refresh
        return token_response(token)

    token_route = router.post(TOKEN_URL).mock(side_effect=slow_token)
    api = router.get(TRUNK).mock(return_value=OK_TRUNK)
    client = make_client(keys=True)
    start = threading.Barrier(8)

    def call(_: int) -> str | None:
        start.wait(timeout=5)
        return client.trunks.get("T1").id

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(call, range(8)))

    assert results == ["T1"] * 8
    assert token_route.call_count == 1
    assert {bearer(c) for c in api.calls} == {token}


def test_clients_with_the_same_key_share_the_token(router: respx.MockRouter, clock: FakeClock) -> None:
    router.post(TOKEN_URL).mock(return_value=token_response(jwt({"exp": clock.now + 3600})))
    router.get(TRUNK).mock(return_value=OK_TRUNK)
    cache = TokenCache()
    transport = httpx.MockTransport(router.handler)
    first = SinchClient(settings(), transport=transport, clock=clock, token_cache=cache)
    second = SinchClient(settings(timeout_s=5), transport=transport, clock=clock, token_cache=cache)

    first.trunks.get("T1")
    second.trunks.get("T1")

    assert router.routes[0].call_count == 1


@pytest.mark.parametrize(
    ("claims", "expires_in", "still_cached_at", "refreshed_at"),
    [
        ({"exp": 3600}, 3600, 3539, 3541),  # JWT exp: 60 s early
        ({"exp": 3600, "iat": 0}, 99999, 3539, 3541),  # exp wins over expires_in
        (None, 3600, 3539, 3541),  # opaque token: expires_in, 60 s early
        (None, 10, 4.9, 5.1),  # short-lived: halfway
        ({"exp": 20, "iat": 0}, 3600, 9.9, 10.1),  # short-lived JWT: halfway through exp - iat
        ({"exp": -100}, 600, 539, 541),  # exp already past by our clock (skew): expires_in instead
    ],
    ids=["jwt-exp", "jwt-over-expires-in", "opaque", "short-opaque", "short-jwt", "skewed-clock"],
)
def test_tokens_are_refreshed_before_they_expire(
    make_client: MakeClient,
    router: respx.MockRouter,
    clock: FakeClock,
    claims: dict[str, float] | None,
    expires_in: int,
    still_cached_at: float,
    refreshed_at: float,
) -> None:
    start = clock.now

    def issue(request: httpx.Request) -> httpx.Response:
        if claims is None:
            return token_response(f"opaque-{clock.now}", expires_in)
        return token_response(jwt({k: start + v for k, v in claims.items()} | {"n": clock.now}), expires_in)

    token_route = router.post(TOKEN_URL).mock(side_effect=issue)
    router.get(TRUNK).mock(return_value=OK_TRUNK)
    client = make_client(keys=True)

    client.trunks.get("T1")
    clock.now = start + still_cached_at
    client.trunks.get("T1")
    assert token_route.call_count == 1
    clock.now = start + refreshed_at
    client.trunks.get("T1")
    assert token_route.call_count == 2


def test_expired_token_is_replaced_and_the_call_retried_once(
    make_client: MakeClient, router: respx.MockRouter, clock: FakeClock
) -> None:
    old, new = jwt({"exp": clock.now + 3600, "n": 1}), jwt({"exp": clock.now + 3600, "n": 2})
    router.post(TOKEN_URL).mock(side_effect=[token_response(old), token_response(new)])
    seen: list[tuple[str, bytes]] = []  # httpx re-sends the same Request object, so copy what was on it

    def api(request: httpx.Request) -> httpx.Response:
        seen.append((request.headers["Authorization"], request.read()))
        return httpx.Response(401, headers=EXPIRED) if len(seen) == 1 else httpx.Response(201, json={"id": "T1"})

    router.post(f"{EST_BASE}/trunks").mock(side_effect=api)
    client = make_client(keys=True)

    assert client.trunks.create(TrunkRequest(name="n", host_name="h")).id == "T1"

    assert [auth for auth, _ in seen] == [f"Bearer {old}", f"Bearer {new}"]
    assert seen[0][1] == seen[1][1] != b"", "the body is sent again intact"


def test_other_401s_also_get_one_retry_with_a_fresh_token(
    make_client: MakeClient, router: respx.MockRouter, clock: FakeClock
) -> None:
    token_route = router.post(TOKEN_URL).mock(return_value=token_response(jwt({"exp": clock.now + 3600})))
    api = router.get(TRUNK).mock(side_effect=[httpx.Response(401), OK_TRUNK])
    client = make_client(keys=True)

    client.trunks.get("T1")

    assert api.call_count == 2
    assert token_route.call_count == 2


def test_a_second_401_is_final(make_client: MakeClient, router: respx.MockRouter, clock: FakeClock) -> None:
    token_route = router.post(TOKEN_URL).mock(return_value=token_response(jwt({"exp": clock.now + 3600})))
    api = router.get(TRUNK).mock(return_value=httpx.Response(401, headers=EXPIRED, json={"title": "Unauthorized"}))
    client = make_client(keys=True)

    with pytest.raises(AuthenticationError) as caught:
        client.trunks.get("T1")

    assert api.call_count == 2
    assert token_route.call_count == 2
    assert "SINCH_KEY_ID/SINCH_KEY_SECRET" in str(caught.value)


def test_concurrent_401s_refresh_once(make_client: MakeClient, router: respx.MockRouter, clock: FakeClock) -> None:
    old, new = jwt({"exp": clock.now + 3600, "n": 1}), jwt({"exp": clock.now + 3600, "n": 2})
    token_route = router.post(TOKEN_URL).mock(side_effect=[token_response(old), token_response(new)])
    all_rejected = threading.Barrier(4)

    def api(request: httpx.Request) -> httpx.Response:
        if request.headers["Authorization"] == f"Bearer {old}":
            all_rejected.wait(timeout=5)
            return httpx.Response(401, headers=EXPIRED)
        return httpx.Response(200, json={"id": "T1"})

    router.get(TRUNK).mock(side_effect=api)
    client = make_client(keys=True)

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: client.trunks.get("T1").id, range(4)))

    assert results == ["T1"] * 4
    assert token_route.call_count == 2, "one initial fetch, one refresh shared by all four threads"


def test_static_token_is_sent_as_is_and_a_401_is_final(client: SinchClient, router: respx.MockRouter) -> None:
    api = router.get(TRUNK).mock(return_value=httpx.Response(401, headers=EXPIRED))

    with pytest.raises(AuthenticationError, match="access token has expired"):
        client.trunks.get("T1")

    assert api.call_count == 1
    assert bearer(api.calls.last) == STATIC_TOKEN


def test_token_endpoint_429_backs_off_with_growing_full_jitter(
    make_client: MakeClient, router: respx.MockRouter, clock: FakeClock
) -> None:
    token_route = router.post(TOKEN_URL).mock(
        side_effect=[
            httpx.Response(429),
            httpx.Response(429),
            httpx.Response(429),
            token_response(jwt({"exp": clock.now + 3600})),
        ]
    )
    router.get(TRUNK).mock(return_value=OK_TRUNK)
    client = make_client(keys=True)

    client.trunks.get("T1")

    assert token_route.call_count == 4
    assert len(clock.sleeps) == 3
    assert all(0 <= slept <= cap for slept, cap in zip(clock.sleeps, [1, 4, 16], strict=True))


def test_token_endpoint_429_honours_retry_after(
    make_client: MakeClient, router: respx.MockRouter, clock: FakeClock
) -> None:
    router.post(TOKEN_URL).mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "2"}),
            token_response(jwt({"exp": clock.now + 3600})),
        ]
    )
    router.get(TRUNK).mock(return_value=OK_TRUNK)

    make_client(keys=True).trunks.get("T1")

    assert clock.sleeps == [2.0]


def test_token_endpoint_429_gives_up_after_three_retries(
    make_client: MakeClient, router: respx.MockRouter, clock: FakeClock
) -> None:
    token_route = router.post(TOKEN_URL).mock(return_value=httpx.Response(429))
    api = router.get(TRUNK).mock(return_value=OK_TRUNK)

    with pytest.raises(RateLimitedError, match="obtaining an access token failed: HTTP 429"):
        make_client(keys=True).trunks.get("T1")

    assert token_route.call_count == 4
    assert not api.called


def test_bad_credentials_are_reported_without_the_secret(make_client: MakeClient, router: respx.MockRouter) -> None:
    router.post(TOKEN_URL).respond(
        401, json={"error": "invalid_client", "error_description": f"Bad client secret {KEY_SECRET}"}
    )

    with pytest.raises(AuthenticationError) as caught:
        make_client(keys=True).trunks.get("T1")

    message = str(caught.value)
    assert message.startswith(
        "obtaining an access token failed: HTTP 401 invalid_client: Bad client secret [REDACTED] (hint: check"
    )
    assert KEY_SECRET not in message


def test_token_response_without_a_token_is_unexpected(make_client: MakeClient, router: respx.MockRouter) -> None:
    router.post(TOKEN_URL).respond(200, json={"token_type": "Bearer"})

    with pytest.raises(UnexpectedResponseError, match="no access_token"):
        make_client(keys=True).trunks.get("T1")


def test_auth_reprs_hide_secrets() -> None:
    from pulumi_sinch_est.client.auth import ClientCredentials, StaticToken

    assert KEY_SECRET not in repr(ClientCredentials("https://a", KEY_ID, KEY_SECRET, cache=TokenCache()))
    assert STATIC_TOKEN not in repr(StaticToken(STATIC_TOKEN))


def test_token_endpoint_retry_after_is_capped(
    make_client: MakeClient, router: respx.MockRouter, clock: FakeClock
) -> None:
    router.post(TOKEN_URL).mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "3600"}),
            token_response(jwt({"exp": clock.now + 3600})),
        ]
    )
    router.get(TRUNK).mock(return_value=OK_TRUNK)

    make_client(keys=True, timeout_s=60).trunks.get("T1")

    assert clock.sleeps == [TOKEN_RETRY_AFTER_CAP_S]


def test_token_endpoint_retry_after_beyond_the_deadline_fails_without_waiting(
    make_client: MakeClient, router: respx.MockRouter, clock: FakeClock
) -> None:
    token_route = router.post(TOKEN_URL).mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "10"}),
            token_response(jwt({"exp": clock.now + 3600})),
        ]
    )
    api = router.get(TRUNK).mock(return_value=OK_TRUNK)

    with pytest.raises(RateLimitedError, match="obtaining an access token failed: HTTP 429"):
        make_client(keys=True, timeout_s=5).trunks.get("T1")

    assert clock.sleeps == [] and token_route.call_count == 1 and not api.called


class LockWatchingClock(FakeClock):
    """Records, for every sleep, whether the token slot's lock was held while sleeping."""

    def __init__(self, lock: threading.Lock) -> None:
        super().__init__()
        self.lock = lock
        self.locked_while_sleeping: list[bool] = []

    def sleep(self, seconds: float) -> None:
        self.locked_while_sleeping.append(self.lock.locked())
        super().sleep(seconds)


def test_token_endpoint_back_off_is_slept_outside_the_shared_lock(router: respx.MockRouter) -> None:
    """Every provider thread waits on that lock: a sleep under it would freeze them all."""
    cache = TokenCache()
    clock = LockWatchingClock(cache.slot(settings().auth_url, KEY_ID).lock)
    router.post(TOKEN_URL).mock(
        side_effect=[httpx.Response(429, headers={"Retry-After": "2"}), token_response(jwt({"exp": clock.now + 3600}))]
    )
    router.get(TRUNK).mock(return_value=OK_TRUNK)
    client = SinchClient(settings(), transport=httpx.MockTransport(router.handler), clock=clock, token_cache=cache)

    client.trunks.get("T1")

    assert clock.locked_while_sleeping == [False]
    client.close()


def test_a_thread_arriving_during_the_pause_waits_without_calling_the_endpoint(
    router: respx.MockRouter, clock: FakeClock
) -> None:
    cache = TokenCache()
    slot = cache.slot(settings().auth_url, KEY_ID)
    slot.quiet_until = clock.monotonic() + 3
    token_route = router.post(TOKEN_URL).mock(return_value=token_response(jwt({"exp": clock.now + 3600})))
    router.get(TRUNK).mock(return_value=OK_TRUNK)
    client = SinchClient(settings(), transport=httpx.MockTransport(router.handler), clock=clock, token_cache=cache)

    client.trunks.get("T1")

    assert clock.sleeps == [3.0] and token_route.call_count == 1
    client.close()
