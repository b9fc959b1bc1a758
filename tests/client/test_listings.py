"""Reads answered from a listing (`client.listings`): one listing per collection, a short window, writes
drop it, an object missing from it is confirmed with a GET, a failed listing falls back to GETs."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
import respx

from pulumi_sinch_est.client import NotFoundError, SinchClient, TrunkRequest
from pulumi_sinch_est.client.listings import WINDOW_S, Listings
from tests.conftest import FakeClock

from .conftest import EST_BASE, NUMBERS_BASE


def trunk(trunk_id: str, name: str = "Voice") -> dict[str, Any]:
    return {"id": trunk_id, "name": name, "hostName": trunk_id.lower()}


def page(items: list[dict[str, Any]], number: int, total: int, size: int = 500) -> dict[str, Any]:
    return {"trunks": items, "totalItems": total, "pageNumber": number, "pageSize": size}


def test_first_read_lists_every_page_at_the_largest_size_and_later_reads_use_it(
    client: SinchClient, router: respx.MockRouter
) -> None:
    listing = router.get(f"{EST_BASE}/trunks").mock(
        side_effect=[
            httpx.Response(200, json=page([trunk("T1"), trunk("T2")], 1, 3, size=2)),
            httpx.Response(200, json=page([trunk("T3")], 2, 3, size=2)),
        ]
    )
    gets = router.get(url__regex=rf"{EST_BASE}/trunks/.+").respond(404)

    assert [client.trunks.read(i).id for i in ("T2", "T1", "T3", "T2")] == ["T2", "T1", "T3", "T2"]

    assert [(c.request.url.params["page"], c.request.url.params["size"]) for c in listing.calls] == [
        ("1", "500"),
        ("2", "500"),
    ]
    assert gets.call_count == 0


def test_an_object_missing_from_the_listing_is_confirmed_with_a_get(
    client: SinchClient, router: respx.MockRouter
) -> None:
    listing = router.get(f"{EST_BASE}/trunks").respond(200, json=page([trunk("T1")], 1, 1))
    created_since = router.get(f"{EST_BASE}/trunks/T2").respond(200, json=trunk("T2", "made by another stack"))
    deleted = router.get(f"{EST_BASE}/trunks/T9").respond(404, json={"code": 404, "status": "NOT_FOUND"})

    assert client.trunks.read("T1").id == "T1"
    assert client.trunks.read("T2").name == "made by another stack"
    with pytest.raises(NotFoundError):
        client.trunks.read("T9")
    assert (listing.call_count, created_since.call_count, deleted.call_count) == (1, 1, 1)


def test_the_listing_answers_for_a_short_window_only(
    client: SinchClient, router: respx.MockRouter, clock: FakeClock
) -> None:
    listing = router.get(f"{EST_BASE}/trunks").mock(
        side_effect=[
            httpx.Response(200, json=page([trunk("T1", "before")], 1, 1)),
            httpx.Response(200, json=page([trunk("T1", "after")], 1, 1)),
        ]
    )
    assert client.trunks.read("T1").name == "before"
    clock.now += WINDOW_S / 2
    assert client.trunks.read("T1").name == "before"
    clock.now += WINDOW_S / 2
    assert client.trunks.read("T1").name == "after"
    assert listing.call_count == 2


@pytest.mark.parametrize("status", [200, 500])
def test_a_write_by_this_process_drops_the_listing(client: SinchClient, router: respx.MockRouter, status: int) -> None:
    """Succeeded or not (a failed PUT may still have been applied), a write makes the next read list again."""
    listing = router.get(f"{EST_BASE}/trunks").mock(
        side_effect=[
            httpx.Response(200, json=page([trunk("T1", "before")], 1, 1)),
            httpx.Response(200, json=page([trunk("T1", "after")], 1, 1)),
        ]
    )
    router.put(f"{EST_BASE}/trunks/T1").respond(status, json=trunk("T1", "after"))
    assert client.trunks.read("T1").name == "before"
    try:
        client.trunks.replace("T1", TrunkRequest(name="after", host_name="t1"))
    except Exception:
        assert status == 500
    assert client.trunks.read("T1").name == "after"
    assert listing.call_count == 2


def test_get_always_asks_the_server(client: SinchClient, router: respx.MockRouter) -> None:
    router.get(f"{EST_BASE}/trunks").respond(200, json=page([trunk("T1", "listed")], 1, 1))
    one = router.get(f"{EST_BASE}/trunks/T1").respond(200, json=trunk("T1", "now"))
    client.trunks.read("T1")
    assert client.trunks.get("T1").name == "now"
    assert one.call_count == 1


def test_a_failed_listing_falls_back_to_gets_for_the_window(
    client: SinchClient, router: respx.MockRouter, clock: FakeClock
) -> None:
    listing = router.get(f"{EST_BASE}/trunks").respond(400, json={"code": 400, "message": "size too large"})
    gets = router.get(url__regex=rf"{EST_BASE}/trunks/T\d").mock(
        side_effect=lambda request: httpx.Response(200, json=trunk(request.url.path.rsplit("/", 1)[1]))
    )
    assert [client.trunks.read(i).id for i in ("T1", "T2")] == ["T1", "T2"]
    assert (listing.call_count, gets.call_count) == (1, 2)
    clock.now += WINDOW_S
    client.trunks.read("T1")
    assert listing.call_count == 2


def test_concurrent_reads_of_a_collection_share_one_listing(client: SinchClient, router: respx.MockRouter) -> None:
    ids = [f"T{i}" for i in range(16)]
    listing = router.get(f"{EST_BASE}/trunks").respond(200, json=page([trunk(i) for i in ids], 1, len(ids)))
    with ThreadPoolExecutor(max_workers=4) as pool:
        found = list(pool.map(lambda i: client.trunks.read(i).id, ids))
    assert found == ids
    assert listing.call_count == 1


def test_endpoints_are_listed_per_trunk(client: SinchClient, router: respx.MockRouter) -> None:
    def endpoints(trunk_id: str, *ids: str) -> respx.Route:
        items = [{"id": i, "name": i, "priority": 1, "address": "203.0.113.1"} for i in ids]
        body = {"endpoints": items, "totalItems": len(items), "pageNumber": 1, "pageSize": 500}
        return router.get(f"{EST_BASE}/trunks/{trunk_id}/endpoints").respond(200, json=body)

    first, second = endpoints("T1", "E1", "E2"), endpoints("T2", "E3")
    assert [client.endpoints.read("T1", i).id for i in ("E1", "E2")] == ["E1", "E2"]
    assert client.endpoints.read("T2", "E3").id == "E3"
    assert (first.call_count, second.call_count) == (1, 1)


def test_links_are_listed_per_trunk_and_a_missing_one_is_listed_again(
    client: SinchClient, router: respx.MockRouter
) -> None:
    def ids(*items: str) -> httpx.Response:
        body = {"accessControlListIds": list(items), "totalItems": len(items), "pageNumber": 1, "pageSize": 500}
        return httpx.Response(200, json=body)

    links = router.get(f"{EST_BASE}/trunks/T1/accessControlLists").mock(
        side_effect=[ids("A1", "A2"), ids("A1", "A2", "A3"), ids("A1", "A2", "A3")]
    )
    router.get(f"{EST_BASE}/trunks/T9/accessControlLists").respond(404, json={"code": 404})

    assert client.trunks.has_access_control_list("T1", "A1")
    assert client.trunks.has_access_control_list("T1", "A2")
    assert links.call_count == 1
    assert client.trunks.has_access_control_list("T1", "A3"), "linked by another stack after the listing"
    assert not client.trunks.has_access_control_list("T1", "A4")
    assert links.call_count == 3
    assert not client.trunks.has_access_control_list("T9", "A1"), "the trunk is gone"


def test_active_numbers_are_listed_in_the_largest_pages(client: SinchClient, router: respx.MockRouter) -> None:
    numbers = [{"phoneNumber": f"+1555000000{i}", "regionCode": "US"} for i in range(3)]
    listing = router.get(f"{NUMBERS_BASE}/activeNumbers").respond(200, json={"activeNumbers": numbers})
    assert client.active_numbers.read("+15550000002").phone_number == "+15550000002"
    assert client.active_numbers.read("+15550000000").region_code == "US"
    assert listing.call_count == 1
    assert listing.calls.last.request.url.params["pageSize"] == "1000"


def test_a_listing_crossed_by_a_write_is_neither_kept_nor_used(clock: FakeClock) -> None:
    listings = Listings(clock)
    answers: list[str] = []

    def list_while_writing() -> dict[str, str]:
        listings.note_write()
        return {"A": "listed before the write"}

    def get_one() -> str:
        answers.append("get")
        return "read after the write"

    assert listings.read("kind", "A", list_while_writing, get_one) == "read after the write"
    assert listings.read("kind", "A", lambda: {"A": "listed again"}, get_one) == "listed again"
    assert answers == ["get"]
