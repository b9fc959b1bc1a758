"""What every resource class does with its arguments before handing them to the engine."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

MODULE = "sinch-est"
"""The module of every type token of this package (`pulumi-python:dynamic/sinch-est:Trunk`,
`sinch-est:index:SipTrunking`). Every user's state holds the tokens: changing it orphans their resources."""


def resource_props(
    args: Mapping[str, Any] | None,
    kwargs: Mapping[str, Any],
    outputs: Iterable[str],
    *,
    default_name: str | None = None,
) -> dict[str, Any]:
    """Merge the `Args` mapping and keyword arguments, and name every output with `None` so the engine
    fills it in: the SDK only creates an `Output` attribute for a property it was given. With
    `default_name` (the resource name), a `name` not given, or given as None, defaults to it."""
    props: dict[str, Any] = {**(args or {}), **kwargs}
    for name in outputs:
        props.setdefault(name, None)
    if default_name is not None and props.get("name") is None:
        props["name"] = default_name
    return props
