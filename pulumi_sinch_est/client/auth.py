"""Putting a bearer token on every request, as an ``httpx.Auth`` so it composes with the client's send.

With a key pair the token comes from the OAuth2 client-credentials grant and is cached process-wide per
(auth URL, key id): every thread and every client in a Pulumi host process shares one token, and one
refresh runs at a time while the others wait for its result. The Sinch token endpoint is a small token
bucket, so fetching per thread or per call would soon be rate limited.

When the token endpoint answers 429 the wait (its ``Retry-After``, capped at
``TOKEN_RETRY_AFTER_CAP_S``, else a growing jittered back-off) is recorded on the key's slot and slept
*outside* the slot's lock, so the other threads are not frozen behind one sleeper: each sees the recorded
time, waits for it without calling the endpoint, and fails at once when the wait would pass its own
operation's deadline (the remaining time the requester put on the API request as its timeout).

A token is refreshed before it expires: 60 s before the JWT ``exp`` (or before ``expires_in`` when the
token is opaque), or halfway through its life when that is shorter than two minutes.

On a 401 from the API the request is sent once more with a fresh token. Sinch's SDKs do that only when
``WWW-Authenticate`` mentions ``expired``; this client does it for every 401 on a cached token, because a
token can also be rejected before its ``exp`` (key rotated, server restarted with new signing keys) and one
extra attempt is cheap. A second 401 is final.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import threading
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

import httpx

from .error_mapping import api_error_from_response
from .errors import RateLimitedError, UnexpectedResponseError
from .retries import full_jitter, parse_retry_after
from .timing import Clock, Deadline, SystemClock

logger = logging.getLogger("pulumi_sinch_est.client")

TOKEN_PATH = "/oauth2/token"
REFRESH_MARGIN_S = 60.0
TOKEN_RATE_LIMIT_RETRIES = 3
TOKEN_BACKOFF_BASE_S = 1.0
TOKEN_BACKOFF_GROWTH = 4.0
TOKEN_RETRY_AFTER_CAP_S = 20.0
"""The longest wait a token endpoint's Retry-After gets; beyond that the operation is better failed."""
_TOKEN_OPERATION = "obtaining an access token"

_AuthFlow = Generator[httpx.Request, httpx.Response, None]
_TokenFlow = Generator[httpx.Request, httpx.Response, str]


class StaticToken(httpx.Auth):
    """A caller-supplied access token, sent as-is; it cannot be refreshed, so a 401 is final."""

    def __init__(self, access_token: str) -> None:
        self._header = f"Bearer {access_token}"

    def __repr__(self) -> str:
        return "StaticToken(access_token=<hidden>)"

    def sync_auth_flow(self, request: httpx.Request) -> _AuthFlow:
        request.headers["Authorization"] = self._header
        yield request


@dataclass
class _CachedToken:
    value: str
    refresh_at: float
    """Wall-clock time after which the token is no longer handed out."""


class _Slot:
    """One key's token and the lock that makes its refresh single-flight."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.token: _CachedToken | None = None
        self.quiet_until = 0.0
        """Monotonic time before which the token endpoint must not be called (its last 429's wait)."""


class TokenCache:
    """Tokens keyed by (auth URL, key id), so that clients built from different Settings (another
    timeout, another project) but the same key still share one token."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._slots: dict[tuple[str, str], _Slot] = {}

    def slot(self, auth_url: str, key_id: str) -> _Slot:
        with self._lock:
            return self._slots.setdefault((auth_url, key_id), _Slot())


PROCESS_TOKEN_CACHE = TokenCache()


class ClientCredentials(httpx.Auth):
    """OAuth2 client credentials: Basic key_id:key_secret at ``{auth_url}/oauth2/token``."""

    def __init__(
        self,
        auth_url: str,
        key_id: str,
        key_secret: str,
        *,
        cache: TokenCache | None = None,
        clock: Clock | None = None,
    ) -> None:
        self._token_url = auth_url.rstrip("/") + TOKEN_PATH
        self._key_id = key_id
        self._key_secret = key_secret
        self._basic = "Basic " + base64.b64encode(f"{key_id}:{key_secret}".encode()).decode("ascii")
        self._slot = (cache or PROCESS_TOKEN_CACHE).slot(auth_url, key_id)
        self._clock = clock or SystemClock()

    def __repr__(self) -> str:
        return f"ClientCredentials(token_url={self._token_url!r}, key_id={self._key_id!r})"

    def sync_auth_flow(self, request: httpx.Request) -> _AuthFlow:
        token = yield from self._valid_token(request)
        request.headers["Authorization"] = f"Bearer {token}"
        response = yield request
        if response.status_code != 401:
            return
        challenge = response.headers.get("WWW-Authenticate", "")
        reason = "token expired" if "expired" in challenge.lower() else "token rejected"
        logger.info("retrying %s %s once with a new access token: %s", request.method, request.url.path, reason)
        self._discard(token)
        token = yield from self._valid_token(request)
        request.headers["Authorization"] = f"Bearer {token}"
        yield request

    def _valid_token(self, api_request: httpx.Request) -> _TokenFlow:
        """The cached token, or a fresh one fetched by one thread at a time; rate-limit waits happen with
        the lock released."""
        budget = Deadline(self._clock, _time_budget(api_request))
        retry = 0
        while True:
            with self._slot.lock:
                cached = self._slot.token
                if cached is not None and self._clock.time() < cached.refresh_at:
                    return cached.value
                wait = self._slot.quiet_until - self._clock.monotonic()
                if wait <= 0:
                    fetched_at = self._clock.time()
                    response = yield self._token_request(api_request)
                    response.read()
                    if response.status_code != 429 or retry >= TOKEN_RATE_LIMIT_RETRIES:
                        fresh = self._read_token(response, fetched_at)
                        self._slot.token = fresh
                        return fresh.value
                    wait = self._rate_limit_wait(response, retry)
                    self._slot.quiet_until = self._clock.monotonic() + wait
                    retry += 1
            if not budget.allows_wait(wait):
                raise RateLimitedError(
                    429,
                    _TOKEN_OPERATION,
                    hint=f"the token endpoint asked for a {wait:.1f} s pause, more than this operation has left; "
                    "run fewer operations at once or raise sinch:timeoutSeconds",
                )
            logger.info("token endpoint rate limited (HTTP 429); waiting %.2f s before asking again", wait)
            self._clock.sleep(wait)

    def _discard(self, token: str) -> None:
        """Drop the token the server rejected, unless another thread already replaced it."""
        with self._slot.lock:
            if self._slot.token is not None and self._slot.token.value == token:
                self._slot.token = None

    def _token_request(self, api_request: httpx.Request) -> httpx.Request:
        """The token request shares the API request's socket timeouts."""
        return httpx.Request(
            "POST",
            self._token_url,
            data={"grant_type": "client_credentials"},
            headers={"Authorization": self._basic, "Accept": "application/json"},
            extensions={"timeout": api_request.extensions["timeout"]},
        )

    def _rate_limit_wait(self, response: httpx.Response, retry: int) -> float:
        """Retry-After capped at TOKEN_RETRY_AFTER_CAP_S, else full jitter growing 1, 4, 16 s."""
        delay = parse_retry_after(response.headers.get("Retry-After"), self._clock.time())
        if delay is None:
            return full_jitter(TOKEN_BACKOFF_BASE_S * TOKEN_BACKOFF_GROWTH**retry)
        return min(delay, TOKEN_RETRY_AFTER_CAP_S)

    def _read_token(self, response: httpx.Response, fetched_at: float) -> _CachedToken:
        if not response.is_success:
            raise api_error_from_response(response, _TOKEN_OPERATION, secrets=(self._key_secret,))
        try:
            body = response.json()
        except ValueError:
            body = None
        token = body.get("access_token") if isinstance(body, dict) else None
        if not isinstance(token, str) or not token:
            raise UnexpectedResponseError(_TOKEN_OPERATION, "the token response has no access_token")
        expires_in = body.get("expires_in") if isinstance(body, dict) else None
        return _CachedToken(token, _refresh_at(token, expires_in, fetched_at))


def _time_budget(api_request: httpx.Request) -> float:
    """What is left of the operation: the requester sets each attempt's timeouts to its remaining time."""
    timeouts = api_request.extensions.get("timeout", {})
    values = [value for value in timeouts.values() if isinstance(value, int | float)]
    return max(values) if values else float("inf")


def _refresh_at(token: str, expires_in: object, fetched_at: float) -> float:
    """When to stop using a token: from the JWT ``exp`` when readable and sane, else from ``expires_in``.

    A JWT ``exp`` already in the past by the local clock means the clocks disagree; ``expires_in`` is
    relative, so it is used instead of refreshing on every call.
    """
    claims = _jwt_claims(token)
    exp, iat = claims.get("exp"), claims.get("iat")
    if isinstance(exp, int | float) and exp > fetched_at:
        lifetime = exp - (iat if isinstance(iat, int | float) and iat < exp else fetched_at)
        return float(exp) - min(REFRESH_MARGIN_S, lifetime / 2)
    if isinstance(expires_in, int | float) and not isinstance(expires_in, bool) and expires_in > 0:
        return fetched_at + expires_in - min(REFRESH_MARGIN_S, expires_in / 2)
    return float("inf")


def _jwt_claims(token: str) -> dict[str, Any]:
    """The unverified payload of a JWT (only the server checks signatures), or {} for opaque tokens."""
    parts = token.split(".")
    if len(parts) != 3:
        return {}
    try:
        payload = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except (ValueError, binascii.Error):
        return {}
    return payload if isinstance(payload, dict) else {}
