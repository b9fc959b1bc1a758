"""SIP trunks (``/trunks``)."""

from __future__ import annotations

from ._base import RequestModel, ResponseModel, Timestamp


class Trunk(ResponseModel):
    id: str | None = None
    host_name: str | None = None
    """The DNS label of the trunk; unique across all Sinch customers."""
    top_level_domain: str | None = None
    """``pstn.sinch.com``."""
    domain: str | None = None
    """``host_name + "." + top_level_domain``: where SIP traffic for this trunk goes."""
    name: str | None = None
    calls_per_second: int | None = None
    """Set by Sinch support only; 1 by default."""
    enable_caller_name: bool | None = None
    call_forward_number: str | None = None
    enable_call_forward: bool | None = None
    create_time: Timestamp = None
    update_time: Timestamp = None
    project_id: str | None = None


class TrunkRequest(RequestModel):
    """Create and replace body; PUT replaces the whole trunk, so every writable field is always sent."""

    name: str
    host_name: str
    enable_caller_name: bool = False
    call_forward_number: str = ""
    """E.164 number inbound calls go to when no endpoint answers; required when forwarding is on."""
    enable_call_forward: bool = False
