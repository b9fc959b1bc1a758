"""A project built by hand, the way a user's dashboard clicks leave it: raw API calls, no providers."""

from __future__ import annotations

import time
from typing import Any

import httpx

PASSWORDS = {"alice": "Alice-Passw0rd-2024", "bob": "Bob-Passw0rd-2024"}
NUMBERS = {
    "main": ("+15550100000", "+15550100001", "+15550100002"),
    "branch": ("+15550100003", "+15550100004"),
    "center": ("+15550100005",),
}
SETTLE_S = 10.0


def _ok(response: httpx.Response) -> dict[str, Any]:
    assert response.is_success, f"{response.request.method} {response.request.url}: {response.text}"
    body: dict[str, Any] = response.json()
    return body


def build(api: httpx.Client) -> dict[str, str]:
    """Three trunks, two ACLs (one shared, several ranges), a credential list on two trunks, static and
    registered endpoints, six numbers, a call blocking rule and Sweden allowed. Returns the ids by role."""
    office = _ok(
        api.post(
            "/accessControlLists",
            json={
                "name": "Office network",
                "ipRanges": [
                    {"ipAddress": "203.0.113.0", "range": 24, "description": "Head office"},
                    {"ipAddress": "198.51.100.7", "range": 32, "description": "Backup PBX"},
                    {"ipAddress": "192.0.2.16", "range": 28},
                ],
            },
        )
    )
    carrier = _ok(api.post("/accessControlLists", json={"name": "Carrier", "ipRanges": [{"ipAddress": "192.0.2.1"}]}))
    phones = _ok(
        api.post(
            "/credentialLists",
            json={
                "name": "Office phones",
                "credentials": [{"username": u, "password": p} for u, p in PASSWORDS.items()],
            },
        )
    )
    main = _ok(api.post("/trunks", json={"name": "Main PBX", "hostName": "main-pbx-export"}))
    branch = _ok(api.post("/trunks", json={"name": "Branch Office", "hostName": "branch-office-export"}))
    center = _ok(
        api.post(
            "/trunks",
            json={
                "name": "Call Center",
                "hostName": "call-center-export",
                "enableCallForward": True,
                "callForwardNumber": "+15557654321",
            },
        )
    )
    primary = _ok(
        api.post(
            f"/trunks/{main['id']}/endpoints",
            json={"name": "Primary PBX", "priority": 1, "address": "203.0.113.10", "port": 5060},
        )
    )
    _ok(
        api.post(
            f"/trunks/{main['id']}/endpoints",
            json={"name": "Backup PBX", "priority": 2, "address": "198.51.100.7", "port": 5080, "transport": "TCP"},
        )
    )
    _ok(
        api.post(
            f"/trunks/{branch['id']}/endpoints",
            json={"name": "Desk phone", "priority": 1, "credentialUsername": "alice", "isRegistered": True},
        )
    )
    _ok(
        api.post(
            f"/trunks/{center['id']}/endpoints", json={"name": "Agents", "priority": 1, "address": "pbx.example.com"}
        )
    )
    for trunk in (main, branch, center):
        _ok(api.post(f"/trunks/{trunk['id']}/accessControlLists", json={"accessControlListIds": [office["id"]]}))
    _ok(api.post(f"/trunks/{center['id']}/accessControlLists", json={"accessControlListIds": [carrier["id"]]}))
    for trunk in (main, branch):
        _ok(api.post(f"/trunks/{trunk['id']}/credentialLists", json={"credentialListIds": [phones["id"]]}))
    trunk_ids = {"main": main["id"], "branch": branch["id"], "center": center["id"]}
    for role, numbers in NUMBERS.items():
        for number in numbers:
            body = {"voiceConfiguration": {"type": "EST", "trunkId": trunk_ids[role]}}
            _ok(api.patch(f"/activeNumbers/{number}", json=body))
    _ok(api.post("/callBlockingRules", json={"name": "Premium rate", "direction": "OUTBOUND", "calleeMatch": "+1900"}))
    _ok(api.put("/countryPermissions/SE", json={"enabled": True}))
    _settle(api, [n for numbers in NUMBERS.values() for n in numbers])
    return {**trunk_ids, "office": office["id"], "phones": phones["id"], "primary": primary["id"]}


def _settle(api: httpx.Client, numbers: list[str]) -> None:
    deadline = time.monotonic() + SETTLE_S
    for number in numbers:
        while _ok(api.get(f"/activeNumbers/{number}"))["voiceConfiguration"]["scheduledVoiceProvisioning"]:
            assert time.monotonic() < deadline, f"{number} did not settle"
            time.sleep(0.05)
