"""The EST phone-number read view."""

from __future__ import annotations

from datetime import UTC, datetime

import respx

from pulumi_sinch_est.client import SinchClient

from .conftest import EST_BASE

NUMBER = {
    "id": "01ARZ3NDEKTSV4RRFFQ69G5FAV",
    "sipTrunkId": "5RTRZ3NDEKTSV4RRFFQ69G5EWS",
    "phoneNumber": "+15552229999",
    "countryCode": "US",
    "createTime": "2024-06-06T14:42:42Z",
    "updateTime": None,
}


def test_list_filters_by_trunk_with_the_query_encoded(client: SinchClient, router: respx.MockRouter) -> None:
    route = router.get(f"{EST_BASE}/phoneNumbers").respond(
        200, json={"phoneNumbers": [NUMBER], "totalItems": 1, "pageNumber": 1, "pageSize": 500}
    )

    numbers = client.phone_numbers.list(sip_trunk_id="5RTRZ3NDEKTSV4RRFFQ69G5EWS")

    assert route.calls.last.request.url.params["sipTrunkId"] == "5RTRZ3NDEKTSV4RRFFQ69G5EWS"
    assert [n.phone_number for n in numbers] == ["+15552229999"]
    assert numbers[0].create_time == datetime(2024, 6, 6, 14, 42, 42, tzinfo=UTC)


def test_list_without_filter_sends_no_trunk(client: SinchClient, router: respx.MockRouter) -> None:
    route = router.get(f"{EST_BASE}/phoneNumbers").respond(
        200, json={"phoneNumbers": [], "totalItems": 0, "pageNumber": 1, "pageSize": 500}
    )

    assert client.phone_numbers.list() == []
    assert "sipTrunkId" not in route.calls.last.request.url.params


def test_get_sends_the_number_in_the_path(client: SinchClient, router: respx.MockRouter) -> None:
    route = router.get(f"{EST_BASE}/phoneNumbers/+15552229999").respond(200, json=NUMBER)

    number = client.phone_numbers.get("+15552229999")

    assert route.calls.last.request.url.raw_path.endswith(b"/phoneNumbers/+15552229999")
    assert number.sip_trunk_id == "5RTRZ3NDEKTSV4RRFFQ69G5EWS"
