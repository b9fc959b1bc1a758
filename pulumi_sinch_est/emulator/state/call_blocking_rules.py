"""Call blocking rules (est-api §6.7, operations 41-44). `direction` is taken upper case, returned lower."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import NotFound
from .fields import FieldReader
from .ids import new_id

if TYPE_CHECKING:
    from .backend import Backend

_COUNTRY = re.compile(r"^[A-Z]{2}$")
_MATCH = re.compile(r"^\+?\d{1,15}$")


@dataclass
class CallBlockingRule:
    id: str
    project_id: str
    direction: str
    create_time: str
    name: str | None = None
    caller_country: str | None = None
    caller_match: str | None = None
    callee_country: str | None = None
    callee_match: str | None = None
    update_time: str | None = None

    def wire(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "direction": self.direction.lower(),
            "callerCountry": self.caller_country,
            "callerMatch": self.caller_match,
            "calleeCountry": self.callee_country,
            "calleeMatch": self.callee_match,
            "createTime": self.create_time,
            "updateTime": self.update_time,
            "projectId": self.project_id,
        }


def _read(body: object) -> dict[str, Any]:
    reader = FieldReader(body)
    direction = reader.text("direction", required=True)
    if direction is not None and direction.upper() not in ("INBOUND", "OUTBOUND"):
        reader.violate("direction", f"must be INBOUND or OUTBOUND (got {direction!r})")
    values: dict[str, Any] = {"name": reader.text("name"), "direction": (direction or "").upper()}
    for key, attribute in (("callerCountry", "caller_country"), ("calleeCountry", "callee_country")):
        value = reader.text(key)
        if value is not None and not _COUNTRY.fullmatch(value):
            reader.violate(key, f"must be an ISO 3166-1 alpha-2 code like US (got {value!r})")
        values[attribute] = value
    for key, attribute in (("callerMatch", "caller_match"), ("calleeMatch", "callee_match")):
        value = reader.text(key)
        if value is not None and not _MATCH.fullmatch(value):
            reader.violate(key, f"must be a number prefix of digits (got {value!r})")
        values[attribute] = value
    reader.check()
    return values


class CallBlockingRules:
    """Operations 41-44. PUT replaces: omitted optional fields become null."""

    def __init__(self, backend: Backend) -> None:
        self._backend = backend

    def create(self, project_id: str, body: object) -> dict[str, Any]:
        values = _read(body)
        with self._backend.writing(project_id) as project:
            now = self._backend.now()
            rule = CallBlockingRule(id=new_id(now.epoch), project_id=project_id, create_time=now.text, **values)
            project.call_blocking_rules[rule.id] = rule
            return rule.wire()

    def list_all(self, project_id: str) -> list[dict[str, Any]]:
        with self._backend.reading(project_id) as project:
            return [r.wire() for r in project.call_blocking_rules.values()]

    def _find(self, project_rules: dict[str, CallBlockingRule], rule_id: str) -> CallBlockingRule:
        rule = project_rules.get(rule_id)
        if rule is None:
            raise NotFound(f"call blocking rule {rule_id} not found")
        return rule

    def replace(self, project_id: str, rule_id: str, body: object) -> dict[str, Any]:
        with self._backend.writing(project_id) as project:
            rule = self._find(project.call_blocking_rules, rule_id)
            for attribute, value in _read(body).items():
                setattr(rule, attribute, value)
            rule.update_time = self._backend.now().text
            return rule.wire()

    def delete(self, project_id: str, rule_id: str) -> None:
        with self._backend.writing(project_id) as project:
            self._find(project.call_blocking_rules, rule_id)
            del project.call_blocking_rules[rule_id]
