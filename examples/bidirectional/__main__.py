"""Workflow C: inbound and outbound on one trunk.

Outbound calls are accepted from the office's addresses (ACL); inbound calls to the numbers go to the
primary PBX, and to the failover when the primary does not answer (lower priority is tried first).
"""

import pulumi

from pulumi_sinch_est import Acl, AclAttachment, Endpoint, PhoneNumberAssignment, Trunk

config = pulumi.Config()

trunk = Trunk("trunk", name="Acme voice")
acl = Acl("office", ip_ranges=config.require_object("officeCidrs"))
AclAttachment("office-link", trunk_id=trunk.id, acl_id=acl.id)
numbers = [
    PhoneNumberAssignment(f"number-{number.lstrip('+')}", phone_number=number, trunk_id=trunk.id)
    for number in config.require_object("phoneNumbers")
]
Endpoint("pbx", trunk_id=trunk.id, address=config.require("pbxAddress"), priority=1)
Endpoint("pbx-failover", trunk_id=trunk.id, address=config.require("failoverAddress"), priority=2)

pulumi.export("sip_domain", trunk.domain)
pulumi.export("trunk_id", trunk.id)
pulumi.export("numbers", [n.phone_number for n in numbers])
