"""Access control lists and their IP ranges (est-api §6.3, operations 18-27)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import FailedPrecondition, NotFound
from .fields import FieldReader, is_ipv4
from .ids import new_id

if TYPE_CHECKING:
    from .backend import Backend
    from .project import ProjectState


@dataclass
class IpRange:
    id: str
    acl_id: str
    project_id: str
    ip_address: str
    range: int | None
    description: str | None
    create_time: str
    update_time: str | None = None

    def wire(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "description": self.description,
            "ipAddress": self.ip_address,
            "range": self.range,
            "accessControlListId": self.acl_id,
            "projectId": self.project_id,
            "createTime": self.create_time,
            "updateTime": self.update_time,
        }


@dataclass
class AccessControlList:
    id: str
    project_id: str
    name: str
    enabled: bool | None
    create_time: str
    update_time: str | None = None
    ip_ranges: list[IpRange] = field(default_factory=list)

    def wire(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "enabled": self.enabled,
            "ipRanges": [r.wire() for r in self.ip_ranges],
            "projectId": self.project_id,
            "createTime": self.create_time,
            "updateTime": self.update_time,
        }


@dataclass(frozen=True)
class _RangeFields:
    ip_address: str
    range: int | None
    description: str | None


def _read_range(reader: FieldReader, *, replace: bool) -> _RangeFields | None:
    before = len(reader.violations)
    address = reader.text("ipAddress", required=True)
    if address is not None and not is_ipv4(address):
        reader.violate("ipAddress", f"must be an IPv4 address without a prefix length (got {address!r})")
    prefix = reader.integer("range", minimum=1, maximum=32)
    description = reader.text("description")
    if len(reader.violations) > before or address is None:
        return None
    return _RangeFields(address, prefix if replace or prefix is not None else 32, description)


def _read_ranges(reader: FieldReader) -> list[_RangeFields] | None:
    values = reader.items("ipRanges")
    if values is None:
        return None
    if not values:
        reader.violate("ipRanges", "must contain at least one IP range")
    ranges = [_read_range(reader.nested(f"ipRanges[{i}]", v), replace=False) for i, v in enumerate(values)]
    return [r for r in ranges if r is not None]


def find_acl(project: ProjectState, acl_id: str) -> AccessControlList:
    acl = project.access_control_lists.get(acl_id)
    if acl is None:
        raise NotFound(f"access control list {acl_id} not found")
    return acl


def _find_range(acl: AccessControlList, range_id: str) -> IpRange:
    for ip_range in acl.ip_ranges:
        if ip_range.id == range_id:
            return ip_range
    raise NotFound(f"IP range {range_id} not found in access control list {acl.id}")


class AccessControlLists:
    """Operations 18-27."""

    def __init__(self, backend: Backend) -> None:
        self._backend = backend

    def _new_range(self, acl: AccessControlList, fields: _RangeFields) -> IpRange:
        now = self._backend.now()
        return IpRange(
            new_id(now.epoch),
            acl.id,
            acl.project_id,
            fields.ip_address,
            fields.range,
            fields.description,
            now.text,
        )

    def create(self, project_id: str, body: object) -> dict[str, Any]:
        reader = FieldReader(body)
        name = reader.text("name", required=True)
        enabled = reader.flag("enabled")
        if not reader.has("ipRanges"):
            reader.violate("ipRanges", "is required (at least one IP range)")
        ranges = _read_ranges(reader)
        reader.check()
        assert name is not None and ranges is not None
        with self._backend.writing(project_id) as project:
            now = self._backend.now()
            acl = AccessControlList(new_id(now.epoch), project_id, name, True if enabled is None else enabled, now.text)
            acl.ip_ranges = [self._new_range(acl, r) for r in ranges]
            project.access_control_lists[acl.id] = acl
            return acl.wire()

    def list_all(self, project_id: str) -> list[dict[str, Any]]:
        with self._backend.reading(project_id) as project:
            return [acl.wire() for acl in project.access_control_lists.values()]

    def get(self, project_id: str, acl_id: str) -> dict[str, Any]:
        with self._backend.reading(project_id) as project:
            return find_acl(project, acl_id).wire()

    def replace(self, project_id: str, acl_id: str, body: object) -> dict[str, Any]:
        """`name` required; `enabled` omitted -> null; `ipRanges` omitted -> kept, given -> set replaced."""
        with self._backend.writing(project_id) as project:
            acl = find_acl(project, acl_id)
            reader = FieldReader(body)
            name = reader.text("name", required=True)
            enabled = reader.flag("enabled")
            ranges = _read_ranges(reader)
            reader.check()
            assert name is not None
            acl.name = name
            acl.enabled = enabled
            if ranges is not None:
                kept = {(r.ip_address, r.range): r for r in acl.ip_ranges}
                new_set = []
                for fields in ranges:
                    existing = kept.pop((fields.ip_address, fields.range), None)
                    if existing is not None:
                        existing.description = fields.description
                        new_set.append(existing)
                    else:
                        new_set.append(self._new_range(acl, fields))
                acl.ip_ranges = new_set
            acl.update_time = self._backend.now().text
            return acl.wire()

    def delete(self, project_id: str, acl_id: str) -> None:
        with self._backend.writing(project_id) as project:
            find_acl(project, acl_id)
            trunks = [t for t in project.trunks.values() if acl_id in t.acl_ids]
            if trunks and self._backend.settings.strict_deletes:
                raise FailedPrecondition(
                    f"access control list {acl_id} is linked to SIP trunks: {', '.join(t.id for t in trunks)}"
                )
            for trunk in trunks:
                trunk.acl_ids.remove(acl_id)
            del project.access_control_lists[acl_id]

    def trunks(self, project_id: str, acl_id: str) -> list[dict[str, Any]]:
        with self._backend.reading(project_id) as project:
            find_acl(project, acl_id)
            return [t.wire() for t in project.trunks.values() if acl_id in t.acl_ids]

    def add_range(self, project_id: str, acl_id: str, body: object) -> dict[str, Any]:
        with self._backend.writing(project_id) as project:
            acl = find_acl(project, acl_id)
            reader = FieldReader(body)
            fields = _read_range(reader, replace=False)
            reader.check()
            assert fields is not None
            ip_range = self._new_range(acl, fields)
            acl.ip_ranges.append(ip_range)
            return ip_range.wire()

    def ranges(self, project_id: str, acl_id: str) -> list[dict[str, Any]]:
        with self._backend.reading(project_id) as project:
            return [r.wire() for r in find_acl(project, acl_id).ip_ranges]

    def replace_range(self, project_id: str, acl_id: str, range_id: str, body: object) -> dict[str, Any]:
        with self._backend.writing(project_id) as project:
            ip_range = _find_range(find_acl(project, acl_id), range_id)
            reader = FieldReader(body)
            fields = _read_range(reader, replace=True)
            reader.check()
            assert fields is not None
            ip_range.ip_address = fields.ip_address
            ip_range.range = fields.range
            ip_range.description = fields.description
            ip_range.update_time = self._backend.now().text
            return ip_range.wire()

    def delete_range(self, project_id: str, acl_id: str, range_id: str) -> None:
        with self._backend.writing(project_id) as project:
            acl = find_acl(project, acl_id)
            acl.ip_ranges.remove(_find_range(acl, range_id))
