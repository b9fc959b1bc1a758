"""The fewest API requests each operation can make, per resource: the yardstick for `requests`.

- Writes: one per create, update and delete; none in a preview (`check` and `diff` never call the API).
- Reads: none for a create or delete, one per resource on refresh (an attachment's one read is the
  trunk's list of linked ids). A number assignment is the exception: Sinch applies it asynchronously, so
  its create and delete each need a read before the write (a number routed elsewhere is never taken, and
  a number no longer ours is never unassigned) and at least one after it (to see the provisioning done).
- Tokens: one per operation that calls the API. Each operation runs in a new provider process, and a
  token lives an hour, so one is the minimum; a preview needs none.
"""

from __future__ import annotations

from collections.abc import Mapping

from .probes import Requests

ASYNC_KINDS = frozenset({"PhoneNumberAssignment"})
"""Kinds whose create and delete wait on Sinch: one read before the write, one after."""


def minimum(op: str, kinds: Mapping[str, int]) -> Requests:
    """The minimum for `op` (`up`, `preview`, `refresh`, `destroy`) over `kinds` (kind -> count)."""
    resources = sum(kinds.values())
    waiting = sum(count for kind, count in kinds.items() if kind in ASYNC_KINDS)
    if op == "preview":
        return Requests()
    if op == "refresh":
        return Requests(reads=resources, tokens=1)
    if op in ("up", "destroy"):
        return Requests(reads=2 * waiting, writes=resources, tokens=1)
    raise ValueError(f"unknown operation {op!r}")
