"""Numbers API: reading rented numbers and (un)assigning them to trunks."""

from __future__ import annotations

import httpx
import pytest
import respx

from pulumi_sinch_est.client import NotFoundError, SinchClient

from .conftest import NUMBERS_BASE, sent_json

# est-api.md §7.1, the SDK's unit-test response to an EST assignment still WAITING.
WAITING = {
    "phoneNumber": "+17813334444",
    "projectId": "projectIdFromDashboard",
    "displayName": "Updated display name",
    "regionCode": "US",
    "type": "LOCAL",
    "capability": ["SMS", "VOICE"],
    "money": {"currencyCode": "EUR", "amount": "1.00"},
    "paymentIntervalMonths": 1,
    "nextChargeDate": "2023-12-21T17:47:51.476076Z",
    "expireAt": None,
    "smsConfiguration": {
        "servicePlanId": "servicePlanIdFromDashboard",
        "scheduledProvisioning": None,
        "campaignId": "",
    },
    "voiceConfiguration": {
        "type": "RTC",
        "appId": "appId",
        "trunkId": "",
        "serviceId": "",
        "lastUpdatedTime": None,
        "scheduledVoiceProvisioning": {
            "type": "EST",
            "trunkId": "trunkId",
            "appId": "",
            "serviceId": "",
            "status": "WAITING",
            "lastUpdatedTime": "2023-12-15T08:18:38.508882Z",
        },
    },
    "callbackUrl": "",
}


def test_assign_patches_the_voice_configuration(client: SinchClient, router: respx.MockRouter) -> None:
    route = router.patch(f"{NUMBERS_BASE}/activeNumbers/+17813334444").respond(200, json=WAITING)

    number = client.active_numbers.assign_to_trunk("+17813334444", "trunkId")

    assert sent_json(route.calls.last) == {"voiceConfiguration": {"type": "EST", "trunkId": "trunkId"}}
    voice = number.voice_configuration
    assert voice is not None and voice.type == "RTC"
    scheduled = voice.scheduled_voice_provisioning
    assert scheduled is not None and (scheduled.status, scheduled.trunk_id) == ("WAITING", "trunkId")
    assert number.money is not None and str(number.money.amount) == "1.00"


def test_unassign_sends_an_empty_trunk_id(client: SinchClient, router: respx.MockRouter) -> None:
    applied = {
        **WAITING,
        "voiceConfiguration": {"type": "EST", "trunkId": "", "scheduledVoiceProvisioning": None},
    }
    route = router.patch(f"{NUMBERS_BASE}/activeNumbers/+17813334444").respond(200, json=applied)

    number = client.active_numbers.unassign_from_trunk("+17813334444")

    assert sent_json(route.calls.last) == {"voiceConfiguration": {"type": "EST", "trunkId": ""}}
    assert number.voice_configuration is not None and number.voice_configuration.trunk_id == ""


def test_assign_is_retried_like_a_put(client: SinchClient, router: respx.MockRouter) -> None:
    route = router.patch(f"{NUMBERS_BASE}/activeNumbers/+17813334444").mock(
        side_effect=[httpx.Response(500), httpx.Response(200, json=WAITING)]
    )

    client.active_numbers.assign_to_trunk("+17813334444", "trunkId")

    assert route.call_count == 2


def test_get_unknown_number_reads_the_numbers_error_shape(client: SinchClient, router: respx.MockRouter) -> None:
    router.get(f"{NUMBERS_BASE}/activeNumbers/+12015555555").respond(
        404,
        json={
            "error": {
                "code": 404,
                "message": "Number +12015555555 not found",
                "status": "NOT_FOUND",
                "details": [{"type": "ResourceInfo", "resourceType": "ActiveNumber", "resourceName": "+12015555555"}],
            }
        },
    )

    with pytest.raises(NotFoundError) as caught:
        client.active_numbers.get("+12015555555")

    assert caught.value.api_status == "NOT_FOUND"
    assert caught.value.api_message == "Number +12015555555 not found"


def test_list_follows_page_tokens(client: SinchClient, router: respx.MockRouter) -> None:
    route = router.get(f"{NUMBERS_BASE}/activeNumbers").mock(
        side_effect=[
            httpx.Response(200, json={"activeNumbers": [{"phoneNumber": "+1"}], "nextPageToken": "t2", "totalSize": 3}),
            httpx.Response(200, json={"activeNumbers": [{"phoneNumber": "+2"}], "nextPageToken": "t3", "totalSize": 3}),
            httpx.Response(200, json={"activeNumbers": [{"phoneNumber": "+3"}], "nextPageToken": "", "totalSize": 3}),
        ]
    )

    numbers = client.active_numbers.list(region_code="US", number_type="LOCAL", page_size=1)

    assert [n.phone_number for n in numbers] == ["+1", "+2", "+3"]
    params = [call.request.url.params for call in route.calls]
    assert [p.get("pageToken") for p in params] == [None, "t2", "t3"]
    assert all(p["regionCode"] == "US" and p["type"] == "LOCAL" and p["pageSize"] == "1" for p in params)
