"""Access control lists and IP ranges (operations 18-27)."""

from __future__ import annotations

from starlette.responses import Response

from .common import ApiCall, est, no_content, ok, page


async def create(call: ApiCall) -> Response:
    return ok(call.backend.access_control_lists.create(call.project_id, await call.body()))


async def list_(call: ApiCall) -> Response:
    return page(call, "accessControlLists", call.backend.access_control_lists.list_all(call.project_id))


async def get(call: ApiCall) -> Response:
    return ok(call.backend.access_control_lists.get(call.project_id, call.param("acl_id")))


async def replace(call: ApiCall) -> Response:
    return ok(call.backend.access_control_lists.replace(call.project_id, call.param("acl_id"), await call.body()))


async def delete(call: ApiCall) -> Response:
    call.backend.access_control_lists.delete(call.project_id, call.param("acl_id"))
    return no_content()


async def trunks(call: ApiCall) -> Response:
    return page(call, "trunks", call.backend.access_control_lists.trunks(call.project_id, call.param("acl_id")))


async def add_range(call: ApiCall) -> Response:
    return ok(call.backend.access_control_lists.add_range(call.project_id, call.param("acl_id"), await call.body()))


async def list_ranges(call: ApiCall) -> Response:
    return page(call, "ipRanges", call.backend.access_control_lists.ranges(call.project_id, call.param("acl_id")))


async def replace_range(call: ApiCall) -> Response:
    acls = call.backend.access_control_lists
    body = await call.body()
    return ok(acls.replace_range(call.project_id, call.param("acl_id"), call.param("range_id"), body))


async def delete_range(call: ApiCall) -> Response:
    call.backend.access_control_lists.delete_range(call.project_id, call.param("acl_id"), call.param("range_id"))
    return no_content()


ROUTES = [
    est("POST", "/accessControlLists", create),
    est("GET", "/accessControlLists", list_),
    est("GET", "/accessControlLists/{acl_id}", get),
    est("PUT", "/accessControlLists/{acl_id}", replace),
    est("DELETE", "/accessControlLists/{acl_id}", delete),
    est("GET", "/accessControlLists/{acl_id}/trunks", trunks),
    est("POST", "/accessControlLists/{acl_id}/ipRanges", add_range),
    est("GET", "/accessControlLists/{acl_id}/ipRanges", list_ranges),
    est("PUT", "/accessControlLists/{acl_id}/ipRanges/{range_id}", replace_range),
    est("DELETE", "/accessControlLists/{acl_id}/ipRanges/{range_id}", delete_range),
]
