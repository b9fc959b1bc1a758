"""Which object a create whose outcome is unknown made: the one rule for adopting an object after the fact.

A create can end without saying whether Sinch made the object: its response was lost, a 500, 502 or 504
answered it, or a 2xx came back whose body has no usable id. Sending it again could make a second object,
so the object is looked up by what was sent (the provider's natural-key lookup). ACLs, credential lists,
call blocking rules and endpoints have no unique name, and stacks share a Sinch project
(docs/multi-stack.md): an identical object that another stack (or a person) made matches as well as ours,
and adopting it would let this stack rewrite it and, at `destroy`, delete it. Even a trunk's host name only
says which trunk has it now, not who made it. So a match is adopted only when it cannot have existed
before this create began (`adopted`), wherever the lookup runs.

How "existed before" is known (`Before`):
- In a provider (`IdsBefore`): the ids of the collection, read just before the POST. A match whose id is
  not among them was made after the read, so it cannot be an object that was there before. This is exact:
  no clocks, no timestamp formats (est-api.md §2.2 lists five, one of them zoneless), and it holds for
  objects that carry no `createTime` at all.
  The price is one list read (every page of it) per create of a trunk, ACL, credential list, call
  blocking rule or endpoint, spent on every create to help the rare one whose answer is lost; a project
  with a few hundred lists pays one or two extra pages per create, and nothing per preview, refresh or
  update. The alternative weighed was free of reads: the object's `createTime` against the server's clock,
  estimated from the `Date` headers of earlier responses. `Date` has a one-second resolution and a create
  is answered in milliseconds, so the object this create made carries a `createTime` inside the clock's
  uncertainty: a margin wide enough to exclude every object made before the create would also exclude
  ours (leaving it untracked), and a narrower one would adopt an object another stack made in the second
  before ours. Neither is safe, so the read is paid.
- In `sinch-est-recover` (`CreatedBefore`): the killed run kept no list, so the object's `createTime` is
  compared with the time the interrupted `pulumi up` started, which the user gives (`--since`, from the CI
  log or the terminal). An object created before that time cannot be what the run made. Without the time,
  or for an object with no `createTime`, nothing can be told apart and every match is refused.

The rule: exactly one match that did not exist before is the object the create made. No such match means
the create made none (an older identical object is left alone, and the next `up` creates this stack's
own). Anything else (a match whose age cannot be told, two new matches, a new match with no id) cannot be
decided: the error stands, naming every match, and the user adopts the right one with `import_id`.

Trunk links and number assignments are not objects with an owner of their own: their create takes an
existing link or assignment as its own by design (see `_attachment` and `phone_number_assignment`), so
their lookups do not apply this rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

from ..client import (
    AmbiguousMatchError,
    NotFoundError,
    ServerError,
    SinchError,
    TransportError,
    UnexpectedResponseError,
)
from ._base import ProviderError


class Made(Protocol):
    """What the rule reads of an API object: its id and when Sinch says it was created."""

    @property
    def id(self) -> str | None: ...

    @property
    def create_time(self) -> datetime | None: ...


T = TypeVar("T", bound=Made)


class Before(Protocol):
    """Evidence of what existed before a create began."""

    def existed(self, item: Made) -> bool | None:
        """True when the object was there before the create began, False when it cannot have been, None
        when this evidence cannot tell."""
        ...


@dataclass(frozen=True)
class IdsBefore:
    """The ids a list read just before the POST returned, and the newest `createTime` among them.

    The newest time is a backstop for a list of several pages read while someone deletes from it: a page
    boundary can then shift an object past the read. An object created before one the read saw (by the
    service's own clock, no local clock involved) was there before the POST whatever the read missed. If
    the service's nodes disagreed on the time, this could refuse our own object, never adopt another's.
    """

    ids: frozenset[str]
    newest: datetime | None = None

    @classmethod
    def read(cls, listing: Callable[[], Iterable[Made]]) -> IdsBefore:
        """The ids `listing` returns now; a parent that is gone (a trunk, for endpoints) has none, and the
        create that follows says so itself. A failed read fails the create before anything is sent."""
        try:
            seen = [item for item in listing() if item.id]
        except NotFoundError:
            return cls(frozenset())
        times = [item.create_time for item in seen if item.create_time is not None]
        return cls(frozenset(str(item.id) for item in seen), max(times, default=None))

    def existed(self, item: Made) -> bool | None:
        if item.id in self.ids:
            return True
        return self.newest is not None and item.create_time is not None and item.create_time < self.newest


@dataclass(frozen=True)
class CreatedBefore:
    """The time the run that made the create started, in the API's clock; None when not known."""

    since: datetime | None

    def existed(self, item: Made) -> bool | None:
        if self.since is None or item.create_time is None:
            return None
        return item.create_time < self.since


def _label(item: Made, before: Before) -> str:
    existed = before.existed(item)
    created = f"created {item.create_time.isoformat()}" if item.create_time is not None else "no createTime"
    age = {True: "there before this create began", False: "made since", None: "age unknown"}[existed]
    return f"{item.id or '(no id)'} ({created}, {age})"


def adopted(matches: Sequence[T], before: Before, operation: str) -> T | None:
    """The one match that cannot have existed before the create began; None when no match is new (the
    create made nothing). Raises `AmbiguousMatchError` naming every match when that cannot be decided."""
    verdicts = [before.existed(item) for item in matches]
    new = [item for item, existed in zip(matches, verdicts, strict=True) if existed is False]
    if None not in verdicts and len(new) <= 1 and all(item.id for item in new):
        return new[0] if new else None
    raise AmbiguousMatchError(operation, [_label(item, before) for item in matches])


def found_after(lost: SinchError, kind: str, matches: Callable[[], Sequence[T]], before: Before) -> T:
    """What a create whose outcome is unknown made, by `adopted` over the objects `matches` returns.

    `lost` is raised again when the request was certainly not processed or nothing matches. When only
    older objects match, or it cannot be decided, the error stands with the matches named (the failure a
    user sees is `lost`'s message followed by what to do).
    """
    if not lost.may_have_been_processed:
        raise lost
    found = matches()
    if not found:
        raise lost
    try:
        made = adopted(found, before, f"looking up the {kind} this create made")
    except AmbiguousMatchError as several:
        raise ProviderError(
            f"{lost}; {len(several.ids)} identical {kind} objects exist: {', '.join(several.ids)}; cannot tell "
            f"which one this create made. Check them in Sinch, then adopt this stack's one by setting import_id "
            "to its id (and delete any copy no stack tracks)"
        ) from lost
    if made is None:
        older = ", ".join(str(item.id) for item in found)
        raise ProviderError(
            f"{lost}; this create made no {kind}: the identical {kind} already there before it began ({older}) "
            "is someone else's and is left alone. Run `pulumi up` again to create this stack's own, or set "
            "import_id to adopt that one on purpose"
        ) from lost
    return made


def created(
    kind: str,
    listing: Callable[[], Iterable[T]],
    create: Callable[[], T],
    matches: Callable[[], Sequence[T]],
    operation: str,
) -> T:
    """The object a create made: `create`'s answer when it names an id, otherwise the one `found_after`
    adopts. `listing` is read first (`IdsBefore`). A 2xx whose object has no id is an unknown outcome: the
    object may exist but cannot be tracked, and an id such as "None" must never reach the state."""
    before = IdsBefore.read(listing)
    try:
        made = create()
        if made.id is None or not str(made.id).strip():
            raise UnexpectedResponseError(operation, "the created object has no id", may_have_been_processed=True)
        return made
    except (TransportError, ServerError, UnexpectedResponseError) as exc:
        return found_after(exc, kind, matches, before)
