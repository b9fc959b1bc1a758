"""Manage Sinch Elastic SIP Trunking as code with Pulumi.

Declare trunks, access control lists, credential lists, their attachments, SIP endpoints and
phone-number assignments; `pulumi up` creates them in EST's order because each resource takes the ids of
what it depends on. Credentials come from the stack config (`sinch:*`) or the environment (`SINCH_*`).
"""

from .providers._base import ProviderError
from .providers.phone_number_assignment import ProvisioningError
from .resources.acl import Acl, AclArgs, AclIpRangeArgs
from .resources.acl_attachment import AclAttachment, AclAttachmentArgs
from .resources.credential_list import CredentialArgs, CredentialList, CredentialListArgs
from .resources.credential_list_attachment import CredentialListAttachment, CredentialListAttachmentArgs
from .resources.endpoint import Endpoint, EndpointArgs
from .resources.phone_number_assignment import PhoneNumberAssignment, PhoneNumberAssignmentArgs
from .resources.trunk import Trunk, TrunkArgs

__all__ = [
    "Acl",
    "AclArgs",
    "AclAttachment",
    "AclAttachmentArgs",
    "AclIpRangeArgs",
    "CredentialArgs",
    "CredentialList",
    "CredentialListArgs",
    "CredentialListAttachment",
    "CredentialListAttachmentArgs",
    "Endpoint",
    "EndpointArgs",
    "PhoneNumberAssignment",
    "PhoneNumberAssignmentArgs",
    "ProviderError",
    "ProvisioningError",
    "Trunk",
    "TrunkArgs",
]
