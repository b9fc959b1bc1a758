"""EST read-only phone numbers (operations 36-37)."""

from __future__ import annotations

from starlette.responses import Response

from .common import ApiCall, est, ok, page


async def list_(call: ApiCall) -> Response:
    return page(call, "phoneNumbers", call.backend.phone_numbers.list_all(call.project_id, call.query("sipTrunkId")))


async def get(call: ApiCall) -> Response:
    return ok(call.backend.phone_numbers.get(call.project_id, call.param("phone_number")))


ROUTES = [
    est("GET", "/phoneNumbers", list_),
    est("GET", "/phoneNumbers/{phone_number}", get),
]
