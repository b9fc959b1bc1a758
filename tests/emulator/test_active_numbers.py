"""Numbers API `activeNumbers`, the provisioning state machine, and its mirror in EST `/phoneNumbers`."""

from __future__ import annotations

import time

from .conftest import PROVISIONING_DELAY_S
from .support import ID_RE, TIME_RE, Api, expect_error, expect_numbers_error

NUMBER = "+15550001003"


def _voice(api: Api, number: str = NUMBER) -> dict[str, object]:
    return dict(api.get(f"/activeNumbers/{number}").json()["voiceConfiguration"])


def test_seeded_numbers_and_active_number_shape(api: Api) -> None:
    body = api.get("/activeNumbers").json()
    assert body["totalSize"] == 10 and body["nextPageToken"] == ""
    assert [n["phoneNumber"] for n in body["activeNumbers"]] == [f"+1555000{n}" for n in range(1001, 1011)]
    number = body["activeNumbers"][0]
    assert number["projectId"] == api.project and number["regionCode"] == "US" and number["type"] == "LOCAL"
    assert number["capability"] == ["SMS", "VOICE"] and number["money"]["amount"] == "1.00"
    assert number["voiceConfiguration"] == {
        "type": "RTC",
        "appId": "",
        "trunkId": "",
        "serviceId": "",
        "lastUpdatedTime": None,
        "scheduledVoiceProvisioning": None,
    }


def test_token_pagination_walks_every_number(api: Api) -> None:
    seen: list[str] = []
    token = None
    while True:
        params = {"pageSize": 3, **({"pageToken": token} if token else {})}
        body = api.get("/activeNumbers", params=params).json()
        assert body["totalSize"] == 10 and len(body["activeNumbers"]) <= 3
        seen += [n["phoneNumber"] for n in body["activeNumbers"]]
        token = body["nextPageToken"]
        if not token:
            break
    assert len(seen) == 10 == len(set(seen))
    expect_numbers_error(api.get("/activeNumbers", params={"pageToken": "!!bogus"}), 400, "INVALID_ARGUMENT")
    expect_numbers_error(api.get("/activeNumbers", params={"pageSize": "0"}), 400, "INVALID_ARGUMENT")


def test_list_filters(api: Api) -> None:
    api.control("POST", "/numbers", json={"phoneNumber": "+46701234567", "regionCode": "SE", "type": "MOBILE"})
    assert [
        n["phoneNumber"] for n in api.get("/activeNumbers", params={"regionCode": "SE"}).json()["activeNumbers"]
    ] == ["+46701234567"]
    assert api.get("/activeNumbers", params={"type": "MOBILE"}).json()["totalSize"] == 1
    # A raw "+" in a query value arrives as a space: it must still mean "+".
    raw = api.http.get(
        api.path("/activeNumbers") + "?numberPattern.pattern=+1555000100&numberPattern.searchPattern=START",
        headers={"Authorization": f"Bearer {api.token}"},
    ).json()
    assert raw["totalSize"] == 9
    ends = api.get(
        "/activeNumbers", params={"numberPattern.pattern": "1010", "numberPattern.searchPattern": "END"}
    ).json()
    assert [n["phoneNumber"] for n in ends["activeNumbers"]] == ["+15550001010"]


def test_get_accepts_raw_plus_and_percent_encoding(api: Api) -> None:
    raw = api.get(f"/activeNumbers/{NUMBER}")
    encoded = api.get("/activeNumbers/%2B15550001003")
    assert raw.status_code == encoded.status_code == 200 and raw.json() == encoded.json()
    expect_numbers_error(api.get("/activeNumbers/+19999999999"), 404, "NOT_FOUND", "+19999999999")
    expect_numbers_error(api.get("/activeNumbers/12345"), 400, "INVALID_ARGUMENT")


def test_assignment_walks_waiting_in_progress_applied(api: Api) -> None:
    tid = api.trunk()["id"]
    started = time.monotonic()
    patched = api.assign(NUMBER, tid)["voiceConfiguration"]
    assert patched["type"] == "RTC" and patched["trunkId"] == ""  # the old values stay on top
    scheduled = patched["scheduledVoiceProvisioning"]
    assert scheduled["status"] == "WAITING" and scheduled["type"] == "EST" and scheduled["trunkId"] == tid
    assert scheduled["appId"] == "" and scheduled["serviceId"] == "" and TIME_RE.match(scheduled["lastUpdatedTime"])
    assert api.get("/phoneNumbers").json()["phoneNumbers"] == []
    statuses = []
    while (voice := _voice(api))["scheduledVoiceProvisioning"] is not None:
        statuses.append(voice["scheduledVoiceProvisioning"]["status"])  # type: ignore[index]
        time.sleep(0.02)
    assert time.monotonic() - started >= PROVISIONING_DELAY_S * 0.9
    assert statuses[0] == "WAITING" and "IN_PROGRESS" in statuses
    assert statuses == sorted(statuses, key=["WAITING", "IN_PROGRESS"].index)
    assert voice["type"] == "EST" and voice["trunkId"] == tid and TIME_RE.match(str(voice["lastUpdatedTime"]))

    mirrored = api.get("/phoneNumbers").json()
    assert mirrored["totalItems"] == 1
    item = mirrored["phoneNumbers"][0]
    assert ID_RE.match(item["id"]) and item["sipTrunkId"] == tid and item["phoneNumber"] == NUMBER
    assert item["countryCode"] == "US" and item["updateTime"] is None and TIME_RE.match(item["createTime"])
    assert api.get(f"/phoneNumbers/{NUMBER}").json() == item
    assert api.get("/phoneNumbers/%2B15550001003").json() == item
    assert api.get("/phoneNumbers", params={"sipTrunkId": tid}).json()["phoneNumbers"] == [item]
    assert api.get("/phoneNumbers", params={"sipTrunkId": "other"}).json()["phoneNumbers"] == []


def test_unassign_leaves_est_type_with_empty_trunk(api: Api) -> None:
    tid = api.trunk()["id"]
    api.assign(NUMBER, tid)
    api.settle(NUMBER)
    patched = api.patch(f"/activeNumbers/{NUMBER}", {"voiceConfiguration": {"type": "EST", "trunkId": ""}}).json()
    assert patched["voiceConfiguration"]["trunkId"] == tid
    assert patched["voiceConfiguration"]["scheduledVoiceProvisioning"]["trunkId"] == ""
    assert api.get("/phoneNumbers").json()["totalItems"] == 1  # still assigned until it applies
    voice = api.settle(NUMBER)["voiceConfiguration"]
    assert (voice["type"], voice["trunkId"], voice["scheduledVoiceProvisioning"]) == ("EST", "", None)
    assert api.get("/phoneNumbers").json()["phoneNumbers"] == []
    expect_error(api.get(f"/phoneNumbers/{NUMBER}"), 404, "NOT_FOUND")


def test_moving_between_trunks_keeps_the_est_id(api: Api) -> None:
    one, two = api.trunk()["id"], api.trunk()["id"]
    api.assign(NUMBER, one)
    api.settle(NUMBER)
    before = api.get(f"/phoneNumbers/{NUMBER}").json()
    api.assign(NUMBER, two)
    api.settle(NUMBER)
    after = api.get(f"/phoneNumbers/{NUMBER}").json()
    assert after["id"] == before["id"] and after["sipTrunkId"] == two and after["updateTime"] is not None


def test_failed_provisioning_stays_visible_and_changes_nothing(api: Api) -> None:
    tid = api.trunk()["id"]
    assert api.control("POST", f"/numbers/{NUMBER}/fail-next-provisioning").status_code == 204
    api.assign(NUMBER, tid)
    voice = api.settle(NUMBER)["voiceConfiguration"]
    assert voice["type"] == "RTC" and voice["trunkId"] == ""
    assert voice["scheduledVoiceProvisioning"]["status"] == "FAILED"
    assert voice["scheduledVoiceProvisioning"]["trunkId"] == tid
    time.sleep(PROVISIONING_DELAY_S)
    assert _voice(api)["scheduledVoiceProvisioning"]["status"] == "FAILED"  # type: ignore[index]
    assert api.get("/phoneNumbers").json()["phoneNumbers"] == []
    assert api.delete(f"/trunks/{tid}").status_code == 204  # a failed provisioning is not a dependent
    # Only the next provisioning fails: a retry succeeds.
    tid = api.trunk()["id"]
    api.assign(NUMBER, tid)
    assert api.settle(NUMBER)["voiceConfiguration"]["trunkId"] == tid


def test_patch_validation_and_unknown_targets(api: Api) -> None:
    tid = api.trunk()["id"]
    expect_numbers_error(
        api.patch(f"/activeNumbers/{NUMBER}", {"voiceConfiguration": {"type": "EST", "trunkId": "NOPE"}}),
        404,
        "NOT_FOUND",
        "NOPE",
    )
    expect_numbers_error(
        api.patch(f"/activeNumbers/{NUMBER}", {"voiceConfiguration": {"type": "SIP"}}),
        400,
        "INVALID_ARGUMENT",
        "voiceConfiguration.type",
    )
    expect_numbers_error(
        api.patch(f"/activeNumbers/{NUMBER}", {"voiceConfiguration": {"trunkId": tid}}),
        400,
        "INVALID_ARGUMENT",
    )
    expect_numbers_error(
        api.patch("/activeNumbers/+19998887777", {"voiceConfiguration": {"type": "EST", "trunkId": tid}}),
        404,
        "NOT_FOUND",
    )
    assert _voice(api)["scheduledVoiceProvisioning"] is None


def test_other_fields_apply_at_once_and_rtc_assignment(api: Api) -> None:
    patched = api.patch(
        f"/activeNumbers/{NUMBER}",
        {
            "displayName": "Front desk",
            "callbackUrl": "https://x.test/cb",
            "smsConfiguration": {"servicePlanId": "plan"},
        },
    ).json()
    assert patched["displayName"] == "Front desk" and patched["callbackUrl"] == "https://x.test/cb"
    assert patched["smsConfiguration"]["servicePlanId"] == "plan"
    assert patched["voiceConfiguration"]["scheduledVoiceProvisioning"] is None
    api.patch(f"/activeNumbers/{NUMBER}", {"voiceConfiguration": {"type": "RTC", "appId": "app-1"}})
    voice = api.settle(NUMBER)["voiceConfiguration"]
    assert voice["type"] == "RTC" and voice["appId"] == "app-1"
    ordered = api.get("/activeNumbers", params={"orderBy": "displayName"}).json()["activeNumbers"]
    assert ordered[-1]["phoneNumber"] == NUMBER


def test_release_ends_the_rental(api: Api) -> None:
    tid = api.trunk()["id"]
    api.assign(NUMBER, tid)
    api.settle(NUMBER)
    response = api.post(f"/activeNumbers/{NUMBER}:release")
    assert response.status_code == 200 and TIME_RE.match(response.json()["expireAt"])
    expect_numbers_error(api.get(f"/activeNumbers/{NUMBER}"), 404, "NOT_FOUND")
    assert api.get("/phoneNumbers").json()["phoneNumbers"] == []
    assert api.get("/activeNumbers").json()["totalSize"] == 9
    expect_numbers_error(api.post(f"/activeNumbers/{NUMBER}:release"), 404, "NOT_FOUND")


def test_renting_numbers_through_the_control_plane(api: Api, other_api: Api) -> None:
    response = api.control("POST", "/numbers", json={"phoneNumber": "+447700900123"})
    assert response.status_code == 201 and response.json()["regionCode"] == "GB"
    assert api.get("/activeNumbers/+447700900123").status_code == 200
    expect_error(api.control("POST", "/numbers", json={"phoneNumber": "+447700900123"}), 409, "ALREADY_EXISTS")
    expect_error(api.control("POST", "/numbers", json={"phoneNumber": "447700900123"}), 400, "INVALID_ARGUMENT")
    other = api.control("POST", "/numbers", json={"phoneNumber": "+15551112222", "projectId": other_api.project})
    assert other.status_code == 201
    assert other_api.get("/activeNumbers").json()["totalSize"] == 1
    expect_numbers_error(api.get("/activeNumbers/+15551112222"), 404, "NOT_FOUND")
    expect_error(api.control("POST", "/numbers/+19990000000/fail-next-provisioning"), 404, "NOT_FOUND")
