"""Provider for `Endpoint`: one SIP endpoint of a trunk (`/trunks/{trunkId}/endpoints`).

API calls: create `POST /trunks/{trunkId}/endpoints` (one write; `GET .../endpoints/{id}` instead when
adopting with `import_id`); read `GET .../endpoints/{id}`, or the listing of the trunk's endpoints
(`client.listings`); update `PUT .../endpoints/{id}` with the whole writable object, defaults included (a PUT
nulls whatever it is not sent); delete `DELETE .../endpoints/{id}` (404 is success, and so is a 404 for the
trunk: the endpoint went with it).

An endpoint is static (`address`, with `port`) or registered (`credential_username`): exactly one of the
two. Replacement: a new `trunk_id` (an endpoint belongs to one trunk and no call moves it), and a switch
between static and registered. The emulator lets a PUT switch kinds, but whether the real API does
is unknown (est-api.md §6.2), so the switch is a new endpoint created before the old one is deleted (nothing
is unique about an endpoint, so the two never clash). Everything else is updated in place.

If the create POST's outcome is unknown (Sinch may have processed it), the trunk's endpoints are searched
for one equal in every field to what was sent; only one that was not there before the create began is
taken as ours (`_ownership`), otherwise the error stands (a second POST could make a duplicate that
routes calls twice).
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from typing import Any

from pulumi.dynamic import CreateResult, DiffResult, ReadResult, UpdateResult
from pydantic import Field, ValidationInfo, field_validator

from ..client import NotFoundError, SinchClient
from ..client.models import Endpoint, EndpointRequest
from . import _context
from ._base import EstProvider, InputModel, contains_unknown
from ._fields import Flag, Name, ObjectId, Port, Priority, SipAddress, Transport, Username
from ._ownership import Before, adopted, created

DEFAULT_PORT = 5060
ONE_KIND = "exactly one of address (static) or credential_username (registered)"


class EndpointInputs(InputModel):
    trunk_id: ObjectId
    name: Name
    priority: Priority
    enabled: Flag = True
    transport: Transport = "UDP"
    # Declared before `address` and `port` so their validators can see it.
    credential_username: Username | None = None
    address: SipAddress | None = Field(default=None, validate_default=True)
    port: Port | None = Field(default=None, validate_default=True)
    import_id: ObjectId | None = None

    @field_validator("address")
    @classmethod
    def _one_kind(cls, value: str | None, info: ValidationInfo) -> str | None:
        if "credential_username" not in info.data:
            return value  # credential_username itself failed; that failure says enough
        registered = info.data["credential_username"] is not None
        if value is not None and registered:
            raise ValueError(f"give {ONE_KIND}, not both")
        if value is None and not registered:
            raise ValueError(f"{ONE_KIND} is required; neither is set")
        return value

    @field_validator("port")
    @classmethod
    def _static_only(cls, value: int | None, info: ValidationInfo) -> int | None:
        if value is not None and info.data.get("credential_username") is not None:
            raise ValueError(
                "port applies to static endpoints only; a registered endpoint (credential_username) "
                "registers from wherever it is"
            )
        if value is None and info.data.get("address") is not None:
            return DEFAULT_PORT
        return value


def _request(inputs: Mapping[str, Any]) -> EndpointRequest:
    return EndpointRequest(
        name=inputs["name"],
        priority=inputs["priority"],
        transport=inputs["transport"],
        enabled=inputs["enabled"],
        address=inputs.get("address"),
        port=inputs.get("port"),
        credential_username=inputs.get("credential_username"),
    )


def _outputs(endpoint: Endpoint, trunk_id: str, import_id: str | None = None) -> dict[str, Any]:
    registered = bool(endpoint.is_registered) or endpoint.credential_username is not None
    return {
        "trunk_id": endpoint.sip_trunk_id or trunk_id,
        "name": endpoint.name,
        "priority": endpoint.priority,
        # Left null when the API says null (a PUT by hand that omitted them): that is drift to repair.
        "enabled": endpoint.enabled,
        "transport": endpoint.transport.upper() if endpoint.transport else None,
        "credential_username": endpoint.credential_username if registered else None,
        "address": None if registered else endpoint.address,
        "port": None if registered else endpoint.port,
        "import_id": import_id,
    }


def _is_registered(props: dict[str, Any]) -> bool:
    return props.get("credential_username") is not None


def _matches(client: SinchClient, inputs: Mapping[str, Any]) -> list[Endpoint]:
    """The trunk's endpoints equal in every field to the one the inputs describe (none when the trunk is gone)."""
    trunk_id = inputs["trunk_id"]
    wanted = _outputs(Endpoint.model_validate(_request(inputs).to_body()), trunk_id)
    try:
        live = client.endpoints.list(trunk_id)
    except NotFoundError:
        return []
    return [endpoint for endpoint in live if _outputs(endpoint, trunk_id) == wanted]


class EndpointProvider(EstProvider):
    kind = "Endpoint"
    inputs_model = EndpointInputs
    replace_on = frozenset({"trunk_id"})

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        changed = self.changed_inputs(olds, news)
        replaces = [name for name in changed if name in self.replace_on]
        kind_unknown = any(contains_unknown(news.get(k)) for k in ("address", "credential_username"))
        if not kind_unknown and _is_registered(olds) != _is_registered(news):
            replaces += [name for name in ("address", "credential_username") if name in changed]
        return DiffResult(changes=bool(changed), replaces=replaces, delete_before_replace=False)

    def create(self, props: dict[str, Any]) -> CreateResult:
        client = _context.client()
        trunk_id = props["trunk_id"]
        import_id = props.get("import_id")
        if import_id:
            endpoint = client.endpoints.get(trunk_id, import_id)
        else:
            endpoint = created(
                self.kind,
                lambda: client.endpoints.list(trunk_id),
                lambda: client.endpoints.create(trunk_id, _request(props)),
                lambda: _matches(client, props),
                f"creating Endpoint {props['name']!r} of trunk {trunk_id}",
            )
        return CreateResult(id_=import_id or str(endpoint.id), outs=_outputs(endpoint, trunk_id, import_id))

    def locate(self, inputs: Mapping[str, Any], before: Before) -> str | None:
        operation = f"finding Endpoint {inputs['name']!r} of trunk {inputs['trunk_id']}"
        endpoint = adopted(_matches(_context.client(), inputs), before, operation)
        return str(endpoint.id) if endpoint is not None else None

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        trunk_id = props["trunk_id"]
        try:
            endpoint = _context.client().endpoints.read(trunk_id, id_)
        except NotFoundError:
            return ReadResult(id_=None, outs={})
        outs = _outputs(endpoint, trunk_id, props.get("import_id"))
        return ReadResult(id_=id_, outs=outs, inputs=self.inputs_of(outs))

    def update(self, id_: str, _olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        trunk_id = news["trunk_id"]
        endpoint = _context.client().endpoints.replace(trunk_id, id_, _request(news))
        return UpdateResult(outs=_outputs(endpoint, trunk_id, news.get("import_id")))

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        with contextlib.suppress(NotFoundError):
            _context.client().endpoints.delete(props["trunk_id"], id_)
