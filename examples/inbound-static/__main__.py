"""Workflow B: inbound only, to a PBX at a fixed address.

Calls to the assigned numbers are sent to the static endpoint. Numbers and the endpoint hang off the
trunk, so they are created after it and removed before it.
"""

import pulumi

from pulumi_sinch_est import Endpoint, PhoneNumberAssignment, Trunk

config = pulumi.Config()

trunk = Trunk("trunk", name="Inbound to a static PBX")
for number in config.require_object("phoneNumbers"):
    PhoneNumberAssignment(f"number-{number.lstrip('+')}", phone_number=number, trunk_id=trunk.id)
Endpoint("pbx", trunk_id=trunk.id, address=config.require("pbxAddress"), port=5060, priority=1)

pulumi.export("sip_domain", trunk.domain)
