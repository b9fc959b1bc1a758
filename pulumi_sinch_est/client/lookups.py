"""Finding one object by a natural key when the API only offers a list."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol, TypeVar

from .errors import AmbiguousMatchError


class _HasId(Protocol):
    @property
    def id(self) -> str | None: ...


T = TypeVar("T", bound=_HasId)


def by_id(items: Iterable[T]) -> dict[str, T]:
    """Items keyed by id, as a listing is kept (see `.listings`); an item without one cannot be read back."""
    return {item.id: item for item in items if item.id}


def single_match(items: Iterable[T], matches: Callable[[T], bool], operation: str) -> T | None:
    """The one item that matches, None if none does; several raise, because adopting one would be a guess."""
    found = [item for item in items if matches(item)]
    if len(found) > 1:
        raise AmbiguousMatchError(operation, [item.id or "?" for item in found])
    return found[0] if found else None
