"""SIP endpoints of a trunk (operations 13-17)."""

from __future__ import annotations

from starlette.responses import Response

from .common import ApiCall, est, no_content, ok, page


async def create(call: ApiCall) -> Response:
    return ok(call.backend.endpoints.create(call.project_id, call.param("trunk_id"), await call.body()), 201)


async def list_(call: ApiCall) -> Response:
    return page(call, "endpoints", call.backend.endpoints.list_all(call.project_id, call.param("trunk_id")))


async def get(call: ApiCall) -> Response:
    return ok(call.backend.endpoints.get(call.project_id, call.param("trunk_id"), call.param("endpoint_id")))


async def replace(call: ApiCall) -> Response:
    body = await call.body()
    return ok(call.backend.endpoints.replace(call.project_id, call.param("trunk_id"), call.param("endpoint_id"), body))


async def delete(call: ApiCall) -> Response:
    call.backend.endpoints.delete(call.project_id, call.param("trunk_id"), call.param("endpoint_id"))
    return no_content()


ROUTES = [
    est("POST", "/trunks/{trunk_id}/endpoints", create),
    est("GET", "/trunks/{trunk_id}/endpoints", list_),
    est("GET", "/trunks/{trunk_id}/endpoints/{endpoint_id}", get),
    est("PUT", "/trunks/{trunk_id}/endpoints/{endpoint_id}", replace),
    est("DELETE", "/trunks/{trunk_id}/endpoints/{endpoint_id}", delete),
]
