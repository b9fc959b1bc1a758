"""Workflow D: inbound calls to a SIP device that registers from changing addresses.

The device registers with a username and password from a credential list linked to the trunk; the
registered endpoint names that username. The password is a secret stack setting:
`pulumi config set --secret sipPassword ...`.
"""

import pulumi

from pulumi_sinch_est import CredentialList, CredentialListAttachment, Endpoint, PhoneNumberAssignment, Trunk

config = pulumi.Config()
username = config.require("sipUsername")

trunk = Trunk("trunk", name="Inbound to a registered device")
credentials = CredentialList(
    "devices", credentials=[{"username": username, "password": config.require_secret("sipPassword")}]
)
link = CredentialListAttachment("devices-link", trunk_id=trunk.id, credential_list_id=credentials.id)
for number in config.require_object("phoneNumbers"):
    PhoneNumberAssignment(f"number-{number.lstrip('+')}", phone_number=number, trunk_id=trunk.id)
# The username must exist before the endpoint names it, and registering only works once the list is
# linked: depending on the link gives both.
Endpoint(
    "deskphone",
    trunk_id=trunk.id,
    credential_username=username,
    priority=1,
    transport="TLS",
    opts=pulumi.ResourceOptions(depends_on=[link]),
)

pulumi.export("sip_domain", trunk.domain)
