"""The shared network project: ACLs and credential lists that several voice stacks link to.

One team owns the addresses and SIP credentials; every environment's trunk (the `voice` project's `dev`
and `prod` stacks) links to them by id, read through a StackReference to this stack. Changing an ACL
here updates it in place for every trunk linked to it, with no change in the voice stacks. A list that
is still linked to a trunk cannot be deleted, so destroy the voice stacks before this one.
"""

import pulumi

from pulumi_sinch_est import Acl, CredentialList

config = pulumi.Config()

office = Acl("office", ip_ranges=config.require_object("officeCidrs"))
lab = Acl("lab", ip_ranges=config.require_object("labCidrs"))
devices = CredentialList(
    "devices",
    credentials=[
        {"username": config.require("deskPhoneUsername"), "password": config.require_secret("deskPhonePassword")}
    ],
)

# What the voice stacks read: ids by the names their config uses, and the desk phone's username.
pulumi.export("acl_ids", {"office": office.id, "lab": lab.id})
pulumi.export("credential_list_ids", {"devices": devices.id})
pulumi.export("desk_phone_username", config.require("deskPhoneUsername"))
