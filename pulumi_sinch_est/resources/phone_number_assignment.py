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
    """A number rented in the project, routed to a trunk, waiting until Sinch has provisioned it. Its id is
    the number.

    A number already on the declared trunk is taken over with no write; one routed to another trunk, a
    Voice app or a Fax service is refused, not taken. Destroying the resource unassigns the number (if it
    is still on this trunk) without releasing the rental.

    Example::

        trunk = Trunk("trunk")
        PhoneNumberAssignment("main-number", phone_number="+15550001001", trunk_id=trunk.id)

    Arguments (keywords, or one `PhoneNumberAssignmentArgs`):
        phone_number: The number, E.164 (`+15551234567`); it must be rented in the project and not routed to another
            trunk, Voice app or Fax service. Changing it replaces the assignment.
        trunk_id: The trunk to route the number to, usually `trunk.id`. Changing it moves the number in place.
        provisioning_timeout_seconds: How long to wait for Sinch to apply an assignment or unassignment, 1-3600 s;
            default 300. A create that times out requests the unassignment and fails.

    Outputs, besides `id`:
        `phone_number`, `trunk_id`, `provisioning_timeout_seconds`: echo the arguments as applied (defaults filled
            in, values normalised).
        region_code: The number's country, ISO 3166-1 alpha-2 (`US`).

    Reference page: docs/reference/phone_number_assignment.md.
    """

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
