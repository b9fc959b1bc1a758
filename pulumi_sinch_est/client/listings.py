"""Reads answered from one listing of a whole collection, for `pulumi refresh`.

Why: a refresh reads every resource, one provider call each, and the provider host runs at most four
calls at once, so one GET per resource costs N x latency / 4 and N requests of the rate budget. One
listing per collection (every page, at the largest page size) answers all of that collection's reads.

The rule, in one place (:meth:`Listings.read`), and why each part keeps a refresh truthful:

- The first read of a collection in this process lists it whole. Reads of the same collection that arrive
  meanwhile wait for that listing instead of starting their own.
- Later reads are answered from the listing while it is younger than :data:`WINDOW_S`. Every `pulumi
  refresh` (and `preview`/`up --refresh`) starts a new provider process, so each run begins with no
  listing and sees the server as it is then. Within a run, an answer from a listing taken a few seconds
  earlier is what a GET sent at that moment would have said; the engine spreads one run's reads over the
  run anyway and promises no single instant, so the window adds no staleness a GET-per-resource refresh
  did not already have. Past the window the next read lists again.
- Any write by this process (any request but a GET, whether it succeeds or not) drops every listing when
  it is sent and again when it is answered, and a listing that was under way across a write is not kept:
  this process never answers from a copy older than its own change.
- An object missing from the listing is read with its own GET before it is reported gone: another stack
  may have created it after the listing was taken. Only that GET's 404 says the object was deleted.
- A listing that fails (an API or transport error) is not tried again within the window; reads of that
  collection fall back to their GET. A listing therefore never fails a read a GET would have answered
  (a page size a real server refuses, a trunk deleted from under its endpoints).

The cost: the first read lists the whole collection, so a stack holding a few objects of a project with
thousands pays a few pages instead of a few GETs; at 500 items per page that is rarely more.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .errors import SinchError
from .timing import Clock

logger = logging.getLogger("pulumi_sinch_est.client")

WINDOW_S = 10.0
"""How long a listing answers reads. Short next to a refresh of a large stack, long next to one read."""

T = TypeVar("T")


@dataclass
class _Listing:
    """One collection's listing: `items` by id, or None when the listing failed (then GETs answer)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    taken_at: float | None = None
    items: Mapping[str, Any] | None = None


class Listings:
    """The listings of one client, keyed by collection (``("trunks",)``, ``("endpoints", trunk_id)``)."""

    def __init__(self, clock: Clock, window_s: float = WINDOW_S) -> None:
        self._clock = clock
        self._window_s = window_s
        self._lock = threading.Lock()
        self._listings: dict[Hashable, _Listing] = {}
        self._writes = 0

    def read(
        self,
        collection: Hashable,
        item_id: str,
        list_all: Callable[[], Mapping[str, T]],
        get_one: Callable[[], T],
    ) -> T:
        """The item `item_id` of `collection`: from a fresh listing (`list_all`, items by id) when it holds
        the item, else from `get_one`, whose NotFoundError is the only way an item is reported gone."""
        items = self._items(collection, list_all)
        if items is not None and item_id in items:
            found: T = items[item_id]
            return found
        return get_one()

    def note_write(self) -> None:
        """Called when this process sends a write and when it is answered: every listing is dropped."""
        with self._lock:
            self._writes += 1
            self._listings.clear()

    def _items(self, collection: Hashable, list_all: Callable[[], Mapping[str, Any]]) -> Mapping[str, Any] | None:
        with self._lock:
            listing = self._listings.setdefault(collection, _Listing())
        with listing.lock:
            now = self._clock.monotonic()
            if listing.taken_at is not None and now - listing.taken_at < self._window_s:
                return listing.items
            with self._lock:
                writes_before = self._writes
            try:
                items: Mapping[str, Any] | None = list_all()
            except SinchError as exc:
                logger.info("%s; reading %r one object at a time", exc, collection)
                items = None
            with self._lock:
                if self._writes != writes_before:
                    return None  # a write crossed the listing: neither kept nor used
            listing.taken_at, listing.items = now, items
            return items
