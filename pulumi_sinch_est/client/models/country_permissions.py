"""Which countries the project may call (``/countryPermissions``); only ``enabled`` is writable."""

from __future__ import annotations

from ._base import ResponseModel


class CountryPermission(ResponseModel):
    iso_code: str | None = None
    """ISO 3166-1 alpha-2, or ``*`` for the international wildcard."""
    name: str | None = None
    continent: str | None = None
    country_dialing_codes: list[str] | None = None
    enabled: bool | None = None
