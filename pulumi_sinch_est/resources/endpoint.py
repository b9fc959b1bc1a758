"""`Endpoint`: where a trunk sends inbound calls, a fixed address (static) or a SIP client that
registers with a credential (registered)."""

from __future__ import annotations

from typing import TypedDict, Unpack

import pulumi
import pulumi.dynamic

from ..providers.endpoint import EndpointProvider
from ._common import MODULE, resource_props

_PROVIDER = EndpointProvider()


class EndpointArgs(TypedDict, total=False):
    """Arguments of `Endpoint`; pass them as keywords or as one `EndpointArgs(...)`. Give exactly one of
    `address` (a static endpoint) or `credential_username` (a registered one)."""

    trunk_id: pulumi.Input[str]
    """The trunk the endpoint belongs to, usually `trunk.id`. Changing it replaces the endpoint."""
    name: pulumi.Input[str]
    """Friendly name; defaults to the resource name."""
    priority: pulumi.Input[int]
    """Required, 1 to 1,000,000: lower numbers are tried first, equal numbers share calls round-robin."""
    enabled: pulumi.Input[bool]
    """Whether calls are sent to this endpoint. Default true."""
    transport: pulumi.Input[str]
    """`UDP` (default), `TCP` or `TLS`."""
    address: pulumi.Input[str]
    """Static endpoint: the IPv4 address or domain name of the PBX. Switching between static and
    registered replaces the endpoint."""
    port: pulumi.Input[int]
    """Static endpoint: the SIP port, 1-65535, default 5060. Not allowed with `credential_username`."""
    credential_username: pulumi.Input[str]
    """Registered endpoint: the username, from a credential list of the project, the SIP client
    registers with. Link that list to the trunk too, or registrations fail."""
    import_id: pulumi.Input[str]
    """Id of an existing endpoint of `trunk_id` to adopt instead of creating one; the next preview shows
    any drift."""


class Endpoint(pulumi.dynamic.Resource, module=MODULE, name="Endpoint"):
    """A SIP endpoint of a trunk: where it sends inbound calls, a fixed address (static) or a SIP client
    that registers with a credential (registered). Its id is the API's endpoint id.

    Example::

        trunk = Trunk("trunk")
        Endpoint("pbx", trunk_id=trunk.id, address="203.0.113.10", priority=1)
        Endpoint("desk-phone", trunk_id=trunk.id, credential_username="desk-phone", priority=2)

    Arguments (keywords, or one `EndpointArgs`):
        trunk_id: The trunk the endpoint belongs to, usually `trunk.id`. Changing it replaces the endpoint.
        name: Friendly name; defaults to the resource name.
        priority: Required, 1 to 1,000,000: lower numbers are tried first, equal numbers share calls round-robin.
        enabled: Whether calls are sent to this endpoint. Default true.
        transport: `UDP` (default), `TCP` or `TLS`.
        address: Static endpoint: the IPv4 address or domain name of the PBX. Switching between static and
            registered replaces the endpoint.
        port: Static endpoint: the SIP port, 1-65535, default 5060. Not allowed with `credential_username`.
        credential_username: Registered endpoint: the username, from a credential list of the project, the SIP
            client registers with. Link that list to the trunk too, or registrations fail.
        import_id: Id of an existing endpoint of `trunk_id` to adopt instead of creating one; the next preview shows
            any drift.

    Outputs, besides `id`:
        `trunk_id`, `name`, `priority`, `enabled`, `transport`, `address`, `credential_username`, `import_id`: echo
            the arguments as applied (defaults filled in, values normalised).
        port: 5060 unless set, for static endpoints; none for registered ones.

    Reference page: docs/reference/endpoint.md.
    """

    trunk_id: pulumi.Output[str]
    name: pulumi.Output[str]
    priority: pulumi.Output[int]
    enabled: pulumi.Output[bool]
    transport: pulumi.Output[str]
    address: pulumi.Output[str | None]
    port: pulumi.Output[int | None]
    """5060 unless set, for static endpoints; none for registered ones."""
    credential_username: pulumi.Output[str | None]
    import_id: pulumi.Output[str | None]

    def __init__(
        self,
        resource_name: str,
        args: EndpointArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[EndpointArgs],
    ) -> None:
        props = resource_props(args, kwargs, _OUTPUTS, default_name=resource_name)
        super().__init__(_PROVIDER, resource_name, props, opts)


_OUTPUTS = tuple(Endpoint.__annotations__)
