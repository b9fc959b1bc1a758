"""Country permissions (operations 38-40); the list is not paginated."""

from __future__ import annotations

from starlette.responses import Response

from .common import ApiCall, est, ok


async def list_(call: ApiCall) -> Response:
    return ok({"countryPermissions": call.backend.country_permissions.list_all(call.project_id)})


async def get(call: ApiCall) -> Response:
    return ok(call.backend.country_permissions.get(call.project_id, call.param("iso_code")))


async def update(call: ApiCall) -> Response:
    body = await call.body()
    return ok(call.backend.country_permissions.update(call.project_id, call.param("iso_code"), body))


ROUTES = [
    est("GET", "/countryPermissions", list_),
    est("GET", "/countryPermissions/{iso_code}", get),
    est("PUT", "/countryPermissions/{iso_code}", update),
]
