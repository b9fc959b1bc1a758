"""`CallBlockingRule`: calls Sinch refuses, inbound by caller or outbound by callee, matched by country
or number prefix."""

from __future__ import annotations

from typing import TypedDict, Unpack

import pulumi
import pulumi.dynamic

from ..providers.call_blocking_rule import CallBlockingRuleProvider
from ._common import MODULE, resource_props

_PROVIDER = CallBlockingRuleProvider()


class CallBlockingRuleArgs(TypedDict, total=False):
    """Arguments of `CallBlockingRule`; pass them as keywords or as one `CallBlockingRuleArgs(...)`. An
    INBOUND rule takes `caller_country` and/or `caller_match`; an OUTBOUND rule `callee_country` and/or
    `callee_match`."""

    direction: pulumi.Input[str]
    """Required: `INBOUND` (calls from the PSTN) or `OUTBOUND` (calls to it); any case. Changing it
    replaces the rule (the new one is made before the old one goes)."""
    name: pulumi.Input[str]
    """Friendly name; defaults to the resource name."""
    caller_country: pulumi.Input[str]
    """INBOUND: block callers from this country, ISO 3166-1 alpha-2 (`US`)."""
    caller_match: pulumi.Input[str]
    """INBOUND: block caller numbers starting with these digits (`+1900`)."""
    callee_country: pulumi.Input[str]
    """OUTBOUND: block calls to this country, ISO 3166-1 alpha-2."""
    callee_match: pulumi.Input[str]
    """OUTBOUND: block called numbers starting with these digits (`+44870`)."""
    import_id: pulumi.Input[str]
    """Id of an existing rule to adopt instead of creating one; the next preview shows any drift."""


class CallBlockingRule(pulumi.dynamic.Resource, module=MODULE, name="CallBlockingRule"):
    """A call blocking rule: calls Sinch refuses, inbound by caller or outbound by callee, matched by country
    or number prefix. Rules are project-wide, not per trunk. Its id is the API's rule id.

    Example::

        CallBlockingRule("no-premium", direction="OUTBOUND", callee_match="+1900")

    Arguments (keywords, or one `CallBlockingRuleArgs`):
        direction: Required: `INBOUND` (calls from the PSTN) or `OUTBOUND` (calls to it); any case. Changing it
            replaces the rule (the new one is made before the old one goes).
        name: Friendly name; defaults to the resource name.
        caller_country: INBOUND: block callers from this country, ISO 3166-1 alpha-2 (`US`).
        caller_match: INBOUND: block caller numbers starting with these digits (`+1900`).
        callee_country: OUTBOUND: block calls to this country, ISO 3166-1 alpha-2.
        callee_match: OUTBOUND: block called numbers starting with these digits (`+44870`).
        import_id: Id of an existing rule to adopt instead of creating one; the next preview shows any drift.

    Outputs, besides `id`:
        `name`, `caller_country`, `caller_match`, `callee_country`, `callee_match`, `import_id`: echo the arguments
            as applied (defaults filled in, values normalised).
        direction: Upper-case, as sent (the API answers lower-case).

    Reference page: docs/reference/call_blocking_rule.md.
    """

    name: pulumi.Output[str]
    direction: pulumi.Output[str]
    """Upper-case, as sent (the API answers lower-case)."""
    caller_country: pulumi.Output[str | None]
    caller_match: pulumi.Output[str | None]
    callee_country: pulumi.Output[str | None]
    callee_match: pulumi.Output[str | None]
    import_id: pulumi.Output[str | None]

    def __init__(
        self,
        resource_name: str,
        args: CallBlockingRuleArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[CallBlockingRuleArgs],
    ) -> None:
        props = resource_props(args, kwargs, _OUTPUTS, default_name=resource_name)
        super().__init__(_PROVIDER, resource_name, props, opts)


_OUTPUTS = tuple(CallBlockingRule.__annotations__)
