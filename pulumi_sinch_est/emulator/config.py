"""Emulator configuration: what is fixed at start (`EmulatorConfig`) and what can change at run time."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import FieldViolation, InvalidArgument
from .faults import FaultConfig

DEMO_PROJECT_ID = "8f1e6a2c-5b0d-4e7a-9c3f-2d4b6e8a0c11"
DEMO_KEY_ID = "3d9b7f15-0c2e-4a86-b1d4-7e5f9a2c6b30"
DEMO_KEY_SECRET = "emulator-demo-key-secret"
DEMO_NUMBERS = tuple(f"+1555000{n}" for n in range(1001, 1011))
DEFAULT_CLI_PORT = 8787
MAX_PROVISIONING_DELAY_S = 600.0
"""Ten minutes: longer than any test waits, short enough that a typo cannot hang a number for days."""
MAX_TOKEN_TTL_S = 86_400
"""One day; Sinch's tokens last about an hour."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an IP literal) is this machine's loopback interface: where the emulator
    may listen without a warning, and what its control plane accepts in a Host header. The client has
    the same rule (`pulumi_sinch_est.config`); the emulator imports nothing of the package."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass
class RuntimeSettings:
    """Behaviour switches that `/_emulator/config` may change while the server runs."""

    provisioning_delay_s: float
    strict_deletes: bool
    duplicate_host_status: int
    token_ttl_s: int
    page_size_default: int
    echo_rejected_values: bool = False
    """Repeat a rejected password in the 400 that refuses it, as some servers do, so tests can prove the
    client redacts what a server echoes. Off by default; changed only through `/_emulator/config`."""

    def to_json(self) -> dict[str, Any]:
        return {
            "provisioningDelayS": self.provisioning_delay_s,
            "strictDeletes": self.strict_deletes,
            "duplicateHostStatus": self.duplicate_host_status,
            "tokenTtlS": self.token_ttl_s,
            "pageSizeDefault": self.page_size_default,
            "echoRejectedValues": self.echo_rejected_values,
        }

    def patch(self, body: object) -> None:
        """Apply a partial JSON update; all-or-nothing, InvalidArgument on any bad value."""
        if not isinstance(body, dict):
            raise InvalidArgument.from_violations([FieldViolation("body", "must be a JSON object")])
        problems: list[FieldViolation] = []
        updates: dict[str, Any] = {}
        checks: dict[str, tuple[str, Any, str]] = {
            "provisioningDelayS": (
                "provisioning_delay_s",
                lambda v: _num(v) and 0 <= v <= MAX_PROVISIONING_DELAY_S,
                f"a number 0..{MAX_PROVISIONING_DELAY_S:g}",
            ),
            "strictDeletes": ("strict_deletes", lambda v: isinstance(v, bool), "true or false"),
            "duplicateHostStatus": (
                "duplicate_host_status",
                lambda v: v in (400, 409) and _int(v),
                "400 or 409",
            ),
            "tokenTtlS": (
                "token_ttl_s",
                lambda v: _int(v) and 1 <= v <= MAX_TOKEN_TTL_S,
                f"an integer 1..{MAX_TOKEN_TTL_S}",
            ),
            "pageSizeDefault": (
                "page_size_default",
                lambda v: _int(v) and 1 <= v <= 1000,
                "an integer 1..1000",
            ),
            "echoRejectedValues": ("echo_rejected_values", lambda v: isinstance(v, bool), "true or false"),
        }
        for key, value in body.items():
            if key not in checks:
                problems.append(FieldViolation(key, "is not a known setting"))
                continue
            attribute, valid, expected = checks[key]
            if valid(value):
                updates[attribute] = value
            else:
                problems.append(FieldViolation(key, f"must be {expected}"))
        if problems:
            raise InvalidArgument.from_violations(problems)
        for attribute, value in updates.items():
            setattr(self, attribute, value)


def _num(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass
class EmulatorConfig:
    """Everything the emulator needs at start. The defaults give a working demo project."""

    host: str = "127.0.0.1"
    port: int = 0
    project_id: str = DEMO_PROJECT_ID
    key_id: str = DEMO_KEY_ID
    key_secret: str = DEMO_KEY_SECRET
    access_token: str | None = None
    """A fixed bearer token accepted for `project_id` (for SINCH_ACCESS_TOKEN users)."""
    token_ttl_s: int = 3600
    numbers: list[str] = field(default_factory=lambda: list(DEMO_NUMBERS))
    """E.164 numbers rented into `project_id` when the state starts empty."""
    provisioning_delay_s: float = 0.3
    strict_deletes: bool = True
    duplicate_host_status: int = 409
    page_size_default: int = 500
    state_file: Path | str | None = None
    seed: int | None = None
    faults: FaultConfig = field(default_factory=FaultConfig)

    def settings(self) -> RuntimeSettings:
        return RuntimeSettings(
            provisioning_delay_s=self.provisioning_delay_s,
            strict_deletes=self.strict_deletes,
            duplicate_host_status=self.duplicate_host_status,
            token_ttl_s=self.token_ttl_s,
            page_size_default=self.page_size_default,
        )
