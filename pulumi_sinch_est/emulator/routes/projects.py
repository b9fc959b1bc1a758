"""`POST /addProjects` (operation 48)."""

from __future__ import annotations

from starlette.responses import Response

from .common import ApiCall, est, ok


async def add(call: ApiCall) -> Response:
    return ok({"addedProjects": call.backend.projects.add(call.project_id, await call.body())})


ROUTES = [est("POST", "/addProjects", add)]
