"""Credential lists and credentials (operations 28-35)."""

from __future__ import annotations

from starlette.responses import Response

from .common import ApiCall, est, no_content, ok, page


async def create(call: ApiCall) -> Response:
    return ok(call.backend.credential_lists.create(call.project_id, await call.body()), 201)


async def list_(call: ApiCall) -> Response:
    return page(call, "credentialLists", call.backend.credential_lists.list_all(call.project_id))


async def get(call: ApiCall) -> Response:
    return ok(call.backend.credential_lists.get(call.project_id, call.param("list_id")))


async def rename(call: ApiCall) -> Response:
    return ok(call.backend.credential_lists.rename(call.project_id, call.param("list_id"), await call.body()))


async def delete(call: ApiCall) -> Response:
    call.backend.credential_lists.delete(call.project_id, call.param("list_id"))
    return no_content()


async def trunks(call: ApiCall) -> Response:
    return page(call, "trunks", call.backend.credential_lists.trunks(call.project_id, call.param("list_id")))


async def set_password(call: ApiCall) -> Response:
    lists = call.backend.credential_lists
    body = await call.body()
    return ok(lists.set_password(call.project_id, call.param("list_id"), call.param("username"), body))


async def delete_credential(call: ApiCall) -> Response:
    call.backend.credential_lists.delete_credential(call.project_id, call.param("list_id"), call.param("username"))
    return no_content()


ROUTES = [
    est("POST", "/credentialLists", create),
    est("GET", "/credentialLists", list_),
    est("GET", "/credentialLists/{list_id}", get),
    est("PUT", "/credentialLists/{list_id}", rename),
    est("DELETE", "/credentialLists/{list_id}", delete),
    est("GET", "/credentialLists/{list_id}/trunks", trunks),
    est("PUT", "/credentialLists/{list_id}/credentials/{username}", set_password),
    est("DELETE", "/credentialLists/{list_id}/credentials/{username}", delete_credential),
]
