"""Country permissions: an unpaginated catalogue where only ``enabled`` changes."""

from __future__ import annotations

import respx

from pulumi_sinch_est.client import SinchClient

from .conftest import EST_BASE, sent_json

SWEDEN = {
    "isoCode": "SE",
    "name": "Sweden",
    "continent": "Europe",
    "countryDialingCodes": ["+46"],
    "enabled": False,
}


def test_list_is_one_request_without_paging(client: SinchClient, router: respx.MockRouter) -> None:
    route = router.get(f"{EST_BASE}/countryPermissions").respond(200, json={"countryPermissions": [SWEDEN]})

    permissions = client.country_permissions.list()

    assert [(p.iso_code, p.country_dialing_codes) for p in permissions] == [("SE", ["+46"])]
    assert route.call_count == 1
    assert not route.calls.last.request.url.query


def test_get_and_update(client: SinchClient, router: respx.MockRouter) -> None:
    router.get(f"{EST_BASE}/countryPermissions/SE").respond(200, json=SWEDEN)
    put = router.put(f"{EST_BASE}/countryPermissions/SE").respond(200, json={**SWEDEN, "enabled": True})

    assert client.country_permissions.get("SE").enabled is False
    assert client.country_permissions.update("SE", True).enabled is True
    assert sent_json(put.calls.last) == {"enabled": True}
