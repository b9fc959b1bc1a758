"""`create_app(config)`: the ASGI application serving EST, Numbers, OAuth2 and the control plane.

Every request first passes the local-service checks of `guard` (body size; for the control plane, the
Host header and the JSON media type). Every request outside `/_emulator/` then passes through one
pipeline, in this order: latency, injected error (error rates for API routes, the token bucket for the
token endpoint; the request is not performed), the API itself, and a lost-response rule (performed, then
the response is dropped). The request log records the outcome, including faults.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send

from .auth import TOKEN_PATH, token_routes
from .config import EmulatorConfig
from .control import control_routes
from .faults import drop_response
from .guard import is_control, read_body, refusal, replaying, too_large
from .routes import api_routes
from .routes.errors import flavour_for_path, status_response
from .runtime import Runtime


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = "No such route" if exc.status_code == 404 else str(exc.detail)
    return status_response(
        flavour_for_path(request.url.path), exc.status_code, f"{message}: {request.method} {request.url.path}"
    )


class EmulatorApp(Starlette):
    """A Starlette app whose outermost layer applies faults and the request log to non-control requests.

    This layer sits outside Starlette's own middleware on purpose: dropping a response needs the
    server's untouched `send`.
    """

    def __init__(self, runtime: Runtime, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.runtime = runtime
        self.state.runtime = runtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        refused = refusal(scope, self.runtime.config.host)
        if refused is not None:
            await refused(scope, receive, send)
            return
        body = await read_body(receive)
        if body is None:
            await too_large(scope)(scope, receive, send)
            return
        receive = replaying(body, receive)
        if is_control(scope):
            await super().__call__(scope, receive, send)
            return
        started = time.perf_counter()
        statuses: list[int] = []
        fault: str | None = None

        async def recording_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                statuses.append(int(message["status"]))
            await send(message)

        async def swallowing_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                statuses.append(int(message["status"]))

        try:
            faults = self.runtime.faults
            if faults.latency_s > 0:
                await asyncio.sleep(faults.latency_s)
            injected = self._injected(scope["method"], scope["path"])
            if injected is not None:
                response, hold_s = injected
                fault = "rate_limited" if scope["path"] == TOKEN_PATH else "injected"
                await asyncio.sleep(hold_s)
                await response(scope, receive, recording_send)
                return
            rule = faults.claim_lost_response(scope["method"], scope["path"])
            if rule is None:
                await super().__call__(scope, receive, recording_send)
                return
            fault = "dropped"
            await super().__call__(scope, receive, swallowing_send)
            if rule.mode == "error":
                failed = status_response(flavour_for_path(scope["path"]), 500, "Internal error")
                await failed(scope, receive, send)
            else:
                await drop_response(send, receive, rule)
        finally:
            self.runtime.log.record(
                scope["method"],
                scope["path"],
                scope.get("query_string", b"").decode("latin-1"),
                statuses[0] if statuses else None,
                (time.perf_counter() - started) * 1000,
                fault,
            )

    def _injected(self, method: str, path: str) -> tuple[Response, float] | None:
        """The fault response for this request and how long to hold it, or None to perform it."""
        faults = self.runtime.faults
        if path == TOKEN_PATH:
            if faults.take_token():
                return None
            return status_response("oauth", 429, "Too many token requests: the rate limit is exceeded"), 0.0
        drawn = faults.draw_error(method, path)
        if drawn is None:
            return None
        status, hold_s = drawn
        headers = {"Retry-After": str(faults.config.retry_after_s)} if status == 429 else None
        return status_response(flavour_for_path(path), status, f"Injected fault: HTTP {status}", headers), hold_s


def create_app(config: EmulatorConfig | None = None) -> Starlette:
    """A fresh emulator (its own state, tokens, faults and log) as an ASGI application."""
    runtime = Runtime.from_config(config or EmulatorConfig())
    return EmulatorApp(
        runtime,
        routes=[*control_routes(), *token_routes(runtime.auth), *api_routes()],
        exception_handlers={404: _http_error, 405: _http_error},
    )
