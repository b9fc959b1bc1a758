"""`PhoneNumberAssignment`: routes a number rented in the project to a trunk (Numbers API voice
configuration `EST`), waiting until Sinch has provisioned it."""

from __future__ import annotations

from typing import TypedDict, Unpack

import pulumi
import pulumi.dynamic

from ..providers.phone_number_assignment import PhoneNumberAssignmentProvider
from ._common import MODULE, resource_props

_PROVIDER = PhoneNumberAssignmentProvider()


class PhoneNumberAssignmentArgs(TypedDict, total=False):
    """Arguments of `PhoneNumberAssignment`; pass them as keywords or as one
    `PhoneNumberAssignmentArgs(...)`."""

    phone_number: pulumi.Input[str]
    """The number, E.164 (`+15551234567`); it must be rented in the project and not routed to another
    trunk, Voice app or Fax service. Changing it replaces the assignment."""
    trunk_id: pulumi.Input[str]
    """The trunk to route the number to, usually `trunk.id`. Changing it moves the number in place."""
    provisioning_timeout_seconds: pulumi.Input[int]
    """How long to wait for Sinch to apply an assignment or unassignment, 1-3600 s; default 300. A
    create that times out requests the unassignment and fails."""


class PhoneNumberAssignment(pulumi.dynamic.Resource, module=MODULE, name="PhoneNumberAssignment"):
    """A number routed to a trunk. Its id is the number; destroying it unassigns the number (if it is still
    on this trunk) without releasing the rental."""

    phone_number: pulumi.Output[str]
    trunk_id: pulumi.Output[str]
    provisioning_timeout_seconds: pulumi.Output[int]
    region_code: pulumi.Output[str | None]
    """The number's country, ISO 3166-1 alpha-2 (`US`)."""

    def __init__(
        self,
        resource_name: str,
        args: PhoneNumberAssignmentArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[PhoneNumberAssignmentArgs],
    ) -> None:
        super().__init__(_PROVIDER, resource_name, resource_props(args, kwargs, _OUTPUTS), opts)


_OUTPUTS = tuple(PhoneNumberAssignment.__annotations__)
