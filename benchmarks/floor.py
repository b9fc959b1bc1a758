"""The floor: a dynamic resource that makes no API call, standing in for each of ours in the same graph.

Like `pulumi_sinch_est.testing.noop`, but kept here and free of any `pulumi_sinch_est` import (which
would load the whole package), so the floor's provider process loads the Pulumi SDK and nothing else:
its time and memory are the engine's and the dynamic-provider host's alone. The provider echoes its
inputs as outputs and adds an `id`, so a resource that takes another's id gets a real value, as ours do.
"""

from __future__ import annotations

import uuid
from typing import Any

import pulumi
from pulumi.dynamic import CheckResult, CreateResult, DiffResult, ReadResult, Resource, ResourceProvider, UpdateResult

_PROVIDER_KEY = "__provider"


def _without_provider(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k != _PROVIDER_KEY}


class FloorProvider(ResourceProvider):
    """Holds nothing, so, like ours, its pickle is stored in plaintext (by reference: module and class)."""

    serialize_as_secret_always = False

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        return CheckResult(news, [])

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        old, new = _without_provider(olds), _without_provider(news)
        changed = any(old.get(k) != new.get(k) for k in new)
        return DiffResult(changes=changed, replaces=[], delete_before_replace=False)

    def create(self, props: dict[str, Any]) -> CreateResult:
        return CreateResult(id_=uuid.uuid4().hex, outs=_without_provider(props))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        return ReadResult(id_=id_, outs=props)

    def update(self, _id: str, _olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        return UpdateResult(outs=_without_provider(news))

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        return None


_PROVIDER = FloorProvider()


class Floor(Resource, module="bench", name="Floor"):
    """Any keyword inputs; each comes back as an output of the same name."""

    def __init__(self, resource_name: str, opts: pulumi.ResourceOptions | None = None, **props: Any) -> None:
        super().__init__(_PROVIDER, resource_name, props, opts)
