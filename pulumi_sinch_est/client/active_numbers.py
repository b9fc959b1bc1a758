"""Rented numbers in the Numbers API, where a number is routed to (or away from) an EST trunk.

Assignment is asynchronous: the PATCH answers at once with the old configuration still on top and the
requested one under ``voice_configuration.scheduled_voice_provisioning`` (``WAITING``, ``IN_PROGRESS``);
it is applied when that field goes back to null, and failed when its status is ``FAILED``. Waiting for
that is the caller's business.
"""

from __future__ import annotations

import builtins

from .models import ActiveNumber
from .requester import Params, Requester, parse_model

LIST_PAGE_SIZE = 1000
"""The page size of the listing behind `read`. The Numbers API's maximum is not documented (est-api.md
§7.1); a server that sends less pages on with tokens, and one that refuses it fails the listing, after
which reads fall back to one GET per number."""


class ActiveNumbers:
    """Numbers API ``/activeNumbers``."""

    def __init__(self, api: Requester) -> None:
        self._api = api

    def get(self, phone_number: str) -> ActiveNumber:
        return self._api.fetch(
            ActiveNumber,
            f"reading active number {phone_number}",
            "GET",
            self._api.numbers("activeNumbers", phone_number),
        )

    def read(self, phone_number: str) -> ActiveNumber:
        """As `get`, answered from a fresh listing of every rented number when it holds this one
        (`.listings`). Never for waiting on provisioning: only this process's writes drop a listing."""
        return self._api.listings.read(
            ("activeNumbers",),
            phone_number,
            lambda: {n.phone_number: n for n in self.list(page_size=LIST_PAGE_SIZE) if n.phone_number},
            lambda: self.get(phone_number),
        )

    def list(
        self,
        region_code: str | None = None,
        number_type: str | None = None,
        capability: str | None = None,
        page_size: int | None = None,
    ) -> builtins.list[ActiveNumber]:
        """Rented numbers, all pages; ``number_type`` is ``MOBILE``, ``LOCAL`` or ``TOLL_FREE``."""
        candidates = {
            "regionCode": region_code,
            "type": number_type,
            "capability": capability,
            "pageSize": page_size,
        }
        params: Params = {name: value for name, value in candidates.items() if value is not None}
        operation = "listing active numbers"
        items = self._api.walk_tokens(operation, self._api.numbers("activeNumbers"), "activeNumbers", params)
        return [parse_model(ActiveNumber, item, operation) for item in items]

    def assign_to_trunk(self, phone_number: str, trunk_id: str) -> ActiveNumber:
        """Schedules routing the number's voice to the trunk."""
        return self._set_voice_trunk(phone_number, trunk_id, f"assigning {phone_number} to trunk {trunk_id}")

    def unassign_from_trunk(self, phone_number: str) -> ActiveNumber:
        """Schedules removing the number from its trunk (an EST configuration with an empty trunk id)."""
        return self._set_voice_trunk(phone_number, "", f"unassigning {phone_number} from its trunk")

    def _set_voice_trunk(self, phone_number: str, trunk_id: str, operation: str) -> ActiveNumber:
        """Setting the configuration to a value is idempotent, so this PATCH gets a PUT's retries."""
        return self._api.fetch(
            ActiveNumber,
            operation,
            "PATCH",
            self._api.numbers("activeNumbers", phone_number),
            json={"voiceConfiguration": {"type": "EST", "trunkId": trunk_id}},
            idempotent=True,
        )
