"""Access control lists (``/accessControlLists``) and their IP ranges."""

from __future__ import annotations

from ._base import RequestModel, ResponseModel, Timestamp


class IpRange(ResponseModel):
    id: str | None = None
    description: str | None = None
    ip_address: str | None = None
    """First address of the range, dotted IPv4 (never a CIDR string)."""
    range: int | None = None
    """Prefix length: 32 is one address, 24 is 256."""
    access_control_list_id: str | None = None
    project_id: str | None = None
    create_time: Timestamp = None
    update_time: Timestamp = None


class IpRangeRequest(RequestModel):
    ip_address: str
    range: int = 32
    description: str | None = None


class AccessControlList(ResponseModel):
    id: str | None = None
    name: str | None = None
    enabled: bool | None = None
    ip_ranges: list[IpRange] | None = None
    trunks: list[str] | None = None
    """Ids of the trunks using this list, when the API includes them."""
    create_time: Timestamp = None
    update_time: Timestamp = None
    project_id: str | None = None


class AccessControlListRequest(RequestModel):
    """Create and replace body. ``ip_ranges`` is required on create; on replace, leaving it out keeps
    the existing ranges (manage those through the IP-range calls instead)."""

    name: str
    enabled: bool = True
    ip_ranges: list[IpRangeRequest] | None = None
