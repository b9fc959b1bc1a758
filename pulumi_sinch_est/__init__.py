"""Manage Sinch Elastic SIP Trunking as code with Pulumi.

Declare trunks, access control lists, credential lists, their attachments, SIP endpoints, phone-number
assignments (one by one or in bulk), country permissions and call blocking rules, or a whole trunk at
once with the `SipTrunking` component; `pulumi up` creates them in EST's order because each resource takes
the ids of what it depends on. Credentials come from the stack config (`sinch:*`) or the environment
(`SINCH_*`).
"""

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
