"""`up` and `destroy` while a fifth of the API calls fail (429 with Retry-After, 500, 503) and every call
is slow: runs are repeated until they succeed, as a user would, and nothing may leak or double."""

from __future__ import annotations

import pytest

from .conftest import NUMBERS, Chaos, Timer, until_done
from .programs import Program, every_type, wide

pytestmark = pytest.mark.engine

FAULTS = {"errorRates": {"429": 0.08, "500": 0.04, "503": 0.08}, "latencyMs": 10, "retryAfterS": 1}
"""20% of API calls fail. The client retries every call on 429, and GET, PUT, DELETE and the number PATCH
on 500 and 503 too; a create's POST that gets a 500 or a 503 without Retry-After (as injected here) may
have been processed, so it is not retried: the create fails and the `up` with it (the engine starts no new
step after a failure), and the user runs `up` again. About one create in eight fails so, hence several
runs for 60 objects."""
MAX_RUNS = 10


def _up_preview_destroy(sinch: Chaos, program: Program, expected_objects: int) -> tuple[int, int]:
    stack = sinch.stack(program)
    sinch.faults(**FAULTS)
    up_runs = until_done(stack.up, MAX_RUNS)
    assert any(r["fault"] == "injected" for r in sinch.requests()), "no fault was injected: nothing was proved"
    assert sinch.leaks() == {}
    assert sinch.count() == expected_objects

    sinch.clear_requests()
    stack.preview(expect_no_changes=True)
    assert sinch.writes() == []

    destroy_runs = until_done(stack.destroy, MAX_RUNS)
    assert sinch.count() == 0
    return up_runs, destroy_runs


def test_faults_every_type(sinch: Chaos) -> None:
    timer = Timer.start()
    up_runs, destroy_runs = _up_preview_destroy(sinch, every_type(NUMBERS[:2]), expected_objects=9)
    print(f"faults/every-type: up runs={up_runs} destroy runs={destroy_runs} wall={timer.seconds()} s")


def test_faults_sixty_objects(sinch: Chaos) -> None:
    timer = Timer.start()
    up_runs, destroy_runs = _up_preview_destroy(sinch, wide(15), expected_objects=60)
    print(f"faults/60-objects: up runs={up_runs} destroy runs={destroy_runs} wall={timer.seconds()} s")
