"""The fewest API requests each operation can make, per resource: the yardstick for `requests`.

- Writes: one per create, update and delete; none in a preview (`check` and `diff` never call the API).
- Reads: none for a delete, one per resource on refresh (an attachment's one read is the trunk's list of
  linked ids). A create of an object with an owner of its own (`OWNED_KINDS`) reads its collection once
  before the POST, so that an unknown outcome never adopts an object that was there before
  (`providers/_ownership.py`). A number assignment is the other exception: Sinch applies it
  asynchronously, so its create and delete each need a read before the write (a number routed elsewhere
  is never taken, and a number no longer ours is never unassigned) and at least one after it (to see the
  provisioning done).
- Tokens: one per operation that calls the API. Each operation runs in a new provider process, and a
  token lives an hour, so one is the minimum; a preview needs none.
"""

from __future__ import annotations

from collections.abc import Mapping

from .probes import Requests

ASYNC_KINDS = frozenset({"PhoneNumberAssignment"})
"""Kinds whose create and delete wait on Sinch: one read before the write, one after."""
OWNED_KINDS = frozenset({"Trunk", "Acl", "CredentialList", "Endpoint", "CallBlockingRule"})
"""Kinds whose create reads the ids already there first (one page while a collection fits in one)."""


def minimum(op: str, kinds: Mapping[str, int]) -> Requests:
    """The minimum for `op` (`up`, `preview`, `refresh`, `destroy`) over `kinds` (kind -> count)."""
    resources = sum(kinds.values())
    waiting = sum(count for kind, count in kinds.items() if kind in ASYNC_KINDS)
    if op == "preview":
        return Requests()
    if op == "refresh":
        return Requests(reads=resources, tokens=1)
    if op == "up":
        owned = sum(count for kind, count in kinds.items() if kind in OWNED_KINDS)
        return Requests(reads=2 * waiting + owned, writes=resources, tokens=1)
    if op == "destroy":
        return Requests(reads=2 * waiting, writes=resources, tokens=1)
    raise ValueError(f"unknown operation {op!r}")
