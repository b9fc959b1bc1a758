"""Creates that Sinch performs but whose response never arrives (the connection drops, or hangs until it
is cut) or is replaced by a 500 (the service failed after committing): the provider must find what it
made instead of making it twice or losing track of it."""

from __future__ import annotations

import pytest

from .conftest import NUMBERS, Chaos, Timer, until_done
from .programs import every_type

pytestmark = pytest.mark.engine

CREATE_CALLS = [
    ("POST", r"/trunks$"),
    ("POST", r"/accessControlLists$"),
    ("POST", r"/credentialLists$"),
    ("POST", r"/trunks/[^/]+/accessControlLists$"),
    ("POST", r"/trunks/[^/]+/credentialLists$"),
    ("POST", r"/trunks/[^/]+/endpoints$"),
    ("PATCH", r"/activeNumbers/"),
]
"""Every write a create makes; each loses its first response."""


@pytest.mark.parametrize(("mode", "hold_s"), [("close", 0), ("hold", 1), ("error", 0)])
def test_lost_create_responses(sinch: Chaos, mode: str, hold_s: float) -> None:
    timer = Timer.start()
    stack = sinch.stack(every_type(NUMBERS[:1]))
    rules = [{"method": m, "pathRegex": p, "times": 1, "mode": mode, "holdS": hold_s} for m, p in CREATE_CALLS]
    sinch.faults(lostResponses=rules)

    runs = until_done(stack.up, 3)
    dropped = [f"{r['method']} {r['path']}" for r in sinch.requests() if r["fault"] == "dropped"]
    assert len(dropped) == len(CREATE_CALLS), dropped
    assert sinch.leaks() == {}
    assert sinch.count() == 8

    sinch.clear_requests()
    stack.preview(expect_no_changes=True)
    assert sinch.writes() == []
    until_done(stack.destroy, 1)
    assert sinch.count() == 0
    print(f"lost-responses/{mode}: up runs={runs} wall={timer.seconds()} s")
