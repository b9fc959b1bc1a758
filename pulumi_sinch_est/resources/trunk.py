"""`Trunk`: a Sinch Elastic SIP trunk, the object every other EST resource hangs off."""

from __future__ import annotations

from typing import TypedDict, Unpack

import pulumi
import pulumi.dynamic

from ..providers.trunk import HOST_NAME_SEED, TrunkProvider
from ._common import MODULE, resource_props

_PROVIDER = TrunkProvider()


class TrunkArgs(TypedDict, total=False):
    """Arguments of `Trunk`; pass them as keywords or as one `TrunkArgs(...)`."""

    name: pulumi.Input[str]
    """Friendly name shown in the Sinch dashboard; defaults to the resource name."""
    host_name: pulumi.Input[str]
    """The label of the trunk's SIP domain, `<host_name>.pstn.sinch.com`: 1-63 letters, digits or '-',
    unique across Sinch. Generated from the stack and resource name when omitted, then kept. Changing it
    replaces the trunk."""
    enable_caller_name: pulumi.Input[bool]
    """CNAM lookup on inbound calls (US/Canada only). Default false."""
    enable_call_forward: pulumi.Input[bool]
    """Forward inbound calls no SIP endpoint answers to `call_forward_number`. Default false."""
    call_forward_number: pulumi.Input[str]
    """E.164 number to forward to; required when `enable_call_forward` is true."""
    import_id: pulumi.Input[str]
    """Id of an existing trunk to adopt instead of creating one; the next preview shows any drift."""


class Trunk(pulumi.dynamic.Resource, module=MODULE, name="Trunk"):
    """A SIP trunk, the object every other EST resource hangs off. Its id is the API's trunk id.

    Send SIP to `domain` (`<host_name>.pstn.sinch.com`), never to `trunk.pstn.sinch.com`.

    Example::

        trunk = Trunk("trunk", name="Acme voice")  # host name generated and kept
        pulumi.export("sip_domain", trunk.domain)

    Arguments (keywords, or one `TrunkArgs`):
        name: Friendly name shown in the Sinch dashboard; defaults to the resource name.
        host_name: The label of the trunk's SIP domain, `<host_name>.pstn.sinch.com`: 1-63 letters, digits or '-',
            unique across Sinch. Generated from the stack and resource name when omitted, then kept. Changing it
            replaces the trunk.
        enable_caller_name: CNAM lookup on inbound calls (US/Canada only). Default false.
        enable_call_forward: Forward inbound calls no SIP endpoint answers to `call_forward_number`. Default false.
        call_forward_number: E.164 number to forward to; required when `enable_call_forward` is true.
        import_id: Id of an existing trunk to adopt instead of creating one; the next preview shows any drift.

    Outputs, besides `id`:
        `name`, `host_name`, `enable_caller_name`, `enable_call_forward`, `call_forward_number`, `import_id`: echo
            the arguments as applied (defaults filled in, values normalised).
        domain: The trunk's SIP domain, `<host_name>.pstn.sinch.com`: the domain of From, To and Request-URI.
        top_level_domain: The part of `domain` after `host_name`, as the API reports it (`pstn.sinch.com`).
        calls_per_second: Call-per-second limit (default 1; exceeding it gives SIP 603). Only Sinch support changes
            it.

    Reference page: docs/reference/trunk.md.
    """

    name: pulumi.Output[str]
    host_name: pulumi.Output[str]
    enable_caller_name: pulumi.Output[bool]
    enable_call_forward: pulumi.Output[bool]
    call_forward_number: pulumi.Output[str | None]
    import_id: pulumi.Output[str | None]
    domain: pulumi.Output[str]
    """The trunk's SIP domain, `<host_name>.pstn.sinch.com`: the domain of From, To and Request-URI."""
    top_level_domain: pulumi.Output[str]
    """The part of `domain` after `host_name`, as the API reports it (`pstn.sinch.com`)."""
    calls_per_second: pulumi.Output[int]
    """Call-per-second limit (default 1; exceeding it gives SIP 603). Only Sinch support changes it."""

    def __init__(
        self,
        resource_name: str,
        args: TrunkArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[TrunkArgs],
    ) -> None:
        props = resource_props(args, kwargs, _OUTPUTS, default_name=resource_name)
        props[HOST_NAME_SEED] = f"{pulumi.get_stack()}-{resource_name}"
        super().__init__(_PROVIDER, resource_name, props, opts)


_OUTPUTS = tuple(Trunk.__annotations__)
