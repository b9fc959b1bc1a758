"""Which countries the project may call out to; a project-wide setting, not per trunk."""

from __future__ import annotations

import builtins

from .errors import UnexpectedResponseError
from .models import CountryPermission
from .pagination import page_items
from .requester import Requester, parse_model


class CountryPermissions:
    """``/countryPermissions``: a fixed catalogue where only ``enabled`` can change."""

    def __init__(self, api: Requester) -> None:
        self._api = api

    def list(self) -> builtins.list[CountryPermission]:
        """One unpaginated response; it takes no query parameters, so no page number is sent."""
        operation = "listing country permissions"
        body = self._api.send(operation, "GET", self._api.est("countryPermissions"))
        if not isinstance(body, dict):
            raise UnexpectedResponseError(operation, "the response is not a JSON object")
        items = page_items(body, ("countryPermissions",), operation)
        return [parse_model(CountryPermission, item, operation) for item in items]

    def get(self, iso_code: str) -> CountryPermission:
        return self._api.fetch(
            CountryPermission,
            f"reading country permission {iso_code}",
            "GET",
            self._api.est("countryPermissions", iso_code),
        )

    def update(self, iso_code: str, enabled: bool) -> CountryPermission:
        return self._api.fetch(
            CountryPermission,
            f"{'enabling' if enabled else 'disabling'} calls to {iso_code}",
            "PUT",
            self._api.est("countryPermissions", iso_code),
            json={"enabled": enabled},
        )
