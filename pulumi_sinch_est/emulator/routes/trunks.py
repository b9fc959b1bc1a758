"""SIP trunks and their ACL / credential-list links (operations 1-12)."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from .common import ApiCall, est, no_content, ok, page, sort_items


async def create(call: ApiCall) -> Response:
    return ok(call.backend.trunks.create(call.project_id, await call.body()), 201)


async def list_(call: ApiCall) -> Response:
    return page(call, "trunks", call.backend.trunks.list_all(call.project_id, call.query("domain")))


async def get(call: ApiCall) -> Response:
    return ok(call.backend.trunks.get(call.project_id, call.param("trunk_id")))


async def replace(call: ApiCall) -> Response:
    return ok(call.backend.trunks.replace(call.project_id, call.param("trunk_id"), await call.body()))


async def delete(call: ApiCall) -> Response:
    call.backend.trunks.delete(call.project_id, call.param("trunk_id"))
    return no_content()


async def link_acls(call: ApiCall) -> Response:
    ids = call.backend.trunk_links.link_acls(call.project_id, call.param("trunk_id"), await call.body())
    return ok({"accessControlListIds": ids} if ids else {})


async def list_acls(call: ApiCall) -> Response:
    return page(
        call,
        "accessControlListIds",
        call.backend.trunk_links.acl_ids(call.project_id, call.param("trunk_id")),
    )


async def unlink_acl(call: ApiCall) -> Response:
    call.backend.trunk_links.unlink_acl(call.project_id, call.param("trunk_id"), call.param("acl_id"))
    return no_content()


async def link_credential_lists(call: ApiCall) -> Response:
    links = call.backend.trunk_links
    ids = links.link_credential_lists(call.project_id, call.param("trunk_id"), await call.body())
    return ok({"credentialListIds": ids} if ids else {})


def _ids(items: list[dict[str, Any]]) -> list[str]:
    return [item["id"] for item in items]


async def list_credential_lists(call: ApiCall) -> Response:
    items = call.backend.trunk_links.credential_lists(call.project_id, call.param("trunk_id"))
    return page(call, "credentialLists", sort_items(items, call.query("sort")), extra={"credentialListIds": _ids})


async def replace_credential_lists(call: ApiCall) -> Response:
    links = call.backend.trunk_links
    ids = links.replace_credential_lists(call.project_id, call.param("trunk_id"), await call.body())
    return ok({"credentialListIds": ids})


async def unlink_credential_list(call: ApiCall) -> Response:
    call.backend.trunk_links.unlink_credential_list(call.project_id, call.param("trunk_id"), call.param("list_id"))
    return no_content()


ROUTES = [
    est("POST", "/trunks", create),
    est("GET", "/trunks", list_),
    est("GET", "/trunks/{trunk_id}", get),
    est("PUT", "/trunks/{trunk_id}", replace),
    est("DELETE", "/trunks/{trunk_id}", delete),
    est("POST", "/trunks/{trunk_id}/accessControlLists", link_acls),
    est("GET", "/trunks/{trunk_id}/accessControlLists", list_acls),
    est("DELETE", "/trunks/{trunk_id}/accessControlLists/{acl_id}", unlink_acl),
    est("POST", "/trunks/{trunk_id}/credentialLists", link_credential_lists),
    est("GET", "/trunks/{trunk_id}/credentialLists", list_credential_lists),
    est("PUT", "/trunks/{trunk_id}/credentialLists", replace_credential_lists),
    est("DELETE", "/trunks/{trunk_id}/credentialLists/{list_id}", unlink_credential_list),
]
