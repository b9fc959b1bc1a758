"""The EST view of numbers assigned to trunks (``/phoneNumbers``); read-only."""

from __future__ import annotations

from ._base import ResponseModel, Timestamp


class PhoneNumber(ResponseModel):
    id: str | None = None
    sip_trunk_id: str | None = None
    phone_number: str | None = None
    """E.164, with the leading ``+``."""
    country_code: str | None = None
    create_time: Timestamp = None
    """When the number was assigned to the trunk."""
    update_time: Timestamp = None
