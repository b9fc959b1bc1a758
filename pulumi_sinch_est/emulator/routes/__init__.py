"""The HTTP layer of the emulated APIs: one module per area, each exporting `ROUTES`."""

from __future__ import annotations

from starlette.routing import Route

from . import (
    access_control_lists,
    active_numbers,
    call_blocking_rules,
    calls,
    country_permissions,
    credential_lists,
    endpoints,
    phone_numbers,
    projects,
    trunks,
)


def api_routes() -> list[Route]:
    """Every EST and Numbers route. Order matters only where paths overlap (`:release` before `{n}`)."""
    return [
        *trunks.ROUTES,
        *endpoints.ROUTES,
        *access_control_lists.ROUTES,
        *credential_lists.ROUTES,
        *phone_numbers.ROUTES,
        *country_permissions.ROUTES,
        *call_blocking_rules.ROUTES,
        *calls.ROUTES,
        *projects.ROUTES,
        *active_numbers.ROUTES,
    ]


__all__ = ["api_routes"]
