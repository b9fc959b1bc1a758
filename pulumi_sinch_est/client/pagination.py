"""Walking list endpoints to the end, tolerating the envelope variants the sources disagree on.

EST lists are page-numbered: ``?page=N`` (1-based) answered by ``{<items key>: [...], "totalItems",
"pageNumber", "pageSize"}``. The published spec says ``size`` instead of ``pageSize`` and a string
``pageNumber``, some lists have two candidate item keys, and call blocking rules may come back as a bare
array; all of these are read. The Numbers API pages with opaque tokens instead.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from .errors import UnexpectedResponseError


def walk_pages(fetch_page: Callable[[int], Any], item_keys: Sequence[str], operation: str) -> list[Any]:
    """All items of a page-numbered list; ``item_keys`` in order of preference."""
    items: list[Any] = []
    page = 1
    while True:
        body = fetch_page(page)
        if isinstance(body, list):
            return items + body
        if body is None:
            return items
        if not isinstance(body, dict):
            raise UnexpectedResponseError(operation, "a list response is neither a JSON object nor an array")
        found = page_items(body, item_keys, operation)
        items.extend(found)
        reported = _as_int(body.get("pageNumber"))
        if reported is not None and reported != page:
            raise UnexpectedResponseError(operation, f"asked for page {page} but got page {reported}")
        if not found or page >= _last_page(body):
            return items
        page += 1


def walk_token_pages(fetch_page: Callable[[str | None], Any], item_key: str, operation: str) -> list[Any]:
    """All items of a token-paged list (``pageToken`` in, ``nextPageToken`` out; empty means done)."""
    items: list[Any] = []
    token: str | None = None
    seen: set[str] = set()
    while True:
        body = fetch_page(token)
        if not isinstance(body, dict):
            raise UnexpectedResponseError(operation, "a list response is not a JSON object")
        items.extend(page_items(body, (item_key,), operation))
        next_token = body.get("nextPageToken")
        if not next_token:
            return items
        token = str(next_token)
        if token in seen:
            raise UnexpectedResponseError(operation, "the server handed out the same page token twice")
        seen.add(token)


def page_items(body: dict[str, Any], item_keys: Sequence[str], operation: str) -> list[Any]:
    """The first present key wins; a body with none of them is an empty page (``{}`` is seen in the wild)."""
    for key in item_keys:
        if key in body and body[key] is not None:
            value = body[key]
            if not isinstance(value, list):
                raise UnexpectedResponseError(operation, f"`{key}` in a list response is not an array")
            return value
    return []


def _last_page(body: dict[str, Any]) -> int:
    """The last page number, or 0 when the envelope lacks what is needed to tell (then: stop)."""
    total = _as_int(body.get("totalItems"))
    size = _as_int(body.get("pageSize", body.get("size")))
    if total is None or size is None or size <= 0:
        return 0
    return math.ceil(total / size)


def _as_int(value: object) -> int | None:
    """Integers, and integers sent as strings (the spec types ``pageNumber`` as a string)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None
