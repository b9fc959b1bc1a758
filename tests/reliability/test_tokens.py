"""Access tokens that expire mid-run, a rate-limited token endpoint, and five stacks sharing one project's
key at once: every `up` converges and nothing leaks."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest

from .conftest import NUMBERS, Chaos, Timer, until_done
from .programs import every_type

pytestmark = pytest.mark.engine


@contextmanager
def expiring_tokens(sinch: Chaos, every_requests: int) -> Iterator[None]:
    """Expire every token issued so far each time `every_requests` more API calls have been served, while
    the block runs: counted in requests rather than seconds, so a slow or a fast machine sees the same
    number of expiries mid-run, and a token is always expired while the provider still holds it."""
    stop = threading.Event()

    def api_calls() -> int:
        return sum(not r["path"].startswith(("/oauth2", "/_emulator")) for r in sinch.requests())

    def expire() -> None:
        next_expiry = every_requests
        while not stop.wait(0.05):
            if api_calls() >= next_expiry:
                sinch.expire_tokens()
                next_expiry = api_calls() + every_requests

    thread = threading.Thread(target=expire, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=10)


def test_tokens_expiring_mid_run(sinch: Chaos) -> None:
    timer = Timer.start()
    stack = sinch.stack(every_type(NUMBERS[:1]))
    sinch.faults(latencyMs=10)
    with expiring_tokens(sinch, every_requests=3):
        runs = until_done(stack.up, 3)
    requests = sinch.requests()
    assert any(r["status"] == 401 for r in requests), "no token expired mid-run: nothing was proved"
    assert sum(r["path"] == "/oauth2/token" for r in requests) > 2
    assert sinch.leaks() == {}
    assert sinch.count() == 8
    sinch.faults()
    stack.preview(expect_no_changes=True)
    until_done(stack.destroy, 2)
    assert sinch.count() == 0
    print(f"tokens/expiring: up runs={runs} wall={timer.seconds()} s")


def test_five_stacks_at_once_with_a_rate_limited_token_endpoint(sinch: Chaos) -> None:
    timer = Timer.start()
    stacks = [sinch.stack(every_type(NUMBERS[i : i + 1], tag=f"s{i}"), project=f"five-{i}") for i in range(5)]
    sinch.faults(tokenBucket={"capacity": 2, "refillPerS": 2}, latencyMs=5)

    with ThreadPoolExecutor(max_workers=5) as pool, expiring_tokens(sinch, every_requests=20):
        runs = list(pool.map(lambda stack: until_done(stack.up, 3), stacks))
    limited = [r for r in sinch.requests() if r["fault"] == "rate_limited"]
    assert limited, "the token endpoint never refused: nothing was proved"
    assert sinch.leaks() == {}
    assert sinch.count() == 5 * 8

    with ThreadPoolExecutor(max_workers=5) as pool:
        destroy_runs = list(pool.map(lambda stack: until_done(stack.destroy, 3), stacks))
    assert sinch.count() == 0
    print(f"tokens/five-stacks: up runs={runs} destroy runs={destroy_runs} wall={timer.seconds()} s")
