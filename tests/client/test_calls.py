"""Call history search."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import respx

from pulumi_sinch_est.client import SinchClient

from .conftest import EST_BASE

CALL = {
    "callId": "N00DL3C4T5",
    "to": "12017777777",
    "from": "sip:12015555555@76.184.202.212",
    "direction": "outbound",
    "answerTime": "2024-06-06T16:57:52Z",
    "endTime": "2024-06-06T16:57:55Z",
    "durationSeconds": 4,
    "callResult": "COMPLETED",
    "pricePerMinute": {"amount": 0.004, "currencyCode": "USD"},
    "billingDurationSeconds": 60,
    "price": {"amount": "0.0040", "currencyCode": "USD"},
    "createTime": "2024-06-06T16:57:45+0000",
    "projectId": "p",
    "trunkId": "01W4FFL35P4NC4K35SIPTRUNK2",
}


def test_find_translates_filters_and_encodes_plus(client: SinchClient, router: respx.MockRouter) -> None:
    route = router.get(f"{EST_BASE}/calls").respond(
        200, json={"calls": [CALL], "totalItems": 1, "pageNumber": 1, "pageSize": 100}
    )

    calls = client.calls.find(from_="+1781", trunk_id="T2", call_result="COMPLETED", **{"createTime>": "2024-06-06"})

    request = route.calls.last.request
    assert b"from=%2B1781" in request.url.query
    assert b"createTime%3E=2024-06-06" in request.url.query
    assert request.url.params["trunkId"] == "T2"
    assert request.url.params["callResult"] == "COMPLETED"
    call = calls[0]
    assert call.from_ == "sip:12015555555@76.184.202.212"
    assert call.create_time == datetime(2024, 6, 6, 16, 57, 45, tzinfo=UTC)
    assert call.price_per_minute is not None and call.price_per_minute.amount == Decimal("0.004")
    assert call.price is not None and call.price.amount == Decimal("0.0040")
