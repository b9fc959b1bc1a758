"""What every resource class does with its arguments before handing them to the engine."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def resource_props(args: Mapping[str, Any] | None, kwargs: Mapping[str, Any], outputs: Iterable[str]) -> dict[str, Any]:
    """Merge the `Args` mapping and keyword arguments, and name every output with `None` so the engine
    fills it in: the SDK only creates an `Output` attribute for a property it was given."""
    props: dict[str, Any] = {**(args or {}), **kwargs}
    for name in outputs:
        props.setdefault(name, None)
    return props
