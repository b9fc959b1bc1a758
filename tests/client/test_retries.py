"""Which failures are retried, how long the client waits, and that the deadline bounds it all."""

from __future__ import annotations

import logging
import random
import time

import httpx
import pytest
import respx

from pulumi_sinch_est.client import (
    ApiError,
    BadRequestError,
    RateLimitedError,
    RetryPolicy,
    ServerError,
    SinchClient,
    TransportError,
    TrunkRequest,
)
from pulumi_sinch_est.client.retries import parse_retry_after
from tests.conftest import FakeClock

from .conftest import EST_BASE, MakeClient

TRUNKS = f"{EST_BASE}/trunks"
TRUNK = f"{EST_BASE}/trunks/T1"
OK_TRUNK = httpx.Response(200, json={"id": "T1"})
REQUEST = TrunkRequest(name="n", host_name="h")


def test_429_waits_for_retry_after_seconds(client: SinchClient, router: respx.MockRouter, clock: FakeClock) -> None:
    router.get(TRUNK).mock(side_effect=[httpx.Response(429, headers={"Retry-After": "7"}), OK_TRUNK])

    assert client.trunks.get("T1").id == "T1"
    assert clock.sleeps == [7.0]


def test_429_waits_for_retry_after_http_date(client: SinchClient, router: respx.MockRouter, clock: FakeClock) -> None:
    clock.now = 1_700_000_000.0  # Tue, 14 Nov 2023 22:13:20 GMT
    router.get(TRUNK).mock(
        side_effect=[httpx.Response(429, headers={"Retry-After": "Tue, 14 Nov 2023 22:13:23 GMT"}), OK_TRUNK]
    )

    client.trunks.get("T1")

    assert clock.sleeps == [3.0]


@pytest.mark.parametrize("status", [429, 500, 502, 503, 504])
def test_get_is_retried_on_transient_statuses(
    client: SinchClient, router: respx.MockRouter, clock: FakeClock, status: int
) -> None:
    route = router.get(TRUNK).mock(side_effect=[httpx.Response(status), httpx.Response(status), OK_TRUNK])

    assert client.trunks.get("T1").id == "T1"
    assert route.call_count == 3
    assert len(clock.sleeps) == 2


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
@pytest.mark.parametrize("failure", [httpx.ReadTimeout, httpx.RemoteProtocolError, httpx.ReadError])
def test_idempotent_writes_are_retried_after_ambiguous_failures(
    client: SinchClient, router: respx.MockRouter, method: str, failure: type[Exception]
) -> None:
    route = router.route(method=method, url=TRUNK).mock(side_effect=[failure("lost"), OK_TRUNK])

    if method == "PUT":
        client.trunks.replace("T1", REQUEST)
    else:
        client.trunks.delete("T1")

    assert route.call_count == 2


@pytest.mark.parametrize("failure", [httpx.ReadTimeout, httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteTimeout])
def test_post_is_not_retried_after_it_may_have_arrived(
    client: SinchClient, router: respx.MockRouter, failure: type[Exception]
) -> None:
    route = router.post(TRUNKS).mock(side_effect=[failure("lost"), OK_TRUNK])

    with pytest.raises(TransportError) as caught:
        client.trunks.create(REQUEST)

    assert route.call_count == 1
    assert caught.value.may_have_been_processed is True
    assert str(caught.value).startswith(f"creating trunk 'h' failed: no response from Sinch: {failure.__name__}")
    assert str(caught.value).endswith("(the request may have been processed)")


@pytest.mark.parametrize("failure", [httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout])
def test_post_is_retried_when_it_was_never_sent(
    client: SinchClient, router: respx.MockRouter, failure: type[Exception]
) -> None:
    route = router.post(TRUNKS).mock(side_effect=[failure("refused"), OK_TRUNK])

    assert client.trunks.create(REQUEST).id == "T1"
    assert route.call_count == 2


@pytest.mark.parametrize(("status", "headers"), [(429, {}), (503, {"Retry-After": "1"})])
def test_post_is_retried_on_statuses_that_prove_it_was_not_processed(
    client: SinchClient, router: respx.MockRouter, status: int, headers: dict[str, str]
) -> None:
    route = router.post(TRUNKS).mock(side_effect=[httpx.Response(status, headers=headers), OK_TRUNK])

    client.trunks.create(REQUEST)

    assert route.call_count == 2


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_post_is_not_retried_on_ambiguous_server_errors(
    client: SinchClient, router: respx.MockRouter, status: int
) -> None:
    route = router.post(TRUNKS).mock(side_effect=[httpx.Response(status), OK_TRUNK])

    with pytest.raises(ServerError) as caught:
        client.trunks.create(REQUEST)

    assert route.call_count == 1
    assert caught.value.status_code == status
    assert caught.value.may_have_been_processed is True


@pytest.mark.parametrize(("method", "status"), [("PUT", 500), ("POST", 429), ("POST", 400)])
def test_failures_that_prove_nothing_was_written_say_so(
    make_client: MakeClient, router: respx.MockRouter, method: str, status: int
) -> None:
    """A PUT is retried until it gives up, so its last 500 is not a half-done create; a 429 or a 400
    refused the request."""
    client = make_client(retry_policy=RetryPolicy(max_attempts=2))
    router.route(method=method, url__startswith=TRUNKS).respond(status)

    with pytest.raises(ApiError) as caught:
        if method == "PUT":
            client.trunks.replace("T1", REQUEST)
        else:
            client.trunks.create(REQUEST)

    assert caught.value.may_have_been_processed is False


def test_client_errors_are_not_retried(client: SinchClient, router: respx.MockRouter) -> None:
    route = router.get(TRUNK).mock(side_effect=[httpx.Response(400, json={"message": "bad"}), OK_TRUNK])

    with pytest.raises(BadRequestError):
        client.trunks.get("T1")

    assert route.call_count == 1


def test_attempts_are_bounded(make_client: MakeClient, router: respx.MockRouter, clock: FakeClock) -> None:
    client = make_client(retry_policy=RetryPolicy(max_attempts=3))
    route = router.get(TRUNK).respond(429)

    with pytest.raises(RateLimitedError):
        client.trunks.get("T1")

    assert route.call_count == 3
    assert len(clock.sleeps) == 2


def test_connect_errors_exhausted_report_not_processed(make_client: MakeClient, router: respx.MockRouter) -> None:
    client = make_client(retry_policy=RetryPolicy(max_attempts=2))
    router.post(TRUNKS).mock(side_effect=httpx.ConnectError("refused"))

    with pytest.raises(TransportError) as caught:
        client.trunks.create(REQUEST)

    assert caught.value.may_have_been_processed is False
    assert isinstance(caught.value.__cause__, httpx.ConnectError)


def test_backoff_is_full_jitter_under_an_exponential_cap(
    make_client: MakeClient, router: respx.MockRouter, clock: FakeClock
) -> None:
    random.seed(1234)
    client = make_client(timeout_s=1000, retry_policy=RetryPolicy(max_attempts=6, base_delay_s=0.5, max_delay_s=3.0))
    router.get(TRUNK).respond(503)

    with pytest.raises(ServerError):
        client.trunks.get("T1")

    caps = [0.5, 1.0, 2.0, 3.0, 3.0]
    assert len(clock.sleeps) == len(caps)
    assert all(0.0 <= slept <= cap for slept, cap in zip(clock.sleeps, caps, strict=True))
    assert len(set(clock.sleeps)) == len(caps), "full jitter draws a fresh random delay each time"


def test_a_wait_past_the_deadline_is_not_taken(
    make_client: MakeClient, router: respx.MockRouter, clock: FakeClock
) -> None:
    client = make_client(timeout_s=5)
    route = router.get(TRUNK).mock(side_effect=[httpx.Response(503, headers={"Retry-After": "10"}), OK_TRUNK])

    with pytest.raises(ServerError):
        client.trunks.get("T1")

    assert route.call_count == 1
    assert clock.sleeps == []


def test_time_spent_counts_against_the_deadline(
    make_client: MakeClient, router: respx.MockRouter, clock: FakeClock
) -> None:
    client = make_client(timeout_s=10)
    timeouts: list[float] = []

    def slow_503(request: httpx.Request) -> httpx.Response:
        timeouts.append(request.extensions["timeout"]["read"])
        clock.now += 3  # each attempt takes 3 s
        return httpx.Response(503, headers={"Retry-After": "1"})

    router.get(TRUNK).mock(side_effect=slow_503)

    with pytest.raises(ServerError):
        client.trunks.get("T1")

    # 0-3 s attempt, 1 s wait, 4-7 s attempt, 1 s wait, 8-11 s attempt; a further wait would end past 10 s.
    assert timeouts == [10.0, 6.0, 2.0]
    assert clock.sleeps == [1.0, 1.0]


def test_timeout_at_the_deadline_says_so(make_client: MakeClient, router: respx.MockRouter, clock: FakeClock) -> None:
    client = make_client(timeout_s=2)

    def hang(request: httpx.Request) -> httpx.Response:
        clock.now += request.extensions["timeout"]["read"]
        raise httpx.ReadTimeout("timed out", request=request)

    router.get(TRUNK).mock(side_effect=hang)

    with pytest.raises(TransportError, match="the 2 s deadline for the operation ran out"):
        client.trunks.get("T1")


def test_retries_are_logged_with_their_reason(
    client: SinchClient, router: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    router.post(TRUNKS).mock(
        side_effect=[httpx.ConnectError("refused"), httpx.Response(503, headers={"Retry-After": "1"}), OK_TRUNK]
    )

    with caplog.at_level(logging.INFO, logger="pulumi_sinch_est.client"):
        client.trunks.create(REQUEST)

    retries = [r.getMessage() for r in caplog.records if "retrying" in r.getMessage()]
    assert len(retries) == 2
    assert "ConnectError, request not sent" in retries[0]
    assert "HTTP 503" in retries[1]
    assert retries[0].startswith("creating trunk 'h': ")
    assert "POST /v1/projects/" in retries[0] and "(attempt 2 of 6)" in retries[0]


def test_giving_up_is_logged(
    make_client: MakeClient, router: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    client = make_client(retry_policy=RetryPolicy(max_attempts=2))
    router.get(TRUNK).respond(500)

    with caplog.at_level(logging.INFO, logger="pulumi_sinch_est.client"), pytest.raises(ServerError):
        client.trunks.get("T1")

    assert any("giving up after 2 attempts (HTTP 500)" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("", None),
        ("3", 3.0),
        ("2.5", 2.5),
        ("-4", 0.0),
        ("Tue, 14 Nov 2023 22:13:30 GMT", 10.0),
        ("Tue, 14 Nov 2023 22:13:00 GMT", 0.0),
        ("soon", None),
        ("inf", None),
    ],
)
def test_parse_retry_after(header: str | None, expected: float | None) -> None:
    assert parse_retry_after(header, now=1_700_000_000.0) == expected


def test_an_http_date_ending_in_minus_0000_is_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    """RFC 5322 reads "-0000" as "zone unknown" (a naive datetime, then taken as local time); HTTP dates
    are UTC. A machine clock in New York must not turn 10 s into five hours."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        assert parse_retry_after("Tue, 14 Nov 2023 22:13:30 -0000", now=1_700_000_000.0) == 10.0
    finally:
        monkeypatch.undo()
        time.tzset()


def test_the_last_attempt_is_not_started_without_a_minimum_budget(
    make_client: MakeClient, router: respx.MockRouter, clock: FakeClock
) -> None:
    """After 3 s of a 10 s budget, a 6.5 s wait would leave 0.5 s: an attempt that can only time out."""
    client = make_client(timeout_s=10)

    def slow_503(request: httpx.Request) -> httpx.Response:
        clock.now += 3
        return httpx.Response(503, headers={"Retry-After": "6.5"})

    route = router.get(TRUNK).mock(side_effect=slow_503)

    with pytest.raises(ServerError):
        client.trunks.get("T1")

    assert route.call_count == 1 and clock.sleeps == []
