"""Call history records (``/calls``)."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from ._base import ResponseModel, Timestamp


class Money(ResponseModel):
    currency_code: str | None = None
    amount: Decimal | None = None
    """A JSON number in EST call records, a string in the Numbers API; both read exactly."""


class Call(ResponseModel):
    call_id: str | None = None
    to: str | None = None
    """Not always E.164: may be a bare number or a SIP URI."""
    from_: str | None = Field(default=None, alias="from")
    direction: str | None = None
    answer_time: Timestamp = None
    end_time: Timestamp = None
    duration_seconds: int | None = None
    call_result: str | None = None
    price_per_minute: Money | None = None
    billing_duration_seconds: int | None = None
    price: Money | None = None
    create_time: Timestamp = None
    project_id: str | None = None
    trunk_id: str | None = None
    pcap_id: str | None = None
