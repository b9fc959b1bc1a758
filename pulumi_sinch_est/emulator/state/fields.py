"""Field-by-field reading of JSON request bodies, collecting every violation before failing."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Collection
from typing import Any

from ..errors import FieldViolation, InvalidArgument

E164 = re.compile(r"^\+[1-9]\d{1,14}$")
HOST_NAME = re.compile(r"^[A-Za-z0-9-]{1,63}$")
_DNS_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")


def is_e164(value: str) -> bool:
    return bool(E164.fullmatch(value))


def is_ipv4(value: str) -> bool:
    try:
        ipaddress.IPv4Address(value)
    except ValueError:
        return False
    return True


def is_host_or_ipv4(value: str) -> bool:
    """An IPv4 literal or a DNS name (what a static endpoint `address` may be)."""
    if is_ipv4(value):
        return True
    labels = value.rstrip(".").split(".")
    return len(value) <= 253 and all(_DNS_LABEL.fullmatch(label) for label in labels)


class FieldReader:
    """Reads fields of one JSON object. `None` and absent are the same thing; wrong types are violations."""

    def __init__(self, body: object, prefix: str = "", violations: list[FieldViolation] | None = None):
        self.prefix = prefix
        self.violations: list[FieldViolation] = [] if violations is None else violations
        self.is_object = isinstance(body, dict)
        if isinstance(body, dict):
            self.body: dict[str, Any] = body
        else:
            self.body = {}
            self.violations.append(FieldViolation(prefix or "body", "must be a JSON object"))

    def _path(self, name: str) -> str:
        return f"{self.prefix}.{name}" if self.prefix else name

    def violate(self, name: str, description: str) -> None:
        self.violations.append(FieldViolation(self._path(name), description))

    def has(self, name: str) -> bool:
        return self.body.get(name) is not None

    def raw(self, name: str) -> Any:
        return self.body.get(name)

    def nested(self, path: str, value: object) -> FieldReader:
        """A reader for a nested object whose violations land in this reader's list."""
        return FieldReader(value, self._path(path), self.violations)

    def _missing(self, name: str, required: bool) -> bool:
        if self.body.get(name) is None:
            if required and self.is_object:  # a non-object was reported once, not once per field
                self.violate(name, "is required")
            return True
        return False

    def text(self, name: str, *, required: bool = False, non_empty: bool = False) -> str | None:
        if self._missing(name, required):
            return None
        value = self.body[name]
        if not isinstance(value, str):
            self.violate(name, "must be a string")
            return None
        if (required or non_empty) and not value.strip():
            self.violate(name, "must not be empty")
            return None
        return value

    def flag(self, name: str, *, required: bool = False) -> bool | None:
        if self._missing(name, required):
            return None
        value = self.body[name]
        if not isinstance(value, bool):
            self.violate(name, "must be true or false")
            return None
        return value

    def integer(
        self, name: str, *, required: bool = False, minimum: int | None = None, maximum: int | None = None
    ) -> int | None:
        if self._missing(name, required):
            return None
        value = self.body[name]
        if isinstance(value, bool) or not isinstance(value, int):
            self.violate(name, "must be an integer")
            return None
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            low = "" if minimum is None else f">= {minimum}"
            high = "" if maximum is None else f"<= {maximum}"
            self.violate(name, f"must be {' and '.join(p for p in (low, high) if p)} (got {value})")
            return None
        return value

    def choice(self, name: str, choices: Collection[str], *, required: bool = False) -> str | None:
        value = self.text(name, required=required)
        if value is not None and value not in choices:
            self.violate(name, f"must be one of {', '.join(sorted(choices))} (got {value!r})")
            return None
        return value

    def phone_number(self, name: str, *, required: bool = False) -> str | None:
        value = self.text(name, required=required)
        if value and not is_e164(value):
            self.violate(name, f"must be an E.164 number like +15551234567 (got {value!r})")
            return None
        return value

    def items(self, name: str, *, required: bool = False) -> list[Any] | None:
        if self._missing(name, required):
            return None
        value = self.body[name]
        if not isinstance(value, list):
            self.violate(name, "must be a JSON array")
            return None
        return value

    def id_list(self, name: str, *, required: bool = False) -> list[str] | None:
        values = self.items(name, required=required)
        if values is None:
            return None
        if not all(isinstance(v, str) and v for v in values):
            self.violate(name, "must be an array of id strings")
            return None
        return list(dict.fromkeys(values))

    def check(self) -> None:
        """Raise InvalidArgument listing every violation collected so far."""
        if self.violations:
            raise InvalidArgument.from_violations(self.violations)
