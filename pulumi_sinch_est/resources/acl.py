"""`Acl`: an access control list, the source addresses allowed to send calls into the trunks using it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NotRequired, TypedDict, Unpack

import pulumi
import pulumi.dynamic

from ..providers.acl import AclProvider
from ._common import MODULE, resource_props

_PROVIDER = AclProvider()


class AclIpRangeArgs(TypedDict):
    """One range of `Acl.ip_ranges` with a description; a bare CIDR string means the same with none."""

    cidr: pulumi.Input[str]
    """IPv4 network in CIDR notation with no host bits set: `203.0.113.10/32` is one address,
    `198.51.100.0/24` is 256. Prefix length 1 to 32."""
    description: NotRequired[pulumi.Input[str]]
    """Shown in the Sinch dashboard. Default ""."""


class AclArgs(TypedDict, total=False):
    """Arguments of `Acl`; pass them as keywords or as one `AclArgs(...)`."""

    name: pulumi.Input[str]
    """Friendly name shown in the Sinch dashboard; defaults to the resource name."""
    enabled: pulumi.Input[bool]
    """Whether the list admits anyone. Default true."""
    ip_ranges: pulumi.Input[Sequence[pulumi.Input[str | AclIpRangeArgs]]]
    """The networks allowed, at least one: CIDR strings (`"203.0.113.10/32"`) or `AclIpRangeArgs`
    mappings (`{"cidr": "198.51.100.0/24", "description": "Office"}`). Order does not matter; each cidr
    may appear once. Ranges are added before others are removed, so an update never locks anyone out
    who stays in the list."""
    import_id: pulumi.Input[str]
    """Id of an existing access control list to adopt instead of creating one; the next preview shows
    any drift."""


class Acl(pulumi.dynamic.Resource, module=MODULE, name="Acl"):
    """An access control list: the source addresses allowed to send calls into the trunks linked to it. Its
    id is the API's list id.

    Link it to a trunk with `AclAttachment`.

    Example::

        trunk = Trunk("trunk")
        acl = Acl("office", ip_ranges=["203.0.113.10/32", {"cidr": "198.51.100.0/28", "description": "DR site"}])
        AclAttachment("office-link", trunk_id=trunk.id, acl_id=acl.id)

    Arguments (keywords, or one `AclArgs`):
        name: Friendly name shown in the Sinch dashboard; defaults to the resource name.
        enabled: Whether the list admits anyone. Default true.
        ip_ranges: The networks allowed, at least one: CIDR strings (`"203.0.113.10/32"`) or `AclIpRangeArgs`
            mappings (`{"cidr": "198.51.100.0/24", "description": "Office"}`). Order does not matter; each cidr may
            appear once. Ranges are added before others are removed, so an update never locks anyone out who stays
            in the list.
        import_id: Id of an existing access control list to adopt instead of creating one; the next preview shows
            any drift.

    `AclIpRangeArgs`:
        cidr: IPv4 network in CIDR notation with no host bits set: `203.0.113.10/32` is one address,
            `198.51.100.0/24` is 256. Prefix length 1 to 32.
        description: Shown in the Sinch dashboard. Default "".

    Outputs, besides `id`:
        `name`, `enabled`, `import_id`: echo the arguments as applied (defaults filled in, values normalised).
        ip_ranges: The ranges as `{"cidr", "description"}` mappings, sorted by cidr.
        ip_range_ids: The API's id of each range, by cidr.

    Reference page: docs/reference/acl.md.
    """

    name: pulumi.Output[str]
    enabled: pulumi.Output[bool]
    ip_ranges: pulumi.Output[list[dict[str, str]]]
    """The ranges as `{"cidr", "description"}` mappings, sorted by cidr."""
    import_id: pulumi.Output[str | None]
    ip_range_ids: pulumi.Output[dict[str, str]]
    """The API's id of each range, by cidr."""

    def __init__(
        self,
        resource_name: str,
        args: AclArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[AclArgs],
    ) -> None:
        props = resource_props(args, kwargs, _OUTPUTS, default_name=resource_name)
        super().__init__(_PROVIDER, resource_name, props, opts)


_OUTPUTS = tuple(Acl.__annotations__)
