"""Country permissions for outbound calls, per project (est-api §6.6, operations 38-40)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import NotFound
from .country_catalogue import COUNTRIES, ENABLED_BY_DEFAULT
from .fields import FieldReader

if TYPE_CHECKING:
    from .backend import Backend

_BY_CODE = {iso: (name, continent, codes) for iso, name, continent, codes in COUNTRIES}


def default_permissions() -> dict[str, bool]:
    return {iso: iso in ENABLED_BY_DEFAULT for iso, *_ in COUNTRIES}


def region_for_number(phone_number: str) -> str:
    """The ISO code whose dialing code is the longest prefix of the number (+1 -> US)."""
    best, best_len = "US", 0
    for iso, _, _, codes in COUNTRIES:
        for code in codes:
            if phone_number.startswith(code) and (len(code) > best_len or (len(code) == best_len and iso == "US")):
                best, best_len = iso, len(code)
    return best


def permission_wire(iso: str, enabled: bool) -> dict[str, Any]:
    name, continent, codes = _BY_CODE[iso]
    return {
        "isoCode": iso,
        "name": name,
        "continent": continent,
        "countryDialingCodes": list(codes),
        "enabled": enabled,
    }


class CountryPermissions:
    """Operations 38-40. Only `enabled` is writable."""

    def __init__(self, backend: Backend) -> None:
        self._backend = backend

    @staticmethod
    def _code(iso_code: str) -> str:
        code = iso_code.upper()
        if code not in _BY_CODE:
            raise NotFound(f"country permission {iso_code!r} not found")
        return code

    def list_all(self, project_id: str) -> list[dict[str, Any]]:
        with self._backend.reading(project_id) as project:
            return [permission_wire(iso, enabled) for iso, enabled in sorted(project.country_permissions.items())]

    def get(self, project_id: str, iso_code: str) -> dict[str, Any]:
        code = self._code(iso_code)
        with self._backend.reading(project_id) as project:
            return permission_wire(code, project.country_permissions[code])

    def update(self, project_id: str, iso_code: str, body: object) -> dict[str, Any]:
        code = self._code(iso_code)
        reader = FieldReader(body)
        enabled = reader.flag("enabled", required=True)
        reader.check()
        assert enabled is not None
        with self._backend.writing(project_id) as project:
            project.country_permissions[code] = enabled
            return permission_wire(code, enabled)
