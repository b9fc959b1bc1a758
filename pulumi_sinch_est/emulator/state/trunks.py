"""SIP trunks: records, validation and operations (est-api §6.1, operations 1-5)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import AlreadyExists, FailedPrecondition, NotFound
from .fields import HOST_NAME, FieldReader
from .ids import new_id

if TYPE_CHECKING:
    from .backend import Backend
    from .project import ProjectState

TOP_LEVEL_DOMAIN = "pstn.sinch.com"


@dataclass
class Trunk:
    id: str
    project_id: str
    host_name: str
    name: str
    enable_caller_name: bool | None
    enable_call_forward: bool | None
    call_forward_number: str | None
    create_time: str
    update_time: str | None = None
    calls_per_second: int = 1
    acl_ids: list[str] = field(default_factory=list)
    credential_list_ids: list[str] = field(default_factory=list)

    def wire(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "hostName": self.host_name,
            "topLevelDomain": TOP_LEVEL_DOMAIN,
            "domain": f"{self.host_name}.{TOP_LEVEL_DOMAIN}",
            "name": self.name,
            "callsPerSecond": self.calls_per_second,
            "enableCallerName": self.enable_caller_name,
            "callForwardNumber": self.call_forward_number,
            "enableCallForward": self.enable_call_forward,
            "createTime": self.create_time,
            "updateTime": self.update_time,
            "projectId": self.project_id,
        }


@dataclass(frozen=True)
class _TrunkFields:
    name: str
    host_name: str
    enable_caller_name: bool | None
    enable_call_forward: bool | None
    call_forward_number: str | None


def _read(body: object, *, replace: bool) -> _TrunkFields:
    """Validate a create (defaults applied) or replace (omitted fields become null) body."""
    reader = FieldReader(body)
    name = reader.text("name", required=True)
    host_name = reader.text("hostName", required=True)
    if host_name is not None and not HOST_NAME.fullmatch(host_name):
        reader.violate("hostName", f"must be 1-63 letters, digits or '-' (got {host_name!r})")
    caller_name = reader.flag("enableCallerName")
    forward = reader.flag("enableCallForward")
    forward_number = reader.phone_number("callForwardNumber")
    if forward and not forward_number and not any(v.field == "callForwardNumber" for v in reader.violations):
        reader.violate("callForwardNumber", "is required when enableCallForward is true")
    reader.check()
    assert name is not None and host_name is not None
    if not replace:
        caller_name = bool(caller_name)
        forward = bool(forward)
        forward_number = forward_number or ""
    return _TrunkFields(name, host_name, caller_name, forward, forward_number)


def find_trunk(project: ProjectState, trunk_id: str) -> Trunk:
    trunk = project.trunks.get(trunk_id)
    if trunk is None:
        raise NotFound(f"SIP trunk {trunk_id} not found")
    return trunk


class Trunks:
    """Operations 1-5: create, list, get, replace and delete SIP trunks."""

    def __init__(self, backend: Backend) -> None:
        self._backend = backend

    def _check_host_name_free(self, host_name: str, except_id: str | None) -> None:
        for trunk in self._backend.all_trunks():
            if trunk.host_name.lower() == host_name.lower() and trunk.id != except_id:
                raise AlreadyExists(f"hostName {host_name!r} is already in use by another SIP trunk")

    def create(self, project_id: str, body: object) -> dict[str, Any]:
        fields = _read(body, replace=False)
        with self._backend.writing(project_id) as project:
            self._check_host_name_free(fields.host_name, None)
            now = self._backend.now()
            trunk = Trunk(
                id=new_id(now.epoch),
                project_id=project_id,
                host_name=fields.host_name,
                name=fields.name,
                enable_caller_name=fields.enable_caller_name,
                enable_call_forward=fields.enable_call_forward,
                call_forward_number=fields.call_forward_number,
                create_time=now.text,
            )
            project.trunks[trunk.id] = trunk
            return trunk.wire()

    def list_all(self, project_id: str, domain: str | None = None) -> list[dict[str, Any]]:
        with self._backend.reading(project_id) as project:
            items = [trunk.wire() for trunk in project.trunks.values()]
        if domain:
            items = [item for item in items if item["domain"].lower() == domain.strip().lower()]
        return items

    def get(self, project_id: str, trunk_id: str) -> dict[str, Any]:
        with self._backend.reading(project_id) as project:
            return find_trunk(project, trunk_id).wire()

    def replace(self, project_id: str, trunk_id: str, body: object) -> dict[str, Any]:
        with self._backend.writing(project_id) as project:
            trunk = find_trunk(project, trunk_id)
            fields = _read(body, replace=True)
            self._check_host_name_free(fields.host_name, trunk.id)
            trunk.name = fields.name
            trunk.host_name = fields.host_name
            trunk.enable_caller_name = fields.enable_caller_name
            trunk.enable_call_forward = fields.enable_call_forward
            trunk.call_forward_number = fields.call_forward_number
            trunk.update_time = self._backend.now().text
            return trunk.wire()

    def delete(self, project_id: str, trunk_id: str) -> None:
        with self._backend.writing(project_id) as project:
            trunk = find_trunk(project, trunk_id)
            endpoints = [e.id for e in project.endpoints.values() if e.trunk_id == trunk_id]
            numbers = project.numbers_using_trunk(trunk_id)
            if self._backend.settings.strict_deletes:
                dependents = [
                    f"{label}: {', '.join(ids)}"
                    for label, ids in (
                        ("endpoints", endpoints),
                        ("access control lists", trunk.acl_ids),
                        ("credential lists", trunk.credential_list_ids),
                        ("phone numbers (assigned or being provisioned)", numbers),
                    )
                    if ids
                ]
                if dependents:
                    raise FailedPrecondition(
                        f"SIP trunk {trunk_id} still has dependents; remove them first: " + "; ".join(dependents)
                    )
            for endpoint_id in endpoints:
                del project.endpoints[endpoint_id]
            project.detach_numbers_from_trunk(trunk_id, self._backend.now().text)
            del project.trunks[trunk_id]
