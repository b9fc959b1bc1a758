"""EST `/phoneNumbers`: the read-only view of numbers assigned to trunks (est-api §6.5, operations 36-37).

It mirrors the Numbers API: a number appears here once its applied voice configuration is EST with a
non-empty trunk id (provisioning finished), and disappears once unassigned.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import NotFound
from .active_numbers import ActiveNumber, valid_number

if TYPE_CHECKING:
    from .backend import Backend


def est_wire(number: ActiveNumber) -> dict[str, Any] | None:
    if number.est is None:
        return None
    return {
        "id": number.est.id,
        "sipTrunkId": number.est.trunk_id,
        "phoneNumber": number.phone_number,
        "countryCode": number.region_code,
        "createTime": number.est.create_time,
        "updateTime": number.est.update_time,
    }


class PhoneNumbers:
    """Operations 36-37."""

    def __init__(self, backend: Backend) -> None:
        self._backend = backend

    def list_all(self, project_id: str, trunk_id: str | None = None) -> list[dict[str, Any]]:
        with self._backend.reading(project_id) as project:
            items = [
                w
                for n in sorted(project.active_numbers.values(), key=lambda n: n.phone_number)
                if (w := est_wire(n)) is not None
            ]
        return [i for i in items if not trunk_id or i["sipTrunkId"] == trunk_id]

    def get(self, project_id: str, phone_number: str) -> dict[str, Any]:
        phone_number = valid_number(phone_number)
        with self._backend.reading(project_id) as project:
            number = project.active_numbers.get(phone_number)
            item = None if number is None else est_wire(number)
        if item is None:
            raise NotFound(f"phone number {phone_number} is not assigned to a SIP trunk of this project")
        return item
