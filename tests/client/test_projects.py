"""Adding projects to EST."""

from __future__ import annotations

import httpx
import respx

from pulumi_sinch_est.client import SinchClient
from tests.conftest import FakeClock

from .conftest import EST_BASE, sent_json


def test_add_posts_ids_and_returns_the_added(client: SinchClient, router: respx.MockRouter) -> None:
    route = router.post(f"{EST_BASE}/addProjects").respond(200, json={"addedProjects": ["b"]})

    assert client.projects.add(["a", "b"]) == ["b"]
    assert sent_json(route.calls.last) == {"projectIds": ["a", "b"]}


def test_add_is_retried_after_an_ambiguous_failure(
    client: SinchClient, router: respx.MockRouter, clock: FakeClock
) -> None:
    route = router.post(f"{EST_BASE}/addProjects").mock(
        side_effect=[httpx.ReadTimeout("slow"), httpx.Response(200, json={"addedProjects": []})]
    )

    assert client.projects.add(["a"]) == []
    assert route.call_count == 2
