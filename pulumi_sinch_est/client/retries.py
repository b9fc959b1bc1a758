"""When a failed attempt is tried again, and how long to wait first.

The rule that matters most is for writes that create things. Retrying a POST that Sinch already processed
would create a second trunk or list, so a POST is retried only when the failure proves it was not
processed:

- the connection was never established (connect error, connect timeout, no pooled connection free);
- 429: the rate limiter rejects a request before any handler runs;
- 503 with ``Retry-After``: the service itself refused the request and said when to come back.

A bare 503 is not proof: some gateways answer 503 when the service behind them timed out after it had
committed. A read timeout, a dropped connection, a bare 503, 500, 502 or 504 after a POST are ambiguous,
so they are raised (``TransportError(may_have_been_processed=True)`` or the ``ServerError``) and the
caller looks the object up before creating it again. GET, PUT, DELETE and PATCH-to-a-value are
idempotent and are retried on all of these.
"""

from __future__ import annotations

import datetime
import email.utils
import math
import random
from dataclasses import dataclass

import httpx

RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})
"""Statuses an idempotent request is retried on."""

UNPROCESSED_STATUSES = frozenset({429, 503})
"""Statuses that prove the request was not acted on, so even a POST may be retried; 503 only with a
``Retry-After`` (see the module docstring)."""

IDEMPOTENT_METHODS = frozenset({"GET", "PUT", "DELETE"})

_TRANSIENT_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
_TRANSIENT_MAYBE_SENT = (
    httpx.ReadTimeout,
    httpx.WriteTimeout,
    httpx.ReadError,
    httpx.WriteError,
    httpx.RemoteProtocolError,
)
_NEVER_SENT = (*_TRANSIENT_NOT_SENT, httpx.UnsupportedProtocol, httpx.LocalProtocolError)


@dataclass(frozen=True)
class RetryPolicy:
    """How many attempts an operation gets and how back-off grows between them.

    Delays are "full jitter" (uniform between zero and the exponential cap) so that the four provider
    threads, and several processes, do not retry in lockstep against the same rate limiter.
    """

    max_attempts: int = 6
    base_delay_s: float = 0.5
    max_delay_s: float = 20.0

    def backoff_s(self, attempt: int) -> float:
        """The wait after failed attempt number ``attempt`` (1-based) when the server gave no Retry-After."""
        return full_jitter(min(self.max_delay_s, self.base_delay_s * 2 ** (attempt - 1)))


def full_jitter(cap_s: float) -> float:
    return random.uniform(0.0, cap_s)


def was_not_sent(error: httpx.TransportError) -> bool:
    """True when the request certainly never reached the server."""
    return isinstance(error, _NEVER_SENT)


def proves_unprocessed(status_code: int, *, retry_after: bool) -> bool:
    """Whether this status proves the request was refused before anything was done."""
    return status_code == 429 or (status_code == 503 and retry_after)


def reason_to_retry_status(status_code: int, *, idempotent: bool, retry_after: bool) -> str | None:
    """Why an error status may be retried, or None when it must be raised; ``retry_after`` says whether
    the response carried a usable Retry-After."""
    if idempotent:
        retryable = status_code in RETRYABLE_STATUSES
    else:
        retryable = proves_unprocessed(status_code, retry_after=retry_after)
    return f"HTTP {status_code}" if retryable else None


def status_may_have_been_processed(status_code: int, *, idempotent: bool, retry_after: bool) -> bool:
    """Whether a write that is not idempotent, answered with this status, may still have been acted on:
    a 500, 502, 504 or bare 503 does not prove the request was refused, as 429 and a 503 with
    Retry-After do."""
    return (
        not idempotent
        and status_code in RETRYABLE_STATUSES
        and not proves_unprocessed(status_code, retry_after=retry_after)
    )


def reason_to_retry_error(error: httpx.TransportError, *, idempotent: bool) -> str | None:
    """Why a transport failure may be retried, or None when it must be raised."""
    kind = type(error).__name__
    if isinstance(error, _TRANSIENT_NOT_SENT):
        return f"{kind}, request not sent"
    if idempotent and isinstance(error, _TRANSIENT_MAYBE_SENT):
        return kind
    return None


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header given as seconds or as an HTTP date; None if unusable."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:  # "-0000" parses as "zone unknown"; HTTP dates are always UTC (RFC 9110)
            when = when.replace(tzinfo=datetime.UTC)
        seconds = when.timestamp() - now
    return max(0.0, seconds) if math.isfinite(seconds) else None
