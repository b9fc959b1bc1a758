"""CountryPermission through the real engine against the emulator: the lifecycle matrix, and destroy
putting each country back as it was found.

The emulator starts like Sinch's guide says a project starts: US and CA enabled, everything else (SE,
NO, GB here) blocked. The fixture's destroy check fails the test if any country is left changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pulumi
import pytest
from pulumi import automation as auto

from pulumi_sinch_est.resources.country_permission import CountryPermission

from .conftest import Sinch, auto_ops

pytestmark = pytest.mark.engine


def _program(**args: Any) -> Callable[[], None]:
    def program() -> None:
        permission = CountryPermission("main", **args)
        pulumi.export("id", permission.id)
        pulumi.export("enabled_before", permission.enabled_before)

    return program


def _enabled(sinch: Sinch, iso_code: str) -> bool:
    response = sinch.api.get(f"/countryPermissions/{iso_code}")
    response.raise_for_status()
    enabled: bool = response.json()["enabled"]
    return enabled


def _set_by_hand(sinch: Sinch, iso_code: str, enabled: bool) -> None:
    sinch.api.put(f"/countryPermissions/{iso_code}", json={"enabled": enabled}).raise_for_status()


def test_country_permission_basic(sinch: Sinch) -> None:
    stack = sinch.stack(_program(iso_code="se"))
    outputs = stack.up().outputs
    assert (outputs["id"].value, outputs["enabled_before"].value) == ("SE", False)
    assert _enabled(sinch, "SE") is True

    sinch.clear_requests()
    stack.preview(expect_no_changes=True)
    stack.refresh(expect_no_changes=True)
    assert sinch.writes() == []
    # The fixture's destroy check then proves SE is blocked again, as it was found.


def test_country_permission_update(sinch: Sinch) -> None:
    stack = sinch.stack(_program(iso_code="SE"))
    stack.up()

    sinch.clear_requests()
    assert auto_ops(stack, _program(iso_code="SE", enabled=False)) == {"update"}
    (write,) = sinch.writes()
    assert write.endswith("/countryPermissions/SE") and _enabled(sinch, "SE") is False
    assert stack.outputs()["enabled_before"].value is False


def test_country_permission_replace(sinch: Sinch) -> None:
    stack = sinch.stack(_program(iso_code="SE"))
    stack.up()

    assert "replace" in auto_ops(stack, _program(iso_code="NO"))
    assert stack.outputs()["id"].value == "NO"
    assert (_enabled(sinch, "NO"), _enabled(sinch, "SE")) == (True, False)


def test_country_permission_drift(sinch: Sinch) -> None:
    """The setting put back by hand. This is also as close as a permission comes to disappearing: the
    catalogue is fixed, nothing deletes one (a 404 is covered in tests/providers). The repair is an
    update, and the setting destroy restores stays the one from before Pulumi."""
    program = _program(iso_code="SE")
    stack = sinch.stack(program)
    stack.up()
    _set_by_hand(sinch, "SE", False)

    with pytest.raises(auto.errors.CommandError):
        stack.preview(expect_no_changes=True, refresh=True)
    assert auto_ops(stack, program, refresh=True) == {"update"}
    assert _enabled(sinch, "SE") is True
    assert (stack.outputs()["id"].value, stack.outputs()["enabled_before"].value) == ("SE", False)


def test_country_permission_adopt(sinch: Sinch) -> None:
    _set_by_hand(sinch, "GB", True)  # enabled by hand before Pulumi
    sinch.clear_requests()

    adopt = _program(iso_code="GB", import_id="GB")
    stack = sinch.stack(adopt)
    assert stack.up().outputs["enabled_before"].value is True
    stack.preview(expect_no_changes=True)
    assert sinch.writes() == []

    stack.destroy()  # adopted as enabled, so it stays enabled
    assert _enabled(sinch, "GB") is True and sinch.writes() == []
    _set_by_hand(sinch, "GB", False)


def test_country_permission_invalid(sinch: Sinch) -> None:
    stack = sinch.stack(_program(iso_code="SWE", enabled="yes"))
    sinch.clear_requests()
    with pytest.raises(auto.errors.CommandError) as failure:
        stack.preview()
    message = str(failure.value)
    assert "main" in message
    assert "iso_code = 'SWE' is invalid: expected an ISO 3166-1 alpha-2 country code" in message
    assert "enabled = 'yes' is invalid" in message
    assert sinch.writes() == []
