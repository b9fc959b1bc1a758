"""Provider for `CountryPermission`: whether the project may call one country (`/countryPermissions`).

Country permissions are a fixed, project-wide catalogue: Sinch makes them, nobody creates or deletes
one, and only `enabled` can change (est-api.md §6.6). So this resource manages a setting, not an object:

API calls: create `GET /countryPermissions/{isoCode}`, then `PUT` with `{"enabled": ...}` (one write,
none when the country is already as asked; none at all when adopting with `import_id`); read `GET`;
update `PUT`; delete `GET`, then `PUT` back to `enabled_before` (skipped when it already is). A 404 on
read means gone, on delete success.

Delete restores what was there before, not a guessed default. Which countries start enabled is UNKNOWN
(the seed guide says US and Canada; the spec's default is `true`; the SDK mock starts Sweden disabled),
and a project's setting may have been changed by hand long before Pulumi arrived. So `create` reads the
setting before it writes and keeps it in the `enabled_before` output; `delete` puts that back. Adopting
(`import_id`, which must equal `iso_code`) records the setting found at adoption, so destroying an
adopted permission leaves the country as it was found. `enabled_before` never follows drift: a change
made by hand is repaired by the next `up`, and destroy still restores the setting from before Pulumi.

Choices where est-api.md is silent or UNKNOWN:
- `iso_code` is two letters (upper-cased) or `*`, the international wildcard the spec's text names;
  whether Sinch serves `*` is UNKNOWN, and a code outside the project's catalogue fails `up` naming it.
- A new `iso_code` replaces the resource: the new country is set before the old one is restored
  (different countries never clash).
- One resource per country per project: two (in one stack or two) would each record the other's
  setting as the one to restore. Nothing in the API can detect this; the README says so.
"""

from __future__ import annotations

import contextlib
from typing import Any

from pulumi.dynamic import CreateResult, ReadResult, UpdateResult
from pydantic import ValidationInfo, field_validator

from ..client import CountryPermission, NotFoundError, SinchClient
from ..client.error_mapping import troubleshooting_ref
from . import _context
from ._base import EstProvider, InputModel, ProviderError, contains_unknown
from ._fields import Flag, PermissionCode


class CountryPermissionInputs(InputModel):
    iso_code: PermissionCode
    enabled: Flag = True
    import_id: str | None = None

    @field_validator("import_id")
    @classmethod
    def _names_this_country(cls, value: str | None, info: ValidationInfo) -> str | None:
        iso_code = info.data.get("iso_code")
        if value is None or iso_code is None or contains_unknown(iso_code):
            return value
        if value.upper() != iso_code:
            raise ValueError(f"expected {iso_code!r}: a country permission is adopted by its iso_code")
        return str(iso_code)


class CountryNotFoundError(ProviderError, LookupError):
    """Raised when the project's catalogue has no permission for the country asked for."""


def _find(client: SinchClient, iso_code: str) -> CountryPermission | None:
    try:
        return client.country_permissions.get(iso_code)
    except NotFoundError:
        return None


def _outputs(
    permission: CountryPermission, iso_code: str, enabled_before: bool | None, import_id: str | None
) -> dict[str, Any]:
    return {
        "iso_code": (permission.iso_code or iso_code).upper(),
        "enabled": permission.enabled,
        "import_id": import_id,
        "enabled_before": enabled_before,
        "country_name": permission.name,
        "continent": permission.continent,
        "country_dialing_codes": list(permission.country_dialing_codes or []),
    }


class CountryPermissionProvider(EstProvider):
    kind = "CountryPermission"
    inputs_model = CountryPermissionInputs
    replace_on = frozenset({"iso_code"})

    def create(self, props: dict[str, Any]) -> CreateResult:
        client = _context.client()
        iso_code, enabled, import_id = props["iso_code"], props["enabled"], props.get("import_id")
        found = _find(client, iso_code)
        if found is None:
            verb = "adopting" if import_id else "setting"
            raise CountryNotFoundError(
                f"{verb} CountryPermission {iso_code} failed: this Sinch project has no country permission "
                f"{iso_code!r} (GET /countryPermissions lists the countries it has); "
                f"{troubleshooting_ref('country-permissions')}"
            )
        before = found.enabled
        permission = found
        if not import_id and found.enabled != enabled:
            permission = client.country_permissions.update(iso_code, enabled)
        return CreateResult(id_=iso_code, outs=_outputs(permission, iso_code, before, import_id))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        permission = _find(_context.client(), id_)
        if permission is None:
            return ReadResult(id_=None, outs={})
        outs = _outputs(permission, id_, props.get("enabled_before"), props.get("import_id"))
        return ReadResult(id_=id_, outs=outs, inputs=self.inputs_of(outs))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        permission = _context.client().country_permissions.update(id_, news["enabled"])
        return UpdateResult(outs=_outputs(permission, id_, olds.get("enabled_before"), news.get("import_id")))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        client = _context.client()
        before = props.get("enabled_before")
        found = _find(client, id_)
        if found is None or before is None or found.enabled == before:
            return
        with contextlib.suppress(NotFoundError):
            client.country_permissions.update(id_, before)
