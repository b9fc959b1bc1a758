"""SIP endpoints of a trunk, static or registered (est-api §6.2, operations 13-17)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import InvalidArgument, NotFound
from .fields import FieldReader, is_host_or_ipv4
from .ids import new_id
from .trunks import find_trunk

if TYPE_CHECKING:
    from .backend import Backend
    from .project import ProjectState

TRANSPORTS = ("UDP", "TCP", "TLS")


@dataclass
class Endpoint:
    id: str
    trunk_id: str
    project_id: str
    name: str
    priority: int
    transport: str | None
    enabled: bool | None
    create_time: str
    update_time: str | None = None
    address: str | None = None
    port: int | None = None
    credential_username: str | None = None

    @property
    def is_registered(self) -> bool:
        return self.credential_username is not None

    def wire(self) -> dict[str, Any]:
        item: dict[str, Any] = {
            "id": self.id,
            "sipTrunkId": self.trunk_id,
            "projectId": self.project_id,
            "name": self.name,
        }
        if self.is_registered:
            item.update(isRegistered=True, credentialUsername=self.credential_username)
        else:
            item.update(address=self.address, port=self.port)
        item.update(
            transport=self.transport,
            priority=self.priority,
            enabled=self.enabled,
            createTime=self.create_time,
            updateTime=self.update_time,
        )
        return item


@dataclass(frozen=True)
class _EndpointFields:
    name: str
    priority: int
    transport: str | None
    enabled: bool | None
    address: str | None
    port: int | None
    credential_username: str | None


def _read(body: object, *, replace: bool) -> _EndpointFields:
    reader = FieldReader(body)
    name = reader.text("name", required=True)
    priority = reader.integer("priority", required=True, minimum=1)
    transport = reader.choice("transport", TRANSPORTS)
    enabled = reader.flag("enabled")
    registered = reader.flag("isRegistered")
    address = port = username = None
    if registered:
        username = reader.text("credentialUsername", required=True)
        for static_only in ("address", "port"):
            if reader.has(static_only):
                reader.violate(static_only, "is not allowed on a registered endpoint (isRegistered is true)")
    else:
        address = reader.text("address", required=True)
        if address is not None and not is_host_or_ipv4(address):
            reader.violate("address", f"must be an IPv4 address or a domain name (got {address!r})")
        port = reader.integer("port", minimum=1, maximum=65535)
        if reader.has("credentialUsername"):
            reader.violate("credentialUsername", "requires isRegistered to be true")
    reader.check()
    assert name is not None and priority is not None
    if not replace:
        transport = transport or "UDP"
        enabled = True if enabled is None else enabled
        if not registered:
            port = port or 5060
    return _EndpointFields(name, priority, transport, enabled, address, port, username)


def _check_username(project: ProjectState, username: str | None) -> None:
    if username is not None and not project.credential_username_exists(username):
        raise InvalidArgument(
            f"credentialUsername {username!r} is not in any credential list of the project",
        )


def _find(project: ProjectState, trunk_id: str, endpoint_id: str) -> Endpoint:
    find_trunk(project, trunk_id)
    endpoint = project.endpoints.get(endpoint_id)
    if endpoint is None or endpoint.trunk_id != trunk_id:
        raise NotFound(f"SIP endpoint {endpoint_id} not found on SIP trunk {trunk_id}")
    return endpoint


class Endpoints:
    """Operations 13-17."""

    def __init__(self, backend: Backend) -> None:
        self._backend = backend

    def create(self, project_id: str, trunk_id: str, body: object) -> dict[str, Any]:
        with self._backend.writing(project_id) as project:
            find_trunk(project, trunk_id)
            fields = _read(body, replace=False)
            _check_username(project, fields.credential_username)
            now = self._backend.now()
            endpoint = Endpoint(
                id=new_id(now.epoch),
                trunk_id=trunk_id,
                project_id=project_id,
                name=fields.name,
                priority=fields.priority,
                transport=fields.transport,
                enabled=fields.enabled,
                create_time=now.text,
                address=fields.address,
                port=fields.port,
                credential_username=fields.credential_username,
            )
            project.endpoints[endpoint.id] = endpoint
            return endpoint.wire()

    def list_all(self, project_id: str, trunk_id: str) -> list[dict[str, Any]]:
        with self._backend.reading(project_id) as project:
            find_trunk(project, trunk_id)
            return [e.wire() for e in project.endpoints.values() if e.trunk_id == trunk_id]

    def get(self, project_id: str, trunk_id: str, endpoint_id: str) -> dict[str, Any]:
        with self._backend.reading(project_id) as project:
            return _find(project, trunk_id, endpoint_id).wire()

    def replace(self, project_id: str, trunk_id: str, endpoint_id: str, body: object) -> dict[str, Any]:
        with self._backend.writing(project_id) as project:
            endpoint = _find(project, trunk_id, endpoint_id)
            fields = _read(body, replace=True)
            _check_username(project, fields.credential_username)
            endpoint.name = fields.name
            endpoint.priority = fields.priority
            endpoint.transport = fields.transport
            endpoint.enabled = fields.enabled
            endpoint.address = fields.address
            endpoint.port = fields.port
            endpoint.credential_username = fields.credential_username
            endpoint.update_time = self._backend.now().text
            return endpoint.wire()

    def delete(self, project_id: str, trunk_id: str, endpoint_id: str) -> None:
        with self._backend.writing(project_id) as project:
            _find(project, trunk_id, endpoint_id)
            del project.endpoints[endpoint_id]
