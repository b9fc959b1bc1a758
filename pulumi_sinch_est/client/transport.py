"""The pooled HTTP connection layer, and the one place every request on the wire is logged.

All providers in a Pulumi host process share one ``httpx.Client``: its connection pool is thread-safe, so
the host's four worker threads reuse TLS connections instead of handshaking per call.
"""

from __future__ import annotations

import atexit
import logging
import threading
import time

import httpx

logger = logging.getLogger("pulumi_sinch_est.client")

_POOL_LIMITS = httpx.Limits(max_connections=16, max_keepalive_connections=8, keepalive_expiry=4.0)
"""Idle connections are dropped after 4 s, before a server drops them: a request sent on a connection the
server is closing that very moment is reset, and a reset POST cannot be retried (it may have been
processed). Servers close idle connections after 5 s (uvicorn, the emulator) to 60 s and more (load
balancers); a new connection after a pause costs one handshake."""
_DEFAULT_HEADERS = {"Accept": "application/json", "User-Agent": "pulumi-sinch-est"}

_shared_lock = threading.Lock()
_shared_client: httpx.Client | None = None


class LoggingTransport(httpx.BaseTransport):
    """Logs method, URL path, status and duration of each request actually sent, retries and token
    requests included. Headers and bodies are never logged: they carry tokens, keys and passwords."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self._inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        started = time.monotonic()
        target = request.url.raw_path.decode("ascii", "replace")
        try:
            response = self._inner.handle_request(request)
        except httpx.TransportError as exc:
            logger.debug(
                "%s %s failed after %.0f ms: %s",
                request.method,
                target,
                (time.monotonic() - started) * 1000,
                type(exc).__name__,
            )
            raise
        logger.debug(
            "%s %s -> %d in %.0f ms",
            request.method,
            target,
            response.status_code,
            (time.monotonic() - started) * 1000,
        )
        return response

    def close(self) -> None:
        self._inner.close()


def new_http_client(transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """A client with logging at the wire; ``transport`` replaces the network (tests pass a mock)."""
    inner = transport if transport is not None else httpx.HTTPTransport(limits=_POOL_LIMITS)
    return httpx.Client(transport=LoggingTransport(inner), headers=_DEFAULT_HEADERS, follow_redirects=False)


def shared_http_client() -> httpx.Client:
    """The process-wide pooled client, created on first use and closed at interpreter exit."""
    global _shared_client
    with _shared_lock:
        if _shared_client is None or _shared_client.is_closed:
            _shared_client = new_http_client()
            atexit.register(_shared_client.close)
        return _shared_client
