"""Errors raised by the emulator's backend and auth layer: a code and a message, never an HTTP status.

The HTTP status is chosen in one place, `routes.errors`, so the backend stays plain Python.

    EmulatorError
     ├── InvalidArgument      a request field is missing or malformed
     ├── NotFound             an id, phone number or country code does not exist in the project
     ├── AlreadyExists        a unique value (trunk hostName, rented number) is already taken
     ├── FailedPrecondition   a delete is refused while dependents exist
     ├── Unauthenticated      no credentials, bad credentials or an expired token
     └── PermissionDenied     valid credentials, but for another project
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True)
class FieldViolation:
    """One bad request field: its JSON path and what is wrong with it."""

    field: str
    description: str


class EmulatorError(Exception):
    """Base of every error the backend raises; `code` is the Google-RPC style status name."""

    code: ClassVar[str] = "UNKNOWN"

    def __init__(self, message: str, violations: Sequence[FieldViolation] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.violations = tuple(violations)


class InvalidArgument(EmulatorError):
    """Raised when a request body, path or query value breaks a validation rule."""

    code = "INVALID_ARGUMENT"

    @classmethod
    def from_violations(cls, violations: Sequence[FieldViolation]) -> InvalidArgument:
        message = "; ".join(f"{v.field} {v.description}" for v in violations)
        return cls(message or "Bad request.", violations)


class NotFound(EmulatorError):
    """Raised when an id (in the path or in a link body) is unknown in the project."""

    code = "NOT_FOUND"


class AlreadyExists(EmulatorError):
    """Raised when a value that must be unique is already in use."""

    code = "ALREADY_EXISTS"


class FailedPrecondition(EmulatorError):
    """Raised when a delete is refused because other objects still depend on the target."""

    code = "FAILED_PRECONDITION"


class Unauthenticated(EmulatorError):
    """Raised when credentials are missing or invalid; `expired` marks an expired bearer token."""

    code = "UNAUTHENTICATED"

    def __init__(self, message: str, *, expired: bool = False) -> None:
        super().__init__(message)
        self.expired = expired


class PermissionDenied(EmulatorError):
    """Raised when valid credentials are used on another project's path."""

    code = "PERMISSION_DENIED"
