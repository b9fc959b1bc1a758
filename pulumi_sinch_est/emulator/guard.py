"""The emulator as a local service: what every request must pass before it reaches a route.

The emulator is started by hand (`eval $(sinch-est-emulator)`) on a developer's machine or a CI runner,
and its control plane (`/_emulator/*`) has no authentication by design. So:

- A control request must name a loopback host (or the host the emulator is bound to) in its `Host`
  header: a web page that rebinds its own DNS name to 127.0.0.1 sends its own name, and is refused (403).
- A control request with a body must say `Content-Type: application/json` (415): a browser can send
  `text/plain` to any site without asking first, but not `application/json`.
- Every body, API or control, is at most `MAX_BODY_BYTES` (413): nothing the emulator serves is larger,
  and an unbounded body would be kept in memory whole.
"""

from __future__ import annotations

from starlette.responses import Response
from starlette.types import Message, Receive, Scope

from .config import is_loopback
from .control import PREFIX as CONTROL_PREFIX
from .routes.errors import flavour_for_path, status_response

MAX_BODY_BYTES = 1024 * 1024


def is_control(scope: Scope) -> bool:
    return str(scope["path"]).startswith(CONTROL_PREFIX + "/")


def refusal(scope: Scope, bound_host: str) -> Response | None:
    """The response refusing this request before its body is read, or None to go on."""
    headers = {key.decode("latin-1").lower(): value.decode("latin-1") for key, value in scope["headers"]}
    length = headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BODY_BYTES:
        return _refused(scope, 413, f"the body is larger than {MAX_BODY_BYTES} bytes")
    if not is_control(scope):
        return None
    host = _host_name(headers.get("host", ""))
    if not (is_loopback(host) or host == bound_host.strip("[]").lower()):
        return _refused(scope, 403, f"the control plane answers only requests to a loopback host, not {host!r}")
    has_body = (length.isdigit() and int(length) > 0) or "transfer-encoding" in headers
    media_type = headers.get("content-type", "").split(";")[0].strip().lower()
    if has_body and media_type != "application/json":
        return _refused(scope, 415, "control plane bodies must be sent as Content-Type: application/json")
    return None


async def read_body(receive: Receive) -> bytes | None:
    """The whole request body, or None once it passes `MAX_BODY_BYTES` (a chunked upload has no length)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = bytes(message.get("body", b""))
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def replaying(body: bytes, receive: Receive) -> Receive:
    """A `receive` that hands the app the body already read, then defers to the server's."""
    pending = [body]

    async def replay() -> Message:
        if pending:
            return {"type": "http.request", "body": pending.pop(), "more_body": False}
        return await receive()

    return replay


def too_large(scope: Scope) -> Response:
    return _refused(scope, 413, f"the body is larger than {MAX_BODY_BYTES} bytes")


def _refused(scope: Scope, status: int, message: str) -> Response:
    return status_response(flavour_for_path(str(scope["path"])), status, message)


def _host_name(header: str) -> str:
    """The host of a `Host` header: without its port, brackets of an IPv6 literal removed, lower case."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header
