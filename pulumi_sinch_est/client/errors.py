"""The exceptions the client raises, so callers can tell "nothing came back" from "Sinch said no".

Their tree, under the package's root `SinchEstError`, is drawn in `pulumi_sinch_est.errors`.

Every message is one line meant to sit at the top of a Pulumi traceback, and is scrubbed of anything that
looks like a credential, because servers sometimes echo request bodies back in their messages.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Self

from ..errors import SinchEstError
from .redaction import redact

_MAX_MESSAGE_CHARS = 300


class SinchError(SinchEstError):
    """Raised for every failure of a Sinch API call; catch this to handle them all."""

    may_have_been_processed = False
    """True when a write may have been acted on although it failed (no response came back, a 500, 502 or
    504 answered a POST or PATCH, or a 2xx answered one with a body that cannot be read): look the object
    up before sending it again."""


class TransportError(SinchError):
    """Raised when no response came back, after any retries the request was allowed."""

    def __init__(self, operation: str, cause: str, *, may_have_been_processed: bool) -> None:
        self.operation = operation
        self.may_have_been_processed = may_have_been_processed
        self.cause = redact(cause)
        super().__init__(self.__str__())

    def __str__(self) -> str:
        outcome = " (the request may have been processed)" if self.may_have_been_processed else ""
        return f"{self.operation} failed: no response from Sinch: {self.cause}{outcome}"


class UnexpectedResponseError(SinchError):
    """Raised when a success response cannot be read as the documented shape. Answering a POST or PATCH,
    the success says the write was processed: `may_have_been_processed` is then True."""

    def __init__(self, operation: str, problem: str, *, may_have_been_processed: bool = False) -> None:
        self.operation = operation
        self.problem = _one_line(redact(problem))
        self.may_have_been_processed = may_have_been_processed
        super().__init__(self.__str__())

    def __str__(self) -> str:
        outcome = " (the request was processed)" if self.may_have_been_processed else ""
        return f"{self.operation} failed: unexpected response from Sinch: {self.problem}{outcome}"


class AmbiguousMatchError(SinchError):
    """Raised when a lookup by a natural key (a list name) finds several objects, so adopting one would
    be a guess."""

    def __init__(self, operation: str, ids: list[str]) -> None:
        self.operation = operation
        self.ids = ids
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return f"{self.operation} failed: {len(self.ids)} objects match: {', '.join(self.ids)}"


class ApiError(SinchError):
    """Raised when Sinch answers with an error status; the subclass says which kind."""

    def __init__(
        self,
        status_code: int,
        operation: str,
        *,
        api_status: str | None = None,
        api_message: str | None = None,
        field_violations: list[tuple[str, str]] | None = None,
        hint: str | None = None,
    ) -> None:
        self.status_code = status_code
        self.operation = operation
        self.api_status = api_status
        """The API's symbolic status, e.g. ``INVALID_ARGUMENT`` or ``invalid_client``."""
        self.api_message = _one_line(redact(api_message)) if api_message else None
        self.field_violations = [
            (field, _one_line(redact(description))) for field, description in field_violations or []
        ]
        self.hint = hint
        super().__init__(self.__str__())

    def with_hint(self, hint: str, *, operation: str | None = None, api_message: str | None = None) -> Self:
        """This error with `hint` in place of its own, and where given a clearer `operation` or API message:
        how a caller that knows more than the client (which object clashed, what to do) tells the user."""
        hinted = type(self).__new__(type(self))
        hinted.__dict__.update(self.__dict__)
        hinted.hint = hint
        if operation is not None:
            hinted.operation = operation
        if api_message is not None:
            hinted.api_message = _one_line(redact(api_message))
        hinted.args = (str(hinted),)
        return hinted

    def __str__(self) -> str:
        line = f"{self.operation} failed: HTTP {self.status_code}"
        if self.api_status:
            line += f" {self.api_status}"
        if self.api_message:
            line += f": {self.api_message}"
        elif not self.api_status:
            line += f" {_reason_phrase(self.status_code)}"
        for field, description in self.field_violations:
            line += f"; {field}: {description}"
        if self.hint:
            line += f" (hint: {self.hint})"
        return line


class BadRequestError(ApiError):
    """Raised on 400: the request was invalid, or the object's state does not allow it (dependents)."""


class AuthenticationError(ApiError):
    """Raised on 401: the key pair or the access token was not accepted."""


class PermissionDeniedError(ApiError):
    """Raised on 403: the credentials are valid but may not touch this project."""


class NotFoundError(ApiError):
    """Raised on 404: the object does not exist (in this project)."""


class ConflictError(ApiError):
    """Raised on 409: the object clashes with an existing one, such as a taken trunk host name."""


class RateLimitedError(ApiError):
    """Raised on 429 once retries are used up."""


class ServerError(ApiError):
    """Raised on 5xx once retries (where allowed) are used up."""


_ERROR_CLASSES: dict[int, type[ApiError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    429: RateLimitedError,
}


def error_class_for_status(status_code: int) -> type[ApiError]:
    """The one place an HTTP status becomes an exception class; unlisted 4xx stay plain ApiError."""
    if status_code >= 500:
        return ServerError
    return _ERROR_CLASSES.get(status_code, ApiError)


def _one_line(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _MAX_MESSAGE_CHARS else flat[: _MAX_MESSAGE_CHARS - 1] + "…"


def _reason_phrase(status_code: int) -> str:
    try:
        return HTTPStatus(status_code).phrase
    except ValueError:
        return "error"
