"""The error hierarchy: one status mapping, one-line messages, hints, every body shape, no secrets."""

from __future__ import annotations

import httpx
import pytest

from pulumi_sinch_est import errors as package_errors
from pulumi_sinch_est.client import errors
from pulumi_sinch_est.client.error_mapping import api_error_from_response
from pulumi_sinch_est.client.errors import (
    ApiError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    ServerError,
    SinchError,
    TransportError,
    error_class_for_status,
)

from .conftest import KEY_SECRET

STATUS_CLASSES = [
    (400, BadRequestError),
    (401, AuthenticationError),
    (403, PermissionDeniedError),
    (404, NotFoundError),
    (409, ConflictError),
    (429, RateLimitedError),
    (500, ServerError),
    (502, ServerError),
    (503, ServerError),
    (504, ServerError),
    (418, ApiError),
]


@pytest.mark.parametrize(("status", "cls"), STATUS_CLASSES)
def test_status_maps_to_class(status: int, cls: type[ApiError]) -> None:
    assert error_class_for_status(status) is cls


def test_every_api_error_subclass_is_reachable_from_a_status() -> None:
    """Fails when a new ApiError subclass is added without a status mapping."""
    reachable = {error_class_for_status(status) for status in range(400, 600)}
    assert set(ApiError.__subclasses__()) <= reachable


def test_every_error_in_the_module_has_a_single_root() -> None:
    classes = [
        obj
        for obj in vars(errors).values()
        if isinstance(obj, type) and issubclass(obj, Exception) and obj.__module__ == errors.__name__
    ]
    assert all(issubclass(cls, SinchError) for cls in classes)
    tree = package_errors.__doc__ or ""
    assert all(cls.__name__ in tree for cls in classes), "the tree in pulumi_sinch_est.errors is stale"


def test_with_hint_keeps_the_error_and_replaces_the_hint() -> None:
    original = ConflictError(409, "creating trunk 'acme'", api_status="ALREADY_EXISTS", api_message="taken", hint="x")
    hinted = original.with_hint("adopt it", operation="creating Trunk with host_name 'acme'")
    assert type(hinted) is ConflictError and hinted is not original
    assert (hinted.status_code, hinted.api_status, hinted.api_message) == (409, "ALREADY_EXISTS", "taken")
    assert str(hinted) == "creating Trunk with host_name 'acme' failed: HTTP 409 ALREADY_EXISTS: taken (hint: adopt it)"
    assert hinted.args == (str(hinted),)
    assert str(original) == "creating trunk 'acme' failed: HTTP 409 ALREADY_EXISTS: taken (hint: x)"
    leaky = original.with_hint("h", api_message="rejected header Authorization: Bearer opaque-token-0123456789abcdef")
    assert "opaque-token" not in str(leaky)


def _response(status: int, body: object | None = None, content: bytes | None = None) -> httpx.Response:
    if content is not None:
        return httpx.Response(status, content=content)
    return httpx.Response(status, json=body)


@pytest.mark.parametrize(
    ("body", "api_status", "message", "violations"),
    [
        (
            {
                "code": 400,
                "status": "INVALID_ARGUMENT",
                "message": "Bad request.",
                "details": [
                    {
                        "type": "BadRequest",
                        "fieldViolations": [
                            {"field": "to", "description": "Phone number was not in the expected format."}
                        ],
                    }
                ],
            },
            "INVALID_ARGUMENT",
            "Bad request.",
            [("to", "Phone number was not in the expected format.")],
        ),
        (
            {
                "error": {
                    "code": 400,
                    "status": "INVALID_ARGUMENT",
                    "message": "bad",
                    "details": [
                        {
                            "type": "BadRequest",
                            "fieldViolations": [{"field": "trunkId", "description": "unknown"}],
                        }
                    ],
                }
            },
            "INVALID_ARGUMENT",
            "bad",
            [("trunkId", "unknown")],
        ),
        (
            {"error": "invalid_client", "error_description": "Bad client credentials"},
            "invalid_client",
            "Bad client credentials",
            [],
        ),
        (
            {
                "type": "https://developers.sinch.com/docs/errors/registry/access-token-expired",
                "title": "Token expired",
                "detail": "The access token has expired.",
            },
            "ACCESS_TOKEN_EXPIRED",
            "The access token has expired.",
            [],
        ),
        ({"title": "Too Many Requests"}, None, "Too Many Requests", []),
        (
            {
                "code": 429,
                "status": "RESOURCE_EXHAUSTED",
                "message": "quota",
                "details": [{"type": "QuotaFailure", "violations": [{"subject": "project", "description": "10 rps"}]}],
            },
            "RESOURCE_EXHAUSTED",
            "quota",
            [("project", "10 rps")],
        ),
        ([1, 2], None, None, []),
    ],
    ids=["est", "numbers", "oauth2", "rfc9457", "rfc9457-title-only", "quota", "json-array"],
)
def test_error_body_shapes(
    body: object, api_status: str | None, message: str | None, violations: list[tuple[str, str]]
) -> None:
    error = api_error_from_response(_response(400, body), "doing it")

    assert (error.api_status, error.api_message, error.field_violations) == (api_status, message, violations)


def test_non_json_body_is_not_fatal() -> None:
    error = api_error_from_response(_response(502, content=b"<html>Bad Gateway</html>"), "reading trunk T1")

    assert isinstance(error, ServerError)
    assert str(error) == (
        "reading trunk T1 failed: HTTP 502 Bad Gateway "
        "(hint: Sinch had a server-side problem; trying again later usually works)"
    )


def test_message_is_one_line_with_violations_and_hint() -> None:
    body = {
        "code": 400,
        "status": "INVALID_ARGUMENT",
        "message": "Validation\nfailed",
        "details": [
            {
                "type": "BadRequest",
                "fieldViolations": [
                    {"field": "hostName", "description": "must match [A-Za-z0-9-]+"},
                    {"field": "name", "description": "required"},
                ],
            }
        ],
    }

    error = api_error_from_response(_response(400, body), "creating trunk 'a b'")

    assert str(error) == (
        "creating trunk 'a b' failed: HTTP 400 INVALID_ARGUMENT: Validation failed; "
        "hostName: must match [A-Za-z0-9-]+; name: required"
    )
    assert "\n" not in str(error)


@pytest.mark.parametrize(
    ("status", "body", "operation", "hint_fragment"),
    [
        (401, {"error": "invalid_client"}, "obtaining an access token", "SINCH_KEY_ID/SINCH_KEY_SECRET"),
        (403, {"status": "PERMISSION_DENIED"}, "listing trunks", "not enabled for Elastic SIP Trunking"),
        (
            400,
            {"status": "FAILED_PRECONDITION", "message": "trunk has endpoints"},
            "deleting trunk T1",
            "unassign phone numbers",
        ),
        (
            400,
            {"status": "INVALID_ARGUMENT", "message": "cannot delete: in use by 2 endpoints"},
            "deleting credential list C1",
            "remove dependents first",
        ),
        (
            409,
            {"status": "ALREADY_EXISTS", "message": "hostName is taken"},
            "creating trunk 'a'",
            "global DNS labels",
        ),
        (
            400,
            {
                "status": "INVALID_ARGUMENT",
                "details": [
                    {
                        "type": "BadRequest",
                        "fieldViolations": [{"field": "hostName", "description": "already exists"}],
                    }
                ],
            },
            "creating trunk 'a'",
            "adopt the existing trunk",
        ),
        (429, {}, "listing trunks", "fewer operations at once"),
        (404, {}, "reading trunk T1", "does not exist in this project"),
    ],
    ids=[
        "401",
        "403",
        "dependents-precondition",
        "dependents-message",
        "host-409",
        "host-400-violation",
        "429",
        "404",
    ],
)
def test_hints(status: int, body: object, operation: str, hint_fragment: str) -> None:
    error = api_error_from_response(_response(status, body), operation)

    assert error.hint is not None and hint_fragment in error.hint
    assert str(error).endswith(f"(hint: {error.hint})")


def test_plain_bad_request_has_no_hint() -> None:
    error = api_error_from_response(_response(400, {"status": "INVALID_ARGUMENT", "message": "name is required"}), "x")

    assert error.hint is None


class TestRedaction:
    JWT = "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjE3MDAwMDAwMDB9.c2lnbmF0dXJlLXZhbHVl"

    @pytest.mark.parametrize(
        "message",
        [
            f"rejected header Authorization: Bearer {JWT}",
            "rejected header Authorization: Bearer opaque-token-0123456789abcdef",
            f"token {JWT} is not valid",
            'invalid body {"username": "u", "password": "hunter2-Secret"}',
            "password=hunter2-Secret&username=u",
            f"key {KEY_SECRET} is wrong",
            "Basic a2V5LWlkLTE6S2V5LVNlY3JldC1WYWx1ZS00Mg==",
        ],
    )
    def test_secrets_never_reach_the_message(self, message: str) -> None:
        response = _response(
            400,
            {
                "status": "INVALID_ARGUMENT",
                "message": message,
                "details": [{"type": "BadRequest", "fieldViolations": [{"field": "f", "description": message}]}],
            },
        )

        error = api_error_from_response(response, "creating credential list 'l'", secrets=[KEY_SECRET])

        for secret in (
            self.JWT,
            "opaque-token-0123456789abcdef",
            "hunter2-Secret",
            KEY_SECRET,
            "a2V5LWlkLTE6S2V5LVNlY3JldC1WYWx1ZS00Mg==",
        ):
            assert secret not in str(error)
            assert secret not in (error.api_message or "")
            assert all(secret not in description for _, description in error.field_violations)
        assert "[REDACTED]" in str(error)

    def test_transport_error_scrubs_its_cause(self) -> None:
        error = TransportError("reading trunk T1", f"proxy said Bearer {self.JWT}", may_have_been_processed=False)

        assert self.JWT not in str(error)
        assert str(error) == "reading trunk T1 failed: no response from Sinch: proxy said Bearer [REDACTED]"

    def test_ordinary_words_survive(self) -> None:
        error = api_error_from_response(_response(400, {"message": "The password must be at least 12 characters"}), "x")

        assert error.api_message == "The password must be at least 12 characters"


def test_long_messages_are_truncated() -> None:
    error = api_error_from_response(_response(400, {"message": "x" * 1000}), "op")

    assert error.api_message is not None and len(error.api_message) == 300
    assert error.api_message.endswith("…")
