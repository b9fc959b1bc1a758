"""A Sinch Elastic SIP trunk for one PBX at a fixed public address: inbound calls to the PBX on the
project's numbers, outbound calls from it admitted by an access control list (Sinch's workflow C).

Credentials come from the stack config (`sinch:projectId`, `sinch:keyId`, `sinch:keySecret`); see
https://github.com/<org>/pulumi-sinch-est#readme for the reference of every resource.
"""

import pulumi

from pulumi_sinch_est import SipTrunking

config = pulumi.Config()
pbx_address = config.require("pbxAddress")
phone_numbers = [n.strip() for n in config.require("phoneNumbers").split(",") if n.strip()]

trunk = SipTrunking(
    "voice",
    direction="both",
    authentication="acl",
    endpoint_type="static",
    acl_cidrs=[f"{pbx_address}/32"],
    endpoints=[{"name": "pbx", "address": pbx_address}],
    phone_numbers=phone_numbers,
)

pulumi.export("sip_domain", trunk.domain)  # point the PBX's SIP trunk here
pulumi.export("trunk_id", trunk.trunk_id)
pulumi.export("workflow", trunk.workflow)
