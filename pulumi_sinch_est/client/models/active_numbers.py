"""Rented numbers as the Numbers API sees them (``/activeNumbers``), where trunk assignment happens."""

from __future__ import annotations

from typing import Any

from ._base import ResponseModel, Timestamp
from .calls import Money


class ScheduledVoiceProvisioning(ResponseModel):
    """A voice configuration change still being applied; null once it is."""

    type: str | None = None
    trunk_id: str | None = None
    app_id: str | None = None
    service_id: str | None = None
    status: str | None = None
    """``WAITING`` -> ``IN_PROGRESS`` -> (applied, this object gone) or ``FAILED`` (stays)."""
    last_updated_time: Timestamp = None


class VoiceConfiguration(ResponseModel):
    type: str | None = None
    """``EST``, ``RTC`` or ``FAX``; says which of the id fields counts."""
    trunk_id: str | None = None
    """For ``EST``: the trunk the number routes to; ``""`` when unassigned."""
    app_id: str | None = None
    service_id: str | None = None
    last_updated_time: Timestamp = None
    scheduled_voice_provisioning: ScheduledVoiceProvisioning | None = None


class ActiveNumber(ResponseModel):
    phone_number: str | None = None
    project_id: str | None = None
    display_name: str | None = None
    region_code: str | None = None
    type: str | None = None
    capability: list[str] | None = None
    money: Money | None = None
    payment_interval_months: int | None = None
    next_charge_date: Timestamp = None
    expire_at: Timestamp = None
    sms_configuration: dict[str, Any] | None = None
    voice_configuration: VoiceConfiguration | None = None
    callback_url: str | None = None
