"""One environment's voice setup: a trunk linked to the shared ACLs and credential lists, its endpoints
and numbers.

The shared objects belong to the `network` project; this program reads their ids from the stack named
by `networkStack` (`organization/network/shared` on a self-managed backend, `<your-org>/network/shared`
on Pulumi Cloud) and owns only the links, so destroying one environment never touches what another uses.
The trunk's host name is generated from the stack name (`dev-trunk-...`, `prod-trunk-...`), so stacks
never collide on Sinch's global host names.
"""

from typing import Any

import pulumi

from pulumi_sinch_est import AclAttachment, CredentialListAttachment, Endpoint, PhoneNumberAssignment, Trunk

config = pulumi.Config()
network = pulumi.StackReference(config.require("networkStack"))


def shared_id(output: str, name: str) -> pulumi.Output[str]:
    """The id the network stack exports under `output[name]`; a clear error when it has none."""

    def pick(ids: Any) -> str:
        if name not in ids:
            raise ValueError(f"the network stack exports no {output}[{name!r}]; it has {sorted(ids)}")
        return str(ids[name])

    return network.require_output(output).apply(pick)


trunk = Trunk("trunk", name=f"Acme voice ({pulumi.get_stack()})")
for acl in config.require_object("acls"):
    AclAttachment(f"{acl}-acl-link", trunk_id=trunk.id, acl_id=shared_id("acl_ids", acl))
credential_links = [
    CredentialListAttachment(
        f"{name}-credentials-link", trunk_id=trunk.id, credential_list_id=shared_id("credential_list_ids", name)
    )
    for name in config.get_object("credentialLists") or []
]
Endpoint("pbx", trunk_id=trunk.id, address=config.require("pbxAddress"), priority=1)
if config.get_bool("deskPhone"):
    # Registering works only once the username's list is linked to this trunk.
    Endpoint(
        "deskphone",
        trunk_id=trunk.id,
        credential_username=network.require_output("desk_phone_username"),
        priority=2,
        opts=pulumi.ResourceOptions(depends_on=credential_links),
    )
for number in config.require_object("phoneNumbers"):
    PhoneNumberAssignment(f"number-{number.lstrip('+')}", phone_number=number, trunk_id=trunk.id)

pulumi.export("sip_domain", trunk.domain)
pulumi.export("host_name", trunk.host_name)
pulumi.export("trunk_id", trunk.id)
