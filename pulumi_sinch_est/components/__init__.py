"""Components: several resources declared as one, from a few answers.

`SipTrunking` builds a whole trunk (trunk, ACL or credential list and their links, numbers, endpoints)
from the answers to Sinch's questions: direction, authentication and endpoint type.
"""

from ._answers import Authentication, Direction, EndpointType, SipTrunkingError
from .sip_trunking import SipTrunking, SipTrunkingArgs, SipTrunkingEndpointArgs

__all__ = [
    "Authentication",
    "Direction",
    "EndpointType",
    "SipTrunking",
    "SipTrunkingArgs",
    "SipTrunkingEndpointArgs",
    "SipTrunkingError",
]
