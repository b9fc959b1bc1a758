"""`CountryPermission`: lets the project call one country outbound (or stops it), and puts the setting
back as it was found when destroyed."""

from __future__ import annotations

from typing import TypedDict, Unpack

import pulumi
import pulumi.dynamic

from ..providers.country_permission import CountryPermissionProvider
from ._common import MODULE, resource_props

_PROVIDER = CountryPermissionProvider()


class CountryPermissionArgs(TypedDict, total=False):
    """Arguments of `CountryPermission`; pass them as keywords or as one `CountryPermissionArgs(...)`."""

    iso_code: pulumi.Input[str]
    """Required: the country, ISO 3166-1 alpha-2 (`SE`, `GB`; any case), or `*` for the international
    wildcard. The setting is project-wide, not per trunk. Changing it replaces the resource."""
    enabled: pulumi.Input[bool]
    """Whether outbound calls to the country are allowed. Default true."""
    import_id: pulumi.Input[str]
    """The same code as `iso_code`, to take the setting over as it is, without a write; the next preview
    shows any difference from `enabled`, and destroy leaves the country as it was found."""


class CountryPermission(pulumi.dynamic.Resource, module=MODULE, name="CountryPermission"):
    """Whether the project may call one country outbound. Its id is the country code.

    Country permissions are a fixed project-wide catalogue: the resource manages a setting, not an object.
    Create reads the setting, then writes only if it differs; destroy puts `enabled_before` back. Sinch's
    guide says only the US and Canada start enabled; calls to a blocked country fail. Declare each country
    once per project: two resources for one country would each restore the other's setting.

    Example::

        CountryPermission("sweden", iso_code="SE")

    Arguments (keywords, or one `CountryPermissionArgs`):
        iso_code: Required: the country, ISO 3166-1 alpha-2 (`SE`, `GB`; any case), or `*` for the international
            wildcard. The setting is project-wide, not per trunk. Changing it replaces the resource.
        enabled: Whether outbound calls to the country are allowed. Default true.
        import_id: The same code as `iso_code`, to take the setting over as it is, without a write; the next preview
            shows any difference from `enabled`, and destroy leaves the country as it was found.

    Outputs, besides `id`:
        `iso_code`, `enabled`, `import_id`: echo the arguments as applied (defaults filled in, values normalised).
        enabled_before: The setting found before this resource took the country over; destroy puts it back.
        country_name: The country's name, as the API gives it (`Sweden`).
        continent: The country's continent, as the API gives it (`Europe`).
        country_dialing_codes: The country's dialing codes, as the API gives them (`["+46"]`).

    Reference page: docs/reference/country_permission.md.
    """

    iso_code: pulumi.Output[str]
    enabled: pulumi.Output[bool]
    import_id: pulumi.Output[str | None]
    enabled_before: pulumi.Output[bool]
    """The setting found before this resource took the country over; destroy puts it back."""
    country_name: pulumi.Output[str]
    """The country's name, as the API gives it (`Sweden`)."""
    continent: pulumi.Output[str]
    """The country's continent, as the API gives it (`Europe`)."""
    country_dialing_codes: pulumi.Output[list[str]]
    """The country's dialing codes, as the API gives them (`["+46"]`)."""

    def __init__(
        self,
        resource_name: str,
        args: CountryPermissionArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[CountryPermissionArgs],
    ) -> None:
        super().__init__(_PROVIDER, resource_name, resource_props(args, kwargs, _OUTPUTS), opts)


_OUTPUTS = tuple(CountryPermission.__annotations__)
