"""Provider for `Trunk`: one EST SIP trunk (`/trunks`).

API calls: create `POST /trunks` (one write; `GET /trunks/{id}` instead when adopting with `import_id`); read
`GET /trunks/{id}`, or the listing of every trunk (`client.listings`); update `PUT /trunks/{id}` with the
whole writable object; delete `DELETE /trunks/{id}` (404 is success).

Replacement: a new `host_name` replaces the trunk. Whether the API lets a PUT rename a trunk that has
numbers and endpoints is unknown (est-api.md §9.11), and the domain every PBX sends to changes anyway,
so the safe reading is a new trunk, created before the old one is deleted (the names differ, so the two
never clash), with its dependents moved over by the engine.

`host_name`, when not given, is generated once from the stack and resource name plus a random suffix
(host names are global DNS labels) and kept from then on: `check` reuses the previous value.
"""

from __future__ import annotations

import contextlib
import re
import secrets
from collections.abc import Mapping
from typing import Any

from pulumi.dynamic import CreateResult, ReadResult, UpdateResult
from pydantic import Field, ValidationInfo, field_validator

from ..client import ConflictError, NotFoundError, SinchClient
from ..client.error_mapping import troubleshooting_ref
from ..client.models import Trunk, TrunkRequest
from . import _context
from ._base import EstProvider, InputModel
from ._fields import E164, Flag, HostName, Name, ObjectId
from ._ownership import Before, adopted, created

HOST_NAME_SEED = "__host_name_seed"
"""A private input the resource class sends so `check` can generate a host name; never stored."""


class TrunkInputs(InputModel):
    name: Name
    host_name: HostName
    enable_caller_name: Flag = False
    enable_call_forward: Flag = False
    call_forward_number: E164 | None = Field(default=None, validate_default=True)
    import_id: ObjectId | None = None

    @field_validator("call_forward_number")
    @classmethod
    def _required_when_forwarding(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None and info.data.get("enable_call_forward") is True:
            raise ValueError("a number is required when enable_call_forward is true (E.164, e.g. +15551234567)")
        return value


def generate_host_name(seed: str) -> str:
    """`<seed>-<6 random>` squeezed into a DNS label."""
    stem = re.sub(r"[^a-z0-9-]+", "-", seed.lower()).strip("-")
    stem = re.sub(r"-{2,}", "-", stem)[:56].strip("-") or "trunk"
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    return f"{stem}-{''.join(secrets.choice(alphabet) for _ in range(6))}"


def _request(inputs: dict[str, Any]) -> TrunkRequest:
    return TrunkRequest(
        name=inputs["name"],
        host_name=inputs["host_name"],
        enable_caller_name=inputs["enable_caller_name"],
        enable_call_forward=inputs["enable_call_forward"],
        call_forward_number=inputs.get("call_forward_number") or "",
    )


def _outputs(trunk: Trunk, import_id: str | None = None) -> dict[str, Any]:
    return {
        "name": trunk.name,
        "host_name": trunk.host_name,
        "enable_caller_name": bool(trunk.enable_caller_name),
        "enable_call_forward": bool(trunk.enable_call_forward),
        "call_forward_number": trunk.call_forward_number or None,
        "import_id": import_id,
        "domain": trunk.domain,
        "top_level_domain": trunk.top_level_domain,
        "calls_per_second": trunk.calls_per_second,
    }


def _matches(client: SinchClient, inputs: Mapping[str, Any]) -> list[Trunk]:
    """The trunk with the host name (unique, compared case-insensitively), if any."""
    trunk = client.trunks.find_by_host_name(inputs["host_name"])
    return [trunk] if trunk is not None else []


class TrunkProvider(EstProvider):
    kind = "Trunk"
    inputs_model = TrunkInputs
    replace_on = frozenset({"host_name"})

    def fill_defaults(self, olds: dict[str, Any], news: dict[str, Any]) -> dict[str, Any]:
        filled = dict(news)
        seed = filled.pop(HOST_NAME_SEED, None)
        if "host_name" not in filled:
            previous = olds.get("host_name")
            if isinstance(previous, str) and previous:
                filled["host_name"] = previous
            elif isinstance(seed, str):
                filled["host_name"] = generate_host_name(seed)
        return filled

    def create(self, props: dict[str, Any]) -> CreateResult:
        client = _context.client()
        import_id = props.get("import_id")
        if import_id:
            trunk = client.trunks.get(import_id)
        else:
            try:
                # The POST may create the trunk although its answer is lost: the host name is unique, so
                # a trunk having it that was not there before is the one we made, taken, not made twice.
                trunk = created(
                    self.kind,
                    client.trunks.list,
                    lambda: client.trunks.create(_request(props)),
                    lambda: _matches(client, props),
                    f"creating Trunk {props['host_name']!r}",
                )
            except ConflictError as exc:
                existing = client.trunks.find_by_host_name(props["host_name"])
                where = (
                    f"trunk {existing.id} in this project has it; set import_id={existing.id!r} to adopt it"
                    if existing is not None
                    else "it belongs to another Sinch project (host names are global)"
                )
                raise exc.with_hint(
                    f"{where}; {troubleshooting_ref('duplicate-host-name')}",
                    operation=f"creating Trunk with host_name {props['host_name']!r}",
                    api_message="the host name is already taken",
                ) from None
        return CreateResult(id_=import_id or str(trunk.id), outs=_outputs(trunk, import_id))

    def locate(self, inputs: Mapping[str, Any], before: Before) -> str | None:
        found = adopted(_matches(_context.client(), inputs), before, f"finding Trunk {inputs['host_name']!r}")
        return str(found.id) if found is not None else None

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        try:
            trunk = _context.client().trunks.read(id_)
        except NotFoundError:
            return ReadResult(id_=None, outs={})
        outs = _outputs(trunk, props.get("import_id"))
        return ReadResult(id_=id_, outs=outs, inputs=self.inputs_of(outs))

    def update(self, id_: str, _olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        trunk = _context.client().trunks.replace(id_, _request(news))
        return UpdateResult(outs=_outputs(trunk, news.get("import_id")))

    def delete(self, id_: str, _props: dict[str, Any]) -> None:
        with contextlib.suppress(NotFoundError):
            _context.client().trunks.delete(id_)
