"""Workflow E: outbound only, from a PBX whose address changes, authenticated by SIP digest.

The PBX answers Sinch's digest challenge with a username and password from the linked credential
list. The password is a secret stack setting: `pulumi config set --secret sipPassword ...`.
"""

import pulumi

from pulumi_sinch_est import CredentialList, CredentialListAttachment, Trunk

config = pulumi.Config()

trunk = Trunk("trunk", name="Outbound with digest auth")
credentials = CredentialList(
    "pbx",
    credentials=[{"username": config.require("sipUsername"), "password": config.require_secret("sipPassword")}],
)
CredentialListAttachment("pbx-link", trunk_id=trunk.id, credential_list_id=credentials.id)

pulumi.export("sip_domain", trunk.domain)
