"""The wire models of the EST, Numbers and call-history APIs, one module per API area."""

from .access_control_lists import AccessControlList, AccessControlListRequest, IpRange, IpRangeRequest
from .active_numbers import ActiveNumber, ScheduledVoiceProvisioning, VoiceConfiguration
from .call_blocking_rules import CallBlockingRule, CallBlockingRuleRequest
from .calls import Call, Money
from .country_permissions import CountryPermission
from .credential_lists import Credential, CredentialList, CredentialListRequest, CredentialRequest
from .endpoints import Endpoint, EndpointRequest
from .phone_numbers import PhoneNumber
from .trunks import Trunk, TrunkRequest

__all__ = [
    "AccessControlList",
    "AccessControlListRequest",
    "ActiveNumber",
    "Call",
    "CallBlockingRule",
    "CallBlockingRuleRequest",
    "CountryPermission",
    "Credential",
    "CredentialList",
    "CredentialListRequest",
    "CredentialRequest",
    "Endpoint",
    "EndpointRequest",
    "IpRange",
    "IpRangeRequest",
    "Money",
    "PhoneNumber",
    "ScheduledVoiceProvisioning",
    "Trunk",
    "TrunkRequest",
    "VoiceConfiguration",
]
