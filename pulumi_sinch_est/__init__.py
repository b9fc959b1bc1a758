"""Manage Sinch Elastic SIP Trunking as code with Pulumi.

Declare trunks, access control lists, credential lists, their attachments, SIP endpoints, phone-number
assignments (one by one or in bulk), country permissions and call blocking rules, or a whole trunk at
once with the `SipTrunking` component; `pulumi up` creates them in EST's order because each resource takes
the ids of what it depends on. Credentials come from the stack config (`sinch:*`) or the environment
(`SINCH_*`).

Every name is imported on first use (module `__getattr__`): the dynamic-provider host imports this
package before each provider process's first call (it unpickles a provider by reference), and a provider
needs none of the resource classes, components or the HTTP client to answer a `check` or a `diff`.
"""

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .components import (
        Authentication,
        Direction,
        EndpointType,
        SipTrunking,
        SipTrunkingArgs,
        SipTrunkingEndpointArgs,
        SipTrunkingError,
    )
    from .errors import SinchEstError
    from .providers._base import ProviderError
    from .providers._provisioning import ProvisioningError
    from .resources.acl import Acl, AclArgs, AclIpRangeArgs
    from .resources.acl_attachment import AclAttachment, AclAttachmentArgs
    from .resources.call_blocking_rule import CallBlockingRule, CallBlockingRuleArgs
    from .resources.country_permission import CountryPermission, CountryPermissionArgs
    from .resources.credential_list import CredentialArgs, CredentialList, CredentialListArgs
    from .resources.credential_list_attachment import CredentialListAttachment, CredentialListAttachmentArgs
    from .resources.endpoint import Endpoint, EndpointArgs
    from .resources.phone_number_assignment import PhoneNumberAssignment, PhoneNumberAssignmentArgs
    from .resources.phone_number_assignments import PhoneNumberAssignments, PhoneNumberAssignmentsArgs
    from .resources.trunk import Trunk, TrunkArgs

_EXPORTS = {
    "Acl": ".resources.acl",
    "AclArgs": ".resources.acl",
    "AclAttachment": ".resources.acl_attachment",
    "AclAttachmentArgs": ".resources.acl_attachment",
    "AclIpRangeArgs": ".resources.acl",
    "Authentication": ".components",
    "CallBlockingRule": ".resources.call_blocking_rule",
    "CallBlockingRuleArgs": ".resources.call_blocking_rule",
    "CountryPermission": ".resources.country_permission",
    "CountryPermissionArgs": ".resources.country_permission",
    "CredentialArgs": ".resources.credential_list",
    "CredentialList": ".resources.credential_list",
    "CredentialListArgs": ".resources.credential_list",
    "CredentialListAttachment": ".resources.credential_list_attachment",
    "CredentialListAttachmentArgs": ".resources.credential_list_attachment",
    "Direction": ".components",
    "Endpoint": ".resources.endpoint",
    "EndpointArgs": ".resources.endpoint",
    "EndpointType": ".components",
    "PhoneNumberAssignment": ".resources.phone_number_assignment",
    "PhoneNumberAssignmentArgs": ".resources.phone_number_assignment",
    "PhoneNumberAssignments": ".resources.phone_number_assignments",
    "PhoneNumberAssignmentsArgs": ".resources.phone_number_assignments",
    "ProviderError": ".providers._base",
    "ProvisioningError": ".providers._provisioning",
    "SinchEstError": ".errors",
    "SipTrunking": ".components",
    "SipTrunkingArgs": ".components",
    "SipTrunkingEndpointArgs": ".components",
    "SipTrunkingError": ".components",
    "Trunk": ".resources.trunk",
    "TrunkArgs": ".resources.trunk",
}
"""Where each public name lives; imported on first use (see the module docstring)."""

__all__ = [
    "Acl",
    "AclArgs",
    "AclAttachment",
    "AclAttachmentArgs",
    "AclIpRangeArgs",
    "Authentication",
    "CallBlockingRule",
    "CallBlockingRuleArgs",
    "CountryPermission",
    "CountryPermissionArgs",
    "CredentialArgs",
    "CredentialList",
    "CredentialListArgs",
    "CredentialListAttachment",
    "CredentialListAttachmentArgs",
    "Direction",
    "Endpoint",
    "EndpointArgs",
    "EndpointType",
    "PhoneNumberAssignment",
    "PhoneNumberAssignmentArgs",
    "PhoneNumberAssignments",
    "PhoneNumberAssignmentsArgs",
    "ProviderError",
    "ProvisioningError",
    "SinchEstError",
    "SipTrunking",
    "SipTrunkingArgs",
    "SipTrunkingEndpointArgs",
    "SipTrunkingError",
    "Trunk",
    "TrunkArgs",
]


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
