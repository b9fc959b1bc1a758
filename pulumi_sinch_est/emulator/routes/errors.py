"""The one place where backend errors become HTTP statuses and bodies.

Three body shapes, chosen by the API the path belongs to (see the shared contract):
- EST: `{"code", "status", "message", "details"}` (est-api §4.2)
- Numbers: `{"error": {"code", "status", "message", "details"}}` (est-api §4.4)
- token endpoint: `{"error", "error_description"}`
"""

from __future__ import annotations

from typing import Any, Literal

from starlette.responses import JSONResponse

from ..auth import TOKEN_PATH
from ..config import RuntimeSettings
from ..errors import EmulatorError, Unauthenticated

Flavour = Literal["est", "numbers", "oauth"]

STATUS_BY_CODE: dict[str, int] = {
    "INVALID_ARGUMENT": 400,
    "FAILED_PRECONDITION": 400,
    "UNAUTHENTICATED": 401,
    "PERMISSION_DENIED": 403,
    "NOT_FOUND": 404,
    "METHOD_NOT_ALLOWED": 405,
    "ALREADY_EXISTS": 409,
    "RESOURCE_EXHAUSTED": 429,
    "INTERNAL": 500,
    "UNAVAILABLE": 503,
}
CODE_BY_STATUS: dict[int, str] = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    409: "ALREADY_EXISTS",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    502: "UNAVAILABLE",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}
EXPIRED_CHALLENGE = 'Bearer error="invalid_token", error_description="The access token expired"'
INVALID_CHALLENGE = 'Bearer realm="sinch", error="invalid_token"'


def flavour_for_path(path: str) -> Flavour:
    if path == TOKEN_PATH:
        return "oauth"
    if "/activeNumbers" in path or "/availableNumbers" in path:
        return "numbers"
    return "est"


def error_body(
    flavour: Flavour, status: int, code: str, message: str, details: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    if flavour == "oauth":
        return {"error": code.lower(), "error_description": message}
    body = {"code": status, "status": code, "message": message, "details": details or []}
    return {"error": body} if flavour == "numbers" else body


def http_status(error: EmulatorError, settings: RuntimeSettings) -> int:
    if error.code == "ALREADY_EXISTS":
        return settings.duplicate_host_status
    return STATUS_BY_CODE.get(error.code, 500)


def error_response(error: EmulatorError, flavour: Flavour, settings: RuntimeSettings) -> JSONResponse:
    status = http_status(error, settings)
    details: list[dict[str, Any]] = []
    if error.violations:
        details.append(
            {
                "type": "BadRequest",
                "fieldViolations": [{"field": v.field, "description": v.description} for v in error.violations],
            }
        )
    headers: dict[str, str] = {}
    if isinstance(error, Unauthenticated):
        headers["WWW-Authenticate"] = EXPIRED_CHALLENGE if error.expired else INVALID_CHALLENGE
    return JSONResponse(error_body(flavour, status, error.code, error.message, details), status, headers=headers)


def status_response(flavour: Flavour, status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    """An error response for a bare status (injected faults, unknown routes)."""
    code = CODE_BY_STATUS.get(status, "UNKNOWN")
    return JSONResponse(error_body(flavour, status, code, message), status, headers=headers)
