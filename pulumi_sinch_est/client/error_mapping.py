"""Turning an error response into an ApiError: reading whichever body shape came back, adding a hint.

Sinch's APIs disagree on error bodies, and which one a given edge uses is not documented, so all of these
are read and none is required:

- EST:        ``{"code", "status", "message", "details": [{"type": "BadRequest", "fieldViolations": [...]}]}``
- Numbers:    the same wrapped in ``{"error": {...}}``
- OAuth2:     ``{"error": "invalid_client", "error_description": "..."}``
- RFC 9457:   ``{"type", "title", "detail"}`` from the gateway
- anything else, including non-JSON bodies, yields just the status.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import ApiError, error_class_for_status
from .redaction import redact

if TYPE_CHECKING:
    import httpx


@dataclass
class _ErrorBody:
    api_status: str | None = None
    message: str | None = None
    field_violations: list[tuple[str, str]] = field(default_factory=list)


def api_error_from_response(response: httpx.Response, operation: str, secrets: Iterable[str | None] = ()) -> ApiError:
    """Build the ApiError subclass for ``response``, with credentials scrubbed from what the server said."""
    body = _read_error_body(response)
    secrets = tuple(secrets)
    message = redact(body.message, secrets) if body.message else None
    violations = [(name, redact(text, secrets)) for name, text in body.field_violations]
    hint = _hint(response.status_code, body.api_status, message, violations, operation)
    return error_class_for_status(response.status_code)(
        response.status_code,
        operation,
        api_status=body.api_status,
        api_message=message,
        field_violations=violations,
        hint=hint,
    )


def _read_error_body(response: httpx.Response) -> _ErrorBody:
    try:
        data = json.loads(response.content)
    except ValueError:
        return _ErrorBody()
    if not isinstance(data, dict):
        return _ErrorBody()
    wrapped = data.get("error")
    if isinstance(wrapped, dict):
        return _google_rpc(wrapped)
    if isinstance(wrapped, str):
        return _ErrorBody(api_status=wrapped, message=_text(data.get("error_description")))
    if "title" in data or "detail" in data:
        return _problem_details(data)
    return _google_rpc(data)


def _google_rpc(data: dict[str, Any]) -> _ErrorBody:
    violations: list[tuple[str, str]] = []
    details = data.get("details")
    for detail in details if isinstance(details, list) else []:
        if not isinstance(detail, dict):
            continue
        for key, name_key in (("fieldViolations", "field"), ("violations", "subject")):
            entries = detail.get(key)
            for entry in entries if isinstance(entries, list) else []:
                if isinstance(entry, dict):
                    violations.append((_text(entry.get(name_key)) or "?", _text(entry.get("description")) or ""))
    return _ErrorBody(
        api_status=_text(data.get("status")), message=_text(data.get("message")), field_violations=violations
    )


def _problem_details(data: dict[str, Any]) -> _ErrorBody:
    """RFC 9457: the last segment of ``type`` is the closest thing to a symbolic status."""
    problem_type = _text(data.get("type"))
    api_status = None
    if problem_type and problem_type != "about:blank":
        api_status = problem_type.rstrip("/").rsplit("/", 1)[-1].replace("-", "_").upper()
    return _ErrorBody(api_status=api_status, message=_text(data.get("detail")) or _text(data.get("title")))


def _text(value: object) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None


TROUBLESHOOTING = "docs/troubleshooting.md"
"""The project's troubleshooting guide; hints for the failures it explains end with a link to its section."""


def troubleshooting_ref(anchor: str) -> str:
    """The short reference that ends a hint: `see docs/troubleshooting.md#<anchor>` (the anchors are stable)."""
    return f"see {TROUBLESHOOTING}#{anchor}"


_TEARDOWN_ORDER = (
    "objects in use cannot be deleted; remove dependents first: unassign phone numbers, delete "
    "endpoints, unlink access control lists and credential lists, then delete the trunk or list; "
    + troubleshooting_ref("delete-refused-dependents")
)
_HOST_NAME_TAKEN = (
    "trunk host names are global DNS labels shared by all Sinch customers: pick another host name, "
    "or adopt the existing trunk if it is yours; " + troubleshooting_ref("duplicate-host-name")
)
_PASSWORD_RULES = (
    "credential passwords need at least 12 characters with an upper-case letter, a lower-case letter and a digit"
)
_IP_RANGE_SHAPE = "give each IP range as a plain IPv4 ipAddress plus a prefix length in range, not a CIDR string"


def _hint(
    status: int,
    api_status: str | None,
    message: str | None,
    violations: list[tuple[str, str]],
    operation: str,
) -> str | None:
    """Advice for the failures users hit most, from the Sinch EST guide and field reports."""
    text = " ".join([message or "", *(f"{name} {desc}" for name, desc in violations)]).lower()
    if status == 401:
        return (
            "check SINCH_KEY_ID/SINCH_KEY_SECRET (stack config sinch:keyId/sinch:keySecret), "
            "or whether the access token has expired; " + troubleshooting_ref("api-401-unauthorized")
        )
    if status == 403:
        return (
            "the access key has no access to this project, or the project is not enabled for "
            "Elastic SIP Trunking; check SINCH_PROJECT_ID and the key's project; "
            + troubleshooting_ref("api-403-forbidden")
        )
    if "hostname" in text.replace("_", "").replace(" ", "") and (
        status == 409 or api_status == "ALREADY_EXISTS" or _mentions(text, "already", "exist", "taken", "unique")
    ):
        return _HOST_NAME_TAKEN
    if status == 400 and (
        api_status == "FAILED_PRECONDITION"
        or (operation.startswith(("deleting", "unlinking")) and _mentions(text, "depend", "in use", "linked"))
    ):
        return _TEARDOWN_ORDER
    if status == 400 and "password" in text:
        return _PASSWORD_RULES
    if status == 400 and (
        _mentions(text, "ipaddress", "iprange", "cidr")
        or (api_status == "VALIDATION_FAILED" and _mentions(operation, "ip range", "access control list"))
    ):
        return _IP_RANGE_SHAPE
    if status == 404:
        return "the object does not exist in this project: deleted elsewhere, or an id from another project?"
    if status == 429:
        return "Sinch is rate limiting this project; retries were used up, so run fewer operations at once"
    if status >= 500:
        return "Sinch had a server-side problem; trying again later usually works"
    return None


def _mentions(text: str, *words: str) -> bool:
    return any(word in text for word in words)
