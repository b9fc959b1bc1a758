"""The request machinery every API area shares: URLs, the retry loop, error mapping, parsing.

One operation is one call to :meth:`Requester.send`. It runs attempts until one succeeds, the failure is
not retryable (see :mod:`.retries`), the attempts are used up, or the next wait would leave less than
``MIN_ATTEMPT_S`` of the operation's deadline for the attempt after it (``Settings.timeout_s``, which
also bounds each attempt's socket timeouts).
Authentication, including the retry-once on 401, happens inside each attempt (see :mod:`.auth`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel, ValidationError

from ..config import Settings
from .error_mapping import api_error_from_response
from .errors import SinchError, TransportError, UnexpectedResponseError
from .listings import Listings
from .pagination import walk_pages, walk_token_pages
from .redaction import secrets_in
from .retries import (
    IDEMPOTENT_METHODS,
    RetryPolicy,
    parse_retry_after,
    reason_to_retry_error,
    reason_to_retry_status,
    status_may_have_been_processed,
    was_not_sent,
)
from .timing import Clock, Deadline

logger = logging.getLogger("pulumi_sinch_est.client")

M = TypeVar("M", bound=BaseModel)
Params = Mapping[str, str | int | bool]

PAGE_SIZE = 500
"""EST page size asked for on every list: the published spec's maximum (est-api.md §3.1; other sources
show larger pages, none a smaller limit). A server that sends smaller pages is walked to the end anyway."""
READ_METHODS = frozenset({"GET", "HEAD"})


class Requester:
    """Sends one logical operation to Sinch and hands back parsed JSON or models."""

    def __init__(
        self,
        settings: Settings,
        http: httpx.Client,
        auth: httpx.Auth,
        retry_policy: RetryPolicy,
        clock: Clock,
    ) -> None:
        self._settings = settings
        self._http = http
        self._auth = auth
        self._policy = retry_policy
        self._clock = clock
        self._secrets = (settings.key_secret, settings.access_token)
        self.listings = Listings(clock)
        """Shared by every API area of the client, so any write drops every listing (see `.listings`)."""

    def est(self, *segments: str) -> str:
        """URL of an Elastic SIP Trunking resource of this project."""
        return _join(self._settings.est_url, "v1", "projects", self._settings.project_id, *segments)

    def numbers(self, *segments: str) -> str:
        """URL of a Numbers API resource of this project."""
        return _join(self._settings.numbers_url, "v1", "projects", self._settings.project_id, *segments)

    def send(
        self,
        operation: str,
        method: str,
        url: str,
        *,
        json: Any = None,
        params: Params | None = None,
        idempotent: bool | None = None,
    ) -> Any:
        """The decoded JSON body of the eventual 2xx response (None when empty), or a SinchError.

        ``idempotent`` defaults from the method; pass True for a POST or PATCH whose repetition is
        harmless, so that it gets the same retries as a PUT.
        """
        if idempotent is None:
            idempotent = method in IDEMPOTENT_METHODS
        if method in READ_METHODS:
            return self._send(operation, method, url, json=json, params=params, idempotent=idempotent)
        self.listings.note_write()
        try:
            return self._send(operation, method, url, json=json, params=params, idempotent=idempotent)
        finally:
            self.listings.note_write()

    def _send(
        self, operation: str, method: str, url: str, *, json: Any, params: Params | None, idempotent: bool
    ) -> Any:
        deadline = Deadline(self._clock, self._settings.timeout_s)
        attempt = 0
        while True:
            attempt += 1
            retry_after: float | None = None
            cause: Exception | None = None
            try:
                request = self._http.build_request(method, url, json=json, params=params, timeout=deadline.remaining())
                response = self._http.send(request, auth=self._auth)
            except httpx.TransportError as exc:
                reason = reason_to_retry_error(exc, idempotent=idempotent)
                failure: SinchError = TransportError(
                    operation,
                    _describe(exc, deadline, self._settings.timeout_s),
                    may_have_been_processed=not was_not_sent(exc),
                )
                cause = exc
            else:
                if response.is_success:
                    return _decode(response, operation)
                retry_after = parse_retry_after(response.headers.get("Retry-After"), self._clock.time())
                told = retry_after is not None
                reason = reason_to_retry_status(response.status_code, idempotent=idempotent, retry_after=told)
                failure = api_error_from_response(response, operation, (*self._secrets, *secrets_in(json)))
                failure.may_have_been_processed = status_may_have_been_processed(
                    response.status_code, idempotent=idempotent, retry_after=told
                )
            if reason is None:
                raise failure from cause
            delay = retry_after if retry_after is not None else self._policy.backoff_s(attempt)
            if attempt >= self._policy.max_attempts:
                logger.info("%s: giving up after %d attempts (%s)", operation, attempt, reason)
                raise failure from cause
            if not deadline.allows_wait(delay):
                logger.info("%s: giving up, waiting %.2f s would pass the deadline (%s)", operation, delay, reason)
                raise failure from cause
            logger.info(
                "%s: %s; retrying %s %s in %.2f s (attempt %d of %d)",
                operation,
                reason,
                method,
                httpx.URL(url).path,
                delay,
                attempt + 1,
                self._policy.max_attempts,
            )
            self._clock.sleep(delay)

    def fetch(
        self,
        model: type[M],
        operation: str,
        method: str,
        url: str,
        *,
        json: Any = None,
        idempotent: bool | None = None,
    ) -> M:
        """Send an operation whose response is one object, parsed as ``model``.

        A success that cannot be read answering a write that is not idempotent says the write was done
        although its result is unknown, so its error is marked `may_have_been_processed`.
        """
        try:
            body = self.send(operation, method, url, json=json, idempotent=idempotent)
            return parse_model(model, body, operation)
        except UnexpectedResponseError as unreadable:
            unreadable.may_have_been_processed = not (idempotent or method in IDEMPOTENT_METHODS)
            raise

    def fetch_all(
        self,
        model: type[M],
        operation: str,
        url: str,
        item_keys: Sequence[str],
        params: Params | None = None,
    ) -> list[M]:
        """Every item of a page-numbered EST list, parsed as ``model``."""
        return [parse_model(model, item, operation) for item in self.walk(operation, url, item_keys, params)]

    def walk(self, operation: str, url: str, item_keys: Sequence[str], params: Params | None = None) -> list[Any]:
        """Every raw item of a page-numbered EST list, in pages of `PAGE_SIZE` unless `params` name a size."""
        return walk_pages(
            lambda page: self.send(operation, "GET", url, params={"size": PAGE_SIZE, **(params or {}), "page": page}),
            item_keys,
            operation,
        )

    def walk_tokens(self, operation: str, url: str, item_key: str, params: Params | None = None) -> list[Any]:
        """Every raw item of a token-paged Numbers list."""

        def fetch_page(token: str | None) -> Any:
            page_params = dict(params or {})
            if token is not None:
                page_params["pageToken"] = token
            return self.send(operation, "GET", url, params=page_params)

        return walk_token_pages(fetch_page, item_key, operation)


def parse_model(model: type[M], data: Any, operation: str) -> M:
    """Validate one response object, reporting a mismatch as an UnexpectedResponseError."""
    if not isinstance(data, dict):
        raise UnexpectedResponseError(operation, f"expected a JSON object for {model.__name__}")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise UnexpectedResponseError(
            operation, f"{model.__name__}.{where}: {first['msg']} ({exc.error_count()} problem(s))"
        ) from None


def _join(base: str, *segments: str) -> str:
    """Path segments are percent-encoded except ``+`` (E.164 numbers go in paths as the SDKs send them)."""
    return base + "/" + "/".join(quote(segment, safe="+") for segment in segments)


def _decode(response: httpx.Response, operation: str) -> Any:
    """Any 2xx counts as success (creation codes differ by endpoint); an empty body decodes to None."""
    if not response.content.strip():
        return None
    try:
        return response.json()
    except ValueError:
        raise UnexpectedResponseError(operation, f"HTTP {response.status_code} with a body that is not JSON") from None


def _describe(error: httpx.TransportError, deadline: Deadline, timeout_s: float) -> str:
    text = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    if isinstance(error, httpx.TimeoutException) and deadline.remaining() <= 0:
        text += f" (the {timeout_s:g} s deadline for the operation ran out)"
    return text
