"""The fewest API requests each operation can make: the yardstick for `requests`.

- Writes: one per create, update and delete; none in a preview (`check` and `diff` never call the API).
- Reads on create and delete: none, except for two kinds. A create of an object with an owner of its own
  (`OWNED_KINDS`) reads its collection once before the POST, so that an unknown outcome never adopts an
  object that was there before (`providers/_ownership.py`). A number assignment is applied by Sinch
  asynchronously, so its create and delete each need a read before the write (a number routed elsewhere
  is never taken, and a number no longer ours is never unassigned) and at least one after it (to see the
  provisioning done).
- Reads on refresh: one listing per collection (`pulumi_sinch_est.client.listings`), every page at the
  largest page size. Project-wide collections (trunks, ACLs, credential lists, rented numbers) take
  ceil(count / page size) requests; per-trunk collections (endpoints, ACL links, credential-list links)
  one listing per trunk that holds some, which in the benchmark's estate is every trunk.
- Tokens: one per operation that calls the API. Each operation runs in a new provider process, and a
  token lives an hour, so one is the minimum; a preview needs none.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from pulumi_sinch_est.client.active_numbers import LIST_PAGE_SIZE
from pulumi_sinch_est.client.requester import PAGE_SIZE

from .probes import Requests

ASYNC_KINDS = frozenset({"PhoneNumberAssignment"})
"""Kinds whose create and delete wait on Sinch: one read before the write, one after."""
OWNED_KINDS = frozenset({"Trunk", "Acl", "CredentialList", "Endpoint", "CallBlockingRule"})
"""Kinds whose create reads the ids already there first (one page while a collection fits in one)."""
LISTED_PAGES = {
    "Trunk": PAGE_SIZE,
    "Acl": PAGE_SIZE,
    "CredentialList": PAGE_SIZE,
    "PhoneNumberAssignment": LIST_PAGE_SIZE,
}
"""Kinds read from one project-wide listing, with its page size."""
PER_TRUNK = frozenset({"Endpoint", "AclAttachment", "CredentialListAttachment"})
"""Kinds read from a listing of their trunk's collection."""


def minimum(op: str, kinds: Mapping[str, int]) -> Requests:
    """The minimum for `op` (`up`, `preview`, `refresh`, `destroy`) over `kinds` (kind -> count)."""
    resources = sum(kinds.values())
    waiting = sum(count for kind, count in kinds.items() if kind in ASYNC_KINDS)
    if op == "preview":
        return Requests()
    if op == "refresh":
        return Requests(reads=refresh_reads(kinds), tokens=1)
    if op == "up":
        owned = sum(count for kind, count in kinds.items() if kind in OWNED_KINDS)
        return Requests(reads=2 * waiting + owned, writes=resources, tokens=1)
    if op == "destroy":
        return Requests(reads=2 * waiting, writes=resources, tokens=1)
    raise ValueError(f"unknown operation {op!r}")


def refresh_reads(kinds: Mapping[str, int]) -> int:
    trunks = kinds.get("Trunk", 0)
    reads = 0
    for kind, count in kinds.items():
        if kind in LISTED_PAGES:
            reads += math.ceil(count / LISTED_PAGES[kind])
        elif kind in PER_TRUNK:
            reads += min(count, trunks)
        else:
            reads += count
    return reads
