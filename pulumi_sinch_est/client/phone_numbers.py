"""The EST view of which numbers route to which trunk. Read-only: assignment goes through the Numbers
API (:mod:`.active_numbers`), and a number appears here only once that assignment has been applied."""

from __future__ import annotations

import builtins

from .models import PhoneNumber
from .requester import Requester


class PhoneNumbers:
    """``/phoneNumbers``."""

    def __init__(self, api: Requester) -> None:
        self._api = api

    def list(self, sip_trunk_id: str | None = None) -> builtins.list[PhoneNumber]:
        params = {"sipTrunkId": sip_trunk_id} if sip_trunk_id else None
        operation = f"listing phone numbers of trunk {sip_trunk_id}" if sip_trunk_id else "listing phone numbers"
        return self._api.fetch_all(PhoneNumber, operation, self._api.est("phoneNumbers"), ("phoneNumbers",), params)

    def get(self, phone_number: str) -> PhoneNumber:
        return self._api.fetch(
            PhoneNumber,
            f"reading phone number {phone_number}",
            "GET",
            self._api.est("phoneNumbers", phone_number),
        )
