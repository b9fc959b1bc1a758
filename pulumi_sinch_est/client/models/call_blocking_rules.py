"""Call blocking rules (``/callBlockingRules``)."""

from __future__ import annotations

from typing import Literal

from ._base import RequestModel, ResponseModel, Timestamp


class CallBlockingRule(ResponseModel):
    id: str | None = None
    name: str | None = None
    direction: str | None = None
    """The API answers in lower case (``inbound``) whatever case was sent."""
    caller_country: str | None = None
    callee_country: str | None = None
    caller_match: str | None = None
    callee_match: str | None = None
    create_time: Timestamp = None
    update_time: Timestamp = None
    project_id: str | None = None


class CallBlockingRuleRequest(RequestModel):
    direction: Literal["INBOUND", "OUTBOUND"]
    name: str | None = None
    caller_country: str | None = None
    """Inbound rules: ISO-2 country of the caller."""
    callee_country: str | None = None
    """Outbound rules: ISO-2 country of the callee."""
    caller_match: str | None = None
    callee_match: str | None = None
