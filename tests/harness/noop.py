"""A dynamic resource that makes no API call: the engine's own cost, measured beside ours.

The provider echoes its inputs as outputs and adds an `id`, so a stack of `Noop` resources with the same
inputs and dependencies as a real stack exercises the same engine paths (check, diff, create, update,
delete, read) with none of our work in them; the benchmarks' floor is this resource. It imports nothing
of `pulumi_sinch_est`, so its provider process loads the Pulumi SDK alone.
"""

from __future__ import annotations

import uuid
from typing import Any

import pulumi
from pulumi.dynamic import (
    CheckResult,
    CreateResult,
    DiffResult,
    ReadResult,
    Resource,
    ResourceProvider,
    UpdateResult,
)

_PROVIDER_KEY = "__provider"


def _without_provider(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k != _PROVIDER_KEY}


class NoopProvider(ResourceProvider):
    """Stateless and holding nothing secret, so, like ours, its pickle is stored in plaintext (by
    reference: module and class)."""

    serialize_as_secret_always = False

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        return CheckResult(news, [])

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        old, new = _without_provider(olds), _without_provider(news)
        changed = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
        return DiffResult(changes=bool(changed), replaces=[], delete_before_replace=False)

    def create(self, props: dict[str, Any]) -> CreateResult:
        return CreateResult(id_=uuid.uuid4().hex, outs=_without_provider(props))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        return ReadResult(id_=id_, outs=props)

    def update(self, _id: str, _olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        return UpdateResult(outs=_without_provider(news))

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        return None


_PROVIDER = NoopProvider()


class Noop(Resource, module="testing", name="Noop"):
    """Any keyword inputs; every input comes back as an output of the same name."""

    def __init__(self, resource_name: str, opts: pulumi.ResourceOptions | None = None, **props: Any) -> None:
        super().__init__(_PROVIDER, resource_name, props, opts)
