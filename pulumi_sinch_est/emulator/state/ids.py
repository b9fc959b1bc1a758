"""Identifiers and timestamps in the wire format of the EST API."""

from __future__ import annotations

import secrets
import time
from datetime import UTC, datetime

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_id(now: float | None = None) -> str:
    """A 26-character ULID-like id: 10 characters of milliseconds, 16 of randomness, upper case."""
    millis = int((time.time() if now is None else now) * 1000)
    stamp = "".join(_CROCKFORD[(millis >> shift) & 31] for shift in range(45, -1, -5))
    random_part = "".join(secrets.choice(_CROCKFORD) for _ in range(16))
    return stamp + random_part


def format_time(epoch_s: float) -> str:
    """`YYYY-MM-DDTHH:MM:SS.ffffffZ` in UTC."""
    return datetime.fromtimestamp(epoch_s, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
