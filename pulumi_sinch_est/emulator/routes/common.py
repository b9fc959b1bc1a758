"""What every API route shares: authentication, body and query parsing, list envelopes, responses."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..errors import EmulatorError, InvalidArgument
from ..runtime import Runtime, runtime_of
from ..state import Backend
from .errors import Flavour, error_response

PROJECT_PREFIX = "/v1/projects/{project_id}"
MAX_PAGE_SIZE = 1000


@dataclass(frozen=True)
class ApiCall:
    """One authenticated API request, scoped to the project in its path."""

    request: Request
    runtime: Runtime
    project_id: str

    @property
    def backend(self) -> Backend:
        return self.runtime.backend

    def param(self, name: str) -> str:
        return str(self.request.path_params[name])

    def query(self, name: str) -> str | None:
        return self.request.query_params.get(name)

    async def body(self) -> object:
        raw = await self.request.body()
        if not raw.strip():
            return {}
        try:
            return json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            raise InvalidArgument("Failed to read HTTP message: the body is not valid JSON") from None


Handler = Callable[[ApiCall], Awaitable[Response]]


def api_route(method: str, path: str, handler: Handler, flavour: Flavour = "est") -> Route:
    """A route under `/v1/projects/{project_id}` whose credentials are checked before `handler` runs."""

    async def endpoint(request: Request) -> Response:
        runtime = runtime_of(request)
        try:
            project_id = str(request.path_params["project_id"])
            runtime.auth.authorize(request.headers.get("authorization"), project_id)
            return await handler(ApiCall(request, runtime, project_id))
        except EmulatorError as error:
            return error_response(error, flavour, runtime.settings)

    return Route(PROJECT_PREFIX + path, endpoint, methods=[method], name=f"{method} {path}")


def est(method: str, path: str, handler: Handler) -> Route:
    return api_route(method, path, handler, "est")


def numbers(method: str, path: str, handler: Handler) -> Route:
    return api_route(method, path, handler, "numbers")


def ok(body: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(body, status)


def no_content() -> Response:
    return Response(status_code=204)


def _positive_int(call: ApiCall, name: str, default: int) -> int:
    raw = call.query(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise InvalidArgument(f"{name} must be a positive integer (got {raw!r})")
    return value


def sort_items(items: list[dict[str, Any]], sort: str | None) -> list[dict[str, Any]]:
    """Apply `sort=property,ascending|descending[,property,direction...]` (unknown properties ignored)."""
    tokens = [t.strip() for t in (sort or "").split(",") if t.strip()]
    keys: list[tuple[str, bool]] = []
    for token in tokens:
        if token.lower() in ("ascending", "asc", "descending", "desc"):
            if keys:
                keys[-1] = (keys[-1][0], token.lower().startswith("desc"))
        else:
            keys.append((token, False))
    for prop, descending in reversed(keys):
        items = sorted(items, key=lambda item: (item.get(prop) is None, str(item.get(prop) or "")), reverse=descending)
    return items


def page(
    call: ApiCall,
    key: str,
    items: list[Any],
    *,
    default_size: int | None = None,
    extra: dict[str, Any] | None = None,
) -> JSONResponse:
    """The EST list envelope: items under `key`, `totalItems`, `pageNumber`, `pageSize` and `size`."""
    number = _positive_int(call, "page", 1)
    size = min(_positive_int(call, "size", default_size or call.runtime.settings.page_size_default), MAX_PAGE_SIZE)
    start = (number - 1) * size
    chunk = items[start : start + size]
    body: dict[str, Any] = {key: chunk}
    for extra_key, derive in (extra or {}).items():
        body[extra_key] = derive(chunk) if callable(derive) else derive
    body.update(totalItems=len(items), pageNumber=number, pageSize=size, size=size)
    return JSONResponse(body)
