"""Workflow A: outbound only, from a PBX with static IPs.

Sinch accepts calls on the trunk only from the addresses in the ACL; the attachment is what links the
two, so Pulumi creates the trunk and the ACL first and removes the link before either on destroy.
"""

import pulumi

from pulumi_sinch_est import Acl, AclAttachment, Trunk

config = pulumi.Config()

trunk = Trunk("trunk", name="Outbound via ACL")
acl = Acl("office", ip_ranges=config.require_object("officeCidrs"))
AclAttachment("office-link", trunk_id=trunk.id, acl_id=acl.id)

pulumi.export("sip_domain", trunk.domain)
pulumi.export("trunk_id", trunk.id)
