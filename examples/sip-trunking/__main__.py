"""One declaration for a whole trunk: the answers to Sinch's three questions, and the addresses and
numbers they call for.

Here: calls both ways; outbound calls admitted from the office's addresses (ACL); inbound calls to the
numbers sent to a primary PBX, then to a failover (endpoints are tried in the order listed). SipTrunking
declares the trunk, the ACL and its link, the number assignments and the endpoints, in EST's order, and
stops the preview with the reason if an answer contradicts another or something they need is missing.
"""

import pulumi

from pulumi_sinch_est import SipTrunking

config = pulumi.Config()

trunking = SipTrunking(
    "acme",
    direction="both",
    authentication="acl",
    endpoint_type="static",
    acl_cidrs=config.require_object("officeCidrs"),
    endpoints=[
        {"name": "pbx", "address": config.require("pbxAddress")},
        {"name": "pbx-failover", "address": config.require("failoverAddress")},
    ],
    phone_numbers=config.require_object("phoneNumbers"),
)

pulumi.export("sip_domain", trunking.domain)
pulumi.export("workflow", trunking.workflow)
pulumi.export("trunk_id", trunking.trunk_id)
pulumi.export("endpoint_ids", trunking.endpoint_ids)
pulumi.export("numbers", trunking.phone_numbers)
