"""Call blocking rules (operations 41-44)."""

from __future__ import annotations

from starlette.responses import Response

from .common import ApiCall, est, no_content, ok, page, sort_items


async def create(call: ApiCall) -> Response:
    return ok(call.backend.call_blocking_rules.create(call.project_id, await call.body()))


async def list_(call: ApiCall) -> Response:
    items = sort_items(call.backend.call_blocking_rules.list_all(call.project_id), call.query("sort"))
    return page(call, "callBlockingRules", items)


async def replace(call: ApiCall) -> Response:
    return ok(call.backend.call_blocking_rules.replace(call.project_id, call.param("rule_id"), await call.body()))


async def delete(call: ApiCall) -> Response:
    call.backend.call_blocking_rules.delete(call.project_id, call.param("rule_id"))
    return no_content()


ROUTES = [
    est("POST", "/callBlockingRules", create),
    est("GET", "/callBlockingRules", list_),
    est("PUT", "/callBlockingRules/{rule_id}", replace),
    est("DELETE", "/callBlockingRules/{rule_id}", delete),
]
