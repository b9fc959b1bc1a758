"""Fault injection: error rates, latency, a token-endpoint rate limit and "lost responses".

Everything random comes from one `random.Random(seed)`, drawn once per API request, so the same seed
and the same request sequence give the same sequence of statuses. Faults never touch `/_emulator/`.

- error rates: per status (429, 500, 503, ...), the request is answered with that error and NOT performed;
  a 429 carries `Retry-After`.
- error rules: a request matching `method` and `path_regex` is answered with `status` and NOT performed,
  after `hold_s` (0 by default: a create still in flight, for a test that kills the caller meanwhile),
  `times` times (the rule counts down as requests arrive, and `GET /_emulator/faults` shows what is
  left); a 429 carries `Retry-After`. Rules are checked in order, after the random draw, and win over it.
- latency: every API and token request waits `latency_ms` first.
- token bucket: the token endpoint answers 429 (without `Retry-After`, like the real auth gateway) once
  the bucket is empty; it refills continuously.
- lost responses: a request matching `method` and `path_regex` is performed, then its response is
  dropped (`close`: the connection is aborted; `hold`: nothing is sent for `hold_s`, then it is aborted;
  `error`: a 500 is answered in its place, as a gateway does when the service behind it fails after
  committing), `times` times.
"""

from __future__ import annotations

import asyncio
import random
import re
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from .errors import FieldViolation, InvalidArgument

LostMode = Literal["close", "hold", "error"]


@dataclass
class LostResponseRule:
    """Perform matching requests, then drop their response, `times` times."""

    method: str
    path_regex: str
    times: int = 1
    mode: LostMode = "close"
    hold_s: float = 5.0

    def matches(self, method: str, path: str) -> bool:
        return self.times > 0 and method.upper() == self.method.upper() and bool(re.search(self.path_regex, path))


@dataclass
class ErrorRule:
    """Answer matching requests with `status` without performing them, `times` times."""

    method: str
    path_regex: str
    status: int
    times: int = 1
    hold_s: float = 0.0

    def matches(self, method: str, path: str) -> bool:
        return self.times > 0 and method.upper() == self.method.upper() and bool(re.search(self.path_regex, path))


@dataclass
class FaultConfig:
    """The fault settings; all off by default."""

    error_rates: dict[int, float] = field(default_factory=dict)
    latency_ms: int = 0
    retry_after_s: int = 1
    token_bucket_capacity: int | None = None
    token_bucket_refill_per_s: float = 10.0
    lost_responses: list[LostResponseRule] = field(default_factory=list)
    errors: list[ErrorRule] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "errorRates": {str(status): rate for status, rate in sorted(self.error_rates.items())},
            "latencyMs": self.latency_ms,
            "retryAfterS": self.retry_after_s,
            "tokenBucket": None
            if self.token_bucket_capacity is None
            else {"capacity": self.token_bucket_capacity, "refillPerS": self.token_bucket_refill_per_s},
            "lostResponses": [
                {
                    "method": r.method,
                    "pathRegex": r.path_regex,
                    "times": r.times,
                    "mode": r.mode,
                    "holdS": r.hold_s,
                }
                for r in self.lost_responses
            ],
            "errors": [
                {"method": r.method, "pathRegex": r.path_regex, "status": r.status, "times": r.times, "holdS": r.hold_s}
                for r in self.errors
            ],
        }

    @classmethod
    def from_json(cls, body: object) -> FaultConfig:
        """Parse the `/_emulator/faults` body; raises InvalidArgument naming each bad field."""
        problems: list[FieldViolation] = []
        data: Mapping[str, Any] = body if isinstance(body, dict) else {}
        if not isinstance(body, dict):
            problems.append(FieldViolation("body", "must be a JSON object"))
        _unknown_keys(data, FAULT_KEYS, "", problems)
        config = cls()
        rates = data.get("errorRates") or {}
        if not isinstance(rates, dict):
            problems.append(FieldViolation("errorRates", "must be an object of status -> rate"))
            rates = {}
        for key, rate in rates.items():
            try:
                status = int(key)
            except (TypeError, ValueError):
                status = 0
            if not 400 <= status <= 599 or isinstance(rate, bool) or not isinstance(rate, int | float):
                problems.append(FieldViolation(f"errorRates.{key}", "must map an HTTP error status to a rate"))
            elif not 0 <= rate <= 1:
                problems.append(FieldViolation(f"errorRates.{key}", "must be between 0 and 1"))
            else:
                config.error_rates[status] = float(rate)
        if sum(config.error_rates.values()) > 1:
            problems.append(FieldViolation("errorRates", "rates must add up to at most 1"))
        config.latency_ms = _number(data, "latencyMs", 0, problems)
        config.retry_after_s = _number(data, "retryAfterS", 1, problems)
        bucket = data.get("tokenBucket")
        if isinstance(bucket, dict):
            _unknown_keys(bucket, {"capacity", "refillPerS"}, "tokenBucket.", problems)
            config.token_bucket_capacity = _number(bucket, "capacity", 30, problems)
            config.token_bucket_refill_per_s = _rate(bucket, "refillPerS", 10.0, problems)
        elif bucket is not None:
            problems.append(FieldViolation("tokenBucket", "must be null or {capacity, refillPerS}"))
        rules = data.get("lostResponses") or []
        for index, rule in enumerate(rules if isinstance(rules, list) else [None]):
            parsed = _rule(rule, f"lostResponses[{index}]", problems)
            if parsed is not None:
                config.lost_responses.append(parsed)
        errors = data.get("errors") or []
        for index, rule in enumerate(errors if isinstance(errors, list) else [None]):
            error = _error_rule(rule, f"errors[{index}]", problems)
            if error is not None:
                config.errors.append(error)
        if problems:
            raise InvalidArgument.from_violations(problems)
        return config


FAULT_KEYS = frozenset({"errorRates", "latencyMs", "retryAfterS", "tokenBucket", "lostResponses", "errors"})
"""The keys of a fault body (`seed` is taken out before it is parsed)."""


def _unknown_keys(
    data: Mapping[str, Any], known: set[str] | frozenset[str], where: str, problems: list[FieldViolation]
) -> None:
    """A key the emulator does not know is refused, naming it: ignored, a typo would silently turn a fault off."""
    for key in sorted(str(k) for k in data if k not in known):
        problems.append(
            FieldViolation(f"{where}{key}", f"is not a known setting (expected one of: {', '.join(sorted(known))})")
        )


def _number(data: Mapping[str, Any], key: str, default: int, problems: list[FieldViolation]) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        problems.append(FieldViolation(key, "must be a non-negative integer"))
        return default
    return value


def _rate(data: Mapping[str, Any], key: str, default: float, problems: list[FieldViolation]) -> float:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        problems.append(FieldViolation(key, "must be a positive number"))
        return default
    return float(value)


def _matcher(rule: object, where: str, keys: frozenset[str], problems: list[FieldViolation]) -> dict[str, Any] | None:
    """A rule's body when its `method`, `pathRegex`, `times` and keys are valid; what both kinds share."""
    shape = "{" + ", ".join(sorted(keys)) + "}"
    if (
        not isinstance(rule, dict)
        or not isinstance(rule.get("method"), str)
        or not isinstance(rule.get("pathRegex"), str)
    ):
        problems.append(FieldViolation(where, f"must be {shape} with method and pathRegex strings"))
        return None
    unknown = len(problems)
    _unknown_keys(rule, keys, f"{where}.", problems)
    if len(problems) > unknown:
        return None
    try:
        re.compile(rule["pathRegex"])
    except re.error as exc:
        problems.append(FieldViolation(f"{where}.pathRegex", f"is not a valid regex ({exc})"))
        return None
    times = rule.get("times", 1)
    if isinstance(times, bool) or not isinstance(times, int) or times < 0:
        problems.append(FieldViolation(f"{where}.times", "must be a non-negative integer"))
        return None
    return rule


def _error_rule(rule: object, where: str, problems: list[FieldViolation]) -> ErrorRule | None:
    checked = _matcher(rule, where, frozenset({"method", "pathRegex", "status", "times", "holdS"}), problems)
    if checked is None:
        return None
    status = checked.get("status")
    hold_s = checked.get("holdS", 0)
    if isinstance(status, bool) or not isinstance(status, int) or not 400 <= status <= 599:
        problems.append(FieldViolation(f"{where}.status", "must be an HTTP error status (400 to 599)"))
        return None
    if isinstance(hold_s, bool) or not isinstance(hold_s, int | float) or hold_s < 0:
        problems.append(FieldViolation(f"{where}.holdS", "must be a non-negative number"))
        return None
    return ErrorRule(checked["method"], checked["pathRegex"], status, checked.get("times", 1), float(hold_s))


def _rule(rule: object, where: str, problems: list[FieldViolation]) -> LostResponseRule | None:
    checked = _matcher(rule, where, frozenset({"method", "pathRegex", "times", "mode", "holdS"}), problems)
    if checked is None:
        return None
    mode = checked.get("mode", "close")
    times = checked.get("times", 1)
    hold_s = checked.get("holdS", 5.0)
    if mode not in ("close", "hold", "error"):
        problems.append(FieldViolation(f"{where}.mode", "must be close, hold or error"))
        return None
    if isinstance(hold_s, bool) or not isinstance(hold_s, int | float) or hold_s < 0:
        problems.append(FieldViolation(f"{where}.holdS", "must be a non-negative number"))
        return None
    return LostResponseRule(checked["method"], checked["pathRegex"], times, mode, float(hold_s))


class FaultInjector:
    """Decides, per request, which fault applies. Thread-safe; all randomness from one seeded generator."""

    def __init__(self, config: FaultConfig, seed: int | None) -> None:
        self._lock = threading.Lock()
        self.configure(config, seed)

    def configure(self, config: FaultConfig, seed: int | None) -> None:
        """Replace the fault settings and restart the random sequence from `seed`."""
        with self._lock:
            self.config = replace(
                config,
                lost_responses=[replace(r) for r in config.lost_responses],
                errors=[replace(r) for r in config.errors],
            )
            self.seed = seed
            self._rng = random.Random(seed)
            self._tokens = float(config.token_bucket_capacity or 0)
            self._refilled_at = time.monotonic()

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {**self.config.to_json(), "seed": self.seed}

    @property
    def latency_s(self) -> float:
        return self.config.latency_ms / 1000

    def draw_error(self, method: str, path: str) -> tuple[int, float] | None:
        """The injected error status for this API request and how long to hold it first, or None. Always
        consumes one draw (so rules do not shift the seeded sequence); the first error rule that matches
        wins, and loses one of its `times`."""
        with self._lock:
            roll = self._rng.random()
            for rule in self.config.errors:
                if rule.matches(method, path):
                    rule.times -= 1
                    return rule.status, rule.hold_s
            threshold = 0.0
            for status, rate in sorted(self.config.error_rates.items()):
                threshold += rate
                if roll < threshold:
                    return status, 0.0
            return None

    def take_token(self) -> bool:
        """Take one token from the token-endpoint bucket; False when the caller is over the limit."""
        with self._lock:
            capacity = self.config.token_bucket_capacity
            if capacity is None:
                return True
            now = time.monotonic()
            refill = (now - self._refilled_at) * self.config.token_bucket_refill_per_s
            self._tokens = min(float(capacity), self._tokens + refill)
            self._refilled_at = now
            if self._tokens >= 1:
                self._tokens -= 1
                return True
            return False

    def claim_lost_response(self, method: str, path: str) -> LostResponseRule | None:
        """The rule that drops this request's response (consuming one of its `times`), or None."""
        with self._lock:
            for rule in self.config.lost_responses:
                if rule.matches(method, path):
                    rule.times -= 1
                    return replace(rule)
            return None


async def drop_response(send: Any, receive: Any, rule: LostResponseRule) -> None:
    """Send nothing and abort the client's connection (after `hold_s` in hold mode).

    The server's own `send` callable is a bound method of its per-request cycle object, which holds the
    transport; aborting that transport is the only way to close a connection from inside ASGI without
    first sending a status line. When the transport is not reachable, a response head is sent and the
    body never follows, which the server turns into a closed connection too.
    """
    if rule.mode == "hold":
        await asyncio.sleep(rule.hold_s)
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    if transport is not None and hasattr(transport, "abort"):
        transport.abort()
        try:
            async with asyncio.timeout(2):
                while (await receive())["type"] != "http.disconnect":
                    pass
        except TimeoutError:
            pass
        return
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"1000")]})
