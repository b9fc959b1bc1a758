"""Numbers API `activeNumbers` subset: list (token pagination), get, PATCH, `:release`."""

from __future__ import annotations

import base64
import binascii

from starlette.responses import Response

from ..errors import InvalidArgument
from .common import ApiCall, numbers, ok

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000


def _offset(token: str | None) -> int:
    if not token:
        return 0
    try:
        offset = int(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode().removeprefix("offset:"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise InvalidArgument("pageToken is not a token this API returned") from None
    if offset < 0:
        raise InvalidArgument("pageToken is not a token this API returned")
    return offset


def _token(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode().rstrip("=")


def _page_size(call: ApiCall) -> int:
    raw = call.query("pageSize")
    if not raw:
        return DEFAULT_PAGE_SIZE
    if not raw.isdigit() or int(raw) < 1:
        raise InvalidArgument(f"pageSize must be a positive integer (got {raw!r})")
    return min(int(raw), MAX_PAGE_SIZE)


async def list_(call: ApiCall) -> Response:
    items = call.backend.active_numbers.list_all(
        call.project_id,
        region_code=call.query("regionCode"),
        number_type=call.query("type"),
        pattern=call.query("numberPattern.pattern"),
        search_pattern=call.query("numberPattern.searchPattern"),
        capability=call.query("capability") or call.query("capabilities"),
        order_by=call.query("orderBy"),
    )
    size = _page_size(call)
    start = _offset(call.query("pageToken"))
    end = start + size
    return ok(
        {
            "activeNumbers": items[start:end],
            "nextPageToken": _token(end) if end < len(items) else "",
            "totalSize": len(items),
        }
    )


async def get(call: ApiCall) -> Response:
    return ok(call.backend.active_numbers.get(call.project_id, call.param("phone_number")))


async def update(call: ApiCall) -> Response:
    body = await call.body()
    return ok(call.backend.active_numbers.update(call.project_id, call.param("phone_number"), body))


async def release(call: ApiCall) -> Response:
    return ok(call.backend.active_numbers.release(call.project_id, call.param("phone_number")))


ROUTES = [
    numbers("GET", "/activeNumbers", list_),
    numbers("POST", "/activeNumbers/{phone_number}:release", release),
    numbers("GET", "/activeNumbers/{phone_number}", get),
    numbers("PATCH", "/activeNumbers/{phone_number}", update),
]
