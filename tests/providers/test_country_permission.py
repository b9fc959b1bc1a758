"""`CountryPermissionProvider` without the engine: validation, the replace rule, and how create records
the setting it found so delete can put it back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pulumi.runtime.rpc import UNKNOWN

from pulumi_sinch_est.client import CountryPermission, NotFoundError
from pulumi_sinch_est.providers._base import ProviderError
from pulumi_sinch_est.providers.country_permission import CountryPermissionProvider
from tests.conftest import Checker, FakeClient

PROVIDER = CountryPermissionProvider()
CHECK = Checker(PROVIDER)
checked = CHECK.inputs
failures = CHECK.failures


def test_defaults_and_normalised_code() -> None:
    assert checked(iso_code="se") == {"iso_code": "SE", "enabled": True, "import_id": None}
    assert checked(iso_code="*", enabled=False)["iso_code"] == "*"
    assert checked(iso_code="gb", import_id="gb")["import_id"] == "GB"


@pytest.mark.parametrize(
    ("news", "field", "expected"),
    [
        ({"iso_code": "SWE"}, "iso_code", "iso_code = 'SWE' is invalid: expected an ISO 3166-1 alpha-2"),
        ({"iso_code": "S1"}, "iso_code", "'S1' is invalid"),
        ({"iso_code": 46}, "iso_code", "46 is invalid"),
        ({"iso_code": "SE", "enabled": "yes"}, "enabled", "'yes' is invalid"),
        ({"iso_code": "SE", "import_id": "NO"}, "import_id", "expected 'SE'"),
        ({}, "iso_code", "iso_code is required"),
        ({"iso_code": "SE", "name": "Sweden"}, "name", "not an input of this resource"),
    ],
)
def test_invalid(news: dict[str, Any], field: str, expected: str) -> None:
    found = failures(**news)
    assert [path for path, _ in found] == [field], found
    assert expected in found[0][1]


def test_unknown_values_are_not_judged() -> None:
    assert failures(iso_code=UNKNOWN, import_id="SE") == []
    assert failures(iso_code="SE", enabled=UNKNOWN) == []


@pytest.mark.parametrize(
    ("change", "replaces"),
    [
        ({"enabled": False}, []),
        ({"iso_code": "NO"}, ["iso_code"]),
        ({"iso_code": "NO", "enabled": False}, ["iso_code"]),
    ],
)
def test_diff(change: dict[str, Any], replaces: list[str]) -> None:
    olds = {**checked(iso_code="SE"), "enabled_before": False, "country_name": "Sweden"}
    diff = PROVIDER.diff("SE", olds, checked(**{"iso_code": "SE", **change}))
    assert (diff.changes, sorted(diff.replaces or []), diff.delete_before_replace) == (True, replaces, False)
    assert PROVIDER.diff("SE", olds, checked(iso_code="se", import_id="SE")).changes is False


class FakePermissions:
    def __init__(self) -> None:
        self.enabled = {"SE": False, "US": True}
        self.calls: list[tuple[Any, ...]] = []

    def get(self, iso_code: str) -> CountryPermission:
        self.calls.append(("GET", iso_code))
        if iso_code not in self.enabled:
            raise NotFoundError(404, f"reading country permission {iso_code}")
        return CountryPermission(
            iso_code=iso_code,
            name="Sweden",
            continent="Europe",
            country_dialing_codes=["+46"],
            enabled=self.enabled[iso_code],
        )

    def update(self, iso_code: str, enabled: bool) -> CountryPermission:
        self.calls.append(("PUT", iso_code, enabled))
        if iso_code not in self.enabled:
            raise NotFoundError(404, f"enabling calls to {iso_code}")
        self.enabled[iso_code] = enabled
        return self.get(iso_code)


@pytest.fixture
def permissions(monkeypatch: pytest.MonkeyPatch) -> FakePermissions:
    fake = FakePermissions()
    FakeClient(country_permissions=fake).install(monkeypatch)
    return fake


def writes(permissions: FakePermissions) -> list[tuple[Any, ...]]:
    return [call for call in permissions.calls if call[0] == "PUT"]


def test_create_records_the_setting_found_and_delete_restores_it(permissions: FakePermissions) -> None:
    created = PROVIDER.create(checked(iso_code="SE"))
    assert created.id == "SE" and writes(permissions) == [("PUT", "SE", True)]
    assert created.outs == {
        "iso_code": "SE",
        "enabled": True,
        "import_id": None,
        "enabled_before": False,
        "country_name": "Sweden",
        "continent": "Europe",
        "country_dialing_codes": ["+46"],
    }
    PROVIDER.delete("SE", created.outs or {})
    assert permissions.enabled["SE"] is False
    assert writes(permissions) == [("PUT", "SE", True), ("PUT", "SE", False)]


def test_nothing_is_written_when_the_country_is_already_as_asked(permissions: FakePermissions) -> None:
    created = PROVIDER.create(checked(iso_code="US"))
    PROVIDER.delete("US", created.outs or {})
    assert (created.outs or {})["enabled_before"] is True and writes(permissions) == []


def test_update_keeps_the_setting_to_restore(permissions: FakePermissions) -> None:
    olds = PROVIDER.create(checked(iso_code="SE")).outs or {}
    updated = PROVIDER.update("SE", olds, checked(iso_code="SE", enabled=False))
    assert writes(permissions)[-1] == ("PUT", "SE", False)
    assert updated.outs is not None and (updated.outs["enabled"], updated.outs["enabled_before"]) == (False, False)


def test_read_shows_drift_but_never_moves_the_setting_to_restore(permissions: FakePermissions) -> None:
    outs = PROVIDER.create(checked(iso_code="SE")).outs or {}
    permissions.enabled["SE"] = False  # put back by hand
    read = PROVIDER.read("SE", outs)
    assert read.inputs == {"iso_code": "SE", "enabled": False, "import_id": None}
    assert read.outs is not None and read.outs["enabled_before"] is False
    assert PROVIDER.diff("SE", read.outs, checked(iso_code="SE")).changes is True


def test_adopt_reads_and_writes_nothing(permissions: FakePermissions) -> None:
    adopted = PROVIDER.create(checked(iso_code="SE", import_id="SE"))
    assert permissions.calls == [("GET", "SE")]
    assert adopted.outs is not None and (adopted.outs["enabled"], adopted.outs["enabled_before"]) == (False, False)
    assert PROVIDER.diff("SE", adopted.outs, checked(iso_code="SE", import_id="SE")).changes is True


def test_a_country_outside_the_catalogue_fails_naming_it(permissions: FakePermissions) -> None:
    with pytest.raises(ProviderError) as failure:
        PROVIDER.create(checked(iso_code="ZZ"))
    message = str(failure.value)
    assert message.startswith("setting CountryPermission ZZ failed: this Sinch project has no country permission 'ZZ'")
    assert message.endswith("; see docs/troubleshooting.md#country-permissions")
    guide = Path(__file__).parents[2] / "docs" / "troubleshooting.md"
    assert '<a id="country-permissions"></a>' in guide.read_text()  # the link leads somewhere
    assert writes(permissions) == []


def test_disappears_from_the_catalogue_reads_as_gone_and_deletes_as_done(permissions: FakePermissions) -> None:
    outs = PROVIDER.create(checked(iso_code="SE")).outs or {}
    del permissions.enabled["SE"]
    assert PROVIDER.read("SE", outs).id is None
    PROVIDER.delete("SE", outs)
    assert writes(permissions) == [("PUT", "SE", True)]
