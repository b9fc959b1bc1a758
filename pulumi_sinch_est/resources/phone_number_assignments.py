"""`PhoneNumberAssignments`: many numbers rented in the project routed to one trunk by one resource,
assigned a bounded number at a time inside one provider call (the engine runs only four calls at once)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypedDict, Unpack

import pulumi
import pulumi.dynamic

from ..providers._provisioning import ProvisioningError
from ..providers.phone_number_assignments import PhoneNumberAssignmentsProvider, summary
from ._common import MODULE, resource_props

_PROVIDER = PhoneNumberAssignmentsProvider()


class PhoneNumberAssignmentsArgs(TypedDict, total=False):
    """Arguments of `PhoneNumberAssignments`; pass them as keywords or as one
    `PhoneNumberAssignmentsArgs(...)`."""

    trunk_id: pulumi.Input[str]
    """The trunk to route every number to, usually `trunk.id`. Changing it moves the numbers in place."""
    phone_numbers: pulumi.Input[Sequence[pulumi.Input[str]]]
    """The numbers, E.164 (`+15551234567`), each once, in any order; each must be rented in the project and
    not routed to another trunk, Voice app or Fax service. Adding or removing one changes only that one."""
    provisioning_timeout_seconds: pulumi.Input[int]
    """How long to wait for Sinch to apply each number's assignment or unassignment, 1-3600 s; default 300."""
    concurrency: pulumi.Input[int]
    """How many numbers are worked on at once, 1-16; default 16. Lower it if Sinch rate-limits the project."""


class PhoneNumberAssignments(pulumi.dynamic.Resource, module=MODULE, name="PhoneNumberAssignments"):
    """Many numbers rented in the project routed to one trunk by one resource, 16 at a time inside one
    provider call. Its id is generated (`numbers-<random>`): the resource is a set of numbers, not an API
    object.

    Each number follows the `PhoneNumberAssignment` rules: one already on the trunk is taken over with no
    write, one routed elsewhere is refused. Destroying it unassigns each number still on the trunk, without
    releasing the rentals. A number that cannot be assigned does not undo the others: they are kept in the
    state, the failed ones are listed in `failed_numbers`, the `up` fails naming each, and the next `up`
    retries them.

    Example::

        trunk = Trunk("trunk")
        PhoneNumberAssignments("numbers", trunk_id=trunk.id, phone_numbers=["+15550001001", "+15550001002"])

    Arguments (keywords, or one `PhoneNumberAssignmentsArgs`):
        trunk_id: The trunk to route every number to, usually `trunk.id`. Changing it moves the numbers in place.
        phone_numbers: The numbers, E.164 (`+15551234567`), each once, in any order; each must be rented in the
            project and not routed to another trunk, Voice app or Fax service. Adding or removing one changes only
            that one.
        provisioning_timeout_seconds: How long to wait for Sinch to apply each number's assignment or unassignment,
            1-3600 s; default 300.
        concurrency: How many numbers are worked on at once, 1-16; default 16. Lower it if Sinch rate-limits the
            project.

    Outputs, besides `id`:
        `trunk_id`, `provisioning_timeout_seconds`, `concurrency`: echo the arguments as applied (defaults filled
            in, values normalised).
        phone_numbers: The numbers this resource has assigned, each with the trunk it is on.
        region_codes: Each number's country, ISO 3166-1 alpha-2 (`US`).
        failed_numbers: The numbers the last `up` could not assign, move or unassign, with the reason; empty when
            all went well.

    Reference page: docs/reference/phone_number_assignments.md.
    """

    trunk_id: pulumi.Output[str]
    phone_numbers: pulumi.Output[dict[str, str]]
    """The numbers this resource has assigned, each with the trunk it is on."""
    provisioning_timeout_seconds: pulumi.Output[int]
    concurrency: pulumi.Output[int]
    region_codes: pulumi.Output[dict[str, str]]
    """Each number's country, ISO 3166-1 alpha-2 (`US`)."""
    failed_numbers: pulumi.Output[dict[str, str]]
    """The numbers the last `up` could not assign, move or unassign, with the reason; empty when all went
    well."""

    def __init__(
        self,
        resource_name: str,
        args: PhoneNumberAssignmentsArgs | None = None,
        opts: pulumi.ResourceOptions | None = None,
        **kwargs: Unpack[PhoneNumberAssignmentsArgs],
    ) -> None:
        super().__init__(_PROVIDER, resource_name, resource_props(args, kwargs, _OUTPUTS), opts)
        self.failed_numbers.apply(lambda failures: _report(resource_name, failures))


def _report(resource_name: str, failures: Mapping[str, str] | None) -> None:
    """Fail the program once the resource is recorded: the provider cannot fail a create or update
    without the engine forgetting the numbers it did assign (see the provider's docstring)."""
    if failures:
        raise ProvisioningError(summary(f"PhoneNumberAssignments {resource_name}", failures))


_OUTPUTS = tuple(PhoneNumberAssignments.__annotations__)
