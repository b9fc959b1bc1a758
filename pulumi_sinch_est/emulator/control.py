"""The `/_emulator/` control plane: no auth, never subject to faults, never in the request log.

GET    /_emulator/health                                  {"status": "ok"}
GET    /_emulator/requests[?since=SEQ]                    {"requests": [{seq, method, path, query, status,
                                                           duration_ms, fault}]}
DELETE /_emulator/requests                                204
GET    /_emulator/state                                   every project's objects in wire form (no passwords)
POST   /_emulator/reset                                   204, back to the start state
GET    /_emulator/faults                                  current faults + seed
PUT    /_emulator/faults                                  {errorRates, latencyMs, retryAfterS, tokenBucket,
                                                           lostResponses, errors, seed?} (replaces, reseeds;
                                                           unknown keys are refused)
GET    /_emulator/config                                  runtime settings
PATCH  /_emulator/config                                  {provisioningDelayS?, strictDeletes?,
                                                           duplicateHostStatus?, tokenTtlS?, pageSizeDefault?,
                                                           echoRejectedValues?}
POST   /_emulator/numbers                                 {phoneNumber, regionCode?, type?, projectId?} -> 201
POST   /_emulator/numbers/{phone_number}/fail-next-provisioning[?projectId=]   204
POST   /_emulator/tokens/expire                           204, every token issued so far is expired
POST   /_emulator/keys                                    {keyId, keySecret, projectId} -> 201
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .auth import AccessKey
from .errors import EmulatorError, FieldViolation, InvalidArgument
from .faults import FaultConfig
from .routes.errors import error_response
from .runtime import Runtime, runtime_of
from .state.fields import FieldReader

PREFIX = "/_emulator"
ControlHandler = Callable[[Request, Runtime], Awaitable[Response]]


async def _json(request: Request) -> object:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        return json.loads(raw)
    except ValueError:
        raise InvalidArgument("the body is not valid JSON") from None


def _route(method: str, path: str, handler: ControlHandler) -> Route:
    async def endpoint(request: Request) -> Response:
        runtime = runtime_of(request)
        try:
            return await handler(request, runtime)
        except EmulatorError as error:
            return error_response(error, "est", runtime.settings)

    return Route(PREFIX + path, endpoint, methods=[method])


async def health(request: Request, runtime: Runtime) -> Response:
    return JSONResponse({"status": "ok"})


async def requests(request: Request, runtime: Runtime) -> Response:
    since = request.query_params.get("since", "0")
    if not since.isdigit():
        raise InvalidArgument("since must be a sequence number")
    return JSONResponse({"requests": runtime.log.entries(int(since))})


async def clear_requests(request: Request, runtime: Runtime) -> Response:
    runtime.log.clear()
    return Response(status_code=204)


async def state(request: Request, runtime: Runtime) -> Response:
    return JSONResponse(runtime.backend.dump())


async def reset(request: Request, runtime: Runtime) -> Response:
    runtime.reset()
    return Response(status_code=204)


async def get_faults(request: Request, runtime: Runtime) -> Response:
    return JSONResponse(runtime.faults.snapshot())


async def put_faults(request: Request, runtime: Runtime) -> Response:
    body = await _json(request)
    fields = dict(body) if isinstance(body, dict) else body
    seed = fields.pop("seed", runtime.faults.seed) if isinstance(fields, dict) else None
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise InvalidArgument.from_violations([FieldViolation("seed", "must be an integer or null")])
    runtime.faults.configure(FaultConfig.from_json(fields), seed)
    return JSONResponse(runtime.faults.snapshot())


async def get_config(request: Request, runtime: Runtime) -> Response:
    return JSONResponse(runtime.settings.to_json())


async def patch_config(request: Request, runtime: Runtime) -> Response:
    runtime.settings.patch(await _json(request))
    return JSONResponse(runtime.settings.to_json())


async def rent_number(request: Request, runtime: Runtime) -> Response:
    reader = FieldReader(await _json(request))
    number = reader.text("phoneNumber", required=True)
    region = reader.text("regionCode")
    kind = reader.choice("type", ("LOCAL", "MOBILE", "TOLL_FREE")) or "LOCAL"
    project_id = reader.text("projectId") or runtime.config.project_id
    reader.check()
    assert number is not None
    return JSONResponse(runtime.backend.active_numbers.rent(project_id, number, region, kind), 201)


async def fail_next_provisioning(request: Request, runtime: Runtime) -> Response:
    project_id = request.query_params.get("projectId") or runtime.config.project_id
    runtime.backend.active_numbers.fail_next_provisioning(project_id, str(request.path_params["phone_number"]))
    return Response(status_code=204)


async def expire_tokens(request: Request, runtime: Runtime) -> Response:
    runtime.auth.expire_all()
    return Response(status_code=204)


async def add_key(request: Request, runtime: Runtime) -> Response:
    reader = FieldReader(await _json(request))
    key_id = reader.text("keyId", required=True)
    key_secret = reader.text("keySecret", required=True)
    project_id = reader.text("projectId", required=True)
    reader.check()
    assert key_id is not None and key_secret is not None and project_id is not None
    runtime.auth.add_key(AccessKey(key_id, key_secret, project_id))
    return JSONResponse({"keyId": key_id, "projectId": project_id}, 201)


def control_routes() -> list[Route]:
    return [
        _route("GET", "/health", health),
        _route("GET", "/requests", requests),
        _route("DELETE", "/requests", clear_requests),
        _route("GET", "/state", state),
        _route("POST", "/reset", reset),
        _route("GET", "/faults", get_faults),
        _route("PUT", "/faults", put_faults),
        _route("GET", "/config", get_config),
        _route("PATCH", "/config", patch_config),
        _route("POST", "/numbers", rent_number),
        _route("POST", "/numbers/{phone_number}/fail-next-provisioning", fail_next_provisioning),
        _route("POST", "/tokens/expire", expire_tokens),
        _route("POST", "/keys", add_key),
    ]
